//! The words of the structured assessment per language (rules/<lang>/assessment.yaml):
//! phase cues, offer, account and report cues, and the terms that show each offer fact, parsed,
//! validated (errors name the file and the field) and compiled into term sets.

use crate::assessment_rules::{AssessmentSource, Errors};
use crate::cue_index::ListIndex;
use crate::rulefile::RuleError;
use crate::term::TermSet;
use serde::Deserialize;
use std::collections::BTreeSet;
use std::sync::OnceLock;

/// How one offer fact is found in one language.
#[derive(Debug, Clone)]
pub enum FactCondition {
    Any(Box<TermSet>),
    All {
        groups: Vec<TermSet>,
        within: Option<usize>,
    },
}

#[derive(Debug, Clone)]
pub struct FactTerms {
    pub fact: String,
    pub condition: FactCondition,
    pub unless: Option<TermSet>,
    pub examples_match: Vec<String>,
    pub examples_no_match: Vec<String>,
    /// The slot of the first condition list in [`LanguageCues::index`]; the other condition
    /// lists follow it in order, then `unless`.
    pub first_slot: usize,
}

impl FactTerms {
    /// The lists of the condition, in order (one for `any`).
    pub fn condition_lists(&self) -> &[TermSet] {
        match &self.condition {
            FactCondition::Any(set) => std::slice::from_ref(set.as_ref()),
            FactCondition::All { groups, .. } => groups,
        }
    }

    /// The slot of `unless` in [`LanguageCues::index`].
    pub fn unless_slot(&self) -> usize {
        self.first_slot + self.condition_lists().len()
    }
}

/// The words of one language for the assessment.
#[derive(Debug, Clone)]
pub struct LanguageCues {
    pub recruitment: Option<TermSet>,
    pub destination: Option<TermSet>,
    pub offer: Option<TermSet>,
    pub account: Option<TermSet>,
    /// Cues of a report about other people (news, a court case, a study, a story).
    pub report: Option<TermSet>,
    /// Cues of one person's case (the first person, a caseworker's "the client"): a text
    /// with one is never read as a report or as advice.
    pub case: Option<TermSet>,
    /// Phrases of opinion that hold a case cue but tell of no case ("на мой взгляд", "in my
    /// opinion"): a sentence is a case only with more case cues than these (a review that
    /// says "in my view" is still a review).
    pub not_case: Option<TermSet>,
    /// Cues of advice to the reader (a leaflet, a guide, a training handout): "do not hand
    /// over", "be careful", "hotline", "before you travel".
    pub advice: Option<TermSet>,
    pub facts: Vec<FactTerms>,
    /// All the lists' anchors, built on first use (commands that screen no text never need it).
    index: OnceLock<ListIndex>,
}

/// Slots of the cue lists in [`LanguageCues::index`]; the offer facts' lists follow.
pub const RECRUITMENT_SLOT: usize = 0;
pub const DESTINATION_SLOT: usize = 1;
pub const OFFER_SLOT: usize = 2;
pub const ACCOUNT_SLOT: usize = 3;
pub const REPORT_SLOT: usize = 4;
pub const CASE_SLOT: usize = 5;
pub const ADVICE_SLOT: usize = 6;
pub const NOT_CASE_SLOT: usize = 7;
const FIRST_FACT_SLOT: usize = 8;

impl LanguageCues {
    /// Every list by its slot (None where the language has no such list).
    pub fn term_lists(&self) -> Vec<Option<&TermSet>> {
        let mut lists = vec![
            self.recruitment.as_ref(),
            self.destination.as_ref(),
            self.offer.as_ref(),
            self.account.as_ref(),
            self.report.as_ref(),
            self.case.as_ref(),
            self.advice.as_ref(),
            self.not_case.as_ref(),
        ];
        for fact in &self.facts {
            debug_assert_eq!(lists.len(), fact.first_slot);
            lists.extend(fact.condition_lists().iter().map(Some));
            lists.push(fact.unless.as_ref());
        }
        lists
    }

    /// One automaton over the anchors of every list, to tell in one pass per sentence which
    /// lists may match in it.
    pub fn index(&self) -> &ListIndex {
        self.index
            .get_or_init(|| ListIndex::new(&self.term_lists()))
    }
}

