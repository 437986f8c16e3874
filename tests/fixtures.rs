//! End to end through the binary: every labelled fixture text under fixtures/<lang>/cases.yaml
//! must report exactly its required indicators (plus at most the allowed ones) and a risk level
//! within its `risk_ok`.

use assert_cmd::Command;
use serde::Deserialize;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

#[derive(Deserialize)]
struct Corpus {
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    id: String,
    file: String,
    #[serde(default)]
    required: Vec<String>,
    #[serde(default)]
    allowed: Vec<String>,
    risk_ok: Vec<String>,
    /// offer | account | other: an offer or account must be read as such by `--kind auto`.
    #[serde(default)]
    kind: Option<String>,
    /// The assessment outcome (rules/assessment.yaml), when the case pins one.
    #[serde(default)]
    outcome: Option<String>,
}

fn corpora() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut found: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path().join("cases.yaml")))
        .filter(|p| p.exists())
        .collect();
    found.sort();
    found
}

fn check_corpus(lang: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(lang)
        .join("cases.yaml");
    let corpus: Corpus = serde_yaml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert!(!corpus.cases.is_empty());
    let mut failures = Vec::new();
    for case in &corpus.cases {
        let file = path.parent().unwrap().join(&case.file);
        let out = Command::cargo_bin("redflag")
            .unwrap()
            .args(["scan", "--format", "json"])
            .arg(&file)
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}: {}",
            case.id,
            String::from_utf8_lossy(&out.stderr)
        );
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let level = report["risk"]["level"].as_str().unwrap().to_string();
        let found: BTreeSet<String> = report["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["indicator"].as_str().unwrap().to_string())
            .collect();
        let required: BTreeSet<String> = case.required.iter().cloned().collect();
        let allowed: BTreeSet<String> = case.allowed.iter().cloned().collect();
        let missed: Vec<_> = required.difference(&found).collect();
        let extra: Vec<_> = found
            .iter()
            .filter(|f| !required.contains(*f) && !allowed.contains(*f))
            .collect();
        let assessment = &report["assessment"];
        let kind = assessment["kind"].as_str().unwrap_or("none");
        if let Some(want) = case.kind.as_deref().filter(|k| *k != "other") {
            if kind != want {
                failures.push(format!("{}: read as {kind}, labelled {want}", case.id));
            }
        }
        if let Some(want) = &case.outcome {
            let got = assessment["outcome"]["id"].as_str().unwrap_or("none");
            if got != want {
                failures.push(format!("{}: outcome {got}, expected {want}", case.id));
            }
        }
        if !missed.is_empty() || !extra.is_empty() || !case.risk_ok.contains(&level) {
            failures.push(format!(
                "{} ({}): level {level} (ok: {:?}), missed {missed:?}, extra {extra:?}",
                case.id, case.file, case.risk_ok
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} fixture(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn english_fixtures() {
    check_corpus("en");
}

#[test]
fn russian_fixtures() {
    check_corpus("ru");
}

/// Every step of the outcome ladder, and every offer level, is pinned by at least one fixture
/// in each language.
#[test]
fn fixtures_cover_every_outcome_in_both_languages() {
    let outcomes = [
        "trafficking-screen-positive",
        "deceived-and-exploited",
        "exploited-migrant",
        "signs-below-threshold",
        "no-signs",
        "recruitment-risk-low",
        "recruitment-risk-medium",
        "recruitment-risk-high",
    ];
    for lang in ["en", "ru"] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures")
            .join(lang)
            .join("cases.yaml");
        let corpus: Corpus =
            serde_yaml::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        for o in outcomes {
            assert!(
                corpus.cases.iter().any(|c| c.outcome.as_deref() == Some(o)),
                "{lang}: no fixture pins the outcome {o}"
            );
        }
    }
}

#[test]
fn every_fixture_text_is_labelled() {
    for corpus_path in corpora() {
        let corpus: Corpus =
            serde_yaml::from_str(&std::fs::read_to_string(&corpus_path).unwrap()).unwrap();
        let labelled: BTreeSet<String> = corpus.cases.iter().map(|c| c.file.clone()).collect();
        for entry in std::fs::read_dir(corpus_path.parent().unwrap()).unwrap() {
            let name = entry.unwrap().file_name().to_string_lossy().to_string();
            if name.ends_with(".txt") {
                assert!(
                    labelled.contains(&name),
                    "{name} has no entry in {}",
                    corpus_path.display()
                );
            }
        }
    }
}
