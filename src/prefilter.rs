//! Finds, in one pass over each sentence, which term lists of a language pack could match in
//! which sentences, and there which of their terms. Only those (list, sentence, terms) are
//! then searched, so the cost of a document grows with what it mentions, not with the number
//! of rules, and term programs whose anchors never occur are never built.
//!
//! Most anchors are the start of a word in every match ("passport" of "passport*"): those are
//! looked for only where a word starts, with one short anchored walk of an automaton per
//! word, which costs far less than running an automaton of thousands of words over every
//! byte. The few others ("n't" of "*n't") are searched over the sentence, and only in
//! sentences holding a rare byte they all contain. Terms and raw regexes that need a digit
//! are candidates wherever a digit is.
//!
//! An anchor found is not always enough. One that is a whole alternative of its word ("in"
//! of "in debt") counts only where a word ends right after it. And a term is a candidate
//! only where, besides its anchor, its longest other word begins a word too ("took|kept" of
//! "took|kept * passport*"): those words are looked for in the same walk. Most sentences
//! that hold one word of a term lack another, so most terms are left out before any search.
//! Neither check can leave out a match (tested against every built-in term on the fixtures,
//! `term_program::tests`).

use crate::anchor_trie::AnchorTrie;
use crate::candidates::{Candidates, ReadSentences};
use crate::term::{TermSet, is_word_char, word_prefixes};
use crate::term_chars::{contains_digit, push_word_starts};
use aho_corasick::{AhoCorasick, MatchKind};
use rustc_hash::FxHashMap;
use std::ops::Range;

/// The anchors of every term list of one pack, compiled into two automata.
#[derive(Debug, Clone)]
pub struct Prefilter {
    /// Anchors found at the start of a word in every match, walked from each word start.
    at_word_starts: AnchorTrie,
    /// Anchors that may stand anywhere, searched over the whole sentence.
    anywhere: Option<AhoCorasick>,
    /// Up to three rare bytes one of which every `anywhere` anchor contains: a sentence
    /// without any of them is not searched with the automaton (a byte scan costs a
    /// fraction of it). None when the anchors share no such bytes.
    gate: Option<Vec<u8>>,
    /// Per anchor (of `at_word_starts`, and of `anywhere`): the owners it is an anchor of.
    word_start_owners: OwnerLists,
    /// Per anchor of `at_word_starts`: the owners it is an anchor of only where a word ends
    /// right after it ([`crate::term::ChosenAnchors::ends_word`]): "in" of the term "in
    /// debt" is no anchor of it in "information".
    word_end_owners: OwnerLists,
    /// Per anchor of `at_word_starts`: the required words ([`Prefilter::requirements`]) a
    /// word beginning with it is one of. `at_word_starts` also holds the literals of
    /// required words that are no anchor.
    word_keys: OwnerLists,
    /// Per owner: the required word it needs besides its anchor (another word of a term,
    /// [`crate::term::ChosenAnchors::required`]), numbered, or [`NO_REQUIREMENT`]; an
    /// owner whose anchor occurs in a sentence is a candidate there only if that word
    /// does too. Most sentences that hold one word of a term lack another ("in" of "in
    /// debt", "do" of "you do not need"), and leaving those terms out saves their search.
    requirements: Vec<u32>,
    /// How many required words there are.
    keys: usize,
    anywhere_owners: OwnerLists,
    /// Terms with no fixed word but a number ("#"), terms with a number whose anchors may
    /// stand within a word, and raw regexes whose matches may hold a digit instead of a
    /// literal: possible wherever a digit is.
    numbers: Vec<u32>,
    /// Every (term list, term) pair that some anchor leads to, sorted; an owner is its index
    /// here, so owners in ascending order are pairs in (list, term) order. A raw regex's
    /// anchors name the list with [`WHOLE_LIST`].
    owners: Vec<(u32, u32)>,
    /// Term lists searched in every sentence, with all their terms: raw regexes without
    /// anchors and lists holding a term with neither a fixed word nor a number.
    always: Vec<usize>,
    lists: usize,
}

/// Lists of owners, one per anchor, stored flat: anchor `a`'s are
/// `ids[offsets[a]..offsets[a + 1]]`.
#[derive(Debug, Clone, Default)]
struct OwnerLists {
    offsets: Vec<u32>,
    ids: Vec<u32>,
}

impl OwnerLists {
    fn new(lists: impl IntoIterator<Item = Vec<u32>>) -> Self {
        let mut flat = OwnerLists {
            offsets: vec![0],
            ids: Vec::new(),
        };
        for list in lists {
            flat.ids.extend(list);
            flat.offsets.push(flat.ids.len() as u32);
        }
        flat
    }

