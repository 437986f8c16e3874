//! Questions and their answers in interviews, hotline logs and chats ("Q: Where was your
//! passport? - In the foreman's safe."): the answer alone does not say what it is about, and
//! the question alone describes nothing. A question and the answer that follows it are read
//! as one sentence, in which what only the question says counts only when the answer agrees
//! with it ("Did they take your passport? - Yes."), or when the question takes it as given
//! and the answer does not deny it ("Who has your passport? - The foreman.").

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

/// The words, folded to lower case, that tell how an answer stands to its question; every
/// language pack's (joining happens before any sentence has a language).
#[derive(Debug, Clone, Default)]
pub struct AnswerWords {
    /// Open an answer saying yes ("yes", "да").
    pub yes: HashSet<String>,
    /// Open an answer that denies ("no", "nobody", "нет", "никто").
    pub no: HashSet<String>,
    /// Open a question that takes its subject as given ("who", "how", "где", "сколько"):
    /// "Who has your passport?" asks who, not whether.
    pub question: HashSet<String>,
}

impl AnswerWords {
    /// Adds another language pack's words.
    pub fn extend(&mut self, other: &AnswerWords) {
        self.yes.extend(other.yes.iter().cloned());
        self.no.extend(other.no.iter().cloned());
        self.question.extend(other.question.iter().cloned());
    }
}

/// An answer's first sentence this short ("No.", "Captain.", "One time.") is joined with
/// the next sentence on its line too ("A: No. The manager keeps it.").
const SHORT_ANSWER_WORDS: usize = 2;

/// A joined question and answer longer than this stays two sentences (the splitter cuts
/// longer sentences too).
const MAX_JOINED_BYTES: usize = 4096;

/// A question describes no case: "Did your employer take your passport?"
pub fn is_question(sentence: &str) -> bool {
    sentence
        .trim_end_matches(|c: char| c.is_whitespace() || "\"'»”’)]".contains(c))
        .ends_with(['?', '？'])
}

/// Whether a sentence opens with the label of the one who asks, in an interview or a list of
/// questions ("Q:", "Question:", "Вопрос:"), and holds no question mark: a statement of the
/// asker's, not a case of the text's own ("Q: I am locked in the house when the family goes
/// out." in a leaflet's questions). A question joined with its answer ("Q: Who has it? A: The
/// foreman.") holds a question mark and is read as the answer says.
pub fn is_askers_statement(sentence: &str) -> bool {
    const ASKERS: [&str; 10] = [
        "q",
        "question",
        "interviewer",
        "journalist",
        "reporter",
        "вопрос",
        "в",
        "интервьюер",
        "журналист",
        "корреспондент",
    ];
    let Some((label, _)) = sentence.split_once(':') else {
        return false;
    };
    label.chars().count() <= 14
        && ASKERS.contains(&label.trim().to_lowercase().as_str())
        && !sentence.contains(['?', '？'])
}

