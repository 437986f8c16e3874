//! Reads a figure out of a matched term - the number, the word that multiplies it ("60
//! thousand", "2 млн") and the period it is counted in ("£70/day", "25 zl per hour", "в
//! месяц") - and tells whether what is paid falls well short of what was promised (the
//! `shortfall` condition of a rule).

use crate::rulefile::RawFigureWords;
use crate::term::is_word_char;
use crate::term_chars::Class;
use crate::word_meanings::{MeaningWords, Spelling};

/// A figure paid or promised is said to fall short when it is at most this share of the
/// other: a quarter less is more than tax or a rounding, and far less than a promise.
pub const SHORTFALL_SHARE: f64 = 0.75;

/// How many words after the number may name its period ("60 thousand ruble a month" is the
/// fourth, "8 thousand for food first month" the fifth).
const PERIOD_WORDS: usize = 5;

/// A number read from a text, with what the words after it say about it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Figure {
    /// The number as written ("60" of "60 thousand", "17.4" of "17.40").
    pub number: f64,
    /// The multiplier named right after it (1000 for "thousand"), if any.
    pub multiplier: Option<f64>,
    /// How many of the named period make a month (26 for "a day"), if a period is named.
    pub per_month: Option<f64>,
}

/// The words of one language that multiply a number or name its period (folded).
#[derive(Debug, Clone, Default)]
pub struct FigureWords {
    words: MeaningWords<Meaning>,
}

#[derive(Debug, Clone, Copy)]
enum Meaning {
    /// A currency: the number is a sum.
    Currency,
    /// A word passed over ("a", "per", "net").
    Filler,
    /// A word that ends what the number says ("and", "they"): the number is a sum.
    SumEnds,
    Times(f64),
    /// Periods per month.
    Per(f64),
}

impl FigureWords {
    /// Compiles the `figure_words` of a language file; a word that is not a single word
    /// (optionally with a trailing `*`) is an error naming the list it is in.
    pub fn new(raw: &RawFigureWords) -> Result<Self, String> {
        // A month counted as 26 working days (six-day weeks, as most of these jobs are) and
        // 173 hours (40-hour weeks): the comparison only needs to be roughly right, since a
        // shortfall is a quarter or more.
        let lists: [(&str, &[String], Meaning); 10] = [
            ("currency", &raw.currency, Meaning::Currency),
            ("filler", &raw.filler, Meaning::Filler),
            ("sum_ends", &raw.sum_ends, Meaning::SumEnds),
            ("thousand", &raw.thousand, Meaning::Times(1e3)),
            ("million", &raw.million, Meaning::Times(1e6)),
            ("hour", &raw.hour, Meaning::Per(173.0)),
            ("day", &raw.day, Meaning::Per(26.0)),
            ("week", &raw.week, Meaning::Per(4.33)),
            ("month", &raw.month, Meaning::Per(1.0)),
            ("year", &raw.year, Meaning::Per(1.0 / 12.0)),
        ];
        let listed = lists.iter().flat_map(|&(name, list, meaning)| {
            list.iter().map(move |w| (name, w.as_str(), meaning))
        });
        let spelling = Spelling {
            stems: true,
            dotless: false,
        };
        Ok(FigureWords {
            words: MeaningWords::new("figure_words", listed, spelling)?,
        })
    }

    fn meaning(&self, word: &str) -> Option<Meaning> {
        self.words.find(word, |_| true)
    }

