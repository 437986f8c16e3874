//! The characters of the term language: its classes (letters, gaps, digits, number
//! separators, apostrophes), which of them can meet, and where words start in a text. Shared
//! by the term programs ([`crate::term_program`]), the prefilter and the term searches; the
//! classes are those of the term's regex form ([`crate::term_regex::term_to_regex`]).

use crate::term::is_word_char;

/// A character class of the term language (see the regex pieces in [`crate::term`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// A word character: `[0-9A-Za-z\u{00C0}-\u{024F}\u{0400}-\u{052F}\u{0300}-\u{036F}]`.
    Word,
    /// What may stand between two words: white space, hyphens, dashes, quotes, commas
    /// (Russian writes a comma before "что", "где", "когда": "сказали, что").
    Gap,
    /// A decimal digit (Unicode `\d`).
    Digit,
    /// A thousands or decimal separator inside a number: `[.,\u{00A0}\u{202F} ]`.
    NumberSeparator,
    /// One of the apostrophes a term's `'` stands for: `['’ʼ]`.
    Apostrophe,
}

impl Class {
    #[inline]
    pub fn contains(self, c: char) -> bool {
        match self {
            Class::Word => matches!(c,
                '0'..='9' | 'A'..='Z' | 'a'..='z'
                | '\u{00C0}'..='\u{024F}' | '\u{0400}'..='\u{052F}' | '\u{0300}'..='\u{036F}'),
            Class::Gap => crate::term_syntax::is_gap_char(c),
            Class::Digit => is_decimal_digit(c),
            Class::NumberSeparator => matches!(c, '.' | ',' | '\u{00A0}' | '\u{202F}' | ' '),
            Class::Apostrophe => matches!(c, '\'' | '’' | 'ʼ'),
        }
    }
}

impl Class {
    /// The length in bytes of the character at byte `at` of `text` (a character boundary)
    /// when it belongs to the class. ASCII and the common Cyrillic letters (two bytes
    /// starting D0 or D1: U+0400..U+047F, which only `Word` holds) are answered from their
    /// bytes, without decoding: term programs step through every letter of a stem this way.
    #[inline]
    pub fn len_at(self, text: &str, at: usize) -> Option<usize> {
        let &first = text.as_bytes().get(at)?;
        match first {
            0..=0x7F => self.contains(char::from(first)).then_some(1),
            0xD0 | 0xD1 => (self == Class::Word).then_some(2),
            _ => {
                let c = text[at..].chars().next()?;
                self.contains(c).then(|| c.len_utf8())
            }
        }
    }

    /// True when some character belongs to both classes.
    pub fn overlaps(self, other: Class) -> bool {
        use Class::*;
        let pair = |a: Class, b: Class| (self == a && other == b) || (self == b && other == a);
        self == other || pair(Word, Digit) || pair(Gap, NumberSeparator) || pair(Gap, Apostrophe)
    }
}

/// The ranges of Unicode `\d` as the regex crate reads it, ascending.
pub fn decimal_digit_ranges() -> &'static [(char, char)] {
    static RANGES: std::sync::OnceLock<Vec<(char, char)>> = std::sync::OnceLock::new();
    RANGES.get_or_init(|| {
        use regex_syntax::hir::{Class as HirClass, HirKind};
        let hir = regex_syntax::parse(r"\d").expect(r"\d parses");
        match hir.kind() {
            HirKind::Class(HirClass::Unicode(class)) => class
                .ranges()
                .iter()
                .map(|r| (r.start(), r.end()))
                .collect(),
            _ => Vec::new(),
        }
    })
}

