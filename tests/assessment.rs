//! End to end through the binary: the structured assessment (`--kind`, `--strict`, offer
//! wording, broken assessment data).

mod common;

use assert_cmd::Command;
use common::{fixture_path, json_ok, redflag};
use std::path::Path;
use tempfile::TempDir;

fn scan_json(args: &[&str]) -> serde_json::Value {
    json_ok(
        &redflag()
            .arg("scan")
            .args(["--format", "json"])
            .args(args)
            .output()
            .unwrap(),
    )
}

/// An offer is read as recruitment risk: no output format says "trafficking" about it.
#[test]
fn offers_never_speak_of_trafficking() {
    let offers = [
        "en/19-poland-warehouse-telegram-ad.txt",
        "en/21-russia-construction-helpers-ad.txt",
        "en/22-kuwait-saudi-housemaids-ad.txt",
        "en/23-antalya-hostess-ad.txt",
        "en/27-bavaria-care-assistants-offer.txt",
        "ru/08-telegram-moskva-sklad.txt",
        "ru/09-vakansiya-astana-bez-patenta.txt",
        "ru/23-vatsap-vakhta-aktobe.txt",
    ];
    for rel in offers {
        for format in ["table", "json", "html", "markdown"] {
            let out = Command::cargo_bin("redflag")
                .unwrap()
                .args(["scan", "--color", "never", "--format", format])
                .arg(fixture_path(rel))
                .output()
                .unwrap();
            let text = String::from_utf8_lossy(&out.stdout).to_lowercase();
            assert!(
                ["recruitment risk", "recruitment-risk", "риск при найме"]
                    .iter()
                    .any(|w| text.contains(w)),
                "{rel} {format}"
            );
            for word in ["traffick", "торговл"] {
                assert!(!text.contains(word), "{rel} ({format}) says {word:?}");
            }
        }
    }
    // The check can fail: the same formats do say it about an account that screens positive.
    for (rel, word) in [
        ("en/40-kazan-basement-sewing.txt", "traffick"),
        ("ru/27-pelmeni-podval.txt", "торговл"),
    ] {
        for format in ["html", "markdown"] {
            let out = Command::cargo_bin("redflag")
                .unwrap()
                .args(["scan", "--format", format])
                .arg(fixture_path(rel))
                .output()
                .unwrap();
            let text = String::from_utf8_lossy(&out.stdout).to_lowercase();
            assert!(text.contains(word), "{rel} ({format})");
        }
    }
}

#[test]
fn kind_given_overrides_the_classifier() {
    let offer = fixture_path("en/19-poland-warehouse-telegram-ad.txt");
    let r = scan_json(&[&offer]);
    assert_eq!(r["assessment"]["kind"], "offer");
    assert_eq!(r["assessment"]["kind_source"], "auto");
    assert!(
        r["assessment"]["offer"]["missing"]
            .as_array()
            .unwrap()
            .len()
            >= 2
    );
    assert!(r["assessment"].get("forced_labour").is_none());

    let r = scan_json(&["--kind", "account", &offer]);
    assert_eq!(r["assessment"]["kind"], "account");
    assert_eq!(r["assessment"]["kind_source"], "given");
    assert!(r["assessment"].get("offer").is_none());
    assert!(!r["assessment"]["follow_up"].as_array().unwrap().is_empty());

    let account = fixture_path("en/40-kazan-basement-sewing.txt");
    let r = scan_json(&["--kind", "offer", &account]);
    assert_eq!(r["assessment"]["kind"], "offer");
    assert!(
        r["assessment"]["outcome"]["id"]
            .as_str()
            .unwrap()
            .starts_with("recruitment-risk-")
    );
    // An offer is about recruitment: every finding's phase is recruitment.
    for f in r["findings"].as_array().unwrap() {
        assert_eq!(
            f["phase"],
            serde_json::json!(["recruitment"]),
            "{}",
            f["indicator"]
        );
    }
}

/// A text of a kind that tells of no case of its own (a report, advice), screened as such:
/// its findings listed, no outcome ladder, ILO test or follow-up, its level capped (`low` for
/// a report, `none` for advice) with a reason that names the kind and says how to screen it
/// as a case; `--kind account` screens it as a case (high).
fn assert_read_as_no_case(rel: &str, kind: &str, outcome: &str, reason_names: &str, level: &str) {
    let path = fixture_path(rel);
    let r = scan_json(&[&path]);
    assert_eq!(r["assessment"]["kind"], kind, "{rel}");
    assert_eq!(r["assessment"]["outcome"]["id"], outcome, "{rel}");
    assert!(r["assessment"].get("forced_labour").is_none());
    assert!(r["assessment"]["follow_up"].as_array().unwrap().is_empty());
    assert_eq!(r["risk"]["level"], level, "{rel}");
    let reason = r["risk"]["reason"].as_str().unwrap();
    assert!(reason.contains(reason_names), "{reason}");
    assert!(reason.contains("--kind account"), "{reason}");
    assert!(r["findings"].as_array().unwrap().len() >= 3, "{rel}");

    let r = scan_json(&["--kind", "account", &path]);
    assert_eq!(r["assessment"]["kind"], "account");
    assert_eq!(r["risk"]["level"], "high", "{rel} as an account");
}

