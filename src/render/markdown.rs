//! Markdown case notes (GitHub-flavoured): the same sections as the HTML report, as plain
//! text that pastes into a case file. Text from the input is escaped so that it can neither
//! format the note nor smuggle HTML into it.

use super::Document;
use super::highlight::pieces;
use super::labels::{Labels, labels};
use crate::catalog::Palermo;
use crate::report::Report;
use std::io::{self, Write};

/// Escapes Markdown syntax (and HTML, which GitHub Markdown passes through) in inline text.
/// Every ASCII punctuation character may be backslash-escaped in CommonMark; only the ones
/// that can start markup are, so the note stays readable as plain text.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '&' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Escapes one line of the text block, including what only means something at the start of
/// a line (list markers, numbered lists, setext underlines, indented code).
fn escape_line(line: &str) -> String {
    let trimmed = line.trim_start();
    let escaped = escape(trimmed);
    let starts_block = trimmed.starts_with(['-', '+', '='])
        || trimmed
            .split_once(['.', ')'])
            .is_some_and(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()));
    if starts_block {
        // "12. March" must not become a numbered list: escape its first punctuation mark.
        let at = escaped.find(['-', '+', '=', '.', ')']).unwrap_or(0);
        format!("{}\\{}", &escaped[..at], &escaped[at..])
    } else {
        escaped
    }
}

/// Writes one Markdown document: one report, or a title and one section per report.
pub fn write_markdown(out: &mut dyn Write, docs: &[Document<'_>]) -> io::Result<()> {
    let depth = if docs.len() > 1 {
        let l = labels(
            docs.first()
                .map_or("en", |d| d.report.language.explanations.as_str()),
        );
        writeln!(out, "# {}\n", escape(l.batch_title))?;
        for (i, d) in docs.iter().enumerate() {
            writeln!(
                out,
                "{}. {} ({})",
                i + 1,
                escape(&source_name(d.report, l)),
                l.level(d.report.risk.level)
            )?;
        }
        writeln!(out)?;
        2
    } else {
        1
    };
    for (i, doc) in docs.iter().enumerate() {
        if i > 0 {
            writeln!(out, "---\n")?;
        }
        write_report(out, doc, depth)?;
    }
    Ok(())
}

fn source_name(report: &Report, l: &Labels) -> String {
    if report.source == "-" {
        l.standard_input.to_string()
    } else {
        report.source.clone()
    }
}

fn heading(depth: usize) -> String {
    "#".repeat(depth)
}

/// One report: a sequence of section functions, so new sections slot in between.
fn write_report(out: &mut dyn Write, doc: &Document<'_>, depth: usize) -> io::Result<()> {
    let l = labels(&doc.report.language.explanations);
    writeln!(
        out,
        "{} {}: {}\n",
        heading(depth),
        l.report_title,
        escape(&source_name(doc.report, l))
    )?;
    section_summary(out, doc, depth + 1, l)?;
    section_text(out, doc, depth + 1, l)?;
    section_findings(out, doc, depth + 1, l)?;
    super::assessment_markdown::section_assessment(out, doc.report, depth + 1, l)?;
    section_disclaimer(out, l)
}

fn section_summary(
    out: &mut dyn Write,
    doc: &Document<'_>,
    depth: usize,
    l: &Labels,
) -> io::Result<()> {
    let r = doc.report;
    writeln!(out, "{} {}\n", heading(depth), l.summary)?;
    writeln!(
        out,
        "- **{}:** **{}** ({} {})",
        l.risk_level,
        l.level(r.risk.level).to_uppercase(),
        l.score,
        r.risk.score
    )?;
    writeln!(out, "- **{}:** {}", l.why, escape(&r.risk.reason))?;
    super::assessment_markdown::summary_outcome(out, r, l)?;
    let langs = if r.language.assessed.is_empty() {
        l.none_assessed.to_string()
    } else {
        r.language.assessed.join(", ")
    };
    writeln!(
        out,
        "- **{}:** {} ({} {:.0}%)",
        l.language,
        escape(&langs),
        l.coverage,
        r.language.coverage * 100.0
    )?;
    if let Some(note) = &r.language.note {
        writeln!(out, "- **{}:** {}", l.note, escape(note))?;
    }
    if !r.findings.is_empty() {
        let list = |v: &[String]| {
            if v.is_empty() {
                "–".to_string()
            } else {
                escape(&super::titles(r, v).join("; "))
            }
        };
        writeln!(
            out,
            "- **{}:** {}: {}; {}: {}; {}: {}",
            l.palermo,
            l.palermo(Palermo::Act),
            list(&r.palermo.act),
            l.palermo(Palermo::Means),
            list(&r.palermo.means),
            l.palermo(Palermo::Purpose),
            list(&r.palermo.purpose)
        )?;
    }
    if doc.redacted {
        writeln!(out, "- _{}_", escape(l.redacted))?;
    }
    writeln!(out)
}

/// Digits as superscripts, so a finding's number can follow highlighted words without markup.
fn superscript(n: usize) -> String {
    n.to_string()
        .chars()
        .map(|d| match d {
            '0' => '⁰',
            '1' => '¹',
            '2' => '²',
            '3' => '³',
            '4' => '⁴',
            '5' => '⁵',
            '6' => '⁶',
            '7' => '⁷',
            '8' => '⁸',
            _ => '⁹',
        })
        .collect()
}

/// The text as a quotation, evidence in bold followed by the numbers of its findings.
/// Overlapping evidence of several findings becomes one bold run with all their numbers
/// (bold cannot nest or overlap in Markdown).
fn section_text(
    out: &mut dyn Write,
    doc: &Document<'_>,
    depth: usize,
    l: &Labels,
) -> io::Result<()> {
    let r = doc.report;
    writeln!(out, "{} {}\n", heading(depth), l.text)?;
    // Merge covered pieces into runs: (range, findings), plain text as runs without findings.
    let mut runs: Vec<(std::ops::Range<usize>, Vec<usize>)> = Vec::new();
    for p in pieces(r, doc.text) {
        let covered = !p.covered_by.is_empty();
        match runs.last_mut() {
            Some((range, found)) if covered && !found.is_empty() && range.end == p.range.start => {
                range.end = p.range.end;
                for f in p.covered_by {
                    if !found.contains(&f) {
                        found.push(f);
                    }
                }
            }
            _ => runs.push((p.range.clone(), p.covered_by)),
        }
    }
    let mut rendered = String::new();
    for (range, found) in runs {
        // The private-use marker below must not come from the input.
        let text = doc.text[range].replace('\u{E000}', "\u{FFFD}");
        let text = text.as_str();
        if found.is_empty() {
            rendered.push_str(text);
            continue;
        }
        // Bold must hug the words: whitespace at the edges stays outside the markers.
        let inner = text.trim();
        let lead = &text[..text.len() - text.trim_start().len()];
        let trail = &text[text.trim_end().len()..];
        let mut numbers: Vec<usize> = found.iter().map(|f| f + 1).collect();
        numbers.sort_unstable();
        let numbers: Vec<String> = numbers.into_iter().map(superscript).collect();
        // Markers are private-use characters until the lines are escaped, then become `**`.
        rendered.push_str(&format!(
            "{lead}\u{E000}{inner}\u{E000}{}{trail}",
            numbers.join(",")
        ));
    }
    let lines: Vec<&str> = rendered.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        let escaped = escape_line(line).replace('\u{E000}', "**");
        let next_is_text = lines.get(i + 1).is_some_and(|n| !n.trim().is_empty());
        if escaped.trim().is_empty() {
            writeln!(out, ">")?;
        } else if next_is_text {
            // A trailing backslash is a hard line break: keep the text's own lines.
            writeln!(out, "> {escaped}\\")?;
        } else {
            writeln!(out, "> {escaped}")?;
        }
    }
    writeln!(out)
}

