//! The matching engine: runs compiled rules over one document and returns hits (rule,
//! sentence, matched spans). It knows nothing about scores or output formats.
//!
//! The text is folded once (lower case, ё as е, same byte offsets). A multi-pattern automaton
//! finds which term lists could match in which sentences ([`crate::prefilter`]); only those
//! are searched with the lists' regexes, and only sentences with matches get the per-sentence
//! work (words, cues, clause breaks).

use crate::candidates::{Candidates, ReadSentences};
use crate::exchange::{Exchange, is_question, join_answers};
use crate::fold::fold;
use crate::language::{ScriptVerdict, detect, letters_by_script};
use crate::rulefile::Status;
use crate::ruleset::{
    Condition, GroupId, LanguagePack, PackRules, RESOLVED_SENTENCES, Rule, RuleSet,
    SHORTFALL_SENTENCES_MAX, Script,
};
use crate::scope::SentenceScope;
use crate::term::Resume;
use crate::text::sentences;
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

mod readings;

/// Which rules run and how the language is chosen.
#[derive(Debug, Clone, Default)]
pub struct ScanOptions {
    /// Apply this language's rules to every sentence instead of detecting the language.
    pub forced_lang: Option<String>,
    /// Also run rules marked `status: experimental`.
    pub experimental: bool,
    /// Run only these rule ids or indicator ids (empty: all).
    pub only: Vec<String>,
    /// Never run these rule ids or indicator ids.
    pub disable: Vec<String>,
}

impl ScanOptions {
    fn selects(&self, rule: &Rule) -> bool {
        let named = |list: &[String]| list.iter().any(|n| *n == rule.id || *n == rule.indicator);
        (self.experimental || rule.status == Status::Stable)
            && (self.only.is_empty() || named(&self.only))
            && !named(&self.disable)
    }
}

/// One rule firing in one sentence.
#[derive(Debug, Clone)]
pub struct Hit<'r> {
    pub rule: &'r Rule,
    /// Index into `Scan::sentences`.
    pub sentence: usize,
    /// The sentence the hit ends in: `sentence`, or the one after it for a rule that reads
    /// on into the next sentence (`next_sentence`).
    pub last_sentence: usize,
    /// The matched terms, as document byte ranges, sorted.
    pub spans: Vec<(usize, usize)>,
}

impl Hit<'_> {
    /// From the first matched term to the end of the last one.
    pub fn span(&self) -> Range<usize> {
        let end = self
            .spans
            .iter()
            .map(|s| s.1)
            .max()
            .unwrap_or(self.spans[0].1);
        self.spans[0].0..end
    }
}

/// The result of matching one document.
#[derive(Debug, Clone)]
pub struct Scan<'r> {
    /// The text lower-cased by [`fold`] (same byte offsets), for later stages that match
    /// words too (the assessment), so the text is folded once.
    pub folded: String,
    pub sentences: Vec<Range<usize>>,
    /// The language whose rules read each sentence (None: not assessed); shared, since most
    /// sentences of a text have the same one.
    pub sentence_lang: Vec<Option<Arc<str>>>,
    /// What the rules' prefilters found out about each sentence they read (where its words
    /// start, whether it holds a digit), kept for the assessment, which reads the same
    /// sentences (and finds out the others' itself).
    pub read_sentences: ReadSentences,
    /// How many sentences were matched together ([`sentence_blocks`]); the assessment
    /// reads the text in the same blocks.
    pub sentences_per_block: usize,
    pub verdicts: Vec<ScriptVerdict>,
    pub hits: Vec<Hit<'r>>,
}

impl Scan<'_> {
    /// Bytes of text in sentences that some rule pack read.
    pub fn assessed_bytes(&self) -> usize {
        self.sentences
            .iter()
            .zip(&self.sentence_lang)
            .filter(|(_, l)| l.is_some())
            .map(|(r, _)| r.len())
            .sum()
    }
}

/// How many sentences are matched (and assessed) together; see [`scan`].
const SENTENCES_PER_BLOCK: usize = 2048;

/// The sentences `0..sentences` in blocks of `per_block`, in order.
pub fn sentence_blocks(
    sentences: usize,
    per_block: usize,
) -> impl ExactSizeIterator<Item = Range<usize>> + Clone {
    (0..sentences)
        .step_by(per_block.max(1))
        .map(move |start| start..start.saturating_add(per_block).min(sentences))
}

/// Matches `text` against the rules. Hits come sorted by sentence, then rule load order.
pub fn scan<'r>(rules: &'r RuleSet, text: &str, options: &ScanOptions) -> Scan<'r> {
    scan_in_blocks(rules, text, options, SENTENCES_PER_BLOCK)
}

