//! Language detection per document and per sentence: the script is told by counting letters
//! (Cyrillic against Latin, exact and explainable), and the language within a script by the
//! share of the rule pack's common words, so Uzbek in Latin letters is not taken for English.

use crate::ruleset::{LanguagePack, Script};
use crate::term::is_alphanumeric;
use crate::word_table::WordTable;
use std::collections::BTreeMap;

/// Minimum share of a pack's common words among the words of its script for the text to be
/// taken as that language. English and Russian prose runs at 30-50 %; other languages written
/// in the same script stay far below.
const MIN_COMMON_SHARE: f64 = 0.12;

/// Letters of each script in a piece of text.
///
/// Counted from the leading byte of each character's UTF-8 encoding, with no decoding:
/// Latin letters are ASCII letters or U+00C0..U+024F (leading bytes C3..C8, and C9 up to
/// U+024F), Cyrillic ones U+0400..U+052F (D0..D3, and D4 up to U+052F). This runs over
/// every sentence of every text, so each byte costs one table lookup and one addition
/// ([`SCRIPT_BYTES`]); the rare C9 and D4, whose blocks end mid-way, are counted as letters
/// and then corrected in a second pass that only texts holding one of them take.
pub fn letters_by_script(text: &str) -> [(Script, usize); 2] {
    let (mut latin, mut cyrillic, mut split) = (0usize, 0usize, 0usize);
    let bytes = text.as_bytes();
    // 16-bit fields cannot overflow within a chunk this long.
    for chunk in bytes.chunks(u16::MAX as usize) {
        let sum: u64 = chunk.iter().map(|&b| SCRIPT_BYTES[b as usize]).sum();
        latin += (sum & 0xFFFF) as usize;
        cyrillic += (sum >> 16 & 0xFFFF) as usize;
        split += (sum >> 32) as usize;
    }
    if split > 0 {
        for (i, &b) in bytes.iter().enumerate() {
            // The second byte of the character: past the block's end, it is no letter.
            let second = bytes.get(i + 1).copied().unwrap_or(0);
            match b {
                0xC9 if second >= 0x90 => latin -= 1,
                0xD4 if second >= 0xB0 => cyrillic -= 1,
                _ => {}
            }
        }
    }
    [(Script::Latin, latin), (Script::Cyrillic, cyrillic)]
}

/// Per byte, as a leading byte: 1 in bits 0..16 for a Latin letter, in bits 16..32 for a
/// Cyrillic one, and in bits 32.. for C9 and D4, whose blocks end mid-way (counted as
/// letters here, corrected by [`letters_by_script`]).
static SCRIPT_BYTES: [u64; 256] = {
    const LATIN: u64 = 1;
    const CYRILLIC: u64 = 1 << 16;
    const SPLIT: u64 = 1 << 32;
    let mut table = [0u64; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = match b as u8 {
            b'a'..=b'z' | b'A'..=b'Z' | 0xC3..=0xC8 => LATIN,
            0xC9 => LATIN | SPLIT,
            0xD0..=0xD3 => CYRILLIC,
            0xD4 => CYRILLIC | SPLIT,
            _ => 0,
        };
        b += 1;
    }
    table
};

/// The script that dominates a piece of text, if it has letters at all.
pub fn script_of(text: &str) -> Option<Script> {
    let [(_, latin), (_, cyrillic)] = letters_by_script(text);
    dominant_script(latin, cyrillic)
}

fn dominant_script(latin: usize, cyrillic: usize) -> Option<Script> {
    match (latin, cyrillic) {
        (0, 0) => None,
        (l, c) if c >= l => Some(Script::Cyrillic),
        _ => Some(Script::Latin),
    }
}