/// A report about other people (a court report, a hotline's statistics) lists what it
/// describes, but its level is capped at low and the reason says how to read it as a case;
/// `--kind account` screens it as one, and `--kind report` caps an account.
#[test]
fn a_report_about_others_is_capped_and_says_how_to_read_it_as_a_case() {
    for rel in [
        "en/42-court-report-greenhouse-gang.txt",
        "ru/29-otchet-goryachaya-liniya.txt",
    ] {
        assert_read_as_no_case(
            rel,
            "report",
            "report-about-others",
            "a report about other people",
            "low",
        );
    }
    let account = fixture_path("en/40-kazan-basement-sewing.txt");
    let r = scan_json(&[&account]);
    assert_eq!(r["assessment"]["kind"], "account");
    assert_eq!(r["risk"]["level"], "high");
    let r = scan_json(&["--kind", "report", &account]);
    assert_eq!(r["assessment"]["kind"], "report");
    assert_eq!(r["assessment"]["kind_source"], "given");
    assert_eq!(r["risk"]["level"], "low");
}

/// An advice card or leaflet names every warning sign ("if you are locked in, beaten,
/// threatened..."): it is read as advice, its findings stay listed, its level is `none`
/// with a reason that says how to screen it as a case. A worker's own story that ends
/// with advice to others stays an account, and `--kind advice` caps an account.
#[test]
fn advice_to_the_reader_is_capped_and_a_story_with_advice_stays_a_case() {
    for rel in [
        "en/43-seasonal-work-safety-card.txt",
        "ru/30-pamyatka-vahta.txt",
    ] {
        assert_read_as_no_case(
            rel,
            "advice",
            "advice-not-a-case",
            "advice to the reader",
            "none",
        );
        let r = scan_json(&[&fixture_path(rel)]);
        assert!(r["assessment"]["kind_cues"]["advice"].as_u64().unwrap() >= 4);
    }
    for (text, lang) in [
        (
            "The agent took my passport and locked us in the barracks, and the boss beat me \
             when I asked for my wages. Be careful, never give your passport to anyone, do \
             not pay fees, and save the hotline number before you travel.",
            "en",
        ),
        (
            "Бригадир забрал мой паспорт, нас запирали на ночь и били. Будьте осторожны, не \
             отдавайте паспорт никому, не платите посредникам, сохраните номер горячей линии \
             перед отъездом.",
            "ru",
        ),
    ] {
        let r = json_ok(
            &redflag()
                .args(["scan", "--format", "json", "-"])
                .write_stdin(text)
                .output()
                .unwrap(),
        );
        assert_eq!(
            r["assessment"]["kind"], "account",
            "{lang}: {}",
            r["assessment"]
        );
        assert_eq!(r["risk"]["level"], "high", "{lang}");
    }
    let account = fixture_path("en/40-kazan-basement-sewing.txt");
    let r = scan_json(&["--kind", "advice", &account]);
    assert_eq!(r["assessment"]["kind"], "advice");
    assert_eq!(r["assessment"]["kind_source"], "given");
    assert_eq!(r["risk"]["level"], "none");
}

#[test]
fn a_fair_offer_counts_risk_lowering_statements() {
    let r = scan_json(&[&fixture_path("en/27-bavaria-care-assistants-offer.txt")]);
    let offer = &r["assessment"]["offer"];
    assert_eq!(r["assessment"]["outcome"]["id"], "recruitment-risk-low");
    assert_eq!(offer["risk_lowering_count"], 3, "{offer}");
    assert_eq!(offer["missing"].as_array().unwrap().len(), 0, "{offer}");
}

