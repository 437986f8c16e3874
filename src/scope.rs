//! Decides whether a match is asserted or governed by a cue (negation, hypothetical, advice)
//! in its clause. This is the general mechanism behind "they never took my passport" and
//! "candidates pay no fees"; see "Negation" in rules/README.md for the rule in words.

use crate::ruleset::Cues;
use crate::term::TermSet;
use crate::term::is_word_char;
use std::ops::Range;

/// The place of the clause breaks in [`Cues::lists`], after the five kinds of cue.
const CLAUSE_BREAKS: usize = 5;
/// The place of the phrases whose negation word is no negation ("said no").
const NOT_NEGATION: usize = 6;

/// A cue before the matched terms only governs them when it is this close (in words).
const MAX_WORDS_BEFORE: usize = 6;
/// A sentence of more words than this is read as run-on speech: a voice message typed
/// without punctuation, where nothing shows where one clause ends and the next begins.
pub const RUN_ON_WORDS: usize = 45;
/// In run-on speech a negation particle ([`Cues::negation_particles`]: "не") governs terms
/// only this close after it, since it negates the word after it: "не стал забирать паспорт"
/// (one word between), not "до сих пор не отдаёт денег ни разу не дали" (the wages). In a
/// punctuated sentence it reaches as far as other negations ("Не выезжайте на работу по
/// туристической визе").
const PARTICLE_WORDS_BEFORE: usize = 1;
/// A trailing negation ("... не требуется") governs the terms when it is this close after them.
const MAX_WORDS_AFTER: usize = 3;
/// A negation this close after a hypothetical cue, in its clause, belongs to the condition
/// ("if you don't work", "если не будешь работать").
const MAX_WORDS_IN_CONDITION: usize = 3;
/// How far a negative word may stand before a rule's own negation and still join it
/// ("ничего не заплатил", "ни разу не заплатили": one word between at most).
const MAX_WORDS_IN_CONCORD: usize = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CueKind {
    Negation,
    Hypothetical,
    Advisory,
    /// A negation that follows what it negates.
    NegationAfter,
    /// A legal or advisory statement that follows what it speaks about ("... is illegal").
    AdvisoryAfter,
}

#[derive(Debug, Clone, Copy)]
struct Cue {
    start: usize,
    end: usize,
    kind: CueKind,
    /// How many words may stand between the cue and terms after it that it governs.
    reach: usize,
}

/// Words, cues and clause breaks of one sentence, in document byte offsets.
#[derive(Debug, Clone)]
pub struct SentenceScope {
    words: Vec<(usize, usize)>,
    cues: Vec<Cue>,
    breaks: Vec<(usize, usize)>,
    /// In a question joined with an answer that does not agree with it
    /// ([`crate::exchange`]): where the answer starts. What lies wholly before it is only
    /// asked about, and governed like a negated clause.
    answer_start: Option<usize>,
    /// In a question joined with its answer: the answer's dash or speaker's label, whose
    /// words ("A", "Caller", "О") are not counted between two terms.
    answer_label: std::ops::Range<usize>,
    /// More than [`RUN_ON_WORDS`] words: run-on speech.
    run_on: bool,
}

impl SentenceScope {
    pub fn new(text: &str, sentence: Range<usize>, cues: &Cues) -> Self {
        let starts = crate::term_chars::word_starts(&text[sentence.clone()]);
        Self::with_finder(text, sentence, cues, |_, set, s| {
            set.find_all_in(s, &starts)
        })
    }

