//! Reports for people: HTML and Markdown snapshots of fixtures, escaping of hostile input,
//! `--redact` across every format, and the workshop handout.

mod common;

use common::redflag;
use redflag::assessment_rules::Dimension;
use redflag::redact::Redactor;
use redflag::render::{Document, handout, html, labels, markdown};
use redflag::report::{Report, ReportOptions, screen};
use redflag::ruleset::RuleSet;
use std::collections::BTreeSet;
use std::path::Path;
use std::sync::LazyLock;

static RULES: LazyLock<RuleSet> = LazyLock::new(|| RuleSet::load(None).unwrap());

fn fixture(rel: &str) -> (String, String) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    (rel.to_string(), std::fs::read_to_string(path).unwrap())
}

fn report_of(source: &str, text: &str) -> Report {
    screen(&RULES, source, text, &ReportOptions::default())
}

fn render(
    files: &[&str],
    write: fn(&mut dyn std::io::Write, &[Document<'_>]) -> std::io::Result<()>,
) -> String {
    let inputs: Vec<(String, String)> = files.iter().map(|f| fixture(f)).collect();
    let reports: Vec<Report> = inputs.iter().map(|(s, t)| report_of(s, t)).collect();
    let docs: Vec<Document<'_>> = reports
        .iter()
        .zip(&inputs)
        .map(|(report, (_, text))| Document {
            report,
            text,
            redacted: false,
        })
        .collect();
    let mut out = Vec::new();
    write(&mut out, &docs).unwrap();
    String::from_utf8(out).unwrap()
}

const EN_01: &str = "fixtures/en/01-podolsk-construction-intake.txt";
const EN_14: &str = "fixtures/en/14-korea-good-experience.txt";
const RU_01: &str = "fixtures/ru/01-kirpich-pasport-dolg.txt";
const RU_19: &str = "fixtures/ru/19-smeshannyi-ru-en.txt";

const EN_40: &str = "fixtures/en/40-kazan-basement-sewing.txt";
const EN_OFFER_19: &str = "fixtures/en/19-poland-warehouse-telegram-ad.txt";
const RU_27: &str = "fixtures/ru/27-pelmeni-podval.txt";
const RU_OFFER_08: &str = "fixtures/ru/08-telegram-moskva-sklad.txt";

#[test]
fn html_snapshots() {
    insta::assert_snapshot!("html_en_01", render(&[EN_01], html::write_html));
    insta::assert_snapshot!("html_ru_01", render(&[RU_01], html::write_html));
    insta::assert_snapshot!("html_batch", render(&[EN_14, RU_19], html::write_html));
    insta::assert_snapshot!("html_offer_en_19", render(&[EN_OFFER_19], html::write_html));
}

#[test]
fn markdown_snapshots() {
    insta::assert_snapshot!("md_en_01", render(&[EN_01], markdown::write_markdown));
    insta::assert_snapshot!("md_ru_01", render(&[RU_01], markdown::write_markdown));
    insta::assert_snapshot!(
        "md_batch",
        render(&[EN_14, RU_19], markdown::write_markdown)
    );
    insta::assert_snapshot!("md_ru_27", render(&[RU_27], markdown::write_markdown));
    insta::assert_snapshot!(
        "md_offer_ru_08",
        render(&[RU_OFFER_08], markdown::write_markdown)
    );
}

/// The assessment section of a rendered report: from its heading to the disclaimer.
fn assessment_part<'a>(page: &'a str, heading: &str) -> &'a str {
    let start = page
        .find(heading)
        .unwrap_or_else(|| panic!("no {heading:?} in {page}"));
    let end = page[start..]
        .find("disclaimer")
        .or_else(|| page[start..].find("_This is a screening aid"))
        .or_else(|| page[start..].find("_Это вспомогательная проверка"))
        .map_or(page.len(), |e| start + e);
    &page[start..end]
}

