//! The term language of rule files ("passport*", "took|kept * passport", "# hours"): checking
//! a term, choosing its anchor literals, and a term list's whole-word search.
//!
//! Terms are folded (lower case, ё as е; see [`crate::fold`]) and matched on folded text.
//! Each term list yields anchor literals: words one of which every match must contain, so the
//! engine skips term lists and terms whose anchors do not occur in a sentence, and builds a
//! term's program ([`crate::term_program`]) only when a text first holds its anchor. The
//! regex form of terms and raw regexes live in [`crate::term_regex`].

use crate::alternatives::{Alternatives, Search};
use crate::fold::fold;
use crate::prefilter::Prefilter;
use crate::term_cache::{CompiledTerm, TermCache};
use crate::term_chars::{starts_mid_word, word_starts};
use crate::term_regex::{RawAnchors, compile_raw, regex_anchors};
pub use crate::term_syntax::{
    ChosenAnchors, TermError, check_term, choose_anchors_folded, is_alphanumeric, is_word_char,
    word_prefixes,
};
use crate::word_table::WordTable;
use regex::Regex;
use std::sync::{Arc, OnceLock};

/// A word that stands in two nearby positions of a term where alternatives are involved
/// ("ran away at night|in the night": "night" in the fourth and sixth), the sign of a phrase
/// written as an alternative: `|` joins single words of one position, so that term reads
/// "ran away at (night|in) the night" and never matches "ran away at night". The authors of
/// the built-in rules made this mistake a dozen times; `rules check` warns about it.
pub fn repeated_alternative(term: &str) -> Option<&str> {
    let positions: Vec<Vec<&str>> = term
        .split_whitespace()
        .map(|token| token.trim_end_matches('?').split('|').collect())
        .collect();
    for (i, here) in positions.iter().enumerate() {
        for there in positions.iter().skip(i + 1).take(2) {
            if here.len() == 1 && there.len() == 1 {
                continue;
            }
            if let Some(word) = here
                .iter()
                .find(|w| !matches!(**w, "*" | "..." | "#") && there.contains(w))
            {
                return Some(word);
            }
        }
    }
    None
}

/// Determiners that open a noun phrase ("her" is left out: it is as often the object, "gave
/// her|him the ticket").
const DETERMINERS: [&str; 9] = ["the", "a", "an", "my", "your", "his", "our", "their", "its"];

/// Two neighbouring word positions that both offer a determiner, one of them among
/// alternatives ("with your|the worker's|their consent": `your` and `the` in one position,
/// `their` in the next), the sign of a phrase ("the worker's") written as an alternative of
/// single words. Returns the two positions as written. A term never means "the their".
pub fn determiner_split_alternative(term: &str) -> Option<(&str, &str)> {
    let tokens: Vec<&str> = term.split_whitespace().collect();
    let determiners = |token: &str| {
        token
            .trim_end_matches('?')
            .split('|')
            .filter(|w| DETERMINERS.contains(w))
            .count()
    };
    tokens.windows(2).find_map(|pair| {
        let (here, next) = (pair[0], pair[1]);
        let alternatives = here.contains('|') || next.contains('|');
        let grouped = here.contains(['(', ')']) || next.contains(['(', ')']);
        (alternatives && !grouped && determiners(here) > 0 && determiners(next) > 0)
            .then_some((here, next))
    })
}

/// A word position that mixes a one-word negation with the start of a negated phrase
/// ("didn't|did not have": `didn't` and `did` in one position, then `not`; "did not|didn't
/// have": `not` and `didn't` in one position, after `did`; "nobody|no one": `no`, then `one`;
/// "нет|не было": `нет` and `не`, then `было`; "ничего|ни копейки"), the other common form of
/// a phrase written as an alternative. Returns the position as written. A position inside a
/// group ("(did not|didn't)") is a phrase already.
pub fn negation_split_alternative(term: &str) -> Option<&str> {
    let tokens: Vec<&str> = term.split_whitespace().collect();
    for (i, token) in tokens.iter().enumerate() {
        let alternatives: Vec<&str> = token.trim_end_matches('?').split('|').collect();
        if alternatives.len() < 2 || token.contains(['(', ')']) {
            continue;
        }
        let contraction = alternatives
            .iter()
            .any(|a| a.ends_with("n't") || a.ends_with("n’t"));
        if contraction && tokens.get(i + 1) == Some(&"not") {
            return Some(token);
        }
        // After the auxiliary that "not" goes with ("did not|didn't"), not after a gap ("debt
        // ... never|didn't|not ... smaller", single words each).
        let after_auxiliary = i > 0
            && matches!(
                tokens[i - 1],
                "did"
                    | "do"
                    | "does"
                    | "was"
                    | "were"
                    | "is"
                    | "are"
                    | "could"
                    | "can"
                    | "would"
                    | "will"
                    | "should"
                    | "has"
                    | "have"
                    | "had"
                    | "must"
            );
        if contraction && after_auxiliary && alternatives.contains(&"not") {
            return Some(token);
        }
        if alternatives.contains(&"no") && tokens.get(i + 1) == Some(&"one") {
            return Some(token);
        }
        // The Russian particles, in Cyrillic or typed in Latin letters.
        let bare_particle = alternatives
            .iter()
            .any(|a| matches!(*a, "не" | "Не" | "ne" | "Ne"));
        // "ни" opens a phrase only when a word follows it ("ни копейки"), not a gap ("ни|никуда
        // ... не выпускали").
        let bare_ni = alternatives
            .iter()
            .any(|a| matches!(*a, "ни" | "Ни" | "ni" | "Ni"))
            && tokens
                .get(i + 1)
                .is_some_and(|next| !matches!(*next, "..." | "*" | "#"));
        if bare_ni {
            return Some(token);
        }
        if bare_particle && i + 1 < tokens.len() {
            return Some(token);
        }
    }
    None
}

