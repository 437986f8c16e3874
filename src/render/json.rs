//! JSON and JSON Lines output. serde_json escapes every control character, so input text
//! cannot inject anything into a consumer's terminal or parser.

use crate::batch::source::{Skip, SkipKind};
use crate::report::{Report, SCHEMA_VERSION};
use serde::Serialize;
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

/// One compact report per line. Generic over the writer: serde_json writes every brace,
/// key and value separately, and through `dyn Write` each of those small writes is an
/// indirect call (reports are written by the million in batch runs).
pub fn write_jsonl<W: Write>(out: &mut W, report: &Report) -> io::Result<()> {
    serde_json::to_writer(&mut *out, report)?;
    writeln!(out)
}

/// The line for an input that could not be screened: where it came from and why, so that a
/// JSON Lines stream keeps one line out per input.
pub fn write_skipped_jsonl(
    out: &mut dyn Write,
    source: &str,
    id: Option<&serde_json::Value>,
    skip: &Skip,
) -> io::Result<()> {
    #[derive(Serialize)]
    struct Skipped<'a> {
        schema_version: u32,
        source: &'a str,
        #[serde(skip_serializing_if = "Option::is_none")]
        id: Option<&'a serde_json::Value>,
        skipped: Reason<'a>,
    }
    #[derive(Serialize)]
    struct Reason<'a> {
        kind: SkipKind,
        message: &'a str,
    }
    serde_json::to_writer(
        &mut *out,
        &Skipped {
            schema_version: SCHEMA_VERSION,
            source,
            id,
            skipped: Reason {
                kind: skip.kind,
                message: &skip.message,
            },
        },
    )?;
    writeln!(out)
}
