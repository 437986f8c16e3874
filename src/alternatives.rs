//! Searches a term list one term at a time, and only the terms whose anchor words occur in
//! the text at hand (as a prefilter found: the pack's, or the list's own, see
//! [`crate::prefilter`]). Each term runs as its own small program
//! ([`crate::term_program::TermProgram`]), built the first time a text holds its anchor, so a
//! sentence is searched only for the terms it can contain.
//!
//! The results are exactly those of the alternation `(?:t1)|(?:t2)|...` with leftmost-first
//! semantics: at the leftmost position where any term matches, the first term (in list
//! order) that matches there wins, with its own end. A term whose anchors are absent from the
//! text cannot match anywhere in it, so leaving it out changes nothing.

use crate::term_cache::CompiledTerm;
use crate::term_chars::{start_key, starts_mid_word};
use std::sync::Arc;

/// The terms of one list, each with its anchors and its lazily compiled regexes (shared with
/// every other list holding the same term).
#[derive(Debug, Clone)]
pub struct Alternatives {
    terms: Vec<Arc<CompiledTerm>>,
    /// Terms by the key of the first character of their matches
    /// ([`crate::term_chars::start_key`]), so that a start position is tried only for the
    /// terms that can start there: `by_first_byte[first_offsets[k]..first_offsets[k + 1]]`
    /// (ascending term indexes).
    first_offsets: Vec<u32>,
    by_first_byte: Vec<u32>,
    /// Terms that can start with any letter (`*`, `#`, a leading wildcard), ascending.
    any_first_byte: Vec<u32>,
    /// Per term: every match starts with a word character.
    starts_with_word: Vec<bool>,
    /// Per term: the keys of the characters its matches can start with, as a 256-bit set.
    first_byte_sets: Vec<ByteSet>,
}

/// A set of bytes (here: first-character keys).
#[derive(Debug, Clone, Copy, Default)]
struct ByteSet([u64; 4]);

impl ByteSet {
    const ALL: ByteSet = ByteSet([u64::MAX; 4]);

    fn insert(&mut self, b: u8) {
        self.0[(b >> 6) as usize] |= 1 << (b & 63);
    }

    #[inline]
    fn contains(&self, b: u8) -> bool {
        self.0[(b >> 6) as usize] & (1 << (b & 63)) != 0
    }

    fn union(mut self, other: &ByteSet) -> ByteSet {
        for (a, b) in self.0.iter_mut().zip(other.0) {
            *a |= b;
        }
        self
    }
}

thread_local! {
    /// The term programs' backtracking stack, handed from one search to the next on a thread
    /// rather than allocated and grown for each (there is a search per list and sentence).
    static SCRATCH: std::cell::RefCell<Vec<(u32, usize)>> = const { std::cell::RefCell::new(Vec::new()) };
}

impl Drop for Search<'_> {
    fn drop(&mut self) {
        let stack = std::mem::take(&mut self.stack);
        SCRATCH.with(|scratch| *scratch.borrow_mut() = stack);
    }
}

/// Up to this many possible terms, a start position is tried with each of those whose first
/// bytes fit, in list order, rather than through the list's index of first bytes.
const FEW_TERMS: usize = 16;

impl Alternatives {
    /// The terms in list order.
    pub fn new(terms: &[Arc<CompiledTerm>]) -> Self {
        let mut pairs: Vec<(u8, u32)> = Vec::new();
        let mut any_first_byte = Vec::new();
        let mut first_byte_sets = Vec::with_capacity(terms.len());
        for (t, term) in terms.iter().enumerate() {
            match term.first_keys() {
                Some(bytes) => {
                    let mut set = ByteSet::default();
                    bytes.iter().for_each(|&b| set.insert(b));
                    first_byte_sets.push(set);
                    pairs.extend(bytes.into_iter().map(|b| (b, t as u32)));
                }
                None => {
                    first_byte_sets.push(ByteSet::ALL);
                    any_first_byte.push(t as u32);
                }
            }
        }
        pairs.sort_unstable();
        let mut first_offsets = vec![0u32; 257];
        for &(b, _) in &pairs {
            first_offsets[b as usize + 1] += 1;
        }
        for b in 0..256 {
            first_offsets[b + 1] += first_offsets[b];
        }
        Alternatives {
            first_byte_sets,
            starts_with_word: terms.iter().map(|t| t.starts_with_word()).collect(),
            terms: terms.to_vec(),
            first_offsets,
            by_first_byte: pairs.into_iter().map(|(_, t)| t).collect(),
            any_first_byte,
        }
    }

    /// The terms whose matches can start with a character of key `b`, ascending.
    fn starting_with(&self, b: u8) -> &[u32] {
        let (from, to) = (
            self.first_offsets[b as usize],
            self.first_offsets[b as usize + 1],
        );
        &self.by_first_byte[from as usize..to as usize]
    }