    #[inline]
    fn of(&self, anchor: usize) -> &[u32] {
        &self.ids[self.offsets[anchor] as usize..self.offsets[anchor + 1] as usize]
    }
}

/// The owners whose anchors occur in a sentence, as a set of bits (owner `o` at bit
/// `o % 64` of word `o / 64`): owners found twice cost nothing more, and reading the set
/// gives them in order, where sorting a list of them cost more than finding them.
#[derive(Debug, Default)]
struct OwnerSet {
    bits: Vec<u64>,
    /// The words in use (the set may have room for more, kept from a larger prefilter).
    words: usize,
    /// The required words found in the sentence, as bits, and as a list to clear them.
    keys: Vec<u64>,
    keys_found: Vec<u32>,
}

impl OwnerSet {
    fn for_owners(owners: usize, keys: usize) -> Self {
        let mut set = OwnerSet::default();
        set.make_room(owners, keys);
        set
    }

    /// Makes room for owners below `owners` and required words below `keys` (the set must
    /// be empty).
    fn make_room(&mut self, owners: usize, keys: usize) {
        self.words = owners.div_ceil(64);
        if self.bits.len() < self.words {
            self.bits.resize(self.words, 0);
        }
        if self.keys.len() < keys.div_ceil(64) {
            self.keys.resize(keys.div_ceil(64), 0);
        }
    }

    #[inline]
    fn insert_keys(&mut self, keys: &[u32]) {
        for &k in keys {
            let (word, bit) = ((k / 64) as usize, 1 << (k % 64));
            if self.keys[word] & bit == 0 {
                self.keys[word] |= bit;
                self.keys_found.push(k);
            }
        }
    }

    #[inline]
    fn insert_all(&mut self, owners: &[u32]) {
        for &o in owners {
            self.bits[(o / 64) as usize] |= 1 << (o % 64);
        }
    }

    /// Calls `f` with each owner in ascending order whose required word (`requirements`,
    /// per owner, or [`NO_REQUIREMENT`]) was found, emptying the set and the words found.
    fn drain_meeting(&mut self, requirements: &[u32], mut f: impl FnMut(u32)) {
        for (w, word) in self.bits[..self.words].iter_mut().enumerate() {
            let mut bits = std::mem::take(word);
            while bits != 0 {
                let owner = w as u32 * 64 + bits.trailing_zeros();
                let key = requirements[owner as usize];
                if key == NO_REQUIREMENT || self.keys[(key / 64) as usize] & (1 << (key % 64)) != 0
                {
                    f(owner);
                }
                bits &= bits - 1;
            }
        }
        for k in self.keys_found.drain(..) {
            self.keys[(k / 64) as usize] = 0;
        }
    }
}

/// An anchor literal, the (list, term) pairs it belongs to anywhere and those it belongs
/// to only where a word ends after it, and whether it always starts a word.
struct Anchor {
    literal: String,
    owners: Vec<(u32, u32)>,
    word_end_owners: Vec<(u32, u32)>,
    at_word_start: bool,
}

/// An owner that needs no word besides its anchor.
const NO_REQUIREMENT: u32 = u32::MAX;

/// In an owner pair, stands for "every term of the list" (a raw regex has no terms).
const WHOLE_LIST: u32 = u32::MAX;

