//! What the corpus examples (`throughput`, `keyword_search`) share: their command line (a
//! corpus path and `--name N` numbers) and reading the texts of a `corpus.jsonl`.

use std::io::BufRead;

/// The command line: one path and the numbers given as `--name N` (each in `defaults`, which
/// also gives its value when it is not given). Panics with `usage` on anything else: these
/// are measuring tools, not user-facing commands.
pub fn parse(usage: &str, defaults: &[(&str, usize)]) -> (String, Vec<usize>) {
    let mut values: Vec<usize> = defaults.iter().map(|d| d.1).collect();
    let mut path = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match defaults.iter().position(|d| d.0 == arg) {
            Some(i) => {
                values[i] = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .unwrap_or_else(|| panic!("{usage}"))
            }
            None => path = Some(arg),
        }
    }
    (path.unwrap_or_else(|| panic!("{usage}")), values)
}

/// The `text` of every line of a JSON Lines corpus, read before any clock starts.
pub fn read_texts(path: &str) -> Vec<String> {
    let file = std::io::BufReader::new(std::fs::File::open(path).expect("readable corpus"));
    file.lines()
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(&line.expect("line")).expect("JSON");
            v["text"].as_str().expect("text field").to_string()
        })
        .collect()
}