pub use crate::term_variants::{MAX_OPTIONAL_WORDS, variants};

/// "pay|pay packet came" reads "(pay|pay) (packet|came)": a word written twice in one
/// position is nearly always a phrase meant as an alternative. Compared as written, so
/// "живем|живём", which folding makes one, is not a repeat.
///
/// Checked when a user's rules load and, for the built-in rules, by a test (not at every
/// start: every term of the built-in pack would pay for it).
pub fn repeated_word_in_position(term: &str) -> Result<(), TermError> {
    if !term.contains('|') {
        return Ok(());
    }
    // A group's `|` separates whole phrases ("(written contract|contract)"), and a word of a
    // group has no alternatives of its own: each group is one position here.
    if !term.contains('(') {
        return repeated_word_in_position_unmasked(term);
    }
    // A malformed group is reported where the term is built; the check then reads it as written.
    let masked = crate::term_variants::groups_as_words(term).unwrap_or_else(|_| term.to_string());
    repeated_word_in_position_unmasked(&masked)
        .map_err(|e| TermError(e.0.replacen(&format!("{masked:?}"), &format!("{term:?}"), 1)))
}

fn repeated_word_in_position_unmasked(term: &str) -> Result<(), TermError> {
    if !term.contains('|') {
        return Ok(());
    }
    // Every term of every rule passes here when the rules load: one pass over the bytes,
    // the alternatives of the current position kept on the stack (a split of each term
    // into words and alternatives cost ten times as much).
    const MAX: usize = 64;
    let bytes = term.as_bytes();
    let mut alternatives = [(0usize, 0usize); MAX];
    let (mut n, mut start) = (0, 0);
    for at in 0..=bytes.len() {
        let end_of_word = at == bytes.len() || bytes[at] == b' ';
        if !end_of_word && bytes[at] != b'|' {
            continue;
        }
        let alt = &bytes[start..at];
        let repeated = alternatives[..n]
            .iter()
            .any(|&(s, e)| e - s == alt.len() && &bytes[s..e] == alt);
        if repeated && !alt.is_empty() {
            let token_start = term[..start].rfind(' ').map_or(0, |i| i + 1);
            let token_end = term[at..].find(' ').map_or(term.len(), |i| at + i);
            let (alt, token) = (&term[start..at], &term[token_start..token_end]);
            return Err(TermError(format!(
                "the term {term:?} has {alt:?} twice in {token:?}; `|` joins single words of one position, so a phrase written as an alternative (\"pay|pay packet\") never matches as meant: put the phrases in a group, \"(pay|pay packet)\", or write each as a term of its own"
            )));
        }
        if n < MAX {
            alternatives[n] = (start, at);
            n += 1;
        }
        if end_of_word {
            n = 0;
        }
        start = at + 1;
    }
    Ok(())
}

/// The literal words one of which every match of `term` contains (folded), or None when no
/// word of the term is fixed enough to serve. Picks the word position that filters best:
/// one with no very common word of the language (`common`), then the one whose shortest
/// alternative is longest, since long literals occur rarely.
pub fn term_anchors(term: &str, common: &WordTable) -> Option<Vec<String>> {
    choose_anchors(term, common).map(|(literals, _)| literals)
}

/// Like [`term_anchors`], and says whether every match holds one of the anchors at the start
/// of a word (the anchor begins its alternative with a letter or digit: "passport" of
/// "passport*", not "paid" of "*paid"), so a prefilter need only look for it there.
pub fn choose_anchors(term: &str, common: &WordTable) -> Option<(Vec<String>, bool)> {
    choose_anchors_folded(&fold(term), common).map(|chosen| (chosen.literals, chosen.at_word_start))
}

/// What a term list was written as.
#[derive(Debug, Clone)]
enum Pattern {
    /// Rule terms, translated to regex sources over folded text.
    Terms {
        /// The terms, translated (shared with other lists holding the same term).
        terms: Vec<Arc<CompiledTerm>>,
    },
    /// A power user's regex, matched case-insensitively with no word checks (its anchors
    /// and its compiled regex are in the list's [`RegexSlot`]).
    Raw { source: String },
}

/// Translates a term as written in a list, through `cache`: the term itself, or each of its
/// [`variants`] (optional words, phrase groups), each passed to `f`.
fn translate_written(
    term: &str,
    cache: &TermCache,
    mut f: impl FnMut(Arc<CompiledTerm>),
) -> Result<(), TermError> {
    // Nearly every term has no optional word and no group: it is looked up as it is
    // (memchr3 rather than a char-set `contains`, which cost about 1 % of an English story's
    // start-up over the language's thousands of terms).
    if memchr::memchr3(b'?', b'(', b')', term.as_bytes()).is_none() {
        f(cache.get(term)?);
        return Ok(());
    }
    let translate = |variant: &str| {
        cache.get(variant).map_err(|e| {
            if variant == term {
                e
            } else {
                TermError(format!("{} (written as {term:?})", e.0))
            }
        })
    };
    // A built-in term's variants were written out when the binary was built.
    if let Some(variants) = crate::translated::variants(term) {
        for variant in variants {
            f(translate(variant)?);
        }
        return Ok(());
    }
    for variant in variants(term)? {
        f(translate(&variant)?);
    }
    Ok(())
}

/// Where a raw regex's anchors are found and the regex compiled, each once, shared by the
/// lists that use it and by whoever makes them ahead of need ([`TermSet::anchors_into`],
/// [`TermSet::compile_into`]).
pub type RegexSlot = Arc<RawSlot>;

/// See [`RegexSlot`].
#[derive(Debug, Default)]
pub struct RawSlot {
    /// What every match contains ([`regex_anchors`]; None when nothing can be looked for).
    anchors: OnceLock<Option<RawAnchors>>,
    /// The regex, or the message of why it does not compile.
    regex: OnceLock<Result<Regex, String>>,
}

