//! The regex form of the term language and the raw regexes of power users: translating a
//! term into regex source (the reference the term programs are tested against, and their
//! fallback), compiling raw regexes (on folded text; shared per source, and compiled ahead of
//! use on another thread when there is one), and what every match of a raw regex contains
//! (literals, a digit), for the prefilter.
//!
//! Word boundaries are left out of the regexes and checked by looking at neighbouring
//! characters: Unicode `\b` pushes the regex crate off its fast DFA on Cyrillic text (see
//! ../shared/engineering.md), and ASCII `\b` is wrong for Cyrillic.

use crate::fold::fold;
use crate::term::{TermError, check_term, is_alphanumeric, is_word_char};
use regex::{Regex, RegexBuilder};

/// Upper bound for one compiled regex; a rule that needs more is rejected at load time.
pub const REGEX_SIZE_LIMIT: usize = 4 * (1 << 20);
/// Upper bound for nesting in a raw regex.
pub const REGEX_NEST_LIMIT: u32 = 64;

/// Characters that make up a word, as a regex class (a macro, so that `concat!` can join it
/// with other pieces at compile time).
macro_rules! word_class {
    () => {
        r"[0-9A-Za-z\u{00C0}-\u{024F}\u{0400}-\u{052F}\u{0300}-\u{036F}]"
    };
}
/// What may stand between two words of a phrase: spaces, hyphens, quotes, commas, and a
/// currency sign before a number.
macro_rules! gap {
    () => {
        r#"[\s\-‐‑–—'’"«»“”„,/$£€₽¥₹]+"#
    };
}
const GAP: &str = gap!();
/// A number written in digits, with thousands separators or decimals, and perhaps a letter
/// for thousands ("110k", "45к") or the part of the day of a time written onto it ("8am").
const NUMBER: &str = r"\d+(?:[.,\u{00A0}\u{202F} ]\d+)*(?:[kк]|am|pm)?";

/// Translates one term into regex source (without any flags). The engine runs terms as
/// [`crate::term_program::TermProgram`]s; the regex serves as the reference they are tested
/// against and as the fallback for a contrived term that exhausts a program's step budget.
pub fn term_to_regex(term: &str) -> Result<String, TermError> {
    let folded = fold(term);
    check_term(term, &folded)?;
    let tokens: Vec<&str> = folded.split_whitespace().collect();
    let mut out = String::new();
    for (i, token) in tokens.iter().enumerate() {
        match *token {
            "..." => {
                // Up to three words; the gap after the previous word is already written.
                out.push_str(concat!("(?:", word_class!(), "+", gap!(), "){0,3}"));
                continue;
            }
            "*" => out.push_str(concat!(word_class!(), "+")),
            "#" => out.push_str(NUMBER),
            word => word_alternatives(word, &mut out),
        }
        if i + 1 < tokens.len() {
            out.push_str(GAP);
        }
    }
    Ok(out)
}

/// "took|kept|seiz*" -> (?:took|kept|seiz[\p{L}..]*), appended to `out` (written in place:
/// translation may run for thousands of terms). The syntax was checked by [`check_term`].
fn word_alternatives(token: &str, out: &mut String) {
    let several = token.contains('|');
    if several {
        out.push_str("(?:");
    }
    for (i, alt) in token.split('|').enumerate() {
        if i > 0 {
            out.push('|');
        }
        word_to_regex(alt, out);
    }
    if several {
        out.push(')');
    }
}

fn word_to_regex(word: &str, out: &mut String) {
    let mut buf = [0; 4];
    for c in word.chars() {
        match c {
            '*' => out.push_str(concat!(word_class!(), "*")),
            '\'' | '’' | 'ʼ' => out.push_str("['’ʼ]"),
            c if is_alphanumeric(c) => out.push(c),
            c => regex_syntax::escape_into(c.encode_utf8(&mut buf), out),
        }
    }
}

/// Builds one regex from several regex sources, with the size limits.
pub fn build_regex(sources: &[String], case_insensitive: bool) -> Result<Regex, String> {
    let joined = sources
        .iter()
        .map(|s| format!("(?:{s})"))
        .collect::<Vec<_>>()
        .join("|");
    RegexBuilder::new(&joined)
        .case_insensitive(case_insensitive)
        .size_limit(REGEX_SIZE_LIMIT)
        .nest_limit(REGEX_NEST_LIMIT)
        .build()
        .map_err(|e| e.to_string())
}

