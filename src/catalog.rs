//! The indicator catalogue (rules/indicators.yaml): the 16 stable indicator ids with their
//! strength, Palermo element, Delphi dimensions and plain-language texts per language.

use crate::shared_text::SharedText;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::sync::OnceLock;

/// How much one indicator weighs on its own (../shared/indicators.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Strength {
    Strong,
    Medium,
    Weak,
}

impl Strength {
    pub fn as_str(self) -> &'static str {
        match self {
            Strength::Strong => "strong",
            Strength::Medium => "medium",
            Strength::Weak => "weak",
        }
    }
}

impl fmt::Display for Strength {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The element of the Palermo Protocol definition an indicator speaks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Palermo {
    Act,
    Means,
    Purpose,
}

impl Palermo {
    pub fn as_str(self) -> &'static str {
        match self {
            Palermo::Act => "act",
            Palermo::Means => "means",
            Palermo::Purpose => "purpose",
        }
    }
}

/// Texts about one indicator in one language.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorText {
    pub title: String,
    /// A sentence that shows the indicator, for handouts; it must fire the indicator.
    pub example: String,
    pub what: String,
    pub why: String,
    pub framework: String,
    pub questions: Vec<String>,
    /// The texts as findings carry them, made on first use.
    #[serde(skip)]
    finding_texts: OnceLock<FindingTexts>,
}

/// The texts of an indicator as a finding carries them: trimmed, and shared by every report
/// (see [`SharedText`]).
#[derive(Debug, Clone)]
pub struct FindingTexts {
    pub title: SharedText,
    pub what: SharedText,
    pub why: SharedText,
    pub framework: SharedText,
    pub questions: Vec<SharedText>,
}

impl IndicatorText {
    pub fn finding_texts(&self) -> &FindingTexts {
        self.finding_texts.get_or_init(|| FindingTexts {
            title: SharedText::new(&self.title),
            what: SharedText::new(self.what.trim()),
            why: SharedText::new(self.why.trim()),
            framework: SharedText::new(self.framework.trim()),
            questions: self.questions.iter().map(|q| SharedText::new(q)).collect(),
        })
    }
}

/// One indicator as written in indicators.yaml.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    pub id: String,
    pub strength: Strength,
    pub palermo: Palermo,
    pub delphi: Vec<String>,
    pub en: IndicatorText,
    #[serde(default)]
    pub ru: Option<IndicatorText>,
}

impl Indicator {
    /// The texts in `lang`, falling back to English.
    pub fn text(&self, lang: &str) -> &IndicatorText {
        match lang {
            "ru" => self.ru.as_ref().unwrap_or(&self.en),
            _ => &self.en,
        }
    }
}

/// The general text of the workshop handout in one language.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HandoutText {
    pub title: String,
    pub intro: String,
    pub seek_help_title: String,
    pub seek_help: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CatalogFile {
    indicators: Vec<Indicator>,
    handout: BTreeMap<String, HandoutText>,
}

/// All indicators, in the order of the file.
#[derive(Debug, Clone)]
pub struct Catalog {
    indicators: Vec<Indicator>,
    by_id: BTreeMap<String, usize>,
    handout: BTreeMap<String, HandoutText>,
}

impl Catalog {
    /// Parses and validates indicators.yaml; errors are plain messages (the caller adds the file).
    pub fn parse(yaml: &str) -> Result<Self, String> {
        Self::parse_with_json(yaml, None)
    }

    /// Like [`Catalog::parse`], reading the file's JSON form when given (built-in files).
    pub fn parse_with_json(yaml: &str, json: Option<&str>) -> Result<Self, String> {
        let file: CatalogFile =
            crate::rulefile::from_json_or_yaml(yaml, json).map_err(|e| e.to_string())?;
        let mut by_id = BTreeMap::new();
        for (i, ind) in file.indicators.iter().enumerate() {
            if by_id.insert(ind.id.clone(), i).is_some() {
                return Err(format!("indicator id {:?} is defined twice", ind.id));
            }
            for text in std::iter::once(&ind.en).chain(ind.ru.as_ref()) {
                if text.title.trim().is_empty()
                    || text.what.trim().is_empty()
                    || text.example.trim().is_empty()
                    || text.questions.is_empty()
                {
                    return Err(format!(
                        "indicator {:?} needs a title, a `what`, an `example` and at least one question",
                        ind.id
                    ));
                }
            }
            if let Some(bad) = ind
                .delphi
                .iter()
                .find(|d| !matches!(d.as_str(), "D1" | "D2" | "D3" | "D4" | "D5" | "D6"))
            {
                return Err(format!(
                    "indicator {:?}: unknown Delphi dimension {bad:?} (use D1..D6)",
                    ind.id
                ));
            }
        }
        if !file.handout.contains_key("en") {
            return Err("`handout` needs an `en` text".to_string());
        }
        Ok(Catalog {
            indicators: file.indicators,
            by_id,
            handout: file.handout,
        })
    }

    /// The handout text in `lang`, falling back to English.
    pub fn handout(&self, lang: &str) -> &HandoutText {
        self.handout
            .get(lang)
            .or_else(|| self.handout.get("en"))
            .expect("validated in parse")
    }

    pub fn get(&self, id: &str) -> Option<&Indicator> {
        self.by_id.get(id).map(|&i| &self.indicators[i])
    }

    pub fn iter(&self) -> impl Iterator<Item = &Indicator> {
        self.indicators.iter()
    }

    /// Position of an indicator in the catalogue, used to order reports stably.
    pub fn position(&self, id: &str) -> usize {
        self.by_id.get(id).copied().unwrap_or(usize::MAX)
    }

    /// All ids, for error messages that list the valid choices.
    pub fn ids(&self) -> Vec<&str> {
        self.indicators.iter().map(|i| i.id.as_str()).collect()
    }
}
