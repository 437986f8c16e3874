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
    /// Children by byte class of the nodes with more than one edge, `class_count` per node.
    /// A lookup costs fewer instructions than reading a node's edges in turn or searching
    /// them.
    tables: Vec<u32>,
    /// Each byte's class: bytes that no edge takes share class 0, every other byte has a
    /// class of its own, so that a table has only as many columns as anchors use bytes
    /// (UTF-8 never uses 13 of the 256 byte values, so the classes fit in a byte).
    classes: Box<[u8; 256]>,
    class_count: usize,
}

/// What a walk step needs of a node, side by side (one bounds check, one cache line).
#[derive(Debug, Clone, Copy)]
struct Node {
    /// The index of the anchor ending here, or [`NONE`].
    end: u32,
    /// Where the node's children by class start in `tables`, or [`NONE`] for a node with
    /// one edge (compared) or none.
    table: u32,
    from: u32,
    to: u32,
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
            nodes: Vec::new(),
            bytes: Vec::new(),
            targets: Vec::new(),
            tables: Vec::new(),
            classes: Box::new([0; 256]),
            class_count: 1,
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
        let mut used = [false; 256];
        trie.bytes.iter().for_each(|&b| used[b as usize] = true);
        for (class, _) in trie.classes.iter_mut().zip(used).filter(|(_, used)| *used) {
            *class = trie.class_count as u8;
            trie.class_count += 1;
        }
        for (n, &end) in ends.iter().enumerate() {
            let (from, to) = (edges[n], edges[n + 1]);
            let mut table = NONE;
            if to - from > 1 {
                let at = trie.tables.len();
                table = at as u32;
                trie.tables.resize(at + trie.class_count, NONE);
                for k in from as usize..to as usize {
                    let class = trie.classes[trie.bytes[k] as usize] as usize;
                    trie.tables[at + class] = trie.targets[k];
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
                self.tables[n.table as usize + self.classes[b as usize] as usize]
            } else if n.from < n.to && self.bytes[n.from as usize] == b {
                self.targets[n.from as usize]
            } else {
                NONE
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
        assert!(!trie.tables.is_empty(), "some nodes have tables");
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
