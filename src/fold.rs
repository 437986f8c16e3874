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
    let mut out = String::with_capacity(text.len());
    out.extend(text.chars().map(fold_char));
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