/// What every match of a raw regex contains, so the prefilter can skip sentences without it:
/// one of `literals` (folded), or, when `digit` is set, a decimal digit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawAnchors {
    pub literals: Vec<String>,
    /// Every literal starts a word wherever it is in a match (it begins with a letter or
    /// digit and follows a character of no word, such as `\s`), so the prefilter need only
    /// look for it where words start.
    pub literals_start_words: bool,
    pub digit: bool,
}

impl Default for RawAnchors {
    fn default() -> Self {
        RawAnchors {
            literals: Vec::new(),
            literals_start_words: true,
            digit: false,
        }
    }
}

/// How selective a digit is as an anchor, in letters of a literal: rarer than a two- or
/// three-letter word ("по", "day"), commoner than a long one ("hours a day").
const DIGIT_AS_LETTERS: usize = 4;

impl RawAnchors {
    fn literal(literal: String, starts_word: bool) -> Self {
        RawAnchors {
            literals: vec![literal],
            literals_start_words: starts_word,
            digit: false,
        }
    }

    fn digit() -> Self {
        RawAnchors {
            digit: true,
            ..RawAnchors::default()
        }
    }

    /// True when the prefilter finds these without searching every byte of a sentence
    /// (digits are looked for once per sentence for every list, literals at word starts)
    /// and they are selective enough to be worth it: a one- or two-letter word start is
    /// in most sentences.
    fn cheap(&self) -> bool {
        (self.literals.is_empty() || self.literals_start_words) && self.strength() >= 3
    }

    /// How selective the anchors are, in letters: those of the shortest literal (a digit
    /// counts as [`DIGIT_AS_LETTERS`]), one less for a long list of them.
    fn strength(&self) -> usize {
        let shortest = self.literals.iter().map(|l| l.chars().count()).min();
        let weakest = match (shortest, self.digit) {
            (Some(n), true) => n.min(DIGIT_AS_LETTERS),
            (Some(n), false) => n,
            (None, true) => DIGIT_AS_LETTERS,
            (None, false) => 0,
        };
        if self.literals.len() > MANY_LITERALS {
            weakest.saturating_sub(1)
        } else {
            weakest
        }
    }

    /// Either anchors hold in every match: the better is kept. Cheap and selective first (a
    /// literal searched over every byte costs more than the few sentences it rules out),
    /// then stronger; on a tie, literals alone (digits are everywhere in some texts), then
    /// fewer pieces, then the first.
    fn stronger(self, other: Option<RawAnchors>) -> RawAnchors {
        let rank = |a: &RawAnchors| {
            let pieces = a.literals.len() + usize::from(a.digit);
            (a.cheap(), a.strength(), !a.digit, std::cmp::Reverse(pieces))
        };
        match other {
            Some(other) if rank(&other) > rank(&self) => other,
            _ => self,
        }
    }
}

/// More literals than this make a set of anchors weaker by a letter: each may occur.
const MANY_LITERALS: usize = 4;

/// What every match of a raw regex contains, from the regex's syntax tree; None when the
/// regex has nothing the prefilter can look for (it is then searched in every sentence).
/// The better of two analyses: the literal prefixes or suffixes of every match, and a walk
/// of the tree that also knows a digit class needs a digit ("(?:1[2-9]|2[0-4]) час").
pub fn regex_anchors(source: &str) -> Option<RawAnchors> {
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(source)
        .ok()?;
    let affixes = affix_literals(&hir).map(|literals| RawAnchors {
        literals,
        literals_start_words: false,
        digit: false,
    });
    let digit_only = needs_digit(&hir).then(RawAnchors::digit);
    let found = [required(&hir, false), affixes, digit_only]
        .into_iter()
        .flatten()
        .reduce(|best, next| best.stronger(Some(next)))?;
    (found.strength() > 0).then_some(found)
}

/// True when every match of `hir` holds a decimal digit.
fn needs_digit(hir: &regex_syntax::hir::Hir) -> bool {
    use regex_syntax::hir::HirKind;
    match hir.kind() {
        HirKind::Literal(literal) => literal.0.iter().any(u8::is_ascii_digit),
        HirKind::Class(_) => digit_class(hir),
        HirKind::Repetition(repetition) => repetition.min > 0 && needs_digit(&repetition.sub),
        HirKind::Capture(capture) => needs_digit(&capture.sub),
        HirKind::Concat(parts) => parts.iter().any(needs_digit),
        HirKind::Alternation(branches) => branches.iter().all(needs_digit),
        HirKind::Empty | HirKind::Look(_) => false,
    }
}

