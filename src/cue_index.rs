//! Tells, in one pass over a sentence, which of several term lists could match in it and
//! there which of their terms: every match of a term contains one of the term's anchor words,
//! so a term none of whose anchors occur cannot match. The assessment searches a language's
//! phase cues, kind cues and offer-fact terms in every sentence; one [`Prefilter`] over all
//! their anchors (the one the rules use, see [`crate::prefilter`]) finds, once per sentence,
//! the lists and terms worth searching and the sentence's word starts, which every search
//! then shares instead of each list running its own prefilter and word scan.

use crate::assessment_rules::{AssessmentRules, LanguageCues};
use crate::candidates::{Candidates, ReadSentences};
use crate::prefilter::Prefilter;
use crate::term::TermSet;
use std::ops::Range;

/// The anchors of a fixed sequence of term lists (a language's assessment lists, by slot).
#[derive(Debug, Clone)]
pub struct ListIndex {
    prefilter: Prefilter,
    /// Per list: its number of terms (0 for a raw regex, which takes no choice of terms).
    sizes: Vec<usize>,
    /// `0..n` for the longest list: the choice "every term", sliced to a list's size.
    every_term: Vec<u32>,
}

impl ListIndex {
    /// An index over `lists`; a `None` (a list the language does not have) never matches.
    pub fn new(lists: &[Option<&TermSet>]) -> Self {
        // An empty list holds its slot: it has no anchors, so it is never a candidate.
        let empty = TermSet::new(&[]).expect("an empty term list is valid");
        let prefilter = Prefilter::new(lists.iter().map(|list| list.unwrap_or(&empty)));
        let sizes: Vec<usize> = lists
            .iter()
            .map(|list| list.and_then(TermSet::terms).map_or(0, <[_]>::len))
            .collect();
        let longest = sizes.iter().copied().max().unwrap_or(0);
        ListIndex {
            prefilter,
            sizes,
            every_term: (0..longest as u32).collect(),
        }
    }
}

/// For each sentence of a run of sentences of one text (a block: a long text is assessed
/// block by block, so that what is found here stays small however long the text): its
/// language's assessment words (phase cues, kind cues, offer-fact terms), which of their
/// lists may match in it and which terms, and where its words start; found once for the
/// kind, the phases and the offer facts. Sentences are numbered as in the whole text.
#[derive(Debug)]
pub struct SentenceLists<'a> {
    /// The sentences covered.
    block: Range<usize>,
    /// Per sentence of the block: the language and its words, when the language has any.
    langs: Vec<Option<(&'a str, &'a LanguageCues)>>,
    /// Per language of the block: its index and the candidates over the block's sentences.
    found: Vec<(&'a ListIndex, Candidates)>,
    /// Per sentence of the block with a language: its place in `found`.
    which: Vec<u32>,
    /// What the rules' prefilters found out about the sentences they read.
    known: &'a ReadSentences,
}

impl<'a> SentenceLists<'a> {
    /// All the sentences of a text as one block. `sentence_lang` gives each sentence's
    /// language (None: not assessed); `folded` is the folded text the `sentences` ranges
    /// point into.
    pub fn new(
        folded: &str,
        sentences: &[Range<usize>],
        sentence_lang: &[Option<impl std::ops::Deref<Target = str>>],
        rules: &'a AssessmentRules,
    ) -> Self {
        static NONE_KNOWN: ReadSentences = ReadSentences::NONE;
        Self::knowing(
            folded,
            sentences,
            sentence_lang,
            rules,
            &NONE_KNOWN,
            0..sentences.len(),
        )
    }

