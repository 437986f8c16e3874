//! The term language of rule files ("passport*", "took|kept * passport", "# hours") and its
//! translation into regex source, plus the whole-word search that runs the compiled regexes.
//!
//! Word boundaries are checked by looking at neighbouring characters instead of writing `\b`:
//! Unicode `\b` pushes the regex crate off its fast DFA on Cyrillic text (see
//! ../shared/engineering.md), and ASCII `\b` is wrong for Cyrillic.

use regex::{Regex, RegexBuilder};
use std::sync::OnceLock;

/// Upper bound for one compiled regex; a rule that needs more is rejected at load time.
pub const REGEX_SIZE_LIMIT: usize = 4 * (1 << 20);
/// Upper bound for nesting in a raw regex.
pub const REGEX_NEST_LIMIT: u32 = 64;

/// Characters that make up a word, as a regex class.
const WORD_CLASS: &str = r"[0-9A-Za-z\u{00C0}-\u{024F}\u{0400}-\u{052F}\u{0300}-\u{036F}]";
/// What may stand between two words of a phrase: spaces, hyphens, quotes.
const GAP: &str = r#"[\s\-‐‑–—'’"«»“”„]+"#;
/// A number written in digits, with thousands separators or decimals.
const NUMBER: &str = r"\d+(?:[.,\u{00A0}\u{202F} ]\d+)*";

/// True for characters that belong to a word.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

fn is_combining_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x0483..=0x0489)
}

/// Why a term could not be compiled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermError(pub String);

/// Translates one term into regex source (without any flags).
pub fn term_to_regex(term: &str) -> Result<String, TermError> {
    let tokens: Vec<&str> = term.split_whitespace().collect();
    if tokens.is_empty() {
        return Err(TermError("the term is empty".into()));
    }
    if tokens.iter().all(|t| matches!(*t, "*" | "...")) {
        return Err(TermError(format!(
            "the term {term:?} has no fixed word, so it would match anything; add at least one real word"
        )));
    }
    if matches!(tokens[0], "...") || matches!(tokens[tokens.len() - 1], "...") {
        return Err(TermError(format!(
            "the term {term:?} starts or ends with '...'; '...' only makes sense between two words"
        )));
    }
    let mut out = String::new();
    for (i, token) in tokens.iter().enumerate() {
        match *token {
            "..." => {
                // Up to three words; the gap after the previous word is already written.
                out.push_str(&format!("(?:{WORD_CLASS}+{GAP}){{0,3}}"));
                continue;
            }
            "*" => out.push_str(&format!("{WORD_CLASS}+")),
            "#" => out.push_str(NUMBER),
            word => out.push_str(&word_alternatives(word, term)?),
        }
        if i + 1 < tokens.len() {
            out.push_str(GAP);
        }
    }
    Ok(out)
}

/// "took|kept|seiz*" -> (?:took|kept|seiz[\p{L}..]*)
fn word_alternatives(token: &str, term: &str) -> Result<String, TermError> {
    let mut alts = Vec::new();
    for alt in token.split('|') {
        if alt.is_empty() {
            return Err(TermError(format!(
                "the term {term:?} has an empty alternative in {token:?}"
            )));
        }
        if alt.chars().all(|c| c == '*') {
            return Err(TermError(format!(
                "the term {term:?} has an alternative {alt:?} with no letters; write '*' as a word of its own for 'any word'"
            )));
        }
        alts.push(word_to_regex(alt));
    }
    Ok(if alts.len() == 1 {
        alts.pop().unwrap()
    } else {
        format!("(?:{})", alts.join("|"))
    })
}

fn word_to_regex(word: &str) -> String {
    let mut out = String::new();
    for c in word.chars() {
        match c {
            '*' => out.push_str(&format!("{WORD_CLASS}*")),
            // ё and е are written interchangeably in Russian.
            'е' | 'ё' | 'Е' | 'Ё' => out.push_str("[её]"),
            '\'' | '’' | 'ʼ' => out.push_str("['’ʼ]"),
            c => out.push_str(&regex::escape(c.encode_utf8(&mut [0; 4]))),
        }
    }
    out
}

/// Builds one case-insensitive regex from several regex sources, with the size limits.
pub fn build_regex(sources: &[String]) -> Result<Regex, String> {
    let joined = sources
        .iter()
        .map(|s| format!("(?:{s})"))
        .collect::<Vec<_>>()
        .join("|");
    RegexBuilder::new(&joined)
        .case_insensitive(true)
        .size_limit(REGEX_SIZE_LIMIT)
        .nest_limit(REGEX_NEST_LIMIT)
        .build()
        .map_err(|e| e.to_string())
}

/// A list of terms compiled into one regex that only reports whole-word matches.
#[derive(Debug, Clone)]
pub struct TermSet {
    regex: Regex,
    /// The alternatives' source, for the anchored regex below (None for raw regexes).
    sources: Option<Vec<String>>,
    /// The same alternatives anchored at both ends, to test one candidate span exactly; built
    /// on first use because most term lists never need it (keeps start-up fast).
    whole: OnceLock<Option<Regex>>,
}

