//! Splits a document into sentences and turns byte offsets into lines and columns.
//!
//! The splitter is written for the texts people actually send: hard-wrapped lines are joined,
//! blank lines, list items (also emoji bullets in the middle of a line, as in messenger job
//! adverts), the messages of a chat or transcript ("[07:21] Name: ...", "Caller: ...") and,
//! in a paragraph of ragged lines typed one at a time, a line opening with a capital
//! start a new sentence, a full stop ends a sentence even when the next word starts in
//! lower case (chat-style accounts), an emoji before a capital letter ends one ("звать 😅 А
//! ещё"), a quoted question after narration is a sentence of its own, and abbreviations and
//! initials do not end one. Unicode's
//! UAX #29 rules keep "took my passport. we" together and are several times slower.

use crate::term::is_alphanumeric;
use std::collections::HashSet;
use std::ops::Range;

/// A sentence longer than this (in bytes) is cut at a space, so that one enormous
/// unpunctuated line cannot make the per-sentence work quadratic.
const MAX_SENTENCE_BYTES: usize = 4096;

/// Byte ranges of the sentences of `text`, in order, trimmed of surrounding whitespace.
/// `abbreviations` are lower-case words after which a full stop does not end a sentence.
pub fn sentences(text: &str, abbreviations: &HashSet<String>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut pieces = Vec::new();
    for block in blocks(text) {
        // Inside a block a line break is only a wrap. The splitter never tells a line break
        // from a space (both are whitespace, neither ends a word or a sentence), so wrapped
        // lines need no joining.
        split_block(&text[block.clone()], abbreviations, &mut pieces);
        for piece in pieces.drain(..) {
            let piece = block.start + piece.start..block.start + piece.end;
            match quoted_question_start(&text[piece.clone()]) {
                Some(quote) => {
                    push_trimmed(text, piece.start..piece.start + quote, &mut out);
                    push_trimmed(text, piece.start + quote..piece.end, &mut out);
                }
                None => push_trimmed(text, piece, &mut out),
            }
        }
    }
    out
}

/// Sentence ranges within one block (relative to it), appended to `out`.
///
/// Only sentence terminators and bullets can split a block, and all of them are either
/// ASCII (`.`, `!`, `?`) or characters of three or four bytes in UTF-8, so the scan decodes
/// nothing else: the letters of the text, Cyrillic included, are skipped byte by byte.
fn split_block(block: &str, abbreviations: &HashSet<String>, out: &mut Vec<Range<usize>>) {
    let bytes = block.as_bytes();
    let mut start = 0;
    let mut at = 0;
    while at < bytes.len() {
        let b = bytes[at];
        if !matches!(b, b'.' | b'!' | b'?') && b < 0xE2 {
            at += 1;
            continue;
        }
        let c = block[at..].chars().next().unwrap_or('\0');
        if is_bullet(c) && at > start && block[..at].ends_with(char::is_whitespace) {
            out.push(start..at);
            start = at;
        } else if let Some(end) = emoji_ending_a_sentence(block, at, c)
            .filter(|_| block[start..at].contains(char::is_alphanumeric))
        {
            // Chat messages end sentences with an emoji instead of a full stop: "пришлось
            // соседа звать 😅 А ещё ...".
            out.push(start..end);
            start = end;
            at = end;
            continue;
        } else if is_terminator(c) {
            // The whole run of terminators and closing quotes or brackets: "?!", "...»".
            let mut end = at + c.len_utf8();
            let mut stops = 1;
            let mut next = None;
            for n in block[end..].chars() {
                if is_terminator(n) {
                    stops += 1;
                } else if !is_closer(n) {
                    next = Some(n);
                    break;
                }
                end += n.len_utf8();
            }
            let only_a_full_stop = c == '.' && stops == 1;
            if ends_sentence(&block[start..end], only_a_full_stop, next, abbreviations) {
                out.push(start..end);
                start = end;
            }
            at = end;
            continue;
        }
        at += c.len_utf8();
    }
    if start < block.len() {
        out.push(start..block.len());
    }
}