/// Unicode `\d` (general category Nd), as the regex crate reads it.
pub fn is_decimal_digit(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    let ranges = decimal_digit_ranges();
    ranges
        .binary_search_by(|&(lo, hi)| {
            if hi < c {
                std::cmp::Ordering::Less
            } else if lo > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// A one-byte key of the character starting at `at` in `bytes` (a character boundary), for
/// sets of the characters a term can start with: an ASCII character is its byte; a longer one
/// takes bits of its first two bytes, which tell the Cyrillic letters apart (a first byte
/// alone is 0xD0 or 0xD1 for all of them). Different characters may share a key, never one
/// character two keys.
#[inline]
pub fn start_key(bytes: &[u8], at: usize) -> u8 {
    let first = bytes[at];
    if first < 0xC0 {
        return first;
    }
    let second = bytes.get(at + 1).copied().unwrap_or(0);
    0x80 | ((first & 1) << 6) | (second & 0x3F)
}

/// Byte offsets where a match of a term starting with a word character may start: word
/// starts, and the few characters the term language counts as letters that are not letters
/// (`×`, `÷` in its Latin range) when they do not follow a letter.
pub fn word_starts(text: &str) -> Vec<usize> {
    let mut starts = Vec::with_capacity(text.len() / 5);
    push_word_starts(text, &mut starts);
    starts
}

/// [`word_starts`], appended to `starts` (for callers that keep the starts of many
/// sentences in one buffer).
pub fn push_word_starts(text: &str, starts: &mut Vec<usize>) {
    let mut in_word = false;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // ASCII answered from the byte (most text around Russian words is ASCII spaces and
        // punctuation); other characters decoded.
        let (word, counts_as_letter, len) = if b.is_ascii() {
            let w = b.is_ascii_alphanumeric();
            (w, w, 1)
        } else if b == 0xD0 || b == 0xD1 {
            // U+0400..U+047F: Cyrillic letters, the bulk of Russian text.
            (true, true, 2)
        } else {
            let c = text[i..].chars().next().unwrap_or(' ');
            (is_word_char(c), Class::Word.contains(c), c.len_utf8())
        };
        if (word || counts_as_letter) && !(in_word && word) {
            starts.push(i);
        }
        in_word = word;
        i += len;
    }
}

/// True when `text` holds a decimal digit (Unicode `\d`), where a number term may match.
pub fn contains_digit(text: &str) -> bool {
    // One pass over the bytes: an ASCII digit answers; the first byte of a character above
    // U+04FF (D4 and up: Cyrillic and Latin letters are never digits) sends the rest of the
    // text to the table of Unicode digits.
    let bytes = text.as_bytes();
    match bytes.iter().position(|&b| b.is_ascii_digit() || b >= 0xD4) {
        None => false,
        Some(at) if bytes[at].is_ascii_digit() => true,
        Some(at) => text[at..]
            .chars()
            .any(|c| c.is_ascii_digit() || (c > '\u{04FF}' && is_decimal_digit(c))),
    }
}

/// True when `start` lies between two word characters.
pub fn starts_mid_word(text: &str, start: usize) -> bool {
    let before = text[..start].chars().next_back();
    let first = text[start..].chars().next();
    matches!((before, first), (Some(b), Some(f)) if is_word_char(b) && is_word_char(f))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contains_digit_is_any_unicode_digit() {
        for text in [
            "",
            "no digits here",
            "цифр нет",
            "в 12 часов",
            "٣٠٠ ريال",
            "€ — ’ ५",
            "текст ✓ и 7",
            "ǅ ӿ ԯ ∞",
        ] {
            assert_eq!(
                contains_digit(text),
                text.chars().any(is_decimal_digit),
                "{text:?}"
            );
        }
    }

    #[test]
    fn len_at_agrees_with_contains() {
        let text = "Мы ждали 3 дня — ёлка, Ѐ ѐ ҂ paid×b dʼor 12,5 ١٢ «да» ’ ʼ\u{00A0}x";
        for class in [
            Class::Word,
            Class::Gap,
            Class::Digit,
            Class::NumberSeparator,
            Class::Apostrophe,
        ] {
            for (at, c) in text.char_indices() {
                let expected = class.contains(c).then(|| c.len_utf8());
                assert_eq!(class.len_at(text, at), expected, "{class:?} at {c:?}");
            }
            assert_eq!(class.len_at(text, text.len()), None);
        }
    }

    #[test]
    fn start_keys_tell_cyrillic_letters_apart() {
        let key = |c: char| start_key(c.to_string().as_bytes(), 0);
        let cyrillic: Vec<u8> = ('\u{0400}'..='\u{047F}').map(key).collect();
        let mut distinct = cyrillic.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), cyrillic.len(), "one key per letter");
        assert_eq!(key('a'), b'a');
        let text = "жаль: ёж";
        let ends: Vec<u8> = text
            .char_indices()
            .map(|(i, _)| start_key(text.as_bytes(), i))
            .collect();
        let alone: Vec<u8> = text.chars().map(key).collect();
        assert_eq!(
            ends, alone,
            "a character has the same key in a text as alone"
        );
    }

    #[test]
    fn word_starts_agree_with_the_definition() {
        let text = "Мы ждали 3 дня — ёлка, Ѐ ѐ ҂ paid×b a×b İstanbul dʼor 12,5 ١٢";
        let expected: Vec<usize> = text
            .char_indices()
            .filter(|&(i, c)| {
                let after_word = text[..i].chars().next_back().is_some_and(is_word_char);
                (is_word_char(c) || Class::Word.contains(c)) && !(after_word && is_word_char(c))
            })
            .map(|(i, _)| i)
            .collect();
        assert_eq!(word_starts(text), expected);
    }

    #[test]
    fn class_overlaps_agree_with_the_classes() {
        use Class::*;
        let classes = [Word, Gap, Digit, NumberSeparator, Apostrophe];
        for a in classes {
            for b in classes {
                let shared = (0..=0x10FFFFu32)
                    .filter_map(char::from_u32)
                    .any(|c| a.contains(c) && b.contains(c));
                assert_eq!(a.overlaps(b), shared, "{a:?} {b:?}");
            }
        }
    }
}
