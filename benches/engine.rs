//! Criterion benchmarks of the engine: `cargo bench --bench engine`.
//!
//! - `throughput/one-thread` and `throughput/all-threads`: `report::screen` over a generated
//!   corpus of mixed English and Russian accounts and adverts (benches/support/corpus.rs),
//!   reported in bytes per second. `REDFLAG_BENCH_MB` sets the corpus size (default 8 MB,
//!   so that one sample stays short; the 100 MB figure comes from `examples/throughput.rs`).
//! - `startup/load-and-screen-short-story`: loading the built-in rules and screening one
//!   short fixture, as a fresh process does (the regexes are compiled anew each time).
//!
//! Not run by `cargo test`; built by `cargo clippy --all-targets` so it cannot rot.

#[path = "support/corpus.rs"]
mod corpus;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use redflag::report::{ReportOptions, screen};
use redflag::ruleset::RuleSet;
use std::hint::black_box;
use std::path::Path;

fn fixtures() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures")
}

fn throughput(c: &mut Criterion) {
    let megabytes: usize = std::env::var("REDFLAG_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(8);
    let docs = corpus::documents(7, &fixtures(), megabytes * 1_000_000);
    let bytes: usize = docs.iter().map(String::len).sum();
    let rules = RuleSet::builtin().expect("built-in rules load");
    let options = ReportOptions::default();
    // Warm the lazily compiled regexes once, so the samples measure steady state.
    for doc in &docs {
        black_box(screen(&rules, "bench", doc, &options));
    }
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());

    let mut group = c.benchmark_group("throughput");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function("one-thread", |b| {
        b.iter(|| {
            for doc in &docs {
                black_box(screen(&rules, "bench", doc, &options));
            }
        })
    });
    group.bench_function(format!("all-threads ({threads})"), |b| {
        b.iter(|| {
            let chunk = docs.len().div_ceil(threads);
            std::thread::scope(|s| {
                for part in docs.chunks(chunk) {
                    let (rules, options) = (&rules, &options);
                    s.spawn(move || {
                        for doc in part {
                            black_box(screen(rules, "bench", doc, options));
                        }
                    });
                }
            });
        })
    });
    group.finish();
}

fn startup(c: &mut Criterion) {
    let story = std::fs::read_to_string(fixtures().join("en/01-podolsk-construction-intake.txt"))
        .expect("fixture readable");
    let mut group = c.benchmark_group("startup");
    group.sample_size(20);
    // Reading and checking the rule files; each language's rules are compiled when a text
    // first needs them.
    group.bench_function("load-rules", |b| {
        b.iter(|| black_box(RuleSet::builtin().expect("rules load")))
    });
    group.bench_function("load-and-compile-every-language", |b| {
        b.iter(|| {
            let rules = RuleSet::builtin().expect("rules load");
            black_box(rules.rules().count())
        })
    });
    group.bench_function("load-and-screen-short-story", |b| {
        b.iter(|| {
            let rules = RuleSet::builtin().expect("rules load");
            black_box(
                screen(&rules, "story", &story, &ReportOptions::default())
                    .findings
                    .len(),
            )
        })
    });
    group.finish();
}

criterion_group!(benches, throughput, startup);
criterion_main!(benches);
