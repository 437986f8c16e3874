//! Command-line interface: the clap options of every command and the dispatch to
//! `commands::*`. Returns exit codes; prints errors.

use crate::batch::source::InputKind;
use crate::commands;
use crate::input::DEFAULT_MAX_BYTES;
use crate::render::Format;
use crate::ruleset::RuleSet;
use clap::{Parser, Subcommand, ValueEnum};
use std::io;
use std::path::PathBuf;

/// Exit codes (documented in the README).
pub mod exit {
    /// The command ran; no `--fail-on` / `--min-f1` threshold was reached.
    pub const OK: u8 = 0;
    /// `--fail-on LEVEL` was reached by a text, or `eval --min-f1` was not met.
    pub const THRESHOLD: u8 = 1;
    /// Usage, rule or input error.
    pub const ERROR: u8 = 2;
}

#[derive(Debug, Parser)]
#[command(
    name = "redflag",
    version,
    about = "Screen a migrant worker's account or a job offer for signs of trafficking and forced labour",
    long_about = "Screen a migrant worker's account or a job offer for signs of trafficking and forced labour.\n\n\
redflag matches the text against indicator rules (passport confiscation, unpaid wages, debt bondage, \
restriction of movement, threats, violence, ...), prints each red flag with the sentence that shows it and \
a plain explanation, and gives a risk level. It reads English and Russian and runs fully offline: nothing \
is sent anywhere.\n\n\
It is a screening aid, not a legal determination.",
    after_help = "Examples:\n  redflag scan account.txt\n  redflag scan --format json offer.txt\n  \
cat story.txt | redflag scan --fail-on high\n  redflag scan --summary --glob '*.txt' case-archive/\n  \
redflag scan --input jsonl --format jsonl < adverts.jsonl > reports.jsonl\n  redflag indicators\n  redflag explain retention-of-identity-documents\n  \
redflag rules check my-rules/\n  redflag eval fixtures/en/cases.yaml"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Screen one or more texts and report red flags with evidence and a risk level.
    Scan(ScanArgs),
    /// List the 16 indicators: strength, Palermo element, Delphi dimensions, rules per language.
    Indicators(IndicatorsArgs),
    /// Explain an indicator or a rule: what it means, why it matters, questions to ask, examples.
    Explain(ExplainArgs),
    /// List, check and test rule packs.
    #[command(subcommand)]
    Rules(RulesCommand),
    /// Measure detection on a labelled corpus: precision, recall, F1, risk-level agreement.
    Eval(EvalArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailLevel {
    Low,
    Medium,
    High,
}

/// Output of the toolkit commands (everything but `scan`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Json,
}

/// Output of `redflag indicators`: the list, or a workshop handout.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum IndicatorsFormat {
    /// A table of the indicators (default).
    Table,
    /// The indicators as JSON.
    Json,
    /// A workshop handout as GitHub-flavoured Markdown.
    Markdown,
    /// A workshop handout as one self-contained HTML page (printable).
    Html,
}

/// Which rules run: shared by `scan` and `eval`.
#[derive(Debug, Clone, clap::Args)]
pub struct Selection {
    /// A folder of your own rules, laid out like the built-in `rules/` (`DIR/en/*.yaml`, ...).
    /// They are added to the built-in rules; a rule with a built-in rule's id replaces it.
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,

    /// Run only these indicators or rules (comma-separated ids).
    #[arg(long, value_delimiter = ',', value_name = "ID,...")]
    pub only: Vec<String>,

    /// Do not run these indicators or rules (comma-separated ids).
    #[arg(long, value_delimiter = ',', value_name = "ID,...")]
    pub disable: Vec<String>,

    /// Also run rules marked `status: experimental`.
    #[arg(long)]
    pub experimental: bool,

    /// Language of the texts: `auto` detects it per text and per sentence; `en` or `ru` forces one.
    #[arg(long, default_value = "auto", value_name = "auto|en|ru")]
    pub lang: String,
}

#[derive(Debug, clap::Args)]
pub struct ScanArgs {
    /// Files or directories to screen (UTF-8 text). Directories are searched recursively;
    /// `-` or nothing reads standard input.
    #[arg(value_name = "PATH")]
    pub paths: Vec<String>,

    /// Output format.
    #[arg(long, short = 'f', value_enum, default_value_t = Format::Table)]
    pub format: Format,

    /// How inputs are read: `text` (each file is one text) or `jsonl` (each line is a JSON
    /// object with `text` and an optional `id`; other fields are copied into the report as
    /// `fields`).
    #[arg(long, value_enum, default_value_t = InputKind::Text, value_name = "text|jsonl")]
    pub input: InputKind,

    /// Inside directories, read only files matching this glob (repeatable; `!GLOB` excludes).
    /// A glob without `/` matches file names (`*.txt`), one with `/` the path below the
    /// directory (`2024/**/*.md`). Files named on the command line are always read.
    #[arg(long, value_name = "GLOB")]
    pub glob: Vec<String>,

    /// Also read hidden files and directories (names starting with `.`) inside directories.
    #[arg(long)]
    pub hidden: bool,

    /// Worker threads (default: all cores). The output is the same for any number.
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<usize>,

    /// After the batch, print counts per risk level and per indicator, what was skipped, and
    /// the highest-risk texts first. With `--format table` the summary replaces the per-text
    /// reports; with json, jsonl or csv it goes to standard error, so standard output stays
    /// machine-readable.
    #[arg(long)]
    pub summary: bool,

    /// Never draw the progress line (it is drawn only when standard error is a terminal).
    #[arg(long)]
    pub no_progress: bool,

    #[command(flatten)]
    pub selection: Selection,

