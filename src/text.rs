//! Splits a document into sentences (UAX #29, plus the repairs prose needs: hard-wrapped lines
//! joined, bullet lines and blank lines kept apart, abbreviations not treated as full stops)
//! and turns byte offsets into lines and columns.

use std::collections::HashSet;
use std::ops::Range;
use unicode_segmentation::UnicodeSegmentation;

/// A sentence longer than this (in bytes) is cut at a space, so that one enormous
/// unpunctuated line cannot make the per-sentence work quadratic.
const MAX_SENTENCE_BYTES: usize = 4096;

/// Byte ranges of the sentences of `text`, in order, trimmed of surrounding whitespace.
/// `abbreviations` are lower-case words after which a full stop does not end a sentence.
pub fn sentences(text: &str, abbreviations: &HashSet<String>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    for block in blocks(text) {
        let joined = join_wrapped_lines(&text[block.clone()]);
        let mut pending: Option<Range<usize>> = None;
        for (offset, piece) in joined.split_sentence_bound_indices() {
            let start = block.start + offset;
            let range = start..start + piece.len();
            let range = match pending.take() {
                Some(p) => p.start..range.end,
                None => range,
            };
            if ends_with_abbreviation(&text[range.clone()], abbreviations) {
                pending = Some(range);
            } else {
                push_trimmed(text, range, &mut out);
            }
        }
        if let Some(p) = pending {
            push_trimmed(text, p, &mut out);
        }
    }
    out
}

/// Paragraphs and list items: split at blank lines and before lines that start a list item,
/// since neither is ever one sentence with what comes before.
fn blocks(text: &str) -> Vec<Range<usize>> {
    let mut blocks = Vec::new();
    let mut start = 0;
    let mut line_start = 0;
    let mut prev_blank = false;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        let is_blank = trimmed.is_empty();
        if line_start > start && (is_blank || prev_blank || starts_list_item(trimmed)) {
            blocks.push(start..line_start);
            start = line_start;
        }
        prev_blank = is_blank;
        line_start += line.len();
    }
    if start < text.len() {
        blocks.push(start..text.len());
    }
    blocks
}

fn starts_list_item(line: &str) -> bool {
    let mut chars = line.chars();
    match chars.next() {
        Some(
            '-' | '*' | '•' | '–' | '—' | '✓' | '✔' | '►' | '▪' | '·' | '+' | '✅' | '❗' | '🔥'
            | '💰' | '📞',
        ) => true,
        Some(c) if c.is_ascii_digit() => {
            let rest: String = line
                .chars()
                .skip_while(|c| c.is_ascii_digit())
                .take(2)
                .collect();
            rest.starts_with(". ") || rest.starts_with(") ")
        }
        _ => false,
    }
}

/// Inside one block, a line break is only a wrap: replace it by a space of the same byte
/// length so offsets stay valid and UAX #29 does not end a sentence there.
fn join_wrapped_lines(block: &str) -> String {
    let trimmed_end = block.trim_end();
    let mut out = String::with_capacity(block.len());
    for (i, c) in block.char_indices() {
        if (c == '\n' || c == '\r') && i < trimmed_end.len() {
            // Keep a break after a line that ends a sentence anyway, or a short heading line.
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}

fn ends_with_abbreviation(sentence: &str, abbreviations: &HashSet<String>) -> bool {
    let t = sentence.trim_end();
    let Some(before_dot) = t.strip_suffix('.') else {
        return false;
    };
    let word: String = before_dot
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() || *c == '.')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    if word.is_empty() {
        return false;
    }
    let lower = word.to_lowercase();
    // A single letter followed by a full stop is an initial ("J. Smith").
    (word.chars().count() == 1 && word.chars().all(|c| c.is_uppercase()))
        || abbreviations.contains(&lower)
}

fn push_trimmed(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let s = &text[range.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    let (start, end) = (range.start + lead, range.end - trail);
    if start >= end {
        return;
    }
    if end - start <= MAX_SENTENCE_BYTES {
        out.push(start..end);
        return;
    }
    // Cut an over-long sentence at spaces.
    let mut from = start;
    while end - from > MAX_SENTENCE_BYTES {
        let mut cut = from + MAX_SENTENCE_BYTES;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let cut = text[from..cut]
            .rfind(char::is_whitespace)
            .map(|i| from + i)
            .filter(|&c| c > from)
            .unwrap_or(cut);
        out.push(from..cut);
        from = cut;
        while from < end && text[from..].starts_with(char::is_whitespace) {
            from += text[from..].chars().next().map_or(1, char::len_utf8);
        }
    }
    if from < end {
        out.push(from..end);
    }
}

/// Maps byte offsets to 1-based lines and columns (columns count characters).
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { line_starts }
    }

    /// (line, column) of a byte offset, both counting from 1.
    pub fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let column = text[self.line_starts[line]..offset].chars().count() + 1;
        (line + 1, column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        let abbr: HashSet<String> = ["mr", "dr", "г", "ул"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        sentences(text, &abbr)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    #[test]
    fn basic_sentences() {
        assert_eq!(
            split("They took it. We left!  Why?"),
            vec!["They took it.", "We left!", "Why?"]
        );
    }

    #[test]
    fn wrapped_lines_are_joined_but_paragraphs_and_bullets_are_not() {
        let text =
            "The manager took\nour passports.\n\nSecond paragraph\n- no experience\n- salary 3000";
        assert_eq!(
            split(text),
            vec![
                "The manager took\nour passports.",
                "Second paragraph",
                "- no experience",
                "- salary 3000"
            ]
        );
    }

    #[test]
    fn abbreviations_and_initials_do_not_end_sentences() {
        assert_eq!(
            split("Mr. Karimov took it. Done."),
            vec!["Mr. Karimov took it.", "Done."]
        );
        assert_eq!(
            split("Жил в г. Москва. Всё."),
            vec!["Жил в г. Москва.", "Всё."]
        );
        assert_eq!(split("J. Smith paid."), vec!["J. Smith paid."]);
    }

    #[test]
    fn huge_sentences_are_cut() {
        let text = "word ".repeat(5000);
        let parts = split(&text);
        assert!(parts.len() > 1);
        assert!(parts.iter().all(|p| p.len() <= MAX_SENTENCE_BYTES));
        assert_eq!(
            parts
                .iter()
                .map(|p| p.split_whitespace().count())
                .sum::<usize>(),
            5000
        );
    }

    #[test]
    fn lines_and_columns() {
        let text = "ab\nпривет мир";
        let idx = LineIndex::new(text);
        assert_eq!(idx.position(text, 0), (1, 1));
        assert_eq!(idx.position(text, 3), (2, 1));
        let mir = text.find("мир").unwrap();
        assert_eq!(idx.position(text, mir), (2, 8));
    }
}
