//! Output formats. Each renderer takes finished reports and writes them; none of them
//! decides anything about risk. Text from the input is made safe here before it is printed.

pub mod assessment_table;
pub mod json;
pub mod table;

use std::fmt;

/// The output formats of `redflag scan`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// A readable table with explanations (default).
    Table,
    /// One pretty JSON report (an array of reports for several inputs).
    Json,
    /// One compact JSON report per line.
    Jsonl,
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Table => "table",
            Format::Json => "json",
            Format::Jsonl => "jsonl",
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
