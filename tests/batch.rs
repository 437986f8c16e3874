//! Batch screening from the command line: directories and globs, JSON Lines in and out (the
//! pipe contract a Spark `RDD.pipe`, Hadoop-streaming mapper or GNU parallel relies on), CSV,
//! the summary, `--jobs`, `--fail-on` over a batch, and bad input that must not stop a batch.

mod common;

use common::redflag;
use std::fs;
use std::io::Write;
use std::path::Path;
use tempfile::TempDir;

const ACCOUNT: &str = "The foreman took our passports on the first day. \
    We were not paid for four months and he beat my friend.";
const HARMLESS: &str = "We went to the market on Sunday and bought apples for the children.";
const RU_ACCOUNT: &str = "Бригадир забрал паспорт, зарплату не платили три месяца.";

/// A folder with texts, a PDF-like binary, a hidden folder and a nested folder.
fn archive() -> TempDir {
    let dir = TempDir::new().unwrap();
    let root = dir.path();
    fs::create_dir_all(root.join("2024/may")).unwrap();
    fs::create_dir_all(root.join(".cache")).unwrap();
    fs::write(root.join("a-account.txt"), ACCOUNT).unwrap();
    fs::write(root.join("b-harmless.txt"), HARMLESS).unwrap();
    fs::write(root.join("2024/may/c-ru.txt"), RU_ACCOUNT).unwrap();
    fs::write(root.join("2024/scan.pdf"), b"%PDF-1.4\x00\x01binary").unwrap();
    fs::write(root.join("2024/notes.md"), HARMLESS).unwrap();
    fs::write(root.join(".cache/old.txt"), ACCOUNT).unwrap();
    dir
}

fn jsonl_lines(stdout: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8(stdout.to_vec())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

fn relative<'a>(report: &'a serde_json::Value, root: &Path) -> &'a str {
    let source = report["source"].as_str().unwrap();
    let root = root.to_str().unwrap();
    source
        .strip_prefix(root)
        .unwrap_or(source)
        .trim_start_matches('/')
}