    /// Like [`SentenceScope::new`], with the cue lists' matches in the sentence (relative to
    /// it) found by `find`, called with each list's place in [`Cues::lists`], the list and
    /// the sentence: the matcher answers from its prefilter's candidates.
    pub fn with_finder(
        text: &str,
        sentence: Range<usize>,
        cues: &Cues,
        mut find: impl FnMut(usize, &TermSet, &str) -> Vec<(usize, usize)>,
    ) -> Self {
        let s = &text[sentence.clone()];
        let base = sentence.start;
        let (words, mut breaks) = words_and_breaks(s, base);
        let run_on = words.len() > RUN_ON_WORDS;
        keep_list_commas_open(text, &words, &mut breaks, &cues.list_joiners);

        let mut found = Vec::new();
        let kinds = [
            CueKind::Negation,
            CueKind::Hypothetical,
            CueKind::Advisory,
            CueKind::NegationAfter,
            CueKind::AdvisoryAfter,
        ];
        let lists = cues.lists();
        for (slot, (set, kind)) in lists.iter().zip(kinds).enumerate() {
            if let Some(set) = set {
                found.extend(find(slot, set, s).into_iter().map(|(start, end)| {
                    let particle = run_on
                        && kind == CueKind::Negation
                        && cues.negation_particles.iter().any(|p| *p == s[start..end]);
                    Cue {
                        start: start + base,
                        end: end + base,
                        kind,
                        reach: if particle {
                            PARTICLE_WORDS_BEFORE
                        } else {
                            MAX_WORDS_BEFORE
                        },
                    }
                }));
            }
        }

        // "When I said no he hit me": the "no" is what was said, not a denial of the
        // hitting. A negation cue inside such a phrase is dropped.
        if let Some(set) = lists[NOT_NEGATION] {
            let phrases = find(NOT_NEGATION, set, s);
            found.retain(|cue| {
                cue.kind != CueKind::Negation
                    || !phrases
                        .iter()
                        .any(|&(a, b)| a + base <= cue.start && cue.end <= b + base)
            });
        }
        if let Some(set) = lists[CLAUSE_BREAKS] {
            breaks.extend(
                find(CLAUSE_BREAKS, set, s)
                    .into_iter()
                    .map(|(a, b)| (a + base, b + base)),
            );
        }
        breaks.sort_unstable();
        SentenceScope {
            answer_start: None,
            answer_label: 0..0,
            words,
            cues: found,
            breaks,
            run_on,
        }
    }

    /// True for run-on speech: a sentence of more than [`RUN_ON_WORDS`] words, as a voice
    /// message typed without punctuation is.
    pub fn is_run_on(&self) -> bool {
        self.run_on
    }

    /// The scope of a question joined with its answer: when the answer does not agree,
    /// terms found only in the question describe nothing; the answer's label is no word
    /// between terms.
    pub fn answered(mut self, exchange: &crate::exchange::Exchange) -> Self {
        if !exchange.agrees {
            self.answer_start = Some(exchange.answer_start);
        }
        self.answer_label = exchange.answer_start..exchange.words_start;
        self
    }

    /// Words that start in `from..to` and lie outside every span in `skip`.
    pub fn words_between(&self, from: usize, to: usize, skip: &[(usize, usize)]) -> usize {
        let first = self.words.partition_point(|w| w.0 < from);
        self.words[first..]
            .iter()
            .take_while(|w| w.0 < to)
            .filter(|w| !skip.iter().any(|s| w.0 >= s.0 && w.0 < s.1))
            .filter(|w| !self.answer_label.contains(&w.0))
            .count()
    }