    /// The first number in `text[span]` (a folded text), with the multiplier and period
    /// that follow it in `text`. None when the span holds no digit, or when the number
    /// counts something else: the first word after it (fillers passed over) is none of
    /// the figure words ("2 days off", "3 children", "14 hours"). A number that ends its
    /// clause or is followed by a `sum_ends` word ("and", "they") is a sum.
    ///
    /// `text` ends where the sentence ends: a full stop inside it is an abbreviation's
    /// ("60 тыс. в месяц").
    pub fn read(&self, text: &str, span: std::ops::Range<usize>) -> Option<Figure> {
        let bytes = text.as_bytes();
        let start = span.start + text[span.clone()].find(|c: char| c.is_ascii_digit())?;
        let (number, mut at) = read_number(text, start);
        let mut figure = Figure {
            number,
            multiplier: None,
            per_month: None,
        };
        // Whether the number is known to be a sum: decided by the first word after it
        // that is not a filler.
        let mut a_sum = false;
        for k in 0..PERIOD_WORDS {
            // Between words: spaces, a slash ("£70/day"), signs; anything that ends a
            // clause or starts another number ends the search.
            while at < text.len() {
                let c = text[at..].chars().next().expect("inside the text");
                if is_word_char(c) || matches!(c, ',' | ';' | ':' | '!' | '?' | '(' | ')') {
                    break;
                }
                at += c.len_utf8();
            }
            let word_end = text[at..]
                .char_indices()
                .find(|&(_, c)| !is_word_char(c))
                .map_or(text.len(), |(i, _)| at + i);
            if word_end == at || bytes[at].is_ascii_digit() {
                break;
            }
            match self.meaning(&text[at..word_end]) {
                // Only the word right after the number multiplies it ("60 thousand",
                // "60k"); a later "thousand" belongs to something else.
                Some(Meaning::Times(times)) if k == 0 => {
                    figure.multiplier = Some(times);
                    a_sum = true;
                }
                Some(Meaning::Currency | Meaning::SumEnds) => a_sum = true,
                Some(Meaning::Per(per)) => {
                    figure.per_month = Some(per);
                    break;
                }
                Some(Meaning::Filler) => {}
                Some(Meaning::Times(_)) | None if !a_sum => return None,
                _ => {}
            }
            at = word_end;
        }
        Some(figure)
    }
}

