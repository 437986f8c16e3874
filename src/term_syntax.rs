//! The term language's plain functions of a term's text: which characters make words, the
//! syntax check, and the choice of a term's anchor words and required word. Nothing here
//! depends on the rest of the engine, so the build script (build.rs) runs the same code
//! over every built-in term and embeds the results ([`crate::translated`]): at start-up a
//! built-in term is looked up, not translated again.

use crate::word_table::WordTable;

/// True for characters that belong to a word.
pub fn is_word_char(c: char) -> bool {
    is_alphanumeric(c) || is_combining_mark(c)
}

/// `char::is_alphanumeric`, answering ASCII and the Cyrillic block without the Unicode table
/// search (the standard library only short-cuts ASCII, and most Russian text is Cyrillic).
#[inline]
pub fn is_alphanumeric(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' => true,
        '\0'..='\u{7F}' => false,
        // Cyrillic letters; U+0482..U+0489 are a sign and combining marks.
        '\u{0400}'..='\u{0481}' | '\u{048A}'..='\u{04FF}' => true,
        _ => c.is_alphanumeric(),
    }
}

fn is_combining_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x0483..=0x0489)
}

/// Why a term could not be compiled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermError(pub String);

/// Checks a term's syntax; `folded` is the term folded. The error says what is wrong.
pub fn check_term(term: &str, folded: &str) -> Result<(), TermError> {
    // Runs for every term of a language at start-up: one pass over the tokens, and the
    // first error in an alternative reported after the errors of the whole term.
    let (mut first, mut last, mut fixed_word) = (None, "", false);
    let mut alternative_error = None;
    for token in folded.split_whitespace() {
        first.get_or_insert(token);
        last = token;
        if matches!(token, "*" | "...") {
            continue;
        }
        fixed_word = true;
        if token == "#" || alternative_error.is_some() {
            continue;
        }
        for alt in token.split('|') {
            if alt.is_empty() {
                alternative_error = Some(format!(
                    "the term {term:?} has an empty alternative in {token:?}"
                ));
                break;
            }
            // The matchers read `#` as a number only as a word of its own; among
            // alternatives it would silently match the character '#' ("only one|two|#
            // payments" never matched "only 2 payments").
            if alt == "#" {
                alternative_error = Some(format!(
                    "the term {term:?} has '#' among the alternatives of {token:?}, where it is the character '#', not a number; put the alternatives in a group, \"(#|usd)\", or write the number as a term of its own"
                ));
                break;
            }
            if alt.chars().all(|c| c == '*') {
                alternative_error = Some(format!(
                    "the term {term:?} has an alternative {alt:?} with no letters; write '*' as a word of its own for 'any word'"
                ));
                break;
            }
        }
    }
    let Some(first) = first else {
        return Err(TermError("the term is empty".into()));
    };
    if !fixed_word {
        return Err(TermError(format!(
            "the term {term:?} has no fixed word, so it would match anything; add at least one real word"
        )));
    }
    if first == "..." || last == "..." {
        return Err(TermError(format!(
            "the term {term:?} starts or ends with '...'; '...' only makes sense between two words"
        )));
    }
    if let Some(error) = alternative_error {
        return Err(TermError(error));
    }
    // A separate pass, and only over terms holding a byte that a gap character begins with:
    // checked per alternative in the loop above, it cost about 2 % of the start-up of a short
    // story, and almost no term holds such a byte.
    if folded.bytes().any(|b| MAY_BEGIN_GAP[usize::from(b)]) {
        let gap_only = folded
            .split_whitespace()
            .flat_map(|token| token.split('|'))
            .find(|alt| is_gap_only(alt));
        if let Some(alt) = gap_only {
            return Err(TermError(format!(
                "the term {term:?} has {alt:?} as a word: text reads it as a space between words, so it never matches; end the term with the number, '#' (\"1500$\" is \"#\"), or drop it"
            )));
        }
    }
    Ok(())
}

/// The bytes a gap character of a term can begin with (`term_chars::Class::Gap` minus
/// whitespace, which splits words): ASCII punctuation, and the lead bytes of U+0080..U+00FF
/// («», £, ¥) and U+2000..U+2FFF (dashes, quotes, €, ₽, ₹). A table: one load per byte.
static MAY_BEGIN_GAP: [bool; 256] = {
    let mut table = [false; 256];
    let mut i = 0;
    let bytes = *b"-'\",/$";
    while i < bytes.len() {
        table[bytes[i] as usize] = true;
        i += 1;
    }
    table[0xC2] = true;
    table[0xE2] = true;
    table
};

