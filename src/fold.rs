//! Case folding that keeps every byte offset: the engine matches on a lower-case copy of the
//! text (ё written as е) and reports spans that are valid in the original.
//!
//! Matching case-sensitive regexes on folded text is several times cheaper to compile and run
//! than case-insensitive ones, and one folded copy serves every rule, cue and language check.

/// The folded form of one character, or the character itself when its lower case would need
/// a different number of bytes (a handful of rare letters such as the Turkish dotted İ).
pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    match c {
        // ё and е are written interchangeably in Russian.
        'ё' | 'Ё' => 'е',
        // The Cyrillic capitals, answered without the Unicode case tables: most Russian
        // text is Cyrillic, and folding runs over every byte of every text.
        'А'..='Я' => char::from_u32(c as u32 + 0x20).unwrap_or(c),
        'Ѐ'..='Џ' => char::from_u32(c as u32 + 0x50).unwrap_or(c),
        'а'..='я' | 'ѐ'..='џ' => c,
        _ => {
            let mut lower = c.to_lowercase();
            match (lower.next(), lower.next()) {
                (Some(l), None) if l.len_utf8() == c.len_utf8() => l,
                _ => c,
            }
        }
    }
}

/// Folds a whole text; the result has exactly the same length and character boundaries.
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    // Runs of characters that fold to themselves are copied whole. They are told from their
    // UTF-8 bytes: ASCII other than capitals, а..п (D0 B0..BF), р..я and ѐ..џ but ё (D1
    // 80..9F); anything else is decoded and folded with `fold_char`.
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut at = 0;
    while at < bytes.len() {
        let second = bytes.get(at + 1).copied().unwrap_or(0);
        let (len, folded) = match bytes[at] {
            b @ b'A'..=b'Z' => (1, Some(char::from(b.to_ascii_lowercase()))),
            0..=0x7F => (1, None),
            0xD0 if second >= 0xB0 => (2, None),
            0xD1 if second < 0xA0 && second != 0x91 => (2, None),
            _ => {
                let c = text[at..].chars().next().unwrap_or_default();
                let f = fold_char(c);
                (c.len_utf8(), (f != c).then_some(f))
            }
        };
        if let Some(f) = folded {
            out.push_str(&text[copied..at]);
            out.push(f);
            copied = at + len;
        }
        at += len;
    }
    out.push_str(&text[copied..]);
    debug_assert_eq!(out.len(), text.len());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_case_and_yo() {
        assert_eq!(fold("They TOOK my Passport"), "they took my passport");
        assert_eq!(fold("Отдаёт ЁЛКУ"), "отдает елку");
        assert_eq!(fold("Ölçü Çalışma"), "ölçü çalışma");
    }

    #[test]
    fn cyrillic_shortcut_agrees_with_the_unicode_tables() {
        for c in '\u{0400}'..='\u{045F}' {
            let mut lower = c.to_lowercase();
            let expected = match (c, lower.next(), lower.next()) {
                ('ё' | 'Ё', _, _) => 'е',
                (_, Some(l), None) if l.len_utf8() == c.len_utf8() => l,
                _ => c,
            };
            assert_eq!(fold_char(c), expected, "{c}");
        }
    }

    /// The byte-level fold gives what folding each character does.
    #[test]
    fn folds_like_each_character() {
        let mut text = String::new();
        let mut want = String::new();
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let one = c.to_string();
            assert_eq!(fold(&one), fold_char(c).to_string(), "{c:?}");
            text.push(c);
            want.push(fold_char(c));
        }
        assert_eq!(fold(&text), want);
    }

    #[test]
    fn keeps_byte_offsets() {
        for text in ["İstanbul ẞ Ǆ", "Паспорт — NO — 12 €", "ΣΊΣΥΦΟΣ", "ｆｕｌｌ"]
        {
            let folded = fold(text);
            assert_eq!(folded.len(), text.len(), "{text}");
            for (a, b) in text.char_indices().zip(folded.char_indices()) {
                assert_eq!(a.0, b.0, "{text}");
            }
        }
    }
}
