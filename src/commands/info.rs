//! `redflag indicators` and `redflag explain`: what each indicator and rule means, for
//! trainers, caseworkers and rule authors.

use crate::cli::{
    ExplainArgs, IndicatorsArgs, IndicatorsFormat, ListFormat, exit, explain_lang, load_rules,
};
use crate::render::{handout, terminal_safe};
use crate::ruleset::{Rule, RuleSet};
use comfy_table::{ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};
use serde_json::json;
use std::io::{self, Write};

/// How many example sentences `explain` shows per kind.
const EXAMPLES_SHOWN: usize = 4;

pub fn indicators(args: IndicatorsArgs) -> anyhow::Result<u8> {
    let rules = load_rules(args.rules.as_deref())?;
    let lang = explain_lang(&args.explain_lang)?;
    let languages = rules.languages();
    let count = |id: &str, l: &str| {
        rules.packs[l]
            .compiled()
            .rules
            .iter()
            .filter(|r| r.indicator == id)
            .count()
    };
    let mut out = io::stdout().lock();
    match args.format {
        IndicatorsFormat::Html => handout::write_html(&mut out, &rules.catalog, &lang)?,
        IndicatorsFormat::Markdown => handout::write_markdown(&mut out, &rules.catalog, &lang)?,
        IndicatorsFormat::Json => {
            let list: Vec<_> = rules
                .catalog
                .iter()
                .map(|ind| {
                    let per_lang: serde_json::Map<String, serde_json::Value> = languages
                        .iter()
                        .map(|l| (l.to_string(), json!(count(&ind.id, l))))
                        .collect();
                    json!({
                        "id": ind.id,
                        "title": ind.text(&lang).title,
                        "strength": ind.strength,
                        "palermo": ind.palermo,
                        "delphi": ind.delphi,
                        "rules": per_lang,
                    })
                })
                .collect();
            serde_json::to_writer_pretty(&mut out, &list)?;
            writeln!(out)?;
        }
        IndicatorsFormat::Table => {
            let mut table = new_table();
            let mut header = vec![
                "Indicator".to_string(),
                "Title".into(),
                "Strength".into(),
                "Palermo".into(),
                "Delphi".into(),
            ];
            header.extend(languages.iter().map(|l| format!("Rules {l}")));
            table.set_header(header);
            for ind in rules.catalog.iter() {
                let mut row = vec![
                    ind.id.clone(),
                    ind.text(&lang).title.clone(),
                    ind.strength.to_string(),
                    ind.palermo.as_str().to_string(),
                    ind.delphi.join(", "),
                ];
                row.extend(languages.iter().map(|l| count(&ind.id, l).to_string()));
                table.add_row(row);
            }
            writeln!(out, "{table}")?;
            writeln!(
                out,
                "`redflag explain ID` explains one indicator; rules/policy.yaml turns them into risk levels."
            )?;
        }
    }
    Ok(exit::OK)
}

