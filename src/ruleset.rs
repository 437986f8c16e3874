//! Loads the built-in rule pack and a user's rule folder, validates everything strictly and
//! compiles it into a `RuleSet` whose rules cannot be wrong: every indicator exists, every
//! term compiles, every id is unique (a user rule replaces the built-in rule with its id).
//! A language whose rules are all built-in is compiled when a text first needs it.

use crate::assessment_rules::{AssessmentRules, AssessmentSource};
use crate::catalog::Catalog;
use crate::policy::Policy;
use crate::prefilter::Prefilter;
use crate::rulefile::{
    LanguageFile, LoadErrors, RawMatch, RawRule, RuleError, RuleFile, Status, locate_field,
    precheck_yaml,
};
use crate::term::{RegexSlot, TermSet};
use crate::word_table::WordTable;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;
use std::sync::{Mutex, OnceLock, PoisonError};

mod builtin {
    include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));
}

/// Index of a compiled term list inside its language pack (shared by rules that use the same list).
pub type GroupId = usize;

/// When a rule fires, compiled.
#[derive(Debug, Clone)]
pub enum Condition {
    Any(GroupId),
    All {
        groups: Vec<GroupId>,
        within: Option<usize>,
    },
    /// A figure of the first list (what is paid) at most three quarters of a figure of the
    /// second (what was promised), at most `sentences` sentences apart
    /// ([`crate::figures::falls_short`]).
    Shortfall {
        groups: [GroupId; 2],
        sentences: usize,
    },
    /// A time of day of the first list (where work starts) and a later one of the second
    /// (where it ends), in one sentence, at least `hours` apart
    /// ([`crate::clock::shift_hours`]).
    Shift {
        groups: [GroupId; 2],
        hours: u32,
    },
    /// A match of the first list (a promise) and, in one of the `sentences` sentences after
    /// it, a match of the second (a denial) followed by a word the promise named
    /// ([`crate::promised::denied_word`]), or a match of the third, when there is one (a
    /// denial that follows what it denies), after such a word
    /// ([`crate::promised::denied_word_before`]).
    Contradicted {
        groups: Vec<GroupId>,
        sentences: usize,
    },
    /// A match of the first list (a promise) in a sentence that names one of the kinds of
    /// work (the lists from the third on) and, in one of the `sentences` sentences after it,
    /// a match of the second (what came instead) in a sentence that names kinds of work, none
    /// of them one the promise named.
    Switched {
        groups: Vec<GroupId>,
        sentences: usize,
    },
}

impl Condition {
    /// The term lists the condition needs (indexes into its pack's `groups`).
    pub fn groups(&self) -> &[GroupId] {
        match self {
            Condition::Any(group) => std::slice::from_ref(group),
            Condition::All { groups, .. } => groups,
            Condition::Shortfall { groups, .. } => groups,
            Condition::Shift { groups, .. } => groups,
            Condition::Contradicted { groups, .. } => groups,
            Condition::Switched { groups, .. } => groups,
        }
    }
}

/// A validated, compiled rule.
#[derive(Debug, Clone)]
pub struct Rule {
    pub id: String,
    pub indicator: String,
    pub description: String,
    pub lang: String,
    pub condition: Condition,
    /// A term list one of whose terms must open one of the [`Rule::within_sentences`]
    /// sentences after the matched one (`next_sentence` in the rule file); the hit then spans
    /// the sentences from the match to it.
    pub next_sentence: Option<GroupId>,
    /// How many sentences after the matched one the `next_sentence` term may open (1 when
    /// the file does not say: the very next one).
    pub within_sentences: usize,
    /// A term list that, found in one of the [`RESOLVED_SENTENCES`] sentences after a hit,
    /// says it was put right (`resolved_later` in the rule file): no hit then.
    pub resolved_later: Option<GroupId>,
    /// The condition as the author wrote it, for `explain` and `rules list`.
    pub condition_text: String,
    /// The exceptions as written.
    pub unless_text: Vec<String>,
    pub unless: Option<TermSet>,
    pub conditional: bool,
    pub status: Status,
    /// The phase the rule's words always describe, when they do (`phase:` in the rule file).
    pub phase: Option<crate::assessment_rules::Phase>,
    pub examples_match: Vec<String>,
    pub examples_no_match: Vec<String>,
    /// Where the rule was written: file and line.
    pub origin: String,
    pub builtin: bool,
}

/// Cue words of a language, compiled.
#[derive(Debug, Clone)]
pub struct Cues {
    pub negation: TermSet,
    pub hypothetical: Option<TermSet>,
    pub advisory: Option<TermSet>,
    pub clause_breaks: Option<TermSet>,
    pub negation_after: Option<TermSet>,
    pub advisory_after: Option<TermSet>,
    /// Phrases whose negation word is no negation ("said no", "no doubt"): a negation cue
    /// inside one of their matches is dropped.
    pub not_negation: Option<TermSet>,
    /// Folded single words that carry a list on after a comma (see
    /// [`crate::scope::SentenceScope`]).
    pub list_joiners: Vec<String>,
    /// Folded single negation words that negate only the word after them ("не").
    pub negation_particles: Vec<String>,
}

impl Cues {
    /// The cue lists in a fixed order (a missing one as None): the order in which they
    /// follow the groups and `unless` lists in the pack's prefilter, and in which
    /// [`crate::scope::SentenceScope`] asks for their matches.
    pub fn lists(&self) -> [Option<&TermSet>; 7] {
        [
            Some(&self.negation),
            self.hypothetical.as_ref(),
            self.advisory.as_ref(),
            self.negation_after.as_ref(),
            self.advisory_after.as_ref(),
            self.clause_breaks.as_ref(),
            self.not_negation.as_ref(),
        ]
    }
}

/// Everything needed to screen text in one language.
#[derive(Debug)]
pub struct LanguagePack {
    pub lang: String,
    pub script: Script,
    /// The language's frequent words (folded): the language detector counts them in every
    /// text, and the term cache avoids them as anchors.
    pub common_words: Arc<WordTable>,
    /// How the language's words are also spelled; every term of the language reads them.
    pub spellings: Arc<crate::spelling::Spellings>,
    /// Another script the language is typed in (transliteration) and its frequent words there.
    pub alternate: Option<(Script, WordTable)>,
    /// Every letter of the alphabet (folded, sorted), when the language file lists them:
    /// a text of the script that uses only these is taken as the language.
    pub letters: Option<Vec<char>>,
    pub abbreviations: HashSet<String>,
    /// Words that tell how an answer stands to its question (folded; see
    /// [`crate::exchange`]).
    pub answer_words: crate::exchange::AnswerWords,
    pub cues: Cues,
    /// The words that multiply a number or name its period (`shortfall` conditions).
    pub figure_words: crate::figures::FigureWords,
    /// The words that name a part of the day after a time (`shift` conditions).
    pub clock_words: crate::clock::ClockWords,
    /// Named term lists from language.yaml (`@name` in rules).
    pub lists: BTreeMap<String, Vec<String>>,
    /// The rules, compiled: at load time when any of them (or the language file) is a user's,
    /// so that their mistakes are reported at once; otherwise when a text first needs the
    /// language (see [`LanguagePack::compiled`]).
    compiled: OnceLock<PackRules>,
    /// Built-in rules waiting to be compiled.
    pending: Mutex<Option<PendingRules>>,
}

/// A language's rules, compiled, and the prefilter over their term lists.
#[derive(Debug)]
pub struct PackRules {
    /// The rules' terms translated so far, each once however many lists hold it.
    pub term_cache: Arc<crate::term_cache::TermCache>,
    pub groups: Vec<TermSet>,
    /// The anchors of the groups, then of the cue lists, in one automaton; built once all
    /// rules are compiled. The rules' `unless` lists are not in it: they are searched only
    /// in sentences where their rule matched, each with a prefilter of its own, and marking
    /// their anchors in every sentence cost more than that (a third of the owners the
    /// prefilter marked on the benchmark corpus).
    pub prefilter: Prefilter,
    pub rules: Vec<Rule>,
    /// Per cue list ([`Cues::lists`] order): its list number in the prefilter.
    pub cue_lists: [Option<usize>; 7],
}

/// Built-in rules of a language, checked for everything that involves other languages'
/// rules (ids), waiting for a text that needs them.
#[derive(Debug)]
struct PendingRules {
    rules: Vec<ChosenRule>,
    catalog: Catalog,
}

impl LanguagePack {
    /// What translating the language's terms depends on (its common words and spellings).
    pub fn term_language(&self) -> crate::term_cache::TermLanguage {
        crate::term_cache::TermLanguage::new(
            Arc::clone(&self.common_words),
            Arc::clone(&self.spellings),
        )
    }