/// True for a class of decimal digits only (as [`crate::term_chars::contains_digit`] tells
/// them).
fn digit_class(hir: &regex_syntax::hir::Hir) -> bool {
    use regex_syntax::hir::{Class, HirKind};
    match hir.kind() {
        // Each range within one of `\d`'s (they are maximal, so a range of digits never
        // spans two).
        HirKind::Class(Class::Unicode(class)) => class.ranges().iter().all(|r| {
            crate::term_chars::decimal_digit_ranges()
                .iter()
                .any(|&(lo, hi)| lo <= r.start() && r.end() <= hi)
        }),
        HirKind::Class(Class::Bytes(class)) => class
            .ranges()
            .iter()
            .all(|r| r.start().is_ascii_digit() && r.end().is_ascii_digit()),
        _ => false,
    }
}

/// Literals one of which every match starts or ends with (folded), the set whose shortest
/// literal is longest.
fn affix_literals(hir: &regex_syntax::hir::Hir) -> Option<Vec<String>> {
    use regex_syntax::hir::literal::{ExtractKind, Extractor};
    let mut best: Option<(usize, Vec<String>)> = None;
    for kind in [ExtractKind::Prefix, ExtractKind::Suffix] {
        let mut extractor = Extractor::new();
        extractor.kind(kind);
        let seq = extractor.extract(hir);
        let Some(literals) = seq.literals() else {
            continue;
        };
        let folded: Option<Vec<String>> = literals
            .iter()
            .map(|l| {
                std::str::from_utf8(l.as_bytes())
                    .ok()
                    .filter(|s| !s.is_empty())
                    .map(fold)
            })
            .collect();
        let Some(mut folded) = folded else {
            continue;
        };
        folded.sort();
        folded.dedup();
        let shortest = folded.iter().map(|l| l.chars().count()).min().unwrap_or(0);
        if shortest > 0 && best.as_ref().is_none_or(|(b, _)| shortest > *b) {
            best = Some((shortest, folded));
        }
    }
    best.map(|(_, literals)| literals)
}

/// What every match of `hir` contains, or None when nothing fixed is known: a literal
/// contains itself, a class of digits a digit; a sequence contains what its most selective
/// part does, a choice what one of its branches does. `after_break`: every match of `hir`
/// follows a character of no word (so a literal it starts with starts a word).
fn required(hir: &regex_syntax::hir::Hir, after_break: bool) -> Option<RawAnchors> {
    use regex_syntax::hir::HirKind;
    match hir.kind() {
        HirKind::Literal(literal) => {
            let text = fold(std::str::from_utf8(&literal.0).ok()?);
            let starts_word = after_break && text.chars().next().is_some_and(is_word_char);
            Some(RawAnchors::literal(text, starts_word))
        }
        HirKind::Class(_) => digit_class(hir).then(RawAnchors::digit),
        // Only the first repetition follows what came before.
        HirKind::Repetition(repetition) if repetition.min > 0 => {
            required(&repetition.sub, after_break && repetition.max == Some(1))
        }
        HirKind::Capture(capture) => required(&capture.sub, after_break),
        HirKind::Concat(parts) => parts
            .iter()
            .enumerate()
            .filter_map(|(i, part)| {
                let follows_break = match i {
                    0 => after_break,
                    _ => ends_with_break(&parts[i - 1]),
                };
                required(part, follows_break)
            })
            .reduce(|best, next| best.stronger(Some(next))),
        HirKind::Alternation(branches) => {
            let mut all = RawAnchors::default();
            for branch in branches {
                let found = required(branch, after_break)?;
                all.literals.extend(found.literals);
                all.literals_start_words &= found.literals_start_words;
                all.digit |= found.digit;
            }
            all.literals.sort();
            all.literals.dedup();
            Some(all)
        }
        _ => None,
    }
}