pub fn explain(args: ExplainArgs) -> anyhow::Result<u8> {
    let rules = load_rules(args.rules.as_deref())?;
    let lang = explain_lang(&args.explain_lang)?;
    let mut out = io::stdout().lock();
    if let Some(ind) = rules.catalog.get(&args.id) {
        let text = ind.text(&lang);
        let its_rules: Vec<&Rule> = rules.rules().filter(|r| r.indicator == ind.id).collect();
        let fires: Vec<&String> = its_rules
            .iter()
            .flat_map(|r| &r.examples_match)
            .take(EXAMPLES_SHOWN)
            .collect();
        let does_not: Vec<&String> = its_rules
            .iter()
            .flat_map(|r| &r.examples_no_match)
            .take(EXAMPLES_SHOWN)
            .collect();
        if args.format == ListFormat::Json {
            let v = json!({
                "kind": "indicator", "id": ind.id, "title": text.title, "strength": ind.strength,
                "palermo": ind.palermo, "delphi": ind.delphi, "what": text.what.trim(), "why": text.why.trim(),
                "framework": text.framework.trim(), "questions": text.questions,
                "examples": {"match": fires, "no_match": does_not},
                "rules": its_rules.iter().map(|r| &r.id).collect::<Vec<_>>(),
            });
            serde_json::to_writer_pretty(&mut out, &v)?;
            writeln!(out)?;
            return Ok(exit::OK);
        }
        writeln!(out, "{} ({})", text.title, ind.id)?;
        writeln!(
            out,
            "Strength: {}   Palermo: {}   Delphi: {}",
            ind.strength,
            ind.palermo.as_str(),
            ind.delphi.join(", ")
        )?;
        writeln!(out)?;
        writeln!(out, "What it is:      {}", text.what.trim())?;
        writeln!(out, "Why it matters:  {}", text.why.trim())?;
        writeln!(out, "Framework:       {}", text.framework.trim())?;
        writeln!(out, "\nQuestions to ask:")?;
        for q in &text.questions {
            writeln!(out, "  - {q}")?;
        }
        writeln!(out, "\nSentences that show it:")?;
        for e in &fires {
            writeln!(out, "  + {}", terminal_safe(e))?;
        }
        writeln!(out, "Sentences that do not (negated, advice, harmless):")?;
        for e in &does_not {
            writeln!(out, "  - {}", terminal_safe(e))?;
        }
        let by_lang: Vec<String> = rules
            .languages()
            .iter()
            .map(|l| format!("{l}: {}", its_rules.iter().filter(|r| r.lang == *l).count()))
            .collect();
        writeln!(out, "\nRules: {} ({})", its_rules.len(), by_lang.join(", "))?;
        return Ok(exit::OK);
    }
    if let Some(rule) = rules.rule(&args.id) {
        explain_rule(&mut out, &rules, rule, &lang, args.format)?;
        return Ok(exit::OK);
    }
    anyhow::bail!(
        "`{}` is neither an indicator nor a rule; `redflag indicators` and `redflag rules list` show the ids",
        args.id
    )
}

fn explain_rule(
    out: &mut dyn Write,
    rules: &RuleSet,
    rule: &Rule,
    lang: &str,
    format: ListFormat,
) -> io::Result<()> {
    let title = rules
        .catalog
        .get(&rule.indicator)
        .map(|i| i.text(lang).title.clone())
        .unwrap_or_default();
    if format == ListFormat::Json {
        let v = json!({
            "kind": "rule", "id": rule.id, "indicator": rule.indicator, "lang": rule.lang,
            "status": rule.status, "description": rule.description, "match": rule.condition_text,
            "unless": rule.unless_text, "conditional": rule.conditional, "origin": rule.origin,
            "examples": {"match": rule.examples_match, "no_match": rule.examples_no_match},
        });
        serde_json::to_writer_pretty(&mut *out, &v)?;
        return writeln!(out);
    }
    let status = match rule.status {
        crate::rulefile::Status::Stable => "stable",
        crate::rulefile::Status::Experimental => "experimental: runs only with --experimental",
    };
    writeln!(out, "Rule {} ({}, {status})", rule.id, rule.lang)?;
    writeln!(out, "Indicator:   {} ({title})", rule.indicator)?;
    writeln!(out, "Looks for:   {}", rule.description)?;
    writeln!(out, "Match:       {}", rule.condition_text)?;
    if !rule.unless_text.is_empty() {
        writeln!(out, "Unless:      {}", rule.unless_text.join(" | "))?;
    }
    if rule.conditional {
        writeln!(
            out,
            "Conditional: still counts after \"if\" (threats are conditional)"
        )?;
    }
    writeln!(out, "Defined in:  {}", rule.origin)?;
    writeln!(out, "Fires on:")?;
    for e in &rule.examples_match {
        writeln!(out, "  + {}", terminal_safe(e))?;
    }
    writeln!(out, "Does not fire on:")?;
    for e in &rule.examples_no_match {
        writeln!(out, "  - {}", terminal_safe(e))?;
    }
    Ok(())
}

/// A table that wraps to the terminal, or to 110 columns when piped.
pub fn new_table() -> Table {
    let mut table = Table::new();
    table
        .load_preset(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic);
    if !std::io::IsTerminal::is_terminal(&std::io::stdout()) {
        table.set_width(110);
    }
    table
}
