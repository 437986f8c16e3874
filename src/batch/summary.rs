//! What a batch found, counted as the reports stream past: texts per risk level, texts per
//! indicator, what was skipped and why, and the highest-risk texts. Memory does not grow with
//! the batch: only the top texts are kept.

use super::source::{Passed, SkipKind};
use crate::policy::RiskLevel;
use crate::report::Report;
use serde::Serialize;
use std::collections::BTreeMap;

/// How many of the highest-risk texts the summary lists.
pub const TOP: usize = 20;

/// One text in the highest-risk list.
#[derive(Debug, Clone, Serialize)]
pub struct Ranked {
    pub source: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<serde_json::Value>,
    pub level: RiskLevel,
    pub score: u32,
    pub indicators: Vec<String>,
    /// Position in the input, to keep the list stable among equals.
    #[serde(skip)]
    seq: u64,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Summary {
    /// Inputs seen: screened plus skipped.
    pub inputs: u64,
    pub screened: u64,
    /// Screened texts per risk level.
    pub levels: BTreeMap<RiskLevel, u64>,
    /// Screened texts in which each indicator was found.
    pub indicators: BTreeMap<String, u64>,
    /// Inputs not screened, per reason.
    pub skipped: BTreeMap<SkipKind, u64>,
    /// Texts screened with a warning (e.g. invalid UTF-8 replaced).
    pub with_warnings: u64,
    /// Files a directory walk passed over on purpose.
    pub passed_over: Passed,
    /// The highest-risk texts, highest first.
    pub highest: Vec<Ranked>,
}

impl Summary {
    pub fn new(passed: Passed) -> Self {
        Summary {
            passed_over: passed,
            ..Summary::default()
        }
    }

    pub fn add_report(&mut self, report: &Report) {
        let seq = self.inputs;
        self.inputs += 1;
        self.screened += 1;
        *self.levels.entry(report.risk.level).or_default() += 1;
        for f in &report.findings {
            *self.indicators.entry(f.indicator.clone()).or_default() += 1;
        }
        if !report.warnings.is_empty() {
            self.with_warnings += 1;
        }
        if matches!(report.risk.level, RiskLevel::None | RiskLevel::NotAssessed) {
            return;
        }
        let ranked = Ranked {
            source: report.source.clone(),
            id: report.id.clone(),
            level: report.risk.level,
            score: report.risk.score,
            indicators: report
                .findings
                .iter()
                .map(|f| f.indicator.clone())
                .collect(),
            seq,
        };
        // Highest level, then highest score, then input order.
        let key = |r: &Ranked| (std::cmp::Reverse((r.level, r.score)), r.seq);
        let at = self.highest.partition_point(|r| key(r) <= key(&ranked));
        if at < TOP {
            self.highest.insert(at, ranked);
            self.highest.truncate(TOP);
        }
    }

    pub fn add_skip(&mut self, kind: SkipKind) {
        self.inputs += 1;
        *self.skipped.entry(kind).or_default() += 1;
    }

    pub fn skipped_total(&self) -> u64 {
        self.skipped.values().sum()
    }

    /// Screened texts at or above `level`.
    pub fn at_least(&self, level: RiskLevel) -> u64 {
        self.levels
            .iter()
            .filter(|(l, _)| **l != RiskLevel::NotAssessed && **l >= level)
            .map(|(_, n)| n)
            .sum()
    }
}
