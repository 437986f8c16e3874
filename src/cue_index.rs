//! Tells, in one pass over a sentence, which of several term lists could match in it: every
//! match of a list contains one of the list's anchor words ([`TermSet::anchors`]), so a list
//! none of whose anchors occur cannot match. The assessment searches a language's phase cues,
//! kind cues and offer-fact terms in every sentence, and each list's own search runs an
//! automaton of its own; one automaton over all the lists' anchors leaves each list searched
//! only where it can match. (The rules' [`crate::prefilter`] applies the same idea to a whole
//! text at once.)

use crate::assessment_rules::{AssessmentRules, LanguageCues};
use crate::term::TermSet;
use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use std::collections::HashMap;
use std::ops::Range;

/// The anchors of a fixed sequence of term lists, in one automaton. A set of lists is a bit
/// mask of [`ListIndex::words`] u64s, list `i` at bit `i % 64` of word `i / 64`.
#[derive(Debug, Clone)]
pub struct ListIndex {
    automaton: Option<AhoCorasick>,
    /// Per anchor (automaton pattern id): the mask of the lists it belongs to.
    owners: Vec<u64>,
    /// The lists to search in every text: those without anchors (a raw regex, a term with no
    /// fixed word), or all of them should the automaton fail to build.
    always: Vec<u64>,
    words: usize,
}

impl ListIndex {
    /// An index over `lists`; a `None` (a list the language does not have) is never marked.
    pub fn new(lists: &[Option<&TermSet>]) -> Self {
        let words = lists.len().div_ceil(64).max(1);
        let mut literals: Vec<&str> = Vec::new();
        let mut ids: HashMap<&str, usize> = HashMap::new();
        let mut owners: Vec<u64> = Vec::new();
        let mut always = vec![0; words];
        for (list, set) in lists.iter().enumerate() {
            let Some(set) = set else { continue };
            let Some(anchors) = set.anchors() else {
                set_bit(&mut always, list);
                continue;
            };
            for anchor in anchors {
                let id = *ids.entry(anchor).or_insert_with(|| {
                    literals.push(anchor);
                    owners.resize(owners.len() + words, 0);
                    literals.len() - 1
                });
                set_bit(&mut owners[id * words..(id + 1) * words], list);
            }
        }
        // Standard semantics report every anchor, overlapping ones too ("pass" inside
        // "passport"), which the overlapping search in `mark` needs. A DFA: the index is built
        // once per language and searched in every sentence.
        let automaton = if literals.is_empty() {
            None
        } else {
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .kind(Some(AhoCorasickKind::DFA))
                .build(&literals)
                .ok()
        };
        // Slower, never wrong.
        if automaton.is_none() && !literals.is_empty() {
            for (list, set) in lists.iter().enumerate() {
                if set.is_some() {
                    set_bit(&mut always, list);
                }
            }
        }
        ListIndex {
            automaton,
            owners,
            always,
            words,
        }
    }

    /// The length of a mask, in u64s.
    pub fn words(&self) -> usize {
        self.words
    }

    /// Adds to `mask` (at least [`ListIndex::words`] long) the lists that may match in the
    /// folded `text`.
    pub fn mark(&self, text: &str, mask: &mut [u64]) {
        for (m, a) in mask.iter_mut().zip(&self.always) {
            *m |= a;
        }
        let Some(automaton) = &self.automaton else {
            return;
        };
        let words = self.words;
        for found in automaton.find_overlapping_iter(text) {
            let id = found.pattern().as_usize();
            for (m, o) in mask
                .iter_mut()
                .zip(&self.owners[id * words..(id + 1) * words])
            {
                *m |= o;
            }
        }
    }
}

fn set_bit(mask: &mut [u64], list: usize) {
    mask[list / 64] |= 1 << (list % 64);
}

/// Whether `list` is in `mask`.
pub fn has_bit(mask: &[u64], list: usize) -> bool {
    mask.get(list / 64)
        .is_some_and(|w| w & (1 << (list % 64)) != 0)
}

/// For each sentence of one text: its language's assessment words (phase cues, kind cues,
/// offer-fact terms) and which of their lists may match in it, found once for the kind, the
/// phases and the offer facts.
#[derive(Debug)]
pub struct SentenceLists<'a> {
    /// Per sentence: the language and its words, when the language has any.
    langs: Vec<Option<(&'a str, &'a LanguageCues)>>,
    /// Per sentence, `words` u64s: the lists of [`LanguageCues::index`] that may match.
    masks: Vec<u64>,
    words: usize,
    /// Per sentence, a range of `starts`: where its words start (relative to the sentence),
    /// found once for every list searched in it.
    start_ranges: Vec<Range<u32>>,
    starts: Vec<usize>,
}

impl<'a> SentenceLists<'a> {
    /// Where the words of sentence `i` start, relative to the sentence (empty for a sentence
    /// not assessed).
    pub fn word_starts(&self, i: usize) -> &[usize] {
        let range = self.start_ranges[i].clone();
        &self.starts[range.start as usize..range.end as usize]
    }

