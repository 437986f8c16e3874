//! Reads the texts to screen (files or standard input) and rejects what is not text, with a
//! message that says what is wrong: binary data, empty input, oversized files. Invalid UTF-8 is
//! decoded lossily with a warning, so one badly encoded file does not hide the rest of it.

use std::io::Read;
use std::path::Path;

/// Default upper bound for one text; `--max-bytes` changes it.
pub const DEFAULT_MAX_BYTES: u64 = 256 * 1024 * 1024;

/// Why an input could not be screened.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("{0}: cannot read: {1}")]
    Io(String, std::io::Error),
    #[error("{0}: is a directory; give the files inside it")]
    Directory(String),
    #[error("{0}: is {1} bytes, more than the limit of {2} bytes (raise it with --max-bytes)")]
    TooLarge(String, u64, u64),
    #[error("{0}: looks like a binary file (it contains NUL bytes), not text")]
    Binary(String),
    #[error("{0}: is empty; there is nothing to screen")]
    Empty(String),
}

/// A decoded text and what had to be repaired in it.
#[derive(Debug, Clone)]
pub struct Decoded {
    pub text: String,
    /// Set when bytes that are not UTF-8 were replaced with U+FFFD.
    pub warnings: Vec<String>,
}

fn shown(source: &str) -> &str {
    if source == "-" {
        "standard input"
    } else {
        source
    }
}

/// Reads the raw bytes of a path (`-` is standard input), refusing more than `max_bytes`.
pub fn read_bytes(path: &str, max_bytes: u64) -> Result<Vec<u8>, InputError> {
    if path == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .lock()
            .take(max_bytes + 1)
            .read_to_end(&mut buf)
            .map_err(|e| InputError::Io(shown(path).into(), e))?;
        if buf.len() as u64 > max_bytes {
            return Err(InputError::TooLarge(
                shown(path).into(),
                buf.len() as u64,
                max_bytes,
            ));
        }
        return Ok(buf);
    }
    let p = Path::new(path);
    let meta = std::fs::metadata(p).map_err(|e| InputError::Io(path.into(), e))?;
    if meta.is_dir() {
        return Err(InputError::Directory(path.into()));
    }
    if meta.len() > max_bytes {
        return Err(InputError::TooLarge(path.into(), meta.len(), max_bytes));
    }
    std::fs::read(p).map_err(|e| InputError::Io(path.into(), e))
}

/// Checks raw bytes and turns them into text: NUL bytes mean binary (refused), invalid UTF-8 is
/// replaced with U+FFFD and named in a warning, a byte-order mark is dropped, blank is refused.
pub fn decode(source: &str, bytes: Vec<u8>) -> Result<Decoded, InputError> {
    if bytes.contains(&0) {
        return Err(InputError::Binary(shown(source).into()));
    }
    let mut warnings = Vec::new();
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let first = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let replaced = text.chars().filter(|&c| c == '\u{FFFD}').count();
            warnings.push(lossy_warning(first, replaced));
            text
        }
    };
    decoded(source, text, warnings)
}

/// The warning for a text that had to be decoded lossily.
pub fn lossy_warning(first_bad: usize, replaced: usize) -> String {
    format!(
        "not valid UTF-8 (first bad byte at offset {first_bad}): {replaced} character(s) replaced with U+FFFD \
and not read; if the text is in another encoding, convert it, e.g. `iconv -f CP1251 -t UTF-8`"
    )
}

/// Drops a byte-order mark and refuses blank text.
pub fn decoded(source: &str, text: String, warnings: Vec<String>) -> Result<Decoded, InputError> {
    // A byte-order mark is not part of the text.
    let text = match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    };
    if text.trim().is_empty() {
        return Err(InputError::Empty(shown(source).into()));
    }
    Ok(Decoded { text, warnings })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_what_is_not_text() {
        assert!(matches!(
            decode("a", vec![b'h', 0, b'i']),
            Err(InputError::Binary(_))
        ));
        let lossy = decode("a", vec![b'h', 0xff, b'i']).unwrap();
        assert_eq!(lossy.text, "h\u{FFFD}i");
        assert!(lossy.warnings[0].contains("offset 1"));
        assert!(lossy.warnings[0].contains("1 character(s) replaced"));
        assert!(matches!(
            decode("a", b"  \n ".to_vec()),
            Err(InputError::Empty(_))
        ));
        assert_eq!(
            decode("a", "\u{feff}hi".as_bytes().to_vec()).unwrap().text,
            "hi"
        );
    }
}
