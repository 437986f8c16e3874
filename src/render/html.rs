//! HTML case reports: one self-contained page (inline CSS, no scripts, fonts or requests) for
//! one or several texts, with the text and its evidence highlighted, a summary box, each
//! finding's explanation and questions, and the disclaimer. Readable on a projector and
//! printable. Everything that comes from the input is escaped.

use super::Document;
use super::highlight::pieces;
use super::labels::{Labels, labels};
use crate::policy::RiskLevel;
use crate::report::{Evidence, Report};
use std::io::{self, Write};

/// How many highlight colours there are; findings beyond this reuse them (their numbers
/// still tell them apart).
const COLOURS: usize = 8;

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters have no business in a report; keep line breaks and tabs.
            '\n' | '\t' => out.push(c),
            '\r' => {}
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// The page's style sheet: large type and high-contrast colours for projectors, a print
/// style sheet that keeps the highlight colours and puts each report on its own page.
pub const STYLE: &str = r#"
:root { --ink: #111; --muted: #444; --rule: #bbb; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Noto Sans", Arial, sans-serif; font-size: 20px;
  line-height: 1.55; color: var(--ink); background: #fff; margin: 0 auto; max-width: 62rem;
  padding: 1.5rem 2rem 3rem; }
h1 { font-size: 1.9rem; margin: 0.5rem 0 1rem; }
h2 { font-size: 1.45rem; margin: 2rem 0 0.75rem; border-bottom: 2px solid var(--rule); }
h3 { font-size: 1.2rem; margin: 1.5rem 0 0.5rem; }
.source { font-family: "DejaVu Sans Mono", monospace; font-size: 0.9em; word-break: break-all; }
.summary { border: 3px solid var(--ink); border-radius: 8px; padding: 1rem 1.25rem; margin: 1rem 0; }
.summary dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.3rem 1rem; margin: 0; }
.summary dt { font-weight: bold; }
.summary dd { margin: 0; }
.level { display: inline-block; padding: 0.1rem 0.7rem; border-radius: 6px; color: #fff;
  font-weight: bold; text-transform: uppercase; letter-spacing: 0.03em; }
