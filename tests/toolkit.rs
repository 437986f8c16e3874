//! The rule author's and trainer's commands: indicators, explain, rules list/check/test, eval,
//! and rule selection (--only, --disable, status: experimental).

mod common;

use common::{json_ok, redflag, rules_dir};
use predicates::prelude::*;
use std::fs;
use tempfile::TempDir;

fn json_out(args: &[&str]) -> serde_json::Value {
    json_ok(&redflag().args(args).output().unwrap())
}

/// `rules check` on a folder of the given rule files, which must load and pass: its warnings.
fn rules_check_warnings(files: &[(&str, &str)]) -> Vec<serde_json::Value> {
    let dir = rules_dir(files);
    let v = json_out(&[
        "rules",
        "check",
        dir.path().to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(v["ok"], true, "{v:#}");
    v["warnings"].as_array().unwrap().clone()
}

/// `rules check` on a folder of the given rule files fails (exit 2) and says `message`.
fn rules_check_fails_with(files: &[(&str, &str)], message: &str) {
    let dir = rules_dir(files);
    redflag()
        .args(["rules", "check"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stdout(predicate::str::contains(message));
}

#[test]
fn indicators_lists_all_sixteen_with_rule_counts() {
    let v = json_out(&["indicators", "--format", "json"]);
    let list = v.as_array().unwrap();
    assert_eq!(list.len(), 16);
    for ind in list {
        assert!(
            ind["rules"]["en"].as_u64().unwrap() > 0,
            "{} has no English rules",
            ind["id"]
        );
        assert!(["strong", "medium", "weak"].contains(&ind["strength"].as_str().unwrap()));
    }
    redflag()
        .args(["indicators"])
        .assert()
        .success()
        .stdout(predicate::str::contains("debt-bondage"));
    let ru = json_out(&["indicators", "--format", "json", "--explain-lang", "ru"]);
    assert_ne!(
        ru[0]["title"], v[0]["title"],
        "Russian titles differ from English ones"
    );
}

#[test]
fn explain_an_indicator_and_a_rule() {
    let v = json_out(&["explain", "debt-bondage", "--format", "json"]);
    assert_eq!(v["kind"], "indicator");
    assert!(v["questions"].as_array().unwrap().len() >= 2);
    assert!(!v["examples"]["match"].as_array().unwrap().is_empty());
    assert!(!v["examples"]["no_match"].as_array().unwrap().is_empty());
    let rule = v["rules"][0].as_str().unwrap().to_string();

    let r = json_out(&["explain", &rule, "--format", "json"]);
    assert_eq!(r["kind"], "rule");
    assert_eq!(r["indicator"], "debt-bondage");
    assert!(!r["match"].as_str().unwrap().is_empty());

    redflag()
        .args(["explain", "retention-of-identity-documents"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Questions to ask"));
    redflag()
        .args(["explain", "no-such-id"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("neither"));
}

#[test]
fn rules_list_filters_by_indicator_and_language() {
    let v = json_out(&[
        "rules",
        "list",
        "--format",
        "json",
        "--indicator",
        "isolation",
        "--lang",
        "en",
    ]);
    let list = v.as_array().unwrap();
    assert!(!list.is_empty());
    assert!(
        list.iter()
            .all(|r| r["indicator"] == "isolation" && r["lang"] == "en")
    );
    redflag()
        .args(["rules", "list", "--indicator", "nope"])
        .assert()
        .code(2);
}

#[test]
fn rules_check_passes_on_the_built_in_pack() {
    redflag()
        .args(["rules", "check"])
        .assert()
        .success()
        .stdout(predicate::str::contains("ok:"));
    // And gives the built-in rules no warning: each warning is a rule to mend.
    let v = json_out(&["rules", "check", "--format", "json"]);
    assert_eq!(v["warnings"].as_array().unwrap().len(), 0, "{v:#}");
}

#[test]
fn rules_check_warns_about_a_phrase_written_as_an_alternative() {
    let rule = "rules:\n  - id: en-ran-away\n    indicator: restriction-of-movement\n    description: x\n    match: {any: [\"ran away at night|in the night\", \"took|kept my passport\"]}\n    examples: {match: [they took my passport], no_match: [we slept]}\n";
    let warnings = rules_check_warnings(&[("en/mine.yaml", rule)]);
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    let w = warnings[0].as_str().unwrap();
    assert!(w.contains("en-ran-away") && w.contains("\"night\""), "{w}");
}

#[test]
fn rules_check_warns_about_a_negation_split_and_about_cue_lists() {
    let rule = "rules:\n  - id: en-no-rest\n    indicator: excessive-overtime\n    description: x\n    match: {any: [\"didn't|did not have a day off\"]}\n    examples: {match: [we did not have a day off], no_match: [we slept]}\n";
    let cues = "phase_cues: {}\nkind_cues:\n  advice: [\"get|seek|ask for help\", \"ran away at night|in the night\"]\n";
    let warnings = rules_check_warnings(&[("en/mine.yaml", rule), ("en/assessment.yaml", cues)]);
    let texts: Vec<&str> = warnings.iter().map(|w| w.as_str().unwrap()).collect();
    assert!(
        texts
            .iter()
            .any(|w| w.contains("en-no-rest") && w.contains("\"didn't|did\"")),
        "{texts:#?}"
    );
    assert!(
        texts
            .iter()
            .any(|w| w.contains("assessment.yaml") && w.contains("\"night\"")),
        "{texts:#?}"
    );
}

#[test]
fn rules_check_lists_every_error_with_its_location() {
    let bad = "rules:\n  - id: a-one\n    indicator: nope\n    description: x\n    match: {any: [x]}\n    examples: {match: [x]}\n  - id: a-two\n    indicator: deception\n    description: x\n    match: {any: [lied], within: 3}\n    examples: {match: [they lied]}\n";
    let also_bad = "rules:\n  - id: b-one\n    indicator: deception\n    description: x\n    match: {any: [tricked]}\n    examples: {match: [they fooled us]}\n";
    let dir = rules_dir(&[
        ("en/a.yaml", bad),
        ("en/b.yaml", "rules: [}"),
        ("en/c.yaml", also_bad),
    ]);
    let out = redflag()
        .args(["rules", "check", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let errors = v["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 3, "{errors:#?}");
    assert!(
        errors
            .iter()
            .any(|e| e["rule"] == "a-one" && e["field"] == "indicator" && e["line"] == 3)
    );
    assert!(
        errors
            .iter()
            .any(|e| e["rule"] == "a-two" && e["field"] == "match")
    );
    assert!(
        errors
            .iter()
            .any(|e| e["file"].as_str().unwrap().ends_with("b.yaml") && e["line"].is_number())
    );

    // Once it loads, a rule that cannot match its own example is an error too.
    rules_check_fails_with(
        &[("en/c.yaml", also_bad)],
        "rule `b-one`, field `examples`: the match example \"they fooled us\" does not fire",
    );
}

#[test]
fn rules_check_warns_about_exceptions_never_exercised_and_notes_overrides() {
    let rule = "rules:\n  - id: w-one\n    indicator: deception\n    description: x\n    match: {any: [tricked]}\n    unless: [magic]\n    examples: {match: [they tricked us], no_match: [all was fair]}\n";
    let dir = rules_dir(&[("en/w.yaml", rule)]);
    redflag()
        .args(["rules", "check"])
        .arg(dir.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("warning:").and(predicate::str::contains("`unless`")));
}

/// A user's raw regex that repeats every script's letters or digits compiles slowly (at
/// every start that needs it): `rules check` says so and what to write instead; the same rule
/// written with the narrower classes passes without a warning.
#[test]
fn rules_check_warns_about_a_regex_slow_to_compile() {
    let rule = |id: &str, regex: &str| {
        format!(
            "rules:\n  - id: {id}\n    indicator: excessive-overtime\n    description: x\n    match:\n      regex: '{regex}'\n    examples: {{match: [we worked really very long 14 days and hours], no_match: [we worked 8 hours]}}\n"
        )
    };
    let heavy = rule(
        "h-heavy",
        r"work\w*\s+(?:\p{L}+\s+){0,12}(?:1[2-9]|2[0-4])[^\d.!?]{0,40}hours",
    );
    let light = rule(
        "h-light",
        r"work\w*\s+(?:[\p{Cyrillic}\p{Latin}]+\s+){0,12}(?:1[2-9]|2[0-4])[^0-9.!?]{0,40}hours",
    );
    let warnings_of = |yaml: &str| rules_check_warnings(&[("en/h.yaml", yaml)]);
    let heavy_warnings = warnings_of(&heavy);
    assert_eq!(heavy_warnings.len(), 1, "{heavy_warnings:#?}");
    let warning = heavy_warnings[0].as_str().unwrap();
    assert!(
        warning.contains("h.yaml:2: rule `h-heavy`: its regex compiles to "),
        "{warning}"
    );
    assert!(warning.contains("[0-9]"), "{warning}");
    assert_eq!(warnings_of(&light), Vec::<serde_json::Value>::new());
}

#[test]
fn rules_test_reports_missed_and_noisy_examples() {
    let rule = "rules:\n  - id: t-one\n    indicator: deception\n    description: x\n    match: {any: [tricked]}\n    examples: {match: [they tricked us, they fooled us], no_match: [I was tricked once at cards]}\n";
    let dir = rules_dir(&[("en/t.yaml", rule)]);
    let out = redflag()
        .args(["rules", "test", "--format", "json"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let f = v["failures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["rule"] == "t-one")
        .unwrap()
        .clone();
    assert_eq!(f["missed"], serde_json::json!(["they fooled us"]));
    assert_eq!(
        f["noisy"],
        serde_json::json!(["I was tricked once at cards"])
    );
    redflag()
        .args(["rules", "test"])
        .assert()
        .success()
        .stdout(predicate::str::contains("0 failed"));
}

#[test]
fn eval_scores_the_project_corpus() {
    let v = json_out(&[
        "eval",
        "--format",
        "json",
        "fixtures/en/cases.yaml",
        "fixtures/ru/cases.yaml",
    ]);
    assert!(v["cases"].as_u64().unwrap() >= 40);
    let micro = &v["micro"];
    assert!(micro["f1"].as_f64().unwrap() > 0.0);
    assert_eq!(v["critical_errors"], 0);
    redflag()
        .args(["eval", "fixtures/en/cases.yaml", "--cases-lang", "en"])
        .assert()
        .success()
        .stdout(predicate::str::contains("micro precision"));
    // A threshold that cannot be met gives exit 1.
    redflag()
        .args(["eval", "fixtures/en/cases.yaml", "--min-f1", "1.01"])
        .assert()
        .code(1);
}

#[test]
fn eval_reports_bad_corpora_clearly() {
    let dir = TempDir::new().unwrap();
    let corpus = dir.path().join("c.yaml");
    fs::write(
        &corpus,
        "cases:\n- id: x\n  text: hi\n  required: [not-an-indicator]\n  risk_ok: [none]\n",
    )
    .unwrap();
    redflag()
        .arg("eval")
        .arg(&corpus)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not-an-indicator"));
    fs::write(&corpus, "cases:\n- id: x\n  risk_ok: [none]\n").unwrap();
    redflag()
        .arg("eval")
        .arg(&corpus)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`text` or `file`"));
}

#[test]
fn only_disable_and_experimental_select_rules() {
    let text = "The boss took my passport and beat me.";
    let only = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["scan", "--format", "json"];
        all.extend_from_slice(args);
        let out = redflag().args(&all).write_stdin(text).output().unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["indicator"].as_str().unwrap().to_string())
            .collect()
    };
    let both = only(&[]);
    assert!(both.contains(&"physical-sexual-violence".to_string()));
    assert_eq!(
        only(&["--only", "physical-sexual-violence"]),
        vec!["physical-sexual-violence"]
    );
    assert!(
        !only(&["--disable", "physical-sexual-violence"])
            .contains(&"physical-sexual-violence".to_string())
    );

    let rule = "rules:\n  - id: x-exp\n    indicator: deception\n    description: x\n    status: experimental\n    match: {any: [boss]}\n    examples: {match: [the boss]}\n";
    let dir = rules_dir(&[("en/x.yaml", rule)]);
    let d = dir.path().to_str().unwrap();
    assert!(!only(&["--rules", d]).contains(&"deception".to_string()));
    assert!(only(&["--rules", d, "--experimental"]).contains(&"deception".to_string()));
}

/// The worked example in rules/README.md must stay true: its English and Russian rule files
/// load, pass their own examples, and fire on the text they were written for.
#[test]
fn worked_example_in_the_rule_guide_passes_its_checks() {
    let guide =
        fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/rules/README.md")).unwrap();
    let block = |id: &str| -> String {
        let start = guide
            .find(&format!("rules:\n  - id: {id}"))
            .unwrap_or_else(|| panic!("worked example {id} not found in rules/README.md"));
        let end = start + guide[start..].find("```").unwrap();
        guide[start..end].to_string()
    };
    let en = block("en-documents-with-the-boss");
    let ru = block("ru-documents-u-hozyaina");
    let dir = rules_dir(&[("en/documents.yaml", &en), ("ru/documents.yaml", &ru)]);
    let path = dir.path().to_str().unwrap();
    let v = json_out(&["rules", "check", path, "--format", "json"]);
    assert_eq!(v["ok"], true, "{v:#}");
    assert_eq!(v["warnings"].as_array().unwrap().len(), 0, "{v:#}");
    redflag()
        .args([
            "scan",
            "--rules",
            path,
            "--only",
            "ru-documents-u-hozyaina",
            "--format",
            "json",
            "-",
        ])
        .write_stdin("Паспорт так и остался у бригадира, уже полгода не отдаёт.")
        .assert()
        .success()
        .stdout(predicate::str::contains("ru-documents-u-hozyaina"));
}

/// A rule that reads on into the next sentence: its evidence is both sentences, `explain`
/// says so, and an empty `next_sentence` list is an error naming the field.
#[test]
fn a_next_sentence_rule_shows_both_sentences() {
    let rule = "rules:\n  - id: user-promise-then-reality\n    indicator: deception\n    description: x\n    match:\n      all: [[promised], [hotel]]\n      next_sentence: [\"in reality\"]\n    examples: {match: [\"They promised a hotel. In reality a farm.\"], no_match: [\"They promised a hotel. We went.\"]}\n";
    let dir = rules_dir(&[("en/mine.yaml", rule)]);
    let out = redflag()
        .args([
            "scan",
            "--format",
            "json",
            "--only",
            "user-promise-then-reality",
            "--rules",
        ])
        .arg(dir.path())
        .write_stdin(
            "We came in May. They promised us a hotel job. In reality it was a farm. We left.",
        )
        .output()
        .unwrap();
    let v = json_ok(&out);
    let evidence = &v["findings"][0]["evidence"][0];
    assert_eq!(
        evidence["sentence"],
        "They promised us a hotel job. In reality it was a farm."
    );
    assert_eq!(evidence["match"], "promised us a hotel job. In reality");

    let explained = json_out(&[
        "explain",
        "user-promise-then-reality",
        "--format",
        "json",
        "--rules",
        dir.path().to_str().unwrap(),
    ]);
    assert!(
        explained["match"]
            .as_str()
            .unwrap()
            .contains("then the next sentence opens with one of: in reality"),
        "{explained:#}"
    );

    let empty = rule.replace("[\"in reality\"]", "[]");
    rules_check_fails_with(
        &[("en/mine.yaml", &empty)],
        "rule `user-promise-then-reality`, field `next_sentence`: the list of terms is empty",
    );
}

#[test]
fn rules_check_rejects_a_word_written_twice_in_one_position() {
    let rule = "rules:\n  - id: en-pay-packet\n    indicator: withholding-of-wages\n    description: x\n    match: {any: [\"pay|pay packet came to #\"]}\n    examples: {match: [pay came to 300], no_match: [we slept]}\n";
    rules_check_fails_with(
        &[("en/mine.yaml", rule)],
        "has \"pay\" twice in \"pay|pay\"",
    );
}