/// A list of terms (or a raw regex) that only reports whole-word matches.
#[derive(Debug, Clone)]
pub struct TermSet {
    pattern: Pattern,
    /// A raw regex's anchors and regex, each made on first use and shared by the list's
    /// clones (unused for term lists).
    raw: RegexSlot,
    /// The terms one by one, each compiled when a text first holds its anchor.
    alternatives: OnceLock<Alternatives>,
    /// The list's own prefilter, for searches without the pack's (cue lists, `unless`
    /// lists searched alone): which terms' anchors occur in a text.
    prefilter: OnceLock<Prefilter>,
}

impl TermSet {
    /// Translates terms (checking their syntax); the error names the offending term. The regex
    /// is compiled on first use or by [`TermSet::validate`].
    pub fn new(terms: &[String]) -> Result<Self, TermError> {
        Self::with_cache(terms, &TermCache::new(Default::default()))
    }

    /// Like [`TermSet::new`], taking each term from `cache` (which knows the language's
    /// common words), so that a term shared by many lists is translated and compiled once.
    /// A term with optional words (`single?`) or phrase groups (`(set foot|stood)`) stands
    /// for each of its [`variants`].
    pub fn with_cache(terms: &[String], cache: &TermCache) -> Result<Self, TermError> {
        let mut compiled = Vec::with_capacity(terms.len());
        for term in terms {
            translate_written(term, cache, |t| compiled.push(t))?;
        }
        Ok(Self::from_pattern(Pattern::Terms { terms: compiled }))
    }

    /// A raw regex (power users): matches are taken as they are, with no word checks.
    pub fn raw(source: &str) -> Self {
        Self::from_pattern(Pattern::Raw {
            source: source.to_string(),
        })
    }

    /// [`TermSet::raw`], its regex compiled into `slot` (shared with whoever compiles it
    /// ahead of need: [`TermSet::compile_into`]).
    pub fn raw_in(source: &str, slot: RegexSlot) -> Self {
        TermSet {
            raw: slot,
            ..Self::raw(source)
        }
    }

    /// Compiles the raw regex `source` into `slot`, unless it is compiled there already.
    pub fn compile_into(slot: &RegexSlot, source: &str) {
        slot.regex.get_or_init(|| compile_raw(source));
    }

    /// Finds the anchors of the raw regex `source` into `slot`, unless they are found
    /// there already (reading them parses the regex: a millisecond each, which start-up
    /// need not wait for when another thread does it while the rules are compiled).
    pub fn anchors_into(slot: &RegexSlot, source: &str) {
        slot.anchors.get_or_init(|| regex_anchors(source));
    }

    fn from_pattern(pattern: Pattern) -> Self {
        TermSet {
            pattern,
            raw: Arc::default(),
            alternatives: OnceLock::new(),
            prefilter: OnceLock::new(),
        }
    }

    /// Compiles a raw regex now, so that a user's rule file reports a bad or oversized regex
    /// at load time rather than when some text first needs it. Term lists were checked when
    /// they were read and need no regex.
    pub fn validate(&self) -> Result<(), TermError> {
        match &self.pattern {
            Pattern::Terms { .. } => Ok(()),
            Pattern::Raw { .. } => self.regex().map(|_| ()).map_err(|e| TermError(e.clone())),
        }
    }

    /// The raw regex, compiled on first use.
    fn regex(&self) -> Result<&Regex, &String> {
        self.raw
            .regex
            .get_or_init(|| match &self.pattern {
                Pattern::Terms { .. } => Err("a term list has no regex".to_string()),
                Pattern::Raw { source, .. } => compile_raw(source),
            })
            .as_ref()
    }

    /// Folded literals one of which every match contains, sorted; None when the list must
    /// always be searched (a term with no fixed word, a raw regex without literals or whose
    /// matches may hold a digit instead: see [`TermSet::raw_anchors`]). Prefilters take each
    /// term's anchors instead ([`TermSet::terms`]); this is the list's summary.
    pub fn anchors(&self) -> Option<Vec<String>> {
        match &self.pattern {
            Pattern::Terms { terms } => {
                let mut all = Vec::new();
                for term in terms {
                    all.extend(term.anchors.as_ref()?.literals().map(str::to_string));
                }
                all.sort();
                all.dedup();
                Some(all)
            }
            Pattern::Raw { .. } => match self.raw_anchors() {
                Some(RawAnchors {
                    literals,
                    digit: false,
                    ..
                }) => Some(literals.clone()),
                _ => None,
            },
        }
    }

    /// The regex as written, for a raw regex (None for term lists).
    pub fn raw_source(&self) -> Option<&str> {
        match &self.pattern {
            Pattern::Terms { .. } => None,
            Pattern::Raw { source, .. } => Some(source),
        }
    }

    /// For a raw regex: what every match contains, literals or a digit (None for term lists,
    /// and for a raw regex with nothing to look for).
    pub fn raw_anchors(&self) -> Option<&RawAnchors> {
        match &self.pattern {
            Pattern::Terms { .. } => None,
            Pattern::Raw { source } => self
                .raw
                .anchors
                .get_or_init(|| regex_anchors(source))
                .as_ref(),
        }
    }

    /// True when the terms occur in `text` (any text: it is folded here).
    pub fn matches_text(&self, text: &str) -> bool {
        self.is_match(&fold(text))
    }

    /// All whole-word matches in folded `text`, as byte ranges, in order.
    pub fn find_all(&self, text: &str) -> Vec<(usize, usize)> {
        let mut found = Vec::new();
        self.for_each_match(text, |s, e| found.push((s, e)));
        found
    }

    /// True when the terms occur anywhere in folded `text`.
    pub fn is_match(&self, text: &str) -> bool {
        let mut any = false;
        self.for_each_until(text, Resume::AfterEnd, |_, _| {
            any = true;
            false
        });
        any
    }

