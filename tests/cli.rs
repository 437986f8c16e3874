//! The command-line contract: formats, exit codes, bad input, user rule folders and their
//! errors, and terminal safety.

mod common;

use common::{json_ok, redflag, rules_dir};
use predicates::prelude::*;
use std::fs;
use tempfile::TempDir;

fn json_of(args: &[&str], stdin: &str) -> serde_json::Value {
    json_ok(
        &redflag()
            .args(args)
            .write_stdin(stdin.to_string())
            .output()
            .unwrap(),
    )
}

const ACCOUNT: &str = "The foreman took our passports on the first day. \
    We were not paid for four months and he beat my friend.";

#[test]
fn json_report_has_the_documented_fields() {
    let r = json_of(&["scan", "--format", "json"], ACCOUNT);
    assert_eq!(r["schema_version"], 1);
    assert_eq!(r["source"], "-");
    assert_eq!(r["risk"]["level"], "high");
    assert!(r["risk"]["score"].as_u64().unwrap() >= 9);
    assert!(r["risk"]["reason"].as_str().unwrap().contains("strong"));
    let findings = r["findings"].as_array().unwrap();
    let docs = findings
        .iter()
        .find(|f| f["indicator"] == "retention-of-identity-documents")
        .expect("documents finding");
    assert_eq!(docs["strength"], "strong");
    assert!(!docs["explanation"].as_str().unwrap().is_empty());
    assert!(!docs["rule"].as_str().unwrap().is_empty());
    let ev = &docs["evidence"][0];
    assert_eq!(
        ev["sentence"],
        "The foreman took our passports on the first day."
    );
    assert_eq!(ev["line"], 1);
    let (start, end) = (
        ev["start"].as_u64().unwrap() as usize,
        ev["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(&ACCOUNT[start..end], ev["match"].as_str().unwrap());
    assert_eq!(ev["column"].as_u64().unwrap() as usize, start + 1);
    assert!(
        r["palermo"]["means"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m == "retention-of-identity-documents")
    );
    assert!(
        r["disclaimer"]
            .as_str()
            .unwrap()
            .contains("not a legal determination")
    );
}

#[test]
fn one_finding_per_indicator_with_all_its_evidence() {
    let text = "The boss took my passport.\nLater the manager kept our passports in his safe.";
    let r = json_of(&["scan", "--format", "json"], text);
    let docs: Vec<_> = r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["indicator"] == "retention-of-identity-documents")
        .collect();
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0]["evidence"].as_array().unwrap().len(), 2);
    assert_eq!(docs[0]["evidence"][1]["line"], 2);
}

#[test]
fn harmless_and_negated_texts_have_no_findings() {
    for text in [
        "They never took my passport and I was paid on time every month.",
        "Never hand your passport to anyone. A real employer never asks you to pay for a job.",
        "Candidates pay no fees. You keep your passport at all times.",
        "My boss is a slave driver and I am chained to my desk all week.",
        "Taking a worker's passport is illegal.",
        "Employers who withhold wages face fines.",
        "Отбирать паспорт у работника незаконно.",
        "Паспорт сдавать никому не нужно, он всегда у вас.",
    ] {
        let r = json_of(&["scan", "--format", "json"], text);
        assert_eq!(r["risk"]["level"], "none", "{text}: {}", r["findings"]);
    }
}

#[test]
fn several_inputs_give_an_array_and_jsonl_gives_lines() {
    let dir = TempDir::new().unwrap();
    let a = dir.path().join("a.txt");
    let b = dir.path().join("b.txt");
    fs::write(&a, ACCOUNT).unwrap();
    fs::write(&b, "We had a nice holiday by the sea.").unwrap();
    let out = redflag()
        .args(["scan", "--format", "json"])
        .arg(&a)
        .arg(&b)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 2);
    assert_eq!(v[1]["risk"]["level"], "none");

    let out = redflag()
        .args(["scan", "--format", "jsonl"])
        .arg(&a)
        .arg(&b)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2);
    for line in lines {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(v["risk"]["level"].is_string());
    }
}

