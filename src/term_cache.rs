//! One translation and one set of compiled regexes per distinct term of a language: the
//! shared `@lists` appear in many rules' term lists, and translating, compiling and caching
//! each copy separately cost start-up time and, in batch runs, memory (every compiled regex
//! keeps a lazy-DFA cache per thread).

use crate::spelling::{Spellings, translation_fingerprint};
use crate::term::{TermError, check_term, choose_anchors_folded};
use crate::term_program::TermProgram;
use crate::term_regex::{REGEX_NEST_LIMIT, REGEX_SIZE_LIMIT, term_to_regex};
use crate::word_table::WordTable;
use regex_automata::meta::{Builder, Config, Regex};
use regex_automata::nfa::thompson::WhichCaptures;
use regex_automata::util::syntax;
use regex_automata::{Anchored, Input};
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::sync::{Arc, Mutex, OnceLock};

/// Upper bound, in bytes, of the lazy-DFA transition cache of one term's regex (per thread).
/// A term is a short phrase searched within one sentence, so a few hundred DFA states are
/// plenty; the regex crate's default (several MB per regex) let a long batch run with
/// thousands of compiled terms grow its memory without need. A cache that fills up is
/// cleared and refilled, which costs time, never correctness.
const TERM_DFA_CACHE: usize = 256 * 1024;

/// One term, checked, with its program built on first use (a document needs only the few
/// terms whose anchor words it holds, so most terms of a short run are never built).
#[derive(Debug)]
pub struct CompiledTerm {
    /// The term folded (a built-in term's is the build script's text, not copied).
    folded: Cow<'static, str>,
    /// Folded literals one of which every match contains; None when the term has no
    /// fixed word.
    pub anchors: Option<Anchors>,
    /// True when every match holds one of the anchors at the start of a word.
    pub anchors_start_words: bool,
    /// Another word every match holds at a word start (a byte range of `folded`:
    /// [`crate::term::ChosenAnchors::required`]; see [`CompiledTerm::required_word`]).
    required: Option<std::ops::Range<u32>>,
    /// The term as a backtracking program: what searches run.
    program: OnceLock<TermProgram>,
    /// The regex, searched unanchored: only for a search that exhausts the program's step
    /// budget (a contrived term), and for tests.
    regex: OnceLock<Option<Regex>>,
    /// The regex anchored at both ends, to test one candidate span (same use).
    whole: OnceLock<Option<Regex>>,
}

/// See [`CompiledTerm::translation`].
#[cfg(test)]
pub(crate) type Translation<'a> = (&'a str, Option<Vec<(&'a str, bool)>>, bool, Option<&'a str>);

/// A term's anchor literals, each with whether a word ends right after it wherever it is
/// part of a match (see [`crate::term::ChosenAnchors::ends_word`]). A built-in term's stay
/// in the build script's table: copying them out cost two allocations and more per term,
/// about a twentieth of start-up's instructions.
#[derive(Debug)]
pub enum Anchors {
    /// Chosen by the build script ([`crate::translated`]).
    Translated(crate::translated::TranslatedAnchors),
    /// Chosen at run time (a user's term, or other common words).
    Chosen(Vec<(String, bool)>),
}

impl Anchors {
    /// Each literal, with whether a word ends right after it.
    pub fn iter<'a>(&'a self) -> impl Iterator<Item = (&'a str, bool)> + 'a {
        let (translated, chosen) = match self {
            Anchors::Translated(anchors) => {
                let shorter =
                    |(literal, ends): (&'static str, bool)| -> (&'a str, bool) { (literal, ends) };
                (Some(anchors.iter().map(shorter)), None)
            }
            Anchors::Chosen(anchors) => (None, Some(anchors.iter().map(|(l, e)| (l.as_str(), *e)))),
        };
        translated
            .into_iter()
            .flatten()
            .chain(chosen.into_iter().flatten())
    }

    /// Each literal.
    pub fn literals(&self) -> impl Iterator<Item = &str> {
        self.iter().map(|(literal, _)| literal)
    }
}

/// What translating a language's terms depends on: its common words (avoided as anchors)
/// and its spellings ([`crate::spelling`]), and the fingerprint of the two that tells which
/// table of terms translated ahead of time fits ([`crate::translated`]).
#[derive(Debug, Clone)]
pub struct TermLanguage {
    pub common: Arc<WordTable>,
    pub spellings: Arc<Spellings>,
    fingerprint: u64,
}

