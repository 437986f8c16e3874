//! Single-process throughput on a corpus written by `gen_corpus`: screens every text of
//! `corpus.jsonl` with `report::screen` and prints MB/s, on one thread or on N threads.
//!
//! ```text
//! cargo run --release --example throughput -- OUT_DIR/corpus.jsonl [--threads N] [--passes N]
//! ```
//!
//! The first pass includes compiling the regexes the texts need; later passes are the steady
//! state. Reading and JSON decoding happen before the clock starts.

use redflag::report::{ReportOptions, screen};
use redflag::ruleset::RuleSet;
use std::hint::black_box;
use std::time::Instant;

#[path = "support/corpus_args.rs"]
mod corpus_args;

fn main() {
    let (path, numbers) = corpus_args::parse(
        "usage: throughput CORPUS.jsonl [--threads N] [--passes N]",
        &[("--threads", 1), ("--passes", 2)],
    );
    let (threads, passes) = (numbers[0], numbers[1]);
    let docs = corpus_args::read_texts(&path);
    let bytes: usize = docs.iter().map(String::len).sum();
    let t = Instant::now();
    let rules = RuleSet::builtin().expect("rules load");
    eprintln!("load rules {:?}", t.elapsed());
    let options = ReportOptions::default();
    for pass in 1..=passes {
        let t = Instant::now();
        let findings: usize = if threads <= 1 {
            docs.iter()
                .map(|d| black_box(screen(&rules, "x", d, &options)).findings.len())
                .sum()
        } else {
            let chunk = docs.len().div_ceil(threads);
            std::thread::scope(|s| {
                let handles: Vec<_> = docs
                    .chunks(chunk)
                    .map(|part| {
                        let (rules, options) = (&rules, &options);
                        s.spawn(move || {
                            part.iter()
                                .map(|d| screen(rules, "x", d, options).findings.len())
                                .sum::<usize>()
                        })
                    })
                    .collect();
                handles.into_iter().map(|h| h.join().expect("worker")).sum()
            })
        };
        let el = t.elapsed();
        eprintln!(
            "pass {pass}: {} texts, {:.1} MB in {:.2?} = {:.1} MB/s on {threads} thread(s), {findings} findings",
            docs.len(),
            bytes as f64 / 1e6,
            el,
            bytes as f64 / 1e6 / el.as_secs_f64()
        );
    }
}