/// True when every match of `hir` ends with a character that is part of no word (`\s+`).
fn ends_with_break(hir: &regex_syntax::hir::Hir) -> bool {
    use regex_syntax::hir::{Class, HirKind};
    match hir.kind() {
        HirKind::Literal(literal) => std::str::from_utf8(&literal.0)
            .ok()
            .and_then(|text| fold(text).chars().next_back())
            .is_some_and(|c| !is_word_char(c)),
        // A class known char by char; a large one (`[^\p{L}]`) is not examined.
        HirKind::Class(Class::Unicode(class)) => {
            let size: u32 = class
                .ranges()
                .iter()
                .map(|r| r.end() as u32 - r.start() as u32 + 1)
                .sum();
            // The text is folded already: the character before the literal is one of the
            // class's as it stands (a case-insensitive regex adds only case variants, which
            // are letters exactly when the character is).
            size <= 4096
                && class
                    .ranges()
                    .iter()
                    .all(|r| (r.start()..=r.end()).all(|c| !is_word_char(c)))
        }
        HirKind::Class(Class::Bytes(class)) => class
            .ranges()
            .iter()
            .all(|r| (r.start()..=r.end()).all(|b| b.is_ascii() && !b.is_ascii_alphanumeric())),
        HirKind::Repetition(repetition) => repetition.min > 0 && ends_with_break(&repetition.sub),
        HirKind::Capture(capture) => ends_with_break(&capture.sub),
        HirKind::Concat(parts) => parts.last().is_some_and(ends_with_break),
        HirKind::Alternation(branches) => branches.iter().all(ends_with_break),
        HirKind::Empty | HirKind::Look(_) => false,
    }
}

/// A raw regex whose automaton has more states than this is slow to compile (compile time
/// follows the number of states): the built-in ones stay under it (a test checks), and
/// `rules check` warns about a user's regex over it.
pub const HEAVY_RAW_REGEX_STATES: usize = 2_000;

/// The number of states of a raw regex's automaton (a Thompson NFA, as the regex crate builds
/// first), which its compile time follows; None when it does not compile.
pub fn raw_regex_states(source: &str) -> Option<usize> {
    use regex_automata::nfa::thompson::{Config, NFA};
    use regex_automata::util::syntax;
    NFA::compiler()
        .configure(Config::new().shrink(false))
        .syntax(syntax::Config::new().case_insensitive(names_upper_case_letter(source)))
        .build(source)
        .ok()
        .map(|nfa| nfa.states().len())
}

/// Compiles a raw regex. It runs on folded (lower-case) text, so it is compiled
/// case-insensitively only when it names an upper-case letter: case-insensitive classes cost
/// several times more to compile.
pub fn compile_raw(source: &str) -> Result<Regex, String> {
    build_regex(
        std::slice::from_ref(&source.to_string()),
        names_upper_case_letter(source),
    )
}

