//! `redflag scan`: screen texts (files, directories, standard input, JSON Lines streams) on all
//! cores and print one report per text in input order, then an optional batch summary.

use crate::batch::source::{self, Item, Skip, SourceOptions};
use crate::batch::summary::Summary;
use crate::batch::{self, Sink};
use crate::cli::{ColorChoice, FailLevel, ScanArgs, Selection, exit, load_rules};
use crate::matcher::ScanOptions;
use crate::policy::RiskLevel;
use crate::progress::Progress;
use crate::redact::Redactor;
use crate::render::{
    Document, Format, csv, html, json, markdown, summary as summary_render, table,
};
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

/// How each report is turned into bytes; decided once, used on every worker thread.
struct Rendering {
    format: Format,
    color: bool,
    width: Option<u16>,
    /// `--summary` with table output: the summary replaces the per-text tables.
    summary_only: bool,
    /// `--redact`: personal data masked before screening, in the text and everything around it.
    redactor: Option<Redactor>,
}

/// Bytes set aside for one rendered report.
const RENDERED_CAPACITY: usize = 16 * 1024;

/// One finished input: its report or why it has none, rendered on the worker thread.
struct Done {
    source: String,
    bytes: u64,
    outcome: Result<Report, Skip>,
    rendered: Vec<u8>,
    /// The text, kept only for the formats that show it whole (HTML, Markdown).
    text: Option<String>,
}

impl Rendering {
    fn render(
        &self,
        outcome: &Result<Report, Skip>,
        item_id: Option<&serde_json::Value>,
        source: &str,
    ) -> io::Result<Vec<u8>> {
        // Room for a typical JSON report (several kB) at once, rather than growing into it
        // by doubling and copying.
        let mut out = Vec::with_capacity(RENDERED_CAPACITY);
        match (outcome, self.format) {
            (Ok(report), Format::Table) if !self.summary_only => {
                table::write_table(&mut out, report, self.color, self.width)?;
            }
            (Ok(report), Format::Jsonl) => json::write_jsonl(&mut out, report)?,
            (Ok(report), Format::Csv) => csv::write_report(&mut out, report)?,
            (Err(skip), Format::Jsonl) => {
                json::write_skipped_jsonl(&mut out, source, item_id, skip)?
            }
            (Err(skip), Format::Csv) => {
                csv::write_skipped(&mut out, source, item_id, skip.kind.as_str(), &skip.message)?;
            }
            // JSON is collected into one document; skips and tables-in-summary print nothing here.
            _ => {}
        }
        Ok(out)
    }
}

fn screen_item(
    rules: &RuleSet,
    options: &ReportOptions,
    rendering: &Rendering,
    item: Item,
) -> Done {
    let item = match &rendering.redactor {
        Some(redactor) => redact_item(redactor, item),
        None => item,
    };
    let bytes = item.input_bytes;
    let keep_text = matches!(rendering.format, Format::Html | Format::Markdown);
    let mut kept = None;
    let outcome = item.content.map(|text| {
        let mut report = screen(rules, &item.source, &text.text, options);
        report.id = item.id.clone();
        report.fields = item.fields;
        report.warnings = text.warnings;
        if keep_text {
            kept = Some(text.text);
        }
        report
    });
    // Rendering into memory cannot fail short of allocation failure; keep the error visible anyway.
    let rendered = rendering
        .render(&outcome, item.id.as_ref(), &item.source)
        .unwrap_or_else(|e| format!("redflag: cannot render {}: {e}\n", item.source).into_bytes());
    Done {
        source: item.source,
        bytes,
        outcome,
        rendered,
        text: kept,
    }
}