    /// The language's rules, compiled on first call for built-in rules. Compiling the rules of
    /// one language is most of the tool's start-up, and a text usually needs one language.
    ///
    /// # Panics
    /// If a built-in rule does not compile, which the test suite rules out
    /// (`every_builtin_rule_compiles`).
    pub fn compiled(&self) -> &PackRules {
        self.compiled.get_or_init(|| {
            let (rules, errors) = self.compile_pending();
            assert!(
                errors.is_empty(),
                "the built-in {} rules do not compile: {errors:?}",
                self.lang
            );
            rules
        })
    }

    /// Compiles the rules now if they wait, keeping those that compile, and returns the
    /// errors of those that do not (none when they were compiled already): `rules check`
    /// reports a broken built-in rule, where [`LanguagePack::compiled`] stops at it.
    pub fn compile_reporting(&self) -> Vec<RuleError> {
        let mut errors = Vec::new();
        self.compiled.get_or_init(|| {
            let (rules, found) = self.compile_pending();
            errors = found.into_iter().map(|(_, e)| e).collect();
            rules
        });
        errors
    }

    /// Compiles the rules waiting in `pending` (taking them), with the errors found.
    fn compile_pending(&self) -> (PackRules, Vec<(usize, RuleError)>) {
        let pending = self
            .pending
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take()
            .expect("a pack's rules are either compiled or pending");
        compile_pack_rules(self, pending.rules, &pending.catalog)
    }

    /// True once the rules are compiled (see [`LanguagePack::compiled`]).
    pub fn is_compiled(&self) -> bool {
        self.compiled.get().is_some()
    }
}

/// Writing systems the language detector tells apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Script {
    Latin,
    Cyrillic,
}

impl Script {
    pub fn as_str(self) -> &'static str {
        match self {
            Script::Latin => "Latin",
            Script::Cyrillic => "Cyrillic",
        }
    }
}

/// The catalogue, the policy and the compiled packs.
#[derive(Debug)]
pub struct RuleSet {
    pub catalog: Catalog,
    pub policy: Policy,
    /// The structured assessment's data (rules/assessment.yaml, rules/<lang>/assessment.yaml).
    pub assessment: AssessmentRules,
    pub packs: BTreeMap<String, LanguagePack>,
    /// Things a rule author should know that are not errors (overrides of built-in rules).
    pub notices: Vec<String>,
    /// Every pack's abbreviations together, for the sentence splitter (built once, not per text).
    pub abbreviations: HashSet<String>,
    /// Every pack's words that tell how an answer stands to its question, for joining
    /// questions with their answers (which happens before any sentence has a language).
    pub answer_words: crate::exchange::AnswerWords,
    /// The language of every rule id, so that looking up one rule compiles no other
    /// language's rules.
    rule_languages: HashMap<String, String>,
}

/// One YAML file handed to the loader.
#[derive(Debug)]
struct Source {
    /// Path shown in messages.
    shown: String,
    /// Path relative to the rules folder, such as `en/documents.yaml`.
    rel: String,
    /// The YAML (a built-in file's is the embedded text, not copied).
    text: std::borrow::Cow<'static, str>,
    builtin: bool,
    /// The same data as JSON, for built-in rule and language files (see build.rs).
    json: Option<&'static str>,
    /// The line of each rule id, found on first need (one pass over the file, not one per
    /// rule).
    rule_lines: OnceLock<HashMap<String, usize>>,
}

impl Source {
    fn new(
        shown: String,
        rel: String,
        text: impl Into<std::borrow::Cow<'static, str>>,
        builtin: bool,
    ) -> Self {
        Source {
            shown,
            rel,
            text: text.into(),
            builtin,
            json: None,
            rule_lines: OnceLock::new(),
        }
    }

    /// The line where rule `id` is written.
    fn rule_line(&self, id: &str) -> Option<usize> {
        self.rule_lines
            .get_or_init(|| crate::rulefile::rule_lines(&self.text))
            .get(id)
            .copied()
    }
}

impl RuleSet {
    /// The built-in rules only.
    pub fn builtin() -> Result<Self, LoadErrors> {
        Self::load(None)
    }

    /// The built-in rules plus, when given, a user's rule folder laid out like `rules/`.
    pub fn load(user_dir: Option<&Path>) -> Result<Self, LoadErrors> {
        let mut sources: Vec<Source> = builtin::BUILTIN_FILES
            .iter()
            .map(|&(rel, text, json)| Source {
                json,
                ..Source::new(
                    format!("rules/{rel} (built-in)"),
                    rel.to_string(),
                    text,
                    true,
                )
            })
            .collect();
        let mut errors = Vec::new();
        if let Some(dir) = user_dir {
            read_user_dir(dir, &mut sources, &mut errors);
        }
        compile(sources, errors)
    }

    /// Every rule of every language, in load order.
    pub fn rules(&self) -> impl Iterator<Item = &Rule> {
        self.packs.values().flat_map(|p| p.compiled().rules.iter())
    }

    pub fn rule(&self, id: &str) -> Option<&Rule> {
        let pack = self.packs.get(self.rule_languages.get(id)?)?;
        pack.compiled().rules.iter().find(|r| r.id == id)
    }

    /// The term lists (or raw regexes) of a rule's `match` condition, and its `next_sentence`
    /// and `resolved_later` lists.
    pub fn match_lists<'a>(&'a self, rule: &'a Rule) -> impl Iterator<Item = &'a TermSet> {
        let pack = self.packs.get(&rule.lang);
        rule.condition
            .groups()
            .iter()
            .chain(&rule.next_sentence)
            .chain(&rule.resolved_later)
            .filter_map(move |&group| pack?.compiled().groups.get(group))
    }

    /// Compiles every regex now (built-in ones are otherwise compiled on first use) and
    /// returns the problems, each naming the rule or the language file's cue list.
    pub fn compile_all(&self) -> Vec<RuleError> {
        let mut errors = Vec::new();
        for pack in self.packs.values() {
            errors.extend(pack.compile_reporting());
            let cues = [
                ("negation", Some(&pack.cues.negation)),
                ("hypothetical", pack.cues.hypothetical.as_ref()),
                ("advisory", pack.cues.advisory.as_ref()),
                ("clause_breaks", pack.cues.clause_breaks.as_ref()),
                ("negation_after", pack.cues.negation_after.as_ref()),
                ("advisory_after", pack.cues.advisory_after.as_ref()),
                ("not_negation", pack.cues.not_negation.as_ref()),
            ];
            for (field, set) in cues {
                if let Some(Err(e)) = set.map(TermSet::validate) {
                    errors.push(RuleError {
                        field: Some(field.to_string()),
                        ..RuleError::in_file(&format!("{}/language.yaml", pack.lang), e.0)
                    });
                }
            }
            for rule in &pack.compiled().rules {
                let sets = self
                    .match_lists(rule)
                    .map(|set| ("match", set))
                    .chain(rule.unless.iter().map(|u| ("unless", u)));
                for (field, set) in sets {
                    if let Err(e) = set.validate() {
                        errors.push(RuleError {
                            rule: Some(rule.id.clone()),
                            field: Some(field.to_string()),
                            ..RuleError::in_file(&rule.origin, e.0)
                        });
                    }
                }
            }
        }
        errors
    }

    /// Language codes with a rule pack.
    pub fn languages(&self) -> Vec<&str> {
        self.packs.keys().map(|s| s.as_str()).collect()
    }
}

fn read_user_dir(dir: &Path, sources: &mut Vec<Source>, errors: &mut Vec<RuleError>) {
    let shown_dir = dir.display().to_string();
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            errors.push(RuleError::in_file(
                &shown_dir,
                format!("cannot read the rules folder: {e}"),
            ));
            return;
        }
    };
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        if path.is_dir() {
            let mut inner: Vec<_> = match std::fs::read_dir(&path) {
                Ok(e) => e.filter_map(|e| e.ok().map(|e| e.path())).collect(),
                Err(e) => {
                    errors.push(RuleError::in_file(
                        &path.display().to_string(),
                        format!("cannot read: {e}"),
                    ));
                    continue;
                }
            };
            inner.sort();
            for file in inner {
                let fname = file
                    .file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .to_string();
                if is_yaml(&fname) {
                    push_user_file(&file, format!("{name}/{fname}"), sources, errors);
                }
            }
        } else if is_yaml(&name) {
            push_user_file(&path, name, sources, errors);
        }
    }
}

fn is_yaml(name: &str) -> bool {
    name.ends_with(".yaml") || name.ends_with(".yml")
}

fn push_user_file(
    path: &Path,
    rel: String,
    sources: &mut Vec<Source>,
    errors: &mut Vec<RuleError>,
) {
    let shown = path.display().to_string();
    match std::fs::read(path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => sources.push(Source::new(shown, rel, text, false)),
            Err(_) => errors.push(RuleError::in_file(
                &shown,
                "the file is not valid UTF-8; save it as UTF-8",
            )),
        },
        Err(e) => errors.push(RuleError::in_file(&shown, format!("cannot read: {e}"))),
    }
}