pub(crate) fn scan_in_blocks<'r>(
    rules: &'r RuleSet,
    text: &str,
    options: &ScanOptions,
    block: usize,
) -> Scan<'r> {
    let mut sentence_ranges = sentences(text, &rules.abbreviations);
    let exchanges = join_answers(text, &mut sentence_ranges, &rules.answer_words);
    let folded = fold(text);
    let sentence_texts: Vec<&str> = sentence_ranges.iter().map(|r| &folded[r.clone()]).collect();

    let (verdicts, sentence_lang): (Vec<ScriptVerdict>, Vec<Option<Arc<str>>>) =
        match &options.forced_lang {
            Some(lang) => (
                Vec::new(),
                vec![Some(Arc::from(lang.as_str())); sentence_ranges.len()],
            ),
            None => {
                let verdicts = detect(&sentence_texts, &rules.packs);
                let by_script: BTreeMap<_, _> = verdicts
                    .iter()
                    .map(|v| (v.script, v.lang.as_deref().map(Arc::from)))
                    .collect();
                let letters: Vec<_> = sentence_texts
                    .iter()
                    .map(|s| letters_by_script(s))
                    .collect();
                let langs = assign_sentences(&letters, &by_script);
                // A script no language was found for only matters if some sentence was left
                // unread because of it (a lone "Telegram" in a Russian text does not).
                let verdicts = verdicts
                    .into_iter()
                    .filter(|v| {
                        v.lang.is_some()
                            || letters.iter().zip(&langs).any(|(counts, l)| {
                                l.is_none()
                                    && counts
                                        .iter()
                                        .any(|&(script, n)| script == v.script && n > 0)
                            })
                    })
                    .collect();
                (verdicts, langs)
            }
        };

    let mut hits = Vec::new();
    // What the prefilters find out about each sentence is kept for the assessment only for
    // a text of one block: a longer text's would grow with it (the assessment, which goes
    // block by block too, finds it again).
    let one_block = sentence_ranges.len() <= block;
    let mut read_sentences = if one_block {
        ReadSentences::new(sentence_ranges.len())
    } else {
        ReadSentences::NONE
    };
    for pack in rules.packs.values() {
        if !sentence_lang
            .iter()
            .any(|l| l.as_deref() == Some(pack.lang.as_str()))
        {
            continue;
        }
        let readable: Vec<bool> = sentence_lang
            .iter()
            .zip(&sentence_texts)
            .map(|(l, s)| l.as_deref() == Some(pack.lang.as_str()) && !is_question(s))
            .collect();
        // Matching is sentence by sentence, so a long text is matched in blocks of sentences:
        // the per-text caches (anchor candidates, matches, cue scopes) then stay small however
        // long the text is (a 200 MB line is one text).
        let mut block_hits = Vec::new();
        for Range { start, end } in sentence_blocks(sentence_ranges.len(), block) {
            if !readable[start..end].contains(&true) {
                continue;
            }
            // A rule may read on into the sentences after its match (`next_sentence`, up to
            // `within_sentences` of them, at most SHORTFALL_SENTENCES_MAX), or compare
            // figures a few sentences apart (`shortfall`), and then look for its
            // `resolved_later` terms after that, so a block is matched with the sentences
            // after it that such a hit can reach; hits that start there are the next block's.
            let reach =
                (end + 1 + SHORTFALL_SENTENCES_MAX + RESOLVED_SENTENCES).min(sentence_ranges.len());
            let candidates = PackScan::new(
                pack,
                &folded,
                &sentence_ranges[start..reach],
                &readable[start..reach],
                Exchanges {
                    all: &exchanges,
                    first_sentence: start,
                },
            )
            .run(options, &mut block_hits);
            if one_block {
                read_sentences.keep(start, &readable[start..end], candidates);
            }
            hits.extend(
                block_hits
                    .drain(..)
                    .filter(|hit| hit.sentence < end - start)
                    .map(|mut hit| {
                        hit.sentence += start;
                        hit.last_sentence += start;
                        hit
                    }),
            );
        }
    }
    // Of hits starting at the same place, one within its sentence before one that reads on
    // into the next, then the widest first: the first is the evidence shown, and it should
    // show the most of its own sentence.
    hits.sort_by_key(|h| {
        let span = h.span();
        (
            h.sentence,
            span.start,
            h.last_sentence,
            std::cmp::Reverse(span.end),
        )
    });
    Scan {
        folded,
        sentences: sentence_ranges,
        sentence_lang,
        read_sentences,
        sentences_per_block: block,
        verdicts,
        hits,
    }
}

/// Gives every sentence a language: that of the script with most letters in it among the
/// scripts whose language was recognised, so "Пишите в Telegram." stays Russian. Sentences
/// without letters (numbers, emoji) take the language of the sentence before them.
fn assign_sentences(
    letters: &[[(Script, usize); 2]],
    by_script: &BTreeMap<Script, Option<Arc<str>>>,
) -> Vec<Option<Arc<str>>> {
    let mut out = Vec::with_capacity(letters.len());
    let mut previous: Option<Arc<str>> = by_script.values().flatten().next().cloned();
    for counts in letters {
        let lang = if counts.iter().all(|(_, n)| *n == 0) {
            previous.clone()
        } else {
            counts
                .iter()
                .filter(|(_, n)| *n > 0)
                .filter_map(|(script, n)| Some((by_script.get(script)?.as_ref()?, *n)))
                .max_by_key(|(_, n)| *n)
                .map(|(lang, _)| lang.clone())
        };
        if lang.is_some() {
            previous = lang.clone();
        }
        out.push(lang);
    }
    out
}

/// The questions joined with answers that do not agree with them, for a block of sentences.
#[derive(Clone, Copy)]
struct Exchanges<'a> {
    /// Of the whole text, by sentence.
    all: &'a [Exchange],
    /// The block's first sentence (the block's sentences are numbered from it).
    first_sentence: usize,
}

impl Exchanges<'_> {
    /// Sentence `sentence` of the block, if it is a question joined with its answer.
    fn of(&self, sentence: usize) -> Option<&Exchange> {
        let sentence = sentence + self.first_sentence;
        self.all
            .binary_search_by_key(&sentence, |e| e.sentence)
            .ok()
            .map(|i| &self.all[i])
    }
}

/// Matching state for one language pack over one document.
struct PackScan<'a, 'r> {
    pack: &'r LanguagePack,
    /// The pack's rules, compiled (on first need: see [`LanguagePack::compiled`]).
    compiled: &'r PackRules,
    /// The folded document.
    text: &'a str,
    sentences: &'a [Range<usize>],
    /// Per term list, the sentences where its anchors occur, and there which terms; and
    /// where each sentence's words start.
    candidates: Candidates,
    /// Matches of (term list, sentence), once searched: a range of `matches`.
    group_matches: FxHashMap<(usize, usize), Range<u32>>,
    /// Every match found, as document byte ranges, list after list.
    matches: Vec<(usize, usize)>,
    scopes: FxHashMap<usize, SentenceScope>,
    exchanges: Exchanges<'a>,
}

impl<'a, 'r> PackScan<'a, 'r> {
    fn new(
        pack: &'r LanguagePack,
        text: &'a str,
        sentences: &'a [Range<usize>],
        readable: &'a [bool],
        exchanges: Exchanges<'a>,
    ) -> Self {
        let compiled = pack.compiled();
        PackScan {
            pack,
            compiled,
            text,
            sentences,
            candidates: compiled.prefilter.candidates(text, sentences, readable),
            group_matches: FxHashMap::default(),
            matches: Vec::new(),
            scopes: FxHashMap::default(),
            exchanges,
        }
    }

    /// Runs the selected rules; gives back the candidates, whose word starts (and digits)
    /// the assessment uses.
    fn run(mut self, options: &ScanOptions, hits: &mut Vec<Hit<'r>>) -> Candidates {
        for (index, rule) in self.compiled.rules.iter().enumerate() {
            if !options.selects(rule) {
                continue;
            }
            match &rule.condition {
                Condition::Any(group) => self.run_any(index, *group, hits),
                Condition::All { groups, within } => self.run_all(index, groups, *within, hits),
                Condition::Shortfall { groups, sentences } => {
                    self.run_shortfall(index, *groups, *sentences, hits)
                }
                Condition::Shift { groups, hours } => self.run_shift(index, *groups, *hours, hits),
                Condition::Contradicted { groups, sentences } => {
                    self.run_contradicted(index, groups, *sentences, hits)
                }
                Condition::Switched { groups, sentences } => {
                    self.run_switched(index, groups, *sentences, hits)
                }
            }
        }
        self.candidates
    }