/// Masks personal data in everything an item carries into the output: the text (before it is
/// screened, keeping its byte length so offsets stay valid), the source path, a JSON Lines
/// record's id and pass-through fields, and the message of a skipped input.
fn redact_item(redactor: &Redactor, item: Item) -> Item {
    Item {
        source: redactor.mask(&item.source),
        id: item.id.map(|v| redactor.mask_json(v)),
        fields: item.fields.map(|fields| {
            fields
                .into_iter()
                .map(|(k, v)| (k, redactor.mask_json(v)))
                .collect()
        }),
        content: match item.content {
            Ok(mut text) => {
                text.text = redactor.mask(&text.text);
                Ok(text)
            }
            Err(mut skip) => {
                skip.message = redactor.mask(&skip.message);
                Err(skip)
            }
        },
        input_bytes: item.input_bytes,
    }
}

/// Writes finished inputs in order and keeps the counts for the summary and the exit code.
struct Output<'a> {
    out: io::BufWriter<io::StdoutLock<'a>>,
    format: Format,
    fail_on: Option<FailLevel>,
    progress: Progress,
    summary: Summary,
    collected: Vec<Report>,
    /// The texts of `collected`, for HTML and Markdown.
    texts: Vec<String>,
    printed: u64,
    reached: bool,
}

