//! A byte trie of anchor words, walked from one position of a text to report every anchor
//! that starts exactly there. The prefilter walks it from each word start: a walk stops at
//! the first byte no anchor continues with, so a word costs a few steps, where running an
//! automaton over every byte of the text cost many more.

use std::ops::Range;

/// No anchor ends here / no such child.
const NONE: u32 = u32::MAX;

/// A node's header word: its kind in the low two bits, [`HAS_END`], and for a node with one
/// edge that edge's byte (bits 8..16), for a node with a few edges their number (bits
/// 16..19).
const KIND: u32 = 0b11;
/// No edges.
const LEAF: u32 = 0;
/// One edge; the child's record follows this one's.
const ONE: u32 = 1;
/// Two to [`FEW_MAX`] edges: a word of their bytes (the first in the low byte), then the
/// children's offsets in the same order.
const FEW: u32 = 2;
/// More edges: the children's offsets by byte class (`class_count` words).
const TABLE: u32 = 3;
/// An anchor ends at the node: its index is the word after the header.
const HAS_END: u32 = 0b100;
const FEW_MAX: usize = 4;

/// The trie, laid out depth first in one array of words, each node a short record (see
/// [`KIND`]): a walk reads a node and then, usually, a record close after it, so a word's
/// walk touches few cache lines (a single-edge chain, the tail of most anchors, is read in
/// sequence), where a layout of separate node, edge and table arrays cost a cache miss in
/// each at every step (measured: most of the prefilter's time went to those misses).
#[derive(Debug, Clone)]
pub struct AnchorTrie {
    /// The root's children by byte (offsets into `code`), for the first step without a
    /// search.
    root: Box<[u32; 256]>,
    code: Vec<u32>,
    /// Each byte's class, for table nodes: bytes that no edge takes share class 0, every
    /// other byte has a class of its own, so that a table has only as many words as
    /// anchors use bytes (UTF-8 never uses 13 of the 256 byte values, so the classes fit in
    /// a byte).
    classes: Box<[u8; 256]>,
    class_count: usize,
}

impl AnchorTrie {
    /// A trie of `anchors`; a walk reports anchors by their index in this list. Empty
    /// anchors are left out (they would match everywhere); of repeated anchors, the first
    /// index is reported.
    pub fn new<S: AsRef<str>>(anchors: &[S]) -> Self {
        // Written from the anchors in sorted order: the anchors below a node are a run of
        // the sorted list, and its children are that run grouped by the next byte, so the
        // records come out depth first with no tree built beforehand.
        let mut order: Vec<usize> = (0..anchors.len())
            .filter(|&i| !anchors[i].as_ref().is_empty())
            .collect();
        let bytes_of = |i: usize| anchors[i].as_ref().as_bytes();
        // The index breaks ties, so the faster unstable sort gives the one order.
        order.sort_unstable_by(|&a, &b| bytes_of(a).cmp(bytes_of(b)).then(a.cmp(&b)));
        let sorted: Vec<&[u8]> = order.iter().map(|&i| bytes_of(i)).collect();
        let mut trie = AnchorTrie {
            root: Box::new([NONE; 256]),
            code: Vec::new(),
            classes: Box::new([0; 256]),
            class_count: 1,
        };
        let mut used = [false; 256];
        for anchor in &sorted {
            anchor[1..].iter().for_each(|&b| used[b as usize] = true);
        }
        for (class, _) in trie.classes.iter_mut().zip(used).filter(|(_, used)| *used) {
            *class = trie.class_count as u8;
            trie.class_count += 1;
        }
        for (b, run) in groups(&sorted, 0, 0..sorted.len()) {
            trie.root[b as usize] = trie.emit(&sorted, &order, run, 1);
        }
        trie
    }