    /// How many terms the list holds.
    pub fn len(&self) -> usize {
        self.terms.len()
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// A search over `text` for the given terms only (ascending indexes in list order),
    /// whose anchors a prefilter found in it; `word_starts` are those of `text`.
    pub fn search_among<'a>(
        &'a self,
        text: &'a str,
        terms: &'a [u32],
        word_starts: &'a [usize],
    ) -> Search<'a> {
        Search::new(self, text, terms, word_starts)
    }
}

/// One text's search: the possible terms, tried start position by start position.
pub struct Search<'a> {
    alternatives: &'a Alternatives,
    text: &'a str,
    /// The possible terms, in list order.
    terms: &'a [u32],
    /// True when every possible term starts with a word character: only word starts need
    /// trying.
    word_starts_only: bool,
    /// Where words start in the text.
    word_starts: &'a [usize],
    /// Scratch space of the term programs.
    stack: Vec<(u32, usize)>,
    /// Scratch space for the ends of a term's matches at one start.
    ends: Vec<usize>,
    /// The keys of the characters a match of some possible term can start with.
    first_bytes: ByteSet,
}

impl<'a> Search<'a> {
    fn new(
        alternatives: &'a Alternatives,
        text: &'a str,
        terms: &'a [u32],
        word_starts: &'a [usize],
    ) -> Self {
        Search {
            first_bytes: terms.iter().fold(ByteSet::default(), |set, &t| {
                set.union(&alternatives.first_byte_sets[t as usize])
            }),
            word_starts_only: terms
                .iter()
                .all(|&t| alternatives.starts_with_word[t as usize]),
            word_starts,
            stack: SCRATCH.with(|scratch| std::mem::take(&mut *scratch.borrow_mut())),
            ends: Vec::new(),
            alternatives,
            text,
            terms,
        }
    }

    /// True when no term can match anywhere in the text.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The leftmost-first match of the whole list starting at or after `at` at a position
    /// that does not lie inside a word (a match there could never be a whole word): the
    /// leftmost such position where some term matches, and there the first term in list
    /// order, with its own end.
    pub fn find_at(&mut self, at: usize) -> Option<(usize, usize)> {
        if self.word_starts_only {
            let from = self.word_starts.partition_point(|&s| s < at);
            let bytes = self.text.as_bytes();
            for k in from..self.word_starts.len() {
                let start = self.word_starts[k];
                // Most word starts begin with a character no possible term starts with:
                // passed over here, before the call.
                if start < bytes.len() && !self.first_bytes.contains(start_key(bytes, start)) {
                    continue;
                }
                if let Some(end) = self.match_at(start) {
                    return Some((start, end));
                }
            }
            return None;
        }
        let text = self.text;
        for (offset, _) in text.get(at..)?.char_indices() {
            let start = at + offset;
            if starts_mid_word(text, start) {
                continue;
            }
            if let Some(end) = self.match_at(start) {
                return Some((start, end));
            }
        }
        None
    }

    /// The first possible term (in list order) matching at `start`, and its end.
    fn match_at(&mut self, start: usize) -> Option<usize> {
        let alternatives = self.alternatives;
        let bytes = self.text.as_bytes();
        if start >= bytes.len() {
            return None;
        }
        let byte = start_key(bytes, start);
        if !self.first_bytes.contains(byte) {
            return None;
        }
        if self.terms.len() <= FEW_TERMS {
            for &t in self.terms {
                let t = t as usize;
                if alternatives.first_byte_sets[t].contains(byte) {
                    let end = alternatives.terms[t].match_at(self.text, start, &mut self.stack);
                    if end.is_some() {
                        return end;
                    }
                }
            }
            return None;
        }
        let (mut a, mut b) = (
            alternatives.starting_with(byte),
            &alternatives.any_first_byte[..],
        );
        // Merge the two ascending lists, so the earlier term in list order is tried first.
        loop {
            let t = match (a.first(), b.first()) {
                (Some(&x), Some(&y)) if x < y => {
                    a = &a[1..];
                    x
                }
                (_, Some(&y)) => {
                    b = &b[1..];
                    y
                }
                (Some(&x), None) => {
                    a = &a[1..];
                    x
                }
                (None, None) => return None,
            };
            if self.terms.binary_search(&t).is_err() {
                continue;
            }
            let t = t as usize;
            if let Some(end) = alternatives.terms[t].match_at(self.text, start, &mut self.stack) {
                return Some(end);
            }
        }
    }

