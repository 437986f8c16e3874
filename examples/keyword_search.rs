//! The plain-search baseline for the throughput figures: folds every text of `corpus.jsonl`
//! as the engine does and finds every occurrence of the built-in rules' anchor words (the
//! words the engine's prefilter looks for) with one Aho-Corasick automaton, on one thread.
//! Prints MB/s for folding alone, for the search alone, and for both: the speed a design that
//! did nothing but find these words would run at, beside `throughput` for the engine.
//!
//! ```text
//! cargo run --release --example keyword_search -- OUT_DIR/corpus.jsonl [--passes N]
//! ```

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use redflag::fold::fold;
use redflag::ruleset::RuleSet;
use std::collections::BTreeSet;
use std::hint::black_box;
use std::time::{Duration, Instant};

#[path = "support/corpus_args.rs"]
mod corpus_args;

fn main() {
    let (path, numbers) = corpus_args::parse(
        "usage: keyword_search CORPUS.jsonl [--passes N]",
        &[("--passes", 2)],
    );
    let passes = numbers[0];
    let docs = corpus_args::read_texts(&path);
    let bytes: usize = docs.iter().map(String::len).sum();

    let rules = RuleSet::builtin().expect("built-in rules load");
    let mut words = BTreeSet::new();
    for pack in rules.packs.values() {
        for group in &pack.compiled().groups {
            words.extend(group.anchors().unwrap_or_default());
        }
    }
    // A full DFA: the fastest search the crate offers for this many words.
    let automaton = AhoCorasick::builder()
        .kind(Some(AhoCorasickKind::DFA))
        .match_kind(MatchKind::Standard)
        .build(&words)
        .expect("the anchors build an automaton");
    eprintln!(
        "{} anchor words, {:.1} MB of text",
        words.len(),
        bytes as f64 / 1e6
    );

    let rate = |d: Duration| bytes as f64 / 1e6 / d.as_secs_f64();
    for pass in 1..=passes {
        let (mut folding, mut searching, mut found) = (Duration::ZERO, Duration::ZERO, 0usize);
        for doc in &docs {
            let t = Instant::now();
            let folded = black_box(fold(doc));
            let t2 = Instant::now();
            found += automaton.find_overlapping_iter(&folded).count();
            searching += t2.elapsed();
            folding += t2 - t;
        }
        println!(
            "pass {pass}: {found} occurrences; folding {:.1} MB/s, searching {:.1} MB/s, both {:.1} MB/s ({:.2} s)",
            rate(folding),
            rate(searching),
            rate(folding + searching),
            (folding + searching).as_secs_f64()
        );
    }
}
