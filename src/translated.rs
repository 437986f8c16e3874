//! The built-in terms translated ahead of time. Translating a term (folding it, checking it,
//! choosing its anchors and required word: [`crate::term_syntax`]) was about two fifths of
//! the instructions of screening one short story, start-up included, and its result is a
//! plain function of the term and of its language's common words. So the build script
//! (build.rs) runs the same functions over every term written in the built-in rule files and
//! embeds the results here, with the variants of each term that has optional words or
//! groups; at start-up a built-in term is looked up instead. A term that is
//! not here (a user's, or one of a language whose common words differ from the built-in
//! ones) is translated as before, so a missing entry costs time, never a different result.

use crate::word_table::{first_slot, stable_hash};
use std::ops::Range;

/// A byte range of [`TEXT`] (start, end): the tables hold no pointers, so that loading the
/// binary has none of theirs to relocate (a first form with `&str` fields needed about
/// 74,000 relocations at every start).
#[derive(Debug, Clone, Copy)]
struct S(u32, u32);

/// One term: as written, folded, its anchors (a range of [`ANCHORS`]; None when it has no
/// fixed word), whether they start words, and its required word (a byte range of the folded
/// term).
#[derive(Debug)]
struct E(S, S, Option<(u32, u32)>, bool, Option<(u32, u32)>);

/// An anchor literal, and whether a word ends right after it in every match.
#[derive(Debug)]
struct A(S, bool);

/// A term with optional words or groups, and its variants (a range of [`VARIANT_SPANS`]).
#[derive(Debug)]
struct V(S, u32, u32);

/// The terms of one language's built-in rule files, sorted by the term as written, and the
/// fingerprint of what they were translated with: the language's common words and spellings
/// ([`crate::spelling::translation_fingerprint`]).
#[derive(Debug)]
pub struct TranslatedLanguage {
    pub language: &'static str,
    pub fingerprint: u64,
    terms: &'static [E],
    /// Open addressing over the terms by the hash of the term as written
    /// ([`crate::word_table::stable_hash`], probing from [`crate::word_table::first_slot`]):
    /// a term's index in `terms` plus one, or 0 for an empty slot. A binary search over the
    /// terms' text was a sixth of start-up's time (its comparisons read the text at random).
    index: &'static [u32],
}

impl TranslatedLanguage {
    /// Every term of the language's table, in order.
    pub fn terms(&self) -> impl Iterator<Item = Translated> {
        self.terms.iter().map(Translated)
    }
}

include!(concat!(env!("OUT_DIR"), "/translated_terms.rs"));

fn text(span: S) -> &'static str {
    &TEXT[span.0 as usize..span.1 as usize]
}

/// One term as [`crate::term_cache::CompiledTerm`] needs it, translated by the build script.
#[derive(Debug, Clone, Copy)]
pub struct Translated(&'static E);

impl Translated {
    /// The term as written (what the term cache is asked for).
    pub fn term(&self) -> &'static str {
        text(self.0.0)
    }

    pub fn folded(&self) -> &'static str {
        text(self.0.1)
    }

    /// The anchor literals; None when the term has no fixed word.
    pub fn anchors(&self) -> Option<TranslatedAnchors> {
        let (from, to) = self.0.2?;
        Some(TranslatedAnchors(&ANCHORS[from as usize..to as usize]))
    }

    /// Every match holds one of the anchors at the start of a word.
    pub fn at_word_start(&self) -> bool {
        self.0.3
    }

    /// The required word, a byte range of the folded term.
    pub fn required(&self) -> Option<Range<u32>> {
        self.0.4.map(|(start, end)| start..end)
    }
}

