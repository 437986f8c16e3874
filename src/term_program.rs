//! Runs one term of the rule language ("took|kept * passport*", "# hours") directly on folded
//! text with a small backtracking matcher, instead of compiling it into a regex.
//!
//! Why: a batch run ends up needing most of the ~7,800 distinct built-in terms, and each
//! compiled regex cost about half a million instructions to build and ten kilobytes to keep,
//! which dominated start-up and memory. A term is a handful of words, so a backtracking
//! program of a few dozen instructions, built in microseconds, finds the same matches.
//!
//! The program gives exactly the match the term's regex ([`crate::term_regex::term_to_regex`])
//! gives: the same character classes, greedy repetition and alternatives tried in the order
//! written, which is what the regex crate's leftmost-first semantics mean. Tests compare
//! both on many texts. Backtracking can blow up on a contrived term ("a*a*a*a*b"), so a search
//! has a step budget; when it runs out the caller falls back to the regex.

use crate::term_chars::Class;

/// One instruction; `next` fields are indexes into the program.
#[derive(Debug, Clone, Copy)]
enum Inst {
    /// One literal character, as UTF-8 bytes.
    Char {
        bytes: [u8; 4],
        len: u8,
        next: u32,
    },
    /// One character of a class.
    Class {
        class: Class,
        next: u32,
    },
    /// As many characters of the class as there are (at least `min`), never giving any
    /// back: used where the rest of the term cannot start with a character of the class, so
    /// giving one back could never lead to a match (backtracking over every letter of every
    /// word was most of the matching time).
    Run {
        class: Class,
        min: u8,
        next: u32,
    },
    /// Try `first`; if the rest of the match fails from there, try `second`.
    Split {
        first: u32,
        second: u32,
    },
    Match,
}

/// The piece of a term token a program is built from.
enum Node {
    Char(char),
    /// One character of the class.
    One(Class),
    /// One or more (greedy).
    Plus(Class),
    /// Zero or more (greedy).
    Star(Class),
    /// `\d+(?:[.,\u00A0\u202F ]\d+)*`
    Number,
    /// `(?:W+ GAP+){0,3}`: up to three words, each with the gap after it.
    UpToThreeWords,
    /// Alternatives, the earlier preferred.
    Alternatives(Vec<Vec<Node>>),
}

/// What may close a number: a letter for thousands, as people write pay ("110k", "45к":
/// Latin or Cyrillic; text is folded to lower case), or the part of the day of a time
/// ("8am", "10pm"). Optional, tried first.
fn number_suffix() -> Node {
    let written = |s: &str| s.chars().map(Node::Char).collect::<Vec<_>>();
    Node::Alternatives(vec![
        written("k"),
        written("к"),
        written("am"),
        written("pm"),
        vec![],
    ])
}

/// Outcome of a search that ran out of its step budget.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Exhausted;

/// Steps one search may take before the caller falls back to the regex. A real term on a
/// real sentence takes a few hundred at most.
const STEP_BUDGET: usize = 200_000;

/// The first characters a match can start with, to skip start positions quickly.
#[derive(Debug, Clone, Default)]
struct FirstChars {
    /// First bytes of the literal characters a match can start with.
    bytes: Vec<u8>,
    /// Classes a match can start with.
    classes: Vec<Class>,
}

/// Up to 8 literal bytes a match starts with, as a little-endian word and a mask, so a start
/// position is tested with one comparison.
#[derive(Debug, Clone, Copy)]
struct Prefix {
    value: u64,
    mask: u64,
}

impl Prefix {
    fn new(bytes: &[u8]) -> Self {
        let mut padded = [0u8; 8];
        padded[..bytes.len()].copy_from_slice(bytes);
        let mask = if bytes.len() == 8 {
            u64::MAX
        } else {
            (1u64 << (8 * bytes.len())) - 1
        };
        Prefix {
            value: u64::from_le_bytes(padded),
            mask,
        }
    }

    /// The next 8 bytes of `rest` (zero-padded), to test against prefixes.
    #[inline]
    fn load(rest: &[u8]) -> u64 {
        match rest.first_chunk::<8>() {
            Some(chunk) => u64::from_le_bytes(*chunk),
            None => {
                let mut padded = [0u8; 8];
                padded[..rest.len()].copy_from_slice(rest);
                u64::from_le_bytes(padded)
            }
        }
    }
}

