//! The screening report for one text: distinct indicators with all their evidence, the risk
//! level from the policy, the Palermo summary and the language coverage. Renderers read this
//! structure; it is also the JSON schema (`schema_version`).

use crate::assess::{AssessOptions, Assessment, assess};
use crate::assessment_rules::Phase;
use crate::catalog::{Palermo, Strength};
use crate::kind::{Kind, KindChoice};
use crate::matcher::{Scan, ScanOptions, scan};
use crate::policy::{Risk, RiskLevel};
use crate::ruleset::RuleSet;
use crate::shared_text::SharedText;
use crate::text::LineIndex;
use serde::Serialize;
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// Bumped whenever a field changes meaning or disappears.
pub const SCHEMA_VERSION: u32 = 1;

pub const DISCLAIMER: &str = "This is a screening aid, not a legal determination. A finding means the text \
contains words that point to an indicator; a person trained in victim identification must confirm it \
with the person concerned.";

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub schema_version: u32,
    /// Where the text came from: a path, `-` for standard input, or `PATH:LINE` for a record
    /// of a JSON Lines input.
    pub source: String,
    /// The `id` of a JSON Lines record.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<serde_json::Value>,
    /// The other fields of a JSON Lines record, passed through unchanged.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fields: Option<serde_json::Map<String, serde_json::Value>>,
    /// What was wrong with the input but did not stop screening (e.g. invalid UTF-8 replaced).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    pub language: Language,
    pub risk: Risk,
    pub palermo: PalermoSummary,
    pub findings: Vec<Finding>,
    /// Offer or account, Delphi dimensions, outcome, ILO test, offer facts, follow-up
    /// questions; absent when no rule pack could read the text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assessment: Option<Assessment>,
    #[serde(serialize_with = "serialize_disclaimer")]
    pub disclaimer: &'static str,
}

/// Every report carries the disclaimer: its JSON is escaped once.
fn serialize_disclaimer<S: serde::Serializer>(text: &&str, out: S) -> Result<S::Ok, S::Error> {
    static ESCAPED: LazyLock<SharedText> = LazyLock::new(|| SharedText::new(DISCLAIMER));
    if *text == DISCLAIMER {
        ESCAPED.serialize(out)
    } else {
        text.serialize(out)
    }
}

/// Which languages were read and how much of the text was assessed.
#[derive(Debug, Clone, Serialize)]
pub struct Language {
    /// The main language assessed (`en`, `ru`), or `none` when nothing could be assessed.
    pub detected: String,
    /// Every language whose rules read part of the text.
    pub assessed: Vec<String>,
    /// Share of the text's sentences (by length) that a rule pack read, 0 to 1.
    pub coverage: f64,
    /// Why part or all of the text was not assessed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The language of the explanations in this report.
    pub explanations: String,
}

/// Indicators found, by Palermo element.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PalermoSummary {
    pub act: Vec<String>,
    pub means: Vec<String>,
    pub purpose: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    pub indicator: String,
    pub title: SharedText,
    pub strength: Strength,
    pub palermo: Palermo,
    /// The first rule that found it; `rules` lists all of them.
    pub rule: String,
    pub rules: Vec<String>,
    pub explanation: SharedText,
    pub why: SharedText,
    pub framework: SharedText,
    pub questions: Vec<SharedText>,
    /// The phase(s) used for its Delphi strength (see `assessment`).
    pub phase: Vec<Phase>,
    pub evidence: Vec<Evidence>,
}

/// One sentence that shows the indicator.
#[derive(Debug, Clone, Serialize)]
pub struct Evidence {
    pub sentence: String,
    /// The matched words, from the first matched term to the end of the last.
    #[serde(rename = "match")]
    pub matched: String,
    /// Byte offsets of `match` in the text.
    pub start: usize,
    pub end: usize,
    /// Line and column (characters) of `start`, from 1.
    pub line: usize,
    pub column: usize,
    /// Byte offsets of the sentence in the text.
    pub sentence_start: usize,
    pub sentence_end: usize,
    pub rule: String,
    /// recruitment, destination or unknown, from the rule or the text's phase cues.
    pub phase: Phase,
}