    /// True when a cue governs the matched terms `spans` (sorted by start). `conditional`
    /// rules ignore hypothetical cues (threats are conditional by nature).
    pub fn is_governed(&self, spans: &[(usize, usize)], conditional: bool) -> bool {
        let first = spans[0].0;
        let last_start = spans[spans.len() - 1].0;
        let last_end = spans.iter().map(|s| s.1).max().unwrap_or(first);
        if self.answer_start.is_some_and(|answer| last_end <= answer) {
            return true;
        }
        // When the rule's own words already negate ("никакого контракта"), a trailing
        // negation repeats the absence ("... не было") instead of cancelling the finding.
        // ... and whether they open with one (negative concord, below): one pass for both.
        let (mut terms_negate, mut opens_with_negation) = (false, false);
        for c in self.cues.iter().filter(|c| c.kind == CueKind::Negation) {
            terms_negate |= spans.iter().any(|s| c.start < s.1 && s.0 < c.end);
            opens_with_negation |= c.start == first;
        }
        let overlaps_terms = |a: usize, b: usize| spans.iter().any(|s| a < s.1 && s.0 < b);
        let break_between = |a: usize, b: usize| self.breaks_between(a, b, spans);
        for cue in &self.cues {
            if conditional && cue.kind == CueKind::Hypothetical {
                continue;
            }
            // "If you don't work I will call the police": for a conditional rule the
            // negation is part of the condition, not of the threat that follows it.
            if conditional && cue.kind == CueKind::Negation && self.negates_a_condition(cue) {
                continue;
            }
            if overlaps_terms(cue.start, cue.end) {
                continue; // the cue is part of the rule's own words ("not paid")
            }
            // Negative concord: when the rule's words open with a negation, a negative word
            // right before them joins it rather than cancelling it: "ничего не заплатил",
            // "nichego ne zaplatil", "никто не платил" all say nobody was paid. (Not when the
            // words open otherwise: in "никаких денег я не платил", matched as "денег ... не
            // платил", the worker paid no fee.)
            if opens_with_negation
                && cue.kind == CueKind::Negation
                && cue.end <= first
                && self.words_between(cue.end, first, &[]) <= MAX_WORDS_IN_CONCORD
                && !break_between(cue.end, first)
            {
                continue;
            }
            if matches!(cue.kind, CueKind::NegationAfter | CueKind::AdvisoryAfter) {
                // Only after all the terms, close and in the same clause.
                if !(terms_negate && cue.kind == CueKind::NegationAfter)
                    && cue.start >= last_end
                    && self.words_between(last_end, cue.start, &[]) <= MAX_WORDS_AFTER
                    && !break_between(last_end, cue.start)
                {
                    return true;
                }
                continue;
            }
            if cue.end <= first {
                if self.words_between(cue.end, first, &[]) <= cue.reach
                    && !break_between(cue.end, last_start)
                {
                    return true;
                }
            } else if cue.start < last_start && self.term_governed_between(cue, spans).is_some() {
                return true;
            }
        }
        false
    }

    /// The start of a term of `spans` that a negation standing between the terms governs
    /// in its own clause ("pasport nikto ne zabiral": the taking is denied), if any. The
    /// same occurrence cannot then make a finding with other words
    /// ("... ne zabiral, on u menya, patent est").
    /// For a `conditional` rule a negation of the condition ("if you don't work") denies
    /// nothing, as in [`Self::is_governed`]. Nor does a negation inside `own_words`, the
    /// rule's other matches in the sentence: in "took his share, nothing was left of my
    /// salary", "nothing" is the rule's own "nothing was left of", which finds with "salary".
    pub fn negated_term(
        &self,
        spans: &[(usize, usize)],
        own_words: &[(usize, usize)],
        conditional: bool,
    ) -> Option<usize> {
        let first = spans[0].0;
        let last_start = spans[spans.len() - 1].0;
        let overlaps = |c: &Cue, s: &(usize, usize)| c.start < s.1 && s.0 < c.end;
        self.cues
            .iter()
            .filter(|c| c.kind == CueKind::Negation && c.start > first && c.start < last_start)
            .filter(|c| !(conditional && self.negates_a_condition(c)))
            .filter(|c| !spans.iter().chain(own_words).any(|s| overlaps(c, s)))
            .find_map(|cue| self.term_governed_between(cue, spans))
    }

    /// For a cue standing between the terms of `spans`: the start of the term that follows
    /// it, when no clause break lies between them (the cue governs that term).
    fn term_governed_between(&self, cue: &Cue, spans: &[(usize, usize)]) -> Option<usize> {
        let last_start = spans[spans.len() - 1].0;
        let next_term = spans
            .iter()
            .map(|s| s.0)
            .find(|&s| s >= cue.end)
            .unwrap_or(last_start);
        (!self.breaks_between(cue.end, next_term, spans)).then_some(next_term)
    }

    /// True when `negation` closely follows a hypothetical cue in the same clause, so
    /// that it negates the condition ("if you don't", "если не", "esli ne").
    fn negates_a_condition(&self, negation: &Cue) -> bool {
        self.cues.iter().any(|h| {
            h.kind == CueKind::Hypothetical
                && h.end <= negation.start
                && self.words_between(h.end, negation.start, &[]) <= MAX_WORDS_IN_CONDITION
                && !self.breaks_between(h.end, negation.start, &[])
        })
    }

    /// True when a clause break lies within `from..to`, other than one inside a span of
    /// `skip` (a rule's own words may hold one: "and" in "food and bed").
    fn breaks_between(&self, from: usize, to: usize, skip: &[(usize, usize)]) -> bool {
        self.breaks.iter().any(|&(s, e)| {
            s >= from && e <= to && !skip.iter().any(|span| s < span.1 && span.0 < e)
        })
    }
}