/// Joins each question of `text` with the answer after it, in `sentences` (sorted, trimmed
/// ranges as [`crate::text::sentences`] gives them). An answer is a sentence that is no
/// question and opens as answers in a transcript do: with a dash ("— Нет, у бригадира.",
/// "Q: ...? - In his safe.") or a speaker's label ("A: ...", "Caller: ...", "О: ...").
/// An answer whose first sentence is a word or two ("No.") goes on with the next sentence
/// of its line. The question is read as what the answer says when the answer opens with a
/// word of `words.yes`, or when the question opens with a word of `words.question` and the
/// answer with none of `words.no`. Gives the joined sentences, in order.
pub fn join_answers(
    text: &str,
    sentences: &mut Vec<Range<usize>>,
    words: &AnswerWords,
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
        let Some((mut answer, said)) = answer else {
            joined.push(question);
            i += 1;
            continue;
        };
        let words_start = answer.end - said.len();
        let mut next = i + 2;
        if let Some(more) = sentences.get(next).filter(|more| {
            word_count(said) <= SHORT_ANSWER_WORDS
                && !text[answer.end..more.start].contains('\n')
                && more.end - question.start <= MAX_JOINED_BYTES
                && !is_question(&text[(*more).clone()])
                && answer_words(&text[(*more).clone()]).is_none()
        }) {
            answer.end = more.end;
            next += 1;
        }
        let asked = answer_words(&text[question.clone()]).unwrap_or(&text[question.clone()]);
        let agrees = opens_with(said, &words.yes)
            || (opens_with(asked, &words.question) && !opens_with(said, &words.no));
        exchanges.push(Exchange {
            sentence: joined.len(),
            answer_start: answer.start,
            words_start,
            agrees,
        });
        joined.push(question.start..answer.end);
        i = next;
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

/// Whether one of the first two words of `said` (folded as the language files' words are) is
/// one of `words`:
/// the second for a question or answer that opens with a conjunction ("And who ...?", "А
/// где ...?", "Well, no.").
fn opens_with(said: &str, words: &HashSet<String>) -> bool {
    said.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(2)
        .any(|w| words.contains(&crate::fold::fold(w)))
}

fn word_count(said: &str) -> usize {
    said.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(list: &[&str]) -> HashSet<String> {
        list.iter().map(|w| w.to_string()).collect()
    }

    fn joined(text: &str) -> (Vec<&str>, Vec<Exchange>) {
        let mut sentences = crate::text::sentences(text, &HashSet::new());
        let answer_words = AnswerWords {
            yes: words(&["yes", "да"]),
            no: words(&["no", "nobody", "nothing", "нет", "никто"]),
            question: words(&["who", "where", "how", "кто", "где", "сколько"]),
        };
        let exchanges = join_answers(text, &mut sentences, &answer_words);
        (
            sentences.iter().map(|r| &text[r.clone()]).collect(),
            exchanges,
        )
    }

    #[test]
    fn an_askers_statement_is_told_from_an_answered_question() {
        assert!(is_askers_statement(
            "Q: I am locked in the house when the family goes out."
        ));
        assert!(is_askers_statement("Вопрос: меня не выпускают с объекта."));
        assert!(!is_askers_statement(
            "Q: Who has your passport? A: The foreman."
        ));
        assert!(!is_askers_statement("A: The foreman kept it."));
        assert!(!is_askers_statement("Quite honestly: I was never paid."));
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
                // "Where was ...?" takes it as given that the passport was somewhere.
                agrees: true,
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

    /// "Who has your passport?" takes it as given that someone has it: any answer but a
    /// denial reads the question as told.
    #[test]
    fn a_question_taking_its_subject_as_given_counts_unless_denied() {
        let agrees = |text: &str| {
            let (_, exchanges) = joined(text);
            assert_eq!(exchanges.len(), 1, "{text}");
            exchanges[0].agrees
        };
        assert!(agrees(
            "Q: Who has your passport? A: The foreman, since March."
        ));
        assert!(agrees("Q: And how much do you owe now? A: Sixty thousand."));
        assert!(agrees("— А где паспорт?\n— У хозяина."));
        assert!(!agrees("Q: Who has your passport? A: Nobody, I keep it."));
        assert!(!agrees("Q: How much did they take? A: Nothing."));
        assert!(!agrees(
            "— Сколько вы должны?\n— Нисколько, нет, я ничего не должен."
        ));
        assert!(!agrees("Q: Do they keep your passport? A: The foreman."));
    }

    /// A word or two of answer ("No.") goes on with the next sentence of its line, which
    /// says what the word meant; not with the next line, nor after a longer answer.
    #[test]
    fn a_short_answer_goes_on_with_the_rest_of_its_line() {
        let (sentences, exchanges) =
            joined("Q: Do you have your passport? A: No. Rustam aka has it. He keeps it.");
        assert_eq!(
            sentences,
            [
                "Q: Do you have your passport? A: No. Rustam aka has it.",
                "He keeps it."
            ]
        );
        assert!(!exchanges[0].agrees);
        let (sentences, _) = joined("Q: Do you have your passport? A: No.\nRustam aka has it.");
        assert_eq!(sentences.len(), 2);
        let (sentences, _) =
            joined("Q: Where were you? A: Murat, the landlord. He says I owe him.");
        assert_eq!(sentences.len(), 2, "{sentences:?}");
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
