//! What a prefilter ([`crate::prefilter`]) found in a run of sentences: for each term list,
//! the sentences where it may match and there which of its terms; for each sentence, where
//! its words start and whether it holds a digit. And what of that is kept for the rest of a
//! text's screening ([`ReadSentences`]), so the assessment does not find it again.

use crate::term::{Resume, TermSet};
use std::ops::Range;

/// Where each term list of a pack may match in a run of sentences: for each list, its
/// candidate sentences (ascending) and there which terms; and each sentence's word starts,
/// which the term searches need too. Stored flat, list after list, so a text costs a
/// handful of allocations rather than a few per list.
#[derive(Debug, Clone, Default)]
pub struct Candidates {
    /// `sentences[offsets[l]..offsets[l + 1]]` are list `l`'s sentences.
    pub(crate) offsets: Vec<u32>,
    pub(crate) sentences: Vec<u32>,
    /// Beside each sentence: the terms that may match there (a range of `terms`), or None
    /// when every term must be tried.
    pub(crate) choice: Vec<Option<Range<u32>>>,
    pub(crate) terms: Vec<u32>,
    /// Per sentence, a range of `word_starts` (empty for sentences not read).
    pub(crate) word_start_ranges: Vec<Range<u32>>,
    /// Word starts relative to their sentence.
    pub(crate) word_starts: Vec<usize>,
    /// Per sentence: whether it holds a digit, when that was looked for (for number terms).
    pub(crate) has_digit: Vec<Option<bool>>,
}

impl Candidates {
    /// The readable sentences (ascending) where `list` may match.
    pub fn sentences(&self, list: usize) -> &[u32] {
        &self.sentences[self.offsets[list] as usize..self.offsets[list + 1] as usize]
    }

    /// The terms of `list` that may match in `sentence` (ascending indexes in list order),
    /// or None when all must be tried; `sentence` must be one of the list's candidates.
    pub fn terms(&self, list: usize, sentence: usize) -> Option<&[u32]> {
        self.choice(list, sentence).flatten()
    }

    /// None when `sentence` is not one of `list`'s candidates; else the terms that may
    /// match there, or None when all must be tried.
    fn choice(&self, list: usize, sentence: usize) -> Option<Option<&[u32]>> {
        let from = self.offsets[list] as usize;
        let at = from
            + self
                .sentences(list)
                .binary_search(&(sentence as u32))
                .ok()?;
        Some(
            self.choice[at]
                .clone()
                .map(|range| &self.terms[range.start as usize..range.end as usize]),
        )
    }

    /// Calls `f` with every match of term list `list` (`set`) in readable sentence
    /// `sentence` (`text`, relative offsets): nothing where the list is no candidate, else
    /// only the terms that may match, with the sentence's word starts.
    pub fn for_each_match(
        &self,
        set: &TermSet,
        list: usize,
        sentence: usize,
        text: &str,
        resume: Resume,
        f: impl FnMut(usize, usize),
    ) {
        match self.choice(list, sentence) {
            None => {}
            Some(Some(terms)) => {
                set.for_each_among_resuming(text, terms, self.word_starts(sentence), resume, f)
            }
            Some(None) => set.for_each_match_resuming(text, resume, f),
        }
    }

    /// [`Candidates::for_each_match`], collected.
    pub fn find_all(
        &self,
        set: &TermSet,
        list: usize,
        sentence: usize,
        text: &str,
    ) -> Vec<(usize, usize)> {
        let mut found = Vec::new();
        self.for_each_match(set, list, sentence, text, Resume::AfterEnd, |s, e| {
            found.push((s, e))
        });
        found
    }

    /// Where words start in a readable sentence, relative to the sentence.
    pub fn word_starts(&self, sentence: usize) -> &[usize] {
        let range = self.word_start_ranges[sentence].clone();
        &self.word_starts[range.start as usize..range.end as usize]
    }
}

/// What prefilters found out about each sentence of a text they read: where its words
/// start, and whether it holds a digit. The rules' prefilters find them, and the
/// assessment, which reads the same sentences, takes them from here rather than finding
/// them again.
#[derive(Debug, Clone, Default)]
pub struct ReadSentences {
    /// Per sentence: a range of `starts`, or None where no prefilter read the sentence.
    pub(crate) ranges: Vec<Option<Range<u32>>>,
    /// Word starts relative to their sentence.
    pub(crate) starts: Vec<usize>,
    /// Per sentence: whether it holds a digit, when a prefilter looked.
    pub(crate) has_digit: Vec<Option<bool>>,
}

impl ReadSentences {
    /// No sentence's word starts.
    pub const NONE: ReadSentences = ReadSentences {
        ranges: Vec::new(),
        starts: Vec::new(),
        has_digit: Vec::new(),
    };

    /// Room for a text of `sentences` sentences, none of whose word starts are known yet.
    pub fn new(sentences: usize) -> Self {
        ReadSentences {
            ranges: vec![None; sentences],
            starts: Vec::new(),
            has_digit: vec![None; sentences],
        }
    }

    /// Keeps what `candidates` found in the `readable` sentences of a run of sentences
    /// starting at sentence `first`.
    pub fn keep(&mut self, first: usize, readable: &[bool], candidates: Candidates) {
        let offset = self.starts.len() as u32;
        if offset == 0 {
            self.starts = candidates.word_starts;
        } else {
            self.starts.extend_from_slice(&candidates.word_starts);
        }
        for (i, range) in candidates.word_start_ranges.into_iter().enumerate() {
            if readable[i] {
                self.ranges[first + i] = Some(range.start + offset..range.end + offset);
                self.has_digit[first + i] = candidates.has_digit[i];
            }
        }
    }

    /// Whether sentence `sentence` holds a digit, when known.
    pub fn has_digit(&self, sentence: usize) -> Option<bool> {
        self.has_digit.get(sentence).copied().flatten()
    }

    /// Where the words of sentence `sentence` start, relative to it, when known.
    pub fn get(&self, sentence: usize) -> Option<&[usize]> {
        let range = self.ranges.get(sentence)?.clone()?;
        Some(&self.starts[range.start as usize..range.end as usize])
    }
}
