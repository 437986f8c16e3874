//! Plain serde structs for rule files and language cue files, exactly as written in YAML,
//! and the typed error that points a rule author at the file, line, rule and field.
//! Validation and compilation happen in `ruleset`; nothing here can match text.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;

/// A rule file: `rules/<lang>/<theme>.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleFile {
    /// Named term lists used by this file's rules as `@name`.
    #[serde(default)]
    pub lists: BTreeMap<String, Vec<String>>,
    pub rules: Vec<RawRule>,
}

/// One rule as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRule {
    pub id: String,
    pub indicator: String,
    pub description: String,
    #[serde(rename = "match")]
    pub condition: RawMatch,
    #[serde(default)]
    pub unless: Vec<String>,
    /// Terms that, in one of the sentences after the match, say that what it found was put
    /// right ("gave it back the next morning", "всё отдали полностью"): the rule then does
    /// not fire.
    #[serde(default)]
    pub resolved_later: Vec<String>,
    #[serde(default)]
    pub conditional: bool,
    #[serde(default)]
    pub status: Status,
    /// Optional: the phase the rule's words always describe (recruitment or destination).
    #[serde(default)]
    pub phase: Option<crate::assessment_rules::Phase>,
    pub examples: RawExamples,
}

/// Whether a rule runs by default.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    #[default]
    Stable,
    /// Off unless the user asks for experimental rules.
    Experimental,
}

/// The match condition: exactly one of `any`, `all` (with optional `within`) or `regex`,
/// and optionally `next_sentence`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMatch {
    pub any: Option<Vec<String>>,
    pub all: Option<Vec<Vec<String>>>,
    pub within: Option<usize>,
    pub regex: Option<String>,
    /// Terms one of which must open the sentence after the one the condition matches: for
    /// what people tell in two sentences ("They said a hotel. In reality it was a farm.").
    pub next_sentence: Option<Vec<String>>,
    /// How many sentences after the match may open with a `next_sentence` term (1 to 5; 1,
    /// the very next one, when not given): "They promised a hotel. I went. My aunt met me.
    /// It turned out to be a bar."
    pub within_sentences: Option<usize>,
    /// A figure paid that falls well short of a figure promised, in the same sentence or a
    /// few sentences apart ("They promised 800 a month. I get 300.").
    pub shortfall: Option<RawShortfall>,
    /// A working day from one clock time to another that lasts too long ("from 6 am to 10
    /// pm"), in one sentence.
    pub shift: Option<RawShift>,
    /// Something promised that a later sentence denies by name ("They said a job in a
    /// hotel. ... It is not a hotel, it is a bar.").
    pub contradicted: Option<RawContradicted>,
    /// A job of one kind promised, and a later sentence telling of work of another kind
    /// ("They said she would be a nanny. ... Now she cleans three flats.").
    pub switched: Option<RawSwitched>,
}

/// `match: switched:` - a promise naming a kind of work, and a later sentence that tells of
/// work of other kinds only.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSwitched {
    /// Terms that make a promise: "promised", "said", "обещали".
    pub promise: Vec<String>,
    /// Terms that tell what came instead, one of which the later sentence must hold: "now",
    /// "instead", "they put us", "а сейчас", "поставили".
    pub reality: Vec<String>,
    /// The kinds of work, each a list of the words for it ("nanny", "babysit*", "look after
    /// the children"); at least two.
    pub roles: Vec<Vec<String>>,
    /// How many sentences after the promise the later one may stand (1 to 5); 4 when not given.
    pub sentences: Option<usize>,
}

/// `match: contradicted:` - a promise, and a later denial of a word the promise named.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawContradicted {
    /// Terms that make a promise; the words after a match (up to six, the language's
    /// common words passed over) are what was promised: "said a job as|in", "обещали".
    pub promise: Vec<String>,
    /// Terms that deny; the first word after a match that is not a common word is compared
    /// with the promised ones: "not", "no", "не", "никакой".
    pub denial: Vec<String>,
    /// Terms that deny what stands just before them; the last word of the three before a
    /// match that is not a common word is compared: "was never issued", "never came",
    /// "так и не сделали". Optional.
    #[serde(default)]
    pub denial_after: Vec<String>,
    /// How many sentences after the promise the denial may stand (1 to 5); 4 when not given.
    pub sentences: Option<usize>,
}

