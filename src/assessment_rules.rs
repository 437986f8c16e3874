//! The data of the structured assessment: rules/assessment.yaml (Delphi mapping, dimension
//! positivity, readings, outcome ladder, ILO forced-labour groups, offer reading, prompts)
//! and rules/<lang>/assessment.yaml (phase cues, offer/account cues, offer-fact terms).
//! Parsed into plain serde structs, validated against the indicator catalogue (errors name
//! the file and the field) and compiled into [`AssessmentRules`]. No threshold lives in Rust.

pub use crate::assessment_cues::{FactCondition, FactTerms, LanguageCues};
use crate::assessment_cues::{RawLanguageFile, compile_language};
use crate::catalog::{Catalog, Strength};
use crate::policy::RiskLevel;
use crate::policy::Threshold;
use crate::rulefile::RuleError;
use crate::shared_text::SharedText;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// The six dimensions of the ILO/EC Delphi operational indicators (adult labour exploitation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Dimension {
    D1,
    D2,
    D3,
    D4,
    D5,
    D6,
}

impl Dimension {
    pub const ALL: [Dimension; 6] = [
        Dimension::D1,
        Dimension::D2,
        Dimension::D3,
        Dimension::D4,
        Dimension::D5,
        Dimension::D6,
    ];

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|d| d.as_str() == s)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Dimension::D1 => "D1",
            Dimension::D2 => "D2",
            Dimension::D3 => "D3",
            Dimension::D4 => "D4",
            Dimension::D5 => "D5",
            Dimension::D6 => "D6",
        }
    }
}

impl fmt::Display for Dimension {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// When something in the text happened: while being recruited, or at the place of work.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Phase {
    Recruitment,
    Destination,
    /// The text does not say.
    #[default]
    Unknown,
}

impl Phase {
    pub fn as_str(self) -> &'static str {
        match self {
            Phase::Recruitment => "recruitment",
            Phase::Destination => "destination",
            Phase::Unknown => "unknown",
        }
    }
}

/// A text in English and, when written, Russian; shared by the reports that show it.
#[derive(Debug, Clone)]
pub struct Label {
    pub en: SharedText,
    pub ru: Option<SharedText>,
}

impl Label {
    pub fn new(en: &str, ru: Option<&str>) -> Self {
        Label {
            en: SharedText::new(en),
            ru: ru.map(SharedText::new),
        }
    }

    pub fn get(&self, lang: &str) -> &str {
        self.shared(lang)
    }

    /// [`Label::get`], as the shared text reports hold.
    pub fn shared(&self, lang: &str) -> &SharedText {
        match (lang, &self.ru) {
            ("ru", Some(ru)) => ru,
            _ => &self.en,
        }
    }
}

/// Where an indicator counts, by phase.
#[derive(Debug, Clone)]
pub struct IndicatorMapping {
    pub recruitment: Vec<(Dimension, Strength)>,
    pub destination: Vec<(Dimension, Strength)>,
    /// The phase assumed when the text does not say (never `Unknown`).
    pub unknown_phase: Phase,
}

impl IndicatorMapping {
    /// The dimensions and strengths for evidence in `phase` (`Unknown` is resolved first).
    pub fn for_phase(&self, phase: Phase) -> &[(Dimension, Strength)] {
        match phase {
            Phase::Recruitment => &self.recruitment,
            Phase::Destination => &self.destination,
            Phase::Unknown => self.for_phase(self.unknown_phase),
        }
    }
}

/// What must hold for an outcome of the ladder; every given part must hold.
#[derive(Debug, Clone, Default)]
pub struct OutcomeCondition {
    pub reading: bool,
    pub positive: Vec<Vec<Dimension>>,
    pub present: Vec<Vec<Dimension>>,
    pub any_finding: bool,
}

#[derive(Debug, Clone)]
pub struct Outcome {
    pub id: String,
    pub condition: OutcomeCondition,
    pub label: Label,
}

/// Levels of recruitment risk for a job offer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OfferLevel {
    Low,
    Medium,
    High,
}

