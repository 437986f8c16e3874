//! Finds the facts of a job offer (rules/<lang>/assessment.yaml, `offer_facts`): what a fair
//! offer states (employer, wage, written contract, hours) and statements that lower risk
//! (employer pays the fees, worker keeps documents, contract in the worker's language). Terms
//! use the rule syntax, and negation, condition and advice cues govern them as they govern
//! rules (`scope`), so "no contract" does not count as a contract. Facts are not findings:
//! they never change the indicators or the risk level.

use crate::assessment_rules::{FactCondition, FactTerms};
use crate::cue_index::SentenceLists;
use crate::ruleset::{Cues, RuleSet};
use crate::scope::SentenceScope;
use crate::term::TermSet;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

/// The facts of one text.
#[derive(Debug, Clone, Default)]
pub struct FactsFound {
    /// Fact id -> sentences (indexes) that state it.
    pub found: BTreeMap<String, Vec<usize>>,
    /// Facts that some language of the text has terms for; only these can be "missing".
    pub checked: BTreeSet<String>,
}

/// Looks for every fact in every sentence `lists` covers, with the terms of the sentence's
/// language, searching each list only where `lists` says it may match; adds what it finds
/// to `out` (blocks of a text are added in order).
pub fn find_facts(
    folded: &str,
    sentences: &[Range<usize>],
    lists: &SentenceLists<'_>,
    rules: &RuleSet,
    out: &mut FactsFound,
) {
    // The languages whose facts were looked for, each with its cue words (runs of sentences
    // share a language, so the last one is kept at hand).
    let mut languages: Vec<(&str, &Cues)> = Vec::new();
    for i in lists.sentences() {
        let range = &sentences[i];
        let Some((lang, words)) = lists.lang(i) else {
            continue;
        };
        let cues = match languages.iter().rev().find(|(l, _)| *l == lang) {
            Some(&(_, cues)) => cues,
            None => {
                let Some(pack) = rules.packs.get(lang) else {
                    continue;
                };
                out.checked
                    .extend(words.facts.iter().map(|f| f.fact.clone()));
                languages.push((lang, &pack.cues));
                &pack.cues
            }
        };
        if folded[range.clone()].trim_end().ends_with('?') {
            continue;
        }
        // One scope per sentence, built when the first fact needs it.
        let mut scope = None;
        let search = Search::Chosen(lists, i);
        for fact in &words.facts {
            if states_in(fact, folded, range.clone(), cues, &search, &mut scope) {
                out.found.entry(fact.fact.clone()).or_default().push(i);
            }
        }
    }
}

/// True when the sentence `range` of the folded text states the fact, ungoverned by a cue.
pub fn states(fact: &FactTerms, folded: &str, range: Range<usize>, cues: &Cues) -> bool {
    states_in(fact, folded, range, cues, &Search::Full, &mut None)
}

/// How the lists of one sentence are searched.
enum Search<'l, 'a> {
    /// With the text's [`SentenceLists`] (sentence `.1`): only the terms that may match,
    /// with the sentence's word starts found once for every list and the scope.
    Chosen(&'l SentenceLists<'a>, usize),
    /// Every term of every list ([`states`], one sentence on its own).
    Full,
}

impl Search<'_, '_> {
    fn may_match(&self, slot: usize) -> bool {
        match self {
            Search::Chosen(lists, i) => lists.may_match(*i, slot),
            Search::Full => true,
        }
    }

    fn find_all(&self, set: &TermSet, slot: usize, sentence: &str) -> Vec<(usize, usize)> {
        match self {
            Search::Chosen(lists, i) => lists.find_all(set, slot, *i, sentence),
            Search::Full => set.find_all(sentence),
        }
    }

    fn scope(&self, folded: &str, range: Range<usize>, cues: &Cues) -> SentenceScope {
        match self {
            Search::Chosen(lists, i) => {
                let starts = lists.word_starts(*i);
                SentenceScope::with_finder(folded, range, cues, |_, set, s| {
                    set.find_all_in(s, starts)
                })
            }
            Search::Full => SentenceScope::new(folded, range, cues),
        }
    }
}

