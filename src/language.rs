//! Language detection per document and per sentence: the script is told by counting letters
//! (Cyrillic against Latin, exact and explainable), and the language within a script by the
//! share of the rule pack's common words, so Uzbek in Latin letters is not taken for English.

use crate::ruleset::{LanguagePack, Script, WordSet};
use crate::term::is_alphanumeric;
use std::collections::BTreeMap;

/// Minimum share of a pack's common words among the words of its script for the text to be
/// taken as that language. English and Russian prose runs at 30-50 %; other languages written
/// in the same script stay far below.
const MIN_COMMON_SHARE: f64 = 0.12;

/// Letters of each script in a piece of text.
pub fn letters_by_script(text: &str) -> [(Script, usize); 2] {
    let (mut latin, mut cyrillic) = (0usize, 0usize);
    for c in text.chars() {
        match c {
            'a'..='z' | 'A'..='Z' | '\u{00C0}'..='\u{024F}' => latin += 1,
            '\u{0400}'..='\u{04FF}' | '\u{0500}'..='\u{052F}' => cyrillic += 1,
            _ => {}
        }
    }
    [(Script::Latin, latin), (Script::Cyrillic, cyrillic)]
}

/// The script that dominates a piece of text, if it has letters at all.
pub fn script_of(text: &str) -> Option<Script> {
    let [(_, latin), (_, cyrillic)] = letters_by_script(text);
    match (latin, cyrillic) {
        (0, 0) => None,
        (l, c) if c >= l => Some(Script::Cyrillic),
        _ => Some(Script::Latin),
    }
}

/// What the detector decided for one script present in a document.
#[derive(Debug, Clone, PartialEq)]
pub struct ScriptVerdict {
    pub script: Script,
    /// The language whose rules apply to this script's sentences, if one was recognised.
    pub lang: Option<String>,
    /// The language was recognised in a script other than its usual one (transliteration).
    pub transliterated: bool,
    /// Share of the pack's common words (0..1), for the report.
    pub common_share: f64,
    pub words: usize,
}

/// Decides which pack reads the sentences of each script in the document. The sentences must
/// be folded ([`crate::fold::fold`]), as the packs' common words are.
pub fn detect(sentences: &[&str], packs: &BTreeMap<String, LanguagePack>) -> Vec<ScriptVerdict> {
    // Per script: the number of words, and per pack the number of them in its common words
    // (None when the pack is not a candidate in that script). Counted in one pass, without
    // collecting the words.
    let packs: Vec<&LanguagePack> = packs.values().collect();
    let mut counts: BTreeMap<Script, (usize, Vec<usize>)> = BTreeMap::new();
    for s in sentences {
        for word in s
            .split(|c: char| !is_alphanumeric(c))
            .filter(|w| !w.is_empty())
        {
            let Some(script) = script_of(word) else {
                continue;
            };
            let (words, hits) = counts
                .entry(script)
                .or_insert_with(|| (0, vec![0; packs.len()]));
            *words += 1;
            for (pack, hit) in packs.iter().zip(hits.iter_mut()) {
                if common_words_in(pack, script).is_some_and(|(common, _)| common.contains(word)) {
                    *hit += 1;
                }
            }
        }
    }
    let mut verdicts = Vec::new();
    for (script, (words, hits)) in counts {
        // Each pack is a candidate in its own script and, if it declares one, in the script
        // people also type it in (Russian in Latin letters); the highest share wins.
        let mut best: Option<(f64, &str, bool)> = None;
        for (pack, hits) in packs.iter().zip(hits) {
            let Some((_, transliterated)) = common_words_in(pack, script) else {
                continue;
            };
            let share = hits as f64 / words as f64;
            if best.is_none_or(|(b, _, _)| share > b) {
                best = Some((share, pack.lang.as_str(), transliterated));
            }
        }
        let (share, lang, transliterated) =
            best.map_or((0.0, None, false), |(s, l, t)| (s, Some(l), t));
        let accepted = lang.filter(|_| share >= MIN_COMMON_SHARE || (words < 6 && share > 0.0));
        verdicts.push(ScriptVerdict {
            script,
            transliterated: transliterated && accepted.is_some(),
            lang: accepted.map(String::from),
            common_share: share,
            words,
        });
    }
    verdicts
}

/// The pack's common words for text in `script`, and whether that is a transliteration.
fn common_words_in(pack: &LanguagePack, script: Script) -> Option<(&WordSet, bool)> {
    if pack.script == script {
        return Some((&pack.common_words, false));
    }
    match &pack.alternate {
        Some((alt, common)) if *alt == script => Some((common, true)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts() {
        assert_eq!(script_of("They took my passport"), Some(Script::Latin));
        assert_eq!(script_of("Забрали паспорт"), Some(Script::Cyrillic));
        assert_eq!(script_of("1,500 $ 12:00"), None);
        assert_eq!(
            script_of("Паспорт забрали (passport)"),
            Some(Script::Cyrillic)
        );
    }
}

#[cfg(test)]
mod detection_tests {
    use super::*;
    use crate::ruleset::RuleSet;

    fn verdict(text: &str) -> ScriptVerdict {
        let rules = RuleSet::builtin().expect("built-in rules load");
        let folded = crate::fold::fold(text);
        let mut verdicts = detect(&[&folded], &rules.packs);
        assert_eq!(verdicts.len(), 1, "one script expected in {text:?}");
        verdicts.remove(0)
    }

    #[test]
    fn english_in_latin_letters() {
        let v = verdict("They took my passport when we arrived and never gave it back.");
        assert_eq!(v.lang.as_deref(), Some("en"));
        assert!(!v.transliterated);
    }

    #[test]
    fn russian_typed_in_latin_letters_is_read_as_russian() {
        let v = verdict(
            "Ya na stroyke uzhe tri mesyaca, brigadir zabral pasport i zarplatu ne platyat.",
        );
        assert_eq!(v.lang.as_deref(), Some("ru"));
        assert!(v.transliterated);
    }

    #[test]
    fn uzbek_in_latin_letters_is_not_taken_for_english_or_russian() {
        let v = verdict(
            "Men Toshkentdan kelganman, bu yerda qurilishda ishlayman va har oy uyga pul yuboraman.",
        );
        assert_eq!(v.lang, None, "share {}", v.common_share);
    }

    #[test]
    fn russian_in_cyrillic() {
        let v = verdict("Бригадир забрал паспорт и уже два месяца не платит.");
        assert_eq!(v.lang.as_deref(), Some("ru"));
        assert!(!v.transliterated);
    }
}
