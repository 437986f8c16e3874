//! Reads a clock time out of a matched term ("from 7", "до 23:00", "8 at night", "6 утра",
//! "till midnight") and tells how many hours a working day from one such time to another
//! lasts (the `shift` condition of a rule: "we worked from 6 am to 10 pm").

use crate::rulefile::RawClockWords;
use crate::term::is_word_char;
use crate::word_meanings::{MeaningWords, Spelling};

/// A working day this long or longer is excessive when a rule does not say otherwise: the
/// indicator's "12+ hour days".
pub const SHIFT_HOURS: u32 = 12;

/// How many words after the number may name its part of the day ("8 o'clock in the
/// evening" is the fourth).
const PART_WORDS: usize = 4;

/// The part of the day a time is said to be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayPart {
    /// "am", "in the morning", "утра": the hour as written (12 is midnight's hour).
    Morning,
    /// "pm", "in the evening", "вечера", "дня": twelve hours later unless written so.
    Evening,
    /// "at night", "ночи": from 6 to 12 in the evening, from 1 to 5 after midnight.
    Night,
}

/// A time of day read from a text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ClockTime {
    /// 0 to 24, as written.
    pub hour: u32,
    pub minute: u32,
    /// The part of the day named after it, if any.
    pub part: Option<DayPart>,
}

/// The words of one language that name a part of the day or a time, or may stand between
/// a time and that name (folded; dots left out, so "a.m." is "am").
#[derive(Debug, Clone, Default)]
pub struct ClockWords {
    words: MeaningWords<Meaning>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Meaning {
    Part(DayPart),
    /// A word that is a time by itself ("midnight", "полночь", "noon").
    Time(u32, DayPart),
    /// Passed over between a number and its part of the day ("in the", "o'clock", "часов").
    Filler,
    /// An hour written as a word ("six", "восьми").
    Hour(u32),
    /// A word after which a time may end ("and", "every", "без"): a number followed by any
    /// other word counts something else ("from 8 to 20 people") and is no time.
    Ends,
}

impl ClockWords {
    /// Compiles the `clock_words` of a language file; a word that is not a single word is an
    /// error naming the list it is in.
    pub fn new(raw: &RawClockWords) -> Result<Self, String> {
        let lists: [(&str, &[String], Meaning); 7] = [
            ("morning", &raw.morning, Meaning::Part(DayPart::Morning)),
            ("evening", &raw.evening, Meaning::Part(DayPart::Evening)),
            ("night", &raw.night, Meaning::Part(DayPart::Night)),
            // Midnight is twelve at night, the end of the day it closes; noon twelve in the day.
            ("midnight", &raw.midnight, Meaning::Time(12, DayPart::Night)),
            ("noon", &raw.noon, Meaning::Time(12, DayPart::Evening)),
            ("filler", &raw.filler, Meaning::Filler),
            ("ends", &raw.ends, Meaning::Ends),
        ];
        if raw.hours.len() > 12 {
            return Err("clock_words.hours: list the hours one to twelve, no more".into());
        }
        // The hours' words: the first entry names one o'clock, the second two, and so on,
        // each perhaps in several forms ("восемь|восьми").
        let hours = raw.hours.iter().enumerate().flat_map(|(i, forms)| {
            forms
                .split('|')
                .map(move |form| ("hours", form, Meaning::Hour(i as u32 + 1)))
        });
        let listed = lists.iter().flat_map(|&(name, list, meaning)| {
            list.iter().map(move |w| (name, w.as_str(), meaning))
        });
        let spelling = Spelling {
            stems: false,
            dotless: true,
        };
        Ok(ClockWords {
            words: MeaningWords::new("clock_words", listed.chain(hours), spelling)?,
        })
    }

    /// What a word says when it follows a time (an hour's word there is no hour: "from 8
    /// to 8 six days a week").
    fn meaning(&self, word: &str) -> Option<Meaning> {
        self.words.find(word, |m| !matches!(m, Meaning::Hour(_)))
    }

    /// The hour a word names ("six", "восьми").
    fn hour(&self, word: &str) -> Option<u32> {
        match self.words.find(word, |m| matches!(m, Meaning::Hour(_)))? {
            Meaning::Hour(hour) => Some(hour),
            _ => None,
        }
    }

    /// True when `word` (folded) is a time by itself, such as "midnight" or "noon".
    pub fn names_a_time(&self, word: &str) -> bool {
        self.time_named(word).is_some()
    }