/// How reports are made: scan options plus the explanation language.
#[derive(Debug, Clone, Default)]
pub struct ReportOptions {
    pub scan: ScanOptions,
    /// `en`, `ru`, or None to follow the text's language.
    pub explain_lang: Option<String>,
    /// `--kind`: offer, account, or auto (decided from the text).
    pub kind: KindChoice,
    /// `--strict`: the strict Delphi reading instead of the broad one.
    pub strict: bool,
}

/// Screens `text` and builds its report.
pub fn screen(rules: &RuleSet, source: &str, text: &str, options: &ReportOptions) -> Report {
    let result = scan(rules, text, &options.scan);
    build(rules, source, text, &result, options)
}

fn build(
    rules: &RuleSet,
    source: &str,
    text: &str,
    scan: &Scan<'_>,
    options: &ReportOptions,
) -> Report {
    let language = language_summary(scan);
    let explain = options.explain_lang.clone().unwrap_or_else(|| {
        if language.detected == "ru" {
            "ru".to_string()
        } else {
            "en".to_string()
        }
    });
    let lines = LineIndex::new(text);

    // One finding per indicator; one piece of evidence per (indicator, sentence).
    let mut by_indicator: BTreeMap<usize, Finding> = BTreeMap::new();
    for hit in &scan.hits {
        let Some(ind) = rules.catalog.get(&hit.rule.indicator) else {
            continue;
        };
        let key = rules.catalog.position(&ind.id);
        let finding = by_indicator.entry(key).or_insert_with(|| {
            let texts = ind.text(&explain).finding_texts();
            Finding {
                indicator: ind.id.clone(),
                title: texts.title.clone(),
                strength: ind.strength,
                palermo: ind.palermo,
                rule: hit.rule.id.clone(),
                rules: Vec::new(),
                explanation: texts.what.clone(),
                why: texts.why.clone(),
                framework: texts.framework.clone(),
                questions: texts.questions.clone(),
                phase: Vec::new(),
                evidence: Vec::new(),
            }
        });
        if !finding.rules.contains(&hit.rule.id) {
            finding.rules.push(hit.rule.id.clone());
        }
        // A hit that reads on into the next sentence shows both.
        let sentence = scan.sentences[hit.sentence].start..scan.sentences[hit.last_sentence].end;
        // Hits come in sentence order, so a sentence already given as evidence is the last
        // one (looking through them all made a long text's report quadratic).
        if finding
            .evidence
            .last()
            .is_some_and(|e| e.sentence_start == sentence.start)
        {
            continue;
        }
        let span = hit.span();
        let (line, column) = lines.position(text, span.start);
        finding.evidence.push(Evidence {
            sentence: text[sentence.clone()].to_string(),
            matched: text[span.clone()].to_string(),
            start: span.start,
            end: span.end,
            line,
            column,
            sentence_start: sentence.start,
            sentence_end: sentence.end,
            rule: hit.rule.id.clone(),
            phase: Phase::Unknown,
        });
    }
    let mut findings: Vec<Finding> = by_indicator.into_values().collect();

    let mut risk = if language.assessed.is_empty() {
        Risk {
            level: RiskLevel::NotAssessed,
            score: 0,
            reason: language
                .note
                .clone()
                .unwrap_or_else(|| "no rules for this language".into()),
        }
    } else {
        let found: Vec<(&str, Strength)> = findings
            .iter()
            .map(|f| (f.indicator.as_str(), f.strength))
            .collect();
        rules.policy.assess(&found)
    };

    let assessment = (!language.assessed.is_empty()).then(|| {
        let options = AssessOptions {
            kind: options.kind,
            strict: options.strict,
        };
        assess(rules, text, scan, &mut findings, &risk, &explain, options)
    });
    // A report about other people or advice to the reader describes no case of its own:
    // its findings stay listed, its level is capped (rules/assessment.yaml, `kind.report`,
    // `kind.advice`).
    let kind = assessment.as_ref().map(|a| a.kind);
    let no_case = kind.and_then(|k| rules.assessment.no_case(k));
    if let (Some(kind), Some(no_case)) = (kind, no_case) {
        let cap = no_case.max_risk;
        if risk.level > cap {
            let read_as = match kind {
                Kind::Advice => "advice to the reader (a leaflet, a guide or a training handout)",
                _ => "a report about other people (news, a court case, a study or a story)",
            };
            risk.reason = format!(
                "{}; read as {read_as}, so no higher than {cap}: if it is one person's case, \
                 screen it with --kind account",
                risk.reason
            );
            risk.level = cap;
        }
    }

    let mut palermo = PalermoSummary::default();
    for f in &findings {
        let list = match f.palermo {
            Palermo::Act => &mut palermo.act,
            Palermo::Means => &mut palermo.means,
            Palermo::Purpose => &mut palermo.purpose,
        };
        list.push(f.indicator.clone());
    }

    Report {
        schema_version: SCHEMA_VERSION,
        source: source.to_string(),
        id: None,
        fields: None,
        warnings: Vec::new(),
        language: Language {
            explanations: explain,
            ..language
        },
        risk,
        palermo,
        findings,
        assessment,
        disclaimer: DISCLAIMER,
    }
}

