//! A byte trie of anchor words, walked from one position of a text to report every anchor
//! that starts exactly there. The prefilter walks it from each word start: a walk stops at
//! the first byte no anchor continues with, so a word costs a few steps, where running an
//! automaton over every byte of the text cost many more.

/// No anchor ends at this node.
const NONE: u32 = u32::MAX;

/// The trie, flattened: node `n`'s edges are `bytes[from..to]` (sorted) with targets at the
/// same places of `targets`, `from..to` given by its [`Node`].
#[derive(Debug, Clone)]
pub struct AnchorTrie {
    /// The root's children by byte, for the first step without a search.
    root: Box<[u32; 256]>,
    nodes: Vec<Node>,
    bytes: Vec<u8>,
    targets: Vec<u32>,
    /// Children by byte of the nodes with many of them (the first letters of words,
    /// Cyrillic letters after their shared first byte), 256 per node.
    tables: Vec<u32>,
}

/// What a walk step needs of a node, side by side (one bounds check, one cache line).
#[derive(Debug, Clone, Copy)]
struct Node {
    /// The index of the anchor ending here, or [`NONE`].
    end: u32,
    /// The node's table of children at `tables[table * 256..]`, or [`NONE`] when its few
    /// edges are scanned.
    table: u32,
    from: u32,
    to: u32,
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
            nodes: Vec::new(),
            bytes: Vec::new(),
            targets: Vec::new(),
            tables: Vec::new(),
        };
        // Per node: where its edges start, and the anchor ending there.
        let (mut edges, mut ends) = (Vec::new(), vec![NONE]);
        // Nodes to expand: (depth, run of `order`), in node-number order.
        let mut queue = std::collections::VecDeque::from([(0usize, 0..order.len())]);
        while let Some((depth, run)) = queue.pop_front() {
            edges.push(trie.bytes.len() as u32);
            let mut k = run.start;
            // Anchors ending here (sorted first, being the shortest); duplicates keep the
            // first index.
            let node = ends.len() - queue.len() - 1;
            while k < run.end && bytes_of(order[k]).len() == depth {
                if ends[node] == NONE {
                    ends[node] = order[k] as u32;
                }
                k += 1;
            }
            while k < run.end {
                let b = bytes_of(order[k])[depth];
                let from = k;
                while k < run.end && bytes_of(order[k])[depth] == b {
                    k += 1;
                }
                let child = ends.len() as u32;
                ends.push(NONE);
                trie.bytes.push(b);
                trie.targets.push(child);
                queue.push_back((depth + 1, from..k));
            }
        }
        edges.push(trie.bytes.len() as u32);
        for k in edges[0] as usize..edges[1] as usize {
            trie.root[trie.bytes[k] as usize] = trie.targets[k];
        }
        for (n, &end) in ends.iter().enumerate() {
            let (from, to) = (edges[n], edges[n + 1]);
            let mut table = NONE;
            if (to - from) as usize > SCANNED_EDGES {
                let at = trie.tables.len();
                table = (at / 256) as u32;
                trie.tables.resize(at + 256, NONE);
                for k in from as usize..to as usize {
                    trie.tables[at + trie.bytes[k] as usize] = trie.targets[k];
                }
            }
            trie.nodes.push(Node {
                end,
                table,
                from,
                to,
            });
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
            let n = self.nodes[node as usize];
            if n.end != NONE {
                found(n.end as usize);
            }
            let Some(&b) = text.get(at) else {
                return;
            };
            node = if n.table != NONE {
                self.tables[n.table as usize * 256 + b as usize]
            } else {
                let (from, to) = (n.from as usize, n.to as usize);
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