    /// The time a word names by itself ("midnight", "noon").
    fn time_named(&self, word: &str) -> Option<ClockTime> {
        match self.meaning(word)? {
            Meaning::Time(hour, part) => Some(ClockTime {
                hour,
                minute: 0,
                part: Some(part),
            }),
            _ => None,
        }
    }

    /// The time in `text[span]` (a folded sentence, or the text up to a sentence's end), and
    /// where what was read of it ends (it may go on past the span: "to 10" of "to 10 pm"): the
    /// first hour in the span, in digits and perhaps with minutes ("7", "23:00", "8.30") or
    /// as a word of `clock_words.hours` ("six", "восьми"), with the part of the day named in
    /// the words after it; or a word that is a time by itself ("midnight"). None when the
    /// span holds none, or when its number is no hour (above 24, three digits, a sum or a
    /// count: "from 8 to 20 people"), that is when the first word after it that is not a
    /// filler is neither a part of the day nor a word a time may end with.
    pub fn read(&self, text: &str, span: std::ops::Range<usize>) -> Option<(ClockTime, usize)> {
        for (s, e) in words_of(text, span) {
            if text.as_bytes()[s].is_ascii_digit() {
                return self.read_digits(text, s);
            }
            if let Some(hour) = self.hour(&text[s..e]) {
                return self.read_part(text, e, hour, 0);
            }
            if let Some(time) = self.time_named(&text[s..e]) {
                return Some((time, e));
            }
        }
        None
    }

