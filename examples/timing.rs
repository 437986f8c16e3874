use std::time::Instant;
fn main() {
    let t = Instant::now();
    let rules = redflag::ruleset::RuleSet::builtin().unwrap();
    eprintln!("load {:?}", t.elapsed());
    let text = std::fs::read_to_string(std::env::args().nth(1).unwrap()).unwrap();
    let t = Instant::now();
    let r = redflag::report::screen(&rules, "x", &text, &Default::default());
    eprintln!("screen {:?} findings {}", t.elapsed(), r.findings.len());
    let t = Instant::now();
    let r = redflag::report::screen(&rules, "x", &text, &Default::default());
    eprintln!(
        "screen again {:?} findings {}",
        t.elapsed(),
        r.findings.len()
    );
}
