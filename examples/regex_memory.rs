//! Memory of the compiled term regexes: loads the built-in rules, compiles every distinct
//! term's regex and prints the resident memory before and after (Linux `/proc/self/statm`).
//!
//! ```text
//! cargo run --release --example regex_memory [-- --whole]
//! ```

fn rss_mb() -> f64 {
    let statm = std::fs::read_to_string("/proc/self/statm").unwrap_or_default();
    let pages: f64 = statm
        .split_whitespace()
        .nth(1)
        .and_then(|p| p.parse().ok())
        .unwrap_or(0.0);
    pages * 4096.0 / 1e6
}

fn main() {
    let whole = std::env::args().any(|a| a == "--whole");
    let rules = redflag::ruleset::RuleSet::builtin().expect("built-in rules load");
    println!("after load: {:.1} MB", rss_mb());
    let mut count = 0;
    let mut heap = 0;
    for pack in rules.packs.values() {
        for term in pack.term_cache.all() {
            term.regex();
            if whole {
                term.whole();
            }
            count += 1;
            heap += term.memory_usage();
        }
        println!(
            "{}: {} terms compiled, {:.1} MB resident, regexes report {:.1} MB",
            pack.lang,
            count,
            rss_mb(),
            heap as f64 / 1e6
        );
    }
}