/// An account: every dimension with its result and indicators, the ILO test with its
/// evidence, and the follow-up questions of exactly the dimensions not established.
#[test]
fn account_report_shows_dimensions_ilo_test_and_follow_up() {
    let positive = [Dimension::D1, Dimension::D4, Dimension::D5];
    let html_page = render(&[EN_40], html::write_html);
    let md_note = render(&[EN_40], markdown::write_markdown);
    let html_part = assessment_part(&html_page, "<h2>Assessment</h2>");
    let md_part = assessment_part(&md_note, "## Assessment");
    for page in [&html_page, &md_note] {
        // The summary names the outcome too.
        let summary_end = page.find("Assessment").unwrap();
        assert!(page[..summary_end].contains("Trafficking for forced labour: screen positive"));
    }
    for d in Dimension::ALL {
        let name = &RULES.assessment.dimension(d).name.get("en").to_string();
        let (html_row, md_row) = if positive.contains(&d) {
            (
                format!(
                    "<tr class=\"positive\"><td>{d}</td><td>{name}</td><td class=\"result\">positive</td>"
                ),
                format!("| {d} | {name} | **positive** |"),
            )
        } else {
            (
                format!("<tr><td>{d}</td><td>{name}</td><td class=\"result\">not established</td>"),
                format!("| {d} | {name} | not established |"),
            )
        };
        assert!(html_part.contains(&html_row), "{html_row}\n{html_part}");
        assert!(md_part.contains(&md_row), "{md_row}\n{md_part}");
        // Questions for what is not established, none for what is.
        for q in RULES.assessment.dimension(d).prompts("en") {
            assert_eq!(
                html_part.contains(&html::escape(q)),
                !positive.contains(&d),
                "{d}: {q}"
            );
            assert_eq!(
                md_part.contains(&markdown::escape(q)),
                !positive.contains(&d),
                "{d}: {q}"
            );
        }
    }
    // The indicators behind D5, linked to their findings, with strength and phase.
    assert!(
        html_part.contains(
            "Identity documents taken or kept <span class=\"meta\">(strong, at destination)</span>"
        ),
        "{html_part}"
    );
    assert!(md_part.contains("Not free to leave or move around (strong, at destination)"));
    // The ILO test: both elements, with the evidence sentence of the coercion.
    let locked = "The door was locked at night and a guard sat outside, so nobody could leave.";
    for part in [html_part, md_part] {
        assert!(part.contains("Involuntariness:") && part.contains("Coercion:"));
        assert!(part.contains("Both elements present"));
        assert!(part.contains(&format!("«{locked}»")), "{part}");
    }
    assert!(html_part.contains("<h4>Coercion: present</h4>"));
    assert!(md_part.contains("- **Coercion:** present"));
}

/// A Russian account: the assessment's fixed words are Russian, like its other headings.
#[test]
fn russian_account_has_russian_assessment_labels() {
    let html_page = render(&[RU_27], html::write_html);
    let md_note = render(&[RU_27], markdown::write_markdown);
    let parts = [
        assessment_part(&html_page, "<h2>Оценка</h2>"),
        assessment_part(&md_note, "## Оценка"),
    ];
    let (en, ru) = (&labels::ASSESSMENT_EN, &labels::ASSESSMENT_RU);
    for part in parts {
        for word in [
            ru.read_as,
            ru.outcome,
            ru.reading,
            ru.dimensions,
            ru.involuntariness,
            ru.coercion,
            ru.follow_up,
            ru.positive,
            ru.destination,
        ] {
            assert!(part.contains(word), "{word:?} missing:\n{part}");
        }
        for word in [
            en.heading,
            en.read_as,
            en.outcome,
            en.reading,
            en.dimensions,
            en.behind,
            en.involuntariness,
            en.coercion,
            en.follow_up,
            en.dimension,
            en.not_positive,
            en.destination,
            en.present,
            en.absent,
        ] {
            assert!(!part.contains(word), "English {word:?} in:\n{part}");
        }
        assert!(part.contains("Торговля людьми в целях принудительного труда"));
        let d2 = &RULES.assessment.dimension(Dimension::D2);
        assert!(part.contains(d2.name.get("ru")));
        assert!(
            part.contains(d2.prompts("ru")[0].as_str())
                || part.contains(&markdown::escape(&d2.prompts("ru")[0]))
        );
    }
}

/// Every tag name in an HTML page.
fn tag_names(page: &str) -> BTreeSet<String> {
    page.split('<')
        .skip(1)
        .map(|rest| {
            rest.trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '!')
                .collect::<String>()
                .to_ascii_lowercase()
        })
        .collect()
}

const HOSTILE: &str = "<script>alert('x')</script> The foreman took our passports & said \"it's <b>safe</b>\".\n\
<img src=x onerror=alert(1)>We were not paid for four months. <a href=\"javascript:alert(2)\">link</a>\n\
<iframe src=//evil.example></iframe> [click](http://evil.example) `code` **bold** # heading\n\
- list | table | \u{1b}[31m &lt;entity&gt;";

