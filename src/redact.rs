//! `--redact`: masks personal data in a text before it is screened, so that every output
//! (table, JSON, HTML, Markdown) shows the mask and no report can leak what was masked.
//!
//! Masking replaces every byte of a personal-data span with `*`. The text keeps its byte
//! length, so all byte offsets in the report stay valid and sentence boundaries do not move.
//! What is caught: e-mail addresses; phone numbers (9 to 15 digits, or the local form
//! 123-45-67); passport and ID numbers (after a word such as passport, ID, №, серия, номер, or
//! letters followed by 6 to 10 digits such as AB1234567); dates of birth (after "born",
//! "date of birth", "DOB", "родился", "дата рождения", or before "г.р."); and the names listed
//! in a `--redact-names` file. See README.md for what is not caught.

use crate::fold::fold;
use regex::{Regex, RegexBuilder};
use std::ops::Range;
use std::path::Path;
use std::sync::LazyLock;

/// The kind of personal data a span holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Email,
    Phone,
    DocumentNumber,
    DateOfBirth,
    Name,
}

/// A names file that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum NamesError {
    #[error("--redact-names {0}: cannot read: {1}")]
    Io(String, std::io::Error),
    #[error("--redact-names {0}: line {1} is not valid UTF-8; save the file as UTF-8")]
    NotUtf8(String, usize),
    #[error(
        "--redact-names {0}: line {1}: {2:?} is too short to be a name (at least 2 letters); \
         write one name per line"
    )]
    TooShort(String, usize, String),
    #[error("--redact-names {0}: the file lists no names (write one name per line)")]
    Empty(String),
    #[error("--redact-names {0}: too many or too long names to search for ({1})")]
    TooLarge(String, String),
}

/// Finds and masks personal data. Built once per run; `--redact-names` adds a name list.
#[derive(Debug, Default)]
pub struct Redactor {
    names: Option<Regex>,
}

// All patterns run on the folded (lower-case, ё as е) text. Word boundaries are checked by
// hand in `is_whole`, never with `\b` (slow on Cyrillic).
static EMAIL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[a-z0-9._%+\-]+@[a-z0-9\-]+(?:\.[a-z0-9\-]+)+").unwrap());

/// 9 to 15 digits with spaces, dashes, dots or brackets between them, optionally after `+`.
static PHONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\+?\(?\d(?:[ \-.()]{0,2}\d){8,14}|\d{3}-\d{2}-\d{2}|\+\d[\d \-()]{6,}\d").unwrap()
});

const DOCUMENT_CUE: &str = r"(?:passports?|паспорт[а-я]*|id|id card|identity card|residence permit|permit|patent|патент[а-я]*|вид на жительство|удостоверени[а-я]*|свидетельств[а-я]*|снилс|инн|№|no\.?|number|номер[а-я]*|серия|серии|series)";

/// A document number after a cue: optional letters, then at least 5 digits.
static DOCUMENT_AFTER_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"{DOCUMENT_CUE}(?:[ \t:#№.\-]|no|number|номер|серия|series|is|was)*((?:[a-zа-я]{{1,3}}[ \-]?)?\d(?:[ \-]?\d){{4,14}})"
    ))
    .unwrap()
});

/// Letters followed by 6 to 10 digits: the shape of most passport numbers (AB1234567).
static DOCUMENT_SHAPE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[a-zа-я]{1,3}\d{6,10}").unwrap());

const MONTHS: &str = "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря";

fn date_pattern() -> String {
    format!(
        r"(?:\d{{1,2}}[./\-]\d{{1,2}}[./\-]\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{MONTHS})\.?,?\s+\d{{4}}|(?:{MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|(?:19|20)\d\d)"
    )
}

/// A date of birth after its cue ("born on 3 May 1990", "дата рождения: 03.05.1990").
static BIRTH_AFTER_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:born|date of birth|birth date|birthdate|d\.o\.b\.?|dob|родил(?:ся|ась|ось|ись)|дата рождения|датой рождения|д\.р\.|год рождения|года рождения)[\s:,\-]*(?:(?:on|in|в)\s+)?(?:the\s+)?({})",
        date_pattern()
    ))
    .unwrap()
});

/// A date of birth before its cue ("1990 г.р.", "03.05.1990 года рождения").
static BIRTH_BEFORE_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"({})\s*(?:г\.?\s*р\.?|года рождения|г\. рождения)",
        date_pattern()
    ))
    .unwrap()
});

impl Redactor {
    /// Masks e-mail addresses, phone numbers, document numbers and dates of birth.
    pub fn new() -> Self {
        Redactor::default()
    }

    /// The redactor that `--redact` and `--redact-names FILE` ask for (the names file turns
    /// redaction on by itself), or None when neither was given.
    pub fn from_options(redact: bool, names: Option<&Path>) -> Result<Option<Self>, NamesError> {
        match names {
            Some(path) => Self::with_names_file(path).map(Some),
            None => Ok(redact.then(Redactor::new)),
        }
    }