#[test]
fn table_output_shows_level_evidence_and_disclaimer() {
    redflag()
        .args(["scan"])
        .write_stdin(ACCOUNT)
        .assert()
        .success()
        .stdout(predicate::str::contains("Risk level: HIGH"))
        .stdout(predicate::str::contains("»took our passports«"))
        .stdout(predicate::str::contains("not a legal determination"));
}

#[test]
fn fail_on_sets_exit_code_one() {
    redflag()
        .args(["scan", "--fail-on", "high"])
        .write_stdin(ACCOUNT)
        .assert()
        .code(1);
    redflag()
        .args(["scan", "--fail-on", "high"])
        .write_stdin("A quiet day at work.")
        .assert()
        .code(0);
    redflag()
        .args(["scan", "--fail-on", "medium"])
        .write_stdin("The agency took my passport.")
        .assert()
        .code(1);
}

#[test]
fn bad_input_is_an_error_with_exit_two_never_a_panic() {
    let dir = TempDir::new().unwrap();
    let bin = dir.path().join("photo.jpg");
    fs::write(&bin, [0xff, 0xd8, 0x00, 0x10, 0x00]).unwrap();
    let empty = dir.path().join("empty.txt");
    fs::write(&empty, "  \n").unwrap();
    let empty_dir = dir.path().join("nothing-here");
    fs::create_dir(&empty_dir).unwrap();
    let cases = [
        (bin.to_str().unwrap().to_string(), "binary"),
        (empty.to_str().unwrap().to_string(), "empty"),
        (
            dir.path().join("missing.txt").to_str().unwrap().to_string(),
            "cannot read",
        ),
        (
            empty_dir.to_str().unwrap().to_string(),
            "no files to screen",
        ),
    ];
    for (path, message) in cases {
        redflag()
            .args(["scan", &path])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(message))
            .stderr(predicate::str::contains("panicked").not());
    }
    let big = dir.path().join("big.txt");
    fs::write(&big, "word ".repeat(100)).unwrap();
    redflag()
        .args(["scan", "--max-bytes", "10"])
        .arg(&big)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("limit"));
}

#[test]
fn invalid_utf8_is_read_lossily_with_a_warning_in_the_report() {
    let dir = TempDir::new().unwrap();
    let latin1 = dir.path().join("latin1.txt");
    fs::write(
        &latin1,
        b"Caf\xe9 owner. The foreman took our passports on the first day.",
    )
    .unwrap();
    let out = redflag()
        .args(["scan", "--format", "json"])
        .arg(&latin1)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("warning") && stderr.contains("not valid UTF-8"),
        "{stderr}"
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(report["warnings"][0].as_str().unwrap().contains("offset 3"));
    assert_eq!(
        report["findings"][0]["indicator"], "retention-of-identity-documents",
        "the rest of the text is still screened"
    );
}

#[test]
fn one_bad_input_does_not_stop_the_others() {
    let dir = TempDir::new().unwrap();
    let good = dir.path().join("good.txt");
    fs::write(&good, ACCOUNT).unwrap();
    let out = redflag()
        .args(["scan", "--format", "jsonl", "/nonexistent/x.txt"])
        .arg(&good)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stdout = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2, "one line per input, skipped ones included");
    assert_eq!(lines[0]["skipped"]["kind"], "unreadable");
    assert_eq!(lines[1]["risk"]["level"], "high");
}

#[test]
fn usage_errors_exit_two() {
    redflag().args(["scan", "--format", "xml"]).assert().code(2);
    redflag()
        .args(["scan", "--lang", "fr"])
        .write_stdin("x")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("fr"));
    redflag()
        .args(["scan", "--only", "no-such-thing"])
        .write_stdin("x")
        .assert()
        .code(2);
    redflag().args(["frobnicate"]).assert().code(2);
    redflag()
        .args(["--help"])
        .assert()
        .code(0)
        .stdout(predicate::str::contains("scan"));
}