/// `match: shift:` - two term lists whose terms each hold a time of day (`#`, or a word
/// of `clock_words.midnight`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawShift {
    /// Where the working day starts: "from #", "start at #", "с #".
    pub start: Vec<String>,
    /// Where it ends: "to #", "until #", "до #".
    pub end: Vec<String>,
    /// The fewest hours that make the day excessive; 12 when not given.
    pub hours: Option<u32>,
}

/// `clock_words` in a language file: the words that name a part of the day after a time
/// ("6 am", "8 at night", "7 утра"), for `shift` conditions. Single words.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawClockWords {
    /// The hour as written ("am", "morning", "утра").
    #[serde(default)]
    pub morning: Vec<String>,
    /// Twelve hours later ("pm", "evening", "вечера").
    #[serde(default)]
    pub evening: Vec<String>,
    /// In the evening from 6 to 12, after midnight from 1 to 5 ("night", "ночи").
    #[serde(default)]
    pub night: Vec<String>,
    /// Words that are a time by themselves ("midnight", "полуночи").
    #[serde(default)]
    pub midnight: Vec<String>,
    /// Words that are twelve o'clock in the day by themselves ("midday", "noon", "полудня").
    #[serde(default)]
    pub noon: Vec<String>,
    /// Words passed over between a time and its part of the day ("in", "the", "o'clock").
    #[serde(default)]
    pub filler: Vec<String>,
    /// Words a time may end with ("and", "every", "без"): a number followed by a word in
    /// none of these lists counts something else ("from 8 to 20 people") and is no time.
    #[serde(default)]
    pub ends: Vec<String>,
    /// The hours one to twelve written as words, in order, each in the forms it takes
    /// ("eight", "восемь|восьми"): "from six in the morning".
    #[serde(default)]
    pub hours: Vec<String>,
}

/// `match: shortfall:` - two term lists whose terms each hold a number (`#`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawShortfall {
    /// What is actually paid (or given, or earned): "paid me #", "платят #".
    pub actual: Vec<String>,
    /// What was promised (or advertised, or agreed): "promised #", "обещали #".
    pub expected: Vec<String>,
    /// How many sentences apart the two may stand (0: the same sentence); 3 when not given.
    pub sentences: Option<usize>,
}

/// `figure_words` in a language file: the words that multiply a number or name the period
/// it is counted in, for `shortfall` conditions. Single words; a trailing `*` makes a stem.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFigureWords {
    /// Currencies written after a number ("800 riyal", "300 долларов").
    #[serde(default)]
    pub currency: Vec<String>,
    /// Words passed over after a figure ("800 a month", "25 zl net per hour"): the word
    /// after them decides.
    #[serde(default)]
    pub filler: Vec<String>,
    /// Words that end what a number says ("300 and nothing more", "the 1500 they
    /// promised"): a number followed by one is a sum. A number followed by any word that is
    /// in none of these lists counts something else ("2 days off", "3 children") and is not
    /// compared.
    #[serde(default)]
    pub sum_ends: Vec<String>,
    #[serde(default)]
    pub thousand: Vec<String>,
    #[serde(default)]
    pub million: Vec<String>,
    #[serde(default)]
    pub hour: Vec<String>,
    #[serde(default)]
    pub day: Vec<String>,
    #[serde(default)]
    pub week: Vec<String>,
    #[serde(default)]
    pub month: Vec<String>,
    #[serde(default)]
    pub year: Vec<String>,
}

/// Sentences that must and must not fire the rule.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawExamples {
    #[serde(rename = "match")]
    pub matching: Vec<String>,
    #[serde(default)]
    pub no_match: Vec<String>,
}

