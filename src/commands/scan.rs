//! `redflag scan`: screen texts and print reports.

use crate::cli::{ColorChoice, FailLevel, ScanArgs, Selection, exit, load_rules};
use crate::input;
use crate::matcher::ScanOptions;
use crate::policy::RiskLevel;
use crate::render::{Format, json, table};
use crate::report::{Report, ReportOptions, screen};
use crate::ruleset::RuleSet;
use std::io::{self, IsTerminal, Write};

/// Checks `--only` / `--disable` names and `--lang` against what the rules know.
pub fn scan_options(rules: &RuleSet, selection: &Selection) -> anyhow::Result<ScanOptions> {
    for name in selection.only.iter().chain(&selection.disable) {
        if rules.catalog.get(name).is_none() && rules.rule(name).is_none() {
            anyhow::bail!(
                "`{name}` is neither an indicator id nor a rule id (see `redflag indicators` and `redflag rules list`)"
            );
        }
    }
    let forced_lang = match selection.lang.as_str() {
        "auto" => None,
        l if rules.packs.contains_key(l) => Some(l.to_string()),
        l => anyhow::bail!(
            "--lang {l}: no rules for this language; choose auto or one of {}",
            rules.languages().join(", ")
        ),
    };
    Ok(ScanOptions {
        forced_lang,
        experimental: selection.experimental,
        only: selection.only.clone(),
        disable: selection.disable.clone(),
    })
}

pub fn run(args: ScanArgs) -> anyhow::Result<u8> {
    let rules = load_rules(args.selection.rules.as_deref())?;
    let options = ReportOptions {
        scan: scan_options(&rules, &args.selection)?,
        explain_lang: match args.explain_lang.as_str() {
            "auto" => None,
            other => Some(crate::cli::explain_lang(other)?),
        },
        kind: args.kind,
        strict: args.strict,
    };
    let paths = if args.paths.is_empty() {
        vec!["-".to_string()]
    } else {
        args.paths.clone()
    };
    if paths.iter().filter(|p| *p == "-").count() > 1 {
        anyhow::bail!("standard input (-) can be given only once");
    }

    let stdout = io::stdout();
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            stdout.is_terminal()
                && anstream::AutoStream::choice(&stdout) != anstream::ColorChoice::Never
        }
    };
    let width = if stdout.is_terminal() {
        None
    } else {
        Some(110)
    };
    let mut out = io::BufWriter::new(stdout.lock());

    let mut had_error = false;
    let mut reached = false;
    let mut collected: Vec<Report> = Vec::new();
    let mut printed = 0;
    for path in &paths {
        let input = match input::read(path, args.max_bytes) {
            Ok(input) => input,
            Err(e) => {
                eprintln!("redflag: {e}");
                had_error = true;
                continue;
            }
        };
        let report = screen(&rules, &input.source, &input.text, &options);
        if let Some(level) = args.fail_on {
            reached |= reaches(report.risk.level, level);
        }
        match args.format {
            Format::Table => {
                if printed > 0 {
                    writeln!(out)?;
                }
                table::write_table(&mut out, &report, color, width)?;
            }
            Format::Jsonl => json::write_jsonl(&mut out, &report)?,
            Format::Json => collected.push(report),
        }
        printed += 1;
        out.flush()?;
    }
    if args.format == Format::Json && !(collected.is_empty() && had_error) {
        json::write_json(&mut out, &collected, paths.len() > 1)?;
    }
    out.flush()?;
    Ok(if had_error {
        exit::ERROR
    } else if reached {
        exit::THRESHOLD
    } else {
        exit::OK
    })
}

fn reaches(level: RiskLevel, threshold: FailLevel) -> bool {
    let t = match threshold {
        FailLevel::Low => RiskLevel::Low,
        FailLevel::Medium => RiskLevel::Medium,
        FailLevel::High => RiskLevel::High,
    };
    level != RiskLevel::NotAssessed && level >= t
}
