//! Reads the texts to screen (files or standard input) and rejects what is not text, with a
//! message that says what is wrong: binary data, invalid UTF-8, empty input, oversized files.

use std::io::Read;
use std::path::Path;

/// Default upper bound for one text; `--max-bytes` changes it.
pub const DEFAULT_MAX_BYTES: u64 = 256 * 1024 * 1024;

/// One text to screen.
#[derive(Debug, Clone)]
pub struct Input {
    /// A path, or `-` for standard input.
    pub source: String,
    pub text: String,
}

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
    #[error(
        "{0}: is not valid UTF-8 (first bad byte at offset {1}); convert it, e.g. `iconv -f CP1251 -t UTF-8`"
    )]
    NotUtf8(String, usize),
    #[error("{0}: is empty; there is nothing to screen")]
    Empty(String),
}

/// Reads a path (`-` is standard input).
pub fn read(path: &str, max_bytes: u64) -> Result<Input, InputError> {
    let bytes = if path == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .lock()
            .take(max_bytes + 1)
            .read_to_end(&mut buf)
            .map_err(|e| InputError::Io("standard input".into(), e))?;
        if buf.len() as u64 > max_bytes {
            return Err(InputError::TooLarge(
                "standard input".into(),
                buf.len() as u64,
                max_bytes,
            ));
        }
        buf
    } else {
        let p = Path::new(path);
        let meta = std::fs::metadata(p).map_err(|e| InputError::Io(path.into(), e))?;
        if meta.is_dir() {
            return Err(InputError::Directory(path.into()));
        }
        if meta.len() > max_bytes {
            return Err(InputError::TooLarge(path.into(), meta.len(), max_bytes));
        }
        std::fs::read(p).map_err(|e| InputError::Io(path.into(), e))?
    };
    from_bytes(if path == "-" { "-" } else { path }, bytes)
}

/// Checks raw bytes and turns them into an `Input`.
pub fn from_bytes(source: &str, bytes: Vec<u8>) -> Result<Input, InputError> {
    let shown = if source == "-" {
        "standard input"
    } else {
        source
    };
    if bytes.contains(&0) {
        return Err(InputError::Binary(shown.into()));
    }
    let text = String::from_utf8(bytes)
        .map_err(|e| InputError::NotUtf8(shown.into(), e.utf8_error().valid_up_to()))?;
    // A byte-order mark is not part of the text.
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text);
    if text.trim().is_empty() {
        return Err(InputError::Empty(shown.into()));
    }
    Ok(Input {
        source: source.to_string(),
        text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_what_is_not_text() {
        assert!(matches!(
            from_bytes("a", vec![b'h', 0, b'i']),
            Err(InputError::Binary(_))
        ));
        assert!(matches!(
            from_bytes("a", vec![b'h', 0xff, b'i']),
            Err(InputError::NotUtf8(_, 1))
        ));
        assert!(matches!(
            from_bytes("a", b"  \n ".to_vec()),
            Err(InputError::Empty(_))
        ));
        assert_eq!(
            from_bytes("a", "\u{feff}hi".as_bytes().to_vec())
                .unwrap()
                .text,
            "hi"
        );
    }
}