#[test]
fn escape_sequences_from_input_never_reach_the_terminal() {
    let text = "The boss took my passport \u{1b}[2J\u{1b}]0;pwned\u{7} and kept it.";
    let out = redflag()
        .args(["scan", "--color", "never"])
        .write_stdin(text)
        .output()
        .unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.contains("passport"));
    assert!(
        !stdout.contains('\u{1b}'),
        "escape character leaked: {stdout:?}"
    );
    assert!(!stdout.contains('\u{7}'));
    // JSON escapes control characters.
    let out = redflag()
        .args(["scan", "--format", "json"])
        .write_stdin(text)
        .output()
        .unwrap();
    assert!(!out.stdout.contains(&0x1b));
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let out = redflag()
        .args(["scan"])
        .write_stdin(ACCOUNT)
        .output()
        .unwrap();
    assert!(!out.stdout.contains(&0x1b), "no colour when piped");
    let out = redflag()
        .args(["scan", "--color", "always"])
        .write_stdin(ACCOUNT)
        .output()
        .unwrap();
    assert!(out.stdout.contains(&0x1b));
}

const USER_RULE: &str = r#"
rules:
  - id: user-mobile-wallet
    indicator: withholding-of-wages
    description: Pay kept on a card the boss holds.
    match:
      all:
        - [card*]
        - [boss, owner]
      within: 4
    examples:
      match: ["The boss keeps our salary cards."]
      no_match: ["I have my own card."]
"#;

#[test]
fn user_rules_are_added_and_can_replace_built_in_ones() {
    let dir = rules_dir(&[("en/mine.yaml", USER_RULE)]);
    let r = json_of(
        &[
            "scan",
            "--format",
            "json",
            "--rules",
            dir.path().to_str().unwrap(),
        ],
        "The boss keeps our salary cards.",
    );
    assert_eq!(r["findings"][0]["rule"], "user-mobile-wallet");

    // Replace a built-in rule: take the id of whichever rule finds a taken passport.
    let builtin = json_of(&["scan", "--format", "json"], "The boss took my passport.");
    let id = builtin["findings"][0]["rule"].as_str().unwrap().to_string();
    let replacement = USER_RULE.replace("user-mobile-wallet", &id);
    let dir = rules_dir(&[("en/mine.yaml", &replacement)]);
    let out = redflag()
        .args([
            "scan",
            "--format",
            "json",
            "--rules",
            dir.path().to_str().unwrap(),
        ])
        .write_stdin("The boss keeps our salary cards.")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("replaces the built-in rule"));
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["findings"][0]["rule"], id.as_str());
}

#[test]
fn broken_user_rules_are_reported_with_file_line_rule_and_field() {
    let bad = r#"rules:
  - id: bad-indicator
    indicator: passport-stuff
    description: x
    match: {any: [passport]}
    examples: {match: [passport]}
  - id: bad-regex
    indicator: deception
    description: x
    match: {regex: "(unclosed"}
    examples: {match: [x]}
  - id: empty-term
    indicator: deception
    description: x
    match: {any: ["  "]}
    examples: {match: [x]}
  - id: open-group
    indicator: deception
    description: x
    match: {any: ["took (my|our passport"]}
    examples: {match: [x]}
  - id: bad-indicator
    indicator: deception
    description: x
    match: {any: [lied]}
    examples: {match: [they lied]}
"#;
    let dir = rules_dir(&[("en/bad.yaml", bad)]);
    let out = redflag()
        .args(["scan", "--rules", dir.path().to_str().unwrap()])
        .write_stdin("x")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("bad.yaml:3: rule `bad-indicator`, field `indicator`: unknown indicator"),
        "{err}"
    );
    assert!(
        err.contains("rule `bad-regex`, field `regex`: the regex does not compile"),
        "{err}"
    );
    assert!(
        err.contains("rule `empty-term`, field `any`: empty term"),
        "{err}"
    );
    assert!(
        err.contains("bad.yaml:17: rule `open-group`, field `any`") && err.contains("never closes"),
        "{err}"
    );
    assert!(err.contains("duplicate rule id"), "{err}");

    let unknown_field = "rules:\n  - id: x-one\n    indicator: deception\n    description: x\n    unles: [a]\n    match: {any: [lied]}\n    examples: {match: [lied]}\n";
    let dir = rules_dir(&[("en/typo.yaml", unknown_field)]);
    redflag()
        .args(["scan", "--rules", dir.path().to_str().unwrap()])
        .write_stdin("x")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("typo.yaml:5:5"))
        .stderr(predicate::str::contains("unknown field `unles`"));

    let dir = rules_dir(&[("en/broken.yaml", "rules: [\n  - id: x\n")]);
    redflag()
        .args(["scan", "--rules", dir.path().to_str().unwrap()])
        .write_stdin("x")
        .assert()
        .code(2);

    let deep = format!("rules: {}{}", "[".repeat(5000), "]".repeat(5000));
    let dir = rules_dir(&[("en/deep.yaml", &deep)]);
    redflag()
        .args(["scan", "--rules", dir.path().to_str().unwrap()])
        .write_stdin("x")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("nested"));

    let dir = rules_dir(&[("xx/mine.yaml", USER_RULE)]);
    redflag()
        .args(["scan", "--rules", dir.path().to_str().unwrap()])
        .write_stdin("x")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no language.yaml"));
}