    /// Matches of a term list in one sentence (a range of `self.matches`), searched on first
    /// use and cached (several rules share a list).
    fn matches_in(&mut self, group: usize, sentence: usize) -> Range<usize> {
        if let Some(found) = self.group_matches.get(&(group, sentence)) {
            return found.start as usize..found.end as usize;
        }
        let (compiled, text, range) = (self.compiled, self.text, self.sentences[sentence].clone());
        let sentence_text = &text[range.clone()];
        let start = self.matches.len();
        let matches = &mut self.matches;
        self.candidates.for_each_match(
            &compiled.groups[group],
            group,
            sentence,
            sentence_text,
            Resume::AfterStart,
            |s, e| matches.push((s + range.start, e + range.start)),
        );
        let end = self.matches.len();
        self.group_matches
            .insert((group, sentence), start as u32..end as u32);
        start..end
    }

    /// Sentences where every one of the lists has an anchor (the lists' candidate sentences
    /// are sorted, so this is a merge).
    fn common_candidates(&self, groups: &[usize]) -> Vec<u32> {
        let mut common = self.candidates.sentences(groups[0]).to_vec();
        for &g in &groups[1..] {
            let other = self.candidates.sentences(g);
            common.retain(|s| other.binary_search(s).is_ok());
        }
        common
    }

    fn scope(&mut self, sentence: usize) -> &SentenceScope {
        let (text, range, pack) = (self.text, self.sentences[sentence].clone(), self.pack);
        let compiled = self.compiled;
        let candidates = &self.candidates;
        // The cue lists are in the pack's prefilter: each is searched only if one of its
        // anchors is in the sentence, and then only for the terms whose anchors are.
        let find = |slot: usize, set: &crate::term::TermSet, s: &str| match compiled.cue_lists[slot]
        {
            Some(list) => candidates.find_all(set, list, sentence, s),
            None => set.find_all(s),
        };
        let exchange = self.exchanges.of(sentence).copied();
        self.scopes.entry(sentence).or_insert_with(|| {
            let scope = SentenceScope::with_finder(text, range, &pack.cues, find);
            match exchange {
                Some(exchange) => scope.answered(&exchange),
                None => scope,
            }
        })
    }

    /// True when the rule's `unless` list matches in the sentence; searched only where the
    /// prefilter found one of its anchors.
    fn excepted(&mut self, rule: usize, sentence: usize) -> bool {
        !self.exceptions(rule, sentence).is_empty()
    }

    /// How the rule's `unless` list excepts its readings in `sentence`: None when it excepts
    /// them all (it matches in a sentence of at most [`crate::scope::RUN_ON_WORDS`] words), else
    /// the exceptions that except only the readings near them ([`Self::reaches`]; none when
    /// the list does not match). A voice message typed without punctuation is one long
    /// sentence, and "мне ваш номер дали в посольстве" at its start must not except the
    /// passport taken at its end.
    fn local_exceptions(&mut self, rule: usize, sentence: usize) -> Option<Vec<(usize, usize)>> {
        let exceptions = self.exceptions(rule, sentence);
        if exceptions.is_empty() {
            return Some(exceptions);
        }
        self.scope(sentence).is_run_on().then_some(exceptions)
    }

    /// True when one of `exceptions` (of a long sentence) overlaps the reading `spans` or
    /// lies within [`EXCEPTION_REACH_WORDS`] words of it.
    fn reaches(
        &self,
        sentence: usize,
        exceptions: &[(usize, usize)],
        spans: &[(usize, usize)],
    ) -> bool {
        let scope = &self.scopes[&sentence];
        let first = spans[0].0;
        let last = spans.iter().map(|s| s.1).max().unwrap_or(spans[0].1);
        exceptions.iter().any(|&(start, end)| {
            let before =
                end <= first && scope.words_between(end, first, &[]) <= EXCEPTION_REACH_WORDS;
            let after =
                start >= last && scope.words_between(last, start, &[]) <= EXCEPTION_REACH_WORDS;
            before || after || (start < last && first < end)
        })
    }

    /// The matches of the rule's `unless` list in the sentence (document offsets), searched
    /// with the list's own prefilter (see [`crate::ruleset::PackRules::prefilter`]).
    fn exceptions(&mut self, rule: usize, sentence: usize) -> Vec<(usize, usize)> {
        let Some(unless) = self.compiled.rules[rule].unless.as_ref() else {
            return Vec::new();
        };
        let range = self.sentences[sentence].clone();
        // An exception only asked about, in a question the answer does not agree with,
        // excepts nothing ("Do you keep your passport? - No, the boss keeps it.").
        let asked_until = self
            .exchanges
            .of(sentence)
            .filter(|e| !e.agrees)
            .map_or(0, |e| e.answer_start);
        let mut found = unless.find_all_in(
            &self.text[range.clone()],
            self.candidates.word_starts(sentence),
        );
        found.retain(|&(_, end)| range.start + end > asked_until);
        for (start, end) in &mut found {
            *start += range.start;
            *end += range.start;
        }
        found
    }

    fn run_any(&mut self, index: usize, group: usize, hits: &mut Vec<Hit<'r>>) {
        let rule = &self.compiled.rules[index];
        for k in 0..self.candidates.sentences(group).len() {
            let sentence = self.candidates.sentences(group)[k] as usize;
            let found = self.matches_in(group, sentence);
            if found.is_empty() {
                continue;
            }
            let Some(exceptions) = self.local_exceptions(index, sentence) else {
                continue;
            };
            self.scope(sentence);
            let scope = &self.scopes[&sentence];
            if let Some(&m) = self.matches[found].iter().find(|&&m| {
                !scope.is_governed(&[m], rule.conditional)
                    && !self.reaches(sentence, &exceptions, &[m])
            }) {
                self.push_reading_on(index, sentence, vec![m], hits);
            }
        }
    }