    /// Language of explanations and follow-up questions: `auto` follows the text.
    #[arg(long, default_value = "auto", value_name = "auto|en|ru")]
    pub explain_lang: String,

    /// Exit with status 1 when any text reaches this risk level.
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub fail_on: Option<FailLevel>,

    /// Skip texts (files, or JSON Lines records) larger than this many bytes.
    #[arg(long, default_value_t = DEFAULT_MAX_BYTES, value_name = "BYTES")]
    pub max_bytes: u64,

    /// Colour in table output: auto uses colour on a terminal unless NO_COLOR is set.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    /// Mask personal data in every output: phone numbers, e-mail addresses, passport and ID
    /// numbers, dates of birth (see README.md for what is and is not caught).
    #[arg(long)]
    pub redact: bool,

    /// Also mask these names (UTF-8, one per line; case-insensitive whole words). Implies --redact.
    #[arg(long, value_name = "FILE")]
    pub redact_names: Option<PathBuf>,

    /// What the text is: a job offer (read as recruitment risk), a person's account, a report
    /// about other people (news, a court case, a study, a story: risk level at most low),
    /// advice to the reader (a leaflet or training handout on warning signs: level none), or
    /// auto (decided from the text's wording).
    #[arg(long, value_enum, default_value_t = crate::kind::KindChoice::Auto, value_name = "offer|account|report|advice|auto")]
    pub kind: crate::kind::KindChoice,

    /// Use the strict Delphi reading for a trafficking screen: (D1 or D2) and D4 and D5,
    /// instead of the broad (D1 or D2 or D3) and D4 and (D5 or D6).
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, clap::Args)]
pub struct IndicatorsArgs {
    /// `markdown` and `html` give a workshop handout: each indicator explained, with an
    /// example sentence, questions to ask and where to seek help.
    #[arg(long, short = 'f', value_enum, default_value_t = IndicatorsFormat::Table)]
    pub format: IndicatorsFormat,
    /// Language of titles (and of the handout): en or ru.
    #[arg(long, default_value = "en", value_name = "en|ru")]
    pub explain_lang: String,
    /// Count rules from this folder too.
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct ExplainArgs {
    /// An indicator id (see `redflag indicators`) or a rule id (see `redflag rules list`).
    pub id: String,
    /// Language of the explanation: en or ru.
    #[arg(long, default_value = "en", value_name = "en|ru")]
    pub explain_lang: String,
    #[arg(long, short = 'f', value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
    /// Include rules from this folder.
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
}

#[derive(Debug, Subcommand)]
pub enum RulesCommand {
    /// List rules with their indicator, language, status and description.
    List(RulesListArgs),
    /// Validate a rule pack without scanning anything; lists every problem. Exit 2 on errors.
    Check(RulesDirArgs),
    /// Run every rule's examples and report missed (should fire, did not) and noisy (fired, should not).
    Test(RulesDirArgs),
}

#[derive(Debug, clap::Args)]
pub struct RulesListArgs {
    /// Only rules for this indicator.
    #[arg(long, value_name = "ID")]
    pub indicator: Option<String>,
    /// Only rules of this language.
    #[arg(long, value_name = "LANG")]
    pub lang: Option<String>,
    #[arg(long, short = 'f', value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
    /// Include rules from this folder.
    #[arg(long, value_name = "DIR")]
    pub rules: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct RulesDirArgs {
    /// A folder of rules laid out like `rules/` (checked together with the built-in rules).
    /// Without it, the built-in rules are checked.
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
    #[arg(long, short = 'f', value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    /// Labelled corpora in the schema of dev.yaml (`cases` with `text` or `file`, `required`,
    /// `allowed`, `risk_ok`).
    #[arg(value_name = "CORPUS.yaml", required = true)]
    pub corpora: Vec<PathBuf>,
    #[command(flatten)]
    pub selection: Selection,
    /// Only the cases labelled with this language (`lang:` field).
    #[arg(long, value_name = "LANG")]
    pub cases_lang: Option<String>,
    /// Exit with status 1 when micro-F1 is below this, or any critical error occurs.
    #[arg(long, value_name = "F1")]
    pub min_f1: Option<f64>,
    #[arg(long, short = 'f', value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
}

/// Parses arguments and runs; returns the process exit code.
pub fn main_with_args<I, T>(args: I) -> u8
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() {
                exit::ERROR
            } else {
                exit::OK
            };
            let _ = e.print();
            return code;
        }
    };
    let result = match cli.command {
        Command::Scan(args) => commands::scan::run(args),
        Command::Indicators(args) => commands::info::indicators(args),
        Command::Explain(args) => commands::info::explain(args),
        Command::Rules(RulesCommand::List(args)) => commands::rules::list(args),
        Command::Rules(RulesCommand::Check(args)) => commands::rules::check(args),
        Command::Rules(RulesCommand::Test(args)) => commands::rules::test(args),
        Command::Eval(args) => commands::eval::run(args),
    };
    match result {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => exit::OK,
        Err(e) => {
            eprintln!("redflag: {e:#}");
            exit::ERROR
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// Loads rules, printing notices (overrides) to stderr.
pub fn load_rules(dir: Option<&std::path::Path>) -> anyhow::Result<RuleSet> {
    let rules = RuleSet::load(dir)?;
    for n in &rules.notices {
        eprintln!("redflag: note: {n}");
    }
    Ok(rules)
}

/// `en` or `ru` for explanations, or an error naming the choices.
pub fn explain_lang(value: &str) -> anyhow::Result<String> {
    match value {
        "en" | "ru" => Ok(value.to_string()),
        l => anyhow::bail!("--explain-lang {l}: explanations exist in en and ru"),
    }
}
