//! Writes a benchmark corpus of mixed English and Russian accounts and job adverts:
//!
//! ```text
//! cargo run --release --example gen_corpus -- OUT_DIR [--mb 100] [--seed 1] [--no-texts] [--no-jsonl]
//! ```
//!
//! - `OUT_DIR/texts/NNN/NNNNNN.txt`: one text per file, 1000 files per folder;
//! - `OUT_DIR/corpus.jsonl`: the same texts as `{"id": "NNNNNN", "text": "..."}`, one a line;
//! - `OUT_DIR/keywords.txt`: the anchor words of every built-in rule list, one a line, for a
//!   plain keyword search of the same corpus (`rg -c -i -f keywords.txt OUT_DIR/texts`).
//!
//! The texts are deterministic for a seed (see benches/support/corpus.rs). Generate into
//! target/ or a temporary folder; never commit the output.

#[path = "../benches/support/corpus.rs"]
mod corpus;

use std::collections::BTreeSet;
use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

struct Args {
    out: PathBuf,
    megabytes: usize,
    seed: u64,
    texts: bool,
    jsonl: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut args = std::env::args().skip(1);
    let mut parsed = Args {
        out: PathBuf::new(),
        megabytes: 100,
        seed: 1,
        texts: true,
        jsonl: true,
    };
    let mut out = None;
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or_else(|| format!("{name} needs a value"));
        match arg.as_str() {
            "--mb" => {
                parsed.megabytes = value("--mb")?.parse().map_err(|e| format!("--mb: {e}"))?
            }
            "--seed" => {
                parsed.seed = value("--seed")?
                    .parse()
                    .map_err(|e| format!("--seed: {e}"))?
            }
            "--no-texts" => parsed.texts = false,
            "--no-jsonl" => parsed.jsonl = false,
            other if !other.starts_with('-') && out.is_none() => out = Some(PathBuf::from(other)),
            other => return Err(format!("unexpected argument {other:?}")),
        }
    }
    parsed.out =
        out.ok_or("usage: gen_corpus OUT_DIR [--mb N] [--seed N] [--no-texts] [--no-jsonl]")?;
    Ok(parsed)
}

fn main() {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("gen_corpus: {e}");
            std::process::exit(2);
        }
    };
    if let Err(e) = run(&args) {
        eprintln!("gen_corpus: {e}");
        std::process::exit(1);
    }
}

fn run(args: &Args) -> std::io::Result<()> {
    fs::create_dir_all(&args.out)?;
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut generator = corpus::Generator::new(args.seed, &fixtures);
    let mut jsonl = if args.jsonl {
        Some(BufWriter::new(File::create(args.out.join("corpus.jsonl"))?))
    } else {
        None
    };
    let target = args.megabytes * 1_000_000;
    let (mut bytes, mut count) = (0usize, 0usize);
    while bytes < target {
        let text = generator.document();
        let id = format!("{count:06}");
        if args.texts {
            let dir = args.out.join("texts").join(format!("{:03}", count / 1000));
            if count % 1000 == 0 {
                fs::create_dir_all(&dir)?;
            }
            fs::write(dir.join(format!("{id}.txt")), &text)?;
        }
        if let Some(out) = jsonl.as_mut() {
            let line = serde_json::json!({ "id": id, "text": text });
            serde_json::to_writer(&mut *out, &line)?;
            out.write_all(b"\n")?;
        }
        bytes += text.len();
        count += 1;
    }
    if let Some(mut out) = jsonl {
        out.flush()?;
    }
    write_keywords(&args.out.join("keywords.txt"))?;
    eprintln!(
        "gen_corpus: {count} texts, {:.1} MB of text, in {}",
        bytes as f64 / 1e6,
        args.out.display()
    );
    Ok(())
}

/// Every anchor literal of every built-in term list: what the engine's prefilter looks for,
/// so a keyword search for them is the plain-search baseline for the same work.
fn write_keywords(path: &Path) -> std::io::Result<()> {
    let rules = redflag::ruleset::RuleSet::builtin().expect("built-in rules load");
    let mut words = BTreeSet::new();
    for pack in rules.packs.values() {
        for group in &pack.compiled().groups {
            if let Some(anchors) = group.anchors() {
                words.extend(anchors);
            }
        }
    }
    let mut out = BufWriter::new(File::create(path)?);
    for w in words {
        // Fixed strings for ripgrep's -f: escape regex metacharacters.
        writeln!(out, "{}", regex::escape(&w))?;
    }
    out.flush()
}
