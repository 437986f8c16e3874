//! Tags evidence with the phase it describes: recruitment (before leaving home) or
//! destination (at the place of work), from the rule's own `phase:` or from phase cues in the
//! text ("before I left", "when we arrived", "по приезде"), which is what the Delphi
//! strengths depend on. Works on the scan result; the matcher is not involved.

use crate::assessment_cues::{DESTINATION_SLOT, RECRUITMENT_SLOT};
use crate::assessment_rules::Phase;
use crate::cue_index::SentenceLists;
use std::ops::Range;

/// The phase cues of one text, by sentence.
#[derive(Debug, Clone)]
pub struct PhaseMap {
    /// Per sentence: the cues in it (document byte offset of the cue, phase), in order.
    cues: Vec<Vec<(usize, Phase)>>,
    /// Per sentence: the phase carried from a cue in one of the `window` sentences before it.
    carried: Vec<Phase>,
}

impl PhaseMap {
    /// Finds the cues of each sentence's language in the folded text, searching each list
    /// only where `lists` says it may match. A cue sets the phase of its own sentence and of
    /// the next `window` sentences, until another cue.
    pub fn new(
        folded: &str,
        sentences: &[Range<usize>],
        lists: &SentenceLists<'_>,
        window: usize,
    ) -> Self {
        let mut cues = Vec::with_capacity(sentences.len());
        for (i, range) in sentences.iter().enumerate() {
            let mut found = Vec::new();
            if let Some((_, words)) = lists.lang(i) {
                let text = &folded[range.clone()];
                for (set, slot, phase) in [
                    (&words.recruitment, RECRUITMENT_SLOT, Phase::Recruitment),
                    (&words.destination, DESTINATION_SLOT, Phase::Destination),
                ] {
                    if let Some(set) = set {
                        found.extend(
                            lists
                                .find_all(set, slot, i, text)
                                .into_iter()
                                .map(|(s, _)| (s + range.start, phase)),
                        );
                    }
                }
            }
            found.sort_unstable();
            cues.push(found);
        }
        let mut carried = Vec::with_capacity(sentences.len());
        let mut last: Option<(usize, Phase)> = None;
        for (i, sentence_cues) in cues.iter().enumerate() {
            carried.push(match last {
                Some((at, phase)) if i - at <= window => phase,
                _ => Phase::Unknown,
            });
            if let Some(&(_, phase)) = sentence_cues.last() {
                last = Some((i, phase));
            }
        }
        PhaseMap { cues, carried }
    }

    /// The phase of a match at byte `offset` in sentence `sentence`: the nearest cue before it
    /// in the sentence, else the first cue after it in the sentence, else the carried phase.
    pub fn at(&self, sentence: usize, offset: usize) -> Phase {
        let cues = &self.cues[sentence];
        cues.iter()
            .rev()
            .find(|(at, _)| *at <= offset)
            .or_else(|| cues.first())
            .map_or(self.carried[sentence], |(_, p)| *p)
    }
}

/// The phase of one piece of evidence: the rule's own phase first, then the text's cues.
pub fn evidence_phase(
    rule_phase: Option<Phase>,
    map: &PhaseMap,
    sentence: usize,
    offset: usize,
) -> Phase {
    rule_phase.unwrap_or_else(|| map.at(sentence, offset))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fold::fold;
    use crate::ruleset::RuleSet;
    use std::collections::HashSet;

    fn phases(text: &str, lang: &str, probes: &[&str]) -> Vec<Phase> {
        let rules = RuleSet::builtin().unwrap();
        let sentences = crate::text::sentences(text, &HashSet::new());
        let langs = vec![Some(lang.to_string()); sentences.len()];
        let folded = fold(text);
        let lists = SentenceLists::new(&folded, &sentences, &langs, &rules.assessment);
        let map = PhaseMap::new(&folded, &sentences, &lists, rules.assessment.phase_window);
        probes
            .iter()
            .map(|p| {
                let at = text.find(p).unwrap();
                let s = sentences.iter().position(|r| r.contains(&at)).unwrap();
                map.at(s, at)
            })
            .collect()
    }

    use Phase::*;

    #[test]
    fn a_cue_sets_its_sentence_and_what_follows_within_the_window() {
        let text = "Before I left, the agent asked for money. He kept my passport. \
                    When we arrived the boss locked the gate. We worked every day. \
                    Food was bad. Nobody helped. Then winter came.";
        assert_eq!(
            phases(
                text,
                "en",
                &[
                    "asked for money",
                    "kept my passport",
                    "locked the gate",
                    "worked every",
                    "Food",
                    "Nobody",
                    "winter"
                ]
            ),
            [
                Recruitment,
                Recruitment,
                Destination,
                Destination,
                Destination,
                Destination,
                Unknown
            ]
        );
    }

    #[test]
    fn two_cues_in_one_sentence_the_nearest_before_wins() {
        let text = "The recruiter took my passport and when we landed the foreman kept it.";
        assert_eq!(
            phases(text, "en", &["took my passport", "kept it"]),
            [Recruitment, Destination]
        );
        // A cue after the match in the same sentence still applies when none is before it.
        assert_eq!(
            phases("He took my passport on arrival.", "en", &["took"]),
            [Destination]
        );
    }

    #[test]
    fn russian_cues_on_folded_text() {
        let text = "Ещё дома посредник взял деньги за билет. По приезде бригадир забрал паспорта. Потом не платили.";
        assert_eq!(
            phases(text, "ru", &["взял деньги", "забрал", "не платили"]),
            [Recruitment, Destination, Destination]
        );
    }

    #[test]
    fn no_cue_is_unknown_and_a_rule_phase_comes_first() {
        let text = "The foreman took our passports.";
        assert_eq!(phases(text, "en", &["took"]), [Unknown]);
        let rules = RuleSet::builtin().unwrap();
        let s: Vec<Range<usize>> = std::iter::once(0..text.len()).collect();
        let folded = fold(text);
        let lists = SentenceLists::new(&folded, &s, &[Some("en")], &rules.assessment);
        let map = PhaseMap::new(&folded, &s, &lists, rules.assessment.phase_window);
        assert_eq!(evidence_phase(Some(Recruitment), &map, 0, 4), Recruitment);
        assert_eq!(evidence_phase(None, &map, 0, 4), Unknown);
    }
}
