//! What a promise named and whether a later denial names it again, for `contradicted`
//! conditions: "сказали работа няня в семье" ... "Она не няня" (the promised nanny's job
//! denied by name), "a customer care job in Bangkok" ... "There is no customer care". Only
//! words are compared (the language's common words passed over), never meanings: a denial
//! of something the promise did not name is no contradiction.

use crate::term::is_word_char;
use crate::word_table::WordTable;
use std::ops::Range;

/// How many words after a promise are taken as what it promised.
const PROMISED_WORDS: usize = 8;
/// How many words after a denial are looked at for the word it denies ("not a hotel").
const DENIED_WORDS: usize = 3;
/// How many letters longer than another a form of the same word may be ("няня", "нянями").
const MAX_ENDING_GROWTH: usize = 3;

/// The words of `text` from byte `from` on, as byte ranges, at most `limit` of them.
fn words(text: &str, from: usize, limit: usize) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut at = from;
    std::iter::from_fn(move || {
        let rest = text.get(at..)?;
        let start = at + rest.find(is_word_char)?;
        let len = text[start..]
            .find(|c: char| !is_word_char(c))
            .unwrap_or(text.len() - start);
        at = start + len;
        Some(start..start + len)
    })
    .take(limit)
}

/// A word that can name a promised thing: not a common word of the language, not a
/// number, and more than one letter.
fn names_something(word: &str, common: &WordTable) -> bool {
    word.chars().nth(1).is_some()
        && !word.chars().all(|c| c.is_ascii_digit())
        && !common.contains(word)
}

/// What a promise ending at `from` named: the words among the next few of `text` (folded,
/// ending where the sentence does) that can name something.
pub fn promised_words(text: &str, from: usize, common: &WordTable) -> Vec<Range<usize>> {
    words(text, from, PROMISED_WORDS)
        .filter(|w| names_something(&text[w.clone()], common))
        .collect()
}

/// The word a denial ending at `from` denies: the first of the next few that can name
/// something ("not a hotel": "hotel").
pub fn denied_word(text: &str, from: usize, common: &WordTable) -> Option<Range<usize>> {
    words(text, from, DENIED_WORDS).find(|w| names_something(&text[w.clone()], common))
}

/// The word a denial that follows it denies ("the patent was never issued": "patent",
/// "регистрацию так и не сделали"): the last word that can name something among the few
/// words of `text[before]` nearest its end (`before` runs from the sentence's start to the
/// denial's).
pub fn denied_word_before(
    text: &str,
    before: Range<usize>,
    common: &WordTable,
) -> Option<Range<usize>> {
    let mut nearest: Vec<Range<usize>> = words(text, before.start, usize::MAX)
        .take_while(|w| w.end <= before.end)
        .collect();
    let from = nearest.len().saturating_sub(DENIED_WORDS);
    nearest
        .drain(from..)
        .rev()
        .find(|w| names_something(&text[w.clone()], common))
}

/// Whether two folded words name the same thing: the same word, or, both of four letters
/// or more, the same word in another grammatical form ("отель" and "отеле", "няня" and
/// "няни"): a common beginning all but the last two letters of the shorter long, and at
/// least three letters; the longer at most three letters longer (an ending, not another
/// word: "over" is no form of "overtime").
pub fn same_word(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (len_a, len_b) = (a.chars().count(), b.chars().count());
    let shorter = len_a.min(len_b);
    if shorter < 4 || len_a.abs_diff(len_b) > MAX_ENDING_GROWTH {
        return false;
    }
    let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    common >= (shorter - 2).max(3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_denial_after_its_word_denies_the_nearest_word_that_names_something() {
        let words = common(&["the", "a", "was", "were"]);
        let text = "yes. the patent was never issued";
        let denial = text.find("was").unwrap();
        let denied = |from: usize| denied_word_before(text, from..denial, &words).map(|w| &text[w]);
        assert_eq!(denied(5), Some("patent"));
        // Nothing before the sentence's start is read.
        assert_eq!(denied(denial), None);
        // Only the three words nearest the denial are looked at.
        let far = "the patent and the the the was never issued";
        let at = far.find("was").unwrap();
        assert_eq!(
            denied_word_before(far, 0..at, &common(&["the"])).map(|w| &far[w]),
            None
        );
    }

    fn common(words: &[&str]) -> WordTable {
        words.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn a_promise_names_its_words_and_a_denial_the_word_after_it() {
        let en = common(&["a", "in", "the", "as", "is", "it"]);
        let text = "they said a job as a waitress in the hotel, 800 dollars";
        let named: Vec<&str> = promised_words(text, "they said".len(), &en)
            .into_iter()
            .map(|w| &text[w])
            .collect();
        // Eight words at most: "800 dollars" is past them.
        assert_eq!(named, ["job", "waitress", "hotel"]);
        let denial = "it is not a hotel, it is a bar";
        let denied = denied_word(denial, "it is not".len(), &en).map(|w| &denial[w]);
        assert_eq!(denied, Some("hotel"));
        assert_eq!(denied_word("not, it is", 3, &en), None);
    }

    #[test]
    fn the_same_word_in_another_form_is_the_same() {
        for (a, b) in [
            ("отель", "отеле"),
            ("няня", "няни"),
            ("otel", "otele"),
            ("it", "it"),
        ] {
            assert!(same_word(a, b), "{a} {b}");
        }
        for (a, b) in [
            ("it", "its"),
            ("бар", "бара"),
            ("hotel", "house"),
            ("отель", "отдых"),
            ("over", "overtime"),
            ("work", "workshop"),
        ] {
            assert!(!same_word(a, b), "{a} {b}");
        }
    }
}