#[test]
fn hostile_input_renders_as_text_in_html() {
    let out = redflag()
        .args(["scan", "--format", "html"])
        .write_stdin(HOSTILE)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let page = String::from_utf8(out.stdout).unwrap();
    // The evidence was found and highlighted, so the hostile text went through the highlighter.
    assert!(page.contains(">took our passports</mark>"), "{page}");
    let allowed: BTreeSet<String> = [
        "!doctype", "html", "head", "meta", "title", "style", "body", "section", "h1", "h2", "h3",
        "h4", "div", "dl", "dt", "dd", "span", "p", "ul", "li", "mark", "a", "code", "strong",
        "br", "table", "thead", "tbody", "tr", "th", "td",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    let found = tag_names(&page);
    assert!(
        found.is_subset(&allowed),
        "unexpected tags: {:?}",
        found.difference(&allowed).collect::<Vec<_>>()
    );
    let lower = page.to_ascii_lowercase();
    for raw in ["<script", "<img", "<iframe", "<b>", "href=\"javascript"] {
        assert!(!lower.contains(raw), "{raw} reached the page");
    }
    assert!(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"));
    assert!(page.contains("&amp;lt;entity&amp;gt;"));
    assert!(!page.contains('\u{1b}'));
}

#[test]
fn hostile_input_renders_as_text_in_markdown() {
    let out = redflag()
        .args(["scan", "--format", "markdown"])
        .write_stdin(HOSTILE)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let note = String::from_utf8(out.stdout).unwrap();
    assert!(note.contains("**took our passports**"), "{note}");
    // Every `<`, `[` and backtick from the input is escaped; our own markup uses none of them
    // outside the indicator ids in backticks.
    for (i, c) in note.char_indices() {
        if c == '<' || c == '[' {
            assert_eq!(&note[i - 1..i], "\\", "unescaped {c} at {i}: {note}");
        }
    }
    assert!(note.contains("\\<script\\>"));
    assert!(note.contains("\\[click\\](http://evil.example)"));
    assert!(note.contains("\\*\\*bold\\*\\*"));
    assert!(note.contains("\\- list \\| table"));
    assert!(!note.contains('\u{1b}'));
}

/// Personal data planted in an account, and the names file that lists the person.
const PLANTED: &str = "Aziz Karimov (born 14.02.1991, passport FA7654321) called from +998 90 123 45 67.\n\
Write to aziz.karimov@example.com. The foreman took our passports on the first day.\n\
Каримов Азиз, 1991 г.р., паспорт 4510 654321: бригадир забрал паспорт у Каримова и не отдаёт.\n";
const SECRETS: &[&str] = &[
    "Aziz",
    "Karimov",
    "karimov",
    "Каримов",
    "Азиз",
    "14.02.1991",
    "1991",
    "7654321",
    "123 45 67",
    "example.com",
    "654321",
];

#[test]
fn redact_leaves_no_planted_personal_data_in_any_format() {
    let dir = tempfile::tempdir().unwrap();
    let account = dir.path().join("intake-karimov.txt");
    std::fs::write(&account, PLANTED).unwrap();
    let names = dir.path().join("names.txt");
    std::fs::write(&names, "# the client\nAziz Karimov\nКаримов\nАзиз\n").unwrap();
    let account = account.to_str().unwrap();
    for format in ["table", "json", "jsonl", "html", "markdown"] {
        let run = |extra: &[&str]| {
            let out = redflag()
                .args(["scan", "--color", "never", "--format", format])
                .args(extra)
                .arg(account)
                .output()
                .unwrap();
            assert_eq!(out.status.code(), Some(0), "{format}");
            String::from_utf8(out.stdout).unwrap()
        };
        // Without --redact the data is there, so the check below can fail.
        let plain = run(&[]);
        assert!(plain.contains("Каримов"), "{format}: {plain}");
        let redacted = run(&["--redact-names", names.to_str().unwrap()]);
        for secret in SECRETS {
            assert!(
                !redacted.contains(secret),
                "{format}: {secret:?} survived --redact:\n{redacted}"
            );
        }
        // The screening itself still works on the masked text.
        assert!(
            redacted.contains("retention-of-identity-documents"),
            "{format}: {redacted}"
        );
    }
}

#[test]
fn redact_without_names_masks_numbers_but_not_names() {
    let out = redflag()
        .args(["scan", "--redact", "--format", "json"])
        .write_stdin(PLANTED)
        .output()
        .unwrap();
    let json = String::from_utf8(out.stdout).unwrap();
    for secret in [
        "14.02.1991",
        "7654321",
        "123 45 67",
        "example.com",
        "654321",
    ] {
        assert!(!json.contains(secret), "{secret} survived");
    }
    assert!(json.contains("Каримов"), "names need --redact-names");
}

#[test]
fn bad_names_file_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("names.txt");
    std::fs::write(&bad, b"Anna\n\xc3\x28\n").unwrap();
    let out = redflag()
        .args(["scan", "--redact-names", bad.to_str().unwrap()])
        .write_stdin("The boss took my passport.")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("names.txt") && err.contains("line 2"), "{err}");
}