impl Prefilter {
    /// The lists are numbered in the order given.
    pub fn new<'a>(lists: impl IntoIterator<Item = &'a TermSet>) -> Self {
        // Every anchor with its owners, and whether it is always at a word start.
        let mut anchors: Vec<Anchor> = Vec::new();
        let mut index: FxHashMap<String, usize> = FxHashMap::default();
        let mut numbers = Vec::new();
        let mut always = Vec::new();
        // Required words, numbered by their literals, and each owner's.
        let mut keys: FxHashMap<&str, u32> = FxHashMap::default();
        let mut key_literals: Vec<Vec<&str>> = Vec::new();
        let mut owner_keys: FxHashMap<(u32, u32), u32> = FxHashMap::default();
        let mut add = |anchor: &str, owner: (u32, u32), at_word_start: bool, ends_word: bool| {
            // Looked up before inserting: most anchors are seen many times, and a key to
            // insert is a copy of the string.
            let id = match index.get(anchor) {
                Some(&id) => id,
                None => {
                    anchors.push(Anchor {
                        literal: anchor.to_string(),
                        owners: Vec::new(),
                        word_end_owners: Vec::new(),
                        at_word_start: true,
                    });
                    index.insert(anchor.to_string(), anchors.len() - 1);
                    anchors.len() - 1
                }
            };
            let anchor = &mut anchors[id];
            anchor.at_word_start &= at_word_start;
            if ends_word {
                anchor.word_end_owners.push(owner);
            } else {
                anchor.owners.push(owner);
            }
        };
        let mut count = 0;
        // Where each list's owners start in (list, term) order, and which lists are raw
        // regexes (whose one owner is the whole list).
        let mut first_slots: Vec<u32> = vec![0];
        let mut raw_lists: Vec<bool> = Vec::new();
        for (list, set) in lists.into_iter().enumerate() {
            count += 1;
            let slots = set.terms().map_or(1, |terms| terms.len() as u32);
            first_slots.push(first_slots[list] + slots);
            raw_lists.push(set.terms().is_none());
            let Some(terms) = set.terms() else {
                let whole = (list as u32, WHOLE_LIST);
                match set.raw_anchors() {
                    Some(needs) => {
                        let at_start = needs.literals_start_words;
                        needs
                            .literals
                            .iter()
                            .for_each(|a| add(a, whole, at_start, false));
                        if needs.digit {
                            numbers.push(whole);
                        }
                    }
                    None => always.push(list),
                }
                continue;
            };
            if terms.iter().any(|t| t.anchors.is_none() && !t.has_number()) {
                always.push(list);
                continue;
            }
            for (term, compiled) in terms.iter().enumerate() {
                let owner = (list as u32, term as u32);
                if let Some(word) = compiled.required_word() {
                    let key = *keys.entry(word).or_insert_with(|| {
                        key_literals.push(word_prefixes(word).unwrap_or_default());
                        key_literals.len() as u32 - 1
                    });
                    owner_keys.insert(owner, key);
                }
                match &compiled.anchors {
                    // A term with a number needs a digit to match. Its anchors, when they may
                    // stand within a word ("€" of "# €|£", "руб" of "100руб"), would be
                    // searched at every byte of every sentence, which cost more than trying
                    // the term in the sentences with a digit (measured on the wage fact).
                    Some(_) if compiled.has_number() && !compiled.anchors_start_words => {
                        numbers.push(owner)
                    }
                    Some(literals) => {
                        for (a, ends_word) in literals.iter() {
                            add(a, owner, compiled.anchors_start_words, ends_word);
                        }
                    }
                    None => numbers.push(owner),
                }
            }
        }
        // Owners numbered in (list, term) order: marked at their slots, then counted in slot
        // order (sorting the pairs and searching them cost more).
        let slot = |&(list, term): &(u32, u32)| {
            let within = if term == WHOLE_LIST { 0 } else { term };
            (first_slots[list as usize] + within) as usize
        };
        let mut slot_ids = vec![u32::MAX; first_slots[count] as usize];
        for pair in anchors
            .iter()
            .flat_map(|a| a.owners.iter().chain(&a.word_end_owners))
            .chain(&numbers)
        {
            slot_ids[slot(pair)] = 0;
        }
        let mut owners: Vec<(u32, u32)> = Vec::new();
        for (list, &raw) in raw_lists.iter().enumerate() {
            let first = first_slots[list];
            for at in first..first_slots[list + 1] {
                if slot_ids[at as usize] != u32::MAX {
                    slot_ids[at as usize] = owners.len() as u32;
                    owners.push((list as u32, if raw { WHOLE_LIST } else { at - first }));
                }
            }
        }
        let id = |pair: &(u32, u32)| slot_ids[slot(pair)];
        let ids = |pairs: &[(u32, u32)]| -> Vec<u32> { pairs.iter().map(id).collect() };
        let numbers = ids(&numbers);
        let (starting, mut elsewhere): (Vec<_>, Vec<_>) =
            anchors.into_iter().partition(|a| a.at_word_start);
        // Anchors searched anywhere are not checked for a word's end after them.
        for anchor in &mut elsewhere {
            let whole = std::mem::take(&mut anchor.word_end_owners);
            anchor.owners.extend(whole);
        }
        // Standard semantics report every anchor, including overlapping ones ("pass" inside
        // "passport"), which the overlapping searches below need.
        let anywhere = if elsewhere.is_empty() {
            Ok(None)
        } else {
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                // Its rare-byte prefilter guesses rarity from English text: on Russian,
                // whose letters all start with the same two bytes, it fired at almost every
                // character and cost more than the automaton alone (measured).
                .prefilter(false)
                .build(elsewhere.iter().map(|a| &a.literal))
                .map(Some)
        };
        // The required words' literals join the trie, as anchors of no owner where they
        // are none already.
        let mut starting = starting;
        let mut position: FxHashMap<&str, usize> = FxHashMap::default();
        let mut literal_keys: Vec<Vec<u32>> = vec![Vec::new(); starting.len()];
        for (i, anchor) in starting.iter().enumerate() {
            position.insert(anchor.literal.as_str(), i);
        }
        let mut added: Vec<String> = Vec::new();
        for (key, literals) in key_literals.iter().enumerate() {
            for &literal in literals {
                let at = match position.get(literal) {
                    Some(&at) => at,
                    None => {
                        let at = starting.len() + added.len();
                        position.insert(literal, at);
                        added.push(literal.to_string());
                        literal_keys.push(Vec::new());
                        at
                    }
                };
                literal_keys[at].push(key as u32);
            }
        }
        drop(position);
        starting.extend(added.into_iter().map(|literal| Anchor {
            literal,
            owners: Vec::new(),
            word_end_owners: Vec::new(),
            at_word_start: true,
        }));
        let word_keys = OwnerLists::new(literal_keys);
        let requirements = owners
            .iter()
            .map(|owner| owner_keys.get(owner).copied().unwrap_or(NO_REQUIREMENT))
            .collect();
        let key_count = key_literals.len();
        let words: Vec<&str> = starting.iter().map(|a| a.literal.as_str()).collect();
        let at_word_starts = AnchorTrie::new(&words);
        let word_start_owners = OwnerLists::new(starting.iter().map(|a| ids(&a.owners)));
        let word_end_owners = OwnerLists::new(starting.iter().map(|a| ids(&a.word_end_owners)));
        let anywhere_owners = OwnerLists::new(elsewhere.iter().map(|a| ids(&a.owners)));
        let gate = gate_bytes(
            &elsewhere
                .iter()
                .map(|a| a.literal.as_bytes())
                .collect::<Vec<_>>(),
        );
        match anywhere {
            Ok(anywhere) => Prefilter {
                at_word_starts,
                anywhere,
                gate,
                word_start_owners,
                word_end_owners,
                word_keys,
                requirements,
                keys: key_count,
                anywhere_owners,
                numbers,
                owners,
                always,
                lists: count,
            },
            // Should an automaton ever fail to build, every list is searched everywhere:
            // slower, never wrong.
            Err(_) => Prefilter {
                at_word_starts: AnchorTrie::new::<&str>(&[]),
                anywhere: None,
                gate: None,
                word_start_owners: OwnerLists::default(),
                word_end_owners: OwnerLists::default(),
                word_keys: OwnerLists::default(),
                requirements: Vec::new(),
                keys: 0,
                anywhere_owners: OwnerLists::default(),
                numbers: Vec::new(),
                owners: Vec::new(),
                always: (0..count).collect(),
                lists: count,
            },
        }
    }

    /// The (list, term) pairs whose anchors occur in one sentence, sorted and without
    /// repeats, into `hits` (cleared first); `starts` are the sentence's word starts,
    /// `has_digit` whether it holds a digit if known (set here if this prefilter looks), and
    /// `found` an empty set of this prefilter's owners, left empty.
    fn hits(
        &self,
        text: &str,
        starts: &[usize],
        has_digit: &mut Option<bool>,
        found: &mut OwnerSet,
        hits: &mut Vec<(u32, u32)>,
    ) {
        hits.clear();
        for &at in starts {
            self.at_word_starts
                .walk(&text.as_bytes()[at..], |anchor, length| {
                    found.insert_all(self.word_start_owners.of(anchor));
                    let word_end_owners = self.word_end_owners.of(anchor);
                    if !word_end_owners.is_empty() && !word_char_at(text, at + length) {
                        found.insert_all(word_end_owners);
                    }
                    found.insert_keys(self.word_keys.of(anchor));
                });
        }
        let gate_open = |gate: &Vec<u8>| match gate[..] {
            [a] => memchr::memchr(a, text.as_bytes()).is_some(),
            [a, b] => memchr::memchr2(a, b, text.as_bytes()).is_some(),
            [a, b, c] => memchr::memchr3(a, b, c, text.as_bytes()).is_some(),
            _ => true,
        };
        if let Some(automaton) = self
            .anywhere
            .as_ref()
            .filter(|_| self.gate.as_ref().is_none_or(gate_open))
        {
            for m in automaton.find_overlapping_iter(text) {
                found.insert_all(self.anywhere_owners.of(m.pattern().as_usize()));
            }
        }
        if !self.numbers.is_empty() && *has_digit.get_or_insert_with(|| contains_digit(text)) {
            found.insert_all(&self.numbers);
        }
        found.drain_meeting(&self.requirements, |owner| {
            hits.push(self.owners[owner as usize])
        });
    }

    /// For a prefilter of one term list: the terms (ascending) whose anchors occur in `text`,
    /// into `terms` (cleared first); false when every term must be tried. `starts` are the
    /// text's word starts.
    pub fn list_terms(&self, text: &str, starts: &[usize], terms: &mut Vec<u32>) -> bool {
        terms.clear();
        if !self.always.is_empty() {
            return false;
        }
        // Lists searched alone are searched in most sentences of every text (cue lists):
        // their buffers are kept on the thread rather than allocated for each search.
        thread_local! {
            static SCRATCH: std::cell::RefCell<(OwnerSet, Vec<(u32, u32)>)> =
                std::cell::RefCell::default();
        }
        SCRATCH.with(|scratch| {
            let (found, hits) = &mut *scratch.borrow_mut();
            found.make_room(self.owners.len(), self.keys);
            self.hits(text, starts, &mut None, found, hits);
            terms.extend(hits.iter().map(|&(_, term)| term));
        });
        true
    }

    /// For each term list, the readable sentences in which it may match, and there which of
    /// its terms.
    pub fn candidates(
        &self,
        folded: &str,
        sentences: &[Range<usize>],
        readable: &[bool],
    ) -> Candidates {
        self.candidates_knowing(folded, sentences, readable, &ReadSentences::NONE, 0)
    }

    /// [`Prefilter::candidates`], taking the word starts of the sentences `known` has
    /// rather than finding them again (sentence `i` of `sentences` is sentence `first + i`
    /// of `known`); those sentences' [`Candidates::word_starts`] are empty (ask `known`).
    pub fn candidates_knowing(
        &self,
        folded: &str,
        sentences: &[Range<usize>],
        readable: &[bool],
        known: &ReadSentences,
        first: usize,
    ) -> Candidates {
        // (list, sentence, choice) in sentence order, then grouped by list below.
        // Sized from typical texts (a word start every six bytes, a few lists and terms per
        // sentence), so that the buffers rarely grow; word starts only for the sentences
        // whose starts are not known.
        let bytes: usize = sentences
            .iter()
            .enumerate()
            .filter(|&(i, _)| readable[i] && known.get(first + i).is_none())
            .map(|(_, r)| r.len())
            .sum();
        let mut entries: Vec<(u32, u32, Option<Range<u32>>)> =
            Vec::with_capacity(sentences.len() * 8);
        let mut terms: Vec<u32> = Vec::with_capacity(sentences.len() * 16);
        let mut hits: Vec<(u32, u32)> = Vec::new();
        let mut found = OwnerSet::for_owners(self.owners.len(), self.keys);
        let mut starts: Vec<usize> = Vec::with_capacity(bytes / 6 + 1);
        let mut start_ranges = Vec::with_capacity(sentences.len());
        let mut has_digit = vec![None; sentences.len()];
        for (i, range) in sentences.iter().enumerate() {
            if !readable[i] {
                start_ranges.push(0..0);
                continue;
            }
            let sentence = i as u32;
            let text = &folded[range.clone()];
            let sentence_starts = match known.get(first + i) {
                Some(sentence_starts) => {
                    start_ranges.push(0..0);
                    sentence_starts
                }
                None => {
                    let first = starts.len();
                    push_word_starts(text, &mut starts);
                    start_ranges.push(first as u32..starts.len() as u32);
                    &starts[first..]
                }
            };
            for &list in &self.always {
                entries.push((list as u32, sentence, None));
            }
            let mut digit = known.has_digit(first + i);
            self.hits(text, sentence_starts, &mut digit, &mut found, &mut hits);
            has_digit[i] = digit;
            for group in hits.chunk_by(|a, b| a.0 == b.0) {
                let list = group[0].0;
                if group[group.len() - 1].1 == WHOLE_LIST {
                    entries.push((list, sentence, None));
                    continue;
                }
                let start = terms.len() as u32;
                terms.extend(group.iter().map(|&(_, term)| term));
                entries.push((list, sentence, Some(start..terms.len() as u32)));
            }
        }
        // Grouped by list with a counting sort, which keeps each list's sentences ascending.
        let mut offsets = vec![0u32; self.lists + 1];
        for e in &entries {
            offsets[e.0 as usize + 1] += 1;
        }
        for l in 0..self.lists {
            offsets[l + 1] += offsets[l];
        }
        let mut next = offsets.clone();
        let mut sentences = vec![0u32; entries.len()];
        let mut choice = vec![None; entries.len()];
        for (list, sentence, terms) in entries {
            let at = &mut next[list as usize];
            sentences[*at as usize] = sentence;
            choice[*at as usize] = terms;
            *at += 1;
        }
        Candidates {
            offsets,
            sentences,
            choice,
            terms,
            word_start_ranges: start_ranges,
            word_starts: starts,
            has_digit,
        }
    }
}

