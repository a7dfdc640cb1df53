//! Duplicate keys: two records of an export with the same id are one lead
//! counted twice (or two leads mixed up), which the summary must say.
//! Keys are hashed where records are read, in parallel, a slice at a
//! time; the serial pass only looks each hash up, and compares the texts
//! when two hashes meet, so duplicates are counted exactly.

use std::collections::HashMap;
use std::hash::BuildHasher;

use super::Record;

/// Duplicate keys listed by line in the summary.
const SHOWN: usize = 5;

/// The keys of a slice of records, in order.
#[derive(Debug, Default)]
pub struct KeySlice {
    /// (hash, line, end of the key in `text`) per record with a key.
    keys: Vec<(u64, u64, usize)>,
    text: String,
}

impl KeySlice {
    pub fn add(&mut self, record: &Record) {
        let key = record.key();
        if key.is_empty() {
            return;
        }
        let hash = KEY_HASH.hash_one(key);
        self.text.push_str(key);
        self.keys.push((hash, record.line(), self.text.len()));
    }
}

/// How keys are hashed: the same seed in every thread, so that one key
/// gets one hash wherever it is read.
const KEY_HASH: foldhash::fast::FixedState = foldhash::fast::FixedState::with_seed(0x5eed);

/// Every key seen so far, and the duplicates among them.
#[derive(Default)]
pub struct Keys {
    /// Hash → the first record's line and where its key lies in `seen`.
    first: HashMap<u64, (u64, usize, usize), foldhash::fast::FixedState>,
    seen: String,
    /// Keys whose hash an earlier, different key has (all but never).
    colliding: HashMap<String, u64>,
    /// Records whose key an earlier record already had.
    pub duplicates: u64,
    /// "LD-7 on lines 3 and 9", for the first few.
    pub shown: Vec<String>,
}

impl Keys {
    /// Takes the keys of the records that follow those taken so far.
    pub fn add(&mut self, slice: &KeySlice) {
        let mut start = 0;
        for &(hash, line, end) in &slice.keys {
            let key = slice.text.get(start..end).unwrap_or_default();
            start = end;
            let first = match self.first.get(&hash) {
                Some(&(first, from, to)) if self.seen.get(from..to) == Some(key) => Some(first),
                Some(_) => self.colliding.get(key).copied().or_else(|| {
                    self.colliding.insert(key.to_string(), line);
                    None
                }),
                None => {
                    let from = self.seen.len();
                    self.seen.push_str(key);
                    self.first.insert(hash, (line, from, self.seen.len()));
                    None
                }
            };
            if let Some(first) = first {
                self.duplicates += 1;
                if self.shown.len() < SHOWN {
                    self.shown
                        .push(format!("{key} on lines {first} and {line}"));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A slice of `(key, line)` with the hashes given, to force collisions.
    fn slice(keys: &[(&str, u64, u64)]) -> KeySlice {
        let mut slice = KeySlice::default();
        for (key, hash, line) in keys {
            slice.text.push_str(key);
            slice.keys.push((*hash, *line, slice.text.len()));
        }
        slice
    }

    #[test]
    fn duplicates_are_counted_across_slices_with_their_first_line() {
        let mut keys = Keys::default();
        keys.add(&slice(&[("A", 1, 2), ("B", 2, 3)]));
        keys.add(&slice(&[("A", 1, 4), ("C", 3, 5), ("A", 1, 6)]));
        assert_eq!(keys.duplicates, 2);
        assert_eq!(keys.shown, ["A on lines 2 and 4", "A on lines 2 and 6"]);
    }

    #[test]
    fn keys_that_share_a_hash_are_told_apart() {
        let mut keys = Keys::default();
        keys.add(&slice(&[("A", 7, 2), ("B", 7, 3), ("C", 7, 4)]));
        assert_eq!(keys.duplicates, 0, "different keys, one hash");
        keys.add(&slice(&[("B", 7, 5), ("A", 7, 6)]));
        assert_eq!(keys.duplicates, 2);
        assert_eq!(keys.shown, ["B on lines 3 and 5", "A on lines 2 and 6"]);
    }
}
