//! A byte trie of anchor words, walked from one position of a text to report every anchor
//! that starts exactly there. The prefilter walks it from each word start: a walk stops at
//! the first byte no anchor continues with, so a word costs a few steps, where running an
//! automaton over every byte of the text cost many more.

/// No anchor ends at this node.
const NONE: u32 = u32::MAX;

/// The trie, flattened: node `n`'s edges are `bytes[edges[n]..edges[n + 1]]` (sorted) with
/// targets at the same places of `targets`.
#[derive(Debug, Clone)]
pub struct AnchorTrie {
    /// The root's children by byte, for the first step without a search.
    root: Box<[u32; 256]>,
    edges: Vec<u32>,
    bytes: Vec<u8>,
    targets: Vec<u32>,
    /// Per node: the index of the anchor ending there, or [`NONE`].
    ends: Vec<u32>,
    /// Per node with more than one edge: where its children by byte class start in `dense`
    /// (one per class), or [`NONE`] for a node with one edge or none, which is read as it
    /// is. A lookup costs fewer instructions than reading a node's edges in turn or
    /// searching them.
    dense_at: Vec<u32>,
    dense: Vec<u32>,
    /// Each byte's class: bytes that no edge takes share class 0, every other byte has a
    /// class of its own, so that `dense` holds only as many columns as anchors use bytes
    /// (UTF-8 never uses 13 of the 256 byte values, so the classes fit in a byte).
    classes: Box<[u8; 256]>,
    /// The number of classes.
    class_count: usize,
}

impl AnchorTrie {
    /// A trie of `anchors`; a walk reports anchors by their index in this list. Empty
    /// anchors are left out (they would match everywhere).
    pub fn new<S: AsRef<str>>(anchors: &[S]) -> Self {
        // Built from the anchors in sorted order, breadth first: the anchors below a node
        // are a run of the sorted list, and its children are that run grouped by the next
        // byte, so edges come out sorted with no map per node.
        let mut order: Vec<usize> = (0..anchors.len())
            .filter(|&i| !anchors[i].as_ref().is_empty())
            .collect();
        let bytes_of = |i: usize| anchors[i].as_ref().as_bytes();
        order.sort_by(|&a, &b| bytes_of(a).cmp(bytes_of(b)).then(a.cmp(&b)));
        let mut trie = AnchorTrie {
            root: Box::new([NONE; 256]),
            edges: Vec::new(),
            bytes: Vec::new(),
            targets: Vec::new(),
            ends: Vec::new(),
            dense_at: Vec::new(),
            dense: Vec::new(),
            classes: Box::new([0; 256]),
            class_count: 1,
        };
        // Nodes to expand: (depth, run of `order`), in node-number order.
        let mut queue = std::collections::VecDeque::from([(0usize, 0..order.len())]);
        trie.ends.push(NONE);
        while let Some((depth, run)) = queue.pop_front() {
            trie.edges.push(trie.bytes.len() as u32);
            let mut k = run.start;
            // Anchors ending here (sorted first, being the shortest); duplicates keep the
            // first index.
            let node = trie.ends.len() - queue.len() - 1;
            while k < run.end && bytes_of(order[k]).len() == depth {
                if trie.ends[node] == NONE {
                    trie.ends[node] = order[k] as u32;
                }
                k += 1;
            }
            while k < run.end {
                let b = bytes_of(order[k])[depth];
                let from = k;
                while k < run.end && bytes_of(order[k])[depth] == b {
                    k += 1;
                }
                let child = trie.ends.len() as u32;
                trie.ends.push(NONE);
                trie.bytes.push(b);
                trie.targets.push(child);
                queue.push_back((depth + 1, from..k));
            }
        }
        trie.edges.push(trie.bytes.len() as u32);
        let (from, to) = (trie.edges[0] as usize, trie.edges[1] as usize);
        for k in from..to {
            trie.root[trie.bytes[k] as usize] = trie.targets[k];
        }
        let mut used = [false; 256];
        trie.bytes.iter().for_each(|&b| used[b as usize] = true);
        for (class, _) in trie.classes.iter_mut().zip(used).filter(|(_, used)| *used) {
            *class = trie.class_count as u8;
            trie.class_count += 1;
        }
        for n in 0..trie.ends.len() {
            let (from, to) = (trie.edges[n] as usize, trie.edges[n + 1] as usize);
            if to - from <= 1 {
                trie.dense_at.push(NONE);
                continue;
            }
            let at = trie.dense.len();
            trie.dense_at.push(at as u32);
            trie.dense.resize(at + trie.class_count, NONE);
            for k in from..to {
                trie.dense[at + trie.classes[trie.bytes[k] as usize] as usize] = trie.targets[k];
            }
        }
        trie
    }

    /// Calls `found` with the index of every anchor that `text` starts with, shortest first.
    #[inline]
    pub fn walk(&self, text: &[u8], mut found: impl FnMut(usize)) {
        let Some(&first) = text.first() else {
            return;
        };
        let mut node = self.root[first as usize];
        let mut at = 1;
        while node != NONE {
            let n = node as usize;
            if self.ends[n] != NONE {
                found(self.ends[n] as usize);
            }
            let Some(&b) = text.get(at) else {
                return;
            };
            let dense = self.dense_at[n];
            node = if dense != NONE {
                self.dense[dense as usize + self.classes[b as usize] as usize]
            } else {
                let edge = self.edges[n] as usize;
                if edge < self.edges[n + 1] as usize && self.bytes[edge] == b {
                    self.targets[edge]
                } else {
                    NONE
                }
            };
            at += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn walked(trie: &AnchorTrie, text: &str) -> Vec<usize> {
        let mut out = Vec::new();
        trie.walk(text.as_bytes(), |id| out.push(id));
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

    /// The same anchors as a plain search for each anchor at the start of the text.
    #[test]
    fn agrees_with_starts_with() {
        let anchors = ["не", "нет", "неделю", "a", "ab", "abc", "b", "ёж", "e-mail"];
        let trie = AnchorTrie::new(&anchors);
        for text in ["неделю", "нетто", "abcd", "b", "e-mails", "xyz", "a"] {
            let mut expected: Vec<usize> = (0..anchors.len())
                .filter(|&i| text.starts_with(anchors[i]))
                .collect();
            expected.sort_by_key(|&i| anchors[i].len());
            assert_eq!(walked(&trie, text), expected, "{text}");
        }
    }
}
