//! The conditions that read more than a match: `shortfall` compares the figures in two
//! matches, `shift` the times of day, `contradicted` the words a promise named with the word
//! a denial names, `switched` the kinds of work a promise named with those told later. Each
//! is a method of the matcher's per-pack scan, as `any` and `all` are.

use super::{Hit, PackScan};
use std::ops::Range;
use std::sync::Arc;

impl<'r> PackScan<'_, 'r> {
    /// A `shortfall` rule: a figure of the `actual` list that is at most three quarters of a
    /// figure of the `expected` list at most `apart` sentences from it (before or after),
    /// neither governed by a cue nor excepted. One hit per pair of sentences, and each
    /// sentence in one hit at most, so one underpayment told once is one piece of evidence.
    pub(super) fn run_shortfall(
        &mut self,
        index: usize,
        [actual, expected]: [usize; 2],
        apart: usize,
        hits: &mut Vec<Hit<'r>>,
    ) {
        let rule = &self.compiled.rules[index];
        let actual_sentences = self.candidates.sentences(actual).to_vec();
        if actual_sentences.is_empty() {
            return;
        }
        // Every term of both lists holds a number: a sentence without a digit has no figure,
        // and a byte scan is far cheaper than searching its terms.
        let (text, sentences) = (self.text, self.sentences);
        let has_digit = |s: usize| crate::term_chars::contains_digit(&text[sentences[s].clone()]);
        let actual_sentences: Vec<u32> = actual_sentences
            .into_iter()
            .filter(|&a| has_digit(a as usize))
            .collect();
        let mut used = Vec::new();
        for e in self.candidates.sentences(expected).to_vec() {
            let e = e as usize;
            if !has_digit(e) {
                continue;
            }
            // Sentences near enough are looked for first: most promises have no sum paid
            // near them, and their own figures need not be read then.
            let near: Vec<usize> = actual_sentences
                .iter()
                .map(|&a| a as usize)
                .filter(|&a| a.abs_diff(e) <= apart && !used.contains(&a))
                .collect();
            if near.is_empty() {
                continue;
            }
            let promised = self.figures(index, expected, e);
            if promised.is_empty() {
                continue;
            }
            for a in near {
                let paid = self.figures(index, actual, a);
                let pair = paid.iter().find_map(|&(paid_span, paid_figure)| {
                    promised
                        .iter()
                        .find(|&&(promised_span, promised_figure)| {
                            let apart =
                                paid_span.1 <= promised_span.0 || promised_span.1 <= paid_span.0;
                            apart && crate::figures::falls_short(paid_figure, promised_figure)
                        })
                        .map(|&(promised_span, _)| (paid_span, promised_span))
                });
                if let Some((paid_span, promised_span)) =
                    pair.filter(|_| !self.resolved_later(index, a.max(e)))
                {
                    let mut spans = vec![paid_span, promised_span];
                    spans.sort_unstable();
                    hits.push(Hit {
                        rule,
                        sentence: a.min(e),
                        last_sentence: a.max(e),
                        spans,
                    });
                    used.extend([a, e]);
                    break;
                }
            }
        }
    }

    /// A `shift` rule: a time of the `start` list and a later time of the `end` list in one
    /// sentence, neither governed by a cue, that make a working day of at least `hours`
    /// hours ([`crate::clock::shift_hours`]). Each end is paired with the nearest start
    /// before it: "from 8 to 12, then from 6 pm to 11 pm" tells two short stretches, not a
    /// day from 8 to 11 pm.
    pub(super) fn run_shift(
        &mut self,
        index: usize,
        [start, end]: [usize; 2],
        hours: u32,
        hits: &mut Vec<Hit<'r>>,
    ) {
        for sentence in self.common_candidates(&[start, end]) {
            let sentence = sentence as usize;
            // Both times stand in this sentence: one check of the rule's exceptions for both.
            if self.excepted(index, sentence) {
                continue;
            }
            let words = &self.pack.clock_words;
            let starts = self.read_matches(index, start, sentence, |text, m| words.read(text, m));
            if starts.is_empty() {
                continue;
            }
            let ends = self.read_matches(index, end, sentence, |text, m| words.read(text, m));
            let long_day = ends.iter().find_map(|&(end_span, (end_time, end_read))| {
                let &(start_span, (start_time, start_read)) =
                    starts.iter().rev().find(|(span, _)| span.1 <= end_span.0)?;
                // The evidence shows each time with the part of the day read after it
                // ("from 7 in the morning", "to 10 at night").
                let spans = vec![
                    (start_span.0, start_read.clamp(start_span.1, end_span.0)),
                    (end_span.0, end_read.max(end_span.1)),
                ];
                crate::clock::shift_hours(start_time, end_time)
                    .is_some_and(|h| h >= f64::from(hours))
                    .then_some(spans)
            });
            if let Some(spans) = long_day {
                self.push_reading_on(index, sentence, spans, hits);
            }
        }
    }

    /// The figures in the matches of list `group` in `sentence` that no cue governs (none
    /// when rule `rule` is excepted there), with their spans.
    fn figures(
        &mut self,
        rule: usize,
        group: usize,
        sentence: usize,
    ) -> Vec<((usize, usize), crate::figures::Figure)> {
        if self.matches_in(group, sentence).is_empty() || self.excepted(rule, sentence) {
            return Vec::new();
        }
        let words = &self.pack.figure_words;
        self.read_matches(rule, group, sentence, |text, m| words.read(text, m))
    }

    /// A `contradicted` rule: a match of the `promise` list, and in the same sentence after it
    /// or in one of the `apart` sentences after that, a match of the `denial` list followed
    /// by a word the promise named, or of the `denial_after` list (when given) after such a
    /// word ([`crate::promised`]); neither governed by a cue nor excepted. One hit per
    /// promising sentence: the promise and the denial with the word it denies.
    pub(super) fn run_contradicted(
        &mut self,
        index: usize,
        groups: &[usize],
        apart: usize,
        hits: &mut Vec<Hit<'r>>,
    ) {
        let rule = &self.compiled.rules[index];
        let (promise, denial, denial_after) = (groups[0], groups[1], groups.get(2).copied());
        let mut denials = self.candidates.sentences(denial).to_vec();
        if let Some(after) = denial_after {
            denials.extend_from_slice(self.candidates.sentences(after));
            denials.sort_unstable();
            denials.dedup();
        }
        if denials.is_empty() {
            return;
        }
        let common = Arc::clone(&self.pack.common_words);
        let text = self.text;
        for p in self.candidates.sentences(promise).to_vec() {
            let p = p as usize;
            let near: Vec<usize> = denials
                .iter()
                .map(|&d| d as usize)
                .filter(|&d| d >= p && d - p <= apart)
                .collect();
            if near.is_empty() || self.excepted(index, p) {
                continue;
            }
            let promises = self.read_matches(index, promise, p, |text, m| {
                let named = crate::promised::promised_words(text, m.end, &common);
                (!named.is_empty()).then_some(named)
            });
            if promises.is_empty() {
                continue;
            }
            'denials: for d in near {
                if self.excepted(index, d) {
                    continue;
                }
                // Each denial as the span shown (the denial with the word it denies) and
                // that word.
                let mut denied: Vec<((usize, usize), Range<usize>)> = self
                    .read_matches(index, denial, d, |text, m| {
                        crate::promised::denied_word(text, m.end, &common)
                    })
                    .into_iter()
                    .map(|(span, word)| ((span.0, word.end), word))
                    .collect();
                if let Some(after) = denial_after {
                    let sentence_start = self.sentences[d].start;
                    denied.extend(
                        self.read_matches(index, after, d, |text, m| {
                            crate::promised::denied_word_before(
                                text,
                                sentence_start..m.start,
                                &common,
                            )
                        })
                        .into_iter()
                        .map(|(span, word)| ((word.start, span.1), word)),
                    );
                }
                for (shown, word) in denied {
                    let contradicted = promises.iter().find(|(promise_span, named)| {
                        promise_span.1 <= shown.0
                            && named.iter().any(|w| {
                                w.end <= shown.0
                                    && crate::promised::same_word(
                                        &text[w.clone()],
                                        &text[word.clone()],
                                    )
                            })
                    });
                    if let Some(&(promise_span, _)) = contradicted {
                        hits.push(Hit {
                            rule,
                            sentence: p,
                            last_sentence: d,
                            spans: vec![promise_span, shown],
                        });
                        break 'denials;
                    }
                }
            }
        }
    }

    /// A `switched` rule: a match of the `promise` list in a sentence that names a kind of
    /// work (a match of one of the `roles` lists), and in one of the `apart` sentences after
    /// it a match of the `reality` list in a sentence that names kinds of work, none of them
    /// one the promising sentence named; no match governed by a cue, neither sentence
    /// excepted. One hit per promising sentence: the promise and the first kind of work told
    /// instead. Kinds are compared, not words: "a job as a waitress" and "in the restaurant's
    /// kitchen" may both be hospitality, so a rule's lists decide how far apart two jobs are.
    pub(super) fn run_switched(
        &mut self,
        index: usize,
        groups: &[usize],
        apart: usize,
        hits: &mut Vec<Hit<'r>>,
    ) {
        let rule = &self.compiled.rules[index];
        let (promise, reality, roles) = (groups[0], groups[1], &groups[2..]);
        let realities = self.candidates.sentences(reality).to_vec();
        if realities.is_empty() {
            return;
        }
        for p in self.candidates.sentences(promise).to_vec() {
            let p = p as usize;
            let near: Vec<usize> = realities
                .iter()
                .map(|&d| d as usize)
                .filter(|&d| d > p && d - p <= apart)
                .collect();
            if near.is_empty() || self.excepted(index, p) {
                continue;
            }
            let Some(&(promise_span, ())) = self
                .read_matches(index, promise, p, |_, _| Some(()))
                .first()
            else {
                continue;
            };
            let promised = self.kinds_of_work(index, roles, p);
            if promised.is_empty() {
                continue;
            }
            for d in near {
                if self.excepted(index, d)
                    || self
                        .read_matches(index, reality, d, |_, _| Some(()))
                        .is_empty()
                {
                    continue;
                }
                let told = self.kinds_of_work(index, roles, d);
                let other = told.iter().all(|(kind, _)| {
                    promised
                        .iter()
                        .all(|(promised_kind, _)| promised_kind != kind)
                });
                if let (true, Some(&(_, span))) = (other, told.first()) {
                    hits.push(Hit {
                        rule,
                        sentence: p,
                        last_sentence: d,
                        spans: vec![promise_span, span],
                    });
                    break;
                }
            }
        }
    }

    /// The kinds of work (indexes into `roles`) that `sentence` names, each with its first
    /// match no cue governs, in the order of `roles`.
    fn kinds_of_work(
        &mut self,
        rule: usize,
        roles: &[usize],
        sentence: usize,
    ) -> Vec<(usize, (usize, usize))> {
        // A sentence that is no candidate of a kind's list is passed over by the search itself
        // (`matches_in`), without scanning the candidates here.
        let mut kinds = Vec::new();
        for (kind, &group) in roles.iter().enumerate() {
            if let Some(&(span, ())) = self
                .read_matches(rule, group, sentence, |_, _| Some(()))
                .first()
            {
                kinds.push((kind, span));
            }
        }
        kinds
    }

    /// What `read` makes of each match of list `group` in `sentence` that no cue governing
    /// rule `rule`'s words governs, with the match's span (the caller checks the rule's
    /// exceptions). `read` is given the text up to the sentence's end and the match's range
    /// in it.
    fn read_matches<T>(
        &mut self,
        rule: usize,
        group: usize,
        sentence: usize,
        read: impl Fn(&str, Range<usize>) -> Option<T>,
    ) -> Vec<((usize, usize), T)> {
        let found = self.matches_in(group, sentence);
        if found.is_empty() {
            return Vec::new();
        }
        let conditional = self.compiled.rules[rule].conditional;
        self.scope(sentence);
        let scope = &self.scopes[&sentence];
        let sentence_text = &self.text[..self.sentences[sentence].end];
        self.matches[found]
            .iter()
            .filter(|&&m| !scope.is_governed(&[m], conditional))
            .filter_map(|&m| read(sentence_text, m.0..m.1).map(|value| (m, value)))
            .collect()
    }
}