/// Byte ranges (start, end) in document offsets.
type Spans = Vec<(usize, usize)>;

/// Drops the clause break of a comma that joins the items of a list: one followed, at once or
/// after one or two words, by a list joiner ("charge no recruitment, placement or visa fee",
/// "ни за билет, ни за визу"), or by an item of up to three words and then another such comma
/// ("if you are locked in, beaten, threatened or not paid": every comma of the list), so a
/// negation or condition before the list still governs all of it. Other commas still end the
/// clause ("She had no passport, which was seized by her boss").
fn keep_list_commas_open(
    text: &str,
    words: &[(usize, usize)],
    breaks: &mut Spans,
    joiners: &[String],
) {
    if joiners.is_empty() {
        return;
    }
    let bytes = text.as_bytes();
    // Every punctuation break, as found: the joiner must follow the comma with none between.
    // Read from the last break back, so that a comma knows whether the next one joins.
    let mut joined = vec![false; breaks.len()];
    for i in (0..breaks.len()).rev() {
        let (start, end) = breaks[i];
        if bytes.get(start) != Some(&b',') {
            continue;
        }
        let clear_until = breaks.get(i + 1).map_or(usize::MAX, |b| b.0);
        let next = words.partition_point(|w| w.0 < end);
        let item: Vec<&(usize, usize)> = words[next..]
            .iter()
            .take_while(|w| w.0 < clear_until)
            .take(4)
            .collect();
        let joiner_follows = item
            .iter()
            .take(3)
            .any(|&&(ws, we)| joiners.iter().any(|j| j.as_bytes() == &bytes[ws..we]));
        let item_then_joined_comma =
            joined.get(i + 1) == Some(&true) && (1..=3).contains(&item.len());
        joined[i] = joiner_follows || item_then_joined_comma;
    }
    let mut index = 0;
    breaks.retain(|_| {
        index += 1;
        !joined[index - 1]
    });
}

