//! `redflag eval`: precision, recall and F1 per indicator on labelled corpora.

use super::info::new_table;
use super::scan::scan_options;
use crate::cli::{EvalArgs, ListFormat, exit, load_rules};
use crate::eval::{Case, evaluate, load_corpus};
use crate::report::ReportOptions;
use std::io::{self, Write};

pub fn run(args: EvalArgs) -> anyhow::Result<u8> {
    let rules = load_rules(args.selection.rules.as_deref())?;
    let options = ReportOptions {
        scan: scan_options(&rules, &args.selection)?,
        explain_lang: Some("en".into()),
        ..Default::default()
    };
    let mut cases: Vec<Case> = Vec::new();
    for path in &args.corpora {
        cases.extend(load_corpus(path, &rules)?);
    }
    if let Some(lang) = &args.cases_lang {
        cases.retain(|c| c.lang.as_deref() == Some(lang.as_str()));
    }
    if cases.is_empty() {
        anyhow::bail!("no cases to evaluate");
    }
    let result = evaluate(&rules, &cases, &options);
    let mut out = io::stdout().lock();
    if args.format == ListFormat::Json {
        serde_json::to_writer_pretty(&mut out, &result)?;
        writeln!(out)?;
    } else {
        let mut table = new_table();
        table.set_header(vec![
            "Indicator",
            "TP",
            "FP",
            "FN",
            "Precision",
            "Recall",
            "F1",
        ]);
        let row = |name: &str, c: &crate::eval::Counts| {
            vec![
                name.to_string(),
                c.tp.to_string(),
                c.fp.to_string(),
                c.fn_.to_string(),
                format!("{:.2}", c.precision),
                format!("{:.2}", c.recall),
                format!("{:.2}", c.f1),
            ]
        };
        for (ind, c) in &result.per_indicator {
            table.add_row(row(ind, c));
        }
        table.add_row(row("micro total", &result.micro));
        writeln!(out, "{table}")?;
        for f in &result.failures {
            let ok: Vec<&str> = f.risk_ok.iter().map(|l| l.as_str()).collect();
            writeln!(
                out,
                "{}{}: level {} (ok: {}), missed [{}], extra [{}]",
                if f.critical { "CRITICAL " } else { "" },
                f.id,
                f.level,
                ok.join("/"),
                f.missed.join(", "),
                f.extra.join(", ")
            )?;
        }
        writeln!(
            out,
            "cases {} | micro precision {:.2} recall {:.2} F1 {:.2} | risk level ok {}/{} | critical errors {}",
            result.cases,
            result.micro.precision,
            result.micro.recall,
            result.micro.f1,
            result.risk_level_ok,
            result.cases,
            result.critical_errors
        )?;
    }
    let below = args.min_f1.is_some_and(|min| result.micro.f1 < min) || result.critical_errors > 0;
    Ok(if args.min_f1.is_some() && below {
        exit::THRESHOLD
    } else {
        exit::OK
    })
}