/// True when a regex holds an upper-case letter outside an escape (`\d`, `\S`, `\p{Lu}`),
/// that is one that could never match folded text unless compiled case-insensitively.
fn names_upper_case_letter(source: &str) -> bool {
    let mut chars = source.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            // \pL, \p{...}, \x{...}: skip the class name or code point.
            if matches!(chars.next(), Some('p' | 'P' | 'x' | 'u' | 'U'))
                && chars.next() == Some('{')
            {
                for c in chars.by_ref() {
                    if c == '}' {
                        break;
                    }
                }
            }
        } else if c.is_uppercase() {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::term::TermSet;
    use crate::term_chars::word_starts;

    #[test]
    fn raw_regexes_are_case_insensitive_only_when_they_name_a_capital() {
        assert!(!names_upper_case_letter(
            r"(?:^|[^\p{L}\d])по\s+\d+\S*\x{41}"
        ));
        assert!(names_upper_case_letter(r"\d+ USD"));
        assert!(TermSet::raw(r"\d+ USD").find_all("pay 100 usd").len() == 1);
        assert!(TermSet::raw(r"\d+ usd").find_all("pay 100 usd").len() == 1);
    }

    #[test]
    fn raw_regex_anchors() {
        let literals = |source: &str| regex_anchors(source).map(|a| (a.literals, a.digit));
        let starting_words = |source: &str| {
            regex_anchors(source)
                .filter(|a| a.literals_start_words && !a.digit)
                .map(|a| a.literals)
        };
        assert_eq!(
            literals(r"(?:12|14)\s*hours a (?:day|shift)"),
            Some((vec![], true)),
            "a digit is looked for once per sentence; a literal inside words over every byte"
        );
        assert_eq!(
            starting_words(r"(?:twelve|fourteen)\s*hours a (?:day|shift)"),
            Some(vec!["day".into(), "shift".into()]),
            "words found at word starts beat longer literals searched over every byte"
        );
        assert_eq!(
            literals(r"(?:twelve|fourteen)\s*hours"),
            Some((vec!["fourteen".into(), "twelve".into()], false)),
            "the longest literals where none starts a word for sure"
        );
        assert_eq!(
            starting_words(r"(?:paid|owed)\s+(?:dollars|euros)"),
            Some(vec!["dollars".into(), "euros".into()]),
            "after a space, a word starts"
        );
        assert_eq!(
            starting_words(r"(?:^|[^\p{L}\d])(?:dollars|euros)"),
            None,
            "a large class may hold word characters (marks, ²)"
        );
        assert_eq!(
            starting_words(r"\s(?:owed)+"),
            None,
            "only the first repetition follows what came before"
        );
        assert_eq!(literals(r"\d+ USD"), Some((vec![], true)));
        assert_eq!(literals(r"\w+"), None);
        assert_eq!(
            literals(r"по\s+(?:1[2-9]|2[0-4])\s*ч"),
            Some((vec![], true)),
            "a digit is more selective than a short word"
        );
        assert_eq!(
            literals(r"[1-9]\d?\s+человек|(?:восемь|десять)\s+человек"),
            Some((vec!["человек".into()], false)),
            "a word in every branch beats a digit in one"
        );
        assert_eq!(
            literals(r"по\s+[1-9]\d?\s*ч|(?:восемь|десять)\s+ч"),
            Some((vec!["восемь".into(), "десять".into()], true)),
            "either a digit or one of the words"
        );
        assert_eq!(
            literals(r"\d+|x*"),
            None,
            "a branch that may be empty holds nothing"
        );
        let digits = TermSet::raw(r"по\s+(?:1[2-9]|2[0-4])\s*ч");
        assert_eq!(
            digits.anchors(),
            None,
            "literal-only searches must search it always"
        );
        let raw = TermSet::raw(r"(?:^|\W)по\s+\d+\s+часов");
        assert!(
            raw.anchors()
                .is_some_and(|a| a.iter().all(|l| l.contains("часов")))
        );
    }

    /// The prefilter skips a raw regex in sentences without its anchors: every match of every
    /// built-in raw regex, in every rule example and fixture, must hold one of its literals
    /// (at a word start, when the anchors say they start words) or, when the anchors say so,
    /// a digit.
    #[test]
    fn every_match_of_a_builtin_raw_regex_holds_its_anchors() {
        let rules = crate::ruleset::RuleSet::builtin().unwrap();
        let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut texts: Vec<String> = Vec::new();
        for lang in ["en", "ru"] {
            for entry in std::fs::read_dir(fixtures.join(lang)).unwrap() {
                let path = entry.unwrap().path();
                if path.extension().is_some_and(|e| e == "txt") {
                    texts.push(fold(&std::fs::read_to_string(path).unwrap()));
                }
            }
        }
        for pack in rules.packs.values() {
            for rule in &pack.compiled().rules {
                texts.extend(rule.examples_match.iter().map(|e| fold(e)));
            }
        }
        let (mut lists, mut matches, mut by_word_start) = (0, 0, 0);
        for pack in rules.packs.values() {
            for set in pack
                .compiled()
                .groups
                .iter()
                .filter(|g| g.terms().is_none())
            {
                lists += 1;
                let anchors = set
                    .raw_anchors()
                    .expect("built-in raw regexes have anchors");
                for text in &texts {
                    let starts = word_starts(text);
                    for (s, e) in set.find_all(text) {
                        matches += 1;
                        let found = &text[s..e];
                        // Where the prefilter looks for the literals: at word starts only,
                        // when the anchors say every one starts a word.
                        let literal_at = |at: usize| {
                            anchors
                                .literals
                                .iter()
                                .any(|a| text[at..e].starts_with(a.as_str()))
                        };
                        let has_literal = if anchors.literals_start_words {
                            starts
                                .iter()
                                .filter(|&&p| p >= s && p < e)
                                .any(|&p| literal_at(p))
                        } else {
                            anchors.literals.iter().any(|a| found.contains(a.as_str()))
                        };
                        assert!(
                            has_literal
                                || (anchors.digit && crate::term_chars::contains_digit(found)),
                            "{found:?} lacks the anchors {anchors:?}"
                        );
                        by_word_start += usize::from(has_literal && anchors.literals_start_words);
                    }
                }
            }
        }
        assert!(
            lists >= 5 && matches >= 20 && by_word_start >= 1,
            "{lists} lists, {matches} matches, {by_word_start} with a literal at a word start"
        );
    }
}