impl TermSet {
    /// Compiles terms; the error names the offending term.
    pub fn new(terms: &[String]) -> Result<Self, TermError> {
        let mut sources = Vec::with_capacity(terms.len());
        for term in terms {
            sources.push(term_to_regex(term)?);
        }
        let regex = build_regex(&sources).map_err(TermError)?;
        Ok(TermSet {
            regex,
            sources: Some(sources),
            whole: OnceLock::new(),
        })
    }

    /// Wraps a raw regex (power users): matches are taken as they are, with no word checks.
    pub fn raw(regex: Regex) -> Self {
        TermSet {
            regex,
            sources: None,
            whole: OnceLock::new(),
        }
    }

    /// All whole-word matches in `text`, as byte ranges, in order.
    pub fn find_all(&self, text: &str) -> Vec<(usize, usize)> {
        let mut found = Vec::new();
        self.for_each(text, |s, e| found.push((s, e)));
        found
    }

    /// True when the terms occur anywhere in `text`.
    pub fn is_match(&self, text: &str) -> bool {
        let mut any = false;
        self.for_each_until(text, |_, _| {
            any = true;
            false
        });
        any
    }

    fn for_each(&self, text: &str, mut f: impl FnMut(usize, usize)) {
        self.for_each_until(text, |s, e| {
            f(s, e);
            true
        });
    }

    /// Calls `f` for every whole-word match until it returns false. A match that starts or
    /// ends inside a word is skipped and the search resumes one character later, so that a
    /// longer alternative starting at the same place is still found by a later attempt.
    fn for_each_until(&self, text: &str, mut f: impl FnMut(usize, usize) -> bool) {
        let mut at = 0;
        while at <= text.len() {
            let Some(m) = self.regex.find_at(text, at) else {
                break;
            };
            let (start, end) = (m.start(), m.end());
            if start == end {
                at = next_char(text, end);
                continue;
            }
            let checks_words = self.sources.is_some();
            if checks_words && (starts_mid_word(text, start) || ends_mid_word(text, end)) {
                if let Some(longer) = self.longest_whole_word_at(text, start) {
                    if !f(start, longer) {
                        return;
                    }
                    at = longer;
                } else {
                    at = next_char(text, start);
                }
                continue;
            }
            if !f(start, end) {
                return;
            }
            at = end;
        }
    }

    /// When the leftmost-first match at `start` ends inside a word ("pass" in "passport"),
    /// another alternative may match the whole word: try the anchored search on the word's end.
    fn longest_whole_word_at(&self, text: &str, start: usize) -> Option<usize> {
        let whole = self.whole_regex()?;
        if starts_mid_word(text, start) {
            return None;
        }
        // Candidate ends: every word end after `start` within the next few words.
        let rest = &text[start..];
        let mut ends = Vec::new();
        let mut in_word = false;
        for (i, c) in rest.char_indices() {
            let w = is_word_char(c);
            if in_word && !w {
                ends.push(start + i);
                if ends.len() >= 8 {
                    break;
                }
            }
            in_word = w;
        }
        if in_word && ends.len() < 8 {
            ends.push(text.len());
        }
        ends.into_iter()
            .rev()
            .find(|&end| whole.is_match(&text[start..end]))
    }
}

impl TermSet {
    fn whole_regex(&self) -> Option<&Regex> {
        self.whole
            .get_or_init(|| {
                let sources = self.sources.as_ref()?;
                // The same sources compiled once already, so this cannot fail in practice.
                build_regex(&[format!(r"\A(?:{})\z", sources.join("|"))]).ok()
            })
            .as_ref()
    }
}

fn next_char(text: &str, at: usize) -> usize {
    text[at..]
        .chars()
        .next()
        .map_or(text.len() + 1, |c| at + c.len_utf8())
}

fn starts_mid_word(text: &str, start: usize) -> bool {
    let before = text[..start].chars().next_back();
    let first = text[start..].chars().next();
    matches!((before, first), (Some(b), Some(f)) if is_word_char(b) && is_word_char(f))
}

fn ends_mid_word(text: &str, end: usize) -> bool {
    let last = text[..end].chars().next_back();
    let after = text[end..].chars().next();
    matches!((last, after), (Some(l), Some(a)) if is_word_char(l) && is_word_char(a))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(terms: &[&str]) -> TermSet {
        TermSet::new(&terms.iter().map(|s| s.to_string()).collect::<Vec<_>>()).unwrap()
    }

    fn found<'a>(terms: &[&str], text: &'a str) -> Vec<&'a str> {
        set(terms)
            .find_all(text)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect()
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

    #[test]
    fn numbers_apostrophes_and_yo() {
        assert_eq!(found(&["# hours"], "we worked 14 hours"), vec!["14 hours"]);
        assert_eq!(found(&["# usd"], "pay 1,500 USD"), vec!["1,500 USD"]);
        assert_eq!(found(&["didn't"], "they didn’t pay"), vec!["didn’t"]);
        assert_eq!(found(&["отдаёт"], "не отдает паспорт"), vec!["отдает"]);
        assert_eq!(found(&["отдает"], "не отдаёт паспорт"), vec!["отдаёт"]);
        assert_eq!(found(&["ПАСПОРТ*"], "забрали паспорта"), vec!["паспорта"]);
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