    /// The terms in list order (None for a raw regex).
    pub fn terms(&self) -> Option<&[Arc<CompiledTerm>]> {
        match &self.pattern {
            Pattern::Terms { terms, .. } => Some(terms),
            Pattern::Raw { .. } => None,
        }
    }

    /// Like [`TermSet::find_all`], searching only `terms` (indexes in list order, ascending:
    /// the terms whose anchors occur in `text`, as a prefilter found) with `word_starts`,
    /// those of `text` ([`crate::term_chars::word_starts`]). A raw regex ignores both.
    pub fn find_all_among(
        &self,
        text: &str,
        terms: &[u32],
        word_starts: &[usize],
    ) -> Vec<(usize, usize)> {
        let mut found = Vec::new();
        self.for_each_among(text, terms, word_starts, |s, e| found.push((s, e)));
        found
    }

    /// Like [`TermSet::find_all_among`], calling `f` with each match instead of collecting
    /// them (the matcher appends them to its own table).
    pub fn for_each_among(
        &self,
        text: &str,
        terms: &[u32],
        word_starts: &[usize],
        f: impl FnMut(usize, usize),
    ) {
        self.for_each_among_resuming(text, terms, word_starts, Resume::AfterEnd, f);
    }

    /// [`TermSet::for_each_among`], going on after each match as `resume` says.
    pub fn for_each_among_resuming(
        &self,
        text: &str,
        terms: &[u32],
        word_starts: &[usize],
        resume: Resume,
        mut f: impl FnMut(usize, usize),
    ) {
        match &self.pattern {
            Pattern::Terms { .. } => {
                let search = self.alternatives().search_among(text, terms, word_starts);
                matches_until(text, search, resume, |s, e| {
                    f(s, e);
                    true
                });
            }
            Pattern::Raw { .. } => self.for_each_match(text, f),
        }
    }

    /// Like [`TermSet::find_all`], calling `f` with each match instead of collecting them.
    pub fn for_each_match(&self, text: &str, f: impl FnMut(usize, usize)) {
        self.for_each_match_resuming(text, Resume::AfterEnd, f);
    }

    /// [`TermSet::for_each_match`], going on after each match as `resume` says (a raw regex's
    /// matches never overlap).
    pub fn for_each_match_resuming(
        &self,
        text: &str,
        resume: Resume,
        mut f: impl FnMut(usize, usize),
    ) {
        self.for_each_until(text, resume, |s, e| {
            f(s, e);
            true
        });
    }

    /// Calls `f` for every whole-word match until it returns false, going on after each
    /// match as `resume` says.
    fn for_each_until(&self, text: &str, resume: Resume, f: impl FnMut(usize, usize) -> bool) {
        let Pattern::Terms { .. } = &self.pattern else {
            self.raw_matches_until(text, f);
            return;
        };
        self.terms_until(text, &word_starts(text), resume, f);
    }

    /// Like [`TermSet::find_all`], with the text's word starts already found
    /// ([`crate::term_chars::word_starts`]), so that several lists searched in one sentence
    /// find them once.
    pub fn find_all_in(&self, text: &str, word_starts: &[usize]) -> Vec<(usize, usize)> {
        let mut found = Vec::new();
        let collect = |s, e| {
            found.push((s, e));
            true
        };
        match &self.pattern {
            Pattern::Terms { .. } => self.terms_until(text, word_starts, Resume::AfterEnd, collect),
            Pattern::Raw { .. } => self.raw_matches_until(text, collect),
        }
        found
    }

    /// Searches a term list in `text`, trying only the terms whose anchors occur in it.
    fn terms_until(
        &self,
        text: &str,
        starts: &[usize],
        resume: Resume,
        f: impl FnMut(usize, usize) -> bool,
    ) {
        let prefilter = self
            .prefilter
            .get_or_init(|| Prefilter::new(std::iter::once(self)));
        let alternatives = self.alternatives();
        // The chosen terms' buffer is kept on the thread: cue lists are searched alone in
        // most sentences. Taken out while in use, so a nested search would simply allocate.
        thread_local! {
            static TERMS: std::cell::Cell<Vec<u32>> = const { std::cell::Cell::new(Vec::new()) };
        }
        let mut terms = TERMS.take();
        if !prefilter.list_terms(text, starts, &mut terms) {
            terms.extend(0..alternatives.len() as u32);
        }
        if !terms.is_empty() {
            matches_until(
                text,
                alternatives.search_among(text, &terms, starts),
                resume,
                f,
            );
        }
        TERMS.set(terms);
    }

    fn raw_matches_until(&self, text: &str, mut f: impl FnMut(usize, usize) -> bool) {
        let Ok(regex) = self.regex() else {
            return; // reported by `validate` at load time for user rules
        };
        let mut at = 0;
        while at <= text.len() {
            let Some(m) = regex.find_at(text, at) else {
                break;
            };
            // A regex often takes the character before or after its words to stand for a word
            // boundary (`(?:^|[^a-z])`): the evidence is the words, without that space.
            let found = &text[m.range()];
            let start = m.start() + (found.len() - found.trim_start().len());
            let end = m.start() + found.trim_end().len();
            if start >= end {
                at = next_char(text, m.end());
                continue;
            }
            if !f(start, end) {
                return;
            }
            at = m.end();
        }
    }

    fn alternatives(&self) -> &Alternatives {
        self.alternatives.get_or_init(|| match &self.pattern {
            Pattern::Terms { terms, .. } => Alternatives::new(terms),
            Pattern::Raw { .. } => Alternatives::new(&[]),
        })
    }
}

/// Where a list's search goes on after a match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resume {
    /// After the match's end: matches do not overlap (cue and exception lists, counts).
    AfterEnd,
    /// Just after the match's start: a rule's list reports the match at every word where
    /// one starts, so that a match reaching into another list's words ("on friday" beside
    /// "phone only on") does not hide a later one of its own ("friday night"). Matches of
    /// a raw regex still never overlap.
    AfterStart,
}