/// One term compiled into a backtracking program.
#[derive(Debug, Clone)]
pub struct TermProgram {
    insts: Vec<Inst>,
    start: u32,
    first: FirstChars,
    /// The literal text every match starts with, one per alternative ("took", "kept"), or
    /// None when some alternative starts with a class (`*`, `#`, a stem wildcard).
    prefixes: Option<Vec<Prefix>>,
}

impl TermProgram {
    /// Builds the program of a folded term whose syntax [`crate::term_regex::term_to_regex`] has
    /// already accepted.
    pub fn new(folded_term: &str) -> Self {
        let tokens: Vec<&str> = folded_term.split_whitespace().collect();
        let mut nodes = Vec::new();
        for (i, token) in tokens.iter().enumerate() {
            match *token {
                "..." => {
                    nodes.push(Node::UpToThreeWords);
                    continue;
                }
                "*" => nodes.push(Node::Plus(Class::Word)),
                "#" => nodes.push(Node::Number),
                word => {
                    let mut alternatives: Vec<Vec<Node>> =
                        word.split('|').map(word_nodes).collect();
                    if alternatives.len() == 1 {
                        nodes.append(&mut alternatives[0]);
                    } else {
                        nodes.push(Node::Alternatives(alternatives));
                    }
                }
            }
            if i + 1 < tokens.len() {
                nodes.push(Node::Plus(Class::Gap));
            }
        }
        let mut program = TermProgram {
            insts: Vec::new(),
            start: 0,
            first: FirstChars::default(),
            prefixes: None,
        };
        let done = program.emit(Inst::Match);
        program.start = program.sequence(&nodes, done);
        program.first = program.first_chars();
        program.prefixes = program.literal_prefixes();
        program
    }

    /// Heap bytes the program holds.
    pub fn memory_usage(&self) -> usize {
        self.insts.capacity() * std::mem::size_of::<Inst>()
            + self.first.bytes.capacity()
            + self.first.classes.capacity() * std::mem::size_of::<Class>()
            + self
                .prefixes
                .as_ref()
                .map_or(0, |p| p.capacity() * std::mem::size_of::<Prefix>())
    }

    fn emit(&mut self, inst: Inst) -> u32 {
        self.insts.push(inst);
        (self.insts.len() - 1) as u32
    }

    /// Compiles `nodes` so that a match continues at `next`; returns the entry.
    fn sequence(&mut self, nodes: &[Node], mut next: u32) -> u32 {
        for node in nodes.iter().rev() {
            next = self.node(node, next);
        }
        next
    }

    fn node(&mut self, node: &Node, next: u32) -> u32 {
        match node {
            Node::Char(c) => {
                let mut bytes = [0; 4];
                let len = c.encode_utf8(&mut bytes).len() as u8;
                self.emit(Inst::Char { bytes, len, next })
            }
            Node::One(class) => self.emit(Inst::Class {
                class: *class,
                next,
            }),
            Node::Plus(class) | Node::Star(class) if self.cannot_start_with(next, *class) => {
                let min = u8::from(matches!(node, Node::Plus(_)));
                self.emit(Inst::Run {
                    class: *class,
                    min,
                    next,
                })
            }
            Node::Plus(class) | Node::Star(class) => {
                // A loop: the class, then a choice of more of it (preferred) or going on.
                let repeat = self.emit(Inst::Match); // placeholder, set below
                let body = self.emit(Inst::Class {
                    class: *class,
                    next: repeat,
                });
                self.insts[repeat as usize] = Inst::Split {
                    first: body,
                    second: next,
                };
                // One or more enters at the class; zero or more at the choice.
                if matches!(node, Node::Plus(_)) {
                    body
                } else {
                    repeat
                }
            }
            Node::Number => {
                // \d+ (?: SEP \d+ )* (?:[kк]|am|pm)?
                let next = self.node(&number_suffix(), next);
                let more = self.emit(Inst::Match);
                let group = self.sequence(
                    &[Node::One(Class::NumberSeparator), Node::Plus(Class::Digit)],
                    more,
                );
                self.insts[more as usize] = Inst::Split {
                    first: group,
                    second: next,
                };
                self.node(&Node::Plus(Class::Digit), more)
            }
            Node::UpToThreeWords => {
                // (x(x(x)?)?)? with x = W+ GAP+: the greedy {0,3}, tried longest first.
                let mut after = next;
                for _ in 0..3 {
                    let word =
                        self.sequence(&[Node::Plus(Class::Word), Node::Plus(Class::Gap)], after);
                    after = self.emit(Inst::Split {
                        first: word,
                        second: next,
                    });
                }
                after
            }
            Node::Alternatives(alternatives) => {
                let entries: Vec<u32> = alternatives
                    .iter()
                    .map(|alt| self.sequence(alt, next))
                    .collect();
                let mut entry = *entries.last().expect("a token has an alternative");
                for &earlier in entries.iter().rev().skip(1) {
                    entry = self.emit(Inst::Split {
                        first: earlier,
                        second: entry,
                    });
                }
                entry
            }
        }
    }

