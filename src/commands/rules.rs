//! `redflag rules list|check|test`: the rule author's tools.

use super::info::new_table;
use crate::cli::{ListFormat, RulesDirArgs, RulesListArgs, exit, load_rules};
use crate::render::terminal_safe;
use crate::rulefile::{LoadErrors, RuleError};
use crate::ruleset::{Rule, RuleSet};
use crate::selfcheck::{ExampleFailure, check_examples};
use crate::term::TermSet;
use crate::term_regex::{HEAVY_RAW_REGEX_STATES, raw_regex_states};
use serde_json::json;
use std::collections::BTreeMap;
use std::io::{self, Write};

pub fn list(args: RulesListArgs) -> anyhow::Result<u8> {
    let rules = load_rules(args.rules.as_deref())?;
    if let Some(ind) = &args.indicator {
        if rules.catalog.get(ind).is_none() {
            anyhow::bail!(
                "unknown indicator `{ind}`; valid ids: {}",
                rules.catalog.ids().join(", ")
            );
        }
    }
    if let Some(lang) = &args.lang {
        if !rules.packs.contains_key(lang) {
            anyhow::bail!(
                "no rules for language `{lang}`; languages: {}",
                rules.languages().join(", ")
            );
        }
    }
    let selected: Vec<_> = rules
        .rules()
        .filter(|r| args.indicator.as_ref().is_none_or(|i| *i == r.indicator))
        .filter(|r| args.lang.as_ref().is_none_or(|l| *l == r.lang))
        .collect();
    let mut out = io::stdout().lock();
    match args.format {
        ListFormat::Json => {
            let v: Vec<_> = selected
                .iter()
                .map(|r| {
                    json!({"id": r.id, "indicator": r.indicator, "lang": r.lang, "status": r.status,
                           "description": r.description, "match": r.condition_text, "origin": r.origin,
                           "builtin": r.builtin})
                })
                .collect();
            serde_json::to_writer_pretty(&mut out, &v)?;
            writeln!(out)?;
        }
        ListFormat::Table => {
            let mut table = new_table();
            table.set_header(vec!["Rule", "Indicator", "Lang", "Status", "Description"]);
            for r in &selected {
                let status = format!("{:?}", r.status).to_lowercase();
                table.add_row(vec![
                    r.id.clone(),
                    r.indicator.clone(),
                    r.lang.clone(),
                    status,
                    r.description.clone(),
                ]);
            }
            writeln!(out, "{table}")?;
            writeln!(out, "{} rule(s)", selected.len())?;
        }
    }
    Ok(exit::OK)
}

/// Warnings `rules check` gives about rules that load but deserve a look.
/// Advice about rules that load and pass: only about the user's own rules when a folder is
/// checked (the built-in pack is checked by its own tests).
fn warnings(rules: &RuleSet, user_dir_given: bool) -> Vec<String> {
    let mut out = Vec::new();
    if !user_dir_given {
        out.extend(crate::ruleset::builtin_terms_repeating_a_word().1);
    }
    for rule in rules.rules().filter(|r| !(user_dir_given && r.builtin)) {
        if let Some(unless) = &rule.unless {
            let exercised = rule
                .examples_no_match
                .iter()
                .any(|e| unless.matches_text(e));
            if !exercised {
                out.push(format!(
                    "{}: rule `{}`: its `unless` exceptions apply to none of its no_match examples; add one that shows what they exclude",
                    rule.origin, rule.id
                ));
            }
        }
        if rule.examples_no_match.is_empty() {
            out.push(format!(
                "{}: rule `{}`: no `no_match` examples; add negated or harmless sentences it must leave alone",
                rule.origin, rule.id
            ));
        }
        let place = format!("{}: rule `{}`", rule.origin, rule.id);
        let lists = rules.match_lists(rule).chain(rule.unless.as_ref());
        lint_terms(&place, lists, &mut out);
        if let Some(states) = heavy_regex(rules, rule) {
            out.push(format!(
                "{}: rule `{}`: its regex compiles to {states} automaton states (the built-in ones stay under {HEAVY_RAW_REGEX_STATES}), which slows the start of every screening that needs it; `\\d` or `\\p{{L}}` inside a repetition is the usual cause: `[0-9]` and `[\\p{{Cyrillic}}\\p{{Latin}}]` match the same in English and Russian text and cost a fraction",
                rule.origin, rule.id
            ));
        }
    }
    // The assessment's cue lists are term lists too (the same mistakes, no examples to show
    // them).
    for (lang, cues) in &rules.assessment.languages {
        let place = format!("rules/{lang}/assessment.yaml");
        lint_terms(&place, cues.term_lists().into_iter().flatten(), &mut out);
    }
    out
}

/// Warns about each term of `lists` that writes a phrase as an alternative. A term with
/// optional words or phrase groups is checked as each of its variants; one warning per
/// problem and place.
fn lint_terms<'a>(place: &str, lists: impl Iterator<Item = &'a TermSet>, out: &mut Vec<String>) {
    let mut seen = std::collections::BTreeSet::new();
    for term in lists.filter_map(TermSet::terms).flatten() {
        if let Some(problem) = phrase_alternative(term.term()) {
            if seen.insert(problem.clone()) {
                out.push(format!("{place}: term \"{}\" {problem}", term.term()));
            }
        }
    }
}