    /// The time written in digits at `start`.
    fn read_digits(&self, text: &str, start: usize) -> Option<(ClockTime, usize)> {
        let bytes = text.as_bytes();
        let digits = bytes[start..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        // The second number of "1,500", "12:30", a rota "5/2" or a date "03/06" is no hour.
        if digits > 2 || (start > 0 && matches!(bytes[start - 1], b':' | b'.' | b',' | b'/')) {
            return None;
        }
        let hour: u32 = text[start..start + digits].parse().ok()?;
        let mut at = start + digits;
        let mut minute = 0;
        if matches!(bytes.get(at), Some(b':' | b'.'))
            && bytes
                .get(at + 1..at + 3)
                .is_some_and(|m| m.iter().all(u8::is_ascii_digit))
            && !bytes.get(at + 3).is_some_and(u8::is_ascii_digit)
        {
            minute = text[at + 1..at + 3].parse().ok()?;
            at += 3;
        }
        // A digit right after, or after a separator, makes a longer number ("1,500"), a
        // rota ("5/2": five days on, two off) or a date ("03/06").
        let separated_digit = matches!(bytes.get(at), Some(b',' | b'.' | b'/'))
            && bytes.get(at + 1).is_some_and(u8::is_ascii_digit);
        // A share or a bonus is no hour: "ночные часы +20%".
        let percent = text[at..].trim_start().starts_with('%');
        let plus = start > 0 && bytes[start - 1] == b'+';
        if hour > 24 || minute > 59 || separated_digit || percent || plus {
            return None;
        }
        self.read_part(text, at, hour, minute)
    }

    /// The time `hour:minute`, whose number ends at `at`, with the part of the day the
    /// words after it name, and where what was read of it ends (after its part of the day
    /// when one is named); None when a word after it says it is no time. A second number
    /// after a filler ("9 or 10 at night") is passed over: the first is the time, the words
    /// after the second still name its part of the day.
    fn read_part(
        &self,
        text: &str,
        mut at: usize,
        hour: u32,
        minute: u32,
    ) -> Option<(ClockTime, usize)> {
        let mut part = None;
        let mut read_to = at;
        let mut after_filler = false;
        for (s, e) in words_of(text, at..text.len()).take(PART_WORDS) {
            // Only spaces may stand between the number and its words: a comma or a full
            // stop ends what the number says.
            if !text[at..s].chars().all(char::is_whitespace) {
                break;
            }
            let word = &text[s..e];
            let digits = word.bytes().take_while(u8::is_ascii_digit).count();
            if after_filler && (1..=2).contains(&digits) {
                // "12 or 1am": the part of the day written onto the second number counts.
                match self.meaning(&word[digits..]) {
                    Some(Meaning::Part(p)) => {
                        part = Some(p);
                        read_to = e;
                        break;
                    }
                    _ if digits == word.len() => {
                        (at, read_to, after_filler) = (e, e, false);
                        continue;
                    }
                    _ => return None,
                }
            }
            match self.meaning(word) {
                Some(Meaning::Part(p)) => {
                    part = Some(p);
                    read_to = e;
                    break;
                }
                // "12 midnight", "12 noon": the word names the number's own time.
                Some(Meaning::Time(named, p)) if named == hour && minute == 0 => {
                    part = Some(p);
                    read_to = e;
                    break;
                }
                Some(Meaning::Filler) => (at, after_filler) = (e, true),
                Some(Meaning::Ends) => break,
                _ => return None,
            }
        }
        Some((ClockTime { hour, minute, part }, read_to))
    }
}

/// The words of `text[span]`, as byte ranges: runs of word characters, with the
/// apostrophes and dots inside one ("o'clock", "a.m") and without a dot at the end.
fn words_of(text: &str, span: std::ops::Range<usize>) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut at = span.start;
    let end = span.end;
    let inside = |c: char| is_word_char(c) || matches!(c, '.' | '\'' | '’');
    std::iter::from_fn(move || {
        let from = at + text[at..end].find(is_word_char)?;
        let len = text[from..end]
            .find(|c: char| !inside(c))
            .unwrap_or(end - from);
        at = from + len;
        // A dot at the end of a word ends the sentence or the abbreviation, and is left
        // out; the word is read without its dots anyway.
        Some((from, from + text[from..at].trim_end_matches('.').len()))
    })
}

/// The time as hours after the midnight that starts the day, by its part of the day.
fn hours_of(time: ClockTime) -> f64 {
    let (hour, minutes) = (time.hour, f64::from(time.minute) / 60.0);
    let hour = match (time.part, time.hour) {
        (Some(DayPart::Morning), 12) => 0,
        (Some(DayPart::Evening), 1..=11) => hour + 12,
        (Some(DayPart::Night), 6..=12) => hour + 12,
        (Some(DayPart::Night), 0..=5) => hour + 24,
        _ => hour,
    };
    f64::from(hour) + minutes
}

/// How many hours a working day from `start` to `end` lasts, read as people say it: "from
/// 8 to 8" is twelve hours, "from 8 pm to 2 pm the next day" eighteen, "с 20 до 8" twelve,
/// "from 10 to 2 at night" four. When the words leave it open, the shorter reading is
/// taken ("from 2 to 10 pm" is an afternoon's work), so that no ordinary day is called too
/// long. None for a day of no length or of more than 24 hours.
pub fn shift_hours(start: ClockTime, end: ClockTime) -> Option<f64> {
    let mut from = hours_of(start);
    let mut to = hours_of(end);
    if start.part.is_none() && start.hour < 12 {
        // Work that ends after midnight, or an evening end that the start's afternoon
        // reading also reaches, starts in the afternoon or evening when the start says
        // nothing: "from 10 to 2 at night", "from 2 to 10 pm".
        let after_midnight = to > 24.0 || (end.part == Some(DayPart::Morning) && to <= from);
        let afternoon = start.hour <= 4 && end.part.is_some() && to > from + 12.0;
        if after_midnight || afternoon {
            from += 12.0;
        }
    }
    if to <= from {
        to += if end.part.is_none() && end.hour < 12 && to + 12.0 > from {
            12.0
        } else {
            24.0
        };
    }
    let hours = to - from;
    (hours > 0.0 && hours <= 24.0).then_some(hours)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words() -> ClockWords {
        let list = |w: &[&str]| w.iter().map(|s| s.to_string()).collect();
        ClockWords::new(&RawClockWords {
            morning: list(&["am", "a.m.", "morning", "утра"]),
            evening: list(&["pm", "p.m.", "evening", "вечера", "дня"]),
            night: list(&["night", "ночи"]),
            midnight: list(&["midnight", "полуночи"]),
            noon: list(&["noon", "midday", "полудня"]),
            filler: list(&["in", "the", "at", "o'clock", "часов"]),
            ends: list(&["and", "every", "без", "to", "till", "до"]),
            hours: list(&[
                "one",
                "two",
                "three",
                "four",
                "five",
                "six|шести",
                "seven",
                "eight|восьми",
            ]),
        })
        .unwrap()
    }

    fn read(text: &str) -> Option<ClockTime> {
        words().read(text, 0..text.len()).map(|(time, _)| time)
    }

    fn hours(start: &str, end: &str) -> Option<f64> {
        shift_hours(read(start)?, read(end)?)
    }

    #[test]
    fn a_time_is_an_hour_perhaps_with_minutes_and_a_part_of_the_day() {
        let time = |hour, minute, part| Some(ClockTime { hour, minute, part });
        assert_eq!(read("from 7"), time(7, 0, None));
        assert_eq!(read("до 23:00"), time(23, 0, None));
        assert_eq!(
            read("at 8.30 in the evening"),
            time(8, 30, Some(DayPart::Evening))
        );
        assert_eq!(read("6am"), time(6, 0, Some(DayPart::Morning)));
        assert_eq!(
            read("until 10 p.m. every day"),
            time(10, 0, Some(DayPart::Evening))
        );
        assert_eq!(read("с 7 часов утра"), time(7, 0, Some(DayPart::Morning)));
        assert_eq!(read("till midnight"), time(12, 0, Some(DayPart::Night)));
        assert_eq!(read("till 8, then"), time(8, 0, None));
        assert_eq!(
            read("from eight o'clock in the morning"),
            time(8, 0, Some(DayPart::Morning))
        );
        assert_eq!(read("с шести утра"), time(6, 0, Some(DayPart::Morning)));
        assert_eq!(
            read("from 8 to 8"),
            time(8, 0, None),
            "a time ends before `to`"
        );
    }

    #[test]
    fn a_number_that_counts_something_else_is_no_time() {
        assert_eq!(read("to 20 people"), None);
        assert_eq!(read("from 2019"), None);
        assert_eq!(read("to 30"), None);
        assert_eq!(read("to 8 20"), None);
        assert_eq!(read("to 1,500"), None);
        assert_eq!(read("5/2"), None, "a rota, five days on and two off");
        assert_eq!(read("60/30"), None);
        assert_eq!(read("+20%"), None, "a bonus");
        assert_eq!(read("до 20 %"), None);
        assert_eq!(
            read("2/2 with 8 am"),
            None,
            "the first number is the rota's"
        );
        assert_eq!(read("no time here"), None);
        assert_eq!(read("from one job"), None);
    }

    #[test]
    fn a_working_day_is_read_as_people_say_it() {
        assert_eq!(hours("from 6 am", "to 10 pm"), Some(16.0));
        assert_eq!(hours("from 8", "to 8"), Some(12.0));
        assert_eq!(hours("с 8:00", "до 20:00"), Some(12.0));
        assert_eq!(hours("с 20", "до 8"), Some(12.0));
        assert_eq!(hours("from 8pm", "to 2pm next day"), Some(18.0));
        assert_eq!(hours("start 5 in the morning", "8 at night"), Some(15.0));
        assert_eq!(hours("с 7 утра", "до 2 ночи"), Some(19.0));
        assert_eq!(hours("from 6", "till midnight"), Some(18.0));
        assert_eq!(hours("from 6am", "to 12 midnight"), Some(18.0));
        assert_eq!(hours("from 6am", "to 12 noon"), Some(6.0));
        assert_eq!(hours("from 5 am", "till midnight"), Some(19.0));
        assert_eq!(hours("from 6 pm", "till midnight"), Some(6.0));
        assert_eq!(hours("from 9", "to 5"), Some(8.0));
        assert_eq!(hours("from 9 am", "to 6 pm"), Some(9.0));
        // Noon is twelve in the day: "from ten at night to midday".
        assert_eq!(hours("from 10 at night", "to midday"), Some(14.0));
        assert_eq!(hours("с 10 вечера", "до полудня"), Some(14.0));
        assert_eq!(hours("from 6 am", "till noon"), Some(6.0));
    }

    #[test]
    fn where_the_words_leave_it_open_the_shorter_day_is_taken() {
        assert_eq!(hours("from 10", "to 2 at night"), Some(4.0));
        assert_eq!(hours("from 2", "to 10 pm"), Some(8.0));
        assert_eq!(hours("from 10", "to 6 am"), Some(8.0));
        assert_eq!(hours("from 5", "to 9"), Some(4.0));
        assert_eq!(hours("from 10 pm", "to 6 am"), Some(8.0));
    }

    #[test]
    fn a_word_that_is_not_one_word_is_an_error() {
        let raw = RawClockWords {
            night: vec!["at night".into()],
            ..RawClockWords::default()
        };
        let error = ClockWords::new(&raw).unwrap_err();
        assert!(error.contains("clock_words.night"), "{error}");
    }
}