impl Sink<Done> for Output<'_> {
    fn emit(&mut self, done: Done) -> io::Result<bool> {
        self.progress.done += 1;
        self.progress.bytes += done.bytes;
        match &done.outcome {
            Err(skip) => {
                self.progress.skipped += 1;
                self.summary.add_skip(skip.kind);
                self.progress.message(&format!("redflag: {}", skip.message));
            }
            Ok(report) => {
                self.summary.add_report(report);
                for w in &report.warnings {
                    let source = crate::render::terminal_safe(&done.source);
                    self.progress
                        .message(&format!("redflag: warning: {source}: {w}"));
                }
                if !matches!(report.risk.level, RiskLevel::None | RiskLevel::NotAssessed) {
                    self.progress.flagged += 1;
                }
                if let Some(level) = self.fail_on {
                    self.reached |= reaches(report.risk.level, level);
                }
            }
        }
        if !done.rendered.is_empty() {
            if self.format == Format::Table && self.printed > 0 {
                writeln!(self.out)?;
            }
            self.out.write_all(&done.rendered)?;
            self.printed += 1;
        }
        if matches!(self.format, Format::Json | Format::Html | Format::Markdown) {
            if let Ok(report) = done.outcome {
                self.collected.push(report);
                self.texts.extend(done.text);
            }
        }
        self.progress.tick();
        Ok(true)
    }

    fn idle(&mut self) -> io::Result<()> {
        self.out.flush()
    }
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
    let jobs = match args.jobs {
        Some(0) => {
            anyhow::bail!("--jobs 0: give at least 1 thread (or leave it out for all cores)")
        }
        Some(n) => n,
        None => batch::default_jobs(),
    };
    let paths = if args.paths.is_empty() {
        vec!["-".to_string()]
    } else {
        args.paths.clone()
    };
    if paths.iter().filter(|p| *p == "-").count() > 1 {
        anyhow::bail!("standard input (-) can be given only once");
    }
    let source_options = SourceOptions {
        kind: args.input,
        max_bytes: args.max_bytes,
        globs: args.glob.clone(),
        hidden: args.hidden,
    };
    let (files, passed) = source::expand_paths(&paths, &source_options)?;
    if files.is_empty() {
        anyhow::bail!(
            "no files to screen in {} ({} hidden, {} not matching --glob, {} not regular files passed over)",
            paths.join(", "),
            passed.hidden,
            passed.not_matching_glob,
            passed.not_regular
        );
    }
    // Several inputs give a JSON array; so does a stream of records, however many it holds.
    let several = files.len() > 1 || args.input == source::InputKind::Jsonl;

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
    let rendering = Rendering {
        format: args.format,
        color,
        width,
        summary_only: args.summary && args.format == Format::Table,
        redactor: Redactor::from_options(args.redact, args.redact_names.as_deref())?,
    };
    let show_progress = !args.no_progress && io::stderr().is_terminal();
    let total_bytes = (show_progress && !files.iter().any(|f| f == "-")).then(|| {
        files
            .iter()
            .filter_map(|f| std::fs::metadata(f).ok())
            .map(|m| m.len())
            .sum()
    });

    let mut output = Output {
        out: io::BufWriter::with_capacity(256 * 1024, stdout.lock()),
        format: args.format,
        fail_on: args.fail_on,
        progress: Progress::new(show_progress, total_bytes),
        summary: Summary::new(passed),
        collected: Vec::new(),
        texts: Vec::new(),
        printed: 0,
        reached: false,
    };
    if args.format == Format::Csv {
        csv::write_header(&mut output.out)?;
    }
    batch::run(
        &files,
        &source_options,
        jobs,
        |item| screen_item(&rules, &options, &rendering, item),
        &mut output,
    )?;
    output.progress.clear();
    if output.summary.inputs == 0 {
        // Only a JSON Lines stream can hold no input at all (an empty text file is skipped as
        // empty). Not an error: an empty partition in a pipeline is normal.
        eprintln!("redflag: note: the JSON Lines input holds no records; nothing was screened");
    }

    let Output {
        mut out,
        summary,
        collected,
        texts,
        reached,
        ..
    } = output;
    if args.format == Format::Json && !(collected.is_empty() && summary.skipped_total() > 0) {
        json::write_json(&mut out, &collected, several)?;
    }
    if matches!(args.format, Format::Html | Format::Markdown) && !collected.is_empty() {
        let docs: Vec<Document<'_>> = collected
            .iter()
            .zip(&texts)
            .map(|(report, text)| Document {
                report,
                text,
                redacted: rendering.redactor.is_some(),
            })
            .collect();
        match args.format {
            Format::Html => html::write_html(&mut out, &docs)?,
            _ => markdown::write_markdown(&mut out, &docs)?,
        }
    }
    let order = rules.catalog.ids();
    if args.summary {
        if args.format == Format::Table {
            summary_render::write_summary(&mut out, &summary, &order, width)?;
        } else {
            out.flush()?;
            let width = if io::stderr().is_terminal() {
                None
            } else {
                Some(110)
            };
            summary_render::write_summary(&mut io::stderr().lock(), &summary, &order, width)?;
        }
    } else {
        note_what_was_not_screened(&summary);
    }
    out.flush()?;
    // The process ends here: freeing the compiled rules piece by piece (thousands of terms,
    // programs and tables) took about a tenth of the start-up time of a one-story run.
    std::mem::forget(rules);
    Ok(if summary.skipped_total() > 0 {
        exit::ERROR
    } else if reached {
        exit::THRESHOLD
    } else {
        exit::OK
    })
}

/// Without `--summary`, one line on standard error still accounts for everything not screened.
fn note_what_was_not_screened(summary: &Summary) {
    let mut parts: Vec<String> = summary
        .skipped
        .iter()
        .map(|(kind, n)| format!("{n} {}", kind.as_str()))
        .collect();
    if summary.passed_over.hidden > 0 {
        parts.push(format!(
            "{} hidden (use --hidden)",
            summary.passed_over.hidden
        ));
    }
    if summary.passed_over.not_regular > 0 {
        parts.push(format!(
            "{} not regular files",
            summary.passed_over.not_regular
        ));
    }
    let passed_over = summary.passed_over.hidden + summary.passed_over.not_regular;
    if !parts.is_empty() && (summary.inputs > 1 || passed_over > 0) {
        eprintln!(
            "redflag: {} of {} input(s) screened; not screened: {}",
            summary.screened,
            summary.inputs,
            parts.join(", ")
        );
    }
}

fn reaches(level: RiskLevel, threshold: FailLevel) -> bool {
    let t = match threshold {
        FailLevel::Low => RiskLevel::Low,
        FailLevel::Medium => RiskLevel::Medium,
        FailLevel::High => RiskLevel::High,
    };
    level != RiskLevel::NotAssessed && level >= t
}