    /// The instructions that consume a first character (or end the match) on some way on
    /// from `from`: Splits are followed, and a Run that may take nothing is both a first
    /// instruction and skipped.
    fn first_instructions(&self, from: u32) -> Vec<u32> {
        let mut firsts = Vec::new();
        let mut seen = vec![false; self.insts.len()];
        let mut todo = vec![from];
        while let Some(pc) = todo.pop() {
            if std::mem::replace(&mut seen[pc as usize], true) {
                continue;
            }
            match self.insts[pc as usize] {
                Inst::Split { first, second } => todo.extend([first, second]),
                Inst::Run { min: 0, next, .. } => {
                    firsts.push(pc);
                    todo.push(next);
                }
                _ => firsts.push(pc),
            }
        }
        firsts
    }

    /// True when no way on from `pc` starts with a character of `class` (nor ends there:
    /// the end of the term, where a shorter repetition could matter to a whole-span test).
    fn cannot_start_with(&self, pc: u32, class: Class) -> bool {
        self.first_instructions(pc)
            .into_iter()
            .all(|pc| match self.insts[pc as usize] {
                Inst::Char { bytes, len, .. } => std::str::from_utf8(&bytes[..len as usize])
                    .ok()
                    .and_then(|s| s.chars().next())
                    .is_some_and(|c| !class.contains(c)),
                Inst::Class { class: other, .. } | Inst::Run { class: other, .. } => {
                    !class.overlaps(other)
                }
                Inst::Split { .. } | Inst::Match => false,
            })
    }

    /// What the first instruction reachable from the start can consume.
    fn first_chars(&self) -> FirstChars {
        let mut first = FirstChars::default();
        for pc in self.first_instructions(self.start) {
            match self.insts[pc as usize] {
                Inst::Char { bytes, .. } => {
                    if !first.bytes.contains(&bytes[0]) {
                        first.bytes.push(bytes[0]);
                    }
                }
                Inst::Class { class, .. } | Inst::Run { class, .. } => {
                    if !first.classes.contains(&class) {
                        first.classes.push(class);
                    }
                }
                // Cannot happen: every term consumes at least one character.
                Inst::Split { .. } | Inst::Match => first.classes.push(Class::Gap),
            }
        }
        first
    }

    /// The literal bytes each way into the program starts with (up to 8), or None when a way
    /// starts with a class.
    fn literal_prefixes(&self) -> Option<Vec<Prefix>> {
        let mut prefixes = Vec::new();
        for pc in self.first_instructions(self.start) {
            let Inst::Char { .. } = self.insts[pc as usize] else {
                return None;
            };
            let mut prefix = Vec::new();
            let mut at = pc;
            while let Inst::Char { bytes, len, next } = self.insts[at as usize] {
                if prefix.len() + len as usize > 8 {
                    break;
                }
                prefix.extend_from_slice(&bytes[..len as usize]);
                at = next;
            }
            prefixes.push(Prefix::new(&prefix));
        }
        Some(prefixes)
    }

    /// True when a match can start with the character at `at` (a quick test before running
    /// the program there).
    #[inline]
    fn may_start_at(&self, text: &str, at: usize) -> bool {
        let rest = &text.as_bytes()[at..];
        if let Some(prefixes) = &self.prefixes {
            // Past the end of the text the word is padded with zeros; a prefix that ends in
            // NUL bytes could pass on them, and the program run then rejects the position.
            let next = Prefix::load(rest);
            return prefixes.iter().any(|p| next & p.mask == p.value);
        }
        let Some(&b) = rest.first() else {
            return false;
        };
        if self.first.bytes.contains(&b) {
            return true;
        }
        !self.first.classes.is_empty()
            && text[at..]
                .chars()
                .next()
                .is_some_and(|c| self.first.classes.iter().any(|k| k.contains(c)))
    }