    /// The sentences `block` of a text (see [`SentenceLists::new`]), with the word starts
    /// (and digits) that matching the rules found
    /// ([`crate::matcher::Scan::read_sentences`]): only the other sentences' (questions,
    /// which no rule reads, or all of a long text's) are found here.
    pub fn knowing(
        folded: &str,
        sentences: &[Range<usize>],
        sentence_lang: &[Option<impl std::ops::Deref<Target = str>>],
        rules: &'a AssessmentRules,
        known: &'a ReadSentences,
        block: Range<usize>,
    ) -> Self {
        // Sentences come in runs of one language: look each run's language up once.
        let mut last: Option<(&str, Option<(&'a str, &'a LanguageCues)>)> = None;
        let langs: Vec<Option<(&'a str, &'a LanguageCues)>> = sentence_lang[block.clone()]
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
        // Each language's prefilter runs over the sentences of that language (a text
        // rarely has more than one).
        let mut found: Vec<(&'a str, &'a ListIndex, Candidates)> = Vec::new();
        let mut which = vec![0; langs.len()];
        let mut readable = Vec::new();
        for (i, lang) in langs.iter().enumerate() {
            let Some((lang, cues)) = *lang else { continue };
            if let Some(at) = found.iter().position(|(l, _, _)| *l == lang) {
                which[i] = at as u32;
                continue;
            }
            which[i] = found.len() as u32;
            readable.clear();
            readable.extend(
                langs
                    .iter()
                    .map(|other| other.is_some_and(|(l, _)| l == lang)),
            );
            let index = cues.index();
            let candidates = index.prefilter.candidates_knowing(
                folded,
                &sentences[block.clone()],
                &readable,
                known,
                block.start,
            );
            found.push((lang, index, candidates));
        }
        SentenceLists {
            block,
            langs,
            found: found
                .into_iter()
                .map(|(_, index, candidates)| (index, candidates))
                .collect(),
            which,
            known,
        }
    }

    /// The sentences covered (numbered as in the whole text).
    pub fn sentences(&self) -> Range<usize> {
        self.block.clone()
    }

    /// The language of sentence `sentence` and its words, when it has any.
    pub fn lang(&self, sentence: usize) -> Option<(&'a str, &'a LanguageCues)> {
        self.langs[sentence - self.block.start]
    }

    /// The index and candidates of a sentence's language; None for a sentence not assessed.
    fn of(&self, sentence: usize) -> Option<&(&'a ListIndex, Candidates)> {
        let at = sentence - self.block.start;
        self.langs[at]?;
        self.found.get(self.which[at] as usize)
    }

    /// Where the words of sentence `sentence` start, relative to the sentence (empty for a
    /// sentence not assessed).
    pub fn word_starts(&self, sentence: usize) -> &[usize] {
        let Some((_, candidates)) = self.of(sentence) else {
            return &[];
        };
        self.known
            .get(sentence)
            .unwrap_or_else(|| candidates.word_starts(sentence - self.block.start))
    }

    /// The terms of list `list` of the sentence's language (a slot of
    /// [`LanguageCues::index`]) that may match in sentence `sentence` (ascending indexes,
    /// as [`TermSet::find_all_among`] takes them), or None when the list cannot match there.
    pub fn terms(&self, sentence: usize, list: usize) -> Option<&[u32]> {
        let (index, candidates) = self.of(sentence)?;
        let at = sentence - self.block.start;
        candidates
            .sentences(list)
            .binary_search(&(at as u32))
            .ok()?;
        Some(
            candidates
                .terms(list, at)
                .unwrap_or(&index.every_term[..index.sizes[list]]),
        )
    }

    /// Whether list `list` of the sentence's language (a slot of [`LanguageCues::index`]) may
    /// match in sentence `sentence`.
    pub fn may_match(&self, sentence: usize, list: usize) -> bool {
        self.terms(sentence, list).is_some()
    }

    /// All matches of `set`, list `list` of the sentence's language, in the folded sentence
    /// `text` (relative to it), searching only the terms that may match there.
    pub fn find_all(
        &self,
        set: &TermSet,
        list: usize,
        sentence: usize,
        text: &str,
    ) -> Vec<(usize, usize)> {
        match self.terms(sentence, list) {
            Some(terms) => set.find_all_among(text, terms, self.word_starts(sentence)),
            None => Vec::new(),
        }
    }

