//! The batch summary (`--summary`): how many texts reached each risk level, how often each
//! indicator was found, what was skipped and why, and the highest-risk texts first.

use super::terminal_safe;
use crate::batch::summary::Summary;
use crate::policy::RiskLevel;
use comfy_table::{Cell, CellAlignment, ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};
use std::io::{self, Write};

fn table(width: Option<u16>) -> Table {
    let mut t = Table::new();
    t.load_preset(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic);
    if let Some(w) = width {
        t.set_width(w);
    }
    t
}

fn count(n: u64) -> Cell {
    Cell::new(n).set_alignment(CellAlignment::Right)
}

/// Writes the summary as tables. `indicator_order` lists indicator ids in catalogue order.
pub fn write_summary(
    out: &mut dyn Write,
    summary: &Summary,
    indicator_order: &[&str],
    width: Option<u16>,
) -> io::Result<()> {
    writeln!(
        out,
        "== Summary: {} input(s), {} screened, {} skipped ==",
        summary.inputs,
        summary.screened,
        summary.skipped_total()
    )?;

    let mut levels = table(width);
    levels.set_header(["Risk level", "Texts"]);
    for level in [
        RiskLevel::High,
        RiskLevel::Medium,
        RiskLevel::Low,
        RiskLevel::None,
        RiskLevel::NotAssessed,
    ] {
        let n = summary.levels.get(&level).copied().unwrap_or(0);
        levels.add_row(vec![Cell::new(level.as_str()), count(n)]);
    }
    writeln!(out, "{levels}")?;

    if !summary.indicators.is_empty() {
        let mut inds = table(width);
        inds.set_header(["Indicator", "Texts"]);
        for id in indicator_order {
            if let Some(n) = summary.indicators.get(*id) {
                inds.add_row(vec![Cell::new(id), count(*n)]);
            }
        }
        writeln!(out, "{inds}")?;
    }

    let skipped = summary.skipped_total();
    let passed = summary.passed_over.hidden
        + summary.passed_over.not_matching_glob
        + summary.passed_over.not_regular;
    if skipped > 0 || summary.with_warnings > 0 || passed > 0 {
        let mut t = table(width);
        t.set_header(["Not screened, or screened with a warning", "Inputs"]);
        for (kind, n) in &summary.skipped {
            t.add_row(vec![
                Cell::new(format!("skipped: {}", kind.as_str())),
                count(*n),
            ]);
        }
        if summary.with_warnings > 0 {
            t.add_row(vec![
                Cell::new("screened with a warning (e.g. invalid UTF-8 replaced)"),
                count(summary.with_warnings),
            ]);
        }
        for (what, n) in [
            (
                "passed over: hidden (use --hidden)",
                summary.passed_over.hidden,
            ),
            (
                "passed over: not matching --glob",
                summary.passed_over.not_matching_glob,
            ),
            (
                "passed over: not a regular file",
                summary.passed_over.not_regular,
            ),
        ] {
            if n > 0 {
                t.add_row(vec![Cell::new(what), count(n)]);
            }
        }
        writeln!(out, "{t}")?;
    }

    if !summary.highest.is_empty() {
        let mut t = table(width);
        t.set_header(["Highest risk first", "Level", "Score", "Indicators"]);
        for r in &summary.highest {
            let mut source = terminal_safe(&r.source);
            if let Some(id) = &r.id {
                let id = match id {
                    serde_json::Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                source = format!("{source} (id {})", terminal_safe(&id));
            }
            t.add_row(vec![
                Cell::new(source),
                Cell::new(r.level.as_str()),
                count(u64::from(r.score)),
                Cell::new(r.indicators.join(", ")),
            ]);
        }
        writeln!(out, "{t}")?;
        let listed = summary.highest.len() as u64;
        let flagged = summary.at_least(RiskLevel::Low);
        if flagged > listed {
            writeln!(
                out,
                "({} more text(s) with findings not listed; use --format csv for all)",
                flagged - listed
            )?;
        }
    }
    Ok(())
}