/// What is wrong with a term that writes a phrase as an alternative, if it does: `|` joins
/// single words of one position.
fn phrase_alternative(term: &str) -> Option<String> {
    if let Some(word) = crate::term::repeated_alternative(term) {
        return Some(format!(
            "has \"{word}\" in two nearby word positions; `|` joins single words of one position, so a phrase alternative (\"at night|in the night\") never matches as meant: put the phrases in a group, \"(at night|in the night)\", or write each as a term of its own"
        ));
    }
    if let Some((here, next)) = crate::term::determiner_split_alternative(term) {
        return Some(format!(
            "offers a determiner in two neighbouring word positions (\"{here}\", then \"{next}\"); `|` joins single words, so \"your|the worker's|their\" reads \"the their\" or \"your worker's\": put the phrases in a group, \"(your|the worker's|their)\", or write each as a term of its own"
        ));
    }
    crate::term::negation_split_alternative(term).map(|position| {
        format!(
            "puts a negation and the start of a negated phrase in one word position (\"{position}\"); `|` joins single words, so \"didn't|did not\" reads \"didn't not\" or \"did not\": put the forms in a group, \"(didn't|did not)\", or write each as a term of its own"
        )
    })
}

/// The number of automaton states of a rule's raw regex, when it is over
/// [`HEAVY_RAW_REGEX_STATES`].
fn heavy_regex(rules: &RuleSet, rule: &Rule) -> Option<usize> {
    rules
        .match_lists(rule)
        .filter_map(TermSet::raw_source)
        .filter_map(raw_regex_states)
        .find(|&states| states > HEAVY_RAW_REGEX_STATES)
}

pub fn check(args: RulesDirArgs) -> anyhow::Result<u8> {
    let mut out = io::stdout().lock();
    let loaded = RuleSet::load(args.dir.as_deref());
    let (errors, warns, notes, n_rules) = match &loaded {
        Err(LoadErrors(errors)) => (errors.clone(), Vec::new(), Vec::new(), 0),
        Ok(rules) => {
            let mut errors = rules.compile_all();
            errors.extend(check_examples(rules).into_iter().map(example_error));
            (
                errors,
                warnings(rules, args.dir.is_some()),
                rules.notices.clone(),
                rules.rules().count(),
            )
        }
    };
    if args.format == ListFormat::Json {
        let v = json!({"ok": errors.is_empty(), "rules": n_rules, "errors": errors, "warnings": warns, "notes": notes});
        serde_json::to_writer_pretty(&mut out, &v)?;
        writeln!(out)?;
    } else {
        for e in &errors {
            writeln!(out, "error: {}", terminal_safe(&e.to_string()))?;
        }
        for w in &warns {
            writeln!(out, "warning: {}", terminal_safe(w))?;
        }
        for n in &notes {
            writeln!(out, "note: {}", terminal_safe(n))?;
        }
        if errors.is_empty() {
            writeln!(
                out,
                "ok: {n_rules} rules load, compile and pass their examples ({} warning(s))",
                warns.len()
            )?;
        } else {
            writeln!(out, "{} error(s)", errors.len())?;
        }
    }
    Ok(if errors.is_empty() {
        exit::OK
    } else {
        exit::ERROR
    })
}

fn example_error(f: ExampleFailure) -> RuleError {
    let (file, line) = match f.origin.rsplit_once(':') {
        Some((file, line)) if line.parse::<usize>().is_ok() => {
            (file.to_string(), line.parse().ok())
        }
        _ => (f.origin.clone(), None),
    };
    let message = match f.kind {
        "missed" => format!("the match example {:?} does not fire the rule", f.example),
        _ => format!("the no_match example {:?} fires the rule", f.example),
    };
    RuleError {
        file,
        line,
        column: None,
        rule: Some(f.rule),
        field: Some("examples".into()),
        message,
    }
}

pub fn test(args: RulesDirArgs) -> anyhow::Result<u8> {
    let rules = load_rules(args.dir.as_deref())?;
    let failures = check_examples(&rules);
    let mut by_rule: BTreeMap<&str, (Vec<&str>, Vec<&str>)> = BTreeMap::new();
    for f in &failures {
        let entry = by_rule.entry(f.rule.as_str()).or_default();
        if f.kind == "missed" {
            entry.0.push(&f.example)
        } else {
            entry.1.push(&f.example)
        }
    }
    let total_examples: usize = rules
        .rules()
        .map(|r| r.examples_match.len() + r.examples_no_match.len())
        .sum();
    let mut out = io::stdout().lock();
    if args.format == ListFormat::Json {
        let v: Vec<_> = by_rule
            .iter()
            .map(|(rule, (missed, noisy))| json!({"rule": rule, "missed": missed, "noisy": noisy}))
            .collect();
        let doc = json!({"rules": rules.rules().count(), "examples": total_examples,
                         "failed_examples": failures.len(), "failures": v});
        serde_json::to_writer_pretty(&mut out, &doc)?;
        writeln!(out)?;
    } else {
        if !by_rule.is_empty() {
            let mut table = new_table();
            table.set_header(vec![
                "Rule",
                "Missed (should fire, did not)",
                "Noisy (fired, should not)",
            ]);
            for (rule, (missed, noisy)) in &by_rule {
                let fmt = |v: &Vec<&str>| {
                    v.iter()
                        .map(|s| terminal_safe(s))
                        .collect::<Vec<_>>()
                        .join("\n")
                };
                table.add_row(vec![rule.to_string(), fmt(missed), fmt(noisy)]);
            }
            writeln!(out, "{table}")?;
        }
        writeln!(
            out,
            "{} rules, {} examples: {} passed, {} failed",
            rules.rules().count(),
            total_examples,
            total_examples - failures.len(),
            failures.len()
        )?;
    }
    Ok(if failures.is_empty() {
        exit::OK
    } else {
        exit::THRESHOLD
    })
}