/// Parses a YAML document, turning the parser's error into a located `RuleError`. A
/// built-in file is read from its JSON form when it has one; should that ever fail, the YAML
/// is read instead, so an error is reported as the YAML parser sees it.
fn parse_yaml<T: serde::de::DeserializeOwned>(src: &Source) -> Result<T, Box<RuleError>> {
    if let Some(parsed) = src.json.and_then(|json| serde_json::from_str(json).ok()) {
        return Ok(parsed);
    }
    precheck_yaml(&src.text).map_err(|m| Box::new(RuleError::in_file(&src.shown, m)))?;
    serde_yaml::from_str(&src.text).map_err(|e| {
        let loc = e.location();
        let mut err = RuleError::in_file(&src.shown, yaml_message(&e.to_string()));
        err.line = loc.as_ref().map(|l| l.line());
        err.column = loc.as_ref().map(|l| l.column());
        Box::new(err)
    })
}

/// The parser's message without its trailing "at line X column Y" (the location is shown anyway).
fn yaml_message(msg: &str) -> String {
    match msg.find(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

/// True for a file of rules (not a language's settings or assessment cues).
fn is_rule_file(rel: &str) -> bool {
    let parts: Vec<&str> = rel.split('/').collect();
    matches!(parts.as_slice(), [_, name] if !matches!(*name, "language.yaml" | "language.yml" | "assessment.yaml"))
}

/// Parses every rule file, on two threads: YAML parsing is most of the time it takes to load
/// the rules, and it runs before every screening, so it counts in each command's start-up.
/// Entry `i` belongs to `sources[i]` (None for other files).
#[allow(clippy::type_complexity)]
fn parse_rule_files(sources: &[Arc<Source>]) -> Vec<Option<Result<RuleFile, Box<RuleError>>>> {
    let parse = |src: &Arc<Source>| is_rule_file(&src.rel).then(|| parse_yaml::<RuleFile>(src));
    let half = sources.len() / 2;
    let (first, second) = sources.split_at(half);
    std::thread::scope(|scope| {
        // Sources alternate between the halves' sizes well enough: both hold several large
        // rule files of each language.
        let other = scope.spawn(|| second.iter().map(parse).collect::<Vec<_>>());
        let mut parsed: Vec<_> = first.iter().map(parse).collect();
        match other.join() {
            Ok(rest) => parsed.extend(rest),
            // The parser panicked: parse the second half here so the error surfaces as usual.
            Err(_) => parsed.extend(second.iter().map(parse)),
        }
        parsed
    })
}

/// A rule that survived id resolution, with what compiling it needs.
#[derive(Debug)]
struct ChosenRule {
    /// Its place among all rules, so that errors are reported in the order of the rules.
    order: usize,
    src: Arc<Source>,
    raw: RawRule,
    /// The named lists of its file.
    file_lists: Arc<BTreeMap<String, Vec<String>>>,
}

fn compile(sources: Vec<Source>, mut errors: Vec<RuleError>) -> Result<RuleSet, LoadErrors> {
    let sources: Vec<Arc<Source>> = sources.into_iter().map(Arc::new).collect();
    let mut catalog = None;
    let mut policy = None;
    let mut languages: BTreeMap<String, (LanguageFile, String, bool)> = BTreeMap::new();
    let mut rule_files: Vec<(Arc<Source>, String, RuleFile)> = Vec::new();
    let mut assessment_files: Vec<AssessmentSource<'_>> = Vec::new();
    let mut parsed_rule_files = parse_rule_files(&sources);

    for (i, src) in sources.iter().enumerate() {
        let parts: Vec<&str> = src.rel.split('/').collect();
        match parts.as_slice() {
            ["indicators.yaml"] if src.builtin => match Catalog::parse_with_json(&src.text, src.json) {
                Ok(c) => catalog = Some(c),
                Err(m) => errors.push(RuleError::in_file(&src.shown, m)),
            },
            ["indicators.yaml"] => errors.push(RuleError::in_file(
                &src.shown,
                "indicators.yaml cannot be replaced: the 16 indicator ids are a fixed contract; put rules in a language folder",
            )),
            ["policy.yaml"] => match Policy::parse_with_json(&src.text, src.json) {
                Ok(p) => policy = Some(p),
                Err(m) => errors.push(RuleError::in_file(&src.shown, m)),
            },
            ["assessment.yaml"] => assessment_files.push(AssessmentSource {
                shown: &src.shown,
                lang: None,
                text: &src.text,
                json: src.json,
                builtin: src.builtin,
            }),
            [lang, "assessment.yaml"] => assessment_files.push(AssessmentSource {
                shown: &src.shown,
                lang: Some(lang),
                text: &src.text,
                json: src.json,
                builtin: src.builtin,
            }),
            [lang, "language.yaml" | "language.yml"] => match parse_yaml::<LanguageFile>(src) {
                Ok(file) => {
                    languages.insert(lang.to_string(), (file, src.shown.clone(), src.builtin));
                }
                Err(e) => errors.push(*e),
            },
            [lang, _] => match parsed_rule_files[i].take() {
                Some(Ok(file)) => rule_files.push((Arc::clone(src), lang.to_string(), file)),
                Some(Err(e)) => errors.push(*e),
                None => unreachable!("every rule file was parsed"),
            },
            _ => errors.push(RuleError::in_file(
                &src.shown,
                "unexpected place for a rule file: use policy.yaml at the top, or <language>/<name>.yaml",
            )),
        }
    }

    let Some(catalog) = catalog else {
        errors.push(RuleError::in_file(
            "rules/indicators.yaml",
            "the indicator catalogue is missing",
        ));
        return Err(LoadErrors(errors));
    };
    let Some(policy) = policy else {
        errors.push(RuleError::in_file(
            "rules/policy.yaml",
            "the risk policy is missing",
        ));
        return Err(LoadErrors(errors));
    };

    let mut packs = BTreeMap::new();
    // Languages whose language.yaml is present but broken: their rules are not reported again.
    let broken: HashSet<String> = sources
        .iter()
        .filter_map(|s| {
            s.rel
                .strip_suffix("/language.yaml")
                .or_else(|| s.rel.strip_suffix("/language.yml"))
        })
        .filter(|l| !languages.contains_key(*l))
        .map(String::from)
        .collect();
    let mut broken = broken;
    // Languages whose language file is a user's: their rules are compiled at load.
    let mut user_languages = HashSet::new();
    for (lang, (file, shown, builtin)) in languages {
        match compile_language(&lang, file, &shown, !builtin) {
            Ok(pack) => {
                if !builtin {
                    user_languages.insert(lang.clone());
                }
                packs.insert(lang, pack);
            }
            Err(mut e) => {
                broken.insert(lang);
                errors.append(&mut e);
            }
        }
    }

    // Later sources win: built-in files come first, so a user rule replaces a built-in one.
    let mut notices = Vec::new();
    let mut seen: HashMap<String, (String, bool)> = HashMap::new();
    let mut chosen: Vec<(String, ChosenRule)> = Vec::new();
    for (src, lang, file) in rule_files {
        let file_lists = Arc::new(file.lists);
        for raw in file.rules {
            if let Some((first, first_builtin)) = seen.get(&raw.id) {
                if *first_builtin && !src.builtin {
                    notices.push(format!(
                        "rule `{}` in {} replaces the built-in rule of that id",
                        raw.id, src.shown
                    ));
                    chosen.retain(|(_, rule)| rule.raw.id != raw.id);
                } else {
                    let mut e = rule_error(
                        &src,
                        &raw,
                        Some("id"),
                        format!("duplicate rule id: already defined in {first}"),
                    );
                    e.column = None;
                    errors.push(e);
                    continue;
                }
            }
            seen.insert(raw.id.clone(), (src.shown.clone(), src.builtin));
            chosen.push((
                lang.clone(),
                ChosenRule {
                    order: 0,
                    src: Arc::clone(&src),
                    raw,
                    file_lists: Arc::clone(&file_lists),
                },
            ));
        }
    }

    let rule_languages: HashMap<String, String> = chosen
        .iter()
        .map(|(lang, rule)| (rule.raw.id.clone(), lang.clone()))
        .collect();
    let mut by_lang: BTreeMap<String, Vec<ChosenRule>> = BTreeMap::new();
    let mut ordered_errors: Vec<(usize, RuleError)> = Vec::new();
    for (order, (lang, mut rule)) in chosen.into_iter().enumerate() {
        rule.order = order;
        if packs.contains_key(&lang) {
            by_lang.entry(lang).or_default().push(rule);
        } else if !broken.contains(&lang) {
            ordered_errors.push((
                order,
                rule_error(
                    &rule.src,
                    &rule.raw,
                    None,
                    format!("the folder `{lang}` has no language.yaml, so its rules cannot run; add {lang}/language.yaml"),
                ),
            ));
        }
    }
    // A language whose rules are all built-in is compiled when a text first needs it: the
    // test suite compiles every built-in rule, so nothing can go wrong that loading should
    // report. One with a user's rule or language file is compiled now, each language on a
    // thread of its own (they share nothing), so that its mistakes are reported at once.
    let catalog_ref = &catalog;
    std::thread::scope(|scope| {
        let mut threads = Vec::new();
        for (lang, pack) in &packs {
            let rules = by_lang.remove(lang).unwrap_or_default();
            if user_languages.contains(lang) || rules.iter().any(|r| !r.src.builtin) {
                threads.push(scope.spawn(move || {
                    let (compiled, errors) = compile_pack_rules(pack, rules, catalog_ref);
                    pack.compiled
                        .set(compiled)
                        .expect("a pack is compiled once");
                    errors
                }));
            } else {
                *pack.pending.lock().unwrap_or_else(PoisonError::into_inner) = Some(PendingRules {
                    rules,
                    catalog: catalog.clone(),
                });
            }
        }
        for thread in threads {
            match thread.join() {
                Ok(errors) => ordered_errors.extend(errors),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
    });
    ordered_errors.sort_by_key(|(order, _)| *order);
    errors.extend(ordered_errors.into_iter().map(|(_, e)| e));

    let abbreviations = packs
        .values()
        .flat_map(|p| p.abbreviations.iter().cloned())
        .collect();
    let mut answer_words = crate::exchange::AnswerWords::default();
    for pack in packs.values() {
        answer_words.extend(&pack.answer_words);
    }
    let languages = packs.keys().cloned().chain(broken).collect();
    let assessment = crate::assessment_rules::compile(&assessment_files, &catalog, &languages)
        .map_err(|mut e| errors.append(&mut e))
        .ok();
    if let (true, Some(assessment)) = (errors.is_empty(), assessment) {
        Ok(RuleSet {
            catalog,
            policy,
            assessment,
            packs,
            notices,
            abbreviations,
            answer_words,
            rule_languages,
        })
    } else {
        Err(LoadErrors(errors))
    }
}

/// Compiles one language's rules (errors come with the rules' places among all rules, for
/// their order), then its prefilter over the rules' lists, their `unless` lists and the cue
/// lists.
fn compile_pack_rules(
    pack: &LanguagePack,
    rules: Vec<ChosenRule>,
    catalog: &Catalog,
) -> (PackRules, Vec<(usize, RuleError)>) {
    let term_cache = Arc::new(crate::term_cache::TermCache::new(pack.term_language()));
    let mut out = PackRules {
        term_cache: Arc::clone(&term_cache),
        groups: Vec::new(),
        prefilter: Prefilter::new([]),
        rules: Vec::new(),
        cue_lists: [None; 7],
    };
    let mut errors = Vec::new();
    let mut group_index: HashMap<String, GroupId> = HashMap::new();
    // The rules' raw regexes, each compiled once into a slot its list shares (below).
    let regex_slots: HashMap<String, RegexSlot> = rules
        .iter()
        .filter_map(|chosen| chosen.raw.condition.regex.clone())
        .map(|source| (source, RegexSlot::default()))
        .collect();
    // The rules' raw regexes are read for their anchors and compiled on a second thread
    // while this one compiles the rules and builds the prefilter: the prefilter needs the
    // anchors only when the rules are compiled, and a text the regexes only after that.
    // The thread is not waited for: a list that needs them first makes them itself, or
    // waits for the ones being made; they are the same whichever thread made them. On one
    // core the second thread would only add work (regexes no text may need), so there is
    // none.
    // (Until 2026-12-06 the thread first translated the rules' terms from the last rule
    // backwards; with the built-in terms translated at build time and found by a hash, that
    // cost more in contention for the term cache than it saved: "How it stays fast".)
    if std::thread::available_parallelism().is_ok_and(|n| n.get() > 1) {
        let regexes: Vec<(String, RegexSlot)> = regex_slots
            .iter()
            .map(|(s, slot)| (s.clone(), Arc::clone(slot)))
            .collect();
        std::thread::spawn(move || {
            // The anchors first: the prefilter needs them as soon as the rules are compiled.
            for (source, slot) in &regexes {
                TermSet::anchors_into(slot, source);
            }
            for (source, slot) in &regexes {
                TermSet::compile_into(slot, source);
            }
        });
    }
    for chosen in rules.iter() {
        match compile_rule(
            chosen,
            catalog,
            pack,
            &mut out,
            &mut group_index,
            &regex_slots,
        ) {
            Ok(rule) => out.rules.push(rule),
            Err(e) => errors.extend(e.into_iter().map(|e| (chosen.order, e))),
        }
    }
    let mut next = out.groups.len();
    let cue_lists = pack.cues.lists();
    for (slot, list) in out.cue_lists.iter_mut().zip(&cue_lists) {
        *slot = list.map(|_| {
            next += 1;
            next - 1
        });
    }
    out.prefilter = Prefilter::new(out.groups.iter().chain(cue_lists.into_iter().flatten()));
    (out, errors)
}

fn rule_error(src: &Source, raw: &RawRule, field: Option<&str>, message: String) -> RuleError {
    let rule_line = src.rule_line(&raw.id);
    let line = match (rule_line, field) {
        (Some(l), Some(f)) => locate_field(&src.text, l, f).or(Some(l)),
        (l, _) => l,
    };
    RuleError {
        file: src.shown.clone(),
        line,
        column: None,
        rule: Some(raw.id.clone()),
        field: field.map(String::from),
        message,
    }
}

fn compile_language(
    lang: &str,
    file: LanguageFile,
    shown: &str,
    compile_now: bool,
) -> Result<LanguagePack, Vec<RuleError>> {
    let mut errors = Vec::new();
    let err = |field: &str, message: String| RuleError {
        file: shown.to_string(),
        line: None,
        column: None,
        rule: None,
        field: Some(field.to_string()),
        message,
    };
    if !lang.chars().all(|c| c.is_ascii_lowercase()) || lang.len() < 2 || lang.len() > 3 {
        errors.push(RuleError::in_file(shown, format!("`{lang}` is not a language code; name the folder with a two-letter code such as en or ru")));
    }
    let mut parse_script = |field: &str, name: &str| match name {
        "latin" => Some(Script::Latin),
        "cyrillic" => Some(Script::Cyrillic),
        other => {
            errors.push(err(
                field,
                format!("unknown script {other:?}; use latin or cyrillic"),
            ));
            None
        }
    };
    let script = parse_script("script", &file.script);
    let alternate_script = file
        .also_written_in
        .as_ref()
        .map(|alt| parse_script("also_written_in.script", &alt.script));
    if let (Some(Some(alt)), Some(main)) = (alternate_script, script) {
        if alt == main {
            errors.push(err(
                "also_written_in.script",
                format!(
                    "the language is already written in {} script; name the other script",
                    alt.as_str()
                ),
            ));
        }
    }
    if let Some(alt) = &file.also_written_in {
        if alt.common_words.len() < 20 {
            errors.push(err(
                "also_written_in.common_words",
                "list at least 20 frequent words as they are typed in that script".into(),
            ));
        }
    }
    let mut compile_list = |field: &str, terms: &[String]| -> Option<TermSet> {
        if terms.is_empty() {
            return None;
        }
        match TermSet::new(terms).and_then(|t| {
            if compile_now {
                t.validate()?;
            }
            Ok(t)
        }) {
            Ok(t) => Some(t),
            Err(e) => {
                errors.push(err(field, e.0));
                None
            }
        }
    };
    let negation = compile_list("negation", &file.negation);
    let hypothetical = compile_list("hypothetical", &file.hypothetical);
    let advisory = compile_list("advisory", &file.advisory);
    let clause_breaks = compile_list("clause_breaks", &file.clause_breaks);
    let negation_after = compile_list("negation_after", &file.negation_after);
    let advisory_after = compile_list("advisory_after", &file.advisory_after);
    let not_negation = compile_list("not_negation", &file.not_negation);
    let mut single_words = |field: &'static str, words: &[String]| -> Vec<String> {
        let words: Vec<String> = words.iter().map(|w| crate::fold::fold(w.trim())).collect();
        if let Some(bad) = words
            .iter()
            .find(|w| w.is_empty() || !w.chars().all(crate::term::is_word_char))
        {
            errors.push(err(
                field,
                format!("{bad:?} is not a single word (plain words here: no spaces, `|` or `*`)"),
            ));
        }
        words
    };
    let list_joiners = single_words("list_joiners", &file.list_joiners);
    let negation_particles = single_words("negation_particles", &file.negation_particles);
    let mut word_set = |field, list| single_words(field, list).into_iter().collect();
    let answer_words = crate::exchange::AnswerWords {
        yes: word_set("answer_yes", &file.answer_yes),
        no: word_set("answer_no", &file.answer_no),
        question: word_set("question_words", &file.question_words),
    };
    // A particle is a kind of negation cue: one not in the negation list would do nothing.
    let negation_words: HashSet<String> = file
        .negation
        .iter()
        .map(|w| crate::fold::fold(w.trim()))
        .collect();
    if let Some(stray) = negation_particles
        .iter()
        .find(|p| !negation_words.contains(*p))
    {
        errors.push(err(
            "negation_particles",
            format!("{stray:?} is not in `negation`; a particle is one of the negation words"),
        ));
    }
    let figure_words = crate::figures::FigureWords::new(&file.figure_words)
        .map_err(|message| errors.push(err("figure_words", message)))
        .ok();
    let clock_words = crate::clock::ClockWords::new(&file.clock_words)
        .map_err(|message| errors.push(err("clock_words", message)))
        .ok();
    let letters = file.letters.as_deref().map(|given| {
        let mut letters: Vec<char> = crate::fold::fold(given)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        letters.sort_unstable();
        letters.dedup();
        letters
    });
    if let (Some(letters), Some(script)) = (&letters, script) {
        let foreign: String = letters
            .iter()
            .filter(|&&c| {
                !c.is_alphabetic() || crate::language::script_of(&c.to_string()) != Some(script)
            })
            .collect();
        if !foreign.is_empty() {
            errors.push(err(
                "letters",
                format!(
                    "{foreign:?} are not letters of the {} script the language is written in",
                    script.as_str()
                ),
            ));
        }
    }
    if file.common_words.len() < 20 {
        errors.push(err(
            "common_words",
            "list at least 20 frequent words, so the language can be recognised".into(),
        ));
    }
    let spellings = crate::spelling::Spellings::new(&file.spelling_variants)
        .map_err(|message| errors.push(err("spelling_variants", message)))
        .unwrap_or_default();
    let (Some(script), Some(negation), true) = (script, negation, errors.is_empty()) else {
        if errors.is_empty() {
            errors.push(err("negation", "the negation list is empty".into()));
        }
        return Err(errors);
    };
    let common_words: Arc<WordTable> = file
        .common_words
        .iter()
        .map(|w| crate::fold::fold(w))
        .collect::<WordTable>()
        .into();
    Ok(LanguagePack {
        lang: lang.to_string(),
        script,
        common_words,
        spellings: Arc::new(spellings),
        alternate: alternate_script
            .flatten()
            .zip(file.also_written_in.map(|alt| {
                alt.common_words
                    .iter()
                    .map(|w| crate::fold::fold(w))
                    .collect()
            })),
        letters,
        abbreviations: file
            .abbreviations
            .iter()
            .map(|w| w.to_lowercase().trim_end_matches('.').to_string())
            .collect(),
        answer_words,
        cues: Cues {
            negation,
            hypothetical,
            advisory,
            clause_breaks,
            negation_after,
            advisory_after,
            not_negation,
            list_joiners,
            negation_particles,
        },
        figure_words: figure_words.unwrap_or_default(),
        clock_words: clock_words.unwrap_or_default(),
        lists: file.lists,
        compiled: OnceLock::new(),
        pending: Mutex::new(None),
    })
}

fn compile_rule(
    chosen: &ChosenRule,
    catalog: &Catalog,
    pack: &LanguagePack,
    out: &mut PackRules,
    group_index: &mut HashMap<String, GroupId>,
    regex_slots: &HashMap<String, RegexSlot>,
) -> Result<Rule, Vec<RuleError>> {
    let (src, raw, file_lists) = (&*chosen.src, &chosen.raw, &*chosen.file_lists);
    let lang = pack.lang.as_str();
    let mut errors = Vec::new();
    let mut fail =
        |field: &str, message: String| errors.push(rule_error(src, raw, Some(field), message));

    if raw.id.is_empty()
        || !raw
            .id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        fail(
            "id",
            "use only lower-case letters a-z, digits and '-' in rule ids".into(),
        );
    }
    if catalog.get(&raw.indicator).is_none() {
        fail(
            "indicator",
            format!(
                "unknown indicator {:?}; valid ids: {}",
                raw.indicator,
                catalog.ids().join(", ")
            ),
        );
    }
    if raw.description.trim().is_empty() {
        fail(
            "description",
            "say in one sentence what the rule looks for".into(),
        );
    }
    if raw.phase == Some(crate::assessment_rules::Phase::Unknown) {
        fail(
            "phase",
            "use recruitment or destination, or leave `phase` out".into(),
        );
    }
    if raw.examples.matching.is_empty() {
        fail(
            "examples",
            "give at least one `match` example sentence".into(),
        );
    }

    // `@name` terms expand to a named list of the file or of the language.
    let pack_lists = &pack.lists;
    let expand = |terms: &[String]| -> Result<Vec<String>, String> {
        let mut out = Vec::with_capacity(terms.len());
        expand_lists(
            terms,
            file_lists,
            pack_lists,
            lang,
            &mut Vec::new(),
            &mut out,
        )?;
        Ok(out)
    };
    let mut add_group =
        |key: String, build: &dyn Fn() -> Result<TermSet, String>| -> Result<GroupId, String> {
            if let Some(&id) = group_index.get(&key) {
                return Ok(id);
            }
            let set = build()?;
            out.groups.push(set);
            let id = out.groups.len() - 1;
            group_index.insert(key, id);
            Ok(id)
        };
    let term_cache = &out.term_cache;
    let term_group = |terms: &[String]| -> Result<TermSet, String> {
        if terms.is_empty() {
            return Err("the list of terms is empty".into());
        }
        if let Some(t) = terms.iter().find(|t| t.trim().is_empty()) {
            return Err(format!("empty term {t:?}"));
        }
        if !src.builtin {
            for term in terms {
                crate::term::repeated_word_in_position(term).map_err(|e| e.0)?;
            }
        }
        let set = TermSet::with_cache(terms, term_cache).map_err(|e| e.0)?;
        if !src.builtin {
            set.validate().map_err(|e| e.0)?;
        }
        Ok(set)
    };

    // A list of terms as written (`@name` lists expanded) becomes a group of the pack,
    // shared by every rule that writes the same list.
    let list_group = |add_group: &mut AddGroup<'_>, terms: &[String]| {
        let terms = expand(terms)?;
        add_group(format!("terms:{}", terms.join("\u{1f}")), &|| {
            term_group(&terms)
        })
    };

    let condition = match condition_kind(&raw.condition) {
        Err(message) => {
            fail("match", message);
            None
        }
        Ok(Kind::Any(terms)) => match list_group(&mut add_group, terms) {
            Ok(g) => Some(Condition::Any(g)),
            Err(m) => {
                fail("any", m);
                None
            }
        },
        Ok(Kind::Regex(source)) => {
            let build = || {
                let set = match regex_slots.get(source) {
                    Some(slot) => TermSet::raw_in(source, Arc::clone(slot)),
                    None => TermSet::raw(source),
                };
                // Built-in regexes are compiled by the test suite; a user's are compiled now so
                // a mistake is reported at load time with the file and rule.
                if !src.builtin {
                    set.validate()
                        .map_err(|e| format!("the regex does not compile: {}", e.0))?;
                }
                Ok(set)
            };
            if source.trim().is_empty() {
                fail("regex", "the regex is empty".into());
                None
            } else {
                match add_group(format!("regex:{source}"), &build) {
                    Ok(g) => Some(Condition::Any(g)),
                    Err(m) => {
                        fail("regex", m);
                        None
                    }
                }
            }
        }
        Ok(Kind::All(lists, within)) => {
            let mut groups = Vec::new();
            for (i, terms) in lists.iter().enumerate() {
                match list_group(&mut add_group, terms) {
                    Ok(g) => groups.push(g),
                    Err(m) => fail("all", format!("list {}: {m}", i + 1)),
                }
            }
            (groups.len() == lists.len()).then_some(Condition::All { groups, within })
        }
        Ok(Kind::Shortfall(shortfall)) => value_lists(
            [
                ("shortfall.actual", &shortfall.actual),
                ("shortfall.expected", &shortfall.expected),
            ],
            // The figure compared is the number in the match.
            |word| word == "#",
            "has no `#`: every term here must hold the figure, as `#`",
            expand,
            |terms| list_group(&mut add_group, terms),
            &mut fail,
        )
        .map(|groups| Condition::Shortfall {
            groups,
            sentences: shortfall.sentences.unwrap_or(SHORTFALL_SENTENCES),
        }),
        Ok(Kind::Shift(shift)) => value_lists(
            [("shift.start", &shift.start), ("shift.end", &shift.end)],
            // The time read is the number in the match (`#`, or an hour written as a word,
            // matched by `*`), or a word that is a time by itself.
            |word| {
                matches!(word, "#" | "*")
                    || word
                        .split('|')
                        .any(|w| pack.clock_words.names_a_time(&crate::fold::fold(w)))
            },
            "holds no time: every term here must hold the hour, as `#` (or `*` for an hour written as a word), or a word of `clock_words.midnight` or `clock_words.noon`",
            expand,
            |terms| list_group(&mut add_group, terms),
            &mut fail,
        )
        .map(|groups| Condition::Shift {
            groups,
            hours: shift.hours.unwrap_or(crate::clock::SHIFT_HOURS),
        }),
        Ok(Kind::Contradicted(contradicted)) => {
            let mut lists = vec![
                ("contradicted.promise", &contradicted.promise[..]),
                ("contradicted.denial", &contradicted.denial[..]),
            ];
            if !contradicted.denial_after.is_empty() {
                lists.push(("contradicted.denial_after", &contradicted.denial_after[..]));
            }
            field_groups(lists, |terms| list_group(&mut add_group, terms), &mut fail).map(
                |groups| Condition::Contradicted {
                    groups,
                    sentences: contradicted.sentences.unwrap_or(PROMISE_SENTENCES),
                },
            )
        }
        Ok(Kind::Switched(switched)) => {
            let mut lists = vec![
                ("switched.promise", &switched.promise[..]),
                ("switched.reality", &switched.reality[..]),
            ];
            lists.extend(switched.roles.iter().map(|role| ("switched.roles", &role[..])));
            field_groups(lists, |terms| list_group(&mut add_group, terms), &mut fail).map(
                |groups| Condition::Switched {
                    groups,
                    sentences: switched.sentences.unwrap_or(PROMISE_SENTENCES),
                },
            )
        }
    };

    let next_sentence = match &raw.condition.next_sentence {
        None => None,
        Some(terms) => match list_group(&mut add_group, terms) {
            Ok(g) => Some(g),
            Err(m) => {
                fail("next_sentence", m);
                None
            }
        },
    };

    let resolved_later = if raw.resolved_later.is_empty() {
        None
    } else {
        match list_group(&mut add_group, &raw.resolved_later) {
            Ok(g) => Some(g),
            Err(m) => {
                fail("resolved_later", m);
                None
            }
        }
    };

    let unless = if raw.unless.is_empty() {
        None
    } else {
        match expand(&raw.unless).and_then(|terms| term_group(&terms)) {
            Ok(t) => Some(t),
            Err(m) => {
                fail("unless", m);
                None
            }
        }
    };

    match condition {
        Some(condition) if errors.is_empty() => Ok(Rule {
            id: raw.id.clone(),
            indicator: raw.indicator.clone(),
            description: raw.description.trim().to_string(),
            lang: lang.to_string(),
            condition,
            next_sentence,
            within_sentences: raw.condition.within_sentences.unwrap_or(1),
            resolved_later,
            condition_text: describe_condition(&raw.condition),
            unless_text: raw.unless.clone(),
            unless,
            conditional: raw.conditional,
            status: raw.status,
            phase: raw.phase,
            examples_match: raw.examples.matching.clone(),
            examples_no_match: raw.examples.no_match.clone(),
            origin: match src.rule_line(&raw.id) {
                Some(line) => format!("{}:{line}", src.shown),
                None => src.shown.clone(),
            },
            builtin: src.builtin,
        }),
        _ => Err(errors),
    }
}

/// The two term lists of a condition that reads a value out of each match (`shortfall`'s
/// sums, `shift`'s times), as groups. A term none of whose words `holds_value` is an error
/// naming the field (`missing` says what it lacks): it could match with nothing to read.
fn value_lists<'l>(
    lists: [(&'l str, &'l [String]); 2],
    holds_value: impl Fn(&str) -> bool,
    missing: &str,
    expand: impl Fn(&[String]) -> Result<Vec<String>, String>,
    group: impl FnMut(&[String]) -> Result<GroupId, String>,
    fail: &mut impl FnMut(&str, String),
) -> Option<[GroupId; 2]> {
    let mut holding = Vec::new();
    for (field, terms) in lists {
        // Each way of writing a term must hold the value: "(from|since) #" does, "(at #|now)"
        // does not.
        let without_value = expand(terms).ok().and_then(|terms| {
            terms.into_iter().find_map(|t| {
                let variants = crate::term::variants(&t).unwrap_or_else(|_| vec![t.clone()]);
                variants
                    .into_iter()
                    .find(|v| !v.split_whitespace().any(&holds_value))
            })
        });
        match without_value {
            Some(term) => fail(field, format!("the term {term:?} {missing}")),
            None => holding.push((field, terms)),
        }
    }
    field_groups(holding, group, fail).and_then(|groups| <[GroupId; 2]>::try_from(groups).ok())
}

