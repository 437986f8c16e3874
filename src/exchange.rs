//! Questions and their answers in interviews, hotline logs and chats ("Q: Where was your
//! passport? - In the foreman's safe."): the answer alone does not say what it is about, and
//! the question alone describes nothing. A question and the answer that follows it are read
//! as one sentence, in which what only the question says counts only when the answer agrees
//! with it ("Did they take your passport? - Yes.").

use std::collections::HashSet;
use std::ops::Range;

/// A question and its answer joined into one sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Exchange {
    /// The joined sentence's index.
    pub sentence: usize,
    /// Where the answer starts (its dash or speaker's label; a document offset).
    pub answer_start: usize,
    /// Where the answer's words start, after the dash or label: the label ("A:", "Caller:",
    /// "О:") is no word of what is said, and does not count in a distance between words.
    pub words_start: usize,
    /// The answer opens with a word of agreement ("Yes, ..."): the question is then read as
    /// told. Otherwise what lies wholly before `answer_start` is only asked about.
    pub agrees: bool,
}

/// A joined question and answer longer than this stays two sentences (the splitter cuts
/// longer sentences too).
const MAX_JOINED_BYTES: usize = 4096;

/// A question describes no case: "Did your employer take your passport?"
pub fn is_question(sentence: &str) -> bool {
    sentence
        .trim_end_matches(|c: char| c.is_whitespace() || "\"'»”’)]".contains(c))
        .ends_with(['?', '？'])
}

/// Joins each question of `text` with the answer after it, in `sentences` (sorted, trimmed
/// ranges as [`crate::text::sentences`] gives them). An answer is a sentence that is no
/// question and opens as answers in a transcript do: with a dash ("— Нет, у бригадира.",
/// "Q: ...? - In his safe.") or a speaker's label ("A: ...", "Caller: ...", "О: ...").
/// `agreeing` holds the lower-case words that open an answer saying yes ("yes", "да"): the
/// question is then read as what the answer says. Gives the joined sentences, in order.
pub fn join_answers(
    text: &str,
    sentences: &mut Vec<Range<usize>>,
    agreeing: &HashSet<String>,
) -> Vec<Exchange> {
    // Most texts hold no question: nothing to do and nothing moved.
    if !sentences.iter().any(|s| is_question(&text[s.clone()])) {
        return Vec::new();
    }
    let mut exchanges = Vec::new();
    let mut joined = Vec::with_capacity(sentences.len());
    let mut i = 0;
    while i < sentences.len() {
        let question = sentences[i].clone();
        let answer = sentences
            .get(i + 1)
            .filter(|answer| {
                is_question(&text[question.clone()])
                    && answer.end - question.start <= MAX_JOINED_BYTES
                    && !is_question(&text[(*answer).clone()])
            })
            .and_then(|answer| Some((answer.clone(), answer_words(&text[answer.clone()])?)));
        let Some((answer, words)) = answer else {
            joined.push(question);
            i += 1;
            continue;
        };
        exchanges.push(Exchange {
            sentence: joined.len(),
            answer_start: answer.start,
            words_start: answer.end - words.len(),
            agrees: opens_with_agreement(words, agreeing),
        });
        joined.push(question.start..answer.end);
        i += 2;
    }
    *sentences = joined;
    exchanges
}

/// The words of an answer after its dash or speaker's label, or None when the sentence does
/// not open as an answer.
fn answer_words(sentence: &str) -> Option<&str> {
    let mut chars = sentence.chars();
    match chars.next()? {
        '-' | '–' | '—' => {
            let rest = chars.as_str();
            rest.starts_with(char::is_whitespace)
                .then(|| rest.trim_start())
        }
        _ if crate::text::starts_with_speaker(sentence) => {
            sentence.split_once(": ").map(|(_, rest)| {
                rest.trim_start_matches(|c: char| c.is_whitespace() || "-–—".contains(c))
            })
        }
        _ => None,
    }
}

/// Whether an answer's first word (folded to lower case) is one of `agreeing`.
fn opens_with_agreement(words: &str, agreeing: &HashSet<String>) -> bool {
    let first: String = words
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    !first.is_empty() && agreeing.contains(&first)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn joined(text: &str) -> (Vec<&str>, Vec<Exchange>) {
        let mut sentences = crate::text::sentences(text, &HashSet::new());
        let agreeing: HashSet<String> = ["yes", "да"].into_iter().map(String::from).collect();
        let exchanges = join_answers(text, &mut sentences, &agreeing);
        (
            sentences.iter().map(|r| &text[r.clone()]).collect(),
            exchanges,
        )
    }

    #[test]
    fn a_question_and_its_answer_are_one_sentence() {
        let text = "Q: Where was your passport? - In the foreman's safe. He never gave it back.";
        let (sentences, exchanges) = joined(text);
        assert_eq!(
            sentences,
            [
                "Q: Where was your passport? - In the foreman's safe.",
                "He never gave it back."
            ]
        );
        assert_eq!(
            exchanges,
            [Exchange {
                sentence: 0,
                answer_start: text.find("- In").unwrap(),
                words_start: text.find("In the").unwrap(),
                agrees: false,
            }]
        );
    }

    #[test]
    fn speakers_and_dashes_open_answers_on_their_own_lines() {
        let text = "Operator: Do you have your passport?\nCaller: Captain keeps all.\n\
                    — Паспорт у вас?\n— Нет, у хозяйки.\nВ: Документы?\nО: Забрал бригадир.";
        let (sentences, exchanges) = joined(text);
        assert_eq!(
            sentences,
            [
                "Operator: Do you have your passport?\nCaller: Captain keeps all.",
                "— Паспорт у вас?\n— Нет, у хозяйки.",
                "В: Документы?\nО: Забрал бригадир."
            ]
        );
        assert_eq!(exchanges.len(), 3);
        assert!(exchanges.iter().all(|e| !e.agrees));
        let labels: Vec<&str> = exchanges
            .iter()
            .map(|e| text[e.answer_start..e.words_start].trim_end())
            .collect();
        assert_eq!(labels, ["Caller:", "—", "О:"]);
    }

    #[test]
    fn an_agreeing_answer_makes_the_question_count() {
        let (sentences, exchanges) =
            joined("Q: Did they take your passport? A: Yes, at the airport.\n— Били? — Да.");
        assert_eq!(sentences.len(), 2);
        assert_eq!(exchanges.len(), 2);
        assert!(exchanges.iter().all(|e| e.agrees), "{exchanges:?}");
    }

    #[test]
    fn questions_without_an_answer_stay_as_they_are() {
        for text in [
            "Why did I stay? I had no money.",
            "Where is my passport? Where is my salary?",
            "Looking for work abroad? Call us today.",
            "Did they pay you? - Did they pay you?",
        ] {
            let (sentences, exchanges) = joined(text);
            assert_eq!(sentences.len(), 2, "{text}");
            assert!(exchanges.is_empty(), "{text}");
        }
    }
}
