//! CSV: one row per input for spreadsheets. Cells that a spreadsheet would run as a formula
//! (starting with `=`, `+`, `-`, `@`, tab or carriage return) get a leading `'`, so text from
//! an input can never become a formula.

use crate::report::Report;
use std::io;

/// The header row, in the order of [`row`].
pub const HEADER: [&str; 12] = [
    "source",
    "id",
    "status",
    "risk_level",
    "score",
    "indicators",
    "strong",
    "language",
    "coverage",
    "first_evidence",
    "reason",
    "warnings",
];

/// Longest evidence excerpt in a cell, in characters.
const MAX_EXCERPT_CHARS: usize = 300;

fn cell(text: &str) -> String {
    let text: String = text
        .chars()
        .map(|c| if c.is_control() && c != '\t' { ' ' } else { c })
        .collect();
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text
    }
}

fn id_text(id: Option<&serde_json::Value>) -> String {
    match id {
        None => String::new(),
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

/// Writes the header row.
pub fn write_header(out: &mut dyn io::Write) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(HEADER)?;
    w.flush()
}

/// The row of a screened text.
pub fn write_report(out: &mut dyn io::Write, report: &Report) -> io::Result<()> {
    let indicators: Vec<&str> = report
        .findings
        .iter()
        .map(|f| f.indicator.as_str())
        .collect();
    let strong = report
        .findings
        .iter()
        .filter(|f| f.strength == crate::catalog::Strength::Strong)
        .count();
    // `Strength` orders strong first: the first of the strongest findings.
    let first = report
        .findings
        .iter()
        .min_by_key(|f| f.strength)
        .and_then(|f| f.evidence.first())
        .map(|e| {
            e.sentence
                .chars()
                .take(MAX_EXCERPT_CHARS)
                .collect::<String>()
        })
        .unwrap_or_default();
    write_row(
        out,
        [
            report.source.clone(),
            id_text(report.id.as_ref()),
            "screened".into(),
            report.risk.level.as_str().into(),
            report.risk.score.to_string(),
            indicators.join(";"),
            strong.to_string(),
            report.language.assessed.join(";"),
            report.language.coverage.to_string(),
            first,
            report.risk.reason.clone(),
            report.warnings.join("; "),
        ],
    )
}

/// The row of an input that was not screened.
pub fn write_skipped(
    out: &mut dyn io::Write,
    source: &str,
    id: Option<&serde_json::Value>,
    kind: &str,
    message: &str,
) -> io::Result<()> {
    let empty = String::new;
    write_row(
        out,
        [
            source.to_string(),
            id_text(id),
            format!("skipped: {kind}"),
            empty(),
            empty(),
            empty(),
            empty(),
            empty(),
            empty(),
            empty(),
            message.to_string(),
            empty(),
        ],
    )
}

fn write_row(out: &mut dyn io::Write, cells: [String; 12]) -> io::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(cells.iter().map(|c| cell(c)))?;
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_and_control_characters_are_neutralised() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(cell("-5"), "'-5");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("a\u{1b}[31mb\nc"), "a [31mb c");
        assert_eq!(cell("plain"), "plain");
    }

    #[test]
    fn quotes_and_commas_are_quoted() {
        let mut out = Vec::new();
        write_skipped(&mut out, "a,b.txt", None, "empty", "say \"hi\"").unwrap();
        let line = String::from_utf8(out).unwrap();
        assert!(line.starts_with("\"a,b.txt\",,skipped: empty,"));
        assert!(line.contains("\"say \"\"hi\"\"\""));
    }
}