impl OfferLevel {
    /// One step up, capped at high.
    pub fn raised(self) -> Self {
        match self {
            OfferLevel::Low => OfferLevel::Medium,
            _ => OfferLevel::High,
        }
    }
}

/// Whether a fact is one a fair offer states, or a statement that lowers risk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FactRole {
    Fair,
    LowersRisk,
}

#[derive(Debug, Clone)]
pub struct FactInfo {
    pub id: String,
    pub role: FactRole,
    pub label: Label,
}

#[derive(Debug, Clone)]
/// A kind of text that tells of no case of its own: a report about others, or advice.
pub struct NoCaseRules {
    /// A text is of the kind with at least this many of its cues, and more of them than of
    /// account and offer cues together.
    pub min_cues: usize,
    /// The highest risk level such a text gets.
    pub max_risk: RiskLevel,
    pub outcome_id: String,
    pub outcome: Label,
}

#[derive(Debug, Clone)]
pub struct OfferRules {
    pub from_level: BTreeMap<RiskLevel, OfferLevel>,
    pub raise_when_missing: usize,
    pub outcomes: Vec<(OfferLevel, String, Label)>,
    pub facts: Vec<FactInfo>,
}

#[derive(Debug, Clone)]
pub struct DimensionInfo {
    pub name: Label,
    pub prompts_en: Vec<SharedText>,
    pub prompts_ru: Vec<SharedText>,
}

impl DimensionInfo {
    pub fn prompts(&self, lang: &str) -> &[SharedText] {
        if lang == "ru" && !self.prompts_ru.is_empty() {
            &self.prompts_ru
        } else {
            &self.prompts_en
        }
    }
}

/// The validated assessment data.
#[derive(Debug, Clone)]
pub struct AssessmentRules {
    /// In the order D1..D6.
    pub dimensions: Vec<DimensionInfo>,
    pub mapping: BTreeMap<String, IndicatorMapping>,
    pub positive_when: Vec<Threshold>,
    pub broad: Vec<Vec<Dimension>>,
    pub strict: Vec<Vec<Dimension>>,
    pub outcomes: Vec<Outcome>,
    pub involuntariness: Vec<String>,
    pub coercion: Vec<String>,
    /// The caution shown when forced labour is indicated but the reading does not hold.
    pub forced_labour_caution: Label,
    pub offer: OfferRules,
    pub min_offer_cues: usize,
    pub report: NoCaseRules,
    /// Advice to the reader (a leaflet, a guide): read like a report, with its own cues.
    pub advice: NoCaseRules,
    pub phase_window: usize,
    pub languages: BTreeMap<String, LanguageCues>,
}

impl AssessmentRules {
    /// The settings of a kind that tells of no case of its own; None for offers and accounts.
    pub fn no_case(&self, kind: crate::kind::Kind) -> Option<&NoCaseRules> {
        match kind {
            crate::kind::Kind::Report => Some(&self.report),
            crate::kind::Kind::Advice => Some(&self.advice),
            crate::kind::Kind::Offer | crate::kind::Kind::Account => None,
        }
    }

    pub fn dimension(&self, d: Dimension) -> &DimensionInfo {
        &self.dimensions[d as usize]
    }
}

