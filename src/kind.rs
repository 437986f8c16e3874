//! Tells a job offer from a person's account (`--kind auto`): counts the offer cues ("we
//! offer", "salary from", "вакансия", "пишите") and the account cues ("I was", "they took",
//! "мы приехали", "нам не платили") of each sentence's language, and decides with the rule in
//! rules/assessment.yaml (`kind.min_offer_cues`). An offer is read as recruitment risk.

use crate::assessment_cues::{ACCOUNT_SLOT, OFFER_SLOT};
use crate::assessment_rules::AssessmentRules;
use crate::cue_index::SentenceLists;
use serde::Serialize;
use std::ops::Range;

/// What the text is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum KindChoice {
    /// Decide from the text.
    #[default]
    Auto,
    /// A job advert or offer: read as recruitment risk.
    Offer,
    /// A person's account of what happened to them.
    Account,
}

/// The kind a report was read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Offer,
    Account,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Offer => "offer",
            Kind::Account => "account",
        }
    }
}

/// Occurrences of the cues in one text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct KindCues {
    pub offer: usize,
    pub account: usize,
}

impl std::ops::AddAssign for KindCues {
    fn add_assign(&mut self, other: KindCues) {
        self.offer += other.offer;
        self.account += other.account;
    }
}

/// Counts the cues in the sentences `lists` covers, each sentence with its own language's
/// lists, searched only in the sentences where `lists` says they may match.
pub fn count_cues(folded: &str, sentences: &[Range<usize>], lists: &SentenceLists<'_>) -> KindCues {
    let mut cues = KindCues::default();
    for i in lists.sentences() {
        let Some((_, words)) = lists.lang(i) else {
            continue;
        };
        let text = &folded[sentences[i].clone()];
        let count = |set: &Option<crate::term::TermSet>, slot| match set {
            Some(set) => lists.count(set, slot, i, text),
            None => 0,
        };
        cues.offer += count(&words.offer, OFFER_SLOT);
        cues.account += count(&words.account, ACCOUNT_SLOT);
    }
    cues
}

/// The documented rule: an offer needs at least `min_offer_cues` offer cues and more offer
/// cues than account cues; anything else is read as an account.
pub fn decide(cues: KindCues, rules: &AssessmentRules) -> Kind {
    if cues.offer >= rules.min_offer_cues && cues.offer > cues.account {
        Kind::Offer
    } else {
        Kind::Account
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fold::fold;
    use crate::ruleset::RuleSet;
    use std::collections::HashSet;

    fn classify(text: &str, lang: &str) -> (Kind, KindCues) {
        let rules = RuleSet::builtin().unwrap();
        let sentences = crate::text::sentences(text, &HashSet::new());
        let langs = vec![Some(lang.to_string()); sentences.len()];
        let folded = fold(text);
        let lists = SentenceLists::new(&folded, &sentences, &langs, &rules.assessment);
        let cues = count_cues(&folded, &sentences, &lists);
        (decide(cues, &rules.assessment), cues)
    }

    #[test]
    fn the_decision_rule_branches() {
        let rules = RuleSet::builtin().unwrap().assessment;
        let min = rules.min_offer_cues;
        let k = |offer, account| decide(KindCues { offer, account }, &rules);
        assert_eq!(k(min, 0), Kind::Offer);
        assert_eq!(k(min - 1, 0), Kind::Account, "too few offer cues");
        assert_eq!(k(min + 3, min + 3), Kind::Account, "a tie is an account");
        assert_eq!(k(min + 3, min + 2), Kind::Offer);
        assert_eq!(k(0, 0), Kind::Account);
    }

    #[test]
    fn adverts_and_accounts_in_english() {
        let (k, c) = classify(
            "We are hiring drivers for a logistics firm. Requirements: licence C. \
             Salary from 2000 EUR per month. Call us today.",
            "en",
        );
        assert_eq!(k, Kind::Offer, "{c:?}");
        let (k, c) = classify(
            "I came to the city in May. The boss took my passport and we worked \
             every night. They told me I owed them for the flight.",
            "en",
        );
        assert_eq!(k, Kind::Account, "{c:?}");
    }

    #[test]
    fn adverts_and_accounts_in_russian() {
        let (k, c) = classify(
            "Требуются разнорабочие на склад. Зарплата от 90 000 руб. Пишите в вацап.",
            "ru",
        );
        assert_eq!(k, Kind::Offer, "{c:?}");
        let (k, c) = classify(
            "Мы приехали в марте. Бригадир забрал паспорта, нам не платили три месяца.",
            "ru",
        );
        assert_eq!(k, Kind::Account, "{c:?}");
    }
}
