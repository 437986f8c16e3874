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
    /// Per node with many children (the first letters of words, Cyrillic letters after
    /// their shared first byte): its children by byte in a table of 256 at
    /// `tables[t * 256..]`, `t` given here; [`NONE`] for the others, whose few edges are
    /// scanned.
    table_of: Vec<u32>,
    tables: Vec<u32>,
}

/// Nodes with more children than this get a table of children by byte: a walk step is then
/// one lookup instead of a search of the edges (most steps are at such nodes).
const SCANNED_EDGES: usize = 4;

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
            table_of: Vec::new(),
            tables: Vec::new(),
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
        for n in 0..trie.ends.len() {
            let (from, to) = (trie.edges[n] as usize, trie.edges[n + 1] as usize);
            if to - from <= SCANNED_EDGES {
                trie.table_of.push(NONE);
                continue;
            }
            let table = trie.tables.len();
            trie.table_of.push((table / 256) as u32);
            trie.tables.resize(table + 256, NONE);
            for k in from..to {
                trie.tables[table + trie.bytes[k] as usize] = trie.targets[k];
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
            let table = self.table_of[n];
            node = if table != NONE {
                self.tables[table as usize * 256 + b as usize]
            } else {
                let (from, to) = (self.edges[n] as usize, self.edges[n + 1] as usize);
                match self.bytes[from..to].iter().position(|&e| e == b) {
                    Some(k) => self.targets[from + k],
                    None => NONE,
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
        assert!(trie.tables.len() >= 2 * 256, "some nodes have tables");
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