    /// The end of the match starting exactly at `start`, if any (the end the term's regex
    /// prefers there).
    pub fn match_at(
        &self,
        text: &str,
        start: usize,
        stack: &mut Vec<(u32, usize)>,
    ) -> Result<Option<usize>, Exhausted> {
        if !self.may_start_at(text, start) {
            return Ok(None);
        }
        let mut budget = STEP_BUDGET;
        self.run(text, start, None, stack, &mut budget)
    }

    /// Every position where a match starting at `start` can end, pushed onto `ends` (in no
    /// particular order, perhaps repeated): one run in place of a whole-span test per
    /// candidate end.
    pub fn match_ends(
        &self,
        text: &str,
        start: usize,
        stack: &mut Vec<(u32, usize)>,
        ends: &mut Vec<usize>,
    ) -> Result<(), Exhausted> {
        if !self.may_start_at(text, start) {
            return Ok(());
        }
        let mut budget = STEP_BUDGET;
        self.explore(text, start, stack, &mut budget, |end| {
            ends.push(end);
            false
        })
        .map(|_| ())
    }

    /// True when the term matches all of `span`.
    pub fn matches_whole(
        &self,
        span: &str,
        stack: &mut Vec<(u32, usize)>,
    ) -> Result<bool, Exhausted> {
        let mut budget = STEP_BUDGET;
        Ok(self
            .run(span, 0, Some(span.len()), stack, &mut budget)?
            .is_some())
    }

    /// Runs the program from `start`; returns the end of the first match in preference
    /// order (or of the first that ends exactly at `end`, when given).
    fn run(
        &self,
        text: &str,
        start: usize,
        end: Option<usize>,
        stack: &mut Vec<(u32, usize)>,
        budget: &mut usize,
    ) -> Result<Option<usize>, Exhausted> {
        self.explore(text, start, stack, budget, |pos| {
            end.is_none_or(|e| e == pos)
        })
    }

    /// Tries the ways through the program from `start` in preference order; at each match
    /// calls `accept` with its end and stops at the first it accepts.
    fn explore(
        &self,
        text: &str,
        start: usize,
        stack: &mut Vec<(u32, usize)>,
        budget: &mut usize,
        mut accept: impl FnMut(usize) -> bool,
    ) -> Result<Option<usize>, Exhausted> {
        let bytes = text.as_bytes();
        stack.clear();
        stack.push((self.start, start));
        while let Some((mut pc, mut pos)) = stack.pop() {
            loop {
                if *budget == 0 {
                    return Err(Exhausted);
                }
                *budget -= 1;
                match self.insts[pc as usize] {
                    Inst::Char {
                        bytes: c,
                        len,
                        next,
                    } => {
                        let len = len as usize;
                        // Byte by byte: a slice comparison would call memcmp for 1-4 bytes.
                        if pos + len <= bytes.len() && (0..len).all(|k| bytes[pos + k] == c[k]) {
                            pos += len;
                            pc = next;
                        } else {
                            break;
                        }
                    }
                    Inst::Class { class, next } => match class.len_at(text, pos) {
                        Some(len) => {
                            pos += len;
                            pc = next;
                        }
                        None => break,
                    },
                    Inst::Run { class, min, next } => {
                        let mut taken = 0;
                        while let Some(len) = class.len_at(text, pos) {
                            pos += len;
                            taken += 1;
                        }
                        if taken < min {
                            break;
                        }
                        pc = next;
                    }
                    Inst::Split { first, second } => {
                        stack.push((second, pos));
                        pc = first;
                    }
                    Inst::Match => {
                        if accept(pos) {
                            return Ok(Some(pos));
                        }
                        break;
                    }
                }
            }
        }
        Ok(None)
    }
}