    /// Also masks the names in `path`: UTF-8, one name per line, empty lines and lines
    /// starting with `#` ignored.
    pub fn with_names_file(path: &Path) -> Result<Self, NamesError> {
        let shown = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| NamesError::Io(shown.clone(), e))?;
        let mut names = Vec::new();
        for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
            let line =
                std::str::from_utf8(line).map_err(|_| NamesError::NotUtf8(shown.clone(), i + 1))?;
            let line = line.trim().trim_start_matches('\u{feff}').trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if line.chars().filter(|c| c.is_alphanumeric()).count() < 2 {
                return Err(NamesError::TooShort(shown, i + 1, line.to_string()));
            }
            names.push(line.to_string());
        }
        Self::with_names(&names).map_err(|e| match e {
            NamesError::Empty(_) => NamesError::Empty(shown),
            NamesError::TooLarge(_, why) => NamesError::TooLarge(shown, why),
            other => other,
        })
    }

    /// Also masks these names: case-insensitively, as whole words; a Russian name also in
    /// its case forms (Мария, Марию, Марией; Иванов, Иванова, Ивановым). Each word of three or
    /// more letters of a full name is masked on its own too, since people are named by their
    /// first name or surname alone ("Aziz Karimov" masks "Karimov").
    pub fn with_names(names: &[String]) -> Result<Self, NamesError> {
        let mut alternatives: Vec<String> = Vec::new();
        for name in names {
            alternatives.push(name_pattern(name));
            let words: Vec<&str> = name.split_whitespace().collect();
            if words.len() > 1 {
                for word in words.iter().filter(|w| w.chars().count() >= 3) {
                    alternatives.push(name_pattern(word));
                }
            }
        }
        alternatives.sort();
        alternatives.dedup();
        if alternatives.is_empty() {
            return Err(NamesError::Empty(String::new()));
        }
        // Longest first, so "Anna Maria" wins over "Anna".
        alternatives.sort_by_key(|a| std::cmp::Reverse(a.len()));
        let names = RegexBuilder::new(&alternatives.join("|"))
            .size_limit(64 << 20)
            .build()
            .map_err(|e| NamesError::TooLarge(String::new(), e.to_string()))?;
        Ok(Redactor { names: Some(names) })
    }

    /// The personal-data spans of `text` (byte ranges on character boundaries), sorted and
    /// merged where they touch.
    pub fn spans(&self, text: &str) -> Vec<(Range<usize>, Kind)> {
        let folded = fold(text);
        let mut found: Vec<(Range<usize>, Kind)> = Vec::new();
        let mut add = |re: &Regex, group: usize, kind: Kind| {
            for caps in re.captures_iter(&folded) {
                let whole = caps.get(0).unwrap();
                let Some(m) = caps.get(group) else { continue };
                // The cue and the data together must stand as whole words.
                if is_whole(&folded, whole.start(), whole.end()) {
                    found.push((m.range(), kind));
                }
            }
        };
        add(&EMAIL, 0, Kind::Email);
        add(&BIRTH_AFTER_CUE, 1, Kind::DateOfBirth);
        add(&BIRTH_BEFORE_CUE, 1, Kind::DateOfBirth);
        add(&DOCUMENT_AFTER_CUE, 1, Kind::DocumentNumber);
        add(&DOCUMENT_SHAPE, 0, Kind::DocumentNumber);
        add(&PHONE, 0, Kind::Phone);
        if let Some(names) = &self.names {
            add(names, 0, Kind::Name);
        }
        found.sort_by_key(|(r, _)| (r.start, std::cmp::Reverse(r.end)));
        let mut merged: Vec<(Range<usize>, Kind)> = Vec::new();
        for (range, kind) in found {
            match merged.last_mut() {
                Some((last, _)) if range.start <= last.end => last.end = last.end.max(range.end),
                _ => merged.push((range, kind)),
            }
        }
        merged
    }

    /// Every string inside a JSON value masked (a JSON Lines record's id and pass-through
    /// fields may hold names, phone numbers, addresses).
    pub fn mask_json(&self, value: serde_json::Value) -> serde_json::Value {
        use serde_json::Value;
        match value {
            Value::String(s) => Value::String(self.mask(&s)),
            Value::Array(items) => {
                Value::Array(items.into_iter().map(|v| self.mask_json(v)).collect())
            }
            Value::Object(map) => Value::Object(
                map.into_iter()
                    .map(|(k, v)| (k, self.mask_json(v)))
                    .collect(),
            ),
            other => other,
        }
    }

    /// `text` with every personal-data span masked by `*`, one per byte (same byte length).
    pub fn mask(&self, text: &str) -> String {
        let spans = self.spans(text);
        if spans.is_empty() {
            return text.to_string();
        }
        let mut out = String::with_capacity(text.len());
        let mut pos = 0;
        for (range, _) in spans {
            out.push_str(&text[pos..range.start]);
            out.extend(std::iter::repeat_n('*', range.len()));
            pos = range.end;
        }
        out.push_str(&text[pos..]);
        debug_assert_eq!(out.len(), text.len());
        out
    }
}