/// The words (runs of word characters) and the punctuation clause breaks of sentence `s`,
/// in document offsets (`base` is the sentence's start), in one pass over its bytes: ASCII
/// and the common Cyrillic letters (two bytes starting D0 or D1) are told from their first
/// byte, other characters are decoded.
fn words_and_breaks(s: &str, base: usize) -> (Spans, Spans) {
    let bytes = s.as_bytes();
    let mut words = Vec::with_capacity(bytes.len() / 4);
    let mut breaks = Vec::new();
    let mut word_start = None;
    let mut at = 0;
    while at < bytes.len() {
        let (is_word, len) = match bytes[at] {
            b if b.is_ascii_alphanumeric() => (true, 1),
            b @ 0..=0x7F => {
                let is_break = match b {
                    b';' | b'(' | b')' | b'[' | b']' => true,
                    // "1,500" and "12:30" are numbers, not clause breaks.
                    b',' | b':' => !bytes.get(at + 1).is_some_and(u8::is_ascii_digit),
                    // A hyphen between spaces stands for a dash in chats and translit
                    // ("plan ne sdelal - b'yut palkoi"); "e-mail" and "5-7" are words.
                    b'-' => at > 0 && bytes[at - 1] == b' ' && bytes.get(at + 1) == Some(&b' '),
                    // A full stop inside a sentence: a question joined with its answer's
                    // sentences ("No. We worked without patent."), a lower-case line after
                    // an abbreviation. Not "3.5" or "e.g.".
                    b'.' | b'!' => bytes.get(at + 1).is_some_and(u8::is_ascii_whitespace),
                    _ => false,
                };
                if is_break {
                    breaks.push((base + at, base + at + 1));
                }
                (false, 1)
            }
            0xD0 | 0xD1 => (true, 2),
            _ => {
                let c = s[at..].chars().next().unwrap_or_default();
                // "1000–3000" is a range of numbers, not a clause break.
                let range = at > 0
                    && bytes[at - 1].is_ascii_digit()
                    && bytes.get(at + c.len_utf8()).is_some_and(u8::is_ascii_digit);
                if matches!(c, '–' | '—') && !range {
                    breaks.push((base + at, base + at + c.len_utf8()));
                }
                (is_word_char(c), c.len_utf8())
            }
        };
        match (is_word, word_start) {
            (true, None) => word_start = Some(at),
            (false, Some(ws)) => {
                words.push((base + ws, base + at));
                word_start = None;
            }
            _ => {}
        }
        at += len;
    }
    if let Some(ws) = word_start {
        words.push((base + ws, base + s.len()));
    }
    (words, breaks)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::term::TermSet;

    fn cues() -> Cues {
        let set = |v: &[&str]| {
            TermSet::new(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>()).unwrap()
        };
        Cues {
            negation: set(&["not", "*n't", "never", "no", "nobody", "не"]),
            hypothetical: Some(set(&["if"])),
            advisory: Some(set(&["illegal", "punish*"])),
            clause_breaks: Some(set(&["but", "and"])),
            negation_after: Some(set(&["not required", "never happened"])),
            advisory_after: Some(set(&["is illegal"])),
            not_negation: Some(set(&["said|say no", "no doubt"])),
            list_joiners: vec!["or".into(), "nor".into()],
            negation_particles: vec!["не".into()],
        }
    }

    /// Is the match of `terms` (each found by its first occurrence) governed?
    fn governed(sentence: &str, terms: &[&str], conditional: bool) -> bool {
        let scope = SentenceScope::new(&crate::fold::fold(sentence), 0..sentence.len(), &cues());
        let spans: Vec<(usize, usize)> = terms
            .iter()
            .map(|t| {
                let s = sentence.find(t).unwrap();
                (s, s + t.len())
            })
            .collect();
        scope.is_governed(&spans, conditional)
    }

    /// A hyphen between spaces is a dash: the negation before it does not reach past it.
    #[test]
    fn a_spaced_hyphen_ends_a_clause() {
        assert!(!governed(
            "quota not met - they beat us",
            &["beat", "us"],
            false
        ));
        assert!(governed(
            "they never beat us - all good",
            &["beat", "us"],
            false
        ));
        assert!(governed("they never beat-us", &["beat-us"], false));
    }

    /// In run-on speech the particle "не" negates the word after it: it governs terms one
    /// word away, not terms further on; other negations, and "не" in a punctuated
    /// sentence, reach further.
    #[test]
    fn in_run_on_speech_a_negation_particle_reaches_one_word() {
        let run_on = |s: &str| format!("{} {s}", "слово ".repeat(RUN_ON_WORDS));
        let governed_in = |s: &str, terms: &[&str]| governed(&run_on(s), terms, false);
        assert!(governed_in(
            "не стал забирать паспорт",
            &["забирать", "паспорт"]
        ));
        assert!(!governed_in(
            "до сих пор не отдаёт денег ни разу не дали",
            &["ни разу не дали"]
        ));
        assert!(governed_in(
            "never in all those months did they pay",
            &["pay"]
        ));
        assert!(governed(
            "не выезжайте на работу по туристической визе",
            &["по туристической визе"],
            false
        ));
    }

    /// A refusal told ("said no") and "no doubt" deny nothing; the same "no" elsewhere does.
    #[test]
    fn a_negation_word_inside_a_not_negation_phrase_is_no_cue() {
        assert!(!governed("when i said no he hit me", &["hit", "me"], false));
        assert!(!governed(
            "no doubt they took my passport",
            &["took", "passport"],
            false
        ));
        assert!(governed("no one hit me", &["hit", "me"], false));
        assert!(governed("he said nobody hit me", &["hit", "me"], false));
    }

    #[test]
    fn negation_before_or_between_terms() {
        assert!(governed(
            "They never took my passport.",
            &["took", "passport"],
            false
        ));
        assert!(governed(
            "My passport was never taken.",
            &["passport", "taken"],
            false
        ));
        assert!(governed("Candidates pay no fees.", &["pay", "fees"], false));
        assert!(governed(
            "Nobody took my passport.",
            &["took", "passport"],
            false
        ));
        assert!(!governed(
            "They took my passport.",
            &["took", "passport"],
            false
        ));
    }

    #[test]
    fn negation_inside_the_term_is_the_finding() {
        assert!(!governed(
            "I have not been paid for months.",
            &["not been paid"],
            false
        ));
    }

    /// Russian negative concord: a negative word right before a rule's own "не" joins it;
    /// one further away, or before a term without a negation, still governs.
    #[test]
    fn a_negative_word_joins_the_rules_own_negation() {
        let rules = crate::ruleset::RuleSet::builtin().unwrap();
        let cues = &rules.packs["ru"].cues;
        let governed = |sentence: &str, term: &str| {
            let scope = SentenceScope::new(sentence, 0..sentence.len(), cues);
            let start = sentence.find(term).unwrap();
            scope.is_governed(&[(start, start + term.len())], false)
        };
        for (sentence, term) in [
            ("за три месяца ничего не заплатил", "не заплатил"),
            ("za 3 mesyaca nichego ne zaplatil", "ne zaplatil"),
            ("никто нам не платил", "не платил"),
            ("ни разу не заплатили", "не заплатили"),
        ] {
            assert!(!governed(sentence, term), "{sentence}");
        }
        for (sentence, term) in [
            // Two words away from the rule's own "не" it still governs: the limit errs on
            // the side of leaving a negated sentence alone (chat text has no commas to
            // tell "nikto ne govoril ... ne zaplatyat" apart).
            ("ничего они нам не заплатили", "не заплатили"),
            ("никто у меня паспорт не забирал", "паспорт"),
            ("nikto ne zabiral pasport", "zabiral pasport"),
            // The rule's words open with something else: the worker paid no fee.
            ("никаких денег я не платил", "денег я не платил"),
        ] {
            assert!(governed(sentence, term), "{sentence}");
        }
    }

    #[test]
    fn trailing_negation_governs_only_close_and_in_the_same_clause() {
        assert!(governed(
            "Handing over your passport is not required.",
            &["Handing over", "passport"],
            false
        ));
        assert!(!governed(
            "No contract at all, it was not required they said.",
            &["No contract"],
            false
        ));
        assert!(!governed(
            "They took my passport, a visa was not required.",
            &["took", "passport"],
            false
        ));
        assert!(!governed(
            "They took my passport and then for many weeks it was not required.",
            &["took", "passport"],
            false
        ));
    }

    #[test]
    fn trailing_legal_statement_governs() {
        assert!(governed(
            "Taking a worker's passport is illegal.",
            &["Taking", "passport"],
            false
        ));
        assert!(!governed(
            "They took my passport, leaving is illegal they said.",
            &["took", "passport"],
            false
        ));
    }

    #[test]
    fn clause_breaks_stop_a_cue() {
        assert!(!governed(
            "She had no passport, which was seized by her boss.",
            &["passport", "seized"],
            false
        ));
        assert!(!governed(
            "They did not pay us but took our passports.",
            &["took", "passports"],
            false
        ));
        assert!(!governed(
            "It was not easy, they took my passport.",
            &["took", "passport"],
            false
        ));
    }

    /// A full stop inside a sentence (a question joined with its answer's sentences) ends
    /// the clause: "No." answers the question and denies nothing after it. Not a decimal
    /// point.
    #[test]
    fn a_full_stop_inside_a_sentence_ends_a_clause() {
        assert!(!governed(
            "Did you get the patent? - No. We worked without patent.",
            &["without patent"],
            false
        ));
        assert!(governed(
            "They did not pay 3.5 months of wages.",
            &["pay"],
            false
        ));
    }

    /// A comma inside a list ("recruitment, placement or visa fee") does not end the
    /// negation's clause; a comma before a new clause still does.
    #[test]
    fn a_comma_inside_a_list_keeps_the_clause_open() {
        assert!(governed(
            "We do not charge any recruitment, placement or visa fee.",
            &["charge", "placement"],
            false
        ));
        assert!(governed(
            "We never charge a recruitment, medical check or visa fee.",
            &["charge", "visa"],
            false
        ));
        assert!(!governed(
            "She had no passport, which was seized by her boss or his wife.",
            &["passport", "seized"],
            false
        ));
        assert!(!governed(
            "It was not easy, they took the passport or the phone.",
            &["took", "passport"],
            false
        ));
        assert!(!governed(
            "We do not charge a recruitment, medical; the visa or fee is yours.",
            &["charge", "visa"],
            false
        ));
        // Every comma of a list of three or more items joins it: "A, B, C or D".
        assert!(governed(
            "If you are locked in, beaten, threatened or not paid, call the hotline.",
            &["beaten"],
            false
        ));
        assert!(governed(
            "We never take passports, phones, bank cards or money.",
            &["take", "phones"],
            false
        ));
        // An item of more than three words is a clause of its own.
        assert!(!governed(
            "If it rains, the foreman took our passports away, threatened us or shouted.",
            &["took", "passports"],
            false
        ));
    }

    #[test]
    fn far_cues_do_not_govern() {
        assert!(!governed(
            "I did not know anyone in the town where the boss took my passport.",
            &["took", "passport"],
            false
        ));
    }

    #[test]
    fn hypothetical_and_advice() {
        assert!(governed(
            "If your employer takes your passport, call us.",
            &["takes", "passport"],
            false
        ));
        assert!(!governed(
            "He said if I complain he will call the police.",
            &["call the police"],
            true
        ));
        // A negation inside the condition does not negate the threat that follows.
        assert!(!governed(
            "He said if you don't work I will call the police.",
            &["call the police"],
            true
        ));
        assert!(!governed(
            "If you do not finish he will call the police.",
            &["call the police"],
            true
        ));
        // A rule that is not conditional is governed by the hypothetical itself.
        assert!(governed(
            "If you do not finish he will call the police.",
            &["call the police"],
            false
        ));
        // A negation of the consequence, or before the condition, still governs.
        assert!(governed(
            "If you leave, he will not call the police.",
            &["call the police"],
            true
        ));
        assert!(governed(
            "He would never call the police if we worked hard.",
            &["call the police"],
            true
        ));
        assert!(governed(
            "It is illegal to keep a worker's passport.",
            &["keep", "passport"],
            false
        ));
        assert!(governed(
            "The law punishes employers who confiscate passports.",
            &["confiscate", "passports"],
            false
        ));
    }

    /// The byte-level pass finds the words and breaks of a character-by-character reading.
    #[test]
    fn words_and_breaks_are_those_of_each_character() {
        let mut text = String::from(
            "Ёж, 1,500 (и) 12:30; a—b – [c]: ok, 1000–3000 долларов, 5—7, ne - da, e-mail, 5-7 -x, no. yes! 3.5 e.g.x, ",
        );
        for c in (0x20..=0x3000u32).filter_map(char::from_u32) {
            text.push(c);
            if c as u32 % 3 == 0 {
                text.push(' ');
            }
        }
        let (words, breaks) = words_and_breaks(&text, 10);
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut want_words = Vec::new();
        let mut start = None;
        for &(i, c) in &chars {
            match (is_word_char(c), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    want_words.push((s + 10, i + 10));
                    start = None;
                }
                _ => {}
            }
        }
        if let Some(s) = start {
            want_words.push((s + 10, text.len() + 10));
        }
        let want_breaks: Vec<(usize, usize)> = chars
            .iter()
            .enumerate()
            .filter(|&(k, &(_, c))| match c {
                '–' | '—' => {
                    let digit = |j: Option<usize>| {
                        j.and_then(|j| chars.get(j))
                            .is_some_and(|(_, d)| d.is_ascii_digit())
                    };
                    !(digit(k.checked_sub(1)) && digit(Some(k + 1)))
                }
                ';' | '(' | ')' | '[' | ']' => true,
                ',' | ':' => chars.get(k + 1).is_none_or(|(_, n)| !n.is_ascii_digit()),
                '-' => {
                    k > 0
                        && chars[k - 1].1 == ' '
                        && chars.get(k + 1).is_some_and(|&(_, n)| n == ' ')
                }
                '.' | '!' => chars
                    .get(k + 1)
                    .is_some_and(|&(_, n)| n.is_ascii_whitespace()),
                _ => false,
            })
            .map(|(_, &(i, c))| (i + 10, i + 10 + c.len_utf8()))
            .collect();
        assert_eq!(words, want_words);
        assert_eq!(breaks, want_breaks);
    }

    #[test]
    fn counts_words_between() {
        let s = "kept all of our passports";
        let scope = SentenceScope::new(s, 0..s.len(), &cues());
        assert_eq!(scope.words_between(4, 16, &[]), 3);
        assert_eq!(scope.words_between(0, s.len(), &[(0, 4), (16, 25)]), 3);
    }
}
