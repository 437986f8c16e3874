//! JSON Lines input: reads one line at a time with a size cap (a line over the cap is skipped
//! without being held in memory) and turns a line into an id, a text and pass-through fields.

use super::source::{Skip, SkipKind, Text};
use crate::input;
use serde_json::{Map, Value};
use std::io::{self, BufRead};

/// What one call to [`read_line`] found.
#[derive(Debug, PartialEq, Eq)]
pub enum Line {
    /// The buffer holds one line (without its line ending).
    Data,
    /// Only white space on this line.
    Blank,
    /// The line was longer than the cap: this many bytes were read and dropped.
    TooLong(u64),
    /// End of input.
    End,
}

/// Reads the next line into `buf`, holding at most `max_bytes` of it.
pub fn read_line(reader: &mut dyn BufRead, buf: &mut Vec<u8>, max_bytes: u64) -> io::Result<Line> {
    buf.clear();
    let mut dropped: u64 = 0;
    let mut any = false;
    loop {
        let chunk = match reader.fill_buf() {
            Ok(chunk) => chunk,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            break;
        }
        any = true;
        let (part, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (&chunk[..i], Some(i + 1)),
            None => (chunk, None),
        };
        if dropped > 0 || (buf.len() + part.len()) as u64 > max_bytes {
            dropped += (buf.len() + part.len()) as u64;
            buf.clear();
        } else {
            buf.extend_from_slice(part);
        }
        let used = done.unwrap_or(chunk.len());
        reader.consume(used);
        if done.is_some() {
            break;
        }
    }
    if !any {
        return Ok(Line::End);
    }
    if dropped > 0 {
        return Ok(Line::TooLong(dropped));
    }
    if buf.last() == Some(&b'\r') {
        buf.pop();
    }
    Ok(if buf.iter().all(u8::is_ascii_whitespace) {
        Line::Blank
    } else {
        Line::Data
    })
}

/// One record: its id, its text (or why it has none) and its other fields.
#[derive(Debug)]
pub struct LineRecord {
    pub id: Option<Value>,
    pub text: Result<Text, Skip>,
    pub fields: Map<String, Value>,
}

fn bad(message: String) -> Skip {
    Skip {
        kind: SkipKind::BadRecord,
        message,
    }
}

/// Parses a line. Invalid UTF-8 is repaired (with a warning) before parsing, so a badly encoded
/// record is still screened; a line that is not an object with a string `text` is a `Skip`.
pub fn parse_record(line: &[u8]) -> Result<LineRecord, Skip> {
    let mut warnings = Vec::new();
    let repaired;
    let line = match std::str::from_utf8(line) {
        Ok(s) => s,
        Err(e) => {
            repaired = String::from_utf8_lossy(line).into_owned();
            let replaced = repaired.chars().filter(|&c| c == '\u{FFFD}').count();
            warnings.push(input::lossy_warning(e.valid_up_to(), replaced));
            &repaired
        }
    };
    let mut object: Map<String, Value> = match serde_json::from_str(line) {
        Ok(Value::Object(object)) => object,
        Ok(other) => {
            return Err(bad(format!(
                "expected a JSON object with a \"text\" field, found {}",
                json_kind(&other)
            )));
        }
        Err(e) => return Err(bad(format!("not valid JSON: {e}"))),
    };
    let id = object.shift_remove("id");
    let text = match object.shift_remove("text") {
        Some(Value::String(text)) => input::decoded("text", text, warnings)
            .map(|d| Text {
                text: d.text,
                warnings: d.warnings,
            })
            .map_err(|_| Skip {
                kind: SkipKind::Empty,
                message: "the \"text\" field is empty; there is nothing to screen".into(),
            }),
        Some(other) => Err(bad(format!(
            "the \"text\" field must be a string, found {}",
            json_kind(&other)
        ))),
        None => Err(bad("the record has no \"text\" field".into())),
    };
    Ok(LineRecord {
        id,
        text,
        fields: object,
    })
}

fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::BufReader;

    fn lines(input: &[u8], max: u64, capacity: usize) -> Vec<(Line, Vec<u8>)> {
        let mut reader = BufReader::with_capacity(capacity, input);
        let mut buf = Vec::new();
        let mut out = Vec::new();
        loop {
            let line = read_line(&mut reader, &mut buf, max).unwrap();
            if line == Line::End {
                return out;
            }
            out.push((line, buf.clone()));
        }
    }

    #[test]
    fn lines_are_split_capped_and_blank_ones_recognised() {
        // A small buffer forces lines to span several reads.
        let got = lines(b"abc\r\n\n  \n0123456789ABCDEF\nlast", 8, 4);
        assert_eq!(got[0], (Line::Data, b"abc".to_vec()));
        assert_eq!(got[1].0, Line::Blank);
        assert_eq!(got[2].0, Line::Blank);
        assert_eq!(got[3].0, Line::TooLong(16));
        assert!(got[3].1.is_empty(), "a long line is not held");
        assert_eq!(got[4], (Line::Data, b"last".to_vec()));
        assert_eq!(got.len(), 5);
    }

    #[test]
    fn records_keep_id_and_other_fields_and_explain_what_is_wrong() {
        let r = parse_record(br#"{"id": 7, "text": "hello", "url": "x", "n": [1]}"#).unwrap();
        assert_eq!(r.id, Some(Value::from(7)));
        assert_eq!(r.text.unwrap().text, "hello");
        assert_eq!(r.fields.keys().collect::<Vec<_>>(), ["url", "n"]);

        let no_text = parse_record(br#"{"id": "a"}"#).unwrap();
        assert!(no_text.text.unwrap_err().message.contains("no \"text\""));
        let number = parse_record(br#"{"text": 5}"#).unwrap();
        assert!(
            number
                .text
                .unwrap_err()
                .message
                .contains("must be a string")
        );
        let empty = parse_record(br#"{"text": "  "}"#).unwrap();
        assert_eq!(empty.text.unwrap_err().kind, SkipKind::Empty);
        assert!(
            parse_record(b"[1,2]")
                .unwrap_err()
                .message
                .contains("array")
        );
        assert!(parse_record(b"{oops").unwrap_err().message.contains("JSON"));

        let lossy = parse_record(b"{\"text\": \"caf\xe9 passport\"}").unwrap();
        let text = lossy.text.unwrap();
        assert_eq!(text.text, "caf\u{FFFD} passport");
        assert_eq!(text.warnings.len(), 1);
    }
}