fn section_findings(
    out: &mut dyn Write,
    doc: &Document<'_>,
    depth: usize,
    l: &Labels,
) -> io::Result<()> {
    let r = doc.report;
    writeln!(out, "{} {}\n", heading(depth), l.findings)?;
    if r.findings.is_empty() {
        return writeln!(out, "{}\n", l.no_findings);
    }
    for (i, f) in r.findings.iter().enumerate() {
        writeln!(
            out,
            "{} {}. {} (`{}`)\n",
            heading(depth + 1),
            i + 1,
            escape(&f.title),
            f.indicator
        )?;
        writeln!(
            out,
            "{}: {} · {}: {} · {}: {}\n",
            l.strength,
            l.strength(f.strength),
            l.palermo,
            l.palermo(f.palermo),
            l.rules,
            f.rules
                .iter()
                .map(|r| format!("`{r}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )?;
        writeln!(out, "**{}:**\n", l.evidence)?;
        for e in &f.evidence {
            let (before, matched, after) = super::split_evidence(e);
            writeln!(
                out,
                "- {} {}, {} {}: «{}**{}**{}»",
                l.line,
                e.line,
                l.column,
                e.column,
                escape(before),
                escape(matched.trim()),
                escape(after)
            )?;
        }
        writeln!(out)?;
        writeln!(out, "**{}:** {}\n", l.what, escape(&f.explanation))?;
        writeln!(out, "**{}:** {}\n", l.why_it_matters, escape(&f.why))?;
        writeln!(out, "**{}:** {}\n", l.framework, escape(&f.framework))?;
        writeln!(out, "**{}:**\n", l.questions)?;
        for q in &f.questions {
            writeln!(out, "- {}", escape(q))?;
        }
        writeln!(out)?;
    }
    Ok(())
}

fn section_disclaimer(out: &mut dyn Write, l: &Labels) -> io::Result<()> {
    writeln!(out, "_{}_\n", escape(l.disclaimer))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_text_is_escaped() {
        assert_eq!(
            escape("<b>*x*</b> [a](b) `c` #1 |"),
            "\\<b\\>\\*x\\*\\</b\\> \\[a\\](b) \\`c\\` \\#1 \\|"
        );
        assert_eq!(escape_line("- item"), "\\- item");
        assert_eq!(escape_line("12. March"), "12\\. March");
        assert_eq!(escape_line("   indented"), "indented");
        assert_eq!(escape_line("plain - text"), "plain - text");
    }

    #[test]
    fn superscripts() {
        assert_eq!(superscript(16), "¹⁶");
    }
}