#[test]
fn directories_are_walked_in_order_and_globs_choose_files() {
    let dir = archive();
    let out = redflag()
        .args(["scan", "--format", "jsonl", "--glob", "*.txt"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let reports = jsonl_lines(&out.stdout);
    let sources: Vec<&str> = reports.iter().map(|r| relative(r, dir.path())).collect();
    assert_eq!(
        sources,
        ["2024/may/c-ru.txt", "a-account.txt", "b-harmless.txt"]
    );
    assert_eq!(reports[0]["risk"]["level"], "high");
    assert_eq!(reports[2]["risk"]["level"], "none");
    // The hidden folder was passed over, and said so.
    assert!(String::from_utf8_lossy(&out.stderr).contains("hidden"));
}

#[test]
fn without_a_glob_binary_files_are_skipped_with_a_warning_and_counted() {
    let dir = archive();
    let out = redflag()
        .args(["scan", "--format", "csv", "--summary"])
        .arg(dir.path())
        .output()
        .unwrap();
    // A skipped input makes the batch exit 2, after everything else was screened.
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("scan.pdf") && stderr.contains("binary"),
        "{stderr}"
    );
    assert!(
        stderr.contains("skipped: binary"),
        "summary counts it: {stderr}"
    );
    assert!(stderr.contains("passed over: hidden"), "{stderr}");
    let csv = String::from_utf8(out.stdout).unwrap();
    let rows: Vec<&str> = csv.lines().collect();
    assert!(rows[0].starts_with("source,id,status,risk_level"));
    assert_eq!(rows.len(), 1 + 5, "header and one row per file: {csv}");
    assert!(
        rows.iter()
            .any(|r| r.contains("scan.pdf") && r.contains("skipped: binary"))
    );
}

#[test]
fn the_jsonl_pipe_contract_one_line_in_one_line_out_nothing_else_on_stdout() {
    let mut input = String::new();
    let texts = [ACCOUNT, HARMLESS, RU_ACCOUNT];
    for i in 0..300 {
        let record = serde_json::json!({
            "id": format!("doc-{i}"),
            "text": texts[i % 3],
            "url": format!("https://example.org/{i}"),
        });
        input.push_str(&record.to_string());
        input.push('\n');
    }
    let out = redflag()
        .args([
            "scan", "--input", "jsonl", "--format", "jsonl", "--jobs", "2",
        ])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let reports = jsonl_lines(&out.stdout);
    assert_eq!(reports.len(), 300);
    for (i, r) in reports.iter().enumerate() {
        assert_eq!(r["id"], format!("doc-{i}"), "input order is kept");
        assert_eq!(r["fields"]["url"], format!("https://example.org/{i}"));
        let expected = if i % 3 == 1 { "none" } else { "high" };
        assert_eq!(r["risk"]["level"], expected, "record {i}");
    }
}

/// A stream fed one record at a time (a pipeline stage, a person pasting records) gets each
/// answer while the input is still open: reports travel between threads in chunks, and a
/// chunk must not wait to fill up when the input has nothing more to read yet.
#[test]
fn each_record_of_a_slow_stream_is_answered_before_the_next_arrives() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command, Stdio};
    use std::sync::mpsc;
    use std::time::Duration;
    let mut child = Command::new(env!("CARGO_BIN_EXE_redflag"))
        .args([
            "scan", "--input", "jsonl", "--format", "jsonl", "--jobs", "2",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let (lines_tx, lines_rx) = mpsc::channel();
    let stdout = BufReader::new(child.stdout.take().unwrap());
    std::thread::spawn(move || {
        for line in stdout.lines() {
            if lines_tx.send(line.unwrap()).is_err() {
                break;
            }
        }
    });
    for (i, text) in [ACCOUNT, HARMLESS, RU_ACCOUNT].iter().enumerate() {
        let record = serde_json::json!({"id": i, "text": text});
        writeln!(stdin, "{record}").unwrap();
        stdin.flush().unwrap();
        // Generous: this only tells "answered while the input is open" from "never answered
        // until the input ends" (which would wait here for ever), it times nothing.
        let line = lines_rx
            .recv_timeout(Duration::from_secs(120))
            .unwrap_or_else(|_| panic!("no answer to record {i} while the input stayed open"));
        let report: serde_json::Value = serde_json::from_str(&line).unwrap();
        assert_eq!(report["id"], i);
    }
    drop(stdin);
    assert!(child.wait().unwrap().success());
    assert!(lines_rx.recv().is_err(), "one line out per line in");
}

#[test]
fn bad_records_give_a_skipped_line_and_the_stream_goes_on() {
    let big = "passport ".repeat(2000);
    let lines = [
        r#"{"id": 1, "text": "The foreman took our passports on the first day."}"#.to_string(),
        "not json at all".to_string(),
        r#"{"id": 3}"#.to_string(),
        r#"{"id": 4, "text": ""}"#.to_string(),
        format!(r#"{{"id": 5, "text": "{big}"}}"#),
        r#"{"id": 6, "text": "nul \u0000 inside, and they beat us"}"#.to_string(),
        String::new(),
        r#"{"id": 7, "text": "We were not paid for four months."}"#.to_string(),
    ];
    let mut input = lines.join("\n").into_bytes();
    // A record whose text is not valid UTF-8 is repaired and still screened.
    input.extend_from_slice(b"\n{\"id\": 8, \"text\": \"caf\xe9: they took my passport\"}\n");
    let out = redflag()
        .args([
            "scan",
            "--input",
            "jsonl",
            "--format",
            "jsonl",
            "--max-bytes",
            "4096",
        ])
        .write_stdin(input)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "skipped records make the exit code 2"
    );
    let reports = jsonl_lines(&out.stdout);
    // The blank line is not a record; every other line gives exactly one line out.
    assert_eq!(reports.len(), 8);
    let kinds: Vec<String> = reports
        .iter()
        .map(|r| {
            r["skipped"]["kind"]
                .as_str()
                .unwrap_or("screened")
                .to_string()
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "screened",
            "bad-record",
            "bad-record",
            "empty",
            "too-large",
            "screened",
            "screened",
            "screened"
        ]
    );
    assert_eq!(
        reports[5]["findings"][0]["indicator"],
        "physical-sexual-violence"
    );
    assert_eq!(reports[7]["id"], 8);
    assert!(
        reports[7]["warnings"][0]
            .as_str()
            .unwrap()
            .contains("UTF-8")
    );
    assert_eq!(
        reports[7]["findings"][0]["indicator"],
        "retention-of-identity-documents"
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("stdin:2: not valid JSON"), "{stderr}");
    assert!(stderr.contains("stdin:5: line is"), "{stderr}");
}

#[test]
fn a_long_single_line_is_screened_whole() {
    // 8 MB on one line, with a finding at the very end.
    let mut text = "The weather was fine and we worked in the garden. ".repeat(160_000);
    text.push_str("Then the boss took my passport.");
    let mut f = tempfile::NamedTempFile::new().unwrap();
    writeln!(f, "{}", serde_json::json!({"id": "long", "text": text})).unwrap();
    let out = redflag()
        .args(["scan", "--input", "jsonl", "--format", "jsonl"])
        .arg(f.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let reports = jsonl_lines(&out.stdout);
    assert_eq!(
        reports[0]["findings"][0]["indicator"],
        "retention-of-identity-documents"
    );
}

#[test]
fn the_output_is_the_same_for_any_number_of_threads() {
    let run = |jobs: &str| {
        redflag()
            .args([
                "scan", "--format", "jsonl", "--glob", "*.txt", "--jobs", jobs,
            ])
            .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures"))
            .output()
            .unwrap()
    };
    let one = run("1");
    let three = run("3");
    assert_eq!(one.status.code(), Some(0));
    assert!(jsonl_lines(&one.stdout).len() > 60);
    assert_eq!(one.stdout, three.stdout);
}

#[test]
fn fail_on_looks_at_every_text_of_the_batch() {
    let dir = archive();
    let base = || {
        let mut c = redflag();
        c.args(["scan", "--format", "csv", "--glob", "*.txt"])
            .arg(dir.path());
        c
    };
    base().assert().code(0);
    base().args(["--fail-on", "high"]).assert().code(1);
    let only_harmless = dir.path().join("b-harmless.txt");
    redflag()
        .args(["scan", "--fail-on", "low"])
        .arg(&only_harmless)
        .assert()
        .code(0);
}

#[test]
fn the_summary_counts_levels_indicators_and_lists_the_highest_risk_first() {
    let dir = archive();
    let out = redflag()
        .args(["scan", "--summary", "--glob", "*.txt"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with("== Summary: 3 input(s), 3 screened, 0 skipped =="),
        "{text}"
    );
    // The per-text tables are replaced by the summary.
    assert!(!text.contains("Risk level: "), "{text}");
    let row = |name: &str| -> String {
        text.lines()
            .find(|l| l.contains(&format!(" {name} ")))
            .unwrap_or_else(|| panic!("no row {name}: {text}"))
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert!(row("high").contains("┆ 2 │"), "{}", row("high"));
    assert!(row("none").contains("┆ 1 │"), "{}", row("none"));
    assert!(row("retention-of-identity-documents").contains("┆ 2 │"));
    let highest = text.split("Highest risk first").nth(1).unwrap();
    assert!(highest.contains("a-account.txt") && highest.contains("c-ru.txt"));
    assert!(
        !highest.contains("b-harmless.txt"),
        "texts without findings are not listed"
    );
}

#[test]
fn csv_cells_cannot_become_spreadsheet_formulas() {
    let record =
        serde_json::json!({"id": "=HYPERLINK(\"http://x\")", "text": "-1+1 they took my passport"});
    let out = redflag()
        .args(["scan", "--input", "jsonl", "--format", "csv"])
        .write_stdin(format!("{record}\n"))
        .output()
        .unwrap();
    let csv = String::from_utf8(out.stdout).unwrap();
    let row = csv.lines().nth(1).unwrap();
    assert!(row.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), "{row}");
    assert!(row.contains(",'-1+1 they took my passport,"), "{row}");
}

#[test]
fn redaction_reaches_the_fields_passed_through_from_json_lines() {
    let record = serde_json::json!({
        "id": "case-aziz.k@mail.ru",
        "text": "Call me on +7 916 123-45-67. The foreman took our passports on the first day.",
        "contact": {"email": "aziz.k@mail.ru", "phones": ["+998 90 123 45 67"]},
    });
    let out = redflag()
        .args(["scan", "--input", "jsonl", "--format", "jsonl", "--redact"])
        .write_stdin(format!("{record}\n"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let line = String::from_utf8(out.stdout).unwrap();
    for planted in ["aziz.k@mail.ru", "123-45-67", "90 123 45 67"] {
        assert!(!line.contains(planted), "{planted} leaked: {line}");
    }
    let report: serde_json::Value = serde_json::from_str(&line).unwrap();
    assert_eq!(
        report["findings"][0]["indicator"],
        "retention-of-identity-documents"
    );
    assert!(
        report["fields"]["contact"]["email"]
            .as_str()
            .unwrap()
            .contains("****")
    );
}

#[test]
fn an_empty_stream_is_not_an_error_but_is_noted() {
    let out = redflag()
        .args(["scan", "--input", "jsonl", "--format", "jsonl"])
        .write_stdin("\n  \n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("holds no records"));
}
