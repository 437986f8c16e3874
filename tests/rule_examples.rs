//! Every built-in rule's examples: each `match` sentence must fire its rule, each `no_match`
//! sentence must not.

use redflag::ruleset::RuleSet;
use redflag::selfcheck::check_examples;

#[test]
fn every_rule_passes_its_own_examples() {
    let rules = RuleSet::builtin().unwrap_or_else(|e| panic!("{e}"));
    let failures = check_examples(&rules);
    let listing: Vec<String> = failures
        .iter()
        .map(|f| format!("{} [{}] {}: {:?}", f.origin, f.rule, f.kind, f.example))
        .collect();
    assert!(
        failures.is_empty(),
        "{} example(s) failed:\n{}",
        failures.len(),
        listing.join("\n")
    );
}

#[test]
fn every_indicator_has_rules_in_every_language() {
    let rules = RuleSet::builtin().unwrap_or_else(|e| panic!("{e}"));
    let mut missing = Vec::new();
    for lang in rules.languages() {
        for ind in rules.catalog.iter() {
            if !rules.packs[lang]
                .compiled()
                .rules
                .iter()
                .any(|r| r.indicator == ind.id)
            {
                missing.push(format!("{lang}: {}", ind.id));
            }
        }
    }
    assert!(missing.is_empty(), "indicators without rules: {missing:?}");
}

#[test]
fn every_rule_has_a_no_match_example() {
    let rules = RuleSet::builtin().unwrap_or_else(|e| panic!("{e}"));
    let without: Vec<&str> = rules
        .rules()
        .filter(|r| r.examples_no_match.is_empty())
        .map(|r| r.id.as_str())
        .collect();
    assert!(
        without.is_empty(),
        "rules without no_match examples: {without:?}"
    );
}

/// Built-in regexes are compiled on first use; this compiles every one of them, so a broken
/// built-in rule fails here rather than going silent at run time.
#[test]
fn every_builtin_regex_compiles() {
    let rules = redflag::ruleset::RuleSet::builtin().expect("built-in rules load");
    let errors = rules.compile_all();
    assert!(errors.is_empty(), "{errors:#?}");
}
