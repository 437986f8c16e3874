//! Evaluation against a labelled corpus (the schema of ../shared/eval/dev.yaml): per-indicator
//! precision, recall and F1, micro totals, risk-level agreement and the cases that fail.

use crate::policy::RiskLevel;
use crate::report::{ReportOptions, screen};
use crate::ruleset::RuleSet;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

#[derive(Debug, Deserialize)]
struct CorpusFile {
    cases: Vec<RawCase>,
}

/// One labelled case as written. Unknown fields are tolerated: corpora carry notes.
#[derive(Debug, Deserialize)]
struct RawCase {
    id: String,
    text: Option<String>,
    file: Option<String>,
    #[serde(default)]
    lang: Option<String>,
    #[serde(default)]
    required: Vec<String>,
    #[serde(default)]
    allowed: Vec<String>,
    risk_ok: Vec<String>,
}

/// A case ready to screen.
#[derive(Debug, Clone)]
pub struct Case {
    pub id: String,
    pub text: String,
    pub lang: Option<String>,
    pub required: BTreeSet<String>,
    pub allowed: BTreeSet<String>,
    pub risk_ok: Vec<RiskLevel>,
}

/// Reads a corpus; `file:` paths are relative to the corpus file. Errors name the case.
pub fn load_corpus(path: &Path, rules: &RuleSet) -> anyhow::Result<Vec<Case>> {
    let shown = path.display();
    let text =
        std::fs::read_to_string(path).map_err(|e| anyhow::anyhow!("{shown}: cannot read: {e}"))?;
    crate::rulefile::precheck_yaml(&text).map_err(|m| anyhow::anyhow!("{shown}: {m}"))?;
    let file: CorpusFile =
        serde_yaml::from_str(&text).map_err(|e| anyhow::anyhow!("{shown}: {e}"))?;
    let base = path.parent().unwrap_or(Path::new("."));
    let mut cases = Vec::new();
    let mut ids = BTreeSet::new();
    for raw in file.cases {
        let id = raw.id.clone();
        if !ids.insert(id.clone()) {
            anyhow::bail!("{shown}: case `{id}` appears twice");
        }
        let body = match (raw.text, raw.file) {
            (Some(t), None) => t,
            (None, Some(f)) => std::fs::read_to_string(base.join(&f))
                .map_err(|e| anyhow::anyhow!("{shown}: case `{id}`: cannot read {f}: {e}"))?,
            _ => anyhow::bail!("{shown}: case `{id}`: give exactly one of `text` or `file`"),
        };
        for ind in raw.required.iter().chain(&raw.allowed) {
            if rules.catalog.get(ind).is_none() {
                anyhow::bail!("{shown}: case `{id}`: unknown indicator {ind:?}");
            }
        }
        let mut risk_ok = Vec::new();
        for l in &raw.risk_ok {
            risk_ok.push(RiskLevel::parse(l).ok_or_else(|| {
                anyhow::anyhow!("{shown}: case `{id}`: unknown level {l:?} in risk_ok")
            })?);
        }
        if risk_ok.is_empty() {
            anyhow::bail!("{shown}: case `{id}`: risk_ok is empty");
        }
        cases.push(Case {
            id,
            text: body,
            lang: raw.lang,
            required: raw.required.into_iter().collect(),
            allowed: raw.allowed.into_iter().collect(),
            risk_ok,
        });
    }
    Ok(cases)
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    #[serde(rename = "fn")]
    pub fn_: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Counts {
    fn finish(&mut self) {
        let (tp, fp, fn_) = (self.tp as f64, self.fp as f64, self.fn_ as f64);
        self.precision = if self.tp + self.fp == 0 {
            1.0
        } else {
            tp / (tp + fp)
        };
        self.recall = if self.tp + self.fn_ == 0 {
            1.0
        } else {
            tp / (tp + fn_)
        };
        self.f1 = if self.precision + self.recall == 0.0 {
            0.0
        } else {
            2.0 * self.precision * self.recall / (self.precision + self.recall)
        };
    }
}

/// A case whose indicators or level are off.
#[derive(Debug, Clone, Serialize)]
pub struct CaseFailure {
    pub id: String,
    pub level: RiskLevel,
    pub risk_ok: Vec<RiskLevel>,
    pub missed: Vec<String>,
    pub extra: Vec<String>,
    /// A case that needs `high` reported as none/low, or that must be `none` reported as medium/high.
    pub critical: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Evaluation {
    pub cases: usize,
    pub per_indicator: BTreeMap<String, Counts>,
    pub micro: Counts,
    pub risk_level_ok: usize,
    pub critical_errors: usize,
    pub failures: Vec<CaseFailure>,
}

/// Screens every case and scores the results. `lang` keeps only the cases in that language.
pub fn evaluate(rules: &RuleSet, cases: &[Case], options: &ReportOptions) -> Evaluation {
    let mut per: BTreeMap<String, Counts> = BTreeMap::new();
    let mut risk_level_ok = 0;
    let mut failures = Vec::new();
    for case in cases {
        let report = screen(rules, &case.id, &case.text, options);
        let found: BTreeSet<String> = report
            .findings
            .iter()
            .map(|f| f.indicator.clone())
            .collect();
        for ind in found.intersection(&case.required) {
            per.entry(ind.clone()).or_default().tp += 1;
        }
        let extra: Vec<String> = found
            .iter()
            .filter(|f| !case.required.contains(*f) && !case.allowed.contains(*f))
            .cloned()
            .collect();
        for ind in &extra {
            per.entry(ind.clone()).or_default().fp += 1;
        }
        let missed: Vec<String> = case.required.difference(&found).cloned().collect();
        for ind in &missed {
            per.entry(ind.clone()).or_default().fn_ += 1;
        }
        let level = report.risk.level;
        let level_ok = case.risk_ok.contains(&level);
        risk_level_ok += level_ok as usize;
        let lowest_ok = case.risk_ok.iter().min().copied();
        let critical = (lowest_ok == Some(RiskLevel::High)
            && matches!(level, RiskLevel::None | RiskLevel::Low))
            || (case.risk_ok == [RiskLevel::None]
                && matches!(level, RiskLevel::Medium | RiskLevel::High))
            || (lowest_ok > Some(RiskLevel::None) && level == RiskLevel::NotAssessed);
        if !missed.is_empty() || !extra.is_empty() || !level_ok {
            failures.push(CaseFailure {
                id: case.id.clone(),
                level,
                risk_ok: case.risk_ok.clone(),
                missed,
                extra,
                critical,
            });
        }
    }
    let mut micro = Counts::default();
    for c in per.values_mut() {
        micro.tp += c.tp;
        micro.fp += c.fp;
        micro.fn_ += c.fn_;
        c.finish();
    }
    micro.finish();
    let critical_errors = failures.iter().filter(|f| f.critical).count();
    Evaluation {
        cases: cases.len(),
        per_indicator: per,
        micro,
        risk_level_ok,
        critical_errors,
        failures,
    }
}
