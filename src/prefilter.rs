//! Finds, in one pass of a multi-pattern automaton over the folded text, which term lists of a
//! language pack could match in which sentences. Only those (list, sentence) pairs are then
//! searched with the lists' regexes, so the cost of a document grows with what it mentions,
//! not with the number of rules, and regexes whose anchors never occur are never compiled.

use crate::term::TermSet;
use crate::term_program::contains_digit;
use aho_corasick::{AhoCorasick, MatchKind};
use std::collections::HashMap;
use std::ops::Range;

/// The anchors of every term list of one pack, compiled into one automaton.
#[derive(Debug, Clone)]
pub struct Prefilter {
    automaton: Option<AhoCorasick>,
    /// For each anchor literal (automaton pattern id): the (term list, term) pairs it is an
    /// anchor of, so a list is searched only for the terms whose anchors occur. A raw
    /// regex's anchors name the list with [`WHOLE_LIST`].
    owners: Vec<Vec<(u32, u32)>>,
    /// Terms with no fixed word but a number ("#"): possible wherever a digit is.
    numbers: Vec<(u32, u32)>,
    /// Term lists searched in every sentence, with all their terms: raw regexes without
    /// anchors and lists holding a term with neither a fixed word nor a number.
    always: Vec<usize>,
    lists: usize,
}

/// In an owner pair, stands for "every term of the list" (a raw regex has no terms).
const WHOLE_LIST: u32 = u32::MAX;

/// Where each term list of a pack may match in a run of sentences: for each list, its
/// candidate sentences (ascending) and there which terms. Stored flat, list after list, so a
/// text costs a handful of allocations rather than a few per list.
#[derive(Debug, Clone, Default)]
pub struct Candidates {
    /// `sentences[offsets[l]..offsets[l + 1]]` are list `l`'s sentences.
    offsets: Vec<u32>,
    sentences: Vec<u32>,
    /// Beside each sentence: the terms that may match there (a range of `terms`), or None
    /// when every term must be tried.
    choice: Vec<Option<Range<u32>>>,
    terms: Vec<u32>,
}

impl Candidates {
    /// The readable sentences (ascending) where `list` may match.
    pub fn sentences(&self, list: usize) -> &[u32] {
        &self.sentences[self.offsets[list] as usize..self.offsets[list + 1] as usize]
    }

    /// The terms of `list` that may match in `sentence` (ascending indexes in list order),
    /// or None when all must be tried; `sentence` must be one of the list's candidates.
    pub fn terms(&self, list: usize, sentence: usize) -> Option<&[u32]> {
        let from = self.offsets[list] as usize;
        let at = from
            + self
                .sentences(list)
                .binary_search(&(sentence as u32))
                .ok()?;
        let range = self.choice[at].clone()?;
        Some(&self.terms[range.start as usize..range.end as usize])
    }
}

