//! Splits a text into pieces at every evidence-span boundary, so that renderers can highlight
//! overlapping and nested evidence of different findings: each piece knows every finding
//! whose evidence covers it.

use crate::report::Report;
use std::ops::Range;

/// A stretch of the text with the findings (indices into `report.findings`) whose evidence
/// covers all of it, and the findings whose evidence span ends exactly where it ends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Piece {
    pub range: Range<usize>,
    /// Findings covering this piece, in report order; empty for plain text.
    pub covered_by: Vec<usize>,
    /// Findings with an evidence span ending at `range.end` (where a label belongs).
    pub ends: Vec<usize>,
}

/// Cuts `text` into pieces at every start and end of an evidence span of `report`. Spans
/// outside the text or not on character boundaries are ignored rather than trusted.
pub fn pieces(report: &Report, text: &str) -> Vec<Piece> {
    // (offset, finding, +1 for a start / -1 for an end)
    let mut events: Vec<(usize, usize, i32)> = Vec::new();
    for (i, f) in report.findings.iter().enumerate() {
        for e in &f.evidence {
            let valid = e.start < e.end
                && e.end <= text.len()
                && text.is_char_boundary(e.start)
                && text.is_char_boundary(e.end);
            if valid {
                events.push((e.start, i, 1));
                events.push((e.end, i, -1));
            }
        }
    }
    events.sort_unstable();

    let mut active = vec![0i32; report.findings.len()];
    let mut out: Vec<Piece> = Vec::new();
    let mut pos = 0;
    let mut next = 0;
    while pos < text.len() {
        // Apply every event at `pos`, noting the spans that end here.
        let mut ending: Vec<usize> = Vec::new();
        while next < events.len() && events[next].0 == pos {
            let (_, finding, delta) = events[next];
            active[finding] += delta;
            if delta < 0 && !ending.contains(&finding) {
                ending.push(finding);
            }
            next += 1;
        }
        if let Some(last) = out.last_mut() {
            last.ends = ending;
        }
        let end = events.get(next).map_or(text.len(), |e| e.0.min(text.len()));
        let covered_by = (0..active.len()).filter(|&i| active[i] > 0).collect();
        out.push(Piece {
            range: pos..end,
            covered_by,
            ends: Vec::new(),
        });
        pos = end;
    }
    // Spans ending at the very end of the text.
    let mut ending: Vec<usize> = events[next..]
        .iter()
        .filter(|e| e.2 < 0)
        .map(|e| e.1)
        .collect();
    ending.dedup();
    if let Some(last) = out.last_mut() {
        last.ends = ending;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{Palermo, Strength};
    use crate::policy::{Risk, RiskLevel};
    use crate::report::{Evidence, Finding, Language, PalermoSummary};

    fn evidence(start: usize, end: usize) -> Evidence {
        Evidence {
            sentence: String::new(),
            matched: String::new(),
            start,
            end,
            line: 1,
            column: start + 1,
            sentence_start: 0,
            sentence_end: 0,
            rule: "r".into(),
            phase: Default::default(),
        }
    }

    fn report(spans: &[&[(usize, usize)]]) -> Report {
        let findings = spans
            .iter()
            .enumerate()
            .map(|(i, s)| Finding {
                indicator: format!("ind-{i}"),
                title: "".into(),
                strength: Strength::Weak,
                palermo: Palermo::Act,
                rule: "r".into(),
                rules: vec![],
                explanation: "".into(),
                why: "".into(),
                framework: "".into(),
                questions: vec![],
                evidence: s.iter().map(|&(a, b)| evidence(a, b)).collect(),
                phase: Vec::new(),
            })
            .collect();
        Report {
            schema_version: 1,
            source: "-".into(),
            id: None,
            fields: None,
            warnings: Vec::new(),
            language: Language {
                detected: "en".into(),
                assessed: vec!["en".into()],
                coverage: 1.0,
                note: None,
                explanations: "en".into(),
            },
            risk: Risk {
                level: RiskLevel::Low,
                score: 1,
                reason: String::new(),
            },
            palermo: PalermoSummary::default(),
            findings,
            assessment: None,
            disclaimer: "",
        }
    }

    fn summary(text: &str, p: &[Piece]) -> Vec<(String, Vec<usize>, Vec<usize>)> {
        p.iter()
            .map(|p| {
                (
                    text[p.range.clone()].to_string(),
                    p.covered_by.clone(),
                    p.ends.clone(),
                )
            })
            .collect()
    }

    #[test]
    fn overlapping_and_nested_spans_are_split_and_labelled() {
        let text = "0123456789";
        // finding 0 covers 2..7, finding 1 covers 4..9 (overlap), finding 2 covers 5..6 (nested)
        let r = report(&[&[(2, 7)], &[(4, 9)], &[(5, 6)]]);
        let p = pieces(&r, text);
        assert_eq!(
            summary(text, &p),
            vec![
                ("01".into(), vec![], vec![]),
                ("23".into(), vec![0], vec![]),
                ("4".into(), vec![0, 1], vec![]),
                ("5".into(), vec![0, 1, 2], vec![2]),
                ("6".into(), vec![0, 1], vec![0]),
                ("78".into(), vec![1], vec![1]),
                ("9".into(), vec![], vec![]),
            ]
        );
        // The pieces cover the text exactly once, in order.
        let joined: String = p.iter().map(|p| &text[p.range.clone()]).collect();
        assert_eq!(joined, text);
    }

    #[test]
    fn spans_at_the_edges_and_invalid_spans() {
        let text = "ёжик"; // 2-byte letters
        let r = report(&[&[(0, 2), (6, 8)], &[(1, 3), (4, 99)]]);
        let p = pieces(&r, text);
        assert_eq!(
            summary(text, &p),
            vec![
                ("ё".into(), vec![0], vec![0]),
                ("жи".into(), vec![], vec![]),
                ("к".into(), vec![0], vec![0]),
            ]
        );
    }

    #[test]
    fn no_findings_is_one_plain_piece() {
        let r = report(&[]);
        let p = pieces(&r, "plain");
        assert_eq!(summary("plain", &p), vec![("plain".into(), vec![], vec![])]);
    }
}