/// Whether a run of terminators (with what precedes it in the sentence) ends the sentence,
/// given the character after the run. `only_a_full_stop`: the run's one terminator is `.`.
fn ends_sentence(
    sentence: &str,
    only_a_full_stop: bool,
    next: Option<char>,
    abbreviations: &HashSet<String>,
) -> bool {
    let Some(next) = next else {
        return true;
    };
    if !next.is_whitespace() {
        return false; // 3.5, example.com, "ok.Then" (rare) stays one
    }
    if only_a_full_stop {
        return !ends_with_abbreviation(sentence.trim_end_matches(is_closer), abbreviations);
    }
    true
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '。' | '！' | '？')
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '»' | '”' | '’' | ')' | ']')
}

/// Symbols that start an item in adverts even in the middle of a line.
fn is_bullet(c: char) -> bool {
    matches!(
        c,
        '•' | '►'
            | '▶'
            | '▪'
            | '◾'
            | '✓'
            | '✔'
            | '✅'
            | '☑'
            | '❗'
            | '❕'
            | '‼'
            | '➡'
            | '👉'
            | '🔥'
            | '💰'
            | '💵'
            | '💶'
            | '💲'
            | '📞'
            | '📱'
            | '☎'
            | '📍'
            | '📌'
            | '🏠'
            | '🏢'
            | '⚡'
            | '⭐'
            | '🌟'
            | '✨'
            | '🔹'
            | '🔸'
            | '✈'
            | '💼'
            | '📝'
            | '📩'
    )
}

/// Emoji and pictographic symbols: the Unicode blocks of dingbats, miscellaneous symbols,
/// arrows and stars, pictographs and regional-indicator flags.
fn is_pictograph(c: char) -> bool {
    matches!(
        u32::from(c),
        0x2190..=0x21FF | 0x2600..=0x27BF | 0x2B00..=0x2BFF | 0x1F100..=0x1FAFF
    )
}

/// Where a sentence ends that closes with an emoji (and its variation selectors or skin
/// tones) at `at` when a capital letter opens the next word, as chat messages are written:
/// "I left the keys inside 😅 Then Farrukh ...". None otherwise ("жильё 🏠 бесплатно").
fn emoji_ending_a_sentence(block: &str, at: usize, c: char) -> Option<usize> {
    if !is_pictograph(c) || is_bullet(c) {
        return None;
    }
    let mut end = at + c.len_utf8();
    for n in block[end..].chars() {
        if is_pictograph(n) || matches!(u32::from(n), 0xFE0F | 0x200D | 0x1F3FB..=0x1F3FF) {
            end += n.len_utf8();
        } else {
            break;
        }
    }
    let rest = &block[end..];
    let next_word = rest.trim_start();
    let spaced = next_word.len() < rest.len();
    (spaced && next_word.chars().next().is_some_and(char::is_uppercase)).then_some(end)
}

/// Paragraphs and list items: split at blank lines and before lines that start a list item,
/// since neither is ever one sentence with what comes before; and, in a paragraph of ragged
/// lines, before a line that starts with a capital letter (see [`paragraph_shape`]).
fn blocks(text: &str) -> Vec<Range<usize>> {
    let mut blocks = Vec::new();
    let mut start = 0;
    let mut line_start = 0;
    let mut prev_blank = false;
    let mut prev_line = "";
    let mut ragged = false;
    let mut lower_case_chat = false;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        let is_blank = trimmed.is_empty();
        if prev_blank || line_start == 0 {
            let shape = paragraph_shape(&text[line_start..]);
            (ragged, lower_case_chat) = (shape.ragged, shape.lower_case);
        }
        if line_start > start
            && (is_blank
                || prev_blank
                || starts_list_item(trimmed)
                || starts_message(trimmed)
                || (ragged && starts_line_sentence(prev_line, trimmed, lower_case_chat)))
        {
            blocks.push(start..line_start);
            start = line_start;
        }
        prev_blank = is_blank;
        prev_line = trimmed;
        line_start += line.len();
    }
    if start < text.len() {
        blocks.push(start..text.len());
    }
    blocks
}

/// How the paragraph at the start of `text` (up to a blank line) is typed, from one look at
/// its lines: `ragged` when it is written in ragged lines, as messages typed one line at a
/// time are ("Паспорта забрали в первый день" / "Кругом забор, охрана с автоматами"),
/// rather than hard-wrapped: some line before its last is less than three fifths as long as
/// its longest (a wrapped paragraph's lines, but for the last, all come close to the
/// wrapping width). `lower_case` when it is ragged, has three lines or more and in none but
/// the first is the first letter a capital: a message typed in lower case, one thought a
/// line ("priexal v marte po turisticheskoy vize" / "zaplatil emu 4000$" / "kuda obratitsya?
/// ..."), where no capital can tell where a sentence starts.
struct ParagraphShape {
    ragged: bool,
    lower_case: bool,
}

