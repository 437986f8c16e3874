//! The assessment section of the HTML report: offer or account, the outcome, the Delphi
//! dimensions with the indicators behind them, the ILO forced-labour test with its evidence
//! (accounts), the offer's missing facts and risk-lowering statements (offers), and the
//! follow-up questions. Every word from the input or the rule data is escaped.

use super::html::{escape, tag};
use super::labels::Labels;
use crate::assess::{Assessment, Element, FactReport};
use crate::kind::Kind;
use crate::report::Report;
use std::io::{self, Write};

/// Styles of the section, appended to the page's style sheet.
pub const STYLE: &str = r#"
.assessment .facts { display: grid; grid-template-columns: max-content 1fr; gap: 0.3rem 1rem;
  margin: 0 0 1rem; }
.assessment .facts dt { font-weight: bold; }
.assessment .facts dd { margin: 0; }
.assessment h3 { font-size: 1.25em; }
.assessment h4 { font-size: 1.05em; margin: 1.2rem 0 0.3rem; }
.assessment .tag { vertical-align: baseline; }
.caution { font-weight: bold; color: #8a1c1c; }
.outcome { font-weight: bold; border: 2px solid var(--ink); border-radius: 6px;
  padding: 0 0.5rem; display: inline-block; color: var(--ink); text-decoration: none; }
table.dimensions { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
table.dimensions th, table.dimensions td { border: 1px solid var(--rule); padding: 0.35rem 0.6rem;
  text-align: left; vertical-align: top; }
table.dimensions thead th { background: #eee; }
table.dimensions tr.positive td { background: #fff4e0; }
table.dimensions td.result { white-space: nowrap; }
table.dimensions tr.positive td.result { font-weight: bold; }
table.dimensions ul { margin: 0; padding-left: 0; list-style: none; }
table.dimensions li + li { margin-top: 0.2rem; }
.follow-up li { margin-bottom: 0.3rem; }
@media print {
  table.dimensions tr { break-inside: avoid; }
  table.dimensions thead th, table.dimensions tr.positive td {
    -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
"#;

/// The outcome line of the summary box, linked to the section (nothing when the text was
/// not assessed): the section comes after the findings, pages down in print.
pub fn summary_outcome(
    out: &mut dyn Write,
    report: &Report,
    id: &str,
    l: &Labels,
) -> io::Result<()> {
    let Some(a) = &report.assessment else {
        return Ok(());
    };
    let al = l.assessment;
    writeln!(
        out,
        "<dt>{}</dt><dd><a class=\"outcome\" href=\"#{id}-assessment\">{}</a> <span class=\"meta\">({} {})</span></dd>",
        escape(al.outcome),
        escape(&a.outcome.label),
        escape(al.read_as_lower),
        escape(al.kind(a.kind))
    )?;
    write_caution(out, a, l)
}

/// The forced-labour caution, when there is one: right under the outcome it qualifies.
fn write_caution(out: &mut dyn Write, a: &crate::assess::Assessment, l: &Labels) -> io::Result<()> {
    match a.forced_labour.as_ref().and_then(|fl| fl.caution.as_ref()) {
        Some(caution) => writeln!(
            out,
            "<dt>{}</dt><dd class=\"caution\">{}</dd>",
            escape(l.assessment.caution),
            escape(caution)
        ),
        None => Ok(()),
    }
}

/// The whole section; `id` is the report's anchor prefix, so indicators link to findings.
pub fn section_assessment(
    out: &mut dyn Write,
    report: &Report,
    id: &str,
    l: &Labels,
) -> io::Result<()> {
    let Some(a) = &report.assessment else {
        return Ok(());
    };
    let al = l.assessment;
    writeln!(out, "<div class=\"assessment\" id=\"{id}-assessment\">")?;
    writeln!(out, "<h2>{}</h2>\n<dl class=\"facts\">", escape(al.heading))?;
    writeln!(
        out,
        "<dt>{}</dt><dd>{} <span class=\"meta\">({})</span></dd>",
        escape(al.read_as),
        escape(al.kind(a.kind)),
        escape(&al.kind_source(a))
    )?;
    writeln!(
        out,
        "<dt>{}</dt><dd><span class=\"outcome\">{}</span></dd>",
        escape(al.outcome),
        escape(&a.outcome.label)
    )?;
    write_caution(out, a, l)?;
    // A reading only means something for an account; an offer never "holds" one.
    if a.kind == Kind::Account {
        writeln!(
            out,
            "<dt>{}</dt><dd>{}: {}</dd>",
            escape(al.reading),
            escape(al.reading(a.reading)),
            escape(if a.reading_holds {
                al.holds
            } else {
                al.does_not_hold
            })
        )?;
    }
    writeln!(out, "</dl>")?;
    dimensions(out, report, a, id, l)?;
    if let Some(fl) = &a.forced_labour {
        writeln!(out, "<h3>{}</h3>", escape(al.forced_labour))?;
        writeln!(
            out,
            "<p><strong>{}</strong></p>",
            escape(if fl.indicated {
                al.forced_labour_met
            } else {
                al.forced_labour_not_met
            })
        )?;
        element(out, report, al.involuntariness, &fl.involuntariness, id, l)?;
        element(out, report, al.coercion, &fl.coercion, id, l)?;
    }
    if let Some(offer) = &a.offer {
        writeln!(
            out,
            "<h3>{}</h3>\n<dl class=\"facts\">",
            escape(al.offer_facts)
        )?;
        let facts = |v: &[FactReport]| {
            if v.is_empty() {
                escape(al.nothing)
            } else {
                v.iter().map(|f| fact(f, l)).collect::<Vec<_>>().join("; ")
            }
        };
        writeln!(
            out,
            "<dt>{}</dt><dd>{}</dd>",
            escape(al.missing),
            facts(&offer.missing)
        )?;
        if let Some(n) = offer.raised_for_missing {
            writeln!(
                out,
                "<dt></dt><dd class=\"meta\">{}</dd>",
                escape(&al.raised_for_missing.replace("{n}", &n.to_string()))
            )?;
        }
        writeln!(
            out,
            "<dt>{}</dt><dd>{}</dd>",
            escape(al.stated),
            facts(&offer.stated)
        )?;
        writeln!(
            out,
            "<dt>{}</dt><dd>{} <span class=\"meta\">({})</span></dd>",
            escape(al.risk_lowering),
            counted(offer.risk_lowering_count, &facts(&offer.risk_lowering)),
            escape(al.risk_lowering_note)
        )?;
        writeln!(out, "</dl>")?;
    }
    if !a.follow_up.is_empty() {
        writeln!(out, "<h3>{}</h3>", escape(al.follow_up))?;
        for f in &a.follow_up {
            writeln!(
                out,
                "<h4>{} {}</h4>\n<ul class=\"follow-up\">",
                escape(f.dimension.as_str()),
                escape(&f.name)
            )?;
            for q in &f.questions {
                writeln!(out, "<li>{}</li>", escape(q))?;
            }
            writeln!(out, "</ul>")?;
        }
    }
    writeln!(out, "</div>")
}

/// The six dimensions as a table: positive or not, and each indicator with its strength and
/// the phase it was counted in.
fn dimensions(
    out: &mut dyn Write,
    report: &Report,
    a: &Assessment,
    id: &str,
    l: &Labels,
) -> io::Result<()> {
    let al = l.assessment;
    writeln!(out, "<h3>{}</h3>", escape(al.dimensions))?;
    if a.kind == Kind::Offer {
        writeln!(
            out,
            "<p class=\"meta\">{}</p>",
            escape(al.offer_dimensions_note)
        )?;
    }
    writeln!(
        out,
        "<table class=\"dimensions\">\n<thead><tr><th></th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>",
        escape(al.dimension),
        escape(al.result),
        escape(al.behind)
    )?;
    for d in &a.dimensions {
        let behind = if d.indicators.is_empty() {
            "–".to_string()
        } else {
            let items: Vec<String> = d
                .indicators
                .iter()
                .map(|i| {
                    format!(
                        "<li>{} <span class=\"meta\">({}, {})</span></li>",
                        finding_ref(report, &i.indicator, id),
                        escape(l.strength(i.strength)),
                        escape(al.phase(i.phase))
                    )
                })
                .collect();
            format!("<ul>{}</ul>", items.concat())
        };
        writeln!(
            out,
            "<tr{}><td>{}</td><td>{}</td><td class=\"result\">{}</td><td>{behind}</td></tr>",
            if d.positive {
                " class=\"positive\""
            } else {
                ""
            },
            escape(d.id.as_str()),
            escape(&d.name),
            escape(if d.positive {
                al.positive
            } else {
                al.not_positive
            })
        )?;
    }
    writeln!(out, "</tbody>\n</table>")
}

/// One element of the ILO test: present or absent, its indicators, and the evidence
/// sentences (one line per sentence, with every indicator it shows).
fn element(
    out: &mut dyn Write,
    report: &Report,
    name: &str,
    e: &Element,
    id: &str,
    l: &Labels,
) -> io::Result<()> {
    let al = l.assessment;
    writeln!(
        out,
        "<h4>{}: {}</h4>",
        escape(name),
        escape(if e.present { al.present } else { al.absent })
    )?;
    if !e.present {
        return Ok(());
    }
    writeln!(out, "<ul class=\"evidence\">")?;
    for (line, sentence, inds) in sentences_of(e) {
        let refs: Vec<String> = inds.iter().map(|i| finding_ref(report, i, id)).collect();
        writeln!(
            out,
            "<li><span class=\"loc\">{} {line}</span> «{}» <span class=\"meta\">{}</span></li>",
            escape(l.line),
            escape(sentence),
            refs.join("; ")
        )?;
    }
    writeln!(out, "</ul>")
}

/// The evidence of an element by sentence: (line, sentence, indicators). The same sentence
/// can show several indicators of one element; it is printed once. Shared with Markdown.
pub(super) fn sentences_of(e: &Element) -> Vec<(usize, &str, Vec<&str>)> {
    let mut sentences: Vec<(usize, &str, Vec<&str>)> = Vec::new();
    for ev in &e.evidence {
        match sentences
            .iter_mut()
            .find(|(line, s, _)| *line == ev.line && *s == ev.sentence)
        {
            Some((_, _, inds)) if !inds.contains(&ev.indicator.as_str()) => {
                inds.push(&ev.indicator)
            }
            Some(_) => {}
            None => sentences.push((ev.line, &ev.sentence, vec![&ev.indicator])),
        }
    }
    sentences
}

/// An indicator as its finding's numbered tag (a link to the finding) and title; the bare
/// id when the report has no such finding.
fn finding_ref(report: &Report, indicator: &str, id: &str) -> String {
    match report
        .findings
        .iter()
        .position(|f| f.indicator == indicator)
    {
        Some(i) => format!("{} {}", tag(i, id), escape(&report.findings[i].title)),
        None => format!("<code>{}</code>", escape(indicator)),
    }
}

/// An offer fact with the lines that state it.
fn fact(f: &FactReport, l: &Labels) -> String {
    if f.lines.is_empty() {
        escape(&f.label)
    } else {
        let lines: Vec<String> = f.lines.iter().map(|n| n.to_string()).collect();
        format!(
            "{} <span class=\"loc\">({} {})</span>",
            escape(&f.label),
            escape(l.assessment.line_or_lines(f.lines.len())),
            lines.join(", ")
        )
    }
}

/// "none" alone, or the count before the list ("2: a; b").
pub(super) fn counted(count: usize, list: &str) -> String {
    if count == 0 {
        list.to_string()
    } else {
        format!("{count}: {list}")
    }
}