impl TermLanguage {
    pub fn new(common: Arc<WordTable>, spellings: Arc<Spellings>) -> Self {
        let fingerprint = translation_fingerprint(common.fingerprint(), &spellings);
        TermLanguage {
            common,
            spellings,
            fingerprint,
        }
    }

    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }
}

impl Default for TermLanguage {
    /// No common words and no spellings (cue lists, the assessment's word lists).
    fn default() -> Self {
        TermLanguage::new(Arc::default(), Arc::default())
    }
}

impl CompiledTerm {
    fn new(term: &str, language: &TermLanguage) -> Result<Self, TermError> {
        match crate::translated::lookup(language.fingerprint, term) {
            Some(done) => Ok(CompiledTerm::translated(done)),
            None => CompiledTerm::translate(term, language),
        }
    }

    /// The term translated here and now, whether or not the build script did it: folded, its
    /// alternatives joined by their other spellings, checked, its anchors chosen.
    pub(crate) fn translate(term: &str, language: &TermLanguage) -> Result<Self, TermError> {
        let folded = crate::fold::fold(term);
        let folded = language.spellings.apply(&folded).unwrap_or(folded);
        check_term(term, &folded)?;
        let (anchors, anchors_start_words, required) =
            match choose_anchors_folded(&folded, &language.common) {
                Some(chosen) => {
                    let literals = chosen.literals.into_iter().zip(chosen.ends_word).collect();
                    (
                        Some(Anchors::Chosen(literals)),
                        chosen.at_word_start,
                        chosen.required,
                    )
                }
                None => (None, false, None),
            };
        Ok(CompiledTerm {
            anchors,
            anchors_start_words,
            required,
            folded: Cow::Owned(folded),
            program: OnceLock::new(),
            regex: OnceLock::new(),
            whole: OnceLock::new(),
        })
    }

    /// A built-in term as the build script translated it (the same fields [`CompiledTerm::new`]
    /// would compute).
    pub(crate) fn translated(done: crate::translated::Translated) -> Self {
        CompiledTerm {
            folded: Cow::Borrowed(done.folded()),
            anchors: done.anchors().map(Anchors::Translated),
            anchors_start_words: done.at_word_start(),
            required: done.required(),
            program: OnceLock::new(),
            regex: OnceLock::new(),
            whole: OnceLock::new(),
        }
    }

    /// True when the term holds a number (`#`), so it can only match where a digit is.
    pub fn has_number(&self) -> bool {
        // Asked of every term as the prefilter is built; few hold a '#' at all.
        self.folded.as_bytes().contains(&b'#') && self.folded.split_whitespace().any(|t| t == "#")
    }

