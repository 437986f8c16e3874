//! The risk-level policy (rules/policy.yaml): turns the distinct indicators found in one text
//! into a level, a score and a one-line reason. No threshold is written in Rust.

use crate::catalog::Strength;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// The screening outcome for one text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RiskLevel {
    /// No rule pack covers the text's language: nothing can be said, which is not "no risk".
    NotAssessed,
    None,
    Low,
    Medium,
    High,
}

impl RiskLevel {
    pub fn as_str(self) -> &'static str {
        match self {
            RiskLevel::NotAssessed => "not-assessed",
            RiskLevel::None => "none",
            RiskLevel::Low => "low",
            RiskLevel::Medium => "medium",
            RiskLevel::High => "high",
        }
    }

    /// Parses the levels a user may name (`--fail-on`, policy files).
    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "none" => RiskLevel::None,
            "low" => RiskLevel::Low,
            "medium" => RiskLevel::Medium,
            "high" => RiskLevel::High,
            _ => return None,
        })
    }
}

impl fmt::Display for RiskLevel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Minimum numbers of distinct indicators per strength; all must hold.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Threshold {
    #[serde(default)]
    pub strong: usize,
    #[serde(default)]
    pub medium: usize,
    #[serde(default)]
    pub weak: usize,
    /// Indicators of any strength.
    #[serde(default)]
    pub any: usize,
}

impl Threshold {
    /// Every minimum is reached (counts are "at least").
    pub fn holds(&self, c: &Counts) -> bool {
        c.strong >= self.strong
            && c.medium >= self.medium
            && c.weak >= self.weak
            && c.total() >= self.any
    }

