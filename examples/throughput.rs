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
use std::io::BufRead;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let mut path = None;
    let (mut threads, mut passes) = (1usize, 2usize);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--threads" => {
                threads = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .expect("--threads N")
            }
            "--passes" => {
                passes = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .expect("--passes N")
            }
            other => path = Some(other.to_string()),
        }
    }
    let path = path.expect("usage: throughput CORPUS.jsonl [--threads N] [--passes N]");
    let file = std::io::BufReader::new(std::fs::File::open(&path).expect("readable corpus"));
    let docs: Vec<String> = file
        .lines()
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(&line.expect("line")).expect("JSON");
            v["text"].as_str().expect("text field").to_string()
        })
        .collect();
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