    fn run_all(
        &mut self,
        index: usize,
        groups: &[usize],
        within: Option<usize>,
        hits: &mut Vec<Hit<'r>>,
    ) {
        let mut items: Vec<(usize, usize, usize)> = Vec::new();
        'sentences: for sentence in self.common_candidates(groups) {
            let sentence = sentence as usize;
            items.clear();
            for (gi, &g) in groups.iter().enumerate() {
                let found = self.matches_in(g, sentence);
                if found.is_empty() {
                    continue 'sentences;
                }
                items.extend(self.matches[found].iter().map(|&(s, e)| (s, e, gi)));
            }
            let Some(exceptions) = self.local_exceptions(index, sentence) else {
                continue;
            };
            items.sort_unstable();
            let rule = &self.compiled.rules[index];
            let scope = self.scope(sentence);
            if let Some(spans) =
                best_combination(&items, groups.len(), within, scope, rule.conditional)
            {
                if !self.reaches(sentence, &exceptions, &spans) {
                    self.push_reading_on(index, sentence, spans, hits);
                }
            }
        }
    }

    /// Records the hit of rule `index` in `sentence`. A rule with a `next_sentence` list
    /// needs one of its terms among the first [`OPENING_WORDS`] words of the next sentence,
    /// neither negated nor excepted there; without one there is no hit. Nor is there one
    /// when the rule's `resolved_later` terms follow the hit ([`Self::resolved_later`]).
    fn push_reading_on(
        &mut self,
        index: usize,
        sentence: usize,
        mut spans: Vec<(usize, usize)>,
        hits: &mut Vec<Hit<'r>>,
    ) {
        let rule = &self.compiled.rules[index];
        let Some(group) = rule.next_sentence else {
            if !self.resolved_later(index, sentence) {
                hits.push(Hit {
                    rule,
                    sentence,
                    last_sentence: sentence,
                    spans,
                });
            }
            return;
        };
        let last = (sentence + rule.within_sentences).min(self.sentences.len() - 1);
        for next in sentence + 1..=last {
            // A sentence the rule's `unless` excepts ("It turned out fine.") puts the
            // promise right: reading stops there.
            if self.excepted(index, next) {
                return;
            }
            if let Some(m) = self.opening_match(index, group, next) {
                spans.push(m);
                if !self.resolved_later(index, next) {
                    hits.push(Hit {
                        rule,
                        sentence,
                        last_sentence: next,
                        spans,
                    });
                }
                return;
            }
        }
    }

    /// The first match of `group` among the first [`OPENING_WORDS`] words of `sentence`
    /// that no cue governs (for rule `index`: conditional or not).
    fn opening_match(
        &mut self,
        index: usize,
        group: GroupId,
        sentence: usize,
    ) -> Option<(usize, usize)> {
        let found = self.matches_in(group, sentence);
        if found.is_empty() {
            return None;
        }
        let conditional = self.compiled.rules[index].conditional;
        let opening = self.sentences[sentence].start;
        self.scope(sentence);
        let scope = &self.scopes[&sentence];
        self.matches[found].iter().copied().find(|&m| {
            scope.words_between(opening, m.0, &[]) < OPENING_WORDS
                && !scope.is_governed(&[m], conditional)
        })
    }

    /// True when rule `index` has `resolved_later` terms and one of them, not governed by a
    /// cue ("she never gave it back" resolves nothing), stands in one of the
    /// [`RESOLVED_SENTENCES`] sentences after `last_sentence`.
    fn resolved_later(&mut self, index: usize, last_sentence: usize) -> bool {
        let Some(group) = self.compiled.rules[index].resolved_later else {
            return false;
        };
        let after =
            last_sentence + 1..(last_sentence + 1 + RESOLVED_SENTENCES).min(self.sentences.len());
        for later in after {
            let found = self.matches_in(group, later);
            if found.is_empty() {
                continue;
            }
            self.scope(later);
            let scope = &self.scopes[&later];
            if self.matches[found]
                .iter()
                .any(|&m| !scope.is_governed(&[m], false))
            {
                return true;
            }
        }
        false
    }
}

/// How far into the next sentence a `next_sentence` term may start: "In reality ...",
/// "When we got there it turned out ..." (the sixth word).
const OPENING_WORDS: usize = 6;

/// How far (in words) an exception reaches from a reading in run-on speech (a sentence of
/// more than [`crate::scope::RUN_ON_WORDS`] words, a voice message typed without
/// punctuation). Written sentences are shorter, and their exceptions reach the whole
/// sentence.
const EXCEPTION_REACH_WORDS: usize = 12;

/// Tries each item as the leftmost term and completes it with the nearest following match of
/// every other list; returns the first combination that is close enough and not governed by
/// a cue.
fn best_combination(
    items: &[(usize, usize, usize)],
    n_groups: usize,
    within: Option<usize>,
    scope: &SentenceScope,
    conditional: bool,
) -> Option<Vec<(usize, usize)>> {
    // Words a negation between the terms of a combination tried before denies ("pasport
    // nikto ne zabiral"): no later combination may use them ("zabiral ... patent").
    let mut denied: Vec<usize> = Vec::new();
    // Every match of the rule's lists, gathered when a denied word is first looked for.
    let mut own_words: Option<Vec<(usize, usize)>> = None;
    for (i, &anchor) in items.iter().enumerate() {
        if denied.contains(&anchor.0) {
            continue;
        }
        let mut chosen = vec![(anchor.0, anchor.1)];
        let mut used = vec![false; n_groups];
        used[anchor.2] = true;
        for &(s, e, g) in &items[i + 1..] {
            if !used[g] && !denied.contains(&s) && chosen.iter().all(|c| e <= c.0 || s >= c.1) {
                used[g] = true;
                chosen.push((s, e));
            }
        }
        if used.iter().any(|u| !u) {
            // Not a reason to stop: a list's only match may have been passed over because it
            // overlaps this anchor ("in the" of one list inside "in the ad promised" of
            // another), and a later anchor may leave room for it.
            continue;
        }
        chosen.sort_unstable();
        let last_end = chosen.iter().map(|c| c.1).max().unwrap_or(anchor.1);
        let too_far =
            within.is_some_and(|max| scope.words_between(chosen[0].0, last_end, &chosen) > max);
        if !too_far && !scope.is_governed(&chosen, conditional) {
            return Some(chosen);
        }
        // Rejected, as governed or as too far apart: a word a negation between the terms
        // denies is denied all the same ("паспорт ... никто его не забирал, патент ..."), so
        // it makes no finding with a later word either.
        let own = own_words.get_or_insert_with(|| items.iter().map(|&(s, e, _)| (s, e)).collect());
        denied.extend(scope.negated_term(&chosen, own, conditional));
    }
    None
}