#[test]
fn oversized_regexes_are_rejected_at_load_time() {
    let huge = "rules:\n  - id: huge\n    indicator: deception\n    description: x\n    match: {regex: '\\w{1000}\\w{1000}\\w{1000}'}\n    examples: {match: [x]}\n";
    let dir = rules_dir(&[("en/huge.yaml", huge)]);
    redflag()
        .args(["scan", "--rules", dir.path().to_str().unwrap()])
        .write_stdin("x")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("rule `huge`"));
}

/// A user's rule file whose rule reads the list `@cards`, with the given `lists:` section.
fn cards_rule(lists: &str) -> String {
    format!(
        r#"
lists:
{lists}
rules:
  - id: user-cards-held
    indicator: withholding-of-wages
    description: The boss holds the workers' bank cards.
    match:
      all:
        - [boss, owner]
        - ["@cards"]
      within: 3
    examples:
      match: ["The owner keeps our bank cards."]
      no_match: ["I lost my bank card."]
"#
    )
}

/// The rule `user-cards-held` of `rule` finds the salary cards the owner keeps.
fn assert_cards_rule_fires(rule: &str) {
    let dir = rules_dir(&[("en/cards.yaml", rule)]);
    let r = json_of(
        &[
            "scan",
            "--format",
            "json",
            "--only",
            "user-cards-held",
            "--rules",
            dir.path().to_str().unwrap(),
        ],
        "The owner keeps all our salary cards in a drawer.",
    );
    assert_eq!(r["findings"][0]["rule"], "user-cards-held");
}

/// Loading `rule` fails with exit code 2 and `message` on standard error.
fn assert_cards_rule_rejected(rule: &str, message: &str) {
    let dir = rules_dir(&[("en/cards.yaml", rule)]);
    redflag()
        .args(["scan", "--rules", dir.path().to_str().unwrap()])
        .write_stdin("x")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(message));
}