/// `rules/<lang>/language.yaml`: what the engine needs to know about one language.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LanguageFile {
    /// The script the language is written in: `latin` or `cyrillic`.
    pub script: String,
    /// Frequent words of the language, used to tell it from other languages in the same script.
    pub common_words: Vec<String>,
    /// Optional: every letter of the language's alphabet, in lower case. A text in the
    /// language's script that uses no other letter is taken as the language even when it
    /// holds few of the common words (a short or terse message): no other language of the
    /// script writes with exactly these letters.
    #[serde(default)]
    pub letters: Option<String>,
    /// The language as people also type it in another script (Russian in Latin letters on a
    /// phone without a Cyrillic keyboard), with that script's frequent words.
    #[serde(default)]
    pub also_written_in: Option<AlternateScript>,
    /// Named term lists every rule file of the language can use as `@name`.
    #[serde(default)]
    pub lists: BTreeMap<String, Vec<String>>,
    pub negation: Vec<String>,
    #[serde(default)]
    pub hypothetical: Vec<String>,
    #[serde(default)]
    pub advisory: Vec<String>,
    #[serde(default)]
    pub clause_breaks: Vec<String>,
    /// Single words that go on with a list after a comma ("recruitment, placement or visa
    /// fees"): such a comma joins items and does not end the clause.
    #[serde(default)]
    pub list_joiners: Vec<String>,
    /// Single words that open an answer saying yes ("yes", "да"): a question followed by
    /// such an answer is read as what the answer says (see [`crate::exchange`]).
    #[serde(default)]
    pub answer_yes: Vec<String>,
    /// Single words that open an answer that denies ("no", "nobody", "нет").
    #[serde(default)]
    pub answer_no: Vec<String>,
    /// Single words that open a question taking its subject as given ("who", "где"): after
    /// an answer that opens with none of `answer_no`, the question is read as told.
    #[serde(default)]
    pub question_words: Vec<String>,
    /// Negations that follow what they negate ("паспорт отдать не требуется").
    #[serde(default)]
    pub negation_after: Vec<String>,
    /// Legal or advisory statements that follow what they speak about ("... is illegal").
    #[serde(default)]
    pub advisory_after: Vec<String>,
    /// Phrases in which a negation word negates nothing that follows: a refusal told ("I
    /// said no, he hit me" without the comma), "no doubt", "no matter".
    #[serde(default)]
    pub not_negation: Vec<String>,
    /// Single words of `negation` that negate only the word after them (the Russian "не"):
    /// they govern terms that start at most one word after them.
    #[serde(default)]
    pub negation_particles: Vec<String>,
    #[serde(default)]
    pub abbreviations: Vec<String>,
    /// Words that multiply a number or name its period, for `shortfall` conditions.
    #[serde(default)]
    pub figure_words: RawFigureWords,
    /// Words that name a part of the day after a time, for `shift` conditions.
    #[serde(default)]
    pub clock_words: RawClockWords,
    /// Groups of interchangeable spellings of a word's beginning, as people type them
    /// (`[passport, pasport]`): every term of the language also matches them
    /// ([`crate::spelling`]).
    #[serde(default)]
    pub spelling_variants: Vec<Vec<String>>,
}

/// A second script a language is written in, and its frequent words in that script.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AlternateScript {
    pub script: String,
    pub common_words: Vec<String>,
}

/// One problem in a rule pack, located as precisely as the YAML allows.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RuleError {
    pub file: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub rule: Option<String>,
    pub field: Option<String>,
    pub message: String,
}

