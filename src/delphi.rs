//! The Delphi arithmetic, as pure functions over the data of rules/assessment.yaml: which
//! dimensions are positive given the indicators in them, whether a reading (broad or strict)
//! holds, and which outcome of the ladder a text gets.

use crate::assessment_rules::{AssessmentRules, Dimension, Outcome};
use crate::catalog::Strength;
use crate::policy::{Counts, Threshold};
use std::collections::{BTreeMap, BTreeSet};

/// True when one of the combinations holds (each count is "at least").
pub fn is_positive(counts: Counts, rules: &[Threshold]) -> bool {
    rules.iter().any(|r| r.holds(&counts))
}

/// Every list has at least one dimension in `positive`.
pub fn groups_hold(groups: &[Vec<Dimension>], positive: &BTreeSet<Dimension>) -> bool {
    groups
        .iter()
        .all(|g| g.iter().any(|d| positive.contains(d)))
}

/// Which reading a report uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    Broad,
    Strict,
}

impl Reading {
    pub fn as_str(self) -> &'static str {
        match self {
            Reading::Broad => "broad",
            Reading::Strict => "strict",
        }
    }
}

/// The state of the six dimensions for one text.
#[derive(Debug, Clone, Default)]
pub struct DimensionState {
    pub counts: BTreeMap<Dimension, Counts>,
    pub positive: BTreeSet<Dimension>,
    /// Dimensions with at least one indicator.
    pub present: BTreeSet<Dimension>,
}

impl DimensionState {
    /// From (indicator, dimension, strength) entries; an indicator counts once per dimension,
    /// at its strongest there.
    pub fn from_entries(entries: &[(&str, Dimension, Strength)], rules: &AssessmentRules) -> Self {
        let mut strongest: BTreeMap<(Dimension, &str), Strength> = BTreeMap::new();
        for &(ind, d, s) in entries {
            let e = strongest.entry((d, ind)).or_insert(s);
            // `Strength` orders strong < medium < weak.
            *e = (*e).min(s);
        }
        let mut state = DimensionState::default();
        for ((d, _), s) in strongest {
            state.counts.entry(d).or_default().add(s);
            state.present.insert(d);
        }
        for (d, c) in &state.counts {
            if is_positive(*c, &rules.positive_when) {
                state.positive.insert(*d);
            }
        }
        state
    }
}

/// True when the reading holds.
pub fn reading_holds(rules: &AssessmentRules, reading: Reading, state: &DimensionState) -> bool {
    let groups = match reading {
        Reading::Broad => &rules.broad,
        Reading::Strict => &rules.strict,
    };
    groups_hold(groups, &state.positive)
}

