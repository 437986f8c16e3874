//! A set of short words for lookups by the million: language detection looks every word of
//! every text up in each candidate pack's common words. A word of up to 16 bytes (nearly
//! every common word, English or Russian) is identified by its length and two u64 loads of
//! its bytes, so a lookup hashes those and compares them, with no string hashing and no
//! byte-by-byte comparison; longer words also compare their bytes.

/// A set of words (byte strings), built once, looked up often.
#[derive(Debug, Clone, Default)]
pub struct WordTable {
    /// Open addressing, a power of two at least twice the number of words: an index into
    /// `keys`, or [`EMPTY`].
    slots: Vec<u32>,
    keys: Vec<Key>,
    /// The words longer than 16 bytes, beside their keys (empty for the others).
    long: Vec<Box<[u8]>>,
    /// `64 - log2(slots.len())`: the hash's top bits pick the slot.
    shift: u32,
    /// A hash of the words (FNV-1a over them sorted), the same in every build and on every
    /// machine: it tells whether terms translated ahead of time ([`crate::translated`]) were
    /// translated with these common words.
    fingerprint: u64,
}

const EMPTY: u32 = u32::MAX;

/// A word's length and two u64s that, for a word of up to 16 bytes, determine it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Key {
    len: usize,
    a: u64,
    b: u64,
}

impl Key {
    fn of(word: &[u8]) -> Key {
        let len = word.len();
        let u32_at = |i: usize| u32::from_le_bytes(word[i..i + 4].try_into().expect("4 bytes"));
        let u64_at = |i: usize| u64::from_le_bytes(word[i..i + 8].try_into().expect("8 bytes"));
        // The loads overlap for lengths between the sizes; with the length they still tell
        // every word apart (as in rustc-hash's own byte hashing).
        let (a, b) = match len {
            0 => (0, 0),
            1..=3 => (
                u64::from(word[0]) | u64::from(word[len / 2]) << 8 | u64::from(word[len - 1]) << 16,
                0,
            ),
            4..=8 => (u64::from(u32_at(0)) | u64::from(u32_at(len - 4)) << 32, 0),
            _ => (u64_at(0), u64_at(len - 8)),
        };
        Key { len, a, b }
    }

    fn hash(&self) -> u64 {
        (self.a ^ self.b.rotate_left(29) ^ self.len as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
    }
}

impl WordTable {
    /// True when `word` is in the set.
    #[inline]
    pub fn contains(&self, word: &str) -> bool {
        if self.keys.is_empty() {
            return false;
        }
        let word = word.as_bytes();
        let key = Key::of(word);
        let mask = self.slots.len() - 1;
        let mut slot = (key.hash() >> self.shift) as usize;
        loop {
            let k = self.slots[slot];
            if k == EMPTY {
                return false;
            }
            if self.keys[k as usize] == key && (key.len <= 16 || *self.long[k as usize] == *word) {
                return true;
            }
            slot = (slot + 1) & mask;
        }
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// See the field: equal tables have equal fingerprints.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

impl<S: AsRef<str>> FromIterator<S> for WordTable {
    fn from_iter<I: IntoIterator<Item = S>>(words: I) -> Self {
        let mut table = WordTable::default();
        let mut words: Vec<Box<[u8]>> = words
            .into_iter()
            .map(|w| w.as_ref().as_bytes().into())
            .collect();
        words.sort();
        words.dedup();
        table.fingerprint = stable_hash(words.iter().flat_map(|w| w.iter().copied().chain([0xFF])));
        let size = (words.len() * 2).next_power_of_two().max(2);
        table.slots = vec![EMPTY; size];
        table.shift = 64 - size.trailing_zeros();
        for word in words {
            let key = Key::of(&word);
            let mut slot = (key.hash() >> table.shift) as usize;
            while table.slots[slot] != EMPTY {
                slot = (slot + 1) & (size - 1);
            }
            table.slots[slot] = table.keys.len() as u32;
            table.keys.push(key);
            table.long.push(if word.len() > 16 {
                word
            } else {
                Box::default()
            });
        }
        table
    }
}

/// FNV-1a over `bytes`: the same in every build and on every machine, so the build script
/// and the library agree on it (the common words' fingerprint, the index of the terms
/// translated ahead of time: [`crate::translated`]).
pub fn stable_hash(bytes: impl IntoIterator<Item = u8>) -> u64 {
    bytes.into_iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Where a hash's probe starts in an open-addressing table of `slots` slots (a power of
/// two, at least 2): the hash's top bits, which FNV-1a mixes best.
pub fn first_slot(hash: u64, slots: usize) -> usize {
    (hash >> (64 - slots.trailing_zeros())) as usize
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    /// Agrees with a hash set on words of every length up to 40 bytes, in and out of the
    /// set, including words that differ only in a byte the overlapping loads share.
    #[test]
    fn agrees_with_a_hash_set() {
        let alphabet = ["a", "b", "я", "ё", "é"];
        let mut words = Vec::new();
        for len in 0..20 {
            for k in 0..alphabet.len() {
                let word: String = (0..len).map(|i| alphabet[(i * 7 + k) % 5]).collect();
                words.push(word);
            }
        }
        let set: HashSet<&String> = words.iter().step_by(2).collect();
        let table: WordTable = words.iter().step_by(2).collect();
        assert_eq!(table.len(), set.len());
        for w in &words {
            assert_eq!(table.contains(w), set.contains(w), "{w:?}");
            for i in 0..w.len() {
                if w.is_char_boundary(i) {
                    let (head, tail) = w.split_at(i);
                    let changed = format!("{head}x{tail}");
                    assert_eq!(
                        table.contains(&changed),
                        set.contains(&changed),
                        "{changed:?}"
                    );
                }
            }
        }
        assert!(!WordTable::default().contains("a"));
        let empty_word: WordTable = [""].into_iter().collect();
        assert!(empty_word.contains("") && !empty_word.contains("a"));
    }
}