/// rules/<lang>/assessment.yaml
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawLanguageFile {
    phase_cues: RawPhaseCues,
    kind_cues: RawKindCues,
    #[serde(default)]
    offer_facts: Vec<RawFactTerms>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPhaseCues {
    #[serde(default)]
    recruitment: Vec<String>,
    #[serde(default)]
    destination: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawKindCues {
    #[serde(default)]
    offer: Vec<String>,
    #[serde(default)]
    account: Vec<String>,
    #[serde(default)]
    report: Vec<String>,
    #[serde(default)]
    case: Vec<String>,
    #[serde(default)]
    advice: Vec<String>,
    #[serde(default)]
    not_case: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFactTerms {
    fact: String,
    any: Option<Vec<String>>,
    all: Option<Vec<Vec<String>>>,
    within: Option<usize>,
    /// Exceptions: the fact is not stated in a sentence with one of these terms.
    #[serde(default)]
    unless: Vec<String>,
    examples: RawFactExamples,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFactExamples {
    #[serde(rename = "match")]
    matching: Vec<String>,
    #[serde(default)]
    no_match: Vec<String>,
}

pub(crate) fn compile_language(
    raw: RawLanguageFile,
    src: &AssessmentSource<'_>,
    fact_ids: &BTreeSet<String>,
) -> Result<LanguageCues, Vec<RuleError>> {
    let mut e = Errors {
        file: src.shown,
        list: Vec::new(),
    };
    // Built-in term lists are compiled by the test suite; a user's are compiled now, so a
    // mistake is reported at load time with the file and field.
    let terms = |e: &mut Errors<'_>, field: &str, list: &[String]| -> Option<TermSet> {
        if list.is_empty() {
            return None;
        }
        match TermSet::new(list).and_then(|t| {
            if !src.builtin {
                t.validate()?;
            }
            Ok(t)
        }) {
            Ok(t) => Some(t),
            Err(err) => {
                e.push(field, err.0);
                None
            }
        }
    };
    let recruitment = terms(
        &mut e,
        "phase_cues.recruitment",
        &raw.phase_cues.recruitment,
    );
    let destination = terms(
        &mut e,
        "phase_cues.destination",
        &raw.phase_cues.destination,
    );
    let offer = terms(&mut e, "kind_cues.offer", &raw.kind_cues.offer);
    let account = terms(&mut e, "kind_cues.account", &raw.kind_cues.account);
    let report = terms(&mut e, "kind_cues.report", &raw.kind_cues.report);
    let case = terms(&mut e, "kind_cues.case", &raw.kind_cues.case);
    let advice = terms(&mut e, "kind_cues.advice", &raw.kind_cues.advice);
    let not_case = terms(&mut e, "kind_cues.not_case", &raw.kind_cues.not_case);
    let mut facts: Vec<FactTerms> = Vec::new();
    let mut next_slot = FIRST_FACT_SLOT;
    let mut seen = BTreeSet::new();
    for (i, f) in raw.offer_facts.iter().enumerate() {
        let field = format!("offer_facts[{i}]");
        if !fact_ids.contains(f.fact.as_str()) {
            e.push(
                &format!("{field}.fact"),
                format!(
                    "unknown fact {:?}; the facts are listed under offer.facts in assessment.yaml: {}",
                    f.fact,
                    fact_ids.iter().map(String::as_str).collect::<Vec<_>>().join(", ")
                ),
            );
            continue;
        }
        if !seen.insert(f.fact.clone()) {
            e.push(&field, format!("fact {:?} is given twice", f.fact));
        }
        if f.examples.matching.is_empty() {
            e.push(
                &format!("{field}.examples"),
                "give at least one `match` example".into(),
            );
        }
        let condition = match (&f.any, &f.all) {
            (Some(any), None) if f.within.is_none() => terms(&mut e, &format!("{field}.any"), any)
                .map(|set| FactCondition::Any(Box::new(set))),
            (None, Some(all)) if all.len() >= 2 => {
                let groups: Vec<TermSet> = all
                    .iter()
                    .filter_map(|list| terms(&mut e, &format!("{field}.all"), list))
                    .collect();
                (groups.len() == all.len()).then_some(FactCondition::All {
                    groups,
                    within: f.within,
                })
            }
            _ => {
                e.push(
                    &field,
                    "give `any` (one list), or `all` (two or more lists, optional `within`)".into(),
                );
                None
            }
        };
        let unless = terms(&mut e, &format!("{field}.unless"), &f.unless);
        if let Some(condition) = condition {
            let fact = FactTerms {
                fact: f.fact.clone(),
                condition,
                unless,
                examples_match: f.examples.matching.clone(),
                examples_no_match: f.examples.no_match.clone(),
                first_slot: next_slot,
            };
            next_slot = fact.unless_slot() + 1;
            facts.push(fact);
        }
    }
    if e.list.is_empty() {
        Ok(LanguageCues {
            recruitment,
            destination,
            offer,
            account,
            report,
            case,
            advice,
            not_case,
            facts,
            index: OnceLock::new(),
        })
    } else {
        Err(e.list)
    }
}