/// A built-in term's anchor literals, as the build script chose them (held by the term
/// without copying them out: [`crate::term_cache::Anchors`]).
#[derive(Debug, Clone, Copy)]
pub struct TranslatedAnchors(&'static [A]);

impl TranslatedAnchors {
    /// Each literal, with whether a word ends right after it in every match.
    pub fn iter(self) -> impl Iterator<Item = (&'static str, bool)> {
        self.0.iter().map(|a| (text(a.0), a.1))
    }
}

/// The table translated the way `fingerprint` names.
fn language_of(fingerprint: u64) -> Option<&'static TranslatedLanguage> {
    LANGUAGES.iter().find(|l| l.fingerprint == fingerprint)
}

/// How many terms were translated ahead of time the way `fingerprint` names.
pub fn count(fingerprint: u64) -> usize {
    language_of(fingerprint).map_or(0, |language| language.terms.len())
}

/// The term translated ahead of time the way `fingerprint` names (a language's common words
/// and spellings: [`crate::spelling::translation_fingerprint`]), if it was.
pub fn lookup(fingerprint: u64, term: &str) -> Option<Translated> {
    let language = language_of(fingerprint)?;
    let slots = language.index.len();
    let mut slot = first_slot(stable_hash(term.bytes()), slots);
    loop {
        let entry = language
            .terms
            .get(language.index[slot].checked_sub(1)? as usize)?;
        if text(entry.0) == term {
            return Some(Translated(entry));
        }
        slot = (slot + 1) % slots;
    }
}

/// The variants ([`crate::term_variants::variants`]) of a built-in term with optional words
/// or phrase groups, as the build script wrote them out.
pub fn variants(term: &str) -> Option<impl Iterator<Item = &'static str>> {
    let at = VARIANTS.binary_search_by(|v| text(v.0).cmp(term)).ok()?;
    let V(_, from, to) = VARIANTS[at];
    Some(
        VARIANT_SPANS[from as usize..to as usize]
            .iter()
            .map(|&s| text(s)),
    )
}

