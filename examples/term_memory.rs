//! Memory of the term programs: loads the built-in rules, builds every distinct term's
//! program (a long batch run ends up needing most of them) and prints the resident memory
//! before and after (Linux `/proc/self/statm`). With `--regex`, also compiles each term's
//! fallback regex, which the engine only does for a term that exhausts its step budget: the
//! figure the engine's memory would be if terms still ran as regexes.
//!
//! ```text
//! cargo run --release --example term_memory [-- --regex]
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
    let regex = std::env::args().any(|a| a == "--regex");
    let rules = redflag::ruleset::RuleSet::builtin().expect("built-in rules load");
    println!("after load: {:.1} MB", rss_mb());
    let mut count = 0;
    let mut heap = 0;
    for pack in rules.packs.values() {
        for term in pack.compiled().term_cache.all() {
            if regex {
                term.regex();
            }
            count += 1;
            heap += term.memory_usage();
        }
        println!(
            "{}: {} terms built, {:.1} MB resident, programs{} report {:.1} MB",
            pack.lang,
            count,
            rss_mb(),
            if regex { " and regexes" } else { "" },
            heap as f64 / 1e6
        );
    }
}
