//! Tags evidence with the phase it describes: recruitment (before leaving home) or
//! destination (at the place of work), from the rule's own `phase:` or from phase cues in the
//! text ("before I left", "when we arrived", "по приезде"), which is what the Delphi
//! strengths depend on. Works on the scan result; the matcher is not involved.

use crate::assessment_cues::{DESTINATION_SLOT, RECRUITMENT_SLOT};
use crate::assessment_rules::Phase;
use crate::cue_index::SentenceLists;
use std::ops::Range;

/// The phase cues of one text.
#[derive(Debug, Clone)]
pub struct PhaseMap {
    /// Every cue: (sentence, document byte offset of the cue, phase), ascending. Kept flat
    /// rather than a list per sentence: most sentences have none, and a long text has
    /// millions of sentences.
    cues: Vec<(usize, usize, Phase)>,
    /// A cue also sets the phase of this many sentences after its own.
    window: usize,
}

impl PhaseMap {
    /// No cues yet; a cue will set the phase of its own sentence and of the next `window`
    /// sentences, until another cue.
    pub fn new(window: usize) -> Self {
        PhaseMap {
            cues: Vec::new(),
            window,
        }
    }

    /// Finds the cues of each sentence's language in the sentences `lists` covers (after
    /// those added before), searching each list only where `lists` says it may match.
    pub fn add(&mut self, folded: &str, sentences: &[Range<usize>], lists: &SentenceLists<'_>) {
        for i in lists.sentences() {
            let Some((_, words)) = lists.lang(i) else {
                continue;
            };
            let range = sentences[i].clone();
            let text = &folded[range.clone()];
            let first = self.cues.len();
            for (set, slot, phase) in [
                (&words.recruitment, RECRUITMENT_SLOT, Phase::Recruitment),
                (&words.destination, DESTINATION_SLOT, Phase::Destination),
            ] {
                if let Some(set) = set {
                    self.cues.extend(
                        lists
                            .find_all(set, slot, i, text)
                            .into_iter()
                            .map(|(s, _)| (i, s + range.start, phase)),
                    );
                }
            }
            self.cues[first..].sort_unstable();
        }
    }

    /// The phase of a match at byte `offset` in sentence `sentence`: the nearest cue before it
    /// in the sentence, else the first cue after it in the sentence, else the phase carried
    /// from the last cue of the `window` sentences before.
    pub fn at(&self, sentence: usize, offset: usize) -> Phase {
        let from = self.cues.partition_point(|c| c.0 < sentence);
        let to = self.cues.partition_point(|c| c.0 <= sentence);
        let own = &self.cues[from..to];
        if let Some(&(_, _, phase)) = own
            .iter()
            .rev()
            .find(|c| c.1 <= offset)
            .or_else(|| own.first())
        {
            return phase;
        }
        match from.checked_sub(1).map(|k| self.cues[k]) {
            Some((earlier, _, phase)) if sentence - earlier <= self.window => phase,
            _ => Phase::Unknown,
        }
    }
}

/// The phase of one piece of evidence: the rule's own phase first, then the text's cues.
pub fn evidence_phase(
    rule_phase: Option<Phase>,
    map: &PhaseMap,
    sentence: usize,
    offset: usize,
) -> Phase {
    rule_phase.unwrap_or_else(|| map.at(sentence, offset))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fold::fold;
    use crate::ruleset::RuleSet;
    use std::collections::HashSet;

    fn phases(text: &str, lang: &str, probes: &[&str]) -> Vec<Phase> {
        let rules = RuleSet::builtin().unwrap();
        let sentences = crate::text::sentences(text, &HashSet::new());
        let langs = vec![Some(lang.to_string()); sentences.len()];
        let folded = fold(text);
        let lists = SentenceLists::new(&folded, &sentences, &langs, &rules.assessment);
        let mut map = PhaseMap::new(rules.assessment.phase_window);
        map.add(&folded, &sentences, &lists);
        probes
            .iter()
            .map(|p| {
                let at = text.find(p).unwrap();
                let s = sentences.iter().position(|r| r.contains(&at)).unwrap();
                map.at(s, at)
            })
            .collect()
    }

    use Phase::*;

    #[test]
    fn a_cue_sets_its_sentence_and_what_follows_within_the_window() {
        let text = "Before I left, the agent asked for money. He kept my passport. \
                    When we arrived the boss locked the gate. We worked every day. \
                    Food was bad. Nobody helped. Then winter came.";
        assert_eq!(
            phases(
                text,
                "en",
                &[
                    "asked for money",
                    "kept my passport",
                    "locked the gate",
                    "worked every",
                    "Food",
                    "Nobody",
                    "winter"
                ]
            ),
            [
                Recruitment,
                Recruitment,
                Destination,
                Destination,
                Destination,
                Destination,
                Unknown
            ]
        );
    }

    #[test]
    fn two_cues_in_one_sentence_the_nearest_before_wins() {
        let text = "The recruiter took my passport and when we landed the foreman kept it.";
        assert_eq!(
            phases(text, "en", &["took my passport", "kept it"]),
            [Recruitment, Destination]
        );
        // A cue after the match in the same sentence still applies when none is before it.
        assert_eq!(
            phases("He took my passport on arrival.", "en", &["took"]),
            [Destination]
        );
    }

    #[test]
    fn russian_cues_on_folded_text() {
        let text = "Ещё дома посредник взял деньги за билет. По приезде бригадир забрал паспорта. Потом не платили.";
        assert_eq!(
            phases(text, "ru", &["взял деньги", "забрал", "не платили"]),
            [Recruitment, Destination, Destination]
        );
    }

    #[test]
    fn no_cue_is_unknown_and_a_rule_phase_comes_first() {
        let text = "The foreman took our passports.";
        assert_eq!(phases(text, "en", &["took"]), [Unknown]);
        let rules = RuleSet::builtin().unwrap();
        let s: Vec<Range<usize>> = std::iter::once(0..text.len()).collect();
        let folded = fold(text);
        let lists = SentenceLists::new(&folded, &s, &[Some("en")], &rules.assessment);
        let mut map = PhaseMap::new(rules.assessment.phase_window);
        map.add(&folded, &s, &lists);
        assert_eq!(evidence_phase(Some(Recruitment), &map, 0, 4), Recruitment);
        assert_eq!(evidence_phase(None, &map, 0, 4), Unknown);
    }
}