/// Every language's table (for tests).
pub fn languages() -> &'static [TranslatedLanguage] {
    LANGUAGES
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ruleset::RuleSet;
    use crate::term_cache::{CompiledTerm, TermLanguage};
    use crate::word_table::WordTable;
    use std::sync::Arc;

    /// Every term the built-in rules of each language ask their term cache for was
    /// translated by the build script: were the build script to miss a kind of list, or
    /// the fingerprints of the common words to differ, start-up would quietly grow slower.
    #[test]
    fn every_builtin_term_was_translated_ahead_of_time() {
        let rules = RuleSet::builtin().unwrap();
        for pack in rules.packs.values() {
            let written = pack.compiled().term_cache.written();
            assert!(
                written.len() > 1000,
                "{}: {} terms",
                pack.lang,
                written.len()
            );
            let mut missing: Vec<&String> = written
                .iter()
                .filter(|term| lookup(pack.term_language().fingerprint(), term).is_none())
                .collect();
            missing.sort();
            assert!(
                missing.is_empty(),
                "{}: {} of {} terms not translated ahead of time, such as {:?}",
                pack.lang,
                missing.len(),
                written.len(),
                &missing[..missing.len().min(5)]
            );
        }
    }

    /// What the build script wrote is what translating each term now gives (the build
    /// script runs the same source files, so this fails only if it ran stale ones), and the
    /// variants are those written out now.
    #[test]
    fn the_table_holds_what_translating_now_gives() {
        let rules = RuleSet::builtin().unwrap();
        // One table per language, and one of the lists translated without common words.
        assert_eq!(languages().len(), rules.packs.len() + 1);
        let tables = rules
            .packs
            .values()
            .map(|pack| (pack.lang.as_str(), pack.term_language()))
            .chain([("", TermLanguage::default())]);
        for (lang, how) in tables {
            let language = languages()
                .iter()
                .find(|l| l.fingerprint == how.fingerprint())
                .expect("a table translated with the pack's common words and spellings");
            assert_eq!(language.language, lang);
            let terms: Vec<Translated> = language.terms().collect();
            assert!(terms.len() > 100, "{lang}: {} terms", terms.len());
            assert!(terms.is_sorted_by(|a, b| a.term() < b.term()));
            for done in terms {
                // The index finds every entry, and that entry.
                let found =
                    lookup(how.fingerprint(), done.term()).expect("the index finds every term");
                assert!(std::ptr::eq(found.0, done.0), "{}", done.term());
                let now = CompiledTerm::translate(done.term(), &how).unwrap();
                let ahead = CompiledTerm::translated(done);
                assert_eq!(ahead.translation(), now.translation(), "{}", done.term());
            }
        }
        assert!(VARIANTS.len() > 100);
        for v in VARIANTS {
            let term = text(v.0);
            let ahead: Vec<&str> = variants(term).unwrap().collect();
            assert_eq!(crate::term_variants::variants(term).unwrap(), ahead);
        }
    }

    /// The built-in tables were translated with the languages' spellings: a typed "pasport"
    /// or «денги» is found by the rules that write "passport", «деньги» (and not without
    /// the spellings: the same texts with the table of unspelled terms find nothing).
    #[test]
    fn built_in_terms_read_the_languages_spellings() {
        let rules = RuleSet::builtin().unwrap();
        for (text, indicator) in [
            (
                "The boss took my pasport on the first day.",
                "retention-of-identity-documents",
            ),
            ("Денги не платят третий месяц.", "withholding-of-wages"),
        ] {
            let report = crate::report::screen(&rules, "t", text, &Default::default());
            assert!(
                report.findings.iter().any(|f| f.indicator == indicator),
                "{text}: {:?}",
                report
                    .findings
                    .iter()
                    .map(|f| &f.indicator)
                    .collect::<Vec<_>>()
            );
        }
        let pack = &rules.packs["en"];
        let unspelled = TermLanguage::new(Arc::clone(&pack.common_words), Arc::default());
        let term = CompiledTerm::translate("took|taken my passport*", &unspelled).unwrap();
        assert_eq!(term.match_at("took my pasport", 0, &mut Vec::new()), None);
        let spelled =
            CompiledTerm::translate("took|taken my passport*", &pack.term_language()).unwrap();
        assert_eq!(
            spelled.match_at("took my pasport", 0, &mut Vec::new()),
            Some(15)
        );
    }

    /// A term is taken from the table only for the common words and spellings it was
    /// translated with: a language of the user's (or a list with no common words) translates
    /// its own.
    #[test]
    fn other_common_words_translate_their_own_terms() {
        let rules = RuleSet::builtin().unwrap();
        let pack = &rules.packs["en"];
        let english = pack.term_language().fingerprint();
        let term = "took|taken ... from";
        let anchors = lookup(english, term).and_then(|t| t.anchors().map(|a| a.iter().collect()));
        assert_eq!(anchors, Some(vec![("took", true), ("taken", true)]));
        // A term no built-in list holds is not found (its probe ends at an empty slot).
        for absent in ["took|taken ... fro", "", "zzz qqq"] {
            assert!(lookup(english, absent).is_none(), "{absent}");
        }
        let other: WordTable = ["the", "took", "taken"].into_iter().collect();
        let other = TermLanguage::new(Arc::new(other), Arc::clone(&pack.spellings));
        assert!(lookup(other.fingerprint(), term).is_none());
        let none = TermLanguage::default();
        assert!(lookup(none.fingerprint(), term).is_none());
        // The same common words without the spellings: another table, so none of these.
        let unspelled = TermLanguage::new(Arc::clone(&pack.common_words), Arc::default());
        assert!(lookup(unspelled.fingerprint(), term).is_none());
        // The lists translated without common words have a table of their own: a language
        // file's negation cues.
        assert!(lookup(none.fingerprint(), "never").is_some());
        // Through the cache too: with "took" and "taken" common, the anchor is "from".
        let cache = crate::term_cache::TermCache::new(other);
        let translated = cache.get(term).unwrap();
        let anchors: Option<Vec<&str>> =
            translated.anchors.as_ref().map(|a| a.literals().collect());
        assert_eq!(anchors, Some(vec!["from"]));
    }
}