    /// `sentence_lang` gives each sentence's language (None: not assessed); `folded` is the
    /// folded text the `sentences` ranges point into.
    pub fn new(
        folded: &str,
        sentences: &[Range<usize>],
        sentence_lang: &[Option<String>],
        rules: &'a AssessmentRules,
    ) -> Self {
        // Sentences come in runs of one language: look each run's language up once.
        let mut last: Option<(&str, Option<(&'a str, &'a LanguageCues)>)> = None;
        let langs: Vec<Option<(&'a str, &'a LanguageCues)>> = sentence_lang
            .iter()
            .map(|lang| {
                let lang = lang.as_deref()?;
                match last {
                    Some((l, found)) if l == lang => found,
                    _ => {
                        let found = rules
                            .languages
                            .get_key_value(lang)
                            .map(|(l, cues)| (l.as_str(), cues));
                        last = Some((lang, found));
                        found
                    }
                }
            })
            .collect();
        let words = langs
            .iter()
            .flatten()
            .map(|(_, cues)| cues.index().words())
            .max()
            .unwrap_or(1);
        let mut masks = vec![0; words * sentences.len()];
        let mut starts = Vec::new();
        let mut start_ranges = Vec::with_capacity(sentences.len());
        for (i, (range, lang)) in sentences.iter().zip(&langs).enumerate() {
            let first = starts.len() as u32;
            if let Some((_, cues)) = lang {
                let text = &folded[range.clone()];
                cues.index()
                    .mark(text, &mut masks[i * words..(i + 1) * words]);
                starts.extend(crate::term_chars::word_starts(text));
            }
            start_ranges.push(first..starts.len() as u32);
        }
        SentenceLists {
            langs,
            masks,
            words,
            start_ranges,
            starts,
        }
    }

    /// The number of sentences.
    pub fn len(&self) -> usize {
        self.langs.len()
    }

    pub fn is_empty(&self) -> bool {
        self.langs.is_empty()
    }

    /// The language of sentence `sentence` and its words, when it has any.
    pub fn lang(&self, sentence: usize) -> Option<(&'a str, &'a LanguageCues)> {
        self.langs[sentence]
    }

    /// Whether list `list` of the sentence's language (a slot of [`LanguageCues::index`]) may
    /// match in sentence `sentence`.
    pub fn may_match(&self, sentence: usize, list: usize) -> bool {
        has_bit(
            &self.masks[sentence * self.words..(sentence + 1) * self.words],
            list,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fold::fold;
    use crate::ruleset::RuleSet;

    fn set(terms: &[&str]) -> TermSet {
        TermSet::new(&terms.iter().map(|s| s.to_string()).collect::<Vec<_>>()).unwrap()
    }

    fn marked(index: &ListIndex, text: &str) -> Vec<usize> {
        let mut mask = vec![0; index.words()];
        index.mark(text, &mut mask);
        (0..64 * index.words())
            .filter(|&l| has_bit(&mask, l))
            .collect()
    }

    #[test]
    fn marks_the_lists_whose_anchors_occur() {
        let (took, unpaid, raw) = (
            set(&["took * passport*"]),
            set(&["unpaid", "passport office"]),
            TermSet::raw(r"\w+"),
        );
        let index = ListIndex::new(&[Some(&took), None, Some(&unpaid), Some(&raw)]);
        assert_eq!(marked(&index, "they took my passport"), vec![0, 2, 3]);
        assert_eq!(
            marked(&index, "we were paid"),
            vec![3],
            "\"paid\" does not hold the anchor \"unpaid\"; a raw regex is always searched"
        );
    }

    #[test]
    fn masks_longer_than_one_word() {
        let lists: Vec<TermSet> = (0..70).map(|i| set(&[&format!("word{i}x")])).collect();
        let index = ListIndex::new(&lists.iter().map(Some).collect::<Vec<_>>());
        assert_eq!(index.words(), 2);
        assert_eq!(marked(&index, "word3x and word66x"), vec![3, 66]);
    }

    /// Every built-in assessment list, searched only where the index says it may match,
    /// finds exactly what it finds searched in every sentence of the fixtures.
    #[test]
    fn the_index_never_hides_a_match() {
        let rules = RuleSet::builtin().unwrap();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut searched = 0;
        for (lang, cues) in &rules.assessment.languages {
            let lists = cues.term_lists();
            for entry in std::fs::read_dir(dir.join(lang)).unwrap() {
                let path = entry.unwrap().path();
                if path.extension().is_none_or(|e| e != "txt") {
                    continue;
                }
                let text = std::fs::read_to_string(&path).unwrap();
                let folded = fold(&text);
                let sentences = crate::text::sentences(&text, &rules.abbreviations);
                let langs = vec![Some(lang.clone()); sentences.len()];
                let found = SentenceLists::new(&folded, &sentences, &langs, &rules.assessment);
                for (s, range) in sentences.iter().enumerate() {
                    for (slot, list) in lists.iter().enumerate() {
                        let Some(list) = list else { continue };
                        let plain = list.find_all(&folded[range.clone()]);
                        if !found.may_match(s, slot) {
                            assert!(plain.is_empty(), "{}: list {slot} hidden", path.display());
                        }
                        searched += usize::from(!plain.is_empty());
                    }
                }
            }
        }
        assert!(searched > 100, "only {searched} matches to check");
    }
}