/// Calls `f` with every word of `text` (a run of letters and digits) and its script, in one
/// pass. ASCII and the common Cyrillic letters (two bytes starting D0 or D1: U+0400..U+047F)
/// are told from their first byte; only other characters are decoded. A word is read in a
/// loop of its own, so the bytes of a word and those between words each take a short path.
fn for_each_word<'t>(text: &'t str, mut f: impl FnMut(&'t str, Option<Script>)) {
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let b = bytes[at];
        if b.is_ascii() && !b.is_ascii_alphanumeric() {
            at += 1;
            continue;
        }
        let start = at;
        let (mut latin, mut cyrillic) = (0usize, 0usize);
        while at < bytes.len() {
            let b = bytes[at];
            if b.is_ascii_alphabetic() {
                latin += 1;
                at += 1;
            } else if b.is_ascii_digit() {
                at += 1;
            } else if b.is_ascii() {
                break;
            } else if b == 0xD0 || b == 0xD1 {
                cyrillic += 1;
                at += 2;
            } else {
                let c = text[at..].chars().next().unwrap_or(' ');
                if !is_alphanumeric(c) {
                    break;
                }
                latin += usize::from(matches!(c, '\u{00C0}'..='\u{024F}'));
                cyrillic += usize::from(matches!(c, '\u{0400}'..='\u{052F}'));
                at += c.len_utf8();
            }
        }
        if at > start {
            f(&text[start..at], dominant_script(latin, cyrillic));
        } else {
            // A character that is no letter or digit, outside ASCII.
            at += text[at..].chars().next().map_or(1, char::len_utf8);
        }
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
    // Per script: the number of words, and per pack the number of them in its common words.
    // Counted in one pass, without collecting the words: each word is looked up only in the
    // common words of the packs that are candidates in its script, found once here.
    let packs: Vec<&LanguagePack> = packs.values().collect();
    let candidates: [Vec<(usize, &WordTable)>; 2] = SCRIPTS.map(|script| {
        packs
            .iter()
            .enumerate()
            .filter_map(|(p, pack)| Some((p, common_words_in(pack, script)?.0)))
            .collect()
    });
    let mut words = [0usize; 2];
    let mut hits = [vec![0usize; packs.len()], vec![0usize; packs.len()]];
    for s in sentences {
        for_each_word(s, |word, script| {
            let Some(script) = script else {
                return;
            };
            let at = script_index(script);
            words[at] += 1;
            for &(p, common) in &candidates[at] {
                if common.contains(word) {
                    hits[at][p] += 1;
                }
            }
        });
    }
    // In script order; a script is present when it has words.
    let counts: Vec<(Script, (usize, Vec<usize>))> = SCRIPTS
        .into_iter()
        .zip(words.into_iter().zip(hits))
        .filter(|(_, (words, _))| *words > 0)
        .collect();
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
        let mut accepted = lang.filter(|_| share >= MIN_COMMON_SHARE || (words < 6 && share > 0.0));
        let mut transliterated = transliterated;
        if accepted.is_none() {
            // Few common words (a terse message), but only the letters of a language's own
            // alphabet: that language. Looked at only here, so most texts never pay for it.
            if let Some(pack) = packs.iter().find(|p| {
                p.script == script
                    && p.letters
                        .as_ref()
                        .is_some_and(|letters| only_letters_of(sentences, script, letters))
            }) {
                accepted = Some(pack.lang.as_str());
                transliterated = false;
            }
        }
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

/// True when every letter of the words in `script` is one of `letters` (sorted).
fn only_letters_of(sentences: &[&str], script: Script, letters: &[char]) -> bool {
    let mut only = true;
    for s in sentences {
        for_each_word(s, |word, word_script| {
            if only && word_script == Some(script) {
                only = word
                    .chars()
                    .all(|c| !c.is_alphabetic() || letters.binary_search(&c).is_ok());
            }
        });
    }
    only
}

/// The scripts the detector tells apart, in their order ([`script_index`]).
const SCRIPTS: [Script; 2] = [Script::Latin, Script::Cyrillic];

fn script_index(script: Script) -> usize {
    match script {
        Script::Latin => 0,
        Script::Cyrillic => 1,
    }
}

/// The pack's common words for text in `script`, and whether that is a transliteration.
fn common_words_in(pack: &LanguagePack, script: Script) -> Option<(&WordTable, bool)> {
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

    /// The byte-level count agrees with counting the characters of each script one by one.
    #[test]
    fn letters_are_counted_like_characters() {
        let by_char = |c: char| match c {
            'a'..='z' | 'A'..='Z' | '\u{00C0}'..='\u{024F}' => [1, 0],
            '\u{0400}'..='\u{04FF}' | '\u{0500}'..='\u{052F}' => [0, 1],
            _ => [0, 0],
        };
        let mut all = String::new();
        let mut want = [0, 0];
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let [(_, l), (_, cy)] = letters_by_script(c.encode_utf8(&mut [0; 4]));
            assert_eq!([l, cy], by_char(c), "{c:?}");
            all.push(c);
            want = [want[0] + by_char(c)[0], want[1] + by_char(c)[1]];
        }
        let [(_, l), (_, cy)] = letters_by_script(&all);
        assert_eq!([l, cy], want);
    }

    /// Words and scripts are those of splitting at every character that is not a letter or a
    /// digit and counting each word's letters.
    #[test]
    fn words_are_those_of_the_plain_split() {
        let mut text = String::new();
        for c in (0..=0x10FFFFu32).step_by(7).filter_map(char::from_u32) {
            text.push(c);
            if c as u32 % 5 == 0 {
                text.push_str(" Ёж, Ҋaé 12-ab ");
            }
        }
        let mut words = Vec::new();
        for_each_word(&text, |w, s| words.push((w, s)));
        let plain: Vec<(&str, Option<Script>)> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| (w, script_of(w)))
            .collect();
        assert!(plain.len() > 100_000);
        assert_eq!(words, plain);
    }

    #[test]
    fn words_and_their_scripts() {
        let mut words = Vec::new();
        for_each_word("Пишите в Telegram: +7 999, ok-да", |w, s| {
            words.push((w, s))
        });
        use Script::*;
        assert_eq!(
            words,
            [
                ("Пишите", Some(Cyrillic)),
                ("в", Some(Cyrillic)),
                ("Telegram", Some(Latin)),
                ("7", None),
                ("999", None),
                ("ok", Some(Latin)),
                ("да", Some(Cyrillic))
            ]
        );
    }

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
    fn a_terse_russian_text_is_read_by_its_letters() {
        // Few or none of the common words, but only Russian letters.
        for text in [
            "держали под охраной",
            "Сам попросил дополнительные смены перед Новым годом, платят по двойному тарифу.",
        ] {
            let v = verdict(text);
            assert_eq!(v.lang.as_deref(), Some("ru"), "{text}");
            assert!(!v.transliterated);
        }
    }

    #[test]
    fn other_languages_in_cyrillic_letters_are_not_taken_for_russian() {
        for text in [
            "Господар відібрав усі документи, тепер вимагає гроші щотижня.",
            "Жұмыс берушім төлқұжатымды алып қойды, жалақы төлемейді.",
            "Корфармо шиносномаи маро гирифт ва музд намедиҳад.",
        ] {
            let v = verdict(text);
            assert_eq!(v.lang, None, "{text}: share {}", v.common_share);
        }
    }

    #[test]
    fn russian_in_cyrillic() {
        let v = verdict("Бригадир забрал паспорт и уже два месяца не платит.");
        assert_eq!(v.lang.as_deref(), Some("ru"));
        assert!(!v.transliterated);
    }
}