    /// What translating the term gave: the term folded, its anchors (each with whether a
    /// word ends after it), whether they start words, and its required word (for tests
    /// comparing translations).
    #[cfg(test)]
    pub(crate) fn translation(&self) -> Translation<'_> {
        (
            &self.folded,
            self.anchors.as_ref().map(|a| a.iter().collect()),
            self.anchors_start_words,
            self.required_word(),
        )
    }

    /// The term, folded.
    pub fn term(&self) -> &str {
        &self.folded
    }

    /// Another word than its anchor's that every match holds at a word start, as written in
    /// the term ("took|kept"): the literals one of which begins it are its
    /// [`crate::term::word_prefixes`].
    pub fn required_word(&self) -> Option<&str> {
        let range = self.required.as_ref()?;
        Some(&self.folded[range.start as usize..range.end as usize])
    }

    /// The term's regex source over folded text (no flags).
    pub fn source(&self) -> String {
        term_to_regex(&self.folded).expect("the term was checked when it was read")
    }

    fn program(&self) -> &TermProgram {
        self.program.get_or_init(|| TermProgram::new(&self.folded))
    }

    /// The term's regex (None only if it cannot be compiled, which the test suite rules out
    /// for built-in terms and `validate` reports for a user's).
    pub fn regex(&self) -> Option<&Regex> {
        self.regex
            .get_or_init(|| build_small(&self.source(), true))
            .as_ref()
    }

    /// The term's regex anchored at both ends.
    pub fn whole(&self) -> Option<&Regex> {
        self.whole
            .get_or_init(|| build_small(&format!(r"\A(?:{})\z", self.source()), false))
            .as_ref()
    }

    /// The end of the term's match starting exactly at `start`, if any. `stack` is
    /// scratch space.
    pub fn match_at(
        &self,
        text: &str,
        start: usize,
        stack: &mut Vec<(u32, usize)>,
    ) -> Option<usize> {
        if let Ok(found) = self.program().match_at(text, start, stack) {
            return found;
        }
        // The program ran out of steps: the regex gives the same answer in linear time.
        let input = Input::new(text).range(start..).anchored(Anchored::Yes);
        self.regex()?.search(&input).map(|m| m.end())
    }

    /// The keys ([`crate::term_chars::start_key`]) of the characters a match can start with
    /// (one per alternative of the first word), or None when it can start with any letter or
    /// digit (`*`, `#`, a leading wildcard or apostrophe).
    pub fn first_keys(&self) -> Option<Vec<u8>> {
        let first = self.folded.split_whitespace().next()?;
        if matches!(first, "*" | "#") {
            return None;
        }
        let mut keys = Vec::new();
        for alternative in first.split('|') {
            match alternative.chars().next() {
                // ’ and ʼ also stand for any apostrophe.
                Some('*' | '\'' | '’' | 'ʼ') | None => return None,
                Some(c) => {
                    let mut buf = [0; 4];
                    let key = crate::term_chars::start_key(c.encode_utf8(&mut buf).as_bytes(), 0);
                    if !keys.contains(&key) {
                        keys.push(key);
                    }
                }
            }
        }
        Some(keys)
    }

    /// True when every match starts with a letter or digit, so only word starts need trying.
    pub fn starts_with_word(&self) -> bool {
        let Some(first) = self.folded.split_whitespace().next() else {
            return false;
        };
        matches!(first, "*" | "#")
            || first.split('|').all(|alternative| {
                alternative
                    .chars()
                    .next()
                    .is_some_and(|c| c == '*' || crate::term::is_word_char(c))
            })
    }

    /// Every end of a match starting at `start` pushed onto `ends`; false when the program
    /// ran out of steps (the caller then tests candidate ends one by one).
    pub fn match_ends(
        &self,
        text: &str,
        start: usize,
        stack: &mut Vec<(u32, usize)>,
        ends: &mut Vec<usize>,
    ) -> bool {
        self.program().match_ends(text, start, stack, ends).is_ok()
    }

    /// True when the term matches all of `span`.
    pub fn matches_whole(&self, span: &str, stack: &mut Vec<(u32, usize)>) -> bool {
        match self.program().matches_whole(span, stack) {
            Ok(found) => found,
            Err(_) => self.whole().is_some_and(|r| r.is_match(span)),
        }
    }

    /// Heap bytes of the term's program (built now if it was not) and of any fallback regex
    /// compiled (not counting per-thread caches).
    pub fn memory_usage(&self) -> usize {
        let of = |r: &OnceLock<Option<Regex>>| {
            r.get()
                .and_then(|r| r.as_ref())
                .map_or(0, |r| r.memory_usage())
        };
        self.program().memory_usage() + of(&self.regex) + of(&self.whole)
    }

    /// True when the program has been built (for tests of laziness).
    pub fn is_compiled(&self) -> bool {
        self.program.get().is_some()
    }
}

/// The same limits as [`crate::term_regex::build_regex`], built with `regex-automata` directly so
/// that the regex records only the whole match, no inner groups (a smaller NFA), and keeps
/// a small lazy-DFA cache. Without `fast`, only the NFA
/// simulation is built (no lazy DFA, hence no reverse NFA): half the memory, for the
/// whole-span tests that run only when a match ends inside a word, on a few words of text.
fn build_small(source: &str, fast: bool) -> Option<Regex> {
    Builder::new()
        .configure(
            Config::new()
                .nfa_size_limit(Some(REGEX_SIZE_LIMIT))
                .hybrid_cache_capacity(TERM_DFA_CACHE)
                .which_captures(WhichCaptures::Implicit)
                .hybrid(fast)
                .onepass(fast),
        )
        .syntax(syntax::Config::new().nest_limit(REGEX_NEST_LIMIT))
        .build(source)
        .ok()
}