#[test]
fn named_lists_expand_and_unknown_names_are_errors() {
    let rule = cards_rule(r#"  cards: ["salary card*", "bank card*"]"#);
    assert_cards_rule_fires(&rule);
    assert_cards_rule_rejected(
        &rule.replace("\"@cards\"", "\"@nothing\""),
        "unknown list `@nothing`",
    );
}

#[test]
fn a_list_may_name_lists_and_a_list_naming_itself_is_an_error() {
    let lists = r#"  salary_cards: ["salary card*"]
  cards: ["@salary_cards", "bank card*"]"#;
    assert_cards_rule_fires(&cards_rule(lists));
    let cycle = lists.replace(r#"["salary card*"]"#, r#"["salary card*", "@cards"]"#);
    assert_cards_rule_rejected(
        &cards_rule(&cycle),
        "list `@cards` names itself (through `@cards`, `@salary_cards`)",
    );
}

#[test]
fn optional_words_match_both_ways_and_misplaced_marks_are_errors() {
    let rule = r#"
rules:
  - id: user-no-day-off
    indicator: excessive-overtime
    description: Not one day off.
    match:
      any: ["not had a single? day off"]
    examples:
      match: ["I have not had a day off.", "I have not had a single day off."]
      no_match: ["I had a day off."]
"#;
    let dir = rules_dir(&[("en/rest.yaml", rule)]);
    for text in [
        "I have not had a day off.",
        "I have not had a single day off.",
    ] {
        let r = json_of(
            &[
                "scan",
                "--format",
                "json",
                "--only",
                "user-no-day-off",
                "--rules",
                dir.path().to_str().unwrap(),
            ],
            text,
        );
        assert_eq!(r["findings"][0]["rule"], "user-no-day-off", "{text}");
    }

    let dir = rules_dir(&[("en/rest.yaml", &rule.replace("single?", "...?"))]);
    redflag()
        .args(["scan", "--rules", dir.path().to_str().unwrap()])
        .write_stdin("x")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("user-no-day-off"))
        .stderr(predicate::str::contains("rest.yaml"))
        .stderr(predicate::str::contains("must follow a word"));
}

/// A Latin word inside a Russian sentence ("Пишите в Telegram") leaves the sentence Russian,
/// and Russian typed in Latin letters is read by the Russian rules with a note saying so.
#[test]
fn mixed_script_sentences_and_transliterated_russian() {
    let v = json_of(
        &["scan", "--format", "json", "-"],
        "Работа в Польше, жильё бесплатно. Пишите в Telegram. Паспорт оставляете у нас на время оформления.",
    );
    assert_eq!(v["language"]["coverage"], 1.0, "{v:#}");
    assert!(v["language"]["note"].is_null(), "{v:#}");
    let found: Vec<&str> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["indicator"].as_str().unwrap())
        .collect();
    assert!(found.contains(&"informal-recruitment"), "{found:?}");
    assert!(
        found.contains(&"retention-of-identity-documents"),
        "{found:?}"
    );

    let v = json_of(
        &["scan", "--format", "json", "-"],
        "Ya na stroyke v Kazani, brigadir zabral pasport u vseh, uzhe dva mesyaca ne platyat.",
    );
    assert_eq!(v["language"]["detected"], "ru", "{v:#}");
    assert!(
        v["language"]["note"]
            .as_str()
            .unwrap()
            .contains("Latin letters"),
        "{v:#}"
    );
    assert_eq!(v["risk"]["level"], "high", "{v:#}");
}

/// A minimal language file of a made-up Cyrillic language, with `extra` lines added.
fn cyrillic_language(extra: &str) -> String {
    let words: Vec<String> = (0..20)
        .map(|i| format!("слово{}", "а".repeat(i + 1)))
        .collect();
    format!(
        "script: cyrillic\ncommon_words: [{}]\nnegation: [не]\n{extra}",
        words.join(", ")
    )
}

#[test]
fn a_language_file_whose_alphabet_holds_another_script_is_rejected() {
    let language = |letters: &str| cyrillic_language(&format!("letters: \"{letters}\"\n"));
    let bad = rules_dir(&[("xx/language.yaml", &language("абвq"))]);
    redflag()
        .args(["scan", "--rules", bad.path().to_str().unwrap()])
        .write_stdin("x")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("letters"))
        .stderr(predicate::str::contains("\"q\""));
    let good = rules_dir(&[("xx/language.yaml", &language("абв"))]);
    redflag()
        .args(["scan", "--rules", good.path().to_str().unwrap()])
        .write_stdin("x")
        .assert()
        .success();
}

/// A language file with `bad` lines is rejected with messages holding each of `needles`;
/// with `good` lines instead it loads.
fn assert_language_lines_checked(bad: &str, needles: &[&str], good: &str) {
    let bad = rules_dir(&[("xx/language.yaml", &cyrillic_language(bad))]);
    let mut assert = redflag()
        .args(["scan", "--rules", bad.path().to_str().unwrap()])
        .write_stdin("x")
        .assert()
        .code(2);
    for needle in needles {
        assert = assert.stderr(predicate::str::contains(*needle));
    }
    let good = rules_dir(&[("xx/language.yaml", &cyrillic_language(good))]);
    redflag()
        .args(["scan", "--rules", good.path().to_str().unwrap()])
        .write_stdin("x")
        .assert()
        .success();
}