/// Whether a term word is made only of characters text reads as the space between words
/// ("$", "€", "-", ","): such a word never matches ("1500$" is the number, then a gap), as in
/// "# евро|$".
fn is_gap_only(alt: &str) -> bool {
    let written = alt.trim_end_matches('?');
    !written.is_empty() && written.chars().all(is_gap_char)
}

/// A term's anchors as [`choose_anchors_folded`] chooses them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChosenAnchors {
    /// Folded literals one of which every match contains.
    pub literals: Vec<String>,
    /// Every match holds one of them at the start of a word.
    pub at_word_start: bool,
    /// Per literal: it is a whole alternative of its word ending in a word character
    /// ("documents" of "passport*|documents", not "passport"), so where it is what the term
    /// matched, a word ends right after it: found at a word start but followed by a word
    /// character ("documentsxyz", "in" of "information") it cannot be part of a match.
    pub ends_word: Vec<bool>,
    /// Another word of the term (a byte range of the folded term) that every match holds
    /// at a word start, beginning with one of its [`word_prefixes`]: the longest such word
    /// besides the anchor's. A sentence without it holds no match, wherever the anchor is.
    /// One word: checking for a second and a third cost more than it saved (on 2 MB of the
    /// benchmark corpus, 1.66 G instructions with one, 1.69 G with two, 1.72 G with three;
    /// preferring words that are not very common to the longest: 1.69 G).
    pub required: Option<std::ops::Range<u32>>,
}

/// The literals one of which every match of a term's word (`token`, folded) begins with
/// at a word start: for each alternative, its letters before any `*` or apostrophe, sorted
/// and without repeats. None when some alternative does not begin with such a letter (a
/// leading `*`), or for the tokens `*`, `...` and `#`.
pub fn word_prefixes(token: &str) -> Option<Vec<&str>> {
    word_prefix_length(token)?;
    let mut prefixes: Vec<&str> = token
        .split('|')
        .map(|alt| &alt[..word_prefix_end(alt)])
        .collect();
    prefixes.sort_unstable();
    prefixes.dedup();
    Some(prefixes)
}

/// Where the letters an alternative of a word begins with end: at its first `*` or
/// apostrophe (’ and ʼ begin with the bytes E2 and CA; a byte scan, as this runs for
/// every word of every term at start-up).
fn word_prefix_end(alt: &str) -> usize {
    let bytes = alt.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b'*' | b'\'' => return at,
            0xE2 | 0xCA if alt[at..].starts_with(['’', 'ʼ']) => return at,
            _ => at += 1,
        }
    }
    at
}

/// The length in bytes of the shortest of [`word_prefixes`] (a longer one filters
/// better), without writing them out; None where `word_prefixes` gives None.
fn word_prefix_length(token: &str) -> Option<usize> {
    if matches!(token, "*" | "..." | "#") {
        return None;
    }
    let mut shortest = usize::MAX;
    for alt in token.split('|') {
        let prefix = &alt[..word_prefix_end(alt)];
        let first = prefix.as_bytes().first()?;
        if !(first.is_ascii_alphanumeric() || prefix.chars().next().is_some_and(is_word_char)) {
            return None;
        }
        shortest = shortest.min(prefix.len());
    }
    Some(shortest)
}