/// The distinct terms of one language seen so far, keyed by the term as written.
#[derive(Debug)]
pub struct TermCache {
    /// How the language's terms are translated.
    language: TermLanguage,
    terms: Mutex<FxHashMap<String, Arc<CompiledTerm>>>,
}

impl TermCache {
    pub fn new(language: TermLanguage) -> Self {
        // Room for the language's built-in terms from the start: growing the map to them
        // one doubling at a time rehashed every term thirteen times.
        let built_in = crate::translated::count(language.fingerprint);
        TermCache {
            language,
            terms: Mutex::new(FxHashMap::with_capacity_and_hasher(
                built_in,
                Default::default(),
            )),
        }
    }

    /// The term translated, from the cache when it was seen before. Errors are not cached:
    /// they end the load anyway.
    pub fn get(&self, term: &str) -> Result<Arc<CompiledTerm>, TermError> {
        if let Some(found) = self.locked().get(term) {
            return Ok(Arc::clone(found));
        }
        // Translated without the lock, so that other threads compiling lists of the same
        // language (a batch's) are not kept waiting; the first translation stored is kept.
        let compiled = Arc::new(CompiledTerm::new(term, &self.language)?);
        let mut terms = self.locked();
        Ok(Arc::clone(
            terms.entry(term.to_string()).or_insert(compiled),
        ))
    }

    fn locked(&self) -> std::sync::MutexGuard<'_, FxHashMap<String, Arc<CompiledTerm>>> {
        // A poisoned lock only means another thread panicked mid-insert of a complete value.
        self.terms.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Every term translated so far (in no particular order).
    pub fn all(&self) -> Vec<Arc<CompiledTerm>> {
        self.terms
            .lock()
            .map_or_else(|_| Vec::new(), |t| t.values().cloned().collect())
    }

    /// Every term asked for so far, as written (in no particular order).
    pub fn written(&self) -> Vec<String> {
        self.terms
            .lock()
            .map_or_else(|_| Vec::new(), |t| t.keys().cloned().collect())
    }

    /// How many distinct terms were translated.
    pub fn len(&self) -> usize {
        self.terms.lock().map_or(0, |t| t.len())
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A term translated on another thread is the one a list later gets; a term in error
    /// is not stored, so every list asking for it gets the error.
    #[test]
    fn a_term_translated_on_another_thread_is_shared_and_an_error_is_not_stored() {
        let cache = TermCache::new(Default::default());
        std::thread::scope(|scope| {
            scope.spawn(|| cache.get("took * passport*").map(|_| ()));
            scope.spawn(|| assert!(cache.get("... passport?").is_err()));
        });
        assert_eq!(cache.len(), 1);
        let first = cache.all().pop().unwrap();
        assert!(Arc::ptr_eq(&first, &cache.get("took * passport*").unwrap()));
        assert!(cache.get("... passport?").is_err());
        assert_eq!(cache.len(), 1);
    }

    #[test]
    fn the_same_term_is_translated_once_and_shared() {
        let cache = TermCache::new(Default::default());
        let a = cache.get("took * passport*").unwrap();
        let b = cache.get("took * passport*").unwrap();
        assert!(Arc::ptr_eq(&a, &b));
        assert_eq!(cache.len(), 1);
        let c = cache.get("unpaid").unwrap();
        assert!(!Arc::ptr_eq(&a, &c));
        assert_eq!(cache.len(), 2);
    }

    #[test]
    fn errors_are_reported_and_not_cached() {
        let cache = TermCache::new(Default::default());
        assert!(cache.get("* ...").is_err());
        assert!(cache.is_empty());
    }

    #[test]
    fn programs_are_built_on_first_use_and_match() {
        let cache = TermCache::new(Default::default());
        let term = cache.get("took * passport*").unwrap();
        assert!(!term.is_compiled());
        let text = "they took my passports";
        assert_eq!(term.match_at(text, 0, &mut Vec::new()), None);
        assert_eq!(term.match_at(text, 5, &mut Vec::new()), Some(text.len()));
        assert!(term.is_compiled());
        let found = term.regex().unwrap().find(text).unwrap();
        assert_eq!(&text[found.range()], "took my passports");
        assert!(term.whole().unwrap().is_match("took our passport"));
        assert!(!term.whole().unwrap().is_match("took our passport away"));
    }
}