/// The pieces of one alternative of a word token: letters, `*` for any further letters,
/// apostrophes standing for any apostrophe.
fn word_nodes(alternative: &str) -> Vec<Node> {
    alternative
        .chars()
        .map(|c| match c {
            '*' => Node::Star(Class::Word),
            '\'' | '’' | 'ʼ' => Node::One(Class::Apostrophe),
            c => Node::Char(c),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::alternatives::Alternatives;
    use crate::fold::fold;
    use crate::term::is_word_char;
    use crate::term_cache::TermCache;
    use crate::term_chars::{starts_mid_word, word_starts};
    use crate::term_regex::term_to_regex;
    use regex_automata::Input;
    use regex_automata::meta::Regex;

    /// The reference: the term's regex, searched from `at`, passing over matches that start
    /// inside a word, as the engine did before terms ran as programs.
    fn regex_find_at(regex: &Regex, text: &str, at: usize) -> Option<(usize, usize)> {
        let mut from = at;
        while from <= text.len() {
            let m = regex.search(&Input::new(text).range(from..))?;
            if !starts_mid_word(text, m.start()) {
                return Some((m.start(), m.end()));
            }
            from = m.start() + text[m.start()..].chars().next().map_or(1, char::len_utf8);
        }
        None
    }

    /// A folded term with each alternative written once per position.
    fn without_repeated_alternatives(folded: &str) -> String {
        folded
            .split_whitespace()
            .map(|token| {
                let mut seen: Vec<&str> = Vec::new();
                for alternative in token.split('|') {
                    if !seen.contains(&alternative) {
                        seen.push(alternative);
                    }
                }
                seen.join("|")
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Compares the engine's search for the term (its program, through the list search the
    /// engine runs) with the regex from start positions of `text`, and the whole-span tests
    /// on spans from each word start to each of the next few word ends; returns the number
    /// of comparisons.
    fn compare(term: &str, text: &str, every_position: bool) -> usize {
        let folded_term = fold(term);
        let program = TermProgram::new(&folded_term);
        let cache = TermCache::new(Default::default());
        let alternatives = Alternatives::new(&[cache.get(term).unwrap()]);
        let source = term_to_regex(term).unwrap();
        let regex = Regex::new(&source).unwrap();
        let whole = Regex::new(&format!(r"\A(?:{source})\z")).unwrap();
        let starts = word_starts(text);
        let mut stack = Vec::new();
        let mut checked = 0;
        let positions: Vec<usize> = if every_position {
            (0..=text.len())
                .filter(|&i| text.is_char_boundary(i))
                .collect()
        } else {
            std::iter::once(0)
                .chain(starts.iter().map(|&s| s + 1))
                .collect()
        };
        for at in positions.into_iter().filter(|&i| text.is_char_boundary(i)) {
            let got = alternatives.search_among(text, &[0], &starts).find_at(at);
            assert_eq!(
                got,
                regex_find_at(&regex, text, at),
                "term {term:?} in {text:?} from {at}"
            );
            checked += 1;
        }
        let ends: Vec<usize> = text
            .char_indices()
            .filter(|&(i, c)| {
                !is_word_char(c) && text[..i].chars().next_back().is_some_and(is_word_char)
            })
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect();
        let mut match_ends = Vec::new();
        for &s in &starts {
            match_ends.clear();
            program
                .match_ends(text, s, &mut stack, &mut match_ends)
                .unwrap();
            for &e in ends.iter().filter(|&&e| e > s).take(5) {
                let span = &text[s..e];
                assert_eq!(
                    program.matches_whole(span, &mut stack).unwrap(),
                    whole.is_match(span),
                    "whole term {term:?} on {span:?}"
                );
                assert_eq!(
                    match_ends.contains(&e),
                    whole.is_match(span),
                    "ends of term {term:?} from {s} in {text:?}"
                );
                checked += 1;
            }
        }
        checked
    }

    #[test]
    fn same_matches_as_the_regex_on_tricky_terms() {
        let cases: &[(&str, &str)] = &[
            (
                "took|kept * passport*",
                "he took my passports, they kept our passport.",
            ),
            ("pass", "passport pass, a pass-word"),
            ("*paid", "unpaid prepaid paid paidx"),
            ("pa*port", "passport paport pa-port"),
            (
                "kept ... passport*",
                "kept all of our own passports; kept one two three four passport",
            ),
            (
                "# hours",
                "14 hours, 1,500 hours, 12 000 hours, ١٢ hours, 3.5.6 hours",
            ),
            ("# usd", "pay 1 500 usd or 2,000usd"),
            (
                "didn't pay",
                "they didn’t pay, didnʼt pay, didn't  pay, didnt pay",
            ),
            ("'s boss", "the owner's boss ' s boss ’s boss"),
            ("e-mail", "send an e-mail or e mail"),
            ("не отда*т", "он не отдает паспорт, не  отдаёт, не-отдают"),
            ("* паспорт*", "забрали паспорт, «паспорта» нет"),
            ("a×b", "a×b ×b a×bc"),
            ("× b", "a× b x× b"),
            ("«нет»", "сказал «нет» и «нет»."),
            ("u.s.", "in the u.s. and u.s.a"),
            (
                "за вас ... отдал ... отработай|отработайте",
                "за вас аа бб вв отдал гг дд отработайте",
            ),
        ];
        let mut checked = 0;
        for (term, text) in cases {
            checked += compare(term, &fold(text), true);
        }
        assert!(checked > 500, "{checked}");
    }

    /// Every built-in term against every fixture sentence holding one of its anchors, searched
    /// from the start and from just inside every word (where the engine resumes).
    /// Every sentence of the fixtures' texts, folded.
    fn fixture_sentences(rules: &crate::ruleset::RuleSet) -> Vec<String> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut sentences = Vec::new();
        for lang in ["en", "ru"] {
            for entry in std::fs::read_dir(dir.join(lang)).unwrap() {
                let path = entry.unwrap().path();
                if path.extension().is_some_and(|e| e == "txt") {
                    let text = fold(&std::fs::read_to_string(path).unwrap());
                    for range in crate::text::sentences(&text, &rules.abbreviations) {
                        sentences.push(text[range].to_string());
                    }
                }
            }
        }
        sentences
    }

    /// Calls `f` with every built-in term that has anchors (written without repeated
    /// alternatives: folding makes "зовёт|зовет" a word written twice, which a term as written
    /// may not have, check_term), and the fixture sentences holding one of its anchors.
    fn for_each_builtin_term_and_its_sentences(mut f: impl FnMut(&str, &[&str])) {
        let rules = crate::ruleset::RuleSet::builtin().unwrap();
        let sentences = fixture_sentences(&rules);
        for pack in rules.packs.values() {
            for term in pack.compiled().term_cache.all() {
                let Some(anchors) = &term.anchors else {
                    continue;
                };
                let holding: Vec<&str> = sentences
                    .iter()
                    .map(String::as_str)
                    .filter(|s| anchors.literals().any(|a| s.contains(a)))
                    .collect();
                f(&without_repeated_alternatives(term.term()), &holding);
            }
        }
    }

    #[test]
    fn same_matches_as_the_regex_for_every_builtin_term() {
        let (mut terms, mut checked) = (0, 0);
        for_each_builtin_term_and_its_sentences(|term, sentences| {
            terms += 1;
            for sentence in sentences {
                checked += compare(term, sentence, false);
            }
        });
        assert!(
            terms > 4000 && checked > 1_000_000,
            "{terms} terms, {checked} checks"
        );
    }

    /// The prefilter leaves a term out of a sentence (its anchor is not there, or not where a
    /// word ends, or another of its words is missing: [`crate::prefilter`]) only where the
    /// term, searched without a prefilter, finds nothing: every built-in term against every
    /// fixture sentence holding one of its anchors anywhere.
    #[test]
    fn the_prefilter_never_leaves_out_a_builtin_term_that_matches() {
        let (mut matched, mut left_out) = (0, 0);
        for_each_builtin_term_and_its_sentences(|term, sentences| {
            let set = crate::term::TermSet::new(&[term.to_string()]).unwrap();
            let prefilter = crate::prefilter::Prefilter::new([&set]);
            for &sentence in sentences {
                let found = set.find_all_among(sentence, &[0], &word_starts(sentence));
                let whole = 0..sentence.len();
                let candidate = prefilter
                    .candidates(sentence, std::slice::from_ref(&whole), &[true])
                    .sentences(0)
                    .contains(&0);
                assert!(
                    candidate || found.is_empty(),
                    "{term:?} left out of {sentence:?}"
                );
                matched += usize::from(!found.is_empty());
                left_out += usize::from(!candidate);
            }
        });
        // Enough matches to mean something, and a prefilter that does leave terms out.
        assert!(matched > 3_000 && left_out > 30_000, "{matched} {left_out}");
    }

    #[test]
    fn a_contrived_term_runs_out_of_steps_instead_of_hanging() {
        let program = TermProgram::new("a*a*a*a*a*a*a*a*b");
        let text = "a".repeat(200);
        assert_eq!(program.match_at(&text, 0, &mut Vec::new()), Err(Exhausted));
    }
}