/// A condition's term lists, as groups in order; None when any is missing or fails (each
/// failure reported under its field).
fn field_groups<'l>(
    lists: impl IntoIterator<Item = (&'l str, &'l [String])>,
    mut group: impl FnMut(&[String]) -> Result<GroupId, String>,
    fail: &mut impl FnMut(&str, String),
) -> Option<Vec<GroupId>> {
    let mut groups = Vec::new();
    let mut failed = false;
    for (field, terms) in lists {
        match group(terms) {
            Ok(g) => groups.push(g),
            Err(m) => {
                fail(field, m);
                failed = true;
            }
        }
    }
    (!failed).then_some(groups)
}

/// "any of: a | b" / "all of: (a | b) + (c | d), within 5 words" / "regex: ..."
/// Adds a group to a pack under a key (or finds the one already there): the key, and how
/// to build the group when it is new.
type AddGroup<'a> =
    dyn FnMut(String, &dyn Fn() -> Result<TermSet, String>) -> Result<GroupId, String> + 'a;

fn describe_condition(m: &RawMatch) -> String {
    let then = m
        .next_sentence
        .as_ref()
        .map_or(String::new(), |next| match m.within_sentences {
            Some(n) if n > 1 => format!(
                "; then one of the next {n} sentences opens with one of: {}",
                next.join(" | ")
            ),
            _ => format!(
                "; then the next sentence opens with one of: {}",
                next.join(" | ")
            ),
        });
    let condition = if let Some(any) = &m.any {
        format!("any of: {}", any.join(" | "))
    } else if let Some(all) = &m.all {
        let lists: Vec<String> = all.iter().map(|l| format!("({})", l.join(" | "))).collect();
        let within = m.within.map_or(" in one sentence".to_string(), |w| {
            format!(", at most {w} words apart")
        });
        format!("all of: {}{within}", lists.join(" + "))
    } else if let Some(shortfall) = &m.shortfall {
        format!(
            "shortfall: a figure of ({}) at most three quarters of a figure of ({}), at most {} sentences apart",
            shortfall.actual.join(" | "),
            shortfall.expected.join(" | "),
            shortfall.sentences.unwrap_or(SHORTFALL_SENTENCES)
        )
    } else if let Some(contradicted) = &m.contradicted {
        format!(
            "contradicted: a promise ({}) and, at most {} sentences later, a denial ({}) of a word it named{}",
            contradicted.promise.join(" | "),
            contradicted.sentences.unwrap_or(PROMISE_SENTENCES),
            contradicted.denial.join(" | "),
            if contradicted.denial_after.is_empty() {
                String::new()
            } else {
                format!(
                    ", or a denial after it ({})",
                    contradicted.denial_after.join(" | ")
                )
            }
        )
    } else if let Some(switched) = &m.switched {
        let roles: Vec<String> = switched
            .roles
            .iter()
            .map(|l| format!("({})", l.join(" | ")))
            .collect();
        format!(
            "switched: a promise ({}) naming a kind of work of {}, and at most {} sentences later ({}) with kinds of work it did not name",
            switched.promise.join(" | "),
            roles.join(", "),
            switched.sentences.unwrap_or(PROMISE_SENTENCES),
            switched.reality.join(" | ")
        )
    } else if let Some(shift) = &m.shift {
        format!(
            "shift: a time of ({}) and a time of ({}) after it, a working day of {} hours or more",
            shift.start.join(" | "),
            shift.end.join(" | "),
            shift.hours.unwrap_or(crate::clock::SHIFT_HOURS)
        )
    } else {
        format!("regex: {}", m.regex.as_deref().unwrap_or(""))
    };
    condition + &then
}

