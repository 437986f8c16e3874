//! Single words of a language file, each with a meaning (the `clock_words` of the `shift`
//! condition, the `figure_words` of `shortfall`): checked once when the language is loaded,
//! then looked up for the words of a text that follow a number.

use crate::term::is_word_char;

/// How the words of one section are written and compared.
#[derive(Debug, Clone, Copy)]
pub struct Spelling {
    /// A trailing `*` makes a listed word a stem: any word starting with it.
    pub stems: bool,
    /// Dots are left out of listed words and of the text's words when compared ("a.m." is
    /// "am"), and apostrophes may stand inside a word ("o'clock").
    pub dotless: bool,
}

/// The words of one section, in list order, each with its meaning.
#[derive(Debug, Clone)]
pub struct MeaningWords<M> {
    words: Vec<(String, bool, M)>,
    spelling: Spelling,
}

impl<M> Default for MeaningWords<M> {
    fn default() -> Self {
        MeaningWords {
            words: Vec::new(),
            spelling: Spelling {
                stems: false,
                dotless: false,
            },
        }
    }
}

impl<M: Copy> MeaningWords<M> {
    /// The words of `lists` (the list's name in `section`, a word as written, its meaning),
    /// folded; a word that is not a single word is an error naming its section and list.
    pub fn new<'a>(
        section: &str,
        lists: impl IntoIterator<Item = (&'a str, &'a str, M)>,
        spelling: Spelling,
    ) -> Result<Self, String> {
        let mut words = Vec::new();
        for (name, written, meaning) in lists {
            let mut word = crate::fold::fold(written.trim());
            if spelling.dotless {
                word.retain(|c| c != '.');
            }
            let stem = spelling.stems && word.ends_with('*');
            if stem {
                word.pop();
            }
            let allowed =
                |c: char| is_word_char(c) || (spelling.dotless && matches!(c, '\'' | '’'));
            if word.is_empty() || !word.chars().all(allowed) {
                let how = if spelling.stems {
                    " (a word, or the start of one with `*`)"
                } else {
                    ""
                };
                return Err(format!(
                    "{section}.{name}: {written:?} is not a single word{how}"
                ));
            }
            words.push((word, stem, meaning));
        }
        Ok(MeaningWords { words, spelling })
    }

    /// The meaning of the first listed word that `word` (of a folded text) is and that
    /// `accept` takes.
    pub fn find(&self, word: &str, mut accept: impl FnMut(M) -> bool) -> Option<M> {
        self.words
            .iter()
            .find(|&&(ref listed, stem, meaning)| self.is(listed, stem, word) && accept(meaning))
            .map(|&(_, _, meaning)| meaning)
    }

    /// True when `word` is the listed word (compared in place: words are looked up for every
    /// number read).
    fn is(&self, listed: &str, stem: bool, word: &str) -> bool {
        if self.spelling.dotless {
            listed.chars().eq(word.chars().filter(|&c| c != '.'))
        } else if stem {
            word.starts_with(listed)
        } else {
            word == listed
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_checked_and_found() {
        let plain = Spelling {
            stems: true,
            dotless: false,
        };
        let words = MeaningWords::new(
            "figure_words",
            [("day", "день", 1), ("day", "сутк*", 2)],
            plain,
        )
        .unwrap();
        assert_eq!(words.find("день", |_| true), Some(1));
        assert_eq!(words.find("сутки", |_| true), Some(2));
        assert_eq!(words.find("сутки", |m| m != 2), None, "refused by `accept`");
        assert_eq!(words.find("дня", |_| true), None);
        let err = MeaningWords::new("figure_words", [("day", "в день", 1)], plain).unwrap_err();
        assert!(
            err.contains("figure_words.day: \"в день\" is not a single word (a word"),
            "{err}"
        );

        let dotless = Spelling {
            stems: false,
            dotless: true,
        };
        let words = MeaningWords::new(
            "clock_words",
            [("morning", "a.m.", 1), ("filler", "o'clock", 2)],
            dotless,
        )
        .unwrap();
        assert_eq!(words.find("am", |_| true), Some(1));
        assert_eq!(words.find("a.m", |_| true), Some(1));
        assert_eq!(words.find(&crate::fold::fold("o'clock"), |_| true), Some(2));
        let err = MeaningWords::new("clock_words", [("night", "в ночь", 1)], dotless).unwrap_err();
        assert_eq!(err, "clock_words.night: \"в ночь\" is not a single word");
    }
}