/// Every English and Russian fixture text, one after another: a long text of hundreds of
/// sentences with hits of every kind, for tests that read a text in blocks.
#[cfg(test)]
pub(crate) fn all_fixtures() -> String {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut text = String::new();
    for lang in ["en", "ru"] {
        let mut files: Vec<_> = std::fs::read_dir(dir.join(lang))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        files.sort();
        for f in files {
            text.push_str(&std::fs::read_to_string(f).unwrap());
            text.push_str("\n\n");
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A word a negation denies between the terms of one combination ("pasport nikto ne
    /// zabiral") cannot make a finding with other words of the sentence ("zabiral ...
    /// patent"); a negation before the terms in another clause still leaves the finding
    /// ("no passport, which was seized").
    #[test]
    fn a_denied_word_is_not_reused_in_another_combination() {
        let rules = RuleSet::builtin().unwrap();
        let indicators = |text: &str| -> Vec<String> {
            scan(&rules, text, &ScanOptions::default())
                .hits
                .iter()
                .map(|h| h.rule.indicator.clone())
                .collect()
        };
        let denied =
            "dobryi den, pasport nikto ne zabiral, on u menya, patent est, rabotayu ofitsialno";
        assert!(
            !indicators(denied).contains(&"retention-of-identity-documents".to_string()),
            "{:?}",
            indicators(denied)
        );
        // Also when the two words are too far apart to make a finding together.
        let far =
            "Всё официально: паспорт всегда у меня, никто его не забирал, патент оплачиваю сам.";
        assert!(
            !indicators(far).contains(&"retention-of-identity-documents".to_string()),
            "{:?}",
            indicators(far)
        );
        // A negation that is the rule's own word ("nothing was left of") denies nothing.
        let own = "After the boss took his share, nothing was left of my salary.";
        assert!(indicators(own).contains(&"withholding-of-wages".to_string()));
        let taken = "dobryi den, brigadir zabral pasport, patent tozhe u nego, rabotayu bez deneg";
        assert!(indicators(taken).contains(&"retention-of-identity-documents".to_string()));
        let seized = "She had no passport, which was seized by her boss.";
        assert!(indicators(seized).contains(&"retention-of-identity-documents".to_string()));
    }

    /// A list whose only match overlaps the leftmost match of another list still counts:
    /// "in the" (list 2) lies inside "in the ad promised" (list 1), and "jobs" is list 2's
    /// other match.
    #[test]
    fn a_combination_is_found_past_an_overlapping_leftmost_match() {
        let rules = RuleSet::builtin().unwrap();
        let text = "in the ad promised jobs but";
        let scope = SentenceScope::new(text, 0..text.len(), &rules.packs["en"].cues);
        // (start, end, list), by start: list 2's "in the", list 1's "in the ad promised",
        // list 2's "jobs", list 3's "but".
        let items = [(0, 6, 1), (0, 18, 0), (19, 23, 1), (24, 27, 2)];
        assert_eq!(
            best_combination(&items, 3, Some(20), &scope, false),
            Some(vec![(0, 18), (19, 23), (24, 27)])
        );
    }

    /// A list's match that reaches into another list's words ("on friday" and "phone only
    /// on") does not hide the list's later match ("friday night"): rules' lists report a
    /// match at every word where one starts.
    #[test]
    fn a_list_match_overlapping_another_list_does_not_hide_its_later_match() {
        let (_dir, rules) = english_user_rules(
            "overlap.yaml",
            r#"rules:
  - id: user-phone-rationed
    indicator: isolation
    description: Phone use allowed only now and then.
    match:
      all:
        - ["phone only on"]
        - ["on friday", "friday night"]
      within: 4
    examples:
      match: ["Phone only on Friday night."]
"#,
        );
        let hits = scan(
            &rules,
            "Phone only on Friday night.",
            &only("user-phone-rationed"),
        )
        .hits;
        assert_eq!(hits.len(), 1);
    }

    /// An exception excepts the whole of a written sentence, but in run-on speech only the
    /// readings near it, for `any` and `all` rules alike.
    #[test]
    fn in_run_on_speech_an_exception_reaches_only_nearby_readings() {
        let (_dir, rules) = english_user_rules(
            "near.yaml",
            r#"rules:
  - id: user-any
    indicator: retention-of-identity-documents
    description: A passport taken.
    match:
      any: ["took my passport"]
    unless: ["embassy"]
    examples:
      match: ["They took my passport."]
      no_match: ["At the embassy they took my passport photo."]
  - id: user-all
    indicator: withholding-of-wages
    description: No pay.
    match:
      all:
        - ["no pay"]
        - ["months"]
      within: 4
    unless: ["embassy"]
    examples:
      match: ["Three months and no pay."]
      no_match: ["The embassy says three months and no pay is common."]
"#,
        );
        let hit_rules = |text: &str| -> Vec<&str> {
            let mut ids: Vec<&str> = scan_in_blocks(&rules, text, &ScanOptions::default(), 2048)
                .hits
                .iter()
                .map(|h| h.rule.id.as_str())
                .filter(|id| id.starts_with("user-"))
                .collect();
            ids.sort_unstable();
            ids
        };
        let filler = "and we worked on the farm every day ".repeat(5);
        let far = format!(
            "the embassy gave me your number {filler}they took my passport three months no pay"
        );
        assert_eq!(hit_rules(&far), ["user-all", "user-any"], "{far}");
        let near = format!(
            "{filler}the embassy gave me your number they took my passport three months no pay"
        );
        assert_eq!(hit_rules(&near), Vec::<&str>::new(), "{near}");
        let written =
            "The embassy gave me your number, they took my passport, three months no pay.";
        assert_eq!(hit_rules(written), Vec::<&str>::new());
    }

    /// A hit is dropped when one of the two sentences after it says it was put right, not
    /// when that is denied or comes later; a hit read on into the next sentence looks after
    /// that one; and cutting the text into blocks changes nothing.
    #[test]
    fn a_hit_put_right_in_the_next_sentences_is_dropped() {
        let (_dir, rules) = english_user_rules(
            "back.yaml",
            r#"rules:
  - id: user-taken
    indicator: retention-of-identity-documents
    description: A passport taken.
    match:
      any: ["took my passport"]
    resolved_later: ["gave it back"]
    examples:
      match: ["They took my passport."]
      no_match: ["They took my passport. They gave it back."]
"#,
        );
        let sentences_hit = |text: &str, block: usize| -> Vec<usize> {
            scan_in_blocks(&rules, text, &only("user-taken"), block)
                .hits
                .iter()
                .map(|h| h.sentence)
                .collect()
        };
        let cases = [
            (
                "They took my passport. It rained. They gave it back.",
                vec![],
            ),
            ("They took my passport. They gave it back.", vec![]),
            ("They took my passport. They never gave it back.", vec![0]),
            (
                "They took my passport. It rained. We left. They gave it back.",
                vec![0],
            ),
            (
                "We came. They took my passport. So it goes. We wait. Rain. They took my passport. Sun. They gave it back.",
                vec![1],
            ),
        ];
        for (text, expected) in cases {
            for block in [1, 2, 2048] {
                assert_eq!(
                    sentences_hit(text, block),
                    expected,
                    "{text} (blocks of {block})"
                );
            }
        }
    }

    /// In a transcript a question and its answer are one sentence: a rule joins what the
    /// question asks about with what the answer says; what only the question says counts
    /// when the answer agrees, and neither it nor an exception found only in it otherwise.
    #[test]
    fn a_question_counts_with_its_answer() {
        let (_dir, rules) = english_user_rules(
            "asked.yaml",
            r#"rules:
  - id: user-kept
    indicator: retention-of-identity-documents
    description: A passport kept.
    match:
      all:
        - [passport]
        - [keeps, take, took]
      within: 6
    unless: ["you keep"]
    examples:
      match: ["The boss keeps my passport."]
      no_match: ["You keep your passport."]
"#,
        );
        fn found<'t>(rules: &RuleSet, text: &'t str) -> Vec<&'t str> {
            let scan = scan(rules, text, &only("user-kept"));
            scan.hits
                .iter()
                .map(|h| &text[scan.sentences[h.sentence].clone()])
                .collect()
        }
        let found = |text| found(&rules, text);
        let answered = "Q: Do you have your passport now? - No, the manager keeps it.";
        assert_eq!(found(answered), [answered]);
        let on_lines = "Operator: Where is your passport?\nCaller: Captain keeps all.";
        assert_eq!(found(on_lines), [on_lines]);
        let agreed = "Q: Did the boss take your passport? A: Yes, on the first day.";
        assert_eq!(found(agreed), [agreed]);
        // The answer's label is no word between the terms: six words apart, not seven.
        let labelled = "Operator: And your passport?\nCaller: The big boss of the farm keeps it.";
        assert_eq!(found(labelled), [labelled]);
        let too_far =
            "Operator: And your passport?\nCaller: The big boss of the old farm keeps it.";
        assert_eq!(found(too_far), Vec::<&str>::new());
        // Only asked about: the answer denies it, or says something else.
        for text in [
            "Q: Did the boss take your passport? A: No, I have it.",
            "— Did the boss take your passport?\n— Never.",
            "Did the boss take your passport? I do not know.",
            "Did the boss take your passport?",
        ] {
            assert_eq!(found(text), Vec::<&str>::new(), "{text}");
        }
        // "you keep" is only asked about: it excepts nothing the answer says.
        let asked_exception = "Q: Do you keep your passport? - No, the manager keeps it.";
        assert_eq!(found(asked_exception), [asked_exception]);
        let told_exception = "Q: Where is the passport? - You keep it, the manager keeps a copy.";
        assert_eq!(found(told_exception), Vec::<&str>::new());
    }

    /// Each hit of rule `id` in `text`: its first and last sentence, and the text of its
    /// second span (what a two-part reading shows of the later sentence).
    fn sentences_and_second_span(
        rules: &RuleSet,
        id: &str,
        text: &str,
    ) -> Vec<(usize, usize, String)> {
        scan(rules, text, &only(id))
            .hits
            .iter()
            .map(|h| {
                let shown = &text[h.spans[1].0..h.spans[1].1];
                (h.sentence, h.last_sentence, shown.to_string())
            })
            .collect()
    }

    /// A user's `switched` rule with three kinds of work.
    fn rules_with_switched() -> (tempfile::TempDir, RuleSet) {
        english_user_rules(
            "switched.yaml",
            r#"rules:
  - id: user-switched
    indicator: deception
    description: Promised one kind of work, another told later.
    match:
      switched:
        promise: ["said|promised"]
        reality: [now, "they put us|her"]
        roles: [[nanny, "look after the children"], [cleans, cleaning], [hotel, waitress]]
        sentences: 2
    unless: [also]
    examples:
      match: ["They said a job as a nanny. Now she cleans offices."]
"#,
        )
    }

    /// A `switched` rule: a kind of work the promise named, and a later sentence with what
    /// came instead naming only other kinds; not the same kind, not without the reality
    /// words, not a kind that is denied, not too far, not before the promise.
    #[test]
    fn a_promised_kind_of_work_and_another_told_later() {
        let (_dir, rules) = rules_with_switched();
        let found = |text: &str| sentences_and_second_span(&rules, "user-switched", text);
        assert_eq!(
            found("They said a job as a nanny. It rained. Now she cleans three flats."),
            [(0, 2, "cleans".to_string())]
        );
        // A kind denied in the later sentence is not one it tells of.
        assert_eq!(
            found("They promised hotel work. Now she is not a waitress, she cleans rooms."),
            [(0, 1, "cleans".to_string())]
        );
        for text in [
            // The promised kind told again, with another beside it.
            "They said a job in a hotel. Now she cleans the hotel.",
            // No word of what came instead.
            "They said a job as a nanny. She cleans on Sundays for a friend.",
            // The promise named no kind of work; the later sentence no kind either.
            "They said good pay. Now she cleans offices.",
            "They said a job as a nanny. Now she is tired.",
            // Too far, before the promise, or excepted.
            "They said a job as a nanny. One. Two. Now she cleans offices.",
            "Now she cleans offices. They said a job as a nanny.",
            "They said a job as a nanny. Now she also cleans the kitchen.",
        ] {
            assert_eq!(found(text), Vec::<(usize, usize, String)>::new(), "{text}");
        }
    }

    /// A user's `contradicted` rule, with denials before and after the word they deny.
    fn rules_with_contradicted() -> (tempfile::TempDir, RuleSet) {
        english_user_rules(
            "denied.yaml",
            r#"rules:
  - id: user-denied
    indicator: deception
    description: A promise denied.
    match:
      contradicted:
        promise: ["promised|said"]
        denial: ["not", "no"]
        denial_after: ["was|were never issued", "never came"]
        sentences: 2
    unless: ["as promised"]
    examples:
      match: ["They said a hotel job. It is not a hotel.", "They promised a permit. The permit never came."]
      no_match: ["They said a hotel job. It is not far.", "They promised a permit. The visa never came."]
"#,
        )
    }

    /// A `contradicted` rule: a word the promise named, denied in the same sentence after it
    /// or a few sentences later; not a word it did not name, not too far, not under "if",
    /// not before the promise.
    #[test]
    fn a_promise_denied_by_name_a_few_sentences_later() {
        let (_dir, rules) = rules_with_contradicted();
        let found = |text: &str| -> Vec<(usize, usize)> {
            scan(&rules, text, &only("user-denied"))
                .hits
                .iter()
                .map(|h| (h.sentence, h.last_sentence))
                .collect()
        };
        assert_eq!(
            found("They said a job in a hotel. It rained. This is not a hotel."),
            [(0, 2)]
        );
        assert_eq!(
            found("They promised cooking work, but it is not cooking at all."),
            [(0, 0)]
        );
        // The other form of the word is the same word.
        assert_eq!(
            found("They said a hotel. We saw no hotels there."),
            [(0, 1)]
        );
        for text in [
            "They said a job in a hotel. The work is not hard.",
            "They said a job in a hotel. One. Two. It is not a hotel.",
            "They said a job in a hotel. If it is not a hotel, I leave.",
            "It is not a hotel. Then they said a job in a hotel.",
            // The rule's exception, in the sentence of the denial.
            "They said a room in a hotel. As promised, no hotel staff ever bother us.",
        ] {
            assert_eq!(found(text), Vec::<(usize, usize)>::new(), "{text}");
        }
    }

    #[test]
    fn a_denial_after_what_it_denies_contradicts_a_promise() {
        let (_dir, rules) = rules_with_contradicted();
        let found = |text: &str| sentences_and_second_span(&rules, "user-denied", text);
        // The finding shows the denied word with the denial after it.
        assert_eq!(
            found("He promised us a patent. We paid him. The patents were never issued."),
            [(0, 2, "patents were never issued".to_string())]
        );
        // The denial before its word still works beside it.
        assert_eq!(
            found("They said a hotel. It is not a hotel."),
            [(0, 1, "not a hotel".to_string())]
        );
        for text in [
            // Another thing denied, or the word too far before the denial.
            "He promised us a patent. The visa never came.",
            "He promised us a patent. The patent, the visa and the room never came.",
            // The denial stands before the promise.
            "The patent never came. He promised us a patent.",
        ] {
            assert_eq!(found(text), Vec::<(usize, usize, String)>::new(), "{text}");
        }
    }

    /// A user's rule with `next_sentence`, loaded from a folder of its own.
    fn rules_with_next_sentence() -> (tempfile::TempDir, RuleSet) {
        let (dir, rules) = english_user_rules(
            "then.yaml",
            r#"rules:
  - id: user-promise-then-reality
    indicator: deception
    description: A promise, and the next sentence says what it really was.
    match:
      all:
        - [promised]
        - [hotel]
      next_sentence: ["in reality", "turned out"]
    unless: ["turned out fine"]
    examples:
      match: ["They promised a hotel. In reality it was a farm."]
      no_match: ["They promised a hotel. It turned out fine."]
"#,
        );
        (dir, rules)
    }

    /// The built-in rules and one English rule file of the user's (`file` in a temporary
    /// rules folder, kept while the folder lives).
    fn english_user_rules(file: &str, yaml: &str) -> (tempfile::TempDir, RuleSet) {
        let dir = tempfile::TempDir::new().unwrap();
        std::fs::create_dir_all(dir.path().join("en")).unwrap();
        std::fs::write(dir.path().join("en").join(file), yaml).unwrap();
        let rules = RuleSet::load(Some(dir.path())).unwrap();
        (dir, rules)
    }

    fn only(id: &str) -> ScanOptions {
        ScanOptions {
            only: vec![id.to_string()],
            ..ScanOptions::default()
        }
    }

    /// A user's rule with a `shortfall` condition (the built-in English figure words).
    fn rules_with_shortfall() -> (tempfile::TempDir, RuleSet) {
        let (dir, rules) = english_user_rules(
            "short.yaml",
            r#"rules:
  - id: user-paid-short
    indicator: withholding-of-wages
    description: Paid far less than promised.
    match:
      shortfall:
        actual: ["get #"]
        expected: ["promised #"]
    unless: ["tax"]
    examples:
      match: ["They promised 800 a month. I get 300."]
      no_match: ["They promised 800 a month. I get 800."]
"#,
        );
        (dir, rules)
    }

    /// The two figures may stand in one sentence or up to three apart, either first; the hit
    /// spans the sentences from the first to the last and marks both figures.
    #[test]
    fn a_shortfall_compares_figures_a_few_sentences_apart() {
        let (_dir, rules) = rules_with_shortfall();
        let hits = |text: &str| -> Vec<(usize, usize, Vec<String>)> {
            let scan = scan(&rules, text, &ScanOptions::default());
            scan.hits
                .iter()
                .filter(|h| h.rule.id == "user-paid-short")
                .map(|h| {
                    let spans = h
                        .spans
                        .iter()
                        .map(|&(s, e)| text[s..e].to_string())
                        .collect();
                    (h.sentence, h.last_sentence, spans)
                })
                .collect()
        };
        let promised_then_paid = "They promised 800 a month. We cleaned. We cooked. Now I get 300.";
        assert_eq!(
            hits(promised_then_paid),
            vec![(
                0,
                3,
                vec!["promised 800".to_string(), "get 300".to_string()]
            )]
        );
        assert_eq!(
            hits("I get 300 a month. They promised 800.").len(),
            1,
            "paid first"
        );
        assert_eq!(
            hits("They promised 800, and I get 300.").len(),
            1,
            "one sentence"
        );
        let too_far = "They promised 800. One. Two. Three. Now I get 300.";
        assert!(hits(too_far).is_empty(), "four sentences apart");
        assert!(
            hits("They promised 800. I get 700.").is_empty(),
            "less than a quarter short"
        );
        assert!(
            hits("They promised 800. I get 2 days off.").is_empty(),
            "a count, not a sum"
        );
        assert!(
            hits("They promised 800. I never get 300.").is_empty(),
            "negated"
        );
        assert!(
            hits("They promised 800. I get 300 after tax.").is_empty(),
            "excepted"
        );
    }

    /// A working day read from its two times: each end is paired with the nearest start
    /// before it, and only a day of the rule's hours or more is a hit; a negated or
    /// excepted time is none.
    #[test]
    fn a_shift_pairs_each_end_with_the_start_before_it() {
        let (_dir, rules) = english_user_rules(
            "shift.yaml",
            r#"rules:
  - id: user-long-day
    indicator: excessive-overtime
    description: A long working day by the clock.
    match:
      shift:
        start: ["from *"]
        end: ["to|until *"]
        hours: 13
    unless: ["open"]
    examples:
      match: ["We work from 6 am to 10 pm."]
      no_match: ["We work from 8 to 5."]
"#,
        );
        let hits = |text: &str| -> Vec<Vec<String>> {
            let scan = scan(&rules, text, &only("user-long-day"));
            scan.hits
                .iter()
                .map(|h| {
                    h.spans
                        .iter()
                        .map(|&(s, e)| text[s..e].to_string())
                        .collect()
                })
                .collect()
        };
        assert_eq!(
            hits("We worked from seven in the morning until eleven at night."),
            vec![vec![
                "from seven in the morning".to_string(),
                "until eleven at night".to_string()
            ]]
        );
        assert!(
            hits("We work from 8 to 8 on the farm.").is_empty(),
            "twelve hours, under this rule's thirteen"
        );
        assert!(
            hits("We work from 8 to 12 and then from 6 pm to 11 at night.").is_empty(),
            "two short stretches, not a day from 8 to 11 at night"
        );
        assert_eq!(
            hits("We work from 8 to 12 and then until 11 at night.").len(),
            1
        );
        assert!(
            hits("We never work from 6 am to 10 pm.").is_empty(),
            "negated"
        );
        assert!(
            hits("The shop is open from 6 am to 10 pm.").is_empty(),
            "excepted"
        );
        assert!(
            hits("The group grew from 2 to 20 people in a year.").is_empty(),
            "counts, not times"
        );
    }

    /// A long text is matched in blocks of sentences: a shortfall whose figures stand on both
    /// sides of a block's end is found once, as in one block.
    #[test]
    fn a_shortfall_reaches_across_a_block_boundary() {
        let (_dir, rules) = rules_with_shortfall();
        let text = "We came in May. They promised 800 a month. We cleaned. I get 300. We left.";
        let found = |block: usize| -> Vec<(usize, usize)> {
            scan_in_blocks(&rules, text, &ScanOptions::default(), block)
                .hits
                .iter()
                .filter(|h| h.rule.id == "user-paid-short")
                .map(|h| (h.sentence, h.last_sentence))
                .collect()
        };
        assert_eq!(found(2048), vec![(1, 3)]);
        assert_eq!(found(2), vec![(1, 3)]);
        assert_eq!(found(1), vec![(1, 3)]);
    }

    /// A `next_sentence` rule needs its term near the start of the very next sentence, not
    /// negated and not excepted there; its hit spans both sentences.
    #[test]
    fn a_rule_reads_on_into_the_opening_of_the_next_sentence() {
        let (_dir, rules) = rules_with_next_sentence();
        let options = only("user-promise-then-reality");
        // (first sentence, last sentence, spans) of each hit.
        type Found = (usize, usize, Vec<(usize, usize)>);
        let hits = |text: &str| -> Vec<Found> {
            scan(&rules, text, &options)
                .hits
                .iter()
                .map(|h| (h.sentence, h.last_sentence, h.spans.clone()))
                .collect()
        };
        let text = "We came in May. They promised a hotel. In reality it was a farm.";
        let at = |word: &str| {
            let start = text.find(word).unwrap();
            (start, start + word.len())
        };
        assert_eq!(
            hits(text),
            vec![(1, 2, vec![at("promised"), at("hotel"), at("In reality")])]
        );
        for missed in [
            // The promise alone, or a contradiction that does not follow it directly.
            "They promised a hotel.",
            "They promised a hotel. We flew on Monday. In reality it was a farm.",
            // Too far into the next sentence (the seventh word).
            "They promised a hotel. We sat on the bus and in reality it was a farm.",
            // Negated, or excepted by the rule's `unless` there.
            "They promised a hotel. It never turned out to be anything else.",
            "They promised a hotel. It turned out fine.",
            // Nothing was promised.
            "They never promised a hotel. In reality it was a farm.",
        ] {
            assert_eq!(hits(missed), vec![], "{missed}");
        }
    }

    /// With `within_sentences`, the `next_sentence` term may open any of that many
    /// sentences after the match (the first that does makes the hit), and no further, nor
    /// past a sentence the rule's `unless` excepts; the hit spans them all, and is the same
    /// however the text is cut into blocks.
    #[test]
    fn a_rule_reads_on_as_many_sentences_as_it_says() {
        let (_dir, rules) = english_user_rules(
            "then.yaml",
            r#"rules:
  - id: user-promise-then-reality
    indicator: deception
    description: A promise, and one of the next three sentences says what it really was.
    match:
      all:
        - [promised]
        - [hotel]
      next_sentence: ["in reality", "turned out"]
      within_sentences: 3
    unless: ["turned out fine"]
    examples:
      match: ["They promised a hotel. We flew on Monday. In reality it was a farm."]
      no_match: ["They promised a hotel. We flew. We landed. It rained. In reality it was a farm."]
"#,
        );
        let options = only("user-promise-then-reality");
        let found = |text: &str, block: usize| -> Vec<(usize, usize)> {
            scan_in_blocks(&rules, text, &options, block)
                .hits
                .iter()
                .map(|h| (h.sentence, h.last_sentence))
                .collect()
        };
        let three_on = "They promised a hotel. We flew. We landed. In reality it was a farm.";
        let four_on =
            "They promised a hotel. We flew. We landed. It rained. In reality it was a farm.";
        let first_of_two = "They promised a hotel. Turned out a bar. In reality it was a farm.";
        // Put right in a sentence before: reading stops there.
        let past_an_exception = "They promised a hotel. It turned out fine. In reality I loved it.";
        for block in [usize::MAX, 1, 2, 3] {
            assert_eq!(found(three_on, block), vec![(0, 3)], "block of {block}");
            assert_eq!(found(four_on, block), vec![], "block of {block}");
            assert_eq!(found(first_of_two, block), vec![(0, 1)], "block of {block}");
            assert_eq!(found(past_an_exception, block), vec![], "block of {block}");
        }
    }

    /// A hit that reads on into the next block's first sentence is found as if the text
    /// were matched at once, and only once.
    #[test]
    fn a_rule_reads_on_across_a_block_boundary() {
        let (_dir, rules) = rules_with_next_sentence();
        let options = only("user-promise-then-reality");
        let text = "They promised a hotel. In reality it was a farm. They promised a hotel. \
                    Turned out a farm. We left.";
        let key = |scan: &Scan<'_>| -> Vec<(usize, usize)> {
            scan.hits
                .iter()
                .map(|h| (h.sentence, h.last_sentence))
                .collect()
        };
        let whole = scan_in_blocks(&rules, text, &options, usize::MAX);
        assert_eq!(key(&whole), vec![(0, 1), (2, 3)]);
        for block in [1, 2, 3] {
            let blocks = scan_in_blocks(&rules, text, &options, block);
            assert_eq!(key(&whole), key(&blocks), "block of {block} sentences");
        }
    }

    /// Hits that start at the same place come widest first, a hit within its sentence before
    /// one reading on into the next: the first is the evidence a report shows.
    #[test]
    fn of_hits_starting_together_the_widest_comes_first() {
        let rules = RuleSet::builtin().unwrap();
        let text = "Passports are kept by the company coordinator for safety. \
                    We were not allowed to leave the compound.";
        let scan = scan(&rules, text, &ScanOptions::default());
        let mut together = 0;
        for pair in scan.hits.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            if (a.sentence, a.span().start) != (b.sentence, b.span().start) {
                continue;
            }
            together += 1;
            assert!(
                (a.last_sentence, std::cmp::Reverse(a.span().end))
                    <= (b.last_sentence, std::cmp::Reverse(b.span().end)),
                "{} ({:?}) before {} ({:?})",
                a.rule.id,
                a.span(),
                b.rule.id,
                b.span()
            );
        }
        assert!(
            together >= 2,
            "only {together} pairs of hits start together"
        );
    }

    /// Matching in blocks of sentences gives exactly the hits of matching the whole text at
    /// once: every rule, negation and cue scope is decided within one sentence.
    #[test]
    fn blocks_of_sentences_change_nothing() {
        let rules = RuleSet::builtin().unwrap();
        let text = crate::matcher::all_fixtures();
        let options = ScanOptions::default();
        let key = |scan: &Scan<'_>| -> Vec<String> {
            scan.hits
                .iter()
                .map(|h| format!("{} {} {:?}", h.rule.id, h.sentence, h.spans))
                .collect()
        };
        let whole = scan_in_blocks(&rules, &text, &options, usize::MAX);
        assert!(
            whole.sentences.len() > 300 && whole.hits.len() > 100,
            "{} sentences, {} hits",
            whole.sentences.len(),
            whole.hits.len()
        );
        for block in [1, 7, 64] {
            let blocks = scan_in_blocks(&rules, &text, &options, block);
            assert_eq!(key(&whole), key(&blocks), "block of {block} sentences");
        }
    }
}