    /// Writes the record of the node reached by the first `depth` bytes of the anchors
    /// `sorted[run]` (which share them), then the records below it, depth first; returns
    /// where the node's record starts. `order` gives each sorted anchor's index.
    fn emit(&mut self, sorted: &[&[u8]], order: &[usize], run: Range<usize>, depth: usize) -> u32 {
        let at = self.code.len();
        // Anchors ending here sort first, the first given before its repeats.
        let ending = sorted[run.clone()]
            .iter()
            .take_while(|a| a.len() == depth)
            .count();
        let end = (ending > 0).then(|| order[run.start] as u32);
        // The children are counted first, and grouped again as they are written, rather
        // than collected: the trie has tens of thousands of nodes.
        let children = || groups(sorted, depth, run.start + ending..run.end);
        let kind = match children().count() {
            0 => LEAF,
            1 => ONE | (sorted[run.start + ending][depth] as u32) << 8,
            n if n <= FEW_MAX => FEW | (n as u32) << 16,
            _ => TABLE,
        };
        self.code
            .push(kind | if end.is_some() { HAS_END } else { 0 });
        self.code.extend(end);
        match kind & KIND {
            ONE => {
                self.emit(sorted, order, run.start + ending..run.end, depth + 1);
            }
            FEW => {
                let n = (kind >> 16) as usize;
                let bytes = children()
                    .enumerate()
                    .fold(0u32, |word, (k, (b, _))| word | (b as u32) << (8 * k));
                self.code.push(bytes);
                let slots = self.code.len();
                self.code.resize(slots + n, NONE);
                for (k, (_, run)) in children().enumerate() {
                    self.code[slots + k] = self.emit(sorted, order, run, depth + 1);
                }
            }
            TABLE => {
                let slots = self.code.len();
                self.code.resize(slots + self.class_count, NONE);
                for (b, run) in children() {
                    let class = self.classes[b as usize] as usize;
                    self.code[slots + class] = self.emit(sorted, order, run, depth + 1);
                }
            }
            _ => {}
        }
        at as u32
    }

    /// Calls `found` with the index and the length in bytes of every anchor that `text`
    /// starts with, shortest first.
    #[inline]
    pub fn walk(&self, text: &[u8], mut found: impl FnMut(usize, usize)) {
        let Some(&first) = text.first() else {
            return;
        };
        let mut node = self.root[first as usize];
        let mut at = 1;
        while node != NONE {
            let mut k = node as usize;
            let header = self.code[k];
            k += 1;
            if header & HAS_END != 0 {
                found(self.code[k] as usize, at);
                k += 1;
            }
            let Some(&b) = text.get(at) else {
                return;
            };
            node = match header & KIND {
                ONE if (header >> 8) as u8 == b => k as u32,
                FEW => {
                    let bytes = self.code[k];
                    let n = (header >> 16) as usize & 7;
                    (0..n)
                        .find(|&i| (bytes >> (8 * i)) as u8 == b)
                        .map_or(NONE, |i| self.code[k + 1 + i])
                }
                TABLE => self.code[k + self.classes[b as usize] as usize],
                _ => NONE,
            };
            at += 1;
        }
    }
}