    /// The last position after `start` for which `is_end` holds (a word end) at which some
    /// possible term's match from `start` can end.
    pub fn longest_end_where(
        &mut self,
        start: usize,
        is_end: impl Fn(usize) -> bool,
    ) -> Option<usize> {
        let alternatives = self.alternatives;
        let bytes = self.text.as_bytes();
        if start >= bytes.len() {
            return None;
        }
        let byte = start_key(bytes, start);
        let mut best: Option<usize> = None;
        let mut ends = std::mem::take(&mut self.ends);
        for &t in self.terms {
            let t = t as usize;
            if !alternatives.first_byte_sets[t].contains(byte) {
                continue;
            }
            let term = &alternatives.terms[t];
            ends.clear();
            let found = if term.match_ends(self.text, start, &mut self.stack, &mut ends) {
                ends.iter()
                    .copied()
                    .filter(|&e| e > start && is_end(e))
                    .max()
            } else {
                // The program ran out of steps: test each candidate span with the regex,
                // longest first.
                (start + 1..=self.text.len())
                    .rev()
                    .filter(|&e| self.text.is_char_boundary(e) && is_end(e))
                    .find(|&e| term.matches_whole(&self.text[start..e], &mut self.stack))
            };
            best = best.max(found);
        }
        self.ends = ends;
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::term_cache::TermCache;
    use crate::term_chars::word_starts;
    use crate::term_regex::{build_regex, term_to_regex};

    fn alternatives(terms: &[&str]) -> Alternatives {
        let cache = TermCache::new(Default::default());
        let terms: Vec<_> = terms.iter().map(|t| cache.get(t).unwrap()).collect();
        Alternatives::new(&terms)
    }

    /// Every leftmost-first match of the alternation that does not start inside a word,
    /// found with one combined regex.
    fn combined(terms: &[&str], text: &str) -> Vec<(usize, usize)> {
        let sources: Vec<String> = terms.iter().map(|t| term_to_regex(t).unwrap()).collect();
        let regex = build_regex(&sources, false).unwrap();
        let leftmost = |mut from: usize| {
            while let Some(m) = regex.find_at(text, from) {
                if !starts_mid_word(text, m.start()) {
                    return Some((m.start(), m.end()));
                }
                from = m.start() + text[m.start()..].chars().next().map_or(1, char::len_utf8);
            }
            None
        };
        (0..=text.len())
            .filter(|&at| text.is_char_boundary(at))
            .filter_map(leftmost)
            .collect()
    }

    /// Every term tried: choosing terms by their anchors is the prefilter's part, tested
    /// there.
    fn split(terms: &[&str], text: &str) -> Vec<(usize, usize)> {
        let alts = alternatives(terms);
        let all: Vec<u32> = (0..terms.len() as u32).collect();
        let starts = word_starts(text);
        let mut search = alts.search_among(text, &all, &starts);
        (0..=text.len())
            .filter(|&at| text.is_char_boundary(at))
            .filter_map(|at| search.find_at(at))
            .collect()
    }

    #[test]
    fn same_matches_as_the_combined_alternation() {
        let cases: &[(&[&str], &str)] = &[
            (&["pass", "passport"], "my passport and a pass, passports"),
            (&["passport", "pass"], "my passport and a pass, passports"),
            (
                &["took * passport*", "took"],
                "he took my passport, then took it",
            ),
            (
                &["kept ... passport*", "passport"],
                "kept all of our passports here",
            ),
            (
                &["# hours", "hours a day"],
                "we work 14 hours a day, 7 days",
            ),
            (
                &["не отда*т", "паспорт*"],
                "паспорт не отдает, паспорта нет",
            ),
            (&["unpaid"], "we were paid"),
        ];
        for (terms, text) in cases {
            assert_eq!(
                split(terms, text),
                combined(terms, text),
                "{terms:?} in {text:?}"
            );
        }
    }

    /// A longer list, whose start positions go through the index of first bytes with many
    /// terms sharing a first letter.
    #[test]
    fn many_terms_give_the_same_matches_as_the_combined_alternation() {
        let terms: &[&str] = &[
            "pass",
            "passport*",
            "pay",
            "paid",
            "*paid",
            "kept ... passport*",
            "took * card*",
            "# hours",
            "hours a day",
            "'s boss",
            "не отда*т",
            "паспорт*",
            "у меня",
            "p*",
            "pa*",
            "passports",
            "said",
            "owner",
            "they",
            "the",
            "a pass",
            "паспорта нет",
        ];
        assert!(terms.len() > FEW_TERMS);
        for text in [
            "they took my card and kept all our passports; unpaid, paid 14 hours a day",
            "the owner's boss said pay later. passports? a pass",
            "у меня паспорт не отдает, паспорта нет",
        ] {
            assert_eq!(split(terms, text), combined(terms, text), "{text:?}");
        }
    }

    #[test]
    fn longest_whole_span() {
        let alts = alternatives(&["pass", "passport*", "passports are"]);
        let text = "passports are here";
        let starts = word_starts(text);
        let word_end = |e: usize| [9, 13, 18].contains(&e);
        let mut search = alts.search_among(text, &[0, 1, 2], &starts);
        assert_eq!(search.longest_end_where(0, word_end), Some(13));
        let mut search = alts.search_among(text, &[0, 1], &starts);
        assert_eq!(search.longest_end_where(0, word_end), Some(9));
        assert_eq!(search.longest_end_where(10, word_end), None);
    }
}