#[test]
fn a_list_joiner_that_is_not_a_single_word_is_rejected() {
    assert_language_lines_checked(
        "list_joiners: [\"или же\"]\n",
        &["list_joiners", "\"или же\" is not a single word"],
        "list_joiners: [или, либо]\n",
    );
}

#[test]
fn a_negation_particle_must_be_a_negation_word() {
    assert_language_lines_checked(
        "negation_particles: [ни]\n",
        &["negation_particles", "\"ни\" is not in `negation`"],
        "negation_particles: [не]\n",
    );
}

#[test]
fn an_answer_word_that_is_not_a_single_word_is_rejected() {
    assert_language_lines_checked(
        "answer_yes: [\"да да\"]\n",
        &["answer_yes", "\"да да\" is not a single word"],
        "answer_yes: [да, ага]\n",
    );
    assert_language_lines_checked(
        "answer_no: [\"нет нет\"]\n",
        &["answer_no", "\"нет нет\" is not a single word"],
        "answer_no: [нет, никто]\n",
    );
    assert_language_lines_checked(
        "question_words: [\"где же\"]\n",
        &["question_words", "\"где же\" is not a single word"],
        "question_words: [кто, где]\n",
    );
}

#[test]
fn a_figure_word_that_is_not_a_single_word_is_rejected() {
    assert_language_lines_checked(
        "figure_words:\n  day: [\"в день\"]\n",
        &["figure_words.day", "\"в день\" is not a single word"],
        "figure_words:\n  day: [день, сутки]\n",
    );
}

#[test]
fn a_clock_word_that_is_not_a_single_word_is_rejected() {
    assert_language_lines_checked(
        "clock_words:\n  night: [\"в ночь\"]\n",
        &["clock_words.night", "\"в ночь\" is not a single word"],
        "clock_words:\n  night: [ночи, ночью]\n  hours: [час, два|двух]\n",
    );
    assert_language_lines_checked(
        "clock_words:\n  hours: [a, b, c, d, e, f, g, h, i, j, k, l, m]\n",
        &["clock_words.hours", "one to twelve"],
        "clock_words:\n  hours: [a, b]\n",
    );
}

/// `redflag rules check` on a folder holding one rule file `file` (path under the folder), whose
/// one rule has the id, indicator and match example given and the match condition `condition`
/// (YAML lines indented for `match:`): the exit code and all it said.
fn check_one_rule(
    file: &str,
    id_indicator_example: [&str; 3],
    condition: &str,
) -> (Option<i32>, String) {
    let [id, indicator, example] = id_indicator_example;
    let rule = format!(
        "rules:\n  - id: {id}\n    indicator: {indicator}\n    description: x\n    match:\n{condition}    examples:\n      match: [\"{example}\"]\n"
    );
    let dir = rules_dir(&[(file, &rule)]);
    let out = redflag()
        .args(["rules", "check", dir.path().to_str().unwrap()])
        .output()
        .unwrap();
    // `rules check` reports on stdout (it is the command's output), load errors on stderr.
    let said = [out.stdout, out.stderr].concat();
    (
        out.status.code(),
        String::from_utf8_lossy(&said).to_string(),
    )
}

/// A `shortfall` rule whose terms lack the figure, or that is mixed with another condition,
/// or that reaches too far, is an error naming the file, the rule and the field.
#[test]
fn a_shortfall_rule_is_checked_when_loaded() {
    let load = |shortfall: &str| {
        check_one_rule(
            "en/short.yaml",
            [
                "user-short",
                "withholding-of-wages",
                "They promised 800. I get 300.",
            ],
            shortfall,
        )
    };
    let (code, stderr) = load(
        "      shortfall:\n        actual: [\"get #\", \"get paid\"]\n        expected: [\"promised #\"]\n",
    );
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("short.yaml") && stderr.contains("user-short"),
        "{stderr}"
    );
    assert!(
        stderr.contains("shortfall.actual") && stderr.contains("\"get paid\" has no `#`"),
        "{stderr}"
    );

    let (code, stderr) = load(
        "      any: [promised]\n      shortfall:\n        actual: [\"get #\"]\n        expected: [\"promised #\"]\n",
    );
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("give only one of"), "{stderr}");

    let (code, stderr) = load(
        "      shortfall:\n        actual: [\"get #\"]\n        expected: [\"promised #\"]\n        sentences: 9\n",
    );
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("at most 5"), "{stderr}");

    // Each phrase of a group must hold the figure.
    let (code, stderr) = load(
        "      shortfall:\n        actual: [\"(get #|get paid)\"]\n        expected: [\"promised #\"]\n",
    );
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("\"get paid\" has no `#`"), "{stderr}");

    let (code, stderr) = load(
        "      shortfall:\n        actual: [\"(get|got) #\"]\n        expected: [\"promised #\"]\n",
    );
    assert_eq!(code, Some(0), "{stderr}");
}