/// The anchors `sorted[run]` (sorted, all at least `depth + 1` bytes long) grouped by
/// their byte at `depth`: each byte with its run.
fn groups<'s>(
    sorted: &'s [&[u8]],
    depth: usize,
    run: Range<usize>,
) -> impl Iterator<Item = (u8, Range<usize>)> + 's {
    let mut k = run.start;
    std::iter::from_fn(move || {
        if k >= run.end {
            return None;
        }
        let (from, b) = (k, sorted[k][depth]);
        while k < run.end && sorted[k][depth] == b {
            k += 1;
        }
        Some((b, from..k))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    impl AnchorTrie {
        /// The kind of every node below the root.
        fn node_kinds(&self) -> Vec<u32> {
            let mut kinds = Vec::new();
            let mut todo: Vec<usize> = self
                .root
                .iter()
                .filter(|&&n| n != NONE)
                .map(|&n| n as usize)
                .collect();
            while let Some(k) = todo.pop() {
                let header = self.code[k];
                let body = k + 1 + usize::from(header & HAS_END != 0);
                kinds.push(header & KIND);
                match header & KIND {
                    ONE => todo.push(body),
                    FEW => {
                        let n = (header >> 16) as usize & 7;
                        todo.extend(
                            self.code[body + 1..body + 1 + n]
                                .iter()
                                .map(|&c| c as usize),
                        );
                    }
                    TABLE => todo.extend(
                        self.code[body..body + self.class_count]
                            .iter()
                            .filter(|&&c| c != NONE)
                            .map(|&c| c as usize),
                    ),
                    _ => {}
                }
            }
            kinds
        }
    }

    fn walked(trie: &AnchorTrie, text: &str) -> Vec<usize> {
        walked_with_lengths(trie, text)
            .into_iter()
            .map(|(id, _)| id)
            .collect()
    }

    fn walked_with_lengths(trie: &AnchorTrie, text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        trie.walk(text.as_bytes(), |id, length| out.push((id, length)));
        out
    }

    #[test]
    fn reports_every_anchor_the_text_starts_with() {
        let trie = AnchorTrie::new(&["pass", "passport", "pay", "паспорт", "", "p"]);
        assert_eq!(walked(&trie, "passports here"), vec![5, 0, 1]);
        assert_eq!(walked(&trie, "pay"), vec![5, 2]);
        assert_eq!(walked(&trie, "pa"), vec![5]);
        assert_eq!(walked(&trie, "паспорта"), vec![3]);
        assert_eq!(walked(&trie, "a passport"), Vec::<usize>::new());
        assert_eq!(walked(&trie, ""), Vec::<usize>::new());
        assert_eq!(
            walked_with_lengths(&trie, "passports here"),
            vec![(5, 1), (0, 4), (1, 8)],
            "each with its length in bytes"
        );
        assert_eq!(walked_with_lengths(&trie, "паспорта"), vec![(3, 14)]);
        let repeated = AnchorTrie::new(&["ab", "a", "ab"]);
        assert_eq!(
            walked(&repeated, "abc"),
            vec![1, 0],
            "the first of repeated anchors"
        );
    }

    /// Nodes with many edges (looked up in a table), one edge and none (leaves) report
    /// what a plain comparison does, from every position of a text, bytes no anchor uses
    /// included.
    #[test]
    fn every_kind_of_node_agrees_with_starts_with() {
        let mut anchors: Vec<String> = ('a'..='z').map(|c| format!("s{c}")).collect();
        anchors.extend(
            ["stop", "stopped", "sta", "пас", "паспорт", "пар", "€", "x"].map(String::from),
        );
        let trie = AnchorTrie::new(&anchors);
        let text = "stopped at a stall, паспорт парк; €5 x-ray sz ~ é s";
        for at in (0..text.len()).filter(|&i| text.is_char_boundary(i)) {
            let rest = &text[at..];
            let mut expected: Vec<usize> = (0..anchors.len())
                .filter(|&i| rest.starts_with(&anchors[i]))
                .collect();
            expected.sort_by_key(|&i| anchors[i].len());
            assert_eq!(walked(&trie, rest), expected, "{rest}");
        }
    }

    /// The same anchors as a plain search for each anchor at the start of the text, at nodes
    /// with few children (scanned) and many (a table).
    #[test]
    fn agrees_with_starts_with() {
        let anchors = [
            "не",
            "нет",
            "неделю",
            "a",
            "ab",
            "abc",
            "b",
            "ёж",
            "e-mail",
            "pa",
            "pe",
            "pi",
            "po",
            "pu",
            "py",
            "паспорт",
            "пара",
            "пол",
            "пусто",
            "пять",
            "печь",
        ];
        let trie = AnchorTrie::new(&anchors);
        let kinds = trie.node_kinds();
        assert!(
            kinds.contains(&TABLE) && kinds.contains(&FEW) && kinds.contains(&ONE),
            "nodes of every kind"
        );
        for text in [
            "неделю",
            "нетто",
            "abcd",
            "b",
            "e-mails",
            "xyz",
            "a",
            "pupil",
            "pq",
            "паспорта",
            "печь",
            "пьеса",
            "p",
        ] {
            let mut expected: Vec<usize> = (0..anchors.len())
                .filter(|&i| text.starts_with(anchors[i]))
                .collect();
            expected.sort_by_key(|&i| anchors[i].len());
            assert_eq!(walked(&trie, text), expected, "{text}");
        }
    }
}