/// The regex for one name: its words separated by any spaces or hyphens; for a Cyrillic name
/// the last word's ending may change (Мария -> Марию, Иванов -> Иванова).
fn name_pattern(name: &str) -> String {
    let folded = fold(name);
    let words: Vec<&str> = folded.split_whitespace().collect();
    let mut parts: Vec<String> = Vec::new();
    for word in words {
        let cyrillic = word.chars().all(|c| ('а'..='я').contains(&c) || c == '-');
        if cyrillic && word.chars().count() >= 3 {
            // Drop one final vowel or soft sign, allow up to three ending letters.
            let stem = word
                .strip_suffix(['а', 'я', 'й', 'ь', 'о', 'е', 'ы', 'и'])
                .filter(|s| s.chars().count() >= 3)
                .unwrap_or(word);
            parts.push(format!("{}[а-я]{{0,3}}", regex::escape(stem)));
        } else {
            parts.push(regex::escape(word));
        }
    }
    parts.join(r"[\s\-]+")
}

/// No letter or digit touches the span on either side.
fn is_whole(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn masked(text: &str) -> String {
        Redactor::new().mask(text)
    }

    #[test]
    fn contacts_documents_and_birth_dates_are_masked() {
        let text = "Call me on +7 (916) 123-45-67 or write to ivan.p@mail.ru. \
                    Passport No. AB1234567, born 12.03.1990. Паспорт 4510 123456, 1988 г.р.";
        let out = masked(text);
        assert_eq!(out.len(), text.len());
        for secret in [
            "916",
            "123-45-67",
            "ivan.p@mail.ru",
            "AB1234567",
            "12.03.1990",
            "4510 123456",
            "1988",
        ] {
            assert!(!out.contains(secret), "{secret} left in {out}");
        }
        assert!(out.starts_with("Call me on "));
        assert!(out.contains("Passport No. *********"));
    }

    #[test]
    fn ordinary_numbers_stay() {
        for text in [
            "We worked 14 hours a day for 300 dollars a month.",
            "He took my passport on 12 March and kept it until 2023.",
            "Мне обещали 70 000 рублей, а заплатили 15 000.",
            "The ID check was on the 3rd floor.",
        ] {
            assert_eq!(masked(text), text);
        }
    }

    #[test]
    fn every_documented_form_is_caught() {
        for (text, secret) in [
            ("DOB: 1991-02-14.", "1991-02-14"),
            ("Born 14 February 1991 in Osh.", "14 February 1991"),
            ("Она родилась 5 марта 2001 года.", "5 марта 2001"),
            ("Дата рождения 14.02.1991.", "14.02.1991"),
            ("He was born in 1990.", "1990"),
            ("Тел: 123-45-67.", "123-45-67"),
            ("Phone +998901234567 please.", "998901234567"),
            ("ID card number 123456789.", "123456789"),
            ("Серия 45 10 номер 123456.", "123456"),
            ("Patent No. 77 123456789.", "123456789"),
            ("Mail aziz.k@mail.ru now.", "aziz.k@mail.ru"),
        ] {
            let out = masked(text);
            assert!(!out.contains(secret), "{text} -> {out}");
            assert_eq!(out.len(), text.len());
        }
    }

    #[test]
    fn dates_of_birth_in_words() {
        let out = masked("She was born on 3 May 1999; дата рождения: 5 марта 2001.");
        assert!(
            !out.contains("3 May 1999") && !out.contains("5 марта 2001"),
            "{out}"
        );
    }

    #[test]
    fn names_whole_words_any_case_and_russian_case_forms() {
        let r =
            Redactor::with_names(&["Aziz Karimov".into(), "Мария".into(), "Ali".into()]).unwrap();
        let out = r.mask("AZIZ KARIMOV said Ali's boss Alisher hit Марию and Мария cried.");
        assert_eq!(
            out,
            "************ said ***'s boss Alisher hit ********** and ********** cried."
        );
    }

    #[test]
    fn bad_names_files_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("none.txt");
        let e = Redactor::with_names_file(&missing).unwrap_err().to_string();
        assert!(e.contains("none.txt") && e.contains("cannot read"), "{e}");
        let bad = dir.path().join("bad.txt");
        std::fs::write(&bad, b"Anna\n\xff\xfe\n").unwrap();
        let e = Redactor::with_names_file(&bad).unwrap_err().to_string();
        assert!(e.contains("line 2") && e.contains("UTF-8"), "{e}");
        let empty = dir.path().join("empty.txt");
        std::fs::write(&empty, "# nobody\n\n").unwrap();
        let e = Redactor::with_names_file(&empty).unwrap_err().to_string();
        assert!(e.contains("no names"), "{e}");
        let short = dir.path().join("short.txt");
        std::fs::write(&short, "Anna\nA\n").unwrap();
        let e = Redactor::with_names_file(&short).unwrap_err().to_string();
        assert!(e.contains("line 2"), "{e}");
    }
}