fn paragraph_shape(text: &str) -> ParagraphShape {
    let lines: Vec<&str> = text
        .split('\n')
        .map(str::trim)
        .take_while(|l| !l.is_empty())
        .collect();
    let lengths: Vec<usize> = lines.iter().map(|l| l.chars().count()).collect();
    let longest = lengths.iter().copied().max().unwrap_or(0);
    let ragged = lengths
        .split_last()
        .is_some_and(|(_, before_last)| before_last.iter().any(|&n| n * 5 < longest * 3));
    let lower_case = ragged
        && lines.len() >= 3
        && lines[1..].iter().all(|l| {
            !l.chars()
                .find(|c| c.is_alphabetic())
                .is_some_and(char::is_uppercase)
        });
    ParagraphShape { ragged, lower_case }
}

/// In a ragged paragraph, whether `line` starts a sentence after `prev`: it opens with a
/// capital letter, or it is a question of its own (it ends with "?": "можно куда-то
/// жаловаться??" after lines with no full stop would otherwise make all of them one
/// question, which is never read), or the paragraph is typed in lower case
/// (`lower_case_chat`, every line a sentence); and `prev` does not leave the sentence open
/// (a comma, a colon, a dash, an opening bracket or a conjunction at its end). A line ending
/// in a full stop or another terminator is left to the sentence splitter, which knows "Mr."
/// from an end.
fn starts_line_sentence(prev: &str, line: &str, lower_case_chat: bool) -> bool {
    let open_end = prev.ends_with([
        ',', ';', ':', '-', '–', '—', '(', '«', '"', '/', '&', '.', '!', '?', '…',
    ]);
    let joining_word = prev.rsplit(char::is_whitespace).next().is_some_and(|w| {
        matches!(
            w.to_lowercase().as_str(),
            "and" | "or" | "but" | "и" | "а" | "но" | "или" | "что"
        )
    });
    !prev.is_empty()
        && !open_end
        && !joining_word
        && (lower_case_chat
            || line.chars().next().is_some_and(char::is_uppercase)
            || line.ends_with(['?', '？']))
}

fn starts_list_item(line: &str) -> bool {
    let mut chars = line.chars();
    match chars.next() {
        Some('-' | '*' | '•' | '–' | '—' | '·' | '+') => true,
        // Adverts open their lines with all kinds of emoji ("💳 Registration fee 350 USD",
        // "🛏 Жильё бесплатно"): at the start of a line one is a bullet.
        Some(c) if is_bullet(c) || is_pictograph(c) => true,
        Some(c) if c.is_ascii_digit() => {
            let rest: String = line
                .chars()
                .skip_while(|c| c.is_ascii_digit())
                .take(2)
                .collect();
            rest.starts_with(". ") || rest.starts_with(") ")
        }
        _ => false,
    }
}

/// True when a line opens a message of a chat or a transcript: a time or date ("[07:21]",
/// "[03/06, 21:14]", "21:14 ", "03/06/2024, 21:14 - ") or a speaker's label ("Оператор:",
/// "OP:", "Caller:", "Ate Lorna:"). Each message is its own sentence even without a full stop,
/// so one message's question mark does not make the one before it a question.
fn starts_message(line: &str) -> bool {
    let bytes = line.as_bytes();
    let digits_then = |at: usize, separators: &[u8]| {
        let n = bytes[at..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        (1..=4).contains(&n)
            && bytes.get(at + n).is_some_and(|b| separators.contains(b))
            && bytes.get(at + n + 1).is_some_and(u8::is_ascii_digit)
    };
    match bytes.first() {
        Some(b'[') => digits_then(1, b":/.-"),
        Some(b) if b.is_ascii_digit() => digits_then(0, b":/"),
        _ => starts_with_speaker(line),
    }
}

/// A speaker's label at the start of a line: up to three words, the first capitalised, then
/// a colon and a space ("Caller: ...", "Ate Lorna: ...", "Оператор: ...").
pub(crate) fn starts_with_speaker(line: &str) -> bool {
    let Some(colon) = line.find(": ") else {
        return false;
    };
    let label = &line[..colon];
    label.chars().next().is_some_and(char::is_uppercase)
        && label.chars().count() <= 25
        && label.split_whitespace().count() <= 3
        && label
            .chars()
            .all(|c| c.is_alphanumeric() || c == ' ' || c == '.' || c == '-')
}

fn ends_with_abbreviation(sentence: &str, abbreviations: &HashSet<String>) -> bool {
    let t = sentence.trim_end();
    let Some(before_dot) = t.strip_suffix('.') else {
        return false;
    };
    let word_start = before_dot
        .char_indices()
        .rev()
        .take_while(|&(_, c)| is_alphanumeric(c) || c == '.')
        .last()
        .map_or(before_dot.len(), |(i, _)| i);
    let word = &before_dot[word_start..];
    if word.is_empty() {
        return false;
    }
    let mut chars = word.chars();
    // A single letter followed by a full stop is an initial ("J. Smith").
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if c.is_uppercase() {
            return true;
        }
    }
    // Most words are already in lower case: look them up without a lower-case copy.
    if word.chars().all(lower_case_of_itself) {
        abbreviations.contains(word)
    } else {
        abbreviations.contains(&word.to_lowercase())
    }
}