#[test]
fn the_account_report_has_dimensions_ilo_test_and_phases() {
    let r = scan_json(&[&fixture_path("en/40-kazan-basement-sewing.txt")]);
    let a = &r["assessment"];
    assert_eq!(a["reading"], "broad");
    assert_eq!(a["reading_holds"], true);
    let positive: Vec<&str> = a["dimensions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["positive"] == true)
        .map(|d| d["id"].as_str().unwrap())
        .collect();
    assert_eq!(positive, ["D1", "D4", "D5"]);
    assert_eq!(a["forced_labour"]["indicated"], true);
    assert!(
        !a["forced_labour"]["coercion"]["evidence"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    // Follow-up questions only for the dimensions not established.
    let asked: Vec<&str> = a["follow_up"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["dimension"].as_str().unwrap())
        .collect();
    assert_eq!(asked, ["D2", "D3", "D6"]);
    let fees = r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["indicator"] == "recruitment-fees")
        .unwrap();
    assert_eq!(fees["evidence"][0]["phase"], "recruitment");

    let strict = scan_json(&["--strict", &fixture_path("en/40-kazan-basement-sewing.txt")]);
    assert_eq!(strict["assessment"]["reading"], "strict");
}

#[test]
fn a_text_no_rules_can_read_has_no_assessment() {
    let mut cmd = Command::cargo_bin("redflag").unwrap();
    let out = cmd
        .args(["scan", "--format", "json", "-"])
        .write_stdin(
            "Men ishga bordim, lekin pasportimni olib qoyishdi va pul bermadilar hech qachon.",
        )
        .output()
        .unwrap();
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r["risk"]["level"], "not-assessed");
    assert!(r.get("assessment").is_none());
}

#[test]
fn broken_assessment_data_is_reported_with_file_and_field() {
    let dir = TempDir::new().unwrap();
    let builtin = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/assessment.yaml"),
    )
    .unwrap();
    let broken = builtin
        .replace(
            "- indicator: sale-of-person",
            "- indicator: sale-of-persons",
        )
        .replace("  - {medium: 3}", "  - {}")
        .replace("    max_risk: low", "    max_risk: lowish")
        .replace("    max_risk: none", "    max_risk: lowish");
    std::fs::write(dir.path().join("assessment.yaml"), broken).unwrap();
    std::fs::create_dir(dir.path().join("en")).unwrap();
    std::fs::write(
        dir.path().join("en/assessment.yaml"),
        "phase_cues: {recruitment: [\"before (\"]}\nkind_cues: {}\noffer_facts:\n  - fact: free-lunch\n    any: [lunch]\n    examples: {match: [lunch]}\n",
    )
    .unwrap();
    let out = Command::cargo_bin("redflag")
        .unwrap()
        .args(["scan", "--rules"])
        .arg(dir.path())
        .write_stdin("text")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    for want in [
        "field `mapping[7].indicator`: unknown indicator \"sale-of-persons\"",
        "field `positive_when[3]`",
        "field `offer_facts[0].fact`: unknown fact \"free-lunch\"",
        "field `kind.report.max_risk`: unknown risk level \"lowish\"",
        "field `kind.advice.max_risk`: unknown risk level \"lowish\"",
    ] {
        assert!(err.contains(want), "missing {want:?} in:\n{err}");
    }
    assert!(err.contains("assessment.yaml"), "{err}");
}

/// When both ILO elements are present but the trafficking reading does not hold, the report
/// warns that the outcome is not "only a labour-rights case"; it says nothing of the kind when
/// the reading holds or when only one element is present.
#[test]
fn forced_labour_without_a_trafficking_reading_carries_a_caution() {
    let caution = |report: &serde_json::Value| {
        report["assessment"]["forced_labour"]["caution"]
            .as_str()
            .map(str::to_string)
    };
    let podolsk = scan_json(&[&fixture_path("en/01-podolsk-construction-intake.txt")]);
    assert_eq!(podolsk["assessment"]["outcome"]["id"], "exploited-migrant");
    assert_eq!(podolsk["assessment"]["forced_labour"]["indicated"], true);
    assert!(
        caution(&podolsk)
            .unwrap()
            .contains("possible forced labour")
    );

    let positive = scan_json(&[&fixture_path("en/40-kazan-basement-sewing.txt")]);
    assert_eq!(positive["assessment"]["reading_holds"], true);
    assert_eq!(caution(&positive), None);

    let ru = scan_json(&[
        "--kind",
        "account",
        "--explain-lang",
        "ru",
        &fixture_path("en/01-podolsk-construction-intake.txt"),
    ]);
    assert!(caution(&ru).unwrap().contains("принудительный труд"));

    let one_element = Command::cargo_bin("redflag")
        .unwrap()
        .args(["scan", "--format", "json", "--kind", "account"])
        .write_stdin("We worked fourteen hours a day, seven days a week, with no day off.")
        .output()
        .unwrap();
    let one: serde_json::Value = serde_json::from_slice(&one_element.stdout).unwrap();
    assert_eq!(one["assessment"]["forced_labour"]["indicated"], false);
    assert_eq!(caution(&one), None);
}

/// Whatever a text says, once it is read as an offer no output format speaks of trafficking:
/// every fixture, forced to be read as an offer, in every report format.
#[test]
fn no_text_read_as_an_offer_speaks_of_trafficking() {
    for format in ["table", "json", "jsonl", "csv", "html", "markdown"] {
        let out = Command::cargo_bin("redflag")
            .unwrap()
            .args([
                "scan", "--kind", "offer", "--glob", "*.txt", "--format", format,
            ])
            .arg(fixture_path(""))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{format}");
        let text = String::from_utf8(out.stdout).unwrap().to_lowercase();
        assert!(
            text.contains("recruitment risk") || text.contains("риск при найме") || format == "csv",
            "{format}"
        );
        for word in ["traffick", "торговл"] {
            assert!(!text.contains(word), "{format} output says {word}");
        }
    }
}

/// An offer's recruitment risk can sit above its screening risk level; the report says why.
#[test]
fn a_raised_recruitment_risk_says_why() {
    let report = scan_json(&[&fixture_path("en/19-poland-warehouse-telegram-ad.txt")]);
    let offer = &report["assessment"]["offer"];
    assert!(offer["missing"].as_array().unwrap().len() >= 2);
    assert_eq!(offer["raised_for_missing"], 2);
    let fair = scan_json(&[&fixture_path("en/27-bavaria-care-assistants-offer.txt")]);
    assert!(fair["assessment"]["offer"]["raised_for_missing"].is_null());
}