/// A `contradicted` rule mixed with another condition, reaching too far or with a bad term is
/// an error naming the file, the rule and the field; a good one loads and fires.
#[test]
fn a_contradicted_rule_is_checked_when_loaded() {
    let load = |condition: &str| {
        check_one_rule(
            "en/denied.yaml",
            [
                "user-denied",
                "deception",
                "They said a hotel job. It is not a hotel.",
            ],
            condition,
        )
    };
    let (code, stderr) =
        load("      contradicted:\n        promise: [said]\n        denial: [not]\n");
    assert_eq!(code, Some(0), "{stderr}");
    let (code, stderr) = load(
        "      any: [said]\n      contradicted:\n        promise: [said]\n        denial: [not]\n",
    );
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("give only one of"), "{stderr}");
    let (code, stderr) = load(
        "      contradicted:\n        promise: [said]\n        denial: [not]\n        sentences: 9\n",
    );
    assert_eq!(code, Some(2), "{stderr}");
    assert!(
        stderr.contains("denied.yaml") && stderr.contains("user-denied"),
        "{stderr}"
    );
    assert!(stderr.contains("from 1 to 5"), "{stderr}");
    let (code, stderr) =
        load("      contradicted:\n        promise: [said]\n        denial: [\"not (\"]\n");
    assert_eq!(code, Some(2), "{stderr}");
    assert!(stderr.contains("contradicted.denial"), "{stderr}");
}

/// A `shift` rule whose terms hold no time, that is mixed with another condition, or whose
/// hours are out of range, is an error naming the file, the rule and the field; a term may
/// hold the time as `#`, as `*` (an hour in words) or as a word that is a time by itself.
#[test]
fn a_shift_rule_is_checked_when_loaded() {
    let load = |shift: &str| {
        check_one_rule(
            "en/day.yaml",
            [
                "user-day",
                "excessive-overtime",
                "We work from 6 am to 10 pm.",
            ],
            shift,
        )
    };
    let (code, said) =
        load("      shift:\n        start: [\"from #\", \"from work\"]\n        end: [\"to *\"]\n");
    assert_eq!(code, Some(2), "{said}");
    assert!(
        said.contains("day.yaml") && said.contains("user-day") && said.contains("shift.start"),
        "{said}"
    );
    assert!(said.contains("\"from work\" holds no time"), "{said}");

    let (code, said) = load(
        "      any: [work]\n      shift:\n        start: [\"from #\"]\n        end: [\"to #\"]\n",
    );
    assert_eq!(code, Some(2), "{said}");
    assert!(said.contains("give only one of"), "{said}");

    let (code, said) = load(
        "      shift:\n        start: [\"from #\"]\n        end: [\"to #\"]\n        hours: 30\n",
    );
    assert_eq!(code, Some(2), "{said}");
    assert!(said.contains("from 1 to 24"), "{said}");

    let (code, said) = load(
        "      shift:\n        start: [\"from *\"]\n        end: [\"to #\", \"until midnight\"]\n        hours: 14\n",
    );
    assert_eq!(code, Some(0), "{said}");
}