// ---- the files as written ----

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    dimensions: BTreeMap<String, RawDimension>,
    mapping: Vec<RawMapping>,
    positive_when: Vec<Threshold>,
    readings: BTreeMap<String, Vec<Vec<String>>>,
    outcomes: Vec<RawOutcome>,
    forced_labour: RawForcedLabour,
    offer: RawOffer,
    kind: RawKind,
    phase: RawPhase,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDimension {
    en: String,
    ru: Option<String>,
    prompts: RawPrompts,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPrompts {
    en: Vec<String>,
    #[serde(default)]
    ru: Vec<String>,
}

type RawStrengths = BTreeMap<String, Strength>;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMapping {
    indicator: String,
    any_phase: Option<RawStrengths>,
    recruitment: Option<RawStrengths>,
    destination: Option<RawStrengths>,
    unknown_phase: Option<Phase>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOutcome {
    id: String,
    #[serde(default)]
    reading: bool,
    #[serde(default)]
    positive: Vec<Vec<String>>,
    #[serde(default)]
    present: Vec<Vec<String>>,
    #[serde(default)]
    any_finding: bool,
    en: String,
    ru: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawForcedLabour {
    involuntariness: Vec<String>,
    coercion: Vec<String>,
    /// Shown when both elements are present but the trafficking reading does not hold, so the
    /// outcome cannot be read as "only a labour-rights case".
    caution: RawLabel,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLabel {
    en: String,
    ru: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOffer {
    from_level: BTreeMap<String, OfferLevel>,
    raise_when_missing: usize,
    outcomes: Vec<RawOfferOutcome>,
    facts: Vec<RawFact>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOfferOutcome {
    id: String,
    level: OfferLevel,
    en: String,
    ru: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFact {
    id: String,
    role: FactRole,
    en: String,
    ru: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawKind {
    min_offer_cues: usize,
    report: RawNoCase,
    advice: RawNoCase,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNoCase {
    min_cues: usize,
    max_risk: String,
    outcome: RawNoCaseOutcome,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNoCaseOutcome {
    id: String,
    en: String,
    ru: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPhase {
    window: usize,
}

/// One assessment file handed in by the loader: shown path, language (None for the top file),
/// text, and whether it is built in (built-in terms are compiled by the test suite).
pub struct AssessmentSource<'a> {
    pub shown: &'a str,
    pub lang: Option<&'a str>,
    pub text: &'a str,
    /// The same as JSON, for built-in files (see build.rs).
    pub json: Option<&'a str>,
    pub builtin: bool,
}

/// Parses and validates the top file and the language files. `languages` are the language
/// packs that exist; a language file for another language is an error.
pub fn compile(
    sources: &[AssessmentSource<'_>],
    catalog: &Catalog,
    languages: &BTreeSet<String>,
) -> Result<AssessmentRules, Vec<RuleError>> {
    let mut errors = Vec::new();
    // Later sources (a user's folder) replace earlier ones (built-in) of the same language.
    let mut top = None;
    let mut per_lang: BTreeMap<&str, &AssessmentSource<'_>> = BTreeMap::new();
    for src in sources {
        match src.lang {
            None => top = Some(src),
            Some(l) => {
                per_lang.insert(l, src);
            }
        }
    }
    let Some(top) = top else {
        return Err(vec![RuleError::in_file(
            "rules/assessment.yaml",
            "the assessment rules are missing",
        )]);
    };
    let raw: RawFile = match parse(top) {
        Ok(r) => r,
        Err(e) => return Err(vec![*e]),
    };
    // The language files are checked even when the top file has errors: report everything.
    let fact_ids: BTreeSet<String> = raw.offer.facts.iter().map(|f| f.id.clone()).collect();
    let top_result = validate_top(raw, catalog, top.shown);
    let mut cues = BTreeMap::new();
    for (lang, src) in per_lang {
        if !languages.contains(lang) {
            errors.push(RuleError::in_file(
                src.shown,
                format!("no language pack `{lang}` (add {lang}/language.yaml first)"),
            ));
            continue;
        }
        match parse::<RawLanguageFile>(src)
            .map_err(|e| vec![*e])
            .and_then(|raw| compile_language(raw, src, &fact_ids))
        {
            Ok(c) => {
                cues.insert(lang.to_string(), c);
            }
            Err(mut e) => errors.append(&mut e),
        }
    }
    match top_result {
        Ok(mut rules) if errors.is_empty() => {
            rules.languages = cues;
            Ok(rules)
        }
        Ok(_) => Err(errors),
        Err(mut e) => {
            e.append(&mut errors);
            Err(e)
        }
    }
}

pub(crate) fn parse<T: serde::de::DeserializeOwned>(
    src: &AssessmentSource<'_>,
) -> Result<T, Box<RuleError>> {
    if let Some(parsed) = src.json.and_then(|json| serde_json::from_str(json).ok()) {
        return Ok(parsed);
    }
    crate::rulefile::precheck_yaml(src.text)
        .map_err(|m| Box::new(RuleError::in_file(src.shown, m)))?;
    serde_yaml::from_str(src.text).map_err(|e| {
        let mut err = RuleError::in_file(src.shown, e.to_string());
        err.line = e.location().map(|l| l.line());
        Box::new(err)
    })
}

fn field_error(file: &str, field: &str, message: String) -> RuleError {
    RuleError {
        field: Some(field.to_string()),
        ..RuleError::in_file(file, message)
    }
}

/// Errors of one file, each naming the field.
pub(crate) struct Errors<'a> {
    pub(crate) file: &'a str,
    pub(crate) list: Vec<RuleError>,
}

impl Errors<'_> {
    pub(crate) fn push(&mut self, field: &str, message: String) {
        self.list.push(field_error(self.file, field, message));
    }

    /// Lists of dimensions ("at least one of these"), each non-empty and made of D1..D6.
    fn groups(&mut self, field: &str, lists: &[Vec<String>]) -> Vec<Vec<Dimension>> {
        let mut out = Vec::new();
        for list in lists {
            let ds: Vec<Dimension> = list.iter().filter_map(|s| Dimension::parse(s)).collect();
            if ds.len() != list.len() || ds.is_empty() {
                self.push(
                    field,
                    format!("{list:?}: each list needs one or more of D1..D6"),
                );
            }
            out.push(ds);
        }
        out
    }

    /// A dimension -> strength map of the mapping.
    fn strengths(&mut self, field: &str, map: &RawStrengths) -> Vec<(Dimension, Strength)> {
        if map.is_empty() {
            self.push(field, "name at least one dimension".into());
        }
        let mut out = Vec::new();
        for (name, s) in map {
            match Dimension::parse(name) {
                Some(d) => out.push((d, *s)),
                None => self.push(field, format!("unknown dimension {name:?} (use D1..D6)")),
            }
        }
        out
    }
}

/// The settings of a kind that tells of no case of its own (`kind.report`, `kind.advice`).
fn no_case_rules(e: &mut Errors<'_>, kind: &str, raw: RawNoCase) -> NoCaseRules {
    if raw.min_cues == 0 {
        e.push(
            &format!("kind.{kind}.min_cues"),
            format!("must be at least 1 (0 would read a text with no {kind} cue as {kind})"),
        );
    }
    let max_risk = match RiskLevel::parse(&raw.max_risk) {
        Some(level) if level != RiskLevel::NotAssessed => level,
        _ => {
            e.push(
                &format!("kind.{kind}.max_risk"),
                format!(
                    "unknown risk level {:?} (use none, low, medium, high)",
                    raw.max_risk
                ),
            );
            RiskLevel::Low
        }
    };
    NoCaseRules {
        min_cues: raw.min_cues,
        max_risk,
        outcome: Label::new(&raw.outcome.en, raw.outcome.ru.as_deref()),
        outcome_id: raw.outcome.id,
    }
}

fn validate_top(
    raw: RawFile,
    catalog: &Catalog,
    file: &str,
) -> Result<AssessmentRules, Vec<RuleError>> {
    let mut e = Errors {
        file,
        list: Vec::new(),
    };

    let mut dimensions = Vec::new();
    for d in Dimension::ALL {
        match raw.dimensions.get(d.as_str()) {
            Some(r) if !r.prompts.en.is_empty() => dimensions.push(DimensionInfo {
                name: Label::new(&r.en, r.ru.as_deref()),
                prompts_en: r.prompts.en.iter().map(|p| SharedText::new(p)).collect(),
                prompts_ru: r.prompts.ru.iter().map(|p| SharedText::new(p)).collect(),
            }),
            Some(_) => e.push(
                &format!("dimensions.{d}.prompts.en"),
                "give at least one follow-up question".into(),
            ),
            None => e.push("dimensions", format!("dimension {d} is missing")),
        }
    }
    for name in raw.dimensions.keys() {
        if Dimension::parse(name).is_none() {
            e.push(
                "dimensions",
                format!("unknown dimension {name:?} (use D1..D6)"),
            );
        }
    }

    let mut mapping = BTreeMap::new();
    for (i, m) in raw.mapping.iter().enumerate() {
        let field = format!("mapping[{i}]");
        let Some(ind) = catalog.get(&m.indicator) else {
            e.push(
                &format!("{field}.indicator"),
                format!(
                    "unknown indicator {:?}; valid ids: {}",
                    m.indicator,
                    catalog.ids().join(", ")
                ),
            );
            continue;
        };
        let compiled = match (&m.any_phase, &m.recruitment, &m.destination) {
            (Some(any), None, None) if m.unknown_phase.is_none() => {
                let both = e.strengths(&format!("{field}.any_phase"), any);
                IndicatorMapping {
                    recruitment: both.clone(),
                    destination: both,
                    unknown_phase: Phase::Destination,
                }
            }
            (None, Some(r), Some(d)) => {
                let recruitment = e.strengths(&format!("{field}.recruitment"), r);
                let destination = e.strengths(&format!("{field}.destination"), d);
                let unknown_phase = match m.unknown_phase {
                    Some(p @ (Phase::Recruitment | Phase::Destination)) => p,
                    _ => {
                        e.push(
                            &format!("{field}.unknown_phase"),
                            "say which phase to assume when the text does not say: recruitment or destination".into(),
                        );
                        Phase::Destination
                    }
                };
                IndicatorMapping {
                    recruitment,
                    destination,
                    unknown_phase,
                }
            }
            _ => {
                e.push(
                    &field,
                    format!(
                        "indicator {:?}: give either `any_phase`, or both `recruitment` and `destination` with `unknown_phase`",
                        m.indicator
                    ),
                );
                continue;
            }
        };
        // indicators.yaml lists the same dimensions: one source of truth, checked here.
        let mapped: BTreeSet<&str> = compiled
            .recruitment
            .iter()
            .chain(&compiled.destination)
            .map(|(d, _)| d.as_str())
            .collect();
        let listed: BTreeSet<&str> = ind.delphi.iter().map(String::as_str).collect();
        if mapped != listed {
            e.push(
                &field,
                format!(
                    "indicator {:?} maps to {mapped:?} here but indicators.yaml lists `delphi: {listed:?}`; make them agree",
                    m.indicator
                ),
            );
        }
        if mapping.insert(m.indicator.clone(), compiled).is_some() {
            e.push(
                &field,
                format!("indicator {:?} is mapped twice", m.indicator),
            );
        }
    }
    for id in catalog.ids() {
        if !mapping.contains_key(id) {
            e.push(
                "mapping",
                format!("indicator {id:?} has no mapping to the Delphi dimensions"),
            );
        }
    }

    if raw.positive_when.is_empty() {
        e.push(
            "positive_when",
            "give at least one combination that makes a dimension positive".into(),
        );
    }
    for (i, c) in raw.positive_when.iter().enumerate() {
        if c.strong + c.medium + c.weak == 0 {
            e.push(
                &format!("positive_when[{i}]"),
                "this combination asks for nothing, so every dimension would be positive".into(),
            );
        }
    }

    let reading = |e: &mut Errors<'_>, name: &str| match raw.readings.get(name) {
        Some(lists) if !lists.is_empty() => e.groups(&format!("readings.{name}"), lists),
        _ => {
            e.push(
                &format!("readings.{name}"),
                "the reading is missing or empty".into(),
            );
            Vec::new()
        }
    };
    let broad = reading(&mut e, "broad");
    let strict = reading(&mut e, "strict");
    if let Some(other) = raw
        .readings
        .keys()
        .find(|k| !matches!(k.as_str(), "broad" | "strict"))
    {
        e.push(
            "readings",
            format!("unknown reading {other:?} (use broad and strict)"),
        );
    }

    let mut outcomes = Vec::new();
    let n = raw.outcomes.len();
    let mut ids = BTreeSet::new();
    for (i, o) in raw.outcomes.iter().enumerate() {
        let field = format!("outcomes[{i}]");
        let condition = OutcomeCondition {
            reading: o.reading,
            positive: e.groups(&format!("{field}.positive"), &o.positive),
            present: e.groups(&format!("{field}.present"), &o.present),
            any_finding: o.any_finding,
        };
        let unconditional = !condition.reading
            && condition.positive.is_empty()
            && condition.present.is_empty()
            && !condition.any_finding;
        if unconditional != (i + 1 == n) {
            e.push(
                &field,
                "only the last outcome, and always the last, has no condition (so every text gets exactly one outcome)".into(),
            );
        }
        if !ids.insert(o.id.clone()) {
            e.push(&field, format!("outcome id {:?} is used twice", o.id));
        }
        outcomes.push(Outcome {
            id: o.id.clone(),
            condition,
            label: Label::new(&o.en, o.ru.as_deref()),
        });
    }
    if n == 0 {
        e.push("outcomes", "the outcome ladder is empty".into());
    }

    for (field, list) in [
        (
            "forced_labour.involuntariness",
            &raw.forced_labour.involuntariness,
        ),
        ("forced_labour.coercion", &raw.forced_labour.coercion),
    ] {
        if list.is_empty() {
            e.push(field, "list at least one indicator".into());
        }
        for id in list {
            if catalog.get(id).is_none() {
                e.push(field, format!("unknown indicator {id:?}"));
            }
        }
    }

    let mut from_level = BTreeMap::new();
    for (name, level) in &raw.offer.from_level {
        match RiskLevel::parse(name) {
            Some(l) => {
                from_level.insert(l, *level);
            }
            None => e.push(
                "offer.from_level",
                format!("unknown risk level {name:?} (use none, low, medium, high)"),
            ),
        }
    }
    for l in [
        RiskLevel::None,
        RiskLevel::Low,
        RiskLevel::Medium,
        RiskLevel::High,
    ] {
        if !from_level.contains_key(&l) {
            e.push("offer.from_level", format!("risk level {l} has no entry"));
        }
    }
    for level in [OfferLevel::Low, OfferLevel::Medium, OfferLevel::High] {
        if raw
            .offer
            .outcomes
            .iter()
            .filter(|o| o.level == level)
            .count()
            != 1
        {
            e.push(
                "offer.outcomes",
                format!("give exactly one outcome for level {level:?}"),
            );
        }
    }
    if raw.offer.raise_when_missing == 0 {
        e.push(
            "offer.raise_when_missing",
            "must be at least 1 (0 would raise every offer)".into(),
        );
    }
    if raw.kind.min_offer_cues == 0 {
        e.push(
            "kind.min_offer_cues",
            "must be at least 1 (0 would call a text with no offer cue an offer)".into(),
        );
    }
    let report = no_case_rules(&mut e, "report", raw.kind.report);
    let advice = no_case_rules(&mut e, "advice", raw.kind.advice);
    let mut fact_ids = BTreeSet::new();
    for f in &raw.offer.facts {
        if !fact_ids.insert(f.id.as_str()) {
            e.push("offer.facts", format!("fact id {:?} is used twice", f.id));
        }
    }

    if !e.list.is_empty() {
        return Err(e.list);
    }
    Ok(AssessmentRules {
        dimensions,
        mapping,
        positive_when: raw.positive_when,
        broad,
        strict,
        outcomes,
        involuntariness: raw.forced_labour.involuntariness,
        coercion: raw.forced_labour.coercion,
        forced_labour_caution: Label::new(
            &raw.forced_labour.caution.en,
            raw.forced_labour.caution.ru.as_deref(),
        ),
        offer: OfferRules {
            from_level,
            raise_when_missing: raw.offer.raise_when_missing,
            outcomes: raw
                .offer
                .outcomes
                .into_iter()
                .map(|o| (o.level, o.id, Label::new(&o.en, o.ru.as_deref())))
                .collect(),
            facts: raw
                .offer
                .facts
                .into_iter()
                .map(|f| FactInfo {
                    id: f.id,
                    role: f.role,
                    label: Label::new(&f.en, f.ru.as_deref()),
                })
                .collect(),
        },
        min_offer_cues: raw.kind.min_offer_cues,
        report,
        advice,
        phase_window: raw.phase.window,
        languages: BTreeMap::new(),
    })
}
