//! JSON and JSON Lines output. serde_json escapes every control character, so input text
//! cannot inject anything into a consumer's terminal or parser.

use crate::report::Report;
use std::io::{self, Write};

/// One report as a pretty JSON object, or, when several inputs were given, a pretty array.
pub fn write_json(out: &mut dyn Write, reports: &[Report], as_array: bool) -> io::Result<()> {
    if let ([one], false) = (reports, as_array) {
        serde_json::to_writer_pretty(&mut *out, one)?;
    } else {
        serde_json::to_writer_pretty(&mut *out, reports)?;
    }
    writeln!(out)
}

/// One compact report per line.
pub fn write_jsonl(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    serde_json::to_writer(&mut *out, report)?;
    writeln!(out)
}