.level-high { background: #9b1c1c; } .level-medium { background: #7a4a00; }
.level-low { background: #0b5e75; } .level-none { background: #1e6b2f; }
.level-not-assessed { background: #5b2a86; }
.text { white-space: pre-wrap; overflow-wrap: anywhere; border-left: 6px solid var(--rule);
  padding: 0.5rem 1rem; background: #fafafa; }
mark { color: var(--ink); padding: 0 0.1em; border-radius: 3px; border-bottom: 2px solid #333; }
mark.multi { border-bottom: 4px double #000; }
.tag { display: inline-block; font-size: 0.7em; font-weight: bold; line-height: 1.2;
  vertical-align: super; padding: 0 0.3em; margin-left: 0.1em; border: 1px solid #333;
  border-radius: 4px; }
.c0 { background: #ffe066; } .c1 { background: #a5d8ff; } .c2 { background: #ffc9c9; }
.c3 { background: #b2f2bb; } .c4 { background: #e5dbff; } .c5 { background: #ffd8a8; }
.c6 { background: #96f2d7; } .c7 { background: #fcc2d7; }
.legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.4rem 1.2rem; }
.finding { margin-top: 1.5rem; }
.finding + .finding { border-top: 1px solid var(--rule); }
.finding h3 .tag { vertical-align: middle; font-size: 0.85em; }
.meta { color: var(--muted); }
.evidence li { margin-bottom: 0.4rem; }
.loc { color: var(--muted); font-size: 0.85em; white-space: nowrap; }
.framework { color: var(--muted); font-size: 0.9em; }
.disclaimer { margin-top: 2.5rem; padding: 0.75rem 1rem; border: 2px dashed var(--muted);
  font-style: italic; }
.redacted { font-weight: bold; }
nav.contents li { margin: 0.2rem 0; }
a { color: #0b4f9c; }
@media print {
  body { font-size: 11pt; max-width: none; padding: 0; }
  h2, h3, h4 { break-after: avoid; } li, .summary, .finding p { break-inside: avoid; }
  section.report + section.report { break-before: page; }
  nav.contents { break-after: page; }
  mark, .tag, .level, .c0, .c1, .c2, .c3, .c4, .c5, .c6, .c7 {
    -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  .text { background: none; }
  a { color: inherit; text-decoration: none; }
}
"#;

/// Writes one HTML page for all `docs`: a single report, or a contents list and one section
/// per report.
pub fn write_html(out: &mut dyn Write, docs: &[Document<'_>]) -> io::Result<()> {
    let page_lang = docs
        .first()
        .map_or("en", |d| d.report.language.explanations.as_str());
    let page_labels = labels(page_lang);
    let title = match docs {
        [one] => format!(
            "{}: {}",
            page_labels.report_title,
            source_name(one.report, page_labels)
        ),
        _ => page_labels.batch_title.to_string(),
    };
    writeln!(out, "<!DOCTYPE html>")?;
    writeln!(out, "<html lang=\"{}\">", escape(page_lang))?;
    writeln!(out, "<head>\n<meta charset=\"utf-8\">")?;
    writeln!(
        out,
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    )?;
    // No request may leave the page: forbid every fetch, allow only the inline style sheet.
    writeln!(
        out,
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
    )?;
    writeln!(out, "<title>{}</title>", escape(&title))?;
    writeln!(
        out,
        "<style>{STYLE}{}</style>\n</head>\n<body>",
        super::assessment_html::STYLE
    )?;
    if docs.len() > 1 {
        writeln!(out, "<h1>{}</h1>", escape(page_labels.batch_title))?;
        write_contents(out, docs, page_labels)?;
    }
    for (i, doc) in docs.iter().enumerate() {
        write_report(out, doc, &format!("r{}", i + 1), docs.len() > 1)?;
    }
    writeln!(out, "</body>\n</html>")
}

fn source_name(report: &Report, l: &Labels) -> String {
    if report.source == "-" {
        l.standard_input.to_string()
    } else {
        report.source.clone()
    }
}

fn write_contents(out: &mut dyn Write, docs: &[Document<'_>], l: &Labels) -> io::Result<()> {
    writeln!(
        out,
        "<nav class=\"contents\">\n<h2>{}</h2>\n<ol>",
        escape(l.contents)
    )?;
    for (i, doc) in docs.iter().enumerate() {
        let r = doc.report;
        writeln!(
            out,
            "<li><a href=\"#r{}\"><span class=\"source\">{}</span></a> {}</li>",
            i + 1,
            escape(&source_name(r, l)),
            level_badge(r.risk.level, l)
        )?;
    }
    writeln!(out, "</ol>\n</nav>")
}

/// One report as a `<section>`: a sequence of section functions, so new sections (such as
/// a structured assessment) slot in between.
fn write_report(out: &mut dyn Write, doc: &Document<'_>, id: &str, batch: bool) -> io::Result<()> {
    let l = labels(&doc.report.language.explanations);
    writeln!(
        out,
        "<section class=\"report\" id=\"{id}\" lang=\"{}\">",
        escape(l.lang)
    )?;
    let heading = if batch { "h2" } else { "h1" };
    writeln!(
        out,
        "<{heading}>{}: <span class=\"source\">{}</span></{heading}>",
        escape(l.report_title),
        escape(&source_name(doc.report, l))
    )?;
    section_summary(out, doc, id, l)?;
    section_text(out, doc, id, l)?;
    section_findings(out, doc, id, l)?;
    super::assessment_html::section_assessment(out, doc.report, id, l)?;
    section_disclaimer(out, l)?;
    writeln!(out, "</section>")
}

fn level_badge(level: RiskLevel, l: &Labels) -> String {
    format!(
        "<span class=\"level level-{}\">{}</span>",
        level.as_str(),
        escape(l.level(level))
    )
}

/// The summary box: risk level and why, language and coverage, Palermo elements.
fn section_summary(
    out: &mut dyn Write,
    doc: &Document<'_>,
    id: &str,
    l: &Labels,
) -> io::Result<()> {
    let r = doc.report;
    writeln!(
        out,
        "<div class=\"summary\">\n<h2 style=\"border:0;margin-top:0\">{}</h2>\n<dl>",
        escape(l.summary)
    )?;
    writeln!(
        out,
        "<dt>{}</dt><dd>{} <span class=\"meta\">({} {})</span></dd>",
        escape(l.risk_level),
        level_badge(r.risk.level, l),
        escape(l.score),
        r.risk.score
    )?;
    writeln!(
        out,
        "<dt>{}</dt><dd>{}</dd>",
        escape(l.why),
        escape(&r.risk.reason)
    )?;
    super::assessment_html::summary_outcome(out, r, id, l)?;
    let langs = if r.language.assessed.is_empty() {
        l.none_assessed.to_string()
    } else {
        r.language.assessed.join(", ")
    };
    writeln!(
        out,
        "<dt>{}</dt><dd>{} <span class=\"meta\">({} {:.0}%)</span></dd>",
        escape(l.language),
        escape(&langs),
        escape(l.coverage),
        r.language.coverage * 100.0
    )?;
    if let Some(note) = &r.language.note {
        writeln!(out, "<dt>{}</dt><dd>{}</dd>", escape(l.note), escape(note))?;
    }
    if !r.findings.is_empty() {
        let list = |v: &[String]| {
            if v.is_empty() {
                "–".to_string()
            } else {
                escape(&super::titles(r, v).join("; "))
            }
        };
        use crate::catalog::Palermo;
        writeln!(
            out,
            "<dt>{}</dt><dd>{}: {}<br>{}: {}<br>{}: {}</dd>",
            escape(l.palermo),
            escape(l.palermo(Palermo::Act)),
            list(&r.palermo.act),
            escape(l.palermo(Palermo::Means)),
            list(&r.palermo.means),
            escape(l.palermo(Palermo::Purpose)),
            list(&r.palermo.purpose)
        )?;
    }
    writeln!(out, "</dl>")?;
    if doc.redacted {
        writeln!(out, "<p class=\"redacted\">{}</p>", escape(l.redacted))?;
    }
    writeln!(out, "</div>")
}

pub(super) fn tag(finding: usize, id: &str) -> String {
    format!(
        "<a class=\"tag c{}\" href=\"#{id}-f{}\">{}</a>",
        finding % COLOURS,
        finding + 1,
        finding + 1
    )
}

/// The whole text, every evidence span highlighted in its finding's colour and followed by
/// the finding's number; pieces covered by several findings are marked as such.
fn section_text(out: &mut dyn Write, doc: &Document<'_>, id: &str, l: &Labels) -> io::Result<()> {
    let r = doc.report;
    writeln!(out, "<h2>{}</h2>", escape(l.text))?;
    if !r.findings.is_empty() {
        write!(
            out,
            "<p class=\"meta\">{}:</p>\n<ul class=\"legend\">",
            escape(l.legend)
        )?;
        for (i, f) in r.findings.iter().enumerate() {
            write!(out, "<li>{} {}</li>", tag(i, id), escape(&f.title))?;
        }
        writeln!(out, "</ul>")?;
    }
    write!(out, "<div class=\"text\">")?;
    for piece in pieces(r, doc.text) {
        let text = escape(&doc.text[piece.range.clone()]);
        if let Some(&first) = piece.covered_by.first() {
            let titles: Vec<&str> = piece
                .covered_by
                .iter()
                .map(|&i| r.findings[i].title.as_str())
                .collect();
            let multi = if piece.covered_by.len() > 1 {
                " multi"
            } else {
                ""
            };
            write!(
                out,
                "<mark class=\"c{}{multi}\" title=\"{}\">{text}</mark>",
                first % COLOURS,
                escape(&titles.join("; "))
            )?;
        } else {
            write!(out, "{text}")?;
        }
        for &f in &piece.ends {
            write!(out, "{}", tag(f, id))?;
        }
    }
    writeln!(out, "</div>")
}

/// Per finding: its evidence sentences, what it means, why it matters, the framework, and the
/// questions to ask.
fn section_findings(
    out: &mut dyn Write,
    doc: &Document<'_>,
    id: &str,
    l: &Labels,
) -> io::Result<()> {
    let r = doc.report;
    writeln!(out, "<h2>{}</h2>", escape(l.findings))?;
    if r.findings.is_empty() {
        return writeln!(out, "<p>{}</p>", escape(l.no_findings));
    }
    for (i, f) in r.findings.iter().enumerate() {
        writeln!(out, "<div class=\"finding\" id=\"{id}-f{}\">", i + 1)?;
        writeln!(
            out,
            "<h3><span class=\"tag c{}\">{}</span> {}</h3>",
            i % COLOURS,
            i + 1,
            escape(&f.title)
        )?;
        writeln!(
            out,
            "<p class=\"meta\"><code>{}</code> · {}: {} · {}: {}</p>",
            escape(&f.indicator),
            escape(l.strength),
            escape(l.strength(f.strength)),
            escape(l.palermo),
            escape(l.palermo(f.palermo))
        )?;
        writeln!(
            out,
            "<h4>{}</h4>\n<ul class=\"evidence\">",
            escape(l.evidence)
        )?;
        for e in &f.evidence {
            writeln!(
                out,
                "<li><span class=\"loc\">{} {}, {} {}</span> «{}»</li>",
                escape(l.line),
                e.line,
                escape(l.column),
                e.column,
                evidence_sentence(e, i)
            )?;
        }
        writeln!(out, "</ul>")?;
        writeln!(
            out,
            "<p><strong>{}:</strong> {}</p>",
            escape(l.what),
            escape(&f.explanation)
        )?;
        writeln!(
            out,
            "<p><strong>{}:</strong> {}</p>",
            escape(l.why_it_matters),
            escape(&f.why)
        )?;
        writeln!(
            out,
            "<p class=\"framework\"><strong>{}:</strong> {}</p>",
            escape(l.framework),
            escape(&f.framework)
        )?;
        writeln!(out, "<h4>{}</h4>\n<ul>", escape(l.questions))?;
        for q in &f.questions {
            writeln!(out, "<li>{}</li>", escape(q))?;
        }
        writeln!(out, "</ul>")?;
        writeln!(
            out,
            "<p class=\"meta\">{}: {}</p>\n</div>",
            escape(l.rules),
            escape(&f.rules.join(", "))
        )?;
    }
    Ok(())
}

/// The evidence sentence with the matched words highlighted.
fn evidence_sentence(e: &Evidence, finding: usize) -> String {
    let (before, matched, after) = super::split_evidence(e);
    format!(
        "{}<mark class=\"c{}\">{}</mark>{}",
        escape(before),
        finding % COLOURS,
        escape(matched),
        escape(after)
    )
}

fn section_disclaimer(out: &mut dyn Write, l: &Labels) -> io::Result<()> {
    writeln!(out, "<p class=\"disclaimer\">{}</p>", escape(l.disclaimer))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_covers_markup_quotes_and_controls() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"q\"\u{1b}[2J"),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;\u{FFFD}[2J"
        );
    }
}