/// Characters that `to_lowercase` leaves as they are, for the common cases.
fn lower_case_of_itself(c: char) -> bool {
    matches!(c, 'a'..='z' | '0'..='9' | '.' | 'а'..='я' | 'ѐ'..='џ')
}

/// Words of narration before a quoted question that make the narration a sentence of its
/// own ("he says he will not pay because").
const MIN_NARRATION_WORDS: usize = 2;

/// Where the quoted question that ends `sentence` opens, when narration comes before it:
/// 'he says he will not pay because "you are illegal, what will you do?"' tells what the
/// son said and did; only the quoted words are a question (which describes no case). A
/// question asked outright ("Did they take your passport?") or opening with its quote is
/// left whole.
fn quoted_question_start(sentence: &str) -> Option<usize> {
    let trimmed = sentence.trim_end();
    let closing = trimmed.chars().next_back()?;
    if !matches!(closing, '"' | '”' | '»') {
        return None;
    }
    let inner = trimmed[..trimmed.len() - closing.len_utf8()].trim_end();
    if !inner.ends_with(['?', '？']) {
        return None;
    }
    let opening = match closing {
        '"' => inner.rfind('"')?,
        _ => inner.rfind(['“', '«'])?,
    };
    let narration = &sentence[..opening];
    let words = narration
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count();
    (words >= MIN_NARRATION_WORDS).then_some(opening)
}

