//! The default, human-readable report: risk summary, a table of indicators with their
//! evidence, then what each finding means and what to ask next.

use super::terminal_safe;
use crate::catalog::Strength;
use crate::policy::RiskLevel;
use crate::report::{Evidence, Report};
use anstyle::{AnsiColor, Style};
use comfy_table::{Cell, ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};
use std::io::{self, Write};

/// Evidence sentences longer than this (in characters) are shortened around the match.
const MAX_SENTENCE_CHARS: usize = 220;

/// Writes one report. `color` is decided by the caller (terminal, NO_COLOR, ...);
/// `width` fixes the table width; None lets the table fit the terminal.
pub fn write_table(
    out: &mut dyn Write,
    report: &Report,
    color: bool,
    width: Option<u16>,
) -> io::Result<()> {
    let paint = |style: Style, text: &str| -> String {
        if color {
            format!("{style}{text}{style:#}")
        } else {
            text.to_string()
        }
    };
    let bold = Style::new().bold();
    let lang = &report.language;

    let source = if report.source == "-" {
        "standard input"
    } else {
        &report.source
    };
    writeln!(
        out,
        "{}",
        paint(bold, &format!("== {} ==", terminal_safe(source)))
    )?;
    let level_style = match report.risk.level {
        RiskLevel::High => AnsiColor::Red.on_default().bold(),
        RiskLevel::Medium => AnsiColor::Yellow.on_default().bold(),
        RiskLevel::Low => AnsiColor::Cyan.on_default().bold(),
        RiskLevel::None => AnsiColor::Green.on_default().bold(),
        RiskLevel::NotAssessed => AnsiColor::Magenta.on_default().bold(),
    };
    let level = report.risk.level.as_str().to_uppercase();
    writeln!(
        out,
        "Risk level: {}   score {}",
        paint(level_style, &level),
        report.risk.score
    )?;
    writeln!(out, "Why:        {}", report.risk.reason)?;
    for warning in &report.warnings {
        writeln!(
            out,
            "{} {}",
            paint(AnsiColor::Yellow.on_default().bold(), "Warning:   "),
            terminal_safe(warning)
        )?;
    }
    let langs = if lang.assessed.is_empty() {
        "none".to_string()
    } else {
        lang.assessed.join(", ")
    };
    writeln!(
        out,
        "Language:   {langs} (coverage {:.0}%)",
        lang.coverage * 100.0
    )?;
    if let Some(note) = &lang.note {
        writeln!(out, "Note:       {note}")?;
    }
    if !report.findings.is_empty() {
        let list = |v: &[String]| {
            if v.is_empty() {
                "-".to_string()
            } else {
                v.join(", ")
            }
        };
        writeln!(
            out,
            "Palermo:    act: {} | means: {} | purpose: {}",
            list(&report.palermo.act),
            list(&report.palermo.means),
            list(&report.palermo.purpose)
        )?;
        writeln!(out)?;

        let mut table = Table::new();
        table
            .load_preset(UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic);
        if let Some(w) = width {
            table.set_width(w.max(60));
        }
        table.set_header(vec!["Indicator", "Strength", "Evidence (line:column)"]);
        for f in &report.findings {
            let evidence: Vec<String> = f.evidence.iter().map(evidence_line).collect();
            table.add_row(vec![
                Cell::new(format!("{}\n{}", f.title, f.indicator)),
                Cell::new(strength_label(f.strength)),
                Cell::new(evidence.join("\n")),
            ]);
        }
        writeln!(out, "{table}")?;
        writeln!(out)?;
        writeln!(
            out,
            "{}",
            paint(bold, "What the findings mean and what to ask next")
        )?;
        for f in &report.findings {
            writeln!(out, "* {} ({})", paint(bold, &f.title), f.indicator)?;
            writeln!(out, "  {} {}", f.explanation, f.why)?;
            writeln!(out, "  Source: {}", f.framework)?;
            for q in &f.questions {
                writeln!(out, "  ? {q}")?;
            }
        }
    }
    if let Some(assessment) = &report.assessment {
        writeln!(out)?;
        super::assessment_table::write_assessment(out, assessment, &|s| paint(bold, s))?;
    }
    writeln!(out)?;
    writeln!(out, "{}", paint(Style::new().italic(), report.disclaimer))?;
    Ok(())
}

fn strength_label(s: Strength) -> &'static str {
    s.as_str()
}

/// `3:12 "... the foreman »took our passports« on ..."`
fn evidence_line(e: &Evidence) -> String {
    let rel_start = e.start - e.sentence_start;
    let rel_end = e.end - e.sentence_start;
    let (before, matched, after) = (
        &e.sentence[..rel_start],
        &e.sentence[rel_start..rel_end],
        &e.sentence[rel_end..],
    );
    let room = MAX_SENTENCE_CHARS.saturating_sub(matched.chars().count()) / 2;
    let before = tail_chars(before, room);
    let after = head_chars(after, room);
    format!(
        "{}:{} \"{}»{}«{}\"",
        e.line,
        e.column,
        terminal_safe(&before),
        terminal_safe(matched),
        terminal_safe(&after)
    )
}

fn tail_chars(s: &str, n: usize) -> String {
    let count = s.chars().count();
    if count <= n {
        s.to_string()
    } else {
        format!("…{}", s.chars().skip(count - n).collect::<String>())
    }
}

fn head_chars(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(n).collect::<String>())
    }
}