/// A `switched` rule needs two kinds of work at least, stays within five sentences and goes
/// with no other condition; a good one loads and passes its example.
#[test]
fn how_far_next_sentence_reads_on_is_checked_when_loaded() {
    let load = |condition: &str| {
        check_one_rule(
            "en/then.yaml",
            [
                "user-promise-then-reality",
                "deception",
                "They promised a hotel. We flew on Monday. In reality it was a farm.",
            ],
            condition,
        )
    };
    let good = "      all: [[promised], [hotel]]\n      next_sentence: [\"in reality\"]\n";
    let (code, said) = load(&format!("{good}      within_sentences: 2\n"));
    assert_eq!(code, Some(0), "{said}");

    for reach in ["0", "6"] {
        let (code, said) = load(&format!("{good}      within_sentences: {reach}\n"));
        assert_eq!(code, Some(2), "{said}");
        assert!(
            said.contains("then.yaml")
                && said.contains("user-promise-then-reality")
                && said.contains("`within_sentences` is from 1 to 5"),
            "{said}"
        );
    }

    let (code, said) = load("      all: [[promised], [hotel]]\n      within_sentences: 2\n");
    assert_eq!(code, Some(2), "{said}");
    assert!(said.contains("give that list too"), "{said}");
}

#[test]
fn a_switched_rule_is_checked_when_loaded() {
    let load = |switched: &str| {
        check_one_rule(
            "en/switched.yaml",
            [
                "user-switched",
                "deception",
                "They said a job as a nanny. Now she cleans offices.",
            ],
            switched,
        )
    };
    let good = "      switched:\n        promise: [said]\n        reality: [now]\n        roles: [[nanny], [cleans]]\n";
    let (code, said) = load(good);
    assert_eq!(code, Some(0), "{said}");

    let (code, said) = load(
        "      switched:\n        promise: [said]\n        reality: [now]\n        roles: [[nanny, cleans]]\n",
    );
    assert_eq!(code, Some(2), "{said}");
    assert!(
        said.contains("switched.yaml")
            && said.contains("user-switched")
            && said.contains("at least two kinds of work"),
        "{said}"
    );

    let (code, said) = load(&format!("      any: [nanny]\n{good}"));
    assert_eq!(code, Some(2), "{said}");
    assert!(said.contains("give only one of"), "{said}");

    let (code, said) = load(&format!("{good}        sentences: 9\n"));
    assert_eq!(code, Some(2), "{said}");
    assert!(
        said.contains("`switched.sentences` is from 1 to 5"),
        "{said}"
    );

    let (code, said) = load(&format!("{good}      within: 3\n"));
    assert_eq!(code, Some(2), "{said}");
    assert!(said.contains("do not go with `switched`"), "{said}");
}

#[test]
fn spelling_variants_that_cannot_be_used_are_rejected() {
    assert_language_lines_checked(
        "spelling_variants:\n  - [паспорт]\n  - [деньг, ден]\n",
        &[
            "spelling_variants",
            "at least two spellings",
            "at least 4 long",
        ],
        "spelling_variants:\n  - [паспорт, паспарт]\n  - [деньг, денг]\n",
    );
}

/// Every term of a language reads the spellings its language file lists: a user's rule
/// written "паспорт" finds the typed «паспарт», and only where the file lists it.
#[test]
fn a_languages_spelling_variants_reach_every_term() {
    let rule = "rules:\n  - id: xx-documents-taken\n    indicator: retention-of-identity-documents\n    \
                description: Паспорт забрали.\n    match:\n      any: [\"забрали паспорт*\"]\n    \
                examples:\n      match: [\"Хозяин забрали паспорт у всех.\"]\n      no_match: []\n";
    let text = "Хозяин забрали паспарта у всех.";
    for (spellings, found) in [
        ("spelling_variants:\n  - [паспорт, паспарт]\n", true),
        ("", false),
    ] {
        let dir = rules_dir(&[
            ("xx/language.yaml", &cyrillic_language(spellings)),
            ("xx/documents.yaml", rule),
        ]);
        let out = redflag()
            .args(["scan", "--format", "json", "--lang", "xx", "--rules"])
            .arg(dir.path())
            .write_stdin(text)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        let report: serde_json::Value = serde_json::from_slice(&out).unwrap();
        let findings = report["findings"].as_array().unwrap();
        assert_eq!(!findings.is_empty(), found, "{spellings:?}: {report}");
    }
}