enum Kind<'a> {
    Any(&'a [String]),
    All(&'a [Vec<String>], Option<usize>),
    Regex(&'a str),
    Shortfall(&'a crate::rulefile::RawShortfall),
    Shift(&'a crate::rulefile::RawShift),
    Contradicted(&'a crate::rulefile::RawContradicted),
    Switched(&'a crate::rulefile::RawSwitched),
}

/// How many sentences after a promise a `contradicted` condition looks for its denial, and a
/// `switched` condition for the work told instead, when the rule does not say (at most
/// [`SHORTFALL_SENTENCES_MAX`], how far a block reads on).
pub const PROMISE_SENTENCES: usize = 4;

/// How many sentences apart a `shortfall`'s two figures may stand when the rule does not say.
pub const SHORTFALL_SENTENCES: usize = 3;
/// How many sentences after a hit a rule's `resolved_later` terms are looked for: the
/// next one and the one after ("They took my passport for registration. The next morning
/// she gave it back.").
pub const RESOLVED_SENTENCES: usize = 2;
/// The most a rule may give: further apart, the two figures seldom speak of the same pay.
pub const SHORTFALL_SENTENCES_MAX: usize = 5;

const ONLY_ONE_CONDITION: &str = "give only one of `any`, `all`, `regex`, `shortfall`, `shift`, `contradicted` or `switched` (write two rules for two conditions)";

/// The one form of condition `m` gives, with the limits of that form checked.
fn condition_kind(m: &RawMatch) -> Result<Kind<'_>, String> {
    let forms = [
        m.any.is_some(),
        m.all.is_some(),
        m.regex.is_some(),
        m.shortfall.is_some(),
        m.shift.is_some(),
        m.contradicted.is_some(),
        m.switched.is_some(),
    ];
    match forms.iter().filter(|&&given| given).count() {
        0 => return Err(
            "give one of `any`, `all`, `regex`, `shortfall`, `shift`, `contradicted` or `switched`"
                .into(),
        ),
        1 => {}
        _ => return Err(ONLY_ONE_CONDITION.into()),
    }
    if let Some(n) = m.within_sentences {
        if m.next_sentence.is_none() {
            return Err(
                "`within_sentences` says how far `next_sentence` reads on: give that list too"
                    .into(),
            );
        }
        if !(1..=SHORTFALL_SENTENCES_MAX).contains(&n) {
            return Err(format!(
                "`within_sentences` is from 1 to {SHORTFALL_SENTENCES_MAX}: what is told further on seldom speaks of the same promise"
            ));
        }
    }
    // The conditions that read several sentences count them themselves.
    let reads_sentences = |name: &str| -> Result<(), String> {
        if m.within.is_some() || m.next_sentence.is_some() {
            Err(format!(
                "`within` and `next_sentence` do not go with `{name}` (give its `sentences` instead)"
            ))
        } else {
            Ok(())
        }
    };
    let sentences_in_range = |name: &str, sentences: Option<usize>, min: usize, why: &str| {
        if sentences.is_some_and(|n| !(min..=SHORTFALL_SENTENCES_MAX).contains(&n)) {
            let range = if min == 0 {
                format!("at most {SHORTFALL_SENTENCES_MAX}")
            } else {
                format!("from {min} to {SHORTFALL_SENTENCES_MAX}")
            };
            Err(format!("`{name}.sentences` is {range}: {why}"))
        } else {
            Ok(())
        }
    };
    if let Some(contradicted) = &m.contradicted {
        reads_sentences("contradicted")?;
        sentences_in_range(
            "contradicted",
            contradicted.sentences,
            1,
            "a denial further away seldom speaks of the same promise",
        )?;
        return Ok(Kind::Contradicted(contradicted));
    }
    if let Some(switched) = &m.switched {
        reads_sentences("switched")?;
        sentences_in_range(
            "switched",
            switched.sentences,
            1,
            "work told further away seldom speaks of the same job",
        )?;
        if switched.roles.len() < 2 {
            return Err("`switched.roles` needs at least two kinds of work".into());
        }
        return Ok(Kind::Switched(switched));
    }
    if let Some(shift) = &m.shift {
        return if m.within.is_some() || m.next_sentence.is_some() {
            Err("`within` and `next_sentence` do not go with `shift` (its two times stand in one sentence)".into())
        } else if shift.hours.is_some_and(|h| !(1..=24).contains(&h)) {
            Err("`shift.hours` is a number of hours from 1 to 24".into())
        } else {
            Ok(Kind::Shift(shift))
        };
    }
    if let Some(shortfall) = &m.shortfall {
        reads_sentences("shortfall")?;
        sentences_in_range(
            "shortfall",
            shortfall.sentences,
            0,
            "figures further apart seldom speak of the same pay",
        )?;
        return Ok(Kind::Shortfall(shortfall));
    }
    if let Some(all) = &m.all {
        if all.len() < 2 {
            return Err("`all` needs at least two lists of terms (use `any` for one list)".into());
        }
        if all.len() > 6 {
            return Err("`all` takes at most six lists of terms".into());
        }
        if m.within.is_some_and(|w| w > 50) {
            return Err(
                "`within` is at most 50 words; leave it out to mean the whole sentence".into(),
            );
        }
        return Ok(Kind::All(all, m.within));
    }
    if m.within.is_some() {
        return Err("`within` only goes with `all`".into());
    }
    match (&m.any, &m.regex) {
        (Some(any), _) => Ok(Kind::Any(any)),
        (_, Some(regex)) => Ok(Kind::Regex(regex)),
        _ => unreachable!("exactly one form was given"),
    }
}

/// Writes `terms` into `out` with every `@name` replaced by the terms of the named list (the
/// file's, else the language's); a list may name other lists. `naming` holds the lists being
/// expanded, so a list that names itself, directly or through others, is an error rather
/// than an endless expansion.
fn expand_lists(
    terms: &[String],
    file_lists: &BTreeMap<String, Vec<String>>,
    pack_lists: &BTreeMap<String, Vec<String>>,
    lang: &str,
    naming: &mut Vec<String>,
    out: &mut Vec<String>,
) -> Result<(), String> {
    for term in terms {
        let Some(name) = term.trim().strip_prefix('@') else {
            out.push(term.clone());
            continue;
        };
        if naming.iter().any(|n| n == name) {
            return Err(format!(
                "list `@{name}` names itself (through {})",
                naming
                    .iter()
                    .map(|n| format!("`@{n}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        let list = file_lists
            .get(name)
            .or_else(|| pack_lists.get(name))
            .ok_or_else(|| {
                format!(
                    "unknown list `@{name}`; define it under `lists:` in this file or in {lang}/language.yaml"
                )
            })?;
        naming.push(name.to_string());
        expand_lists(list, file_lists, pack_lists, lang, naming, out)?;
        naming.pop();
    }
    Ok(())
}

/// The terms of the built-in rule, language and assessment files that write a word twice in
/// one position (a phrase written as an alternative, "urgent referral|referral made"), as
/// messages naming the file; and how many strings were looked at. A user's terms are
/// checked for this as they load; the built-in ones are not (every start would pay for it),
/// so the test suite and `rules check` ask here. Every string is looked at as written
/// (folding would make "режиссёр|режиссер" a repeat), except the rules' prose
/// (descriptions and examples) and raw regexes.
pub fn builtin_terms_repeating_a_word() -> (usize, Vec<String>) {
    fn strings<'a>(value: &'a serde_yaml::Value, out: &mut Vec<&'a str>) {
        match value {
            serde_yaml::Value::String(s) => out.push(s),
            serde_yaml::Value::Sequence(items) => items.iter().for_each(|v| strings(v, out)),
            serde_yaml::Value::Mapping(map) => {
                for (key, v) in map {
                    if !matches!(key.as_str(), Some("description" | "examples" | "regex")) {
                        strings(v, out);
                    }
                }
            }
            _ => {}
        }
    }
    let (mut checked, mut problems) = (0, Vec::new());
    for &(rel, yaml, _) in builtin::BUILTIN_FILES {
        if !(rel.contains('/') && rel.ends_with(".yaml")) {
            continue; // indicators.yaml, policy.yaml: no terms
        }
        // The built-in files parse (a test and every start see to it); one that did not would
        // be told here rather than passed over.
        let value = match serde_yaml::from_str::<serde_yaml::Value>(yaml) {
            Ok(value) => value,
            Err(e) => {
                problems.push(format!("rules/{rel}: does not parse: {e}"));
                continue;
            }
        };
        let mut found = Vec::new();
        strings(&value, &mut found);
        for term in found {
            checked += 1;
            if let Err(e) = crate::term::repeated_word_in_position(term) {
                problems.push(format!("rules/{rel}: {}", e.0));
            }
        }
    }
    (checked, problems)
}

#[cfg(test)]
mod tests {
    /// Each language's rules are compiled on a thread of their own; the errors still come in
    /// the order of the files, the errors of a folder with no language between them.
    #[test]
    fn errors_keep_the_order_of_the_rules_across_languages() {
        let dir = tempfile::TempDir::new().unwrap();
        let rule = |id: &str| {
            format!(
                "rules:\n  - id: {id}\n    indicator: no-such-indicator\n    description: x\n    match:\n      any: [\"word\"]\n    examples:\n      match: [\"a word\"]\n"
            )
        };
        for (folder, file, id) in [
            ("en", "a.yaml", "user-en-a"),
            ("en", "b.yaml", "user-en-b"),
            ("fr", "c.yaml", "user-fr-c"),
            ("ru", "d.yaml", "user-ru-d"),
        ] {
            std::fs::create_dir_all(dir.path().join(folder)).unwrap();
            std::fs::write(dir.path().join(folder).join(file), rule(id)).unwrap();
        }
        let errors = super::RuleSet::load(Some(dir.path())).unwrap_err().0;
        let rules: Vec<&str> = errors.iter().filter_map(|e| e.rule.as_deref()).collect();
        assert_eq!(
            rules,
            ["user-en-a", "user-en-b", "user-fr-c", "user-ru-d"],
            "{errors:?}"
        );
        assert!(
            errors[2].message.contains("no language.yaml"),
            "{}",
            errors[2].message
        );
        assert!(
            errors[3].message.contains("unknown indicator"),
            "{}",
            errors[3].message
        );
    }

    /// A built-in language's rules are compiled when a text first needs them, and
    /// [`super::LanguagePack::compiled`] stops the program should one fail: every built-in
    /// rule must compile without an error.
    #[test]
    fn every_builtin_rule_compiles() {
        let rules = super::RuleSet::builtin().unwrap();
        for pack in rules.packs.values() {
            let count = pack.pending.lock().unwrap().as_ref().map(|p| p.rules.len());
            let count = count.expect("built-in rules wait to be compiled");
            assert!(count > 50, "{}: {count} rules", pack.lang);
            let (compiled, errors) = pack.compile_pending();
            assert!(errors.is_empty(), "{}: {errors:?}", pack.lang);
            assert_eq!(compiled.rules.len(), count);
        }
    }

    /// `rules check` reports a built-in rule that does not compile (only a broken build can
    /// hold one) instead of stopping at it, and keeps the rules that do compile.
    #[test]
    fn a_broken_builtin_rule_is_reported_not_fatal() {
        let rules = super::RuleSet::builtin().unwrap();
        let pack = &rules.packs["en"];
        let count = {
            let mut pending = pack.pending.lock().unwrap();
            let pending = pending.as_mut().unwrap();
            pending.rules[0].raw.condition.any = Some(vec!["took (my|our passport".into()]);
            pending.rules[0].raw.condition.all = None;
            pending.rules[0].raw.condition.within = None;
            pending.rules.len()
        };
        let errors = rules.compile_all();
        assert!(
            errors.iter().any(|e| e.message.contains("never closes")),
            "{errors:?}"
        );
        assert_eq!(pack.compiled().rules.len(), count - 1);
    }

    /// Screening an English text compiles the English rules only.
    #[test]
    fn a_language_is_compiled_when_a_text_first_needs_it() {
        let rules = super::RuleSet::builtin().unwrap();
        assert!(rules.packs.values().all(|p| !p.is_compiled()));
        let text = "When I arrived the manager took my passport.";
        let scan = crate::matcher::scan(&rules, text, &Default::default());
        assert!(!scan.hits.is_empty());
        assert!(rules.packs["en"].is_compiled());
        assert!(!rules.packs["ru"].is_compiled());
        let scan = crate::matcher::scan(&rules, "Паспорт забрал бригадир.", &Default::default());
        assert!(!scan.hits.is_empty());
        assert!(rules.packs["ru"].is_compiled());
        // The whole report too (its assessment looks rules up by id).
        let rules = super::RuleSet::builtin().unwrap();
        let text = "Паспорт забрал бригадир. Зарплату не платят третий месяц.";
        let report = crate::report::screen(&rules, "ru", text, &Default::default());
        assert!(!report.findings.is_empty());
        assert!(rules.packs["ru"].is_compiled());
        assert!(!rules.packs["en"].is_compiled());
        assert!(rules.rule(&report.findings[0].rule).is_some());
    }

    /// A language with a user's rule is compiled at load, so the rule's mistakes are
    /// reported then (see above); a language whose rules are all built-in still waits.
    #[test]
    fn a_language_with_a_user_rule_is_compiled_at_load() {
        let dir = tempfile::TempDir::new().unwrap();
        std::fs::create_dir_all(dir.path().join("en")).unwrap();
        std::fs::write(
            dir.path().join("en/mine.yaml"),
            "rules:\n  - id: user-word\n    indicator: intimidation-threats\n    description: x\n    match:\n      any: [\"word\"]\n    examples:\n      match: [\"a word\"]\n",
        )
        .unwrap();
        let rules = super::RuleSet::load(Some(dir.path())).unwrap();
        assert!(rules.packs["en"].is_compiled());
        assert!(!rules.packs["ru"].is_compiled());
        assert!(rules.rule("user-word").is_some());
    }

    /// The built-in raw regexes stay cheap to compile: a short story's screening waits for the
    /// ones it needs. Compile time follows the size of the automaton, and writing `\d` or
    /// `\p{L}` (every script's digits or letters) inside a repetition multiplies it: the
    /// regexes written that way had up to 5,468 states, the largest now has 1,631
    /// (rules/README.md says what to write instead).
    #[test]
    fn builtin_raw_regexes_compile_to_small_automata() {
        use super::{RuleSet, TermSet};
        use crate::term_regex::{HEAVY_RAW_REGEX_STATES, raw_regex_states};
        let rules = RuleSet::builtin().unwrap();
        let mut checked = 0;
        for rule in rules.rules() {
            for source in rules.match_lists(rule).filter_map(TermSet::raw_source) {
                let states = raw_regex_states(source).unwrap();
                assert!(
                    states <= HEAVY_RAW_REGEX_STATES,
                    "{}: {states} states",
                    rule.id
                );
                checked += 1;
            }
        }
        // Seven since the clock-time regexes became `shift` rules.
        assert!(checked >= 7, "only {checked} raw regexes found");
    }

    /// No term of the built-in files writes a word twice in one position (a phrase written
    /// as an alternative); users' rules are checked as they load, the built-in ones here
    /// (and by `rules check`, [`builtin_terms_repeating_a_word`]).
    #[test]
    fn no_builtin_term_repeats_a_word_in_one_position() {
        let (checked, problems) = super::builtin_terms_repeating_a_word();
        assert!(problems.is_empty(), "{}", problems.join("\n"));
        assert!(checked > 5000, "only {checked} strings looked at");
    }

    /// The JSON form of each built-in file parses and gives exactly what its YAML gives.
    #[test]
    fn builtin_json_reads_as_the_yaml() {
        use crate::assessment_rules::{AssessmentSource, compile};
        use crate::rulefile::{LanguageFile, RuleFile};
        use crate::{catalog::Catalog, policy::Policy};
        let files = super::builtin::BUILTIN_FILES;
        let mut converted = 0;
        for &(rel, yaml, json) in files {
            let json = json.unwrap_or_else(|| panic!("{rel} has no JSON form"));
            converted += 1;
            // An empty YAML text cannot be parsed: a success below came from the JSON.
            let (from_json, from_yaml) = if rel == "indicators.yaml" {
                (
                    format!("{:?}", Catalog::parse_with_json("", Some(json)).unwrap()),
                    format!("{:?}", Catalog::parse(yaml).unwrap()),
                )
            } else if rel == "policy.yaml" {
                (
                    format!("{:?}", Policy::parse_with_json("", Some(json)).unwrap()),
                    format!("{:?}", Policy::parse(yaml).unwrap()),
                )
            } else if rel.ends_with("assessment.yaml") {
                // Compared as a whole below.
                continue;
            } else if rel.ends_with("/language.yaml") {
                let j: LanguageFile = serde_json::from_str(json).unwrap();
                let y: LanguageFile = serde_yaml::from_str(yaml).unwrap();
                (format!("{j:?}"), format!("{y:?}"))
            } else {
                let j: RuleFile = serde_json::from_str(json).unwrap();
                let y: RuleFile = serde_yaml::from_str(yaml).unwrap();
                (format!("{j:?}"), format!("{y:?}"))
            };
            assert_eq!(from_json, from_yaml, "{rel}");
        }
        assert!(converted >= 30, "{converted} files converted");
        // The assessment files, read from JSON only and from YAML only.
        let catalog =
            Catalog::parse(files.iter().find(|f| f.0 == "indicators.yaml").unwrap().1).unwrap();
        let languages = ["en".to_string(), "ru".to_string()].into();
        let sources = |with_json: bool| -> Vec<AssessmentSource<'static>> {
            files
                .iter()
                .filter(|f| f.0.ends_with("assessment.yaml"))
                .map(|&(rel, yaml, json)| AssessmentSource {
                    shown: rel,
                    lang: rel.strip_suffix("/assessment.yaml"),
                    // With the JSON, no YAML to fall back to: it must parse on its own.
                    text: if with_json { "" } else { yaml },
                    json: if with_json { json } else { None },
                    builtin: true,
                })
                .collect()
        };
        let from_json = compile(&sources(true), &catalog, &languages).unwrap();
        let from_yaml = compile(&sources(false), &catalog, &languages).unwrap();
        assert_eq!(format!("{from_json:?}"), format!("{from_yaml:?}"));
    }
}
