//! Output formats. Each renderer takes finished reports and writes them; none of them
//! decides anything about risk. Text from the input is made safe here before it is printed.

pub mod assessment_html;
pub mod assessment_markdown;
pub mod assessment_table;
pub mod csv;
pub mod handout;
pub mod highlight;
pub mod html;
pub mod json;
pub mod labels;
pub mod markdown;
pub mod summary;
pub mod table;

use crate::report::{Evidence, Report};
use std::fmt;

/// A report with the text it was made from: the HTML and Markdown renderers highlight the
/// evidence in the text by its byte offsets. The text is never part of the JSON report.
#[derive(Debug, Clone, Copy)]
pub struct Document<'a> {
    pub report: &'a Report,
    pub text: &'a str,
    /// The text was masked with `--redact`; the report says so.
    pub redacted: bool,
}

/// The titles of the findings with these indicator ids (the id when there is no finding).
pub fn titles<'a>(report: &'a Report, ids: &'a [String]) -> Vec<&'a str> {
    ids.iter()
        .map(|id| {
            report
                .findings
                .iter()
                .find(|f| &f.indicator == id)
                .map_or(id.as_str(), |f| f.title.as_str())
        })
        .collect()
}

/// An evidence sentence cut into (before, matched words, after). Offsets that do not fit
/// the sentence give the whole sentence as `before` rather than a panic.
pub fn split_evidence(e: &Evidence) -> (&str, &str, &str) {
    let rel_start = e.start.wrapping_sub(e.sentence_start);
    let rel_end = e.end.wrapping_sub(e.sentence_start);
    match (
        e.sentence.get(..rel_start),
        e.sentence.get(rel_start..rel_end),
        e.sentence.get(rel_end..),
    ) {
        (Some(before), Some(matched), Some(after)) => (before, matched, after),
        _ => (&e.sentence, "", ""),
    }
}

/// The output formats of `redflag scan`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A readable table with explanations (default).
    Table,
    /// One pretty JSON report (an array of reports for several inputs).
    Json,
    /// One compact JSON report per line, streamed in input order; an input that could not be
    /// screened gives a line with `skipped` instead of findings.
    Jsonl,
    /// One row per text (risk level, indicators, first evidence) for spreadsheets.
    Csv,
    /// One self-contained HTML page (a contents list and one section per text for several).
    Html,
    /// GitHub-flavoured Markdown for case notes (one section per text for several).
    Markdown,
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Table => "table",
            Format::Json => "json",
            Format::Jsonl => "jsonl",
            Format::Csv => "csv",
            Format::Html => "html",
            Format::Markdown => "markdown",
        })
    }
}

/// Makes untrusted text safe for a terminal: control characters (escape sequences start with
/// one), C1 controls and bidirectional overrides become visible placeholders; line breaks and
/// tabs become spaces.
pub fn terminal_safe(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\n' | '\r' | '\t' => ' ',
            c if c.is_control() => '\u{FFFD}',
            '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => {
                '\u{FFFD}'
            }
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_never_pass() {
        let s = terminal_safe("a\u{1b}[31mred\u{7}\u{9b}2J\u{202e}x\ny");
        assert!(!s.chars().any(|c| c.is_control()));
        assert_eq!(s, "a\u{FFFD}[31mred\u{FFFD}\u{FFFD}2J\u{FFFD}x y");
    }
}
