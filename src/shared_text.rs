//! Texts that go into many reports unchanged (indicator explanations and questions, dimension
//! names, follow-up prompts, outcome labels): each report shares them instead of holding a
//! copy, and their JSON form is escaped once, not again in every report. In a batch run they
//! are well over half of the JSON written.

use serde::{Serialize, Serializer};
use serde_json::value::RawValue;
use std::borrow::Borrow;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

/// A shared, immutable text that serialises as the JSON string it was escaped to once.
#[derive(Clone)]
pub struct SharedText(Arc<Inner>);

struct Inner {
    text: Box<str>,
    /// `text` as a JSON string, quotes included, escaped exactly as serde_json escapes it.
    json: Box<RawValue>,
}

impl SharedText {
    pub fn new(text: &str) -> Self {
        let json =
            serde_json::value::to_raw_value(text).expect("a string always serialises to JSON");
        SharedText(Arc::new(Inner {
            text: text.into(),
            json,
        }))
    }

    pub fn as_str(&self) -> &str {
        &self.0.text
    }
}

impl From<&str> for SharedText {
    fn from(text: &str) -> Self {
        SharedText::new(text)
    }
}

impl From<String> for SharedText {
    fn from(text: String) -> Self {
        SharedText::new(&text)
    }
}

impl Deref for SharedText {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for SharedText {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for SharedText {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for SharedText {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for SharedText {}

impl PartialEq<str> for SharedText {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl fmt::Debug for SharedText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for SharedText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Through `str`'s own Display, so width and alignment (`{:<40}`) apply.
        fmt::Display::fmt(self.as_str(), f)
    }
}

impl Serialize for SharedText {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // serde_json writes a raw value as it is; reports are only ever serialised to JSON.
        self.0.json.serialize(serializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The JSON escaped once is byte for byte what serde_json writes for the plain string,
    /// compact and pretty, including quotes, backslashes, control characters and Cyrillic.
    #[test]
    fn serialises_like_the_plain_string() {
        for text in [
            "",
            "plain words",
            "quotes \" and \\ backslash",
            "line\nbreak\ttab\u{1}\u{7f}",
            "Вас \"обманули\" — «да»",
            "emoji 👉 and \u{2028}",
        ] {
            let shared = SharedText::new(text);
            assert_eq!(
                serde_json::to_string(&shared).unwrap(),
                serde_json::to_string(text).unwrap()
            );
            let list = vec![shared.clone(), shared];
            let plain = vec![text, text];
            assert_eq!(
                serde_json::to_string_pretty(&list).unwrap(),
                serde_json::to_string_pretty(&plain).unwrap()
            );
            assert_eq!(&*list[0], text);
            assert_eq!(
                format!("[{:<8}|{:>3.2}]", list[0], list[1]),
                format!("[{text:<8}|{text:>3.2}]")
            );
        }
    }
}
