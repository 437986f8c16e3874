//! Rough timing of the pipeline stages on one file: `cargo run --release --example timing FILE`.
//! The benchmarks proper live in benches/; this is a quick look while tuning.
use std::time::Instant;

fn main() {
    let path = std::env::args().nth(1).expect("usage: timing FILE");
    let t = Instant::now();
    let rules = redflag::ruleset::RuleSet::builtin().expect("rules load");
    eprintln!("load rules     {:?}", t.elapsed());
    let text = std::fs::read_to_string(path).expect("readable UTF-8 file");
    let t = Instant::now();
    let _ = redflag::text::sentences(&text, &Default::default());
    eprintln!("sentences      {:?}", t.elapsed());
    let t = Instant::now();
    let _ = redflag::fold::fold(&text);
    eprintln!("fold           {:?}", t.elapsed());
    for round in [
        "first screen",
        "second screen",
        "third screen",
        "fourth screen",
    ] {
        let t = Instant::now();
        let r = redflag::report::screen(&rules, "x", &text, &Default::default());
        let el = t.elapsed();
        eprintln!(
            "{round:14} {el:?} ({:.1} MB/s), {} findings",
            text.len() as f64 / el.as_secs_f64() / 1e6,
            r.findings.len()
        );
    }
}