/// [`states`], searching as `search` says, and building the sentence's scope in `scope`
/// unless an earlier fact did.
fn states_in(
    fact: &FactTerms,
    folded: &str,
    range: Range<usize>,
    cues: &Cues,
    search: &Search<'_, '_>,
    scope: &mut Option<SentenceScope>,
) -> bool {
    let lists = fact.condition_lists();
    // A list with no anchor in the sentence cannot match, so neither can the fact.
    if !(0..lists.len()).all(|k| search.may_match(fact.first_slot + k)) {
        return false;
    }
    let sentence = &folded[range.clone()];
    if fact
        .unless
        .as_ref()
        .is_some_and(|u| !search.find_all(u, fact.unless_slot(), sentence).is_empty())
    {
        return false;
    }
    let shift = |v: Vec<(usize, usize)>| -> Vec<(usize, usize)> {
        v.into_iter()
            .map(|(s, e)| (s + range.start, e + range.start))
            .collect()
    };
    match &fact.condition {
        FactCondition::Any(set) => {
            let matches = shift(search.find_all(set, fact.first_slot, sentence));
            if matches.is_empty() {
                return false;
            }
            let scope = scope.get_or_insert_with(|| search.scope(folded, range, cues));
            matches.iter().any(|m| !scope.is_governed(&[*m], false))
        }
        FactCondition::All { groups, within } => {
            let per_group: Vec<Vec<(usize, usize)>> = groups
                .iter()
                .enumerate()
                .map(|(k, g)| shift(search.find_all(g, fact.first_slot + k, sentence)))
                .collect();
            if per_group.iter().any(Vec::is_empty) {
                return false;
            }
            let scope = scope.get_or_insert_with(|| search.scope(folded, range, cues));
            // The first ungoverned match of each list; a simpler search than the rules' own,
            // enough for facts that are short phrases.
            let mut spans = Vec::new();
            for matches in &per_group {
                match matches.iter().find(|m| !scope.is_governed(&[**m], false)) {
                    Some(m) => spans.push(*m),
                    None => return false,
                }
            }
            spans.sort_unstable();
            let last_end = spans.iter().map(|s| s.1).max().unwrap_or(spans[0].1);
            within.is_none_or(|w| scope.words_between(spans[0].0, last_end, &spans) <= w)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fold::fold;

    /// Every fact's own examples, in every language: like the rules' examples.
    #[test]
    fn every_fact_example_behaves() {
        let rules = RuleSet::builtin().unwrap();
        let mut failures = Vec::new();
        let mut checked = 0;
        for (lang, lists) in &rules.assessment.languages {
            let cues = &rules.packs[lang].cues;
            for fact in &lists.facts {
                for (examples, want) in [
                    (&fact.examples_match, true),
                    (&fact.examples_no_match, false),
                ] {
                    for ex in examples {
                        checked += 1;
                        let folded = fold(ex);
                        if states(fact, &folded, 0..folded.len(), cues) != want {
                            failures.push(format!(
                                "{lang} {}: {ex:?} should {}match",
                                fact.fact,
                                if want { "" } else { "not " }
                            ));
                        }
                    }
                }
            }
        }
        assert!(checked > 20, "only {checked} examples");
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn every_fact_has_terms_in_every_built_in_language() {
        let rules = RuleSet::builtin().unwrap();
        for (lang, lists) in &rules.assessment.languages {
            for info in &rules.assessment.offer.facts {
                assert!(
                    lists.facts.iter().any(|f| f.fact == info.id),
                    "{lang}: no terms for fact {}",
                    info.id
                );
            }
        }
        assert!(rules.assessment.languages.contains_key("en"));
        assert!(rules.assessment.languages.contains_key("ru"));
    }

    #[test]
    fn every_built_in_term_list_compiles() {
        let rules = RuleSet::builtin().unwrap();
        for (lang, l) in &rules.assessment.languages {
            let mut sets: Vec<&crate::term::TermSet> =
                [&l.recruitment, &l.destination, &l.offer, &l.account]
                    .into_iter()
                    .flatten()
                    .collect();
            for f in &l.facts {
                match &f.condition {
                    FactCondition::Any(s) => sets.push(s),
                    FactCondition::All { groups, .. } => sets.extend(groups),
                }
            }
            for s in sets {
                s.validate().unwrap_or_else(|e| panic!("{lang}: {}", e.0));
            }
        }
    }

    #[test]
    fn negated_facts_do_not_count() {
        let rules = RuleSet::builtin().unwrap();
        let text = "There is no contract. Salary 900 EUR a month.";
        let sentences = crate::text::sentences(text, &Default::default());
        let langs = vec![Some("en".to_string()); sentences.len()];
        let folded = fold(text);
        let lists = SentenceLists::new(&folded, &sentences, &langs, &rules.assessment);
        let mut found = FactsFound::default();
        find_facts(&folded, &sentences, &lists, &rules, &mut found);
        assert!(!found.found.contains_key("written-contract"));
        assert_eq!(found.found["wage-stated"], vec![1]);
        assert!(found.checked.contains("written-contract"));
    }
}
