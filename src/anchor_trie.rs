//! A byte trie of anchor words, walked from one position of a text to report every anchor
//! that starts exactly there. The prefilter walks it from each word start: a walk stops at
//! the first byte no anchor continues with, so a word costs a few steps, where running an
//! automaton over every byte of the text cost many more.

use std::collections::BTreeMap;

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
}

impl AnchorTrie {
    /// A trie of `anchors`; a walk reports anchors by their index in this list. Empty
    /// anchors are left out (they would match everywhere).
    pub fn new<S: AsRef<str>>(anchors: &[S]) -> Self {
        let mut children: Vec<BTreeMap<u8, u32>> = vec![BTreeMap::new()];
        let mut ends = vec![NONE];
        for (id, anchor) in anchors.iter().enumerate() {
            let anchor = anchor.as_ref().as_bytes();
            if anchor.is_empty() {
                continue;
            }
            let mut node = 0usize;
            for &b in anchor {
                let next = children.len() as u32;
                let child = *children[node].entry(b).or_insert(next);
                if child == next {
                    children.push(BTreeMap::new());
                    ends.push(NONE);
                }
                node = child as usize;
            }
            // Duplicate anchors keep the first index; callers pass distinct anchors.
            if ends[node] == NONE {
                ends[node] = id as u32;
            }
        }
        let mut root = Box::new([NONE; 256]);
        for (&b, &child) in &children[0] {
            root[b as usize] = child;
        }
        let mut edges = Vec::with_capacity(children.len() + 1);
        let (mut bytes, mut targets) = (Vec::new(), Vec::new());
        for node in &children {
            edges.push(bytes.len() as u32);
            for (&b, &child) in node {
                bytes.push(b);
                targets.push(child);
            }
        }
        edges.push(bytes.len() as u32);
        AnchorTrie {
            root,
            edges,
            bytes,
            targets,
            ends,
        }
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
            let (from, to) = (self.edges[n] as usize, self.edges[n + 1] as usize);
            node = match self.bytes[from..to].binary_search(&b) {
                Ok(k) => self.targets[from + k],
                Err(_) => NONE,
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
