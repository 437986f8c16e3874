//! The assessment section of the Markdown case note: the same content as the HTML section
//! (offer or account, outcome, Delphi dimensions with their indicators, ILO forced-labour
//! test with evidence, offer facts, follow-up questions). Input and rule data are escaped.

use super::assessment_html::counted;
use super::labels::Labels;
use super::markdown::escape;
use crate::assess::{Element, FactReport};
use crate::kind::Kind;
use crate::report::Report;
use std::io::{self, Write};

/// The outcome line of the summary list (nothing when the text was not assessed).
pub fn summary_outcome(out: &mut dyn Write, report: &Report, l: &Labels) -> io::Result<()> {
    let Some(a) = &report.assessment else {
        return Ok(());
    };
    let al = l.assessment;
    writeln!(
        out,
        "- **{}:** **{}** ({} {})",
        al.outcome,
        escape(&a.outcome.label),
        al.read_as_lower,
        al.kind(a.kind)
    )?;
    write_caution(out, a, l)
}

/// The forced-labour caution, when there is one: right under the outcome it qualifies.
fn write_caution(out: &mut dyn Write, a: &crate::assess::Assessment, l: &Labels) -> io::Result<()> {
    match a.forced_labour.as_ref().and_then(|fl| fl.caution.as_ref()) {
        Some(caution) => writeln!(out, "- **{}:** {}", l.assessment.caution, escape(caution)),
        None => Ok(()),
    }
}

/// The whole section, its heading at `depth`.
pub fn section_assessment(
    out: &mut dyn Write,
    report: &Report,
    depth: usize,
    l: &Labels,
) -> io::Result<()> {
    let Some(a) = &report.assessment else {
        return Ok(());
    };
    let al = l.assessment;
    let h = "#".repeat(depth);
    let h2 = "#".repeat(depth + 1);
    writeln!(out, "{h} {}\n", al.heading)?;
    writeln!(
        out,
        "- **{}:** {} ({})",
        al.read_as,
        al.kind(a.kind),
        escape(&al.kind_source(a))
    )?;
    writeln!(
        out,
        "- **{}:** **{}**",
        al.outcome,
        escape(&a.outcome.label)
    )?;
    write_caution(out, a, l)?;
    // A reading only means something for an account; an offer never "holds" one.
    if a.kind == Kind::Account {
        writeln!(
            out,
            "- **{}:** {}: {}",
            al.reading,
            escape(al.reading(a.reading)),
            if a.reading_holds {
                al.holds
            } else {
                al.does_not_hold
            }
        )?;
    }
    writeln!(out)?;

    writeln!(out, "{h2} {}\n", al.dimensions)?;
    if a.kind == Kind::Offer {
        writeln!(out, "_{}_\n", escape(al.offer_dimensions_note))?;
    }
    writeln!(
        out,
        "| | {} | {} | {} |",
        al.dimension, al.result, al.behind
    )?;
    writeln!(out, "|---|---|---|---|")?;
    for d in &a.dimensions {
        let behind = if d.indicators.is_empty() {
            "–".to_string()
        } else {
            d.indicators
                .iter()
                .map(|i| {
                    format!(
                        "{} ({}, {})",
                        finding_ref(report, &i.indicator),
                        l.strength(i.strength),
                        al.phase(i.phase)
                    )
                })
                .collect::<Vec<_>>()
                .join("; ")
        };
        let result = if d.positive {
            format!("**{}**", al.positive)
        } else {
            al.not_positive.to_string()
        };
        writeln!(
            out,
            "| {} | {} | {result} | {behind} |",
            d.id,
            escape(&d.name)
        )?;
    }
    writeln!(out)?;

    if let Some(fl) = &a.forced_labour {
        writeln!(out, "{h2} {}\n", al.forced_labour)?;
        writeln!(
            out,
            "**{}**\n",
            if fl.indicated {
                al.forced_labour_met
            } else {
                al.forced_labour_not_met
            }
        )?;
        element(out, report, al.involuntariness, &fl.involuntariness, l)?;
        element(out, report, al.coercion, &fl.coercion, l)?;
        writeln!(out)?;
    }

    if let Some(offer) = &a.offer {
        writeln!(out, "{h2} {}\n", al.offer_facts)?;
        let facts = |v: &[FactReport]| {
            if v.is_empty() {
                al.nothing.to_string()
            } else {
                v.iter().map(|f| fact(f, l)).collect::<Vec<_>>().join("; ")
            }
        };
        writeln!(out, "- **{}:** {}", al.missing, facts(&offer.missing))?;
        if let Some(n) = offer.raised_for_missing {
            writeln!(
                out,
                "  - _{}_",
                al.raised_for_missing.replace("{n}", &n.to_string())
            )?;
        }
        writeln!(out, "- **{}:** {}", al.stated, facts(&offer.stated))?;
        writeln!(
            out,
            "- **{}:** {} ({})\n",
            al.risk_lowering,
            counted(offer.risk_lowering_count, &facts(&offer.risk_lowering)),
            al.risk_lowering_note
        )?;
    }

    if !a.follow_up.is_empty() {
        writeln!(out, "{h2} {}\n", al.follow_up)?;
        for f in &a.follow_up {
            writeln!(out, "**{} {}**\n", f.dimension, escape(&f.name))?;
            for q in &f.questions {
                writeln!(out, "- {}", escape(q))?;
            }
            writeln!(out)?;
        }
    }
    Ok(())
}

/// One element of the ILO test as a list item, its evidence sentences nested under it (one
/// item per sentence, with every indicator it shows).
fn element(
    out: &mut dyn Write,
    report: &Report,
    name: &str,
    e: &Element,
    l: &Labels,
) -> io::Result<()> {
    let al = l.assessment;
    if !e.present {
        return writeln!(out, "- **{name}:** {}", al.absent);
    }
    writeln!(out, "- **{name}:** {}", al.present)?;
    for (line, sentence, inds) in super::assessment_html::sentences_of(e) {
        let refs: Vec<String> = inds.iter().map(|i| finding_ref(report, i)).collect();
        writeln!(
            out,
            "  - {} {line}: «{}» ({})",
            l.line,
            escape(sentence),
            refs.join("; ")
        )?;
    }
    Ok(())
}

/// An indicator as its finding's number and title; the bare id when there is no finding.
fn finding_ref(report: &Report, indicator: &str) -> String {
    match report
        .findings
        .iter()
        .position(|f| f.indicator == indicator)
    {
        Some(i) => format!("{}. {}", i + 1, escape(&report.findings[i].title)),
        None => format!("`{}`", indicator.replace('`', "'")),
    }
}

/// An offer fact with the lines that state it.
fn fact(f: &FactReport, l: &Labels) -> String {
    if f.lines.is_empty() {
        escape(&f.label)
    } else {
        let lines: Vec<String> = f.lines.iter().map(|n| n.to_string()).collect();
        format!(
            "{} ({} {})",
            escape(&f.label),
            l.assessment.line_or_lines(f.lines.len()),
            lines.join(", ")
        )
    }
}