/// [`choose_anchors`] for a term already folded. Every token is scored, but only the chosen
/// one's literals are written out: this runs for every term of a language at start-up.
pub fn choose_anchors_folded(folded: &str, common: &WordTable) -> Option<ChosenAnchors> {
    let apostrophes = has_apostrophe(folded);
    let mut best: Option<((bool, usize), usize)> = None;
    let tokens: Vec<&str> = folded.split_whitespace().collect();
    for (index, &token) in tokens.iter().enumerate() {
        if matches!(token, "*" | "..." | "#") {
            continue;
        }
        let mut rare = true;
        let mut shortest = usize::MAX;
        for alt in token.split('|') {
            let piece = anchor_piece(alt, apostrophes);
            shortest = shortest.min(piece.chars().count());
            rare &= if apostrophes && has_apostrophe(piece) {
                apostrophe_forms(piece)
                    .unwrap_or_default()
                    .iter()
                    .all(|form| !common.contains(form))
            } else {
                !common.contains(piece)
            };
        }
        let score = (rare, shortest);
        if shortest > 0 && best.is_none_or(|(b, _)| score > b) {
            best = Some((score, index));
        }
    }
    let (_, chosen) = best?;
    let token = tokens[chosen];
    let mut literals = Vec::new();
    let mut ends_word = Vec::new();
    // A token always starts a word in a match: the term's start is never inside a word, and
    // between tokens stand only gap characters.
    let mut at_word_start = true;
    for alt in token.split('|') {
        let piece = anchor_piece(alt, apostrophes);
        at_word_start &= alt.starts_with(piece) && piece.chars().next().is_some_and(is_word_char);
        // What follows a token in a match is a gap character (never a word character) or
        // the match's end, which must be a word's end; so a whole alternative ending in a
        // word character is followed by no word character.
        let whole = piece == alt && piece.chars().next_back().is_some_and(is_word_char);
        let forms = apostrophe_forms(piece).unwrap_or_default();
        ends_word.extend(std::iter::repeat_n(whole, forms.len()));
        literals.extend(forms);
    }
    // The longest other word, as it filters best (the first of equals). Tokens are slices
    // of `folded`.
    let mut required: Option<(usize, &str)> = None;
    for (index, &token) in tokens.iter().enumerate() {
        if index == chosen {
            continue;
        }
        if let Some(length) = word_prefix_length(token) {
            if required.is_none_or(|(longest, _)| length > longest) {
                required = Some((length, token));
            }
        }
    }
    let required = required.map(|(_, token)| {
        let start = token.as_ptr() as usize - folded.as_ptr() as usize;
        start as u32..(start + token.len()) as u32
    });
    Some(ChosenAnchors {
        literals,
        at_word_start,
        ends_word,
        required,
    })
}

/// The characters a term's apostrophe matches.
const APOSTROPHES: [char; 3] = ['\'', '’', 'ʼ'];

/// True when `piece` holds one of [`APOSTROPHES`]; a byte test first, as nearly no piece
/// holds any of their first bytes.
fn has_apostrophe(piece: &str) -> bool {
    piece.bytes().any(|b| matches!(b, b'\'' | 0xE2 | 0xCA)) && piece.contains(APOSTROPHES)
}

/// The part of one alternative of a term's word that every match of it contains: the
/// longest run without wildcards. An apostrophe in it stands for any of three characters
/// ([`apostrophe_forms`] writes the run out with each); with more than two apostrophes, the
/// longest run without any is taken instead. `apostrophes` is false when the whole term
/// has none.
fn anchor_piece(alt: &str, apostrophes: bool) -> &str {
    let plain = !alt.as_bytes().contains(&b'*') && (!apostrophes || !has_apostrophe(alt));
    if plain {
        return alt; // nearly every alternative
    }
    let longest = alt
        .split('*')
        .max_by_key(|chunk| chunk.chars().count())
        .unwrap_or("");
    if longest.chars().filter(|c| APOSTROPHES.contains(c)).count() <= 2 {
        return longest;
    }
    alt.split(|c| c == '*' || APOSTROPHES.contains(&c))
        .max_by_key(|chunk| chunk.chars().count())
        .unwrap_or("")
}

/// The ways a piece of a term is written with each apostrophe as any of `'`, `’`, `ʼ` (the
/// characters a term's apostrophe matches); None with more than two apostrophes.
fn apostrophe_forms(piece: &str) -> Option<Vec<String>> {
    if !has_apostrophe(piece) {
        return Some(vec![piece.to_string()]); // nearly every piece
    }
    if piece.chars().filter(|c| APOSTROPHES.contains(c)).count() > 2 {
        return None;
    }
    let mut forms = vec![String::new()];
    for c in piece.chars() {
        if APOSTROPHES.contains(&c) {
            forms = forms
                .into_iter()
                .flat_map(|f| APOSTROPHES.map(|a| format!("{f}{a}")))
                .collect();
        } else {
            forms.iter_mut().for_each(|f| f.push(c));
        }
    }
    Some(forms)
}

/// What may stand between two words of a match ([`crate::term_chars::Class::Gap`]): white
/// space, hyphens, dashes, quotes, commas (Russian writes a comma before "что", "где",
/// "когда": "сказали, что").
#[inline]
pub fn is_gap_char(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '-' | '‐'
                    | '‑'
                    | '–'
                    | '—'
                    | '\''
                    | '’'
                    | '"'
                    | '«'
                    | '»'
                    | '“'
                    | '”'
                    | '„'
                    | ','
                    // A slash joins a sum to its period ("1,500/month", "6
                    // days/week") and lists ("food/housing").
                    | '/'
                    // A currency sign before a number: "pay $7,000" reads "pay # ...".
                    | '$'
                    | '£'
                    | '€'
                    | '₽'
                    | '¥'
                    | '₹'
        )
}
