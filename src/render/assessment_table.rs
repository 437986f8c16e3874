//! The assessment section of the table report: offer or account, the outcome, the Delphi
//! dimensions with the indicators behind them, the ILO forced-labour test (accounts), the
//! offer's missing facts and risk-lowering statements (offers), and the follow-up questions.

use super::terminal_safe;
use crate::assess::{Assessment, Element};
use crate::kind::Kind;
use std::io::{self, Write};

/// Writes the section; `bold` wraps a heading (colour is decided by the caller).
pub fn write_assessment(
    out: &mut dyn Write,
    a: &Assessment,
    bold: &dyn Fn(&str) -> String,
) -> io::Result<()> {
    writeln!(out, "{}", bold("Assessment"))?;
    writeln!(
        out,
        "Read as:    {} ({})",
        a.kind.as_str(),
        if a.kind_source == "auto" {
            format!(
                "decided from the wording: {} offer cues, {} account cues, {} report cues, {} advice cues; change with --kind",
                a.kind_cues.offer, a.kind_cues.account, a.kind_cues.report, a.kind_cues.advice
            )
        } else {
            "given with --kind".to_string()
        }
    )?;
    writeln!(out, "Outcome:    {}", bold(&a.outcome.label))?;
    if let Some(caution) = a.forced_labour.as_ref().and_then(|fl| fl.caution.as_ref()) {
        writeln!(out, "Caution:    {caution}")?;
    }
    if a.kind == Kind::Account {
        writeln!(
            out,
            "Reading:    {} ({})",
            a.reading,
            if a.reading_holds {
                "holds"
            } else {
                "does not hold"
            }
        )?;
    }
    writeln!(out, "Delphi dimensions (ILO/EC 2009):")?;
    for d in &a.dimensions {
        let behind: Vec<String> = d
            .indicators
            .iter()
            .map(|i| format!("{} {} @{}", i.indicator, i.strength, i.phase.as_str()))
            .collect();
        writeln!(
            out,
            "  {} {:<40} {}  {}",
            d.id,
            d.name,
            if d.positive { "POSITIVE" } else { "-       " },
            if behind.is_empty() {
                String::new()
            } else {
                behind.join(", ")
            }
        )?;
    }
    if let Some(fl) = &a.forced_labour {
        writeln!(
            out,
            "ILO forced-labour test: {}",
            if fl.indicated {
                "both elements present"
            } else {
                "not met on this text"
            }
        )?;
        write_element(out, "involuntariness", &fl.involuntariness)?;
        write_element(out, "coercion", &fl.coercion)?;
    }
    if let Some(offer) = &a.offer {
        let list = |v: &[crate::assess::FactReport]| {
            if v.is_empty() {
                "-".to_string()
            } else {
                v.iter()
                    .map(|f| f.label.clone())
                    .collect::<Vec<_>>()
                    .join("; ")
            }
        };
        writeln!(out, "Missing from the offer: {}", list(&offer.missing))?;
        if let Some(n) = offer.raised_for_missing {
            writeln!(
                out,
                "  (recruitment risk one step above the screening risk level: {n} or more of these facts are missing)"
            )?;
        }
        writeln!(out, "Stated in the offer:    {}", list(&offer.stated))?;
        writeln!(
            out,
            "Risk-lowering statements: {} ({})",
            offer.risk_lowering_count,
            list(&offer.risk_lowering)
        )?;
    }
    if !a.follow_up.is_empty() {
        writeln!(out, "To ask next (dimensions not established):")?;
        for f in &a.follow_up {
            writeln!(out, "  {} {}", f.dimension, f.name)?;
            for q in &f.questions {
                writeln!(out, "    ? {q}")?;
            }
        }
    }
    Ok(())
}

fn write_element(out: &mut dyn Write, name: &str, e: &Element) -> io::Result<()> {
    if !e.present {
        return writeln!(out, "  {name}: absent");
    }
    writeln!(out, "  {name}: present ({})", e.indicators.join(", "))?;
    for ev in &e.evidence {
        writeln!(
            out,
            "    line {}: \"{}\"",
            ev.line,
            terminal_safe(&shorten(&ev.sentence, 160))
        )?;
    }
    Ok(())
}

fn shorten(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(n).collect::<String>())
    }
}