impl RuleError {
    pub fn in_file(file: &str, message: impl Into<String>) -> Self {
        RuleError {
            file: file.to_string(),
            line: None,
            column: None,
            rule: None,
            field: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for RuleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        write!(f, ":")?;
        if let Some(rule) = &self.rule {
            write!(f, " rule `{rule}`")?;
        }
        if let Some(field) = &self.field {
            write!(
                f,
                "{} field `{field}`",
                if self.rule.is_some() { "," } else { "" }
            )?;
        }
        if self.rule.is_some() || self.field.is_some() {
            write!(f, ":")?;
        }
        write!(f, " {}", self.message)
    }
}

/// Every problem found while loading rules; loading reports them all, not just the first.
#[derive(Debug, Clone)]
pub struct LoadErrors(pub Vec<RuleError>);

impl fmt::Display for LoadErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0.len();
        writeln!(
            f,
            "{n} problem{} in the rules:",
            if n == 1 { "" } else { "s" }
        )?;
        for e in &self.0 {
            writeln!(f, "  {e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadErrors {}

/// The line (1-based) where each `id: <id>` is written (first occurrence of each id), so
/// validation errors and rule listings can point at the rule: a line whose text, after
/// blanks and list dashes ("- "), starts with `id:`. Every rule of a language is given its
/// line when the language is compiled, so this searches for "id:" and counts newlines with
/// memchr rather than going through the file a line at a time (which was a twentieth of
/// start-up's instructions).
pub fn rule_lines(source: &str) -> std::collections::HashMap<String, usize> {
    let bytes = source.as_bytes();
    let mut lines = std::collections::HashMap::new();
    // The line number of the byte `counted_to`.
    let (mut line, mut counted_to) = (1, 0);
    for at in memchr::memmem::find_iter(bytes, b"id:") {
        let start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |newline| newline + 1);
        let before = source[start..at].trim_start().trim_start_matches("- ");
        if !before.trim_start().is_empty() {
            continue;
        }
        line += memchr::memchr_iter(b'\n', &bytes[counted_to..start]).count();
        counted_to = start;
        let end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |n| at + n);
        let id = source[at + 3..end]
            .trim()
            .trim_matches(|c| c == '"' || c == '\'');
        lines.entry(id.to_string()).or_insert(line);
    }
    lines
}

/// Line of `field:` at or after the rule's own line, before the next rule starts.
pub fn locate_field(source: &str, rule_line: usize, field: &str) -> Option<usize> {
    let key = format!("{field}:");
    for (i, line) in source.lines().enumerate().skip(rule_line.saturating_sub(1)) {
        let t = line.trim_start().trim_start_matches("- ").trim_start();
        if i + 1 > rule_line && t.starts_with("id:") && line.trim_start().starts_with("- ") {
            break;
        }
        if t.starts_with(&key) {
            return Some(i + 1);
        }
    }
    None
}

/// Reads a document from its JSON form when there is one that parses (built-in files, see
/// build.rs), else from its YAML, whose errors are the ones reported.
pub fn from_json_or_yaml<T: serde::de::DeserializeOwned>(
    yaml: &str,
    json: Option<&str>,
) -> Result<T, serde_yaml::Error> {
    if let Some(parsed) = json.and_then(|json| serde_json::from_str(json).ok()) {
        return Ok(parsed);
    }
    serde_yaml::from_str(yaml)
}

/// Rejects inputs that would make the YAML parser slow before parsing them: huge files and
/// deeply nested flow collections (the serde_yaml family is quadratic on those).
pub fn precheck_yaml(source: &str) -> Result<(), String> {
    const MAX_BYTES: usize = 2 * 1024 * 1024;
    const MAX_DEPTH: usize = 64;
    if source.len() > MAX_BYTES {
        return Err(format!(
            "the file is {} bytes; rule files are limited to {MAX_BYTES} bytes",
            source.len()
        ));
    }
    let mut depth = 0usize;
    for c in source.chars() {
        match c {
            '[' | '{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return Err(format!("brackets are nested more than {MAX_DEPTH} deep"));
                }
            }
            ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Only a line that starts with `id:` (after blanks and list dashes) names a rule;
    /// "valid:", "-id:" and a second "id:" later on a line do not; quotes and CRLF endings
    /// are taken off, and a repeated id keeps its first line.
    #[test]
    fn rule_lines_finds_each_rule_where_its_id_is_written() {
        let source = "rules:\n  - id: en-a\n    valid: no\n  -id: dash-only\n\
                      - - id: 'en-b'\r\n    note: see id: en-c\n\n  - id: \"en-a\"\n  \
                      - id: en-d";
        let lines = rule_lines(source);
        let mut found: Vec<(&str, usize)> = lines.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        found.sort();
        assert_eq!(found, [("en-a", 2), ("en-b", 5), ("en-d", 9)]);
        assert!(rule_lines("").is_empty());
        assert_eq!(rule_lines("id: first-line")["first-line"], 1);
    }
}