/// Masking must not change what is found: every fixture gives the same indicators with and
/// without --redact.
#[test]
fn redaction_keeps_the_findings_of_every_fixture() {
    let redactor = Redactor::new();
    let names = Redactor::with_names(&["Aziz Karimov".into(), "Азиз Каримов".into()]).unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut checked = 0;
    for lang in ["en", "ru"] {
        for entry in std::fs::read_dir(root.join(lang)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "txt") {
                continue;
            }
            // The fixtures hold no personal data, so plant some in every one of them, both
            // as a header line and inside the text.
            let header = if lang == "ru" {
                "Клиент: Азиз Каримов, 14.02.1991 г.р., паспорт 4510 654321, тел. +7 916 123-45-67, aziz@example.com.\n"
            } else {
                "Client: Aziz Karimov, born 14.02.1991, passport FA7654321, phone +998 90 123 45 67, aziz@example.com.\n"
            };
            let body = std::fs::read_to_string(&path).unwrap();
            let text = format!(
                "{header}{}",
                body.replacen(", ", ", call +44 7700 900123, ", 1)
            );
            let masked = names.mask(&text);
            assert_eq!(masked.len(), text.len());
            assert!(
                !masked.contains("654321")
                    && !masked.contains("900123")
                    && !masked.contains("Aziz"),
                "{masked}"
            );
            let ids = |r: Report| -> Vec<String> {
                r.findings.into_iter().map(|f| f.indicator).collect()
            };
            assert_eq!(
                ids(report_of("-", &text)),
                ids(report_of("-", &masked)),
                "{}",
                path.display()
            );
            // Plain fixtures: nothing to mask, nothing masked.
            assert_eq!(redactor.mask(&body), body, "{}", path.display());
            checked += 1;
        }
    }
    assert!(checked >= 60, "only {checked} fixtures");
}

#[test]
fn every_handout_example_fires_its_own_indicator() {
    for ind in RULES.catalog.iter() {
        for lang in ["en", "ru"] {
            let example = &ind.text(lang).example;
            let found: Vec<String> = report_of("-", example)
                .findings
                .into_iter()
                .map(|f| f.indicator)
                .collect();
            assert!(
                found.contains(&ind.id),
                "{} ({lang}) example {example:?} finds {found:?}",
                ind.id
            );
        }
    }
}

#[test]
fn handout_in_both_languages_and_formats() {
    let ids: Vec<&str> = RULES.catalog.ids();
    for lang in ["en", "ru"] {
        let mut page = Vec::new();
        handout::write_html(&mut page, &RULES.catalog, lang).unwrap();
        let page = String::from_utf8(page).unwrap();
        assert!(page.contains(&format!("<html lang=\"{lang}\">")));
        assert_eq!(page.matches("class=\"card\"").count(), ids.len());
        // Self-contained: no scripts, no links or resources to fetch.
        for fetch in ["<script", "http:", "https:", "src=", "url("] {
            assert!(!page.contains(fetch), "{fetch}");
        }
        let mut note = Vec::new();
        handout::write_markdown(&mut note, &RULES.catalog, lang).unwrap();
        let note = String::from_utf8(note).unwrap();
        let help = &RULES.catalog.handout(lang).seek_help_title;
        for text in [&page, &note] {
            assert!(text.contains(help.as_str()));
            for ind in RULES.catalog.iter() {
                let t = ind.text(lang);
                assert!(text.contains(&t.title), "{lang}: {}", t.title);
                assert!(text.contains(&t.questions[0]), "{lang}: {}", ind.id);
            }
        }
    }
    insta::assert_snapshot!("handout_md_en", {
        let mut note = Vec::new();
        handout::write_markdown(&mut note, &RULES.catalog, "en").unwrap();
        String::from_utf8(note).unwrap()
    });
    // Through the binary, with the options a trainer types.
    let out = redflag()
        .args(["indicators", "--format", "html", "--explain-lang", "ru"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains("Куда обратиться")
    );
}