/// Reads the number that starts at `start` (digits, with thousands separators or a decimal
/// part, as the term syntax's `#`); gives its value and where it ends.
fn read_number(text: &str, start: usize) -> (f64, usize) {
    let bytes = text.as_bytes();
    let mut groups: Vec<&str> = Vec::new();
    let mut at = start;
    loop {
        let digits_end = at
            + bytes[at..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
        groups.push(&text[at..digits_end]);
        at = digits_end;
        // A separator counts only with a digit after it.
        let separator = text[at..]
            .chars()
            .next()
            .filter(|&c| Class::NumberSeparator.contains(c));
        match separator {
            Some(c) if bytes.get(at + c.len_utf8()).is_some_and(u8::is_ascii_digit) => {
                at += c.len_utf8();
            }
            _ => break,
        }
    }
    // "1,500" and "2 000 000" are thousands; a last group of other than three digits is a
    // decimal part ("17.40", "1,5").
    let (whole, decimals) = match groups.split_last() {
        Some((last, rest)) if !rest.is_empty() && last.len() != 3 => (rest.concat(), *last),
        _ => (groups.concat(), ""),
    };
    let mut value: f64 = whole.parse().unwrap_or(0.0);
    if !decimals.is_empty() {
        value += format!("0.{decimals}").parse::<f64>().unwrap_or(0.0);
    }
    (value, at)
}

/// True when `actual` is at most [`SHORTFALL_SHARE`] of `expected`. A multiplier named on
/// one side only is read into a small number on the other ("promised 60 thousand, they pay
/// 25" means 25 thousand); when both name a period, both are counted per month.
pub fn falls_short(actual: Figure, expected: Figure) -> bool {
    let amount = |f: Figure, other: Figure| {
        let times = match (f.multiplier, other.multiplier) {
            (Some(m), _) => m,
            (None, Some(m)) if f.number < 1000.0 => m,
            _ => 1.0,
        };
        f.number * times
    };
    let (mut paid, mut promised) = (amount(actual, expected), amount(expected, actual));
    if let (Some(a), Some(e)) = (actual.per_month, expected.per_month) {
        paid *= a;
        promised *= e;
    }
    promised > 0.0 && paid <= promised * SHORTFALL_SHARE
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words() -> FigureWords {
        let list = |w: &[&str]| w.iter().map(|s| s.to_string()).collect();
        FigureWords::new(&RawFigureWords {
            currency: list(&["riyal*", "zl", "ruble*", "usd"]),
            filler: list(&["a", "per", "net", "cash", "в", "of", "the"]),
            sum_ends: list(&["and", "they"]),
            thousand: list(&["thousand*", "k", "к", "тыс", "тысяч*"]),
            million: list(&["million*", "млн"]),
            hour: list(&["hour", "hr", "час"]),
            day: list(&["day", "daily", "день"]),
            week: list(&["week", "wk"]),
            month: list(&["month", "месяц"]),
            year: list(&["year"]),
        })
        .unwrap()
    }

    fn read(text: &str) -> Figure {
        words().read(text, 0..text.len()).unwrap()
    }

    #[test]
    fn numbers_with_separators_and_decimals() {
        assert_eq!(read("paid 1,500 usd").number, 1500.0);
        assert_eq!(read("paid 2 000 000").number, 2_000_000.0);
        assert_eq!(read("17.40 net").number, 17.4);
        assert_eq!(read("1,5 тыс").number, 1.5);
        assert_eq!(read("got 300, then nothing").number, 300.0);
    }

    #[test]
    fn multipliers_and_periods_after_the_number() {
        let f = read("promise 60 thousand ruble a month");
        assert_eq!(
            (f.number, f.multiplier, f.per_month),
            (60.0, Some(1e3), Some(1.0))
        );
        assert_eq!(read("£70/day cash").per_month, Some(26.0));
        assert_eq!(read("25 zl net per hour").per_month, Some(173.0));
        assert_eq!(read("платят 25 тысяч в месяц").multiplier, Some(1e3));
        assert_eq!(read("платят 25 тыс. в месяц").per_month, Some(1.0));
        // A letter for thousands written onto the number ("15k", "30к").
        assert_eq!(read("got 15k in total").multiplier, Some(1e3));
        assert_eq!(read("платят 30к в месяц").multiplier, Some(1e3));
        // A period after the clause ends, or a multiplier further on, is not the figure's.
        assert_eq!(read("got 300, every month").per_month, None);
        assert_eq!(read("got 300 riyal of the thousand").multiplier, None);
        assert_eq!(words().read("no digits here", 0..14), None);
    }

    #[test]
    fn a_number_followed_by_another_word_counts_something_else() {
        let read = |text: &str| words().read(text, 0..text.len());
        assert_eq!(read("got 2 days off"), None);
        assert_eq!(read("get 3 of the children"), None);
        assert!(read("got 300.").is_some());
        assert!(read("got 300 riyals a month").is_some());
        assert!(
            read("got 300 a month").is_some(),
            "a filler, then the period"
        );
        assert!(
            read("got 300 riyal for food").is_some(),
            "a sum, whatever follows"
        );
        assert!(read("not the 1500 they promised").is_some());
        assert!(read("got 300 and nothing more").is_some());
    }

    #[test]
    fn a_quarter_less_or_more_falls_short() {
        let f = |text: &str| read(text);
        assert!(falls_short(f("800 riyal"), f("1500 riyal")));
        assert!(falls_short(f("17.40 per hour"), f("25 zl per hour")));
        assert!(
            falls_short(f("£50/wk"), f("£70/day")),
            "per month: 216 against 1820"
        );
        assert!(
            falls_short(f("25"), f("60 тысяч")),
            "25 reads as 25 thousand"
        );
        assert!(
            !falls_short(f("25 тысяч"), f("25")),
            "25 thousand reads 25 as thousands"
        );
        assert!(
            !falls_short(f("1,200"), f("1,500")),
            "a fifth less is not a shortfall"
        );
        assert!(!falls_short(f("1500"), f("1500")));
        assert!(
            !falls_short(f("500 a week"), f("2000 a month")),
            "per month: 2165 against 2000"
        );
    }

    #[test]
    fn a_word_that_is_not_one_word_is_an_error() {
        let raw = RawFigureWords {
            day: vec!["per day".into()],
            ..RawFigureWords::default()
        };
        let error = FigureWords::new(&raw).unwrap_err();
        assert!(
            error.contains("figure_words.day") && error.contains("per day"),
            "{error}"
        );
    }
}
