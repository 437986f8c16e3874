//! Runs every rule's own examples through the real engine: each `match` example must fire
//! the rule, each `no_match` example must not. `cargo test` and `redflag rules test` use it.

use crate::matcher::{ScanOptions, scan};
use crate::ruleset::{Rule, RuleSet};
use serde::Serialize;

/// An example that did not behave as its rule says.
#[derive(Debug, Clone, Serialize)]
pub struct ExampleFailure {
    pub rule: String,
    pub origin: String,
    pub example: String,
    /// `missed`: should fire and did not; `noisy`: fired and should not.
    pub kind: &'static str,
}

/// True when `rule` alone fires somewhere in `text`, read in the rule's language.
pub fn rule_fires(rules: &RuleSet, rule: &Rule, text: &str) -> bool {
    let options = ScanOptions {
        forced_lang: Some(rule.lang.clone()),
        experimental: true,
        only: vec![rule.id.clone()],
        disable: Vec::new(),
    };
    scan(rules, text, &options)
        .hits
        .iter()
        .any(|h| h.rule.id == rule.id)
}

/// Every failing example of every rule.
pub fn check_examples(rules: &RuleSet) -> Vec<ExampleFailure> {
    let mut failures = Vec::new();
    for rule in rules.rules() {
        let fail = |example: &String, kind| ExampleFailure {
            rule: rule.id.clone(),
            origin: rule.origin.clone(),
            example: example.clone(),
            kind,
        };
        for ex in &rule.examples_match {
            if !rule_fires(rules, rule, ex) {
                failures.push(fail(ex, "missed"));
            }
        }
        for ex in &rule.examples_no_match {
            if rule_fires(rules, rule, ex) {
                failures.push(fail(ex, "noisy"));
            }
        }
    }
    failures
}