/// True when a word character stands at byte `at` of `text` (a character boundary).
#[inline]
fn word_char_at(text: &str, at: usize) -> bool {
    match text.as_bytes().get(at) {
        None => false,
        Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => text[at..].chars().next().is_some_and(is_word_char),
    }
}

/// How rare a byte is in the texts screened, for choosing gate bytes: 0 for first bytes of
/// characters beyond Cyrillic and common punctuation, 1 for ASCII punctuation, digits and
/// typographic punctuation (first byte E2: ’ “ — …), None for bytes found in most
/// sentences (letters, spaces, full stops and commas, and every byte of a Cyrillic letter).
fn rarity(b: u8) -> Option<u8> {
    match b {
        b'a'..=b'z' | b'A'..=b'Z' | b' ' | b'.' | b',' | 0x80..=0xBF | 0xD0 | 0xD1 => None,
        0xE2 => Some(1),
        0xC0..=0xFF => Some(0),
        _ => Some(1),
    }
}

/// At most three rare bytes ([`rarity`]) such that each anchor contains one of them, chosen
/// greedily (the byte in most anchors not yet covered, the rarer on a tie); None when there
/// is no such set.
fn gate_bytes(anchors: &[&[u8]]) -> Option<Vec<u8>> {
    let mut uncovered: Vec<&[u8]> = anchors.to_vec();
    let mut gate = Vec::new();
    while !uncovered.is_empty() {
        if gate.len() == 3 {
            return None;
        }
        let best = (0..=255u8)
            .filter_map(|b| {
                let rank = rarity(b)?;
                let covers = uncovered.iter().filter(|a| a.contains(&b)).count();
                (covers > 0).then_some((covers, std::cmp::Reverse(rank), b))
            })
            .max()?;
        gate.push(best.2);
        uncovered.retain(|a| !a.contains(&best.2));
    }
    (!gate.is_empty()).then_some(gate)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(terms: &[&str]) -> TermSet {
        TermSet::new(&terms.iter().map(|s| s.to_string()).collect::<Vec<_>>()).unwrap()
    }

    #[test]
    fn candidates_are_the_sentences_holding_an_anchor() {
        let lists = vec![
            set(&["took * passport*"]),
            set(&["unpaid"]),
            TermSet::raw(r"\w+"),
        ];
        // The last sentence holds both words of the first term, but no match.
        let text = "they took my passport. we were paid. the passport office took a day";
        let sentences = vec![0..22, 23..36, 37..text.len()];
        let got = Prefilter::new(&lists).candidates(text, &sentences, &[true, true, true]);
        assert_eq!(got.sentences(0), vec![0, 2]);
        assert!(
            got.sentences(1).is_empty(),
            "\"paid\" does not contain the anchor \"unpaid\""
        );
        assert_eq!(
            got.sentences(2),
            vec![0, 1, 2],
            "a raw regex is searched everywhere"
        );
        assert_eq!(got.terms(2, 1), None, "with no choice of terms");
        let got = Prefilter::new(&lists).candidates(text, &sentences, &[false, true, true]);
        assert_eq!(
            got.sentences(0),
            vec![2],
            "unreadable sentences are skipped"
        );
    }

    #[test]
    fn only_terms_whose_anchors_occur_are_chosen() {
        let lists = vec![set(&["took * passport*", "unpaid", "kept|held * card*"])];
        let text = "they took my passport. they kept my card and my passport. all paid";
        let sentences = vec![0..22, 23..57, 58..text.len()];
        let got = Prefilter::new(&lists).candidates(text, &sentences, &[true, true, true]);
        assert_eq!(got.sentences(0), vec![0, 1]);
        assert_eq!(got.terms(0, 0), Some(&[0][..]));
        assert_eq!(
            got.terms(0, 1),
            Some(&[2][..]),
            "the first term's anchor is there, but not its other word \"took\""
        );
    }

    #[test]
    fn a_whole_word_anchor_counts_only_where_its_word_ends() {
        // "debt" is a whole alternative: "debts" and "debtor" hold no match of the second
        // term; "owe*" is a stem, so "owes" and "owed" do hold its anchor.
        let lists = vec![set(&["debt|дол", "owe* money"])];
        let text = "the debtor owes money. we are in debt. долги. we owed money";
        let sentences = vec![0..22, 23..38, 39..50, 51..text.len()];
        let got = Prefilter::new(&lists).candidates(text, &sentences, &[true; 4]);
        assert_eq!(got.sentences(0), vec![0, 1, 3]);
        assert_eq!(got.terms(0, 0), Some(&[1][..]));
        assert_eq!(got.terms(0, 1), Some(&[0][..]));
        assert_eq!(got.terms(0, 3), Some(&[1][..]));
        // The same words as matches, to show nothing the search would find was left out.
        assert_eq!(lists[0].find_all(&text[..22]), vec![(11, 21)]);
        assert!(lists[0].find_all(&text[39..50]).is_empty());
    }

    #[test]
    fn a_term_is_a_candidate_only_where_its_other_words_are_too() {
        // "passport" is the anchor of the first term; "took|kept" must begin a word too.
        // Of the second, "in" (a common word) and "debt" must both be there.
        let lists = vec![set(&["took|kept * passport*", "in debt"])];
        let text = "my passport expired. he kept our passports. in the morning. deep in debt. \
                    they overtook my passport";
        let sentences = vec![0..20, 21..43, 44..59, 60..73, 74..text.len()];
        let got = Prefilter::new(&lists).candidates(text, &sentences, &[true; 5]);
        assert_eq!(got.sentences(0), vec![1, 3]);
        assert_eq!(got.terms(0, 1), Some(&[0][..]));
        assert_eq!(got.terms(0, 3), Some(&[1][..]));
        // Nothing left out could have matched: the searches agree sentence by sentence.
        for (i, range) in sentences.iter().enumerate() {
            let found = lists[0].find_all(&text[range.clone()]);
            assert_eq!(!found.is_empty(), [1, 3].contains(&i), "sentence {i}");
        }
    }

    #[test]
    fn gate_bytes_cover_every_anchor_with_rare_bytes() {
        let gate = |anchors: &[&str]| {
            gate_bytes(&anchors.iter().map(|a| a.as_bytes()).collect::<Vec<_>>())
        };
        let mut apostrophes = gate(&["n't", "n’t", "nʼt", "'ll", "ʼll"]).unwrap();
        apostrophes.sort_unstable();
        assert_eq!(apostrophes, vec![b'\'', 0xCA, 0xE2]);
        assert_eq!(gate(&["€", "£"]).map(|g| g.len()), Some(2));
        assert_eq!(
            gate(&["руб", "€"]),
            None,
            "Cyrillic letters are in most sentences"
        );
        assert_eq!(gate(&["paid"]), None);
        assert_eq!(
            gate(&["a1", "b2", "c3", "d4"]),
            None,
            "more than three bytes"
        );
    }

    /// The gate only skips the automaton where no anywhere anchor can be.
    #[test]
    fn gated_anchors_are_still_found() {
        let lists = vec![set(&["*n't"]), set(&["passport"])];
        let text = "they didn’t pay. the passport. it wasnʼt. plain";
        let mut sentences = Vec::new();
        let mut from = 0;
        for end in text
            .match_indices(". ")
            .map(|(at, _)| at + 1)
            .chain([text.len()])
        {
            sentences.push(from..end);
            from = (end + 1).min(text.len());
        }
        assert_eq!(sentences.len(), 4);
        let got = Prefilter::new(&lists).candidates(text, &sentences, &[true; 4]);
        assert_eq!(got.sentences(0), vec![0, 2]);
        assert_eq!(got.sentences(1), vec![1]);
    }

    #[test]
    fn number_terms_with_anchors_within_words_are_chosen_where_a_digit_is() {
        let lists = vec![set(&["# *eur|*gbp", "*paid"])];
        let text = "pay 300 eur. pay in eur. unpaid 5";
        let (first, second) = (text.find(" pay").unwrap(), text.find(" unpaid").unwrap());
        let sentences = vec![0..first, first + 1..second, second + 1..text.len()];
        let prefilter = Prefilter::new(&lists);
        assert_eq!(prefilter.numbers, vec![0], "not searched by its anchors");
        let got = prefilter.candidates(text, &sentences, &[true; 3]);
        assert_eq!(got.sentences(0), vec![0, 2]);
        assert_eq!(got.terms(0, 0), Some(&[0][..]));
        assert_eq!(
            got.terms(0, 2),
            Some(&[0, 1][..]),
            "\"paid\" is still searched anywhere"
        );
    }

    /// Word starts kept from runs of sentences are found by sentence, and reused as they are.
    #[test]
    fn word_starts_are_kept_by_sentence() {
        let prefilter = Prefilter::new(&[set(&["passport*"])]);
        let text = "they took it. my passport? ok then. we left";
        let sentences: Vec<Range<usize>> = [0..13, 14..26, 27..35, 36..text.len()].to_vec();
        let mut kept = ReadSentences::new(sentences.len());
        for (first, readable) in [(0, [true, false]), (2, [false, true])] {
            let run = &sentences[first..first + 2];
            kept.keep(first, &readable, prefilter.candidates(text, run, &readable));
        }
        assert_eq!(kept.get(0), Some(&[0, 5, 10][..]));
        assert_eq!(kept.get(1), None, "not read");
        assert_eq!(kept.get(2), None, "not read");
        assert_eq!(kept.get(3), Some(&[0, 3][..]));
        let got = prefilter.candidates_knowing(text, &sentences, &[true; 4], &kept, 0);
        assert_eq!(got.sentences(0), vec![1], "with the anchor \"passport\"");
        assert_eq!(got.word_starts(0), &[] as &[usize], "known: not kept again");
        assert_eq!(got.word_starts(1), &[0, 3][..]);
        // A later run of the same sentences looks its own sentences up in what was kept.
        let later = prefilter.candidates_knowing(text, &sentences[2..], &[true; 2], &kept, 2);
        assert_eq!(
            later.word_starts(0),
            &[0, 3][..],
            "sentence 2: not kept, found"
        );
        assert_eq!(later.word_starts(1), &[] as &[usize], "sentence 3: known");
    }

    /// Whether a sentence holds a digit, once a prefilter with number terms looked, is kept
    /// and reused rather than looked for again.
    #[test]
    fn digits_are_kept_by_sentence() {
        let text = "paid 300. paid nothing";
        let sentences = vec![0..9, 10..text.len()];
        let numbers = Prefilter::new(&[set(&["#"])]);
        let mut kept = ReadSentences::new(2);
        kept.keep(
            0,
            &[true; 2],
            numbers.candidates(text, &sentences, &[true; 2]),
        );
        assert_eq!(
            (kept.has_digit(0), kept.has_digit(1)),
            (Some(true), Some(false))
        );
        let words = Prefilter::new(&[set(&["paid"])]);
        let mut not_looked = ReadSentences::new(2);
        not_looked.keep(
            0,
            &[true; 2],
            words.candidates(text, &sentences, &[true; 2]),
        );
        assert_eq!(
            not_looked.has_digit(0),
            None,
            "no number terms: not looked for"
        );
        // Told the opposite, the prefilter believes it: the answer is reused, not found again.
        let mut told = ReadSentences::new(2);
        told.has_digit = vec![Some(false), Some(true)];
        let got = numbers.candidates_knowing(text, &sentences, &[true; 2], &told, 0);
        assert_eq!(got.sentences(0), vec![1]);
    }

    #[test]
    fn number_terms_are_chosen_where_a_digit_is() {
        let lists = vec![
            set(&["#", "dollars"]),
            TermSet::raw(r"(?:12|14) hours"),
            TermSet::raw(r"(?:paid|owed)\s+dollars"),
        ];
        let text = "we paid 300. we paid dollars. we paid ٣٠٠. 14 hours";
        let sentences = vec![
            0..12,
            13..29,
            30..text.find(". 14").unwrap() + 1,
            text.len() - 8..text.len(),
        ];
        let got = Prefilter::new(&lists).candidates(text, &sentences, &[true; 4]);
        assert_eq!(got.sentences(0), vec![0, 1, 2, 3]);
        assert_eq!(got.terms(0, 0), Some(&[0][..]));
        assert_eq!(got.terms(0, 1), Some(&[1][..]));
        assert_eq!(
            got.terms(0, 2),
            Some(&[0][..]),
            "an Arabic-Indic digit is a digit"
        );
        assert_eq!(
            got.sentences(1),
            vec![0, 2, 3],
            "a raw regex whose matches hold a digit is searched where a digit is"
        );
        assert_eq!(
            got.sentences(2),
            vec![1],
            "a raw regex with literals is searched where they are"
        );
        assert_eq!(got.terms(1, 3), None);
    }
}