/// The first outcome of the ladder whose conditions all hold. The last outcome has no
/// condition (validated when loading), so there is always one.
pub fn outcome<'a>(
    rules: &'a AssessmentRules,
    reading: Reading,
    state: &DimensionState,
    any_finding: bool,
) -> &'a Outcome {
    let holds = reading_holds(rules, reading, state);
    rules
        .outcomes
        .iter()
        .find(|o| {
            let c = &o.condition;
            (!c.reading || holds)
                && groups_hold(&c.positive, &state.positive)
                && groups_hold(&c.present, &state.present)
                && (!c.any_finding || any_finding)
        })
        .unwrap_or_else(|| {
            rules
                .outcomes
                .last()
                .expect("validated: the ladder is not empty")
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ruleset::RuleSet;
    use Dimension::*;
    use Strength::*;

    fn rules() -> AssessmentRules {
        RuleSet::builtin().unwrap().assessment
    }

    fn counts(strong: usize, medium: usize, weak: usize) -> Counts {
        Counts {
            strong,
            medium,
            weak,
        }
    }

    #[test]
    fn positivity_follows_the_published_rule() {
        let r = rules();
        let p = |s, m, w| is_positive(counts(s, m, w), &r.positive_when);
        // Each combination that makes a dimension positive.
        assert!(p(2, 0, 0), "2 strong");
        assert!(p(1, 1, 0), "1 strong + 1 medium");
        assert!(p(1, 0, 1), "1 strong + 1 weak");
        assert!(p(0, 3, 0), "3 medium");
        assert!(p(0, 2, 1), "2 medium + 1 weak");
        // More than enough still holds.
        assert!(p(3, 2, 4));
        // Not enough: one strong alone, weak ones alone, 2 medium, 1 medium + weak ones.
        assert!(!p(0, 0, 0));
        assert!(!p(1, 0, 0), "one strong alone");
        assert!(!p(0, 0, 5), "weak ones alone");
        assert!(!p(0, 2, 0), "2 medium");
        assert!(!p(0, 1, 3), "1 medium + weak ones");
        assert!(!p(0, 1, 0));
    }

    fn state(positive: &[Dimension], present: &[Dimension]) -> DimensionState {
        DimensionState {
            counts: BTreeMap::new(),
            positive: positive.iter().copied().collect(),
            present: present.iter().chain(positive).copied().collect(),
        }
    }

    #[test]
    fn broad_reading_needs_recruitment_conditions_and_coercion() {
        let r = rules();
        let broad = |p: &[Dimension]| reading_holds(&r, Reading::Broad, &state(p, &[]));
        for rec in [D1, D2, D3] {
            for coer in [D5, D6] {
                assert!(broad(&[rec, D4, coer]), "{rec} D4 {coer}");
            }
        }
        assert!(!broad(&[D1, D4]), "no coercion dimension");
        assert!(!broad(&[D4, D5]), "no recruitment dimension");
        assert!(!broad(&[D1, D2, D3, D5, D6]), "no exploitative conditions");
    }

    #[test]
    fn strict_reading_leaves_out_abuse_of_vulnerability() {
        let r = rules();
        let strict = |p: &[Dimension]| reading_holds(&r, Reading::Strict, &state(p, &[]));
        assert!(strict(&[D1, D4, D5]));
        assert!(strict(&[D2, D4, D5]));
        assert!(!strict(&[D3, D4, D5]), "D3 is not enough");
        assert!(!strict(&[D1, D4, D6]), "D6 is not enough");
        assert!(!strict(&[D1, D5]));
        // The broad reading accepts what the strict one refuses.
        assert!(reading_holds(
            &r,
            Reading::Broad,
            &state(&[D3, D4, D6], &[])
        ));
    }

    #[test]
    fn every_step_of_the_ladder() {
        let r = rules();
        let id = |p: &[Dimension], present: &[Dimension], any: bool, reading| {
            outcome(&r, reading, &state(p, present), any).id.clone()
        };
        use Reading::*;
        assert_eq!(
            id(&[D1, D4, D5], &[], true, Broad),
            "trafficking-screen-positive"
        );
        assert_eq!(
            id(&[D3, D4, D6], &[], true, Broad),
            "trafficking-screen-positive"
        );
        // Strict refuses D3/D6; D4 present and no D1 -> labour-rights case.
        assert_eq!(id(&[D3, D4, D6], &[], true, Strict), "exploited-migrant");
        assert_eq!(id(&[D1, D4], &[], true, Broad), "deceived-and-exploited");
        // D1 positive and D4 only present (not positive) is still deceived and exploited.
        assert_eq!(id(&[D1], &[D4], true, Broad), "deceived-and-exploited");
        assert_eq!(id(&[D1, D5], &[D4], true, Broad), "deceived-and-exploited");
        assert_eq!(id(&[D4], &[], true, Broad), "exploited-migrant");
        assert_eq!(id(&[], &[D4], true, Broad), "exploited-migrant");
        // Findings but nothing in D4: signs below the threshold.
        assert_eq!(id(&[D1], &[], true, Broad), "signs-below-threshold");
        assert_eq!(id(&[D5], &[D2], true, Broad), "signs-below-threshold");
        assert_eq!(id(&[], &[D1], true, Broad), "signs-below-threshold");
        assert_eq!(id(&[], &[], false, Broad), "no-signs");
    }

    #[test]
    fn an_indicator_counts_once_per_dimension_at_its_strongest() {
        let r = rules();
        let s = DimensionState::from_entries(
            &[
                ("retention-of-identity-documents", D5, Strong),
                ("retention-of-identity-documents", D5, Strong),
                ("isolation", D5, Medium),
                ("isolation", D5, Strong),
            ],
            &r,
        );
        assert_eq!(s.counts[&D5], counts(2, 0, 0));
        assert!(s.positive.contains(&D5));
        let s = DimensionState::from_entries(&[("deception", D1, Strong)], &r);
        assert!(s.present.contains(&D1) && !s.positive.contains(&D1));
    }
}