    fn describe(&self) -> String {
        let mut parts = Vec::new();
        for (n, what) in [
            (self.strong, "strong"),
            (self.medium, "medium"),
            (self.weak, "weak"),
            (self.any, "indicator"),
        ] {
            if n > 0 {
                parts.push(format!("{n} {what}"));
            }
        }
        parts.join(" + ")
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct LevelRule {
    level: String,
    when: Vec<Threshold>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct PolicyFile {
    weights: BTreeMap<Strength, u32>,
    levels: Vec<LevelRule>,
}

/// A validated policy.
#[derive(Debug, Clone)]
pub struct Policy {
    weights: BTreeMap<Strength, u32>,
    levels: Vec<(RiskLevel, Vec<Threshold>)>,
}

/// Numbers of distinct indicators per strength.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    pub strong: usize,
    pub medium: usize,
    pub weak: usize,
}

impl Counts {
    pub fn add(&mut self, s: Strength) {
        match s {
            Strength::Strong => self.strong += 1,
            Strength::Medium => self.medium += 1,
            Strength::Weak => self.weak += 1,
        }
    }

    pub fn total(&self) -> usize {
        self.strong + self.medium + self.weak
    }
}

/// What the policy says about one text.
#[derive(Debug, Clone, Serialize)]
pub struct Risk {
    pub level: RiskLevel,
    pub score: u32,
    pub reason: String,
}

impl Policy {
    pub fn parse(yaml: &str) -> Result<Self, String> {
        Self::parse_with_json(yaml, None)
    }

    /// Like [`Policy::parse`], reading the file's JSON form when given (built-in files).
    pub fn parse_with_json(yaml: &str, json: Option<&str>) -> Result<Self, String> {
        let file: PolicyFile =
            crate::rulefile::from_json_or_yaml(yaml, json).map_err(|e| e.to_string())?;
        for s in [Strength::Strong, Strength::Medium, Strength::Weak] {
            if !file.weights.contains_key(&s) {
                return Err(format!("`weights` has no weight for {s}"));
            }
        }
        let mut levels = Vec::new();
        for rule in file.levels {
            let level = RiskLevel::parse(&rule.level)
                .filter(|l| *l != RiskLevel::None)
                .ok_or_else(|| {
                    format!(
                        "unknown level {:?} in `levels` (use low, medium or high)",
                        rule.level
                    )
                })?;
            if rule.when.is_empty() {
                return Err(format!("level {level} has an empty `when`"));
            }
            if let Some(t) = rule
                .when
                .iter()
                .find(|t| t.strong + t.medium + t.weak + t.any == 0)
            {
                let _ = t;
                return Err(format!(
                    "level {level} has an alternative that asks for nothing, so it would always hold"
                ));
            }
            levels.push((level, rule.when));
        }
        Ok(Policy {
            weights: file.weights,
            levels,
        })
    }

    /// Level, score and reason for a set of distinct indicators (id, strength).
    pub fn assess(&self, found: &[(&str, Strength)]) -> Risk {
        let mut counts = Counts::default();
        let mut score = 0;
        for (_, s) in found {
            counts.add(*s);
            score += self.weights[s];
        }
        if counts.total() == 0 {
            return Risk {
                level: RiskLevel::None,
                score: 0,
                reason: "no indicator found".into(),
            };
        }
        let listed = describe_found(found);
        for (level, alternatives) in &self.levels {
            if let Some(t) = alternatives.iter().find(|t| t.holds(&counts)) {
                return Risk {
                    level: *level,
                    score,
                    reason: format!("{listed} ({level}: at least {})", t.describe()),
                };
            }
        }
        Risk {
            level: RiskLevel::Low,
            score,
            reason: format!("{listed} (below every threshold of the policy)"),
        }
    }
}

/// "2 strong indicators: a, b; 1 medium: c"
fn describe_found(found: &[(&str, Strength)]) -> String {
    let mut parts = Vec::new();
    for s in [Strength::Strong, Strength::Medium, Strength::Weak] {
        let ids: Vec<&str> = found
            .iter()
            .filter(|(_, st)| *st == s)
            .map(|(id, _)| *id)
            .collect();
        if !ids.is_empty() {
            let noun = if parts.is_empty() {
                if ids.len() == 1 {
                    " indicator"
                } else {
                    " indicators"
                }
            } else {
                ""
            };
            parts.push(format!("{} {s}{noun}: {}", ids.len(), ids.join(", ")));
        }
    }
    parts.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy() -> Policy {
        Policy::parse(include_str!("../rules/policy.yaml")).unwrap()
    }

    fn level(found: &[(&str, Strength)]) -> RiskLevel {
        policy().assess(found).level
    }

    use Strength::*;

    #[test]
    fn levels_follow_the_published_policy() {
        assert_eq!(level(&[]), RiskLevel::None);
        assert_eq!(level(&[("a", Weak)]), RiskLevel::Low);
        assert_eq!(level(&[("a", Medium)]), RiskLevel::Low);
        assert_eq!(level(&[("a", Medium), ("b", Weak)]), RiskLevel::Low);
        assert_eq!(
            level(&[("a", Medium), ("b", Weak), ("c", Weak)]),
            RiskLevel::Medium
        );
        assert_eq!(level(&[("a", Medium), ("b", Medium)]), RiskLevel::Medium);
        assert_eq!(level(&[("a", Strong)]), RiskLevel::Medium);
        assert_eq!(level(&[("a", Strong), ("b", Medium)]), RiskLevel::Medium);
        assert_eq!(
            level(&[("a", Strong), ("b", Medium), ("c", Medium)]),
            RiskLevel::High
        );
        assert_eq!(level(&[("a", Strong), ("b", Strong)]), RiskLevel::High);
        assert_eq!(
            level(&[("a", Weak), ("b", Weak), ("c", Weak)]),
            RiskLevel::Low
        );
    }

    #[test]
    fn score_and_reason() {
        let r = policy().assess(&[("x", Strong), ("y", Strong), ("z", Medium)]);
        assert_eq!(r.score, 8);
        assert_eq!(
            r.reason,
            "2 strong indicators: x, y; 1 medium: z (high: at least 2 strong)"
        );
    }

    #[test]
    fn rejects_policies_that_cannot_be_right() {
        assert!(Policy::parse("weights: {strong: 3, medium: 2}\nlevels: []").is_err());
        assert!(Policy::parse("weights: {strong: 3, medium: 2, weak: 1}\nlevels: [{level: huge, when: [{any: 1}]}]").is_err());
        assert!(
            Policy::parse(
                "weights: {strong: 3, medium: 2, weak: 1}\nlevels: [{level: low, when: [{}]}]"
            )
            .is_err()
        );
        assert!(
            Policy::parse("weights: {strong: 3, medium: 2, weak: 1}\nlevels: []\nextra: 1")
                .is_err()
        );
    }
}