/// Calls `f` for every whole-word match of a term list's search until it returns false. A
/// match that starts or ends inside a word is skipped and the search resumes one character
/// later, so that a longer alternative starting at the same place is still found by a later
/// attempt.
fn matches_until(
    text: &str,
    mut search: Search<'_>,
    resume: Resume,
    mut f: impl FnMut(usize, usize) -> bool,
) {
    if search.is_empty() {
        return;
    }
    let next = |start: usize, end: usize| match resume {
        Resume::AfterEnd => end,
        Resume::AfterStart => next_char(text, start),
    };
    let mut at = 0;
    while at <= text.len() {
        let Some((start, end)) = search.find_at(at) else {
            break;
        };
        if start == end {
            at = next_char(text, end);
            continue;
        }
        if starts_mid_word(text, start) || ends_mid_word(text, end) {
            if let Some(longer) = longest_whole_word_at(text, start, &mut search) {
                if !f(start, longer) {
                    return;
                }
                at = next(start, longer);
            } else {
                at = next_char(text, start);
            }
            continue;
        }
        if !f(start, end) {
            return;
        }
        at = next(start, end);
    }
}

/// When the leftmost-first match at `start` ends inside a word ("pass" in "passport"),
/// another alternative may match the whole word: the longest match from `start` that ends
/// where a word does, however many words it spans.
fn longest_whole_word_at(text: &str, start: usize, search: &mut Search<'_>) -> Option<usize> {
    if starts_mid_word(text, start) {
        return None;
    }
    search.longest_end_where(start, |end| ends_a_word(text, end))
}

/// True when a word ends at `end`: a word character before it and none after it.
fn ends_a_word(text: &str, end: usize) -> bool {
    text[..end].chars().next_back().is_some_and(is_word_char)
        && !text[end..].chars().next().is_some_and(is_word_char)
}

fn next_char(text: &str, at: usize) -> usize {
    text[at..]
        .chars()
        .next()
        .map_or(text.len() + 1, |c| at + c.len_utf8())
}