fn push_trimmed(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let s = &text[range.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    let (start, end) = (range.start + lead, range.end - trail);
    if start >= end {
        return;
    }
    if end - start <= MAX_SENTENCE_BYTES {
        out.push(start..end);
        return;
    }
    // Cut an over-long sentence at spaces.
    let mut from = start;
    while end - from > MAX_SENTENCE_BYTES {
        let mut cut = from + MAX_SENTENCE_BYTES;
        while !text.is_char_boundary(cut) {
            cut -= 1;
        }
        let cut = text[from..cut]
            .rfind(char::is_whitespace)
            .map(|i| from + i)
            .filter(|&c| c > from)
            .unwrap_or(cut);
        out.push(from..cut);
        from = cut;
        while from < end && text[from..].starts_with(char::is_whitespace) {
            from += text[from..].chars().next().map_or(1, char::len_utf8);
        }
    }
    if from < end {
        out.push(from..end);
    }
}

/// Maps byte offsets to 1-based lines and columns (columns count characters).
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { line_starts }
    }

    /// (line, column) of a byte offset, both counting from 1.
    pub fn position(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let column = text[self.line_starts[line]..offset].chars().count() + 1;
        (line + 1, column)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        let abbr: HashSet<String> = ["mr", "dr", "г", "ул"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        sentences(text, &abbr)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    }

    /// The narration before a quoted question is a statement; the quoted question, and a
    /// question asked outright, stay questions.
    #[test]
    fn a_quoted_question_after_narration_is_a_sentence_of_its_own() {
        assert_eq!(
            split(
                "He will not pay the last months because \"you are illegal, what will you do?\" Then he left."
            ),
            vec![
                "He will not pay the last months because",
                "\"you are illegal, what will you do?\"",
                "Then he left."
            ]
        );
        assert_eq!(
            split("Хозяин не платит и говорит «куда ты пойдёшь?»"),
            vec!["Хозяин не платит и говорит", "«куда ты пойдёшь?»"]
        );
        assert_eq!(
            split("\"Did they take your passport?\" Did they pay you?"),
            vec!["\"Did they take your passport?\"", "Did they pay you?"]
        );
        assert_eq!(split("Boss: \"where?\""), vec!["Boss: \"where?\""]);
    }

    #[test]
    fn basic_sentences() {
        assert_eq!(
            split("They took it. We left!  Why?"),
            vec!["They took it.", "We left!", "Why?"]
        );
    }

    #[test]
    fn wrapped_lines_are_joined_but_paragraphs_and_bullets_are_not() {
        let text =
            "The manager took\nour passports.\n\nSecond paragraph\n- no experience\n- salary 3000";
        assert_eq!(
            split(text),
            vec![
                "The manager took\nour passports.",
                "Second paragraph",
                "- no experience",
                "- salary 3000"
            ]
        );
    }

    /// Each message of a chat or a transcript is a sentence of its own, so a question in one
    /// does not make the message before it a question.
    #[test]
    fn chat_messages_and_speakers_start_sentences() {
        let chat = "[07:21] Firdavs: I work 15 hours, no days off\n[07:22] Bahrom: yours too?";
        assert_eq!(
            split(chat),
            vec![
                "[07:21] Firdavs: I work 15 hours, no days off",
                "[07:22] Bahrom: yours too?"
            ]
        );
        let transcript = "Оператор: Вы можете уйти\nАбонент: Нет, ворота на замке";
        assert_eq!(
            split(transcript),
            vec!["Оператор: Вы можете уйти", "Абонент: Нет, ворота на замке"]
        );
        assert_eq!(
            split("03/06/2024, 21:14 - Jessa: payslip says 2310\n21:15 Mark: same here"),
            vec![
                "03/06/2024, 21:14 - Jessa: payslip says 2310",
                "21:15 Mark: same here"
            ]
        );
        // A wrapped line is still joined: no capitalised label, or no time, opens it.
        assert_eq!(
            split("The brigadier said: give\nme your passports: all of them."),
            vec!["The brigadier said: give\nme your passports: all of them."]
        );
        assert_eq!(
            split("They paid us\n12 500 rubles for two months."),
            vec!["They paid us\n12 500 rubles for two months."]
        );
    }

    /// Messages typed one line at a time start a sentence at each line that opens with a
    /// capital; a hard-wrapped paragraph, whose lines all come close to one width, is joined
    /// as before, and so is a line after a comma or "и".
    #[test]
    fn ragged_lines_with_capitals_are_sentences() {
        assert_eq!(
            split(
                "Нашел работу в телеге, оператор ПК в Бангкоке\nТут не оператор\nПаспорта забрали в первый день"
            ),
            vec![
                "Нашел работу в телеге, оператор ПК в Бангкоке",
                "Тут не оператор",
                "Паспорта забрали в первый день"
            ]
        );
        let wrapped = "The agent in our village told us the work was in a big hotel and\nKarimov and I believed him because he came from our district and\nwe had no other way to go.";
        assert_eq!(split(wrapped), vec![wrapped]);
        assert_eq!(
            split("Hello,\nMy name is Ali and I work on a farm near the border town"),
            vec!["Hello,\nMy name is Ali and I work on a farm near the border town"]
        );
        assert_eq!(
            split("Мы работали и\nБригадир забрал паспорта у всех рабочих в первый же день"),
            vec!["Мы работали и\nБригадир забрал паспорта у всех рабочих в первый же день"]
        );
        // A line that is a question of its own ends what came before, in lower case too:
        // otherwise the whole message would be one question, never read.
        assert_eq!(
            split(
                "салам братья\nработаем в теплице под Алматы, денег не дал ни разу с апреля\nкуда жаловаться??"
            ),
            vec![
                "салам братья",
                "работаем в теплице под Алматы, денег не дал ни разу с апреля",
                "куда жаловаться??"
            ]
        );
        assert_eq!(
            split(
                "салам\nработаем в теплице под Алматы, спросил про деньги,\nкогда отдашь, говорит, потом?"
            ),
            vec![
                "салам",
                "работаем в теплице под Алматы, спросил про деньги,\nкогда отдашь, говорит, потом?"
            ]
        );
        // A message typed in lower case, one thought a line: each line is a sentence, so a
        // question in the last line does not make all of it a question.
        assert_eq!(
            split(
                "ya v Koree, ferma\npriexal v marte po turisticheskoy vize, agent skazal rabochuyu vizu sdelaem\nzaplatil emu 4000$, vzyal v dolg\nrabotaem s 5 utra do 8 vechera\nkuda obratitsya? ya je nelegal"
            ),
            vec![
                "ya v Koree, ferma",
                "priexal v marte po turisticheskoy vize, agent skazal rabochuyu vizu sdelaem",
                "zaplatil emu 4000$, vzyal v dolg",
                "rabotaem s 5 utra do 8 vechera",
                "kuda obratitsya?",
                "ya je nelegal"
            ]
        );
    }

    #[test]
    fn a_line_break_inside_a_block_is_a_space() {
        assert_eq!(
            split("They took\r\nour passports.\r\nWe left •\nthe site"),
            vec!["They took\r\nour passports.", "We left", "•\nthe site"]
        );
        assert_eq!(split("Mr.\nKarimov came."), vec!["Mr.\nKarimov came."]);
    }

    #[test]
    fn abbreviations_and_initials_do_not_end_sentences() {
        assert_eq!(
            split("Mr. Karimov took it. Done."),
            vec!["Mr. Karimov took it.", "Done."]
        );
        assert_eq!(
            split("Жил в г. Москва. Всё."),
            vec!["Жил в г. Москва.", "Всё."]
        );
        assert_eq!(split("J. Smith paid."), vec!["J. Smith paid."]);
    }

    #[test]
    fn chat_style_lower_case_after_a_full_stop_starts_a_sentence() {
        assert_eq!(
            split("he took my passport. we cant leave the site"),
            vec!["he took my passport.", "we cant leave the site"]
        );
        assert_eq!(
            split("Paid 3.5 dollars at example.com today."),
            vec!["Paid 3.5 dollars at example.com today."]
        );
        assert_eq!(
            split("«Отдам паспорт потом», — сказал он. Мы ждём…  Уже год!"),
            vec![
                "«Отдам паспорт потом», — сказал он.",
                "Мы ждём…",
                "Уже год!"
            ]
        );
        assert_eq!(
            split("He said \"no.\" Then left."),
            vec!["He said \"no.\"", "Then left."]
        );
    }

    /// An emoji before a capital ends a chat sentence; before a small letter it is a word.
    #[test]
    fn an_emoji_before_a_capital_ends_a_sentence() {
        assert_eq!(
            split("пришлось соседа звать 😅 А ещё Фаррух не заплатил 😂😂 ok"),
            vec![
                "пришлось соседа звать 😅",
                "А ещё Фаррух не заплатил 😂😂 ok"
            ]
        );
        assert_eq!(split("работаю 😅 тяжело"), vec!["работаю 😅 тяжело"]);
    }

    #[test]
    fn emoji_bullets_inside_a_line_start_items() {
        assert_eq!(
            split("Работа в Польше ✅ жильё бесплатно ✅ паспорт оставляете у нас"),
            vec![
                "Работа в Польше",
                "✅ жильё бесплатно",
                "✅ паспорт оставляете у нас"
            ]
        );
        // Any emoji that opens a line opens an item, not only the bullets above.
        assert_eq!(
            split(
                "✈️ Visa in 10 days, no problem\n💳 Registration fee 350 USD\n🛏 Жильё\nтоже есть"
            ),
            vec![
                "✈️ Visa in 10 days, no problem",
                "💳 Registration fee 350 USD",
                "🛏 Жильё\nтоже есть"
            ]
        );
    }

    #[test]
    fn huge_sentences_are_cut() {
        let text = "word ".repeat(5000);
        let parts = split(&text);
        assert!(parts.len() > 1);
        assert!(parts.iter().all(|p| p.len() <= MAX_SENTENCE_BYTES));
        assert_eq!(
            parts
                .iter()
                .map(|p| p.split_whitespace().count())
                .sum::<usize>(),
            5000
        );
    }

    #[test]
    fn lines_and_columns() {
        let text = "ab\nпривет мир";
        let idx = LineIndex::new(text);
        assert_eq!(idx.position(text, 0), (1, 1));
        assert_eq!(idx.position(text, 3), (2, 1));
        let mir = text.find("мир").unwrap();
        assert_eq!(idx.position(text, mir), (2, 8));
    }
}
