//! Finds, in one pass of a multi-pattern automaton over the folded text, which term lists of a
//! language pack could match in which sentences. Only those (list, sentence) pairs are then
//! searched with the lists' regexes, so the cost of a document grows with what it mentions,
//! not with the number of rules, and regexes whose anchors never occur are never compiled.

use crate::term::TermSet;
use aho_corasick::{AhoCorasick, MatchKind};
use std::collections::HashMap;
use std::ops::Range;

/// The anchors of every term list of one pack, compiled into one automaton.
#[derive(Debug, Clone)]
pub struct Prefilter {
    automaton: Option<AhoCorasick>,
    /// For each anchor literal (automaton pattern id): the term lists it belongs to.
    owners: Vec<Vec<usize>>,
    /// Term lists without anchors (raw regexes): searched in every sentence.
    always: Vec<usize>,
    lists: usize,
}

impl Prefilter {
    pub fn new(lists: &[TermSet]) -> Self {
        let mut literals: Vec<String> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut owners: Vec<Vec<usize>> = Vec::new();
        let mut always = Vec::new();
        for (list, set) in lists.iter().enumerate() {
            let Some(anchors) = set.anchors() else {
                always.push(list);
                continue;
            };
            for anchor in anchors {
                let id = *index.entry(anchor.clone()).or_insert_with(|| {
                    literals.push(anchor.clone());
                    owners.push(Vec::new());
                    literals.len() - 1
                });
                owners[id].push(list);
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
            always = (0..lists.len()).collect();
        }
        Prefilter {
            automaton,
            owners,
            always,
            lists: lists.len(),
        }
    }

    /// For each term list, the readable sentences (ascending) in which it may match.
    pub fn candidates(
        &self,
        folded: &str,
        sentences: &[Range<usize>],
        readable: &[bool],
    ) -> Vec<Vec<usize>> {
        let mut out: Vec<Vec<usize>> = vec![Vec::new(); self.lists];
        for (i, range) in sentences.iter().enumerate() {
            if !readable[i] {
                continue;
            }
            for &list in &self.always {
                out[list].push(i);
            }
            let Some(automaton) = &self.automaton else {
                continue;
            };
            for m in automaton.find_overlapping_iter(&folded[range.clone()]) {
                for &list in &self.owners[m.pattern().as_usize()] {
                    if out[list].last() != Some(&i) {
                        out[list].push(i);
                    }
                }
            }
        }
        out
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
        assert_eq!(got[0], vec![0, 2]);
        assert!(
            got[1].is_empty(),
            "\"paid\" does not contain the anchor \"unpaid\""
        );
        assert_eq!(got[2], vec![0, 1, 2], "a raw regex is searched everywhere");
        let got = Prefilter::new(&lists).candidates(text, &sentences, &[false, true, true]);
        assert_eq!(got[0], vec![2], "unreadable sentences are skipped");
    }
}
