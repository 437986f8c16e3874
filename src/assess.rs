//! The structured assessment of one text, built from the scan and the findings with the data
//! of rules/assessment.yaml: offer or account, the phase of each piece of evidence, the Delphi
//! dimensions and the outcome ladder (accounts), the ILO forced-labour test (accounts), the
//! recruitment risk and offer facts (offers), and the follow-up questions for what is missing.

use crate::assessment_rules::{AssessmentRules, Dimension, FactRole, OfferLevel, Phase};
use crate::catalog::Strength;
use crate::cue_index::SentenceLists;
use crate::delphi::{DimensionState, Reading, outcome, reading_holds};
use crate::kind::{Kind, KindChoice, KindCues, count_cues, decide};
use crate::matcher::{Scan, sentence_blocks};
use crate::offer::{FactsFound, find_facts};
use crate::phase::{PhaseMap, evidence_phase};
use crate::policy::Risk;
use crate::report::Finding;
use crate::ruleset::RuleSet;
use crate::shared_text::SharedText;
use crate::text::LineIndex;
use serde::Serialize;
use std::ops::Range;

/// How the assessment is read: `--kind` and `--strict`.
#[derive(Debug, Clone, Copy, Default)]
pub struct AssessOptions {
    pub kind: KindChoice,
    pub strict: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Assessment {
    /// `offer` or `account`.
    pub kind: Kind,
    /// `given` (`--kind offer|account`) or `auto` (decided from the cues).
    pub kind_source: &'static str,
    pub kind_cues: KindCues,
    /// `broad` (default) or `strict` (`--strict`).
    pub reading: &'static str,
    /// For an account, whether the reading holds; always false for an offer.
    pub reading_holds: bool,
    pub outcome: OutcomeReport,
    pub dimensions: Vec<DimensionReport>,
    /// The ILO forced-labour test; accounts only (an offer describes no work yet).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub forced_labour: Option<ForcedLabour>,
    /// Offers only: recruitment risk, missing fair-offer facts, risk-lowering statements.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offer: Option<OfferReport>,
    /// Accounts only: questions for the dimensions that are not established.
    pub follow_up: Vec<FollowUp>,
}

#[derive(Debug, Clone, Serialize)]
pub struct OutcomeReport {
    pub id: String,
    pub label: SharedText,
}

#[derive(Debug, Clone, Serialize)]
pub struct DimensionReport {
    pub id: Dimension,
    pub name: SharedText,
    pub positive: bool,
    pub strong: usize,
    pub medium: usize,
    pub weak: usize,
    /// The indicators behind the dimension, each at its strength here and the phase used.
    pub indicators: Vec<DimensionIndicator>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DimensionIndicator {
    pub indicator: String,
    pub strength: Strength,
    pub phase: Phase,
}

#[derive(Debug, Clone, Serialize)]
pub struct ForcedLabour {
    pub involuntariness: Element,
    pub coercion: Element,
    /// Both elements present: the ILO's statistical definition of forced labour is met on screening.
    pub indicated: bool,
    /// Set when forced labour is indicated but the trafficking reading does not hold: the
    /// outcome below "screen positive" must not be read as a mere labour-rights case.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub caution: Option<SharedText>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Element {
    pub present: bool,
    pub indicators: Vec<String>,
    pub evidence: Vec<ElementEvidence>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ElementEvidence {
    pub indicator: String,
    pub line: usize,
    pub sentence: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct OfferReport {
    pub level: OfferLevel,
    /// The level went one step above the screening risk because at least this many facts a
    /// fair offer states are missing (`raise_when_missing` in assessment.yaml); None when not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub raised_for_missing: Option<usize>,
    /// Facts a fair offer states that this one does not.
    pub missing: Vec<FactReport>,
    /// Facts a fair offer states that this one states.
    pub stated: Vec<FactReport>,
    pub risk_lowering_count: usize,
    pub risk_lowering: Vec<FactReport>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FactReport {
    pub id: String,
    pub label: SharedText,
    /// Lines of the sentences that state it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub lines: Vec<usize>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FollowUp {
    pub dimension: Dimension,
    pub name: SharedText,
    pub questions: Vec<SharedText>,
}

/// Builds the assessment and sets the phase of every finding and piece of evidence.
/// `lang` is the language of the report's texts.
pub fn assess(
    rules: &RuleSet,
    text: &str,
    scan: &Scan<'_>,
    findings: &mut [Finding],
    risk: &Risk,
    lang: &str,
    options: AssessOptions,
) -> Assessment {
    let data: &AssessmentRules = &rules.assessment;
    let folded = &scan.folded;
    // Which of the languages' cue and fact lists may match in which sentence, found in one
    // pass for the kind, the phases and the offer facts: block by block (the blocks the text
    // was matched in), so that a long text's candidates are never all held at once. The last
    // block's are kept for the offer facts, which a text of one block (nearly every text)
    // then does not find again.
    let lists_of = |block: Range<usize>| {
        SentenceLists::knowing(
            folded,
            &scan.sentences,
            &scan.sentence_lang,
            data,
            &scan.read_sentences,
            block,
        )
    };
    let blocks = sentence_blocks(scan.sentences.len(), scan.sentences_per_block);
    let mut kind_cues = KindCues::default();
    let mut phases = PhaseMap::new(data.phase_window);
    let mut last_lists = None;
    for block in blocks.clone() {
        let lists = lists_of(block);
        kind_cues += count_cues(folded, &scan.sentences, &lists);
        phases.add(folded, &scan.sentences, &lists);
        last_lists = Some(lists);
    }
    let (kind, kind_source) = match options.kind {
        KindChoice::Offer => (Kind::Offer, "given"),
        KindChoice::Account => (Kind::Account, "given"),
        KindChoice::Report => (Kind::Report, "given"),
        KindChoice::Advice => (Kind::Advice, "given"),
        KindChoice::Auto => (decide(kind_cues, data), "auto"),
    };

    // Phases: tag the evidence from the text; the phase used for strength resolves unknown
    // to the indicator's assumed phase, and an offer is always recruitment.
    let mut entries = Vec::new();
    for f in findings.iter_mut() {
        let Some(mapping) = data.mapping.get(&f.indicator) else {
            continue;
        };
        let mut used = Vec::new();
        for e in &mut f.evidence {
            let sentence = sentence_index(scan, e.sentence_start);
            let rule_phase = rules.rule(&e.rule).and_then(|r| r.phase);
            e.phase = evidence_phase(rule_phase, &phases, sentence, e.start);
            let effective = match (kind, e.phase) {
                (Kind::Offer, _) => Phase::Recruitment,
                (Kind::Account | Kind::Report | Kind::Advice, Phase::Unknown) => {
                    mapping.unknown_phase
                }
                (Kind::Account | Kind::Report | Kind::Advice, p) => p,
            };
            if !used.contains(&effective) {
                used.push(effective);
            }
        }
        used.sort();
        for p in &used {
            for &(d, s) in mapping.for_phase(*p) {
                entries.push((f.indicator.clone(), d, s, *p));
            }
        }
        f.phase = used;
    }
    let plain: Vec<(&str, Dimension, Strength)> = entries
        .iter()
        .map(|(i, d, s, _)| (i.as_str(), *d, *s))
        .collect();
    let state = DimensionState::from_entries(&plain, data);
    let dimensions = Dimension::ALL
        .iter()
        .map(|&d| {
            let counts = state.counts.get(&d).copied().unwrap_or_default();
            let mut indicators: Vec<DimensionIndicator> = Vec::new();
            for (ind, dim, s, p) in &entries {
                if *dim != d {
                    continue;
                }
                match indicators.iter_mut().find(|x| x.indicator == *ind) {
                    // Keep the strongest phase of an indicator found in both.
                    Some(x) if *s < x.strength => {
                        x.strength = *s;
                        x.phase = *p;
                    }
                    Some(_) => {}
                    None => indicators.push(DimensionIndicator {
                        indicator: ind.clone(),
                        strength: *s,
                        phase: *p,
                    }),
                }
            }
            DimensionReport {
                id: d,
                name: data.dimension(d).name.shared(lang).clone(),
                positive: state.positive.contains(&d),
                strong: counts.strong,
                medium: counts.medium,
                weak: counts.weak,
                indicators,
            }
        })
        .collect();

    let reading = if options.strict {
        Reading::Strict
    } else {
        Reading::Broad
    };
    // What differs by kind; the rest of the assessment is the same for all of them.
    let (reading_holds, outcome, forced_labour, offer, follow_up) = match kind {
        // A report about others or advice: its dimensions are shown (a trainer reads them),
        // but it is no one's case, so there is no outcome ladder, forced-labour test or
        // follow-up.
        Kind::Report | Kind::Advice => {
            let rules = data
                .no_case(kind)
                .expect("a report or advice has its settings");
            (
                false,
                OutcomeReport {
                    id: rules.outcome_id.clone(),
                    label: rules.outcome.shared(lang).clone(),
                },
                None,
                None,
                Vec::new(),
            )
        }
        Kind::Account => {
            let o = outcome(data, reading, &state, !findings.is_empty());
            let holds = reading_holds(data, reading, &state);
            let follow_up = Dimension::ALL
                .iter()
                .filter(|d| !state.positive.contains(d))
                .map(|&d| {
                    let info = data.dimension(d);
                    FollowUp {
                        dimension: d,
                        name: info.name.shared(lang).clone(),
                        questions: info.prompts(lang).to_vec(),
                    }
                })
                .collect();
            (
                holds,
                OutcomeReport {
                    id: o.id.clone(),
                    label: o.label.shared(lang).clone(),
                },
                Some(ForcedLabour::new(data, findings, holds, lang)),
                None,
                follow_up,
            )
        }
        Kind::Offer => {
            let mut facts = FactsFound::default();
            if blocks.len() == 1 {
                let lists = last_lists.take().expect("one block was read");
                find_facts(folded, &scan.sentences, &lists, rules, &mut facts);
            } else {
                for block in blocks {
                    find_facts(folded, &scan.sentences, &lists_of(block), rules, &mut facts);
                }
            }
            let lines = LineIndex::new(text);
            let fact_report = |id: &str, label: &SharedText| FactReport {
                id: id.to_string(),
                label: label.clone(),
                lines: facts
                    .found
                    .get(id)
                    .map(|ss| {
                        ss.iter()
                            .map(|&s| lines.position(text, scan.sentences[s].start).0)
                            .collect()
                    })
                    .unwrap_or_default(),
            };
            let (mut missing, mut stated, mut lowering) = (Vec::new(), Vec::new(), Vec::new());
            for info in &data.offer.facts {
                let report = fact_report(&info.id, info.label.shared(lang));
                let found = facts.found.contains_key(&info.id);
                match (info.role, found) {
                    (FactRole::Fair, true) => stated.push(report),
                    (FactRole::Fair, false) if facts.checked.contains(&info.id) => {
                        missing.push(report)
                    }
                    (FactRole::LowersRisk, true) => lowering.push(report),
                    _ => {}
                }
            }
            let mut level = data
                .offer
                .from_level
                .get(&risk.level)
                .copied()
                .unwrap_or(OfferLevel::Low);
            let raised_for_missing = (missing.len() >= data.offer.raise_when_missing)
                .then_some(data.offer.raise_when_missing);
            if raised_for_missing.is_some() {
                level = level.raised();
            }
            let (_, id, label) = data
                .offer
                .outcomes
                .iter()
                .find(|(l, _, _)| *l == level)
                .expect("validated: one outcome per offer level");
            (
                false,
                OutcomeReport {
                    id: id.clone(),
                    label: label.shared(lang).clone(),
                },
                None,
                Some(OfferReport {
                    level,
                    raised_for_missing,
                    missing,
                    stated,
                    risk_lowering_count: lowering.len(),
                    risk_lowering: lowering,
                }),
                Vec::new(),
            )
        }
    };
    Assessment {
        kind,
        kind_source,
        kind_cues,
        reading: reading.as_str(),
        reading_holds,
        outcome,
        dimensions,
        forced_labour,
        offer,
        follow_up,
    }
}

fn sentence_index(scan: &Scan<'_>, sentence_start: usize) -> usize {
    scan.sentences
        .partition_point(|r| r.start < sentence_start)
        .min(scan.sentences.len().saturating_sub(1))
}

impl ForcedLabour {
    fn new(data: &AssessmentRules, findings: &[Finding], reading_holds: bool, lang: &str) -> Self {
        let element = |ids: &[String]| {
            let mut el = Element {
                present: false,
                indicators: Vec::new(),
                evidence: Vec::new(),
            };
            for f in findings.iter().filter(|f| ids.contains(&f.indicator)) {
                el.present = true;
                el.indicators.push(f.indicator.clone());
                el.evidence
                    .extend(f.evidence.iter().map(|e| ElementEvidence {
                        indicator: f.indicator.clone(),
                        line: e.line,
                        sentence: e.sentence.clone(),
                    }));
            }
            el
        };
        let involuntariness = element(&data.involuntariness);
        let coercion = element(&data.coercion);
        let indicated = involuntariness.present && coercion.present;
        ForcedLabour {
            indicated,
            caution: (indicated && !reading_holds)
                .then(|| data.forced_labour_caution.shared(lang).clone()),
            involuntariness,
            coercion,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{ReportOptions, screen};

    fn json<T: Serialize>(value: &T) -> String {
        serde_json::to_string(value).unwrap()
    }

    /// A long text is assessed block by block: the kind cues, the phases of the evidence and
    /// the offer facts come out the same whatever the size of the blocks, a phase cue's
    /// window reaching across a block's end included.
    #[test]
    fn assessing_in_blocks_changes_nothing() {
        let rules = RuleSet::builtin().unwrap();
        let text = crate::matcher::all_fixtures();
        for kind in [KindChoice::Account, KindChoice::Offer] {
            let options = ReportOptions {
                kind,
                ..ReportOptions::default()
            };
            let whole = screen(&rules, "all", &text, &options);
            let expected = whole.assessment.as_ref().unwrap();
            for per_block in [1, 7, 64] {
                let scan = crate::matcher::scan_in_blocks(&rules, &text, &options.scan, per_block);
                assert!(scan.sentences.len() > 300, "{}", scan.sentences.len());
                let mut findings = whole.findings.clone();
                for f in &mut findings {
                    f.phase.clear();
                    f.evidence.iter_mut().for_each(|e| e.phase = Phase::Unknown);
                }
                let got = assess(
                    &rules,
                    &text,
                    &scan,
                    &mut findings,
                    &whole.risk,
                    &whole.language.explanations,
                    AssessOptions {
                        kind,
                        strict: false,
                    },
                );
                assert_eq!(json(&got), json(expected), "blocks of {per_block}");
                assert_eq!(
                    json(&findings),
                    json(&whole.findings),
                    "phases, blocks of {per_block}"
                );
            }
        }
    }
}