fn language_summary(scan: &Scan<'_>) -> Language {
    let total: usize = scan.sentences.iter().map(|r| r.len()).sum();
    let assessed_bytes = scan.assessed_bytes();
    let coverage = if total == 0 {
        0.0
    } else {
        (assessed_bytes as f64 / total as f64 * 1000.0).round() / 1000.0
    };
    let mut by_lang: BTreeMap<&str, usize> = BTreeMap::new();
    for (range, lang) in scan.sentences.iter().zip(&scan.sentence_lang) {
        if let Some(l) = lang {
            *by_lang.entry(l).or_default() += range.len();
        }
    }
    let detected = by_lang
        .iter()
        .max_by_key(|(_, n)| **n)
        .map_or("none", |(l, _)| *l)
        .to_string();
    let unread: Vec<String> = scan
        .verdicts
        .iter()
        .filter(|v| v.lang.is_none())
        .map(|v| {
            format!(
                "{} script ({} words), not recognised as a language with rules",
                v.script.as_str(),
                v.words
            )
        })
        .collect();
    let transliterated: Vec<String> = scan
        .verdicts
        .iter()
        .filter(|v| v.transliterated)
        .filter_map(|v| {
            v.lang.as_ref().map(|l| {
                format!(
                    "{} script read as `{l}` typed in {} letters; fewer rules cover this spelling, so check the text yourself",
                    v.script.as_str(),
                    v.script.as_str()
                )
            })
        })
        .collect();
    let note = if by_lang.is_empty() {
        Some(if unread.is_empty() {
            "not assessed: the text has no words to read".to_string()
        } else {
            format!(
                "not assessed: no rules for this language ({})",
                unread.join("; ")
            )
        })
    } else if !unread.is_empty() {
        Some(format!(
            "part of the text was not assessed: {}",
            unread.join("; ")
        ))
    } else {
        None
    };
    let note = match (note, transliterated.is_empty()) {
        (note, true) => note,
        (None, false) => Some(transliterated.join("; ")),
        (Some(n), false) => Some(format!("{n}; {}", transliterated.join("; "))),
    };
    Language {
        detected,
        assessed: by_lang.keys().map(|s| s.to_string()).collect(),
        coverage,
        note,
        explanations: String::new(),
    }
}