impl Prefilter {
    /// The lists are numbered in the order given.
    pub fn new<'a>(lists: impl IntoIterator<Item = &'a TermSet>) -> Self {
        let mut literals: Vec<String> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut owners: Vec<Vec<(u32, u32)>> = Vec::new();
        let mut numbers = Vec::new();
        let mut always = Vec::new();
        let mut add = |anchor: &String, owner: (u32, u32)| {
            let id = *index.entry(anchor.clone()).or_insert_with(|| {
                literals.push(anchor.clone());
                owners.push(Vec::new());
                literals.len() - 1
            });
            owners[id].push(owner);
        };
        let mut count = 0;
        for (list, set) in lists.into_iter().enumerate() {
            count += 1;
            let Some(terms) = set.terms() else {
                match set.anchors() {
                    Some(anchors) => anchors
                        .iter()
                        .for_each(|a| add(a, (list as u32, WHOLE_LIST))),
                    None => always.push(list),
                }
                continue;
            };
            if terms.iter().any(|t| t.anchors.is_none() && !t.has_number()) {
                always.push(list);
                continue;
            }
            for (term, compiled) in terms.iter().enumerate() {
                let owner = (list as u32, term as u32);
                match &compiled.anchors {
                    Some(anchors) => anchors.iter().for_each(|a| add(a, owner)),
                    None => numbers.push(owner),
                }
            }
        }
        // Standard semantics report every anchor, including overlapping ones ("pass" inside
        // "passport"), which the overlapping search below needs.
        let automaton = if literals.is_empty() {
            None
        } else {
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .build(&literals)
                .ok()
        };
        // Should the automaton ever fail to build, every list is searched everywhere: slower,
        // never wrong.
        if automaton.is_none() && !literals.is_empty() {
            always = (0..count).collect();
            numbers.clear();
        }
        Prefilter {
            automaton,
            owners,
            numbers,
            always,
            lists: count,
        }
    }

    /// For each term list, the readable sentences in which it may match, and there which of
    /// its terms.
    pub fn candidates(
        &self,
        folded: &str,
        sentences: &[Range<usize>],
        readable: &[bool],
    ) -> Candidates {
        // (list, sentence, choice) in sentence order, then grouped by list below.
        let mut entries: Vec<(u32, u32, Option<Range<u32>>)> = Vec::new();
        let mut terms: Vec<u32> = Vec::new();
        let mut hits: Vec<(u32, u32)> = Vec::new();
        for (i, range) in sentences.iter().enumerate() {
            if !readable[i] {
                continue;
            }
            let sentence = i as u32;
            for &list in &self.always {
                entries.push((list as u32, sentence, None));
            }
            let Some(automaton) = &self.automaton else {
                continue;
            };
            hits.clear();
            let text = &folded[range.clone()];
            for m in automaton.find_overlapping_iter(text) {
                hits.extend_from_slice(&self.owners[m.pattern().as_usize()]);
            }
            if !self.numbers.is_empty() && contains_digit(text) {
                hits.extend_from_slice(&self.numbers);
            }
            hits.sort_unstable();
            hits.dedup();
            for group in hits.chunk_by(|a, b| a.0 == b.0) {
                let list = group[0].0;
                if group[group.len() - 1].1 == WHOLE_LIST {
                    entries.push((list, sentence, None));
                    continue;
                }
                let start = terms.len() as u32;
                terms.extend(group.iter().map(|&(_, term)| term));
                entries.push((list, sentence, Some(start..terms.len() as u32)));
            }
        }
        // A stable sort keeps each list's sentences ascending.
        entries.sort_by_key(|e| e.0);
        let mut offsets = vec![0u32; self.lists + 1];
        for e in &entries {
            offsets[e.0 as usize + 1] += 1;
        }
        for l in 0..self.lists {
            offsets[l + 1] += offsets[l];
        }
        let (sentences, choice) = entries.into_iter().map(|(_, s, c)| (s, c)).unzip();
        Candidates {
            offsets,
            sentences,
            choice,
            terms,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(terms: &[&str]) -> TermSet {
        TermSet::new(&terms.iter().map(|s| s.to_string()).collect::<Vec<_>>()).unwrap()
    }

    #[test]
    fn candidates_are_the_sentences_holding_an_anchor() {
        let lists = vec![
            set(&["took * passport*"]),
            set(&["unpaid"]),
            TermSet::raw(r"\w+"),
        ];
        let text = "they took my passport. we were paid. the passport office";
        let sentences = vec![0..22, 23..36, 37..text.len()];
        let got = Prefilter::new(&lists).candidates(text, &sentences, &[true, true, true]);
        assert_eq!(got.sentences(0), vec![0, 2]);
        assert!(
            got.sentences(1).is_empty(),
            "\"paid\" does not contain the anchor \"unpaid\""
        );
        assert_eq!(
            got.sentences(2),
            vec![0, 1, 2],
            "a raw regex is searched everywhere"
        );
        assert_eq!(got.terms(2, 1), None, "with no choice of terms");
        let got = Prefilter::new(&lists).candidates(text, &sentences, &[false, true, true]);
        assert_eq!(
            got.sentences(0),
            vec![2],
            "unreadable sentences are skipped"
        );
    }

    #[test]
    fn only_terms_whose_anchors_occur_are_chosen() {
        let lists = vec![set(&["took * passport*", "unpaid", "kept|held * card*"])];
        let text = "they took my passport. they kept my card and my passport. all paid";
        let sentences = vec![0..22, 23..57, 58..text.len()];
        let got = Prefilter::new(&lists).candidates(text, &sentences, &[true, true, true]);
        assert_eq!(got.sentences(0), vec![0, 1]);
        assert_eq!(got.terms(0, 0), Some(&[0][..]));
        assert_eq!(got.terms(0, 1), Some(&[0, 2][..]));
    }

    #[test]
    fn number_terms_are_chosen_where_a_digit_is() {
        let lists = vec![set(&["#", "dollars"]), TermSet::raw(r"(?:12|14) hours")];
        let text = "we paid 300. we paid dollars. we paid ٣٠٠. 14 hours";
        let sentences = vec![
            0..12,
            13..29,
            30..text.find(". 14").unwrap() + 1,
            text.len() - 8..text.len(),
        ];
        let got = Prefilter::new(&lists).candidates(text, &sentences, &[true; 4]);
        assert_eq!(got.sentences(0), vec![0, 1, 2, 3]);
        assert_eq!(got.terms(0, 0), Some(&[0][..]));
        assert_eq!(got.terms(0, 1), Some(&[1][..]));
        assert_eq!(
            got.terms(0, 2),
            Some(&[0][..]),
            "an Arabic-Indic digit is a digit"
        );
        assert_eq!(
            got.sentences(1),
            vec![3],
            "a raw regex with anchors is prefiltered"
        );
        assert_eq!(got.terms(1, 3), None);
    }
}