    /// How many matches [`SentenceLists::find_all`] would return, without collecting them
    /// (the kind cues are only counted).
    pub fn count(&self, set: &TermSet, list: usize, sentence: usize, text: &str) -> usize {
        let mut count = 0;
        if let Some(terms) = self.terms(sentence, list) {
            set.for_each_among(text, terms, self.word_starts(sentence), |_, _| count += 1);
        }
        count
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

    /// The lists that may match in `text`, each with its choice of terms.
    fn marked(index: &ListIndex, text: &str, lists: usize) -> Vec<(usize, Option<Vec<u32>>)> {
        let whole = 0..text.len();
        let candidates = index
            .prefilter
            .candidates(text, std::slice::from_ref(&whole), &[true]);
        (0..lists)
            .filter(|&l| !candidates.sentences(l).is_empty())
            .map(|l| (l, candidates.terms(l, 0).map(<[u32]>::to_vec)))
            .collect()
    }

    #[test]
    fn marks_the_lists_whose_anchors_occur() {
        let (took, unpaid, raw) = (
            set(&["took * passport*", "kept|held * card*"]),
            set(&["unpaid", "passport office"]),
            TermSet::raw(r"\w+"),
        );
        let index = ListIndex::new(&[Some(&took), None, Some(&unpaid), Some(&raw)]);
        assert_eq!(
            marked(&index, "they took my passport", 4),
            vec![(0, Some(vec![0])), (3, None)],
            "\"passport office\" needs \"office\" too"
        );
        assert_eq!(
            marked(&index, "they took my passport at the passport office", 4),
            vec![(0, Some(vec![0])), (2, Some(vec![1])), (3, None)]
        );
        assert_eq!(
            marked(&index, "we were paid", 4),
            vec![(3, None)],
            "\"paid\" does not hold the anchor \"unpaid\"; a raw regex is always searched"
        );
        assert_eq!(index.sizes, vec![2, 0, 2, 0]);
    }

    /// Every built-in assessment list, searched only where the index says it may match and
    /// only for the terms it chose, finds exactly what it finds searched in full in every
    /// sentence of the fixtures.
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
                    let sentence = &folded[range.clone()];
                    assert_eq!(
                        found.word_starts(s),
                        crate::term_chars::word_starts(sentence)
                    );
                    for (slot, list) in lists.iter().enumerate() {
                        let Some(list) = list else { continue };
                        let plain = list.find_all(sentence);
                        let chosen = found.find_all(list, slot, s, sentence);
                        assert_eq!(chosen, plain, "{}: list {slot}", path.display());
                        searched += usize::from(!plain.is_empty());
                    }
                }
            }
        }
        assert!(searched > 100, "only {searched} matches to check");
    }

    /// The word starts (and digits) kept from matching the rules are those of the sentences
    /// themselves, and the sentences no rule read (questions) have theirs found here.
    #[test]
    fn word_starts_kept_from_the_scan_are_the_sentences_own() {
        let rules = RuleSet::builtin().unwrap();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let (mut kept, mut found_here, mut digits) = (0, 0, 0);
        for lang in rules.assessment.languages.keys() {
            for entry in std::fs::read_dir(dir.join(lang)).unwrap() {
                let path = entry.unwrap().path();
                if path.extension().is_none_or(|e| e != "txt") {
                    continue;
                }
                let mut text = std::fs::read_to_string(&path).unwrap();
                text.push_str(" Did they take your passport? Зачем?");
                let options = crate::matcher::ScanOptions::default();
                let scan = crate::matcher::scan(&rules, &text, &options);
                let lists = SentenceLists::knowing(
                    &scan.folded,
                    &scan.sentences,
                    &scan.sentence_lang,
                    &rules.assessment,
                    &scan.read_sentences,
                    0..scan.sentences.len(),
                );
                for (s, range) in scan.sentences.iter().enumerate() {
                    if lists.lang(s).is_none() {
                        continue;
                    }
                    let sentence = &scan.folded[range.clone()];
                    let expected = crate::term_chars::word_starts(sentence);
                    assert_eq!(lists.word_starts(s), expected, "{}", path.display());
                    if let Some(digit) = scan.read_sentences.has_digit(s) {
                        assert_eq!(digit, crate::term_chars::contains_digit(sentence));
                        digits += 1;
                    }
                    match scan.read_sentences.get(s) {
                        Some(starts) => {
                            assert_eq!(starts, expected);
                            kept += 1;
                        }
                        None => found_here += 1,
                    }
                }
            }
        }
        assert!(
            kept > 100 && found_here > 0,
            "{kept} kept, {found_here} found here"
        );
        assert!(digits > 100, "only {digits} sentences' digits kept");
    }
}