fn ends_mid_word(text: &str, end: usize) -> bool {
    let last = text[..end].chars().next_back();
    let after = text[end..].chars().next();
    matches!((last, after), (Some(l), Some(a)) if is_word_char(l) && is_word_char(a))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::term_regex::term_to_regex;

    fn set(terms: &[&str]) -> TermSet {
        TermSet::new(&terms.iter().map(|s| s.to_string()).collect::<Vec<_>>()).unwrap()
    }

    fn found<'a>(terms: &[&str], text: &'a str) -> Vec<&'a str> {
        set(terms)
            .find_all(&fold(text))
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect()
    }

    /// A raw regex compiled ahead of need into a slot is the one the list that shares the
    /// slot uses; one that does not compile is reported by the list all the same.
    #[test]
    fn a_regex_compiled_into_a_shared_slot_is_the_lists() {
        let slot = RegexSlot::default();
        TermSet::compile_into(&slot, r"paid\s+late");
        assert!(matches!(slot.regex.get(), Some(Ok(_))));
        assert!(slot.anchors.get().is_none());
        TermSet::anchors_into(&slot, r"paid\s+late");
        let anchors = slot
            .anchors
            .get()
            .unwrap()
            .as_ref()
            .map(|a| a.literals.clone());
        let set = TermSet::raw_in(r"paid\s+late", Arc::clone(&slot));
        assert_eq!(set.find_all("we were paid  late"), vec![(8, 18)]);
        assert_eq!(set.anchors(), anchors);
        assert!(set.anchors().is_some());
        let broken = RegexSlot::default();
        TermSet::compile_into(&broken, "(unclosed");
        assert!(TermSet::raw_in("(unclosed", broken).validate().is_err());
    }

    /// Resuming after a match's start finds the matches that begin inside it ("friday
    /// night" inside "on friday night"); resuming after its end, as cue lists do, does not.
    #[test]
    fn resuming_after_the_start_finds_a_match_that_begins_inside_another() {
        let list = set(&["on friday", "friday night"]);
        let text = "phone only on friday night";
        let starts = word_starts(text);
        let all: Vec<u32> = vec![0, 1];
        let search = |resume| {
            let mut found = Vec::new();
            list.for_each_among_resuming(text, &all, &starts, resume, |s, e| {
                found.push(&text[s..e])
            });
            found
        };
        assert_eq!(search(Resume::AfterEnd), ["on friday"]);
        assert_eq!(search(Resume::AfterStart), ["on friday", "friday night"]);
    }

    /// When the alternative the regex prefers ends inside a word ("отработай" of
    /// "отработайте"), the longer one is found however many words the match spans: it was
    /// looked for among the first eight word ends only, so a phrase with gaps lost it.
    #[test]
    fn a_longer_alternative_is_found_past_many_words() {
        let text = "за вас аа бб вв отдал гг дд отработайте";
        assert_eq!(
            found(&["за вас ... отдал ... отработай|отработайте"], text),
            [text]
        );
        let text = "one two three four five six seven eight nine passports";
        assert_eq!(found(&["one ... ... ... passport|passports"], text), [text]);
        assert_eq!(
            found(&["one ... ... ... passport|passports"], "one two passportx"),
            Vec::<&str>::new()
        );
    }

    /// '#' is a number only as a word of its own: among alternatives it is refused, and a
    /// group gives it its own term.
    #[test]
    fn a_number_among_alternatives_is_refused_and_a_group_holds_it() {
        let term = "got only two|# payments";
        let err = check_term(term, term).unwrap_err();
        assert!(err.0.contains("'#' among the alternatives"), "{}", err.0);
        assert!(TermSet::new(&[term.to_string()]).is_err());
        let text = "i got only 2 payments, he got only two payments";
        assert_eq!(
            found(&["got only (two|#) payments"], text),
            ["got only 2 payments", "got only two payments"]
        );
    }

    /// A group's alternatives are whole phrases: a word they share is no repeat; a repeat
    /// outside the group still is.
    #[test]
    fn a_group_is_one_position_for_the_repeat_check() {
        assert!(
            repeated_word_in_position("do you have (a written contract|a contract) now").is_ok()
        );
        assert!(
            repeated_word_in_position("(did|do) you sign a|any? (contract|copy of the contract)")
                .is_ok()
        );
        let err = repeated_word_in_position("(did|do) you pay|pay packet (now)?").unwrap_err();
        assert!(err.0.contains("\"pay\" twice"), "{}", err.0);
        assert!(
            err.0.contains("(did|do) you pay|pay packet (now)?"),
            "{}",
            err.0
        );
    }

    #[test]
    fn a_phrase_written_as_an_alternative_is_noticed() {
        assert_eq!(
            repeated_alternative("ran away at night|in the night"),
            Some("night")
        );
        assert_eq!(
            repeated_alternative("for food|meals|just food|only food"),
            Some("food")
        );
        assert_eq!(repeated_alternative("do not|does not pay"), Some("not"));
        assert_eq!(repeated_alternative("took|kept my passport"), None);
        assert_eq!(repeated_alternative("from # ... until|till # pm"), None);
        assert_eq!(repeated_alternative("day and day"), None, "no alternatives");
        assert_eq!(
            repeated_alternative("two|three or|to three|four hours"),
            Some("three")
        );
    }

    #[test]
    fn a_determiner_split_across_alternatives_is_noticed() {
        assert_eq!(
            determiner_split_alternative("with your|the worker's|their consent"),
            Some(("your|the", "worker's|their"))
        );
        assert_eq!(
            determiner_split_alternative("gave us|our the|any salary"),
            Some(("us|our", "the|any"))
        );
        // One determiner position, a group, or an object pronoun before the article.
        assert_eq!(
            determiner_split_alternative("took the|his|her passport"),
            None
        );
        assert_eq!(
            determiner_split_alternative("with (your|the worker's|their) consent"),
            None
        );
        assert_eq!(
            determiner_split_alternative("gave her|him the|a ticket"),
            None
        );
    }

    #[test]
    fn a_negation_split_across_alternatives_is_noticed() {
        assert_eq!(
            negation_split_alternative("vyhodnyh net|ne bylo"),
            Some("net|ne")
        );
        assert_eq!(
            negation_split_alternative("didn't|did not have a day off"),
            Some("didn't|did")
        );
        assert_eq!(
            negation_split_alternative("у меня нет|не было ключей"),
            Some("нет|не")
        );
        assert_eq!(
            negation_split_alternative("didn't|never have a day off"),
            None
        );
        assert_eq!(negation_split_alternative("did not have a day off"), None);
        assert_eq!(
            negation_split_alternative("it was not|wasn't a hotel"),
            Some("not|wasn't")
        );
        assert_eq!(
            negation_split_alternative("nobody|no one will hire you"),
            Some("nobody|no")
        );
        assert_eq!(
            negation_split_alternative("за май ничего|ни копейки"),
            Some("ничего|ни")
        );
        assert_eq!(
            negation_split_alternative("it (was not|wasn't) a hotel"),
            None
        );
        assert_eq!(negation_split_alternative("ни копейки|рубля"), None);
        assert_eq!(
            negation_split_alternative("debt ... never|didn't|not ... smaller"),
            None
        );
        assert_eq!(
            negation_split_alternative("ни|никуда ... не выпускали"),
            None
        );
        assert_eq!(negation_split_alternative("у меня не было ключей"), None);
    }

    #[test]
    fn optional_words_and_groups_match_each_way_of_writing_the_term() {
        assert_eq!(
            found(
                &["(set foot|stood) on land"],
                "We never stood on land. Nobody set foot on land, nobody set on land."
            ),
            vec!["stood on land", "set foot on land"],
            "not \"set on land\": a group is a phrase, not a word position"
        );
        // Both ways of writing it match, with the longer match where both could.
        assert_eq!(
            found(
                &["not had a single? day off"],
                "I have not had a day off. She has not had a single day off."
            ),
            vec!["not had a day off", "not had a single day off"]
        );
        assert_eq!(
            repeated_alternative("ran away at? night|in the night"),
            Some("night"),
            "the lint reads through '?'"
        );
    }

    #[test]
    fn a_variant_that_breaks_the_language_names_the_term_as_written() {
        // A variant that breaks a rule of the language is reported with the term as written.
        let error = TermSet::new(&["... passport?".to_string()])
            .err()
            .unwrap()
            .0;
        assert!(error.contains("written as"), "{error}");
    }

    /// A currency sign is read as the space between words, so a term word made of it alone
    /// never matched ("# долларов|$" missed "1500$"): it is refused, and a term ending at
    /// the number finds the sum with its sign.
    #[test]
    fn a_word_of_gap_characters_alone_is_refused() {
        for term in ["paid him # dollars|$", "# €", "pay -? now"] {
            let err = check_term(term, term).unwrap_err();
            assert!(err.0.contains("never matches"), "{term}: {}", err.0);
            assert!(TermSet::new(&[term.to_string()]).is_err(), "{term}");
        }
        assert_eq!(
            found(&["paid him #"], "I paid him 1500$ in cash."),
            ["paid him 1500"]
        );
    }

    #[test]
    fn a_dollar_sign_before_a_number_is_a_gap() {
        assert_eq!(
            found(
                &["pay # compensation"],
                "I must pay $7,000 compensation first."
            ),
            vec!["pay $7,000 compensation"]
        );
        assert_eq!(
            found(&["earn # a day"], "Earn up to $500 a day."),
            Vec::<&str>::new(),
            "still one word position per word"
        );
    }

    #[test]
    fn whole_words_only() {
        assert_eq!(found(&["paid"], "unpaid and paid, prepaid"), vec!["paid"]);
        assert_eq!(found(&["pay"], "payment"), Vec::<&str>::new());
    }

    #[test]
    fn stems_and_alternatives() {
        assert_eq!(
            found(&["confiscat*"], "They confiscated it."),
            vec!["confiscated"]
        );
        assert_eq!(
            found(&["took|kept * passport*"], "he kept our passports"),
            vec!["kept our passports"]
        );
        assert_eq!(
            found(&["pass", "passport"], "my passport"),
            vec!["passport"]
        );
    }

    #[test]
    fn words_of_a_phrase_may_be_separated_by_a_comma() {
        // Russian writes a comma before "что", "где", "когда": "сказали, что".
        assert_eq!(
            found(&["сказали что"], "Нам сказали, что работа в Москве."),
            vec!["сказали, что"]
        );
        assert_eq!(
            found(
                &["knows where * family"],
                "He knows, where my family lives."
            ),
            vec!["knows, where my family"]
        );
        // A full stop or a semicolon still ends the phrase.
        assert!(found(&["сказали что"], "Нам сказали. Что делать?").is_empty());
        assert!(found(&["сказали что"], "Нам сказали; что делать?").is_empty());
    }

    #[test]
    fn any_word_and_up_to_three_words() {
        assert_eq!(
            found(&["kept ... passport*"], "kept all of our passports"),
            vec!["kept all of our passports"]
        );
        assert_eq!(
            found(&["kept ... passport*"], "kept it"),
            Vec::<&str>::new()
        );
        assert_eq!(
            found(&["kept ... passport"], "kept passport"),
            vec!["kept passport"]
        );
        assert!(found(&["kept ... passport"], "kept one two three four passport").is_empty());
    }

    /// A word written twice in one position is a phrase written as an alternative; "ё" and
    /// "е" spellings of one word are not.
    #[test]
    fn a_word_twice_in_one_position_is_an_error() {
        let check = repeated_word_in_position;
        let error = check("pay|pay packet came to #").unwrap_err().0;
        assert!(error.contains("\"pay\" twice"), "{error}");
        assert!(check("court of appeal|appeal court").is_err());
        assert!(check("живем|живём в вагончике").is_ok());
        assert!(check("pay|paid came to #").is_ok());
    }

    /// The space a regex takes as a word boundary is not part of the evidence.
    #[test]
    fn a_raw_match_leaves_out_the_spaces_around_its_words() {
        let set = TermSet::raw(r"(?:^|[^a-z])paid(?:[^a-z]|$)");
        assert_eq!(set.find_all("we were paid today"), vec![(8, 12)]);
        assert_eq!(set.find_all("paid"), vec![(0, 4)]);
    }

    #[test]
    fn numbers_apostrophes_and_yo() {
        assert_eq!(found(&["# hours"], "we worked 14 hours"), vec!["14 hours"]);
        assert_eq!(found(&["# usd"], "pay 1,500 USD"), vec!["1,500 USD"]);
        // A letter for thousands closes the number; other letters do not ("110kg").
        assert_eq!(found(&["paid #"], "paid 15k in total"), vec!["paid 15k"]);
        assert_eq!(
            found(&["платят #"], "платят 30К на руки"),
            vec!["платят 30К"]
        );
        assert!(found(&["carried #"], "carried 110kg").is_empty());
        // So does the part of the day of a time ("8am-8pm"); other letters still do not.
        assert_eq!(found(&["works #"], "Works 8am-8pm"), vec!["Works 8am"]);
        assert_eq!(found(&["to #"], "to 10PM daily"), vec!["to 10PM"]);
        assert!(found(&["room #"], "room 8b").is_empty());
        // A slash joins words like a space: "1,500/month", "6 days/week".
        assert_eq!(
            found(&["# month promised"], "rm 1,500/month promised"),
            vec!["1,500/month promised"]
        );
        assert_eq!(found(&["# days week"], "6 days/week"), vec!["6 days/week"]);
        assert_eq!(found(&["didn't"], "they didn’t pay"), vec!["didn’t"]);
        assert_eq!(found(&["отдаёт"], "не отдает паспорт"), vec!["отдает"]);
        assert_eq!(found(&["отдает"], "не отдаёт паспорт"), vec!["отдаёт"]);
        assert_eq!(found(&["ПАСПОРТ*"], "забрали паспорта"), vec!["паспорта"]);
    }

    fn term_anchors_(term: &str) -> Option<Vec<String>> {
        term_anchors(term, &WordTable::default())
    }

    #[test]
    fn common_words_are_avoided_as_anchors() {
        let common: WordTable = ["they"].into_iter().collect();
        assert_eq!(
            term_anchors("they took", &common),
            Some(vec!["took".into()])
        );
        assert_eq!(term_anchors("they", &common), Some(vec!["they".into()]));
        let common: WordTable = ["don't"].into_iter().collect();
        assert_eq!(
            term_anchors("don’t pay", &common),
            Some(vec!["pay".into()]),
            "a common word is avoided in any of its apostrophes"
        );
    }

    #[test]
    fn anchors_that_are_whole_alternatives_end_a_word() {
        let chosen = |term: &str| choose_anchors_folded(term, &WordTable::default()).unwrap();
        let took = chosen("took|kept * passport*|documents|workers'");
        assert_eq!(
            took.literals,
            ["passport", "documents", "workers'", "workers’", "workersʼ"]
        );
        // A stem, a whole word, and one ending in an apostrophe (no word character).
        assert_eq!(took.ends_word, [false, true, false, false, false]);
        let dont = chosen("don't|never pay*");
        assert_eq!(dont.literals, ["don't", "don’t", "donʼt", "never"]);
        assert_eq!(dont.ends_word, [true; 4]);
        assert_eq!(chosen("*n't pay*").ends_word, [false; 3]);
    }

    #[test]
    fn the_other_words_of_a_term_are_required_by_their_beginnings() {
        let chosen = |term: &str| choose_anchors_folded(term, &WordTable::default()).unwrap();
        let took = chosen("took|kept * passport*");
        assert_eq!(took.literals, ["passport"]);
        let words = |chosen: &ChosenAnchors, term: &'static str| -> Vec<&'static str> {
            let ranges = chosen.required.iter();
            ranges
                .map(|r| &term[r.start as usize..r.end as usize])
                .collect()
        };
        assert_eq!(
            words(&took, "took|kept * passport*|documents|workers'"),
            ["took|kept"]
        );
        // The longest; wildcards, numbers and a leading `*` need nothing.
        let term = "didn't|never ... pay* # *money for|to the recruiter|agency";
        let long = chosen(term);
        assert_eq!(long.literals, ["recruiter", "agency"]);
        assert_eq!(words(&long, term), ["didn't|never"]);
        let short = chosen("* ... # *money for|to the recruiter|agency");
        assert_eq!(
            words(&short, "* ... # *money for|to the recruiter|agency"),
            ["the"]
        );
        assert_eq!(word_prefixes("didn't|never"), Some(vec!["didn", "never"]));
        assert_eq!(
            word_prefixes("сначала|снач*"),
            Some(vec!["снач", "сначала"])
        );
        assert_eq!(word_prefixes("*n't"), None);
        assert_eq!(word_prefixes("#"), None);
    }

    #[test]
    fn anchors_are_the_most_selective_fixed_word() {
        assert_eq!(
            term_anchors_("took|kept * passport*"),
            Some(vec!["passport".into()])
        );
        assert_eq!(term_anchors_("# Hours"), Some(vec!["hours".into()]));
        assert_eq!(
            term_anchors_("didn't pay"),
            Some(vec!["didn't".into(), "didn’t".into(), "didnʼt".into()])
        );
        assert_eq!(
            term_anchors_("*n't"),
            Some(vec!["n't".into(), "n’t".into(), "nʼt".into()])
        );
        assert_eq!(
            term_anchors_("отобрал*|забрал* паспорт*"),
            Some(vec!["паспорт".into()])
        );
        assert_eq!(
            term_anchors_("отобрал*|забрал* док"),
            Some(vec!["отобрал".into(), "забрал".into()])
        );
        assert_eq!(term_anchors_("ЁЛКА"), Some(vec!["елка".into()]));
        assert_eq!(
            term_anchors_("x'y'z'longest*ab"),
            Some(vec!["longest".into()]),
            "past two apostrophes, the longest run without one"
        );
        assert_eq!(term_anchors_("* ... #"), None);
        let set = TermSet::new(&["pay".to_string(), "*paid".to_string()]).unwrap();
        assert_eq!(
            set.anchors(),
            Some(vec!["paid".to_string(), "pay".to_string()])
        );
    }

    #[test]
    fn every_match_contains_an_anchor() {
        let terms = [
            "took|kept * passport*",
            "confiscat*",
            "не отда*т",
            "didn't pay",
            "*n't",
            "i'm",
        ];
        let text = fold(
            "He kept my PASSPORT. They confiscated it. Он не отдаёт. They didn’t pay. I'm sure it wasnʼt.",
        );
        for term in terms {
            let set = TermSet::new(&[term.to_string()]).unwrap();
            let prog = crate::term_program::TermProgram::new(&crate::fold::fold(term));
            let mut stack = Vec::new();
            eprintln!(
                "program match_at 0: {:?}",
                prog.match_at(&text, 0, &mut stack)
            );
            let anchors = set.anchors().unwrap();
            let found = set.find_all(&text);
            assert!(!found.is_empty(), "{term}");
            for (s, e) in found {
                assert!(
                    anchors.iter().any(|a| text[s..e].contains(a.as_str())),
                    "{term}"
                );
            }
        }
    }

    /// A term whose program runs out of steps is answered by its regex, with the same result.
    #[test]
    fn a_contrived_term_falls_back_to_its_regex() {
        let term = "a*a*a*a*a*a*a*a*b";
        let long = format!("x {}b y {} z", "a".repeat(200), "a".repeat(200));
        let regex = regex::Regex::new(&format!("^(?:{})$", term_to_regex(term).unwrap())).unwrap();
        let program = crate::term_program::TermProgram::new(term);
        let second = long.find(" y ").unwrap() + 3;
        assert!(
            program.match_at(&long, second, &mut Vec::new()).is_err(),
            "the program alone runs out of steps on the second run of a's"
        );
        let found = found(&[term], &long);
        assert_eq!(found.len(), 1);
        assert!(
            regex.is_match(found[0]) && found[0].len() == 201,
            "{}",
            found[0].len()
        );
    }

    #[test]
    fn terms_without_their_anchor_are_never_built() {
        let set = set(&["passport*", "unpaid"]);
        assert_eq!(set.find_all("my passport"), vec![(3, 11)]);
        assert!(set.find_all("nothing here").is_empty());
        let terms = set.terms().unwrap();
        assert!(terms[0].is_compiled());
        assert!(!terms[1].is_compiled(), "\"unpaid\" never occurred");
    }

    #[test]
    fn bad_regex_is_reported_by_validate() {
        assert!(TermSet::raw("(unclosed").validate().is_err());
        assert_eq!(TermSet::raw("(unclosed").anchors(), None);
        assert!(TermSet::raw("pass(port)?").validate().is_ok());
    }

    #[test]
    fn fast_alphanumeric_agrees_with_the_standard_library() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn cyrillic_word_boundaries() {
        assert_eq!(found(&["бил*"], "избили нас, бил"), vec!["бил"]);
    }

    #[test]
    fn rejects_terms_that_match_anything() {
        assert!(term_to_regex("*").is_err());
        assert!(term_to_regex("* ...").is_err());
        assert!(term_to_regex("").is_err());
        assert!(term_to_regex("... passport").is_err());
        assert!(term_to_regex("a||b").is_err());
    }
}
