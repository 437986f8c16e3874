//! The several terms one written term stands for: a phrase group `(set foot|stood) on land`
//! is each of its phrases in turn, and an optional word `not had a single? day off` is the
//! term with and without it. Both are expanded when a term list is built, so the engine only
//! ever sees plain terms.
//!
//! Groups exist because `|` joins single words of one position: "set foot|stood on land"
//! reads "set (foot|stood) on land", a mistake the built-in rules made dozens of times.

use crate::term::TermError;

/// At most this many optional words in one term: each doubles the terms it stands for.
pub const MAX_OPTIONAL_WORDS: usize = 3;

/// At most this many terms from one written term (groups and optional words together).
pub const MAX_VARIANTS: usize = 32;

/// The terms a term stands for: itself, or every way of writing it that its phrase groups
/// and optional words allow, in order: a group's phrases as written, then, for each, the
/// ways with more words first.
pub fn variants(term: &str) -> Result<Vec<String>, TermError> {
    let mut out: Vec<String> = Vec::new();
    for written in expand_groups(term)? {
        for variant in optional_words(&written, term)? {
            if !out.contains(&variant) {
                out.push(variant);
            }
        }
    }
    if out.len() > MAX_VARIANTS {
        return Err(TermError(format!(
            "the term {term:?} stands for {} terms (its groups and optional words multiply); at most {MAX_VARIANTS}: split it into several terms",
            out.len()
        )));
    }
    Ok(out)
}

/// `term` with each group (and the `?` after it) written as one word, `_`: for checks that
/// read a term's word positions, in which a group is one position whose `|` separates
/// whole phrases.
pub fn groups_as_words(term: &str) -> Result<String, TermError> {
    let mut out = String::with_capacity(term.len());
    let mut copied = 0;
    for group in find_groups(term)? {
        out.push_str(&term[copied..group.span.start]);
        out.push('_');
        copied = group.span.end;
    }
    out.push_str(&term[copied..]);
    Ok(out)
}

/// A group as written: where it stands in the term, its phrases, and whether `?` follows it.
struct Group<'t> {
    span: std::ops::Range<usize>,
    phrases: Vec<&'t str>,
    optional: bool,
}

/// The term once for each combination of its groups' phrases (an optional group also
/// without it), the first group's first phrase first; the term itself when it has none.
fn expand_groups(term: &str) -> Result<Vec<String>, TermError> {
    if !term.contains(['(', ')']) {
        return Ok(vec![term.to_string()]);
    }
    let groups = find_groups(term)?;
    let mut out = vec![String::new()];
    let mut copied = 0;
    for group in &groups {
        let before = &term[copied..group.span.start];
        let choices: Vec<&str> = group
            .phrases
            .iter()
            .copied()
            .chain(group.optional.then_some(""))
            .collect();
        // Checked before it is built: a term of many groups would stand for millions.
        if out.len() * choices.len() > MAX_VARIANTS {
            return Err(TermError(format!(
                "the term {term:?} stands for more than {MAX_VARIANTS} terms (its groups multiply); split it into several terms"
            )));
        }
        out = out
            .iter()
            .flat_map(|head| choices.iter().map(move |c| format!("{head}{before}{c}")))
            .collect();
        copied = group.span.end;
    }
    let rest = &term[copied..];
    let mut terms = Vec::with_capacity(out.len());
    for head in out {
        // A left-out group leaves two spaces; words are what count.
        let words: Vec<&str> = head
            .split_whitespace()
            .chain(rest.split_whitespace())
            .collect();
        if words.is_empty() || words.iter().all(|w| w.ends_with('?')) {
            return Err(TermError(format!(
                "the term {term:?} has only optional words; at least one word must be required"
            )));
        }
        terms.push(words.join(" "));
    }
    Ok(terms)
}

/// The groups of a term, checked: each stands as a whole word (after a space or at the
/// start, before a space, `?` or the end), holds no group, and offers at least two phrases
/// (or one, when it is optional), none empty.
fn find_groups(term: &str) -> Result<Vec<Group<'_>>, TermError> {
    let bytes = term.as_bytes();
    let mut groups = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        match bytes[at] {
            b')' => {
                return Err(TermError(format!(
                    "the term {term:?} has ')' without the '(' that opens its group"
                )));
            }
            b'(' => {
                if at > 0 && !bytes[at - 1].is_ascii_whitespace() {
                    return Err(TermError(format!(
                        "the term {term:?} has '(' inside a word; a group stands as a word of its own: \"(set foot|stood) on land\""
                    )));
                }
                let Some(len) = term[at + 1..].find([')', '(']) else {
                    return Err(TermError(format!(
                        "the term {term:?} opens a group with '(' and never closes it"
                    )));
                };
                let close = at + 1 + len;
                if bytes[close] == b'(' {
                    return Err(TermError(format!(
                        "the term {term:?} has a group inside a group; groups do not nest: write the phrases out"
                    )));
                }
                let optional = bytes.get(close + 1) == Some(&b'?');
                let end = close + 1 + usize::from(optional);
                if bytes.get(end).is_some_and(|b| !b.is_ascii_whitespace()) {
                    return Err(TermError(format!(
                        "the term {term:?} has a group followed by {:?}; a group stands as a word of its own",
                        &term[end..].split_whitespace().next().unwrap_or_default()
                    )));
                }
                let phrases: Vec<&str> = term[at + 1..close].split('|').map(str::trim).collect();
                if phrases.iter().any(|p| p.is_empty()) {
                    return Err(TermError(format!(
                        "the term {term:?} has an empty phrase in its group; to make a group optional, write '?' after it: \"(a single)?\""
                    )));
                }
                if phrases.len() < 2 && !optional {
                    return Err(TermError(format!(
                        "the term {term:?} has a group of one phrase; a group offers phrases to choose from (\"(set foot|stood)\") or is optional (\"(a single)?\")"
                    )));
                }
                groups.push(Group {
                    span: at..end,
                    phrases,
                    optional,
                });
                at = end;
            }
            _ => at += 1,
        }
    }
    Ok(groups)
}

/// The ways of writing `term` with and without each word ending in `?`, those with more
/// words first; `written` is the term as the rule wrote it, for messages.
fn optional_words(term: &str, written: &str) -> Result<Vec<String>, TermError> {
    let tokens: Vec<&str> = term.split_whitespace().collect();
    if let Some(bad) = tokens
        .iter()
        .find(|t| t.strip_suffix('?').unwrap_or(t).contains('?'))
    {
        return Err(TermError(format!(
            "the term {written:?} has '?' inside {bad:?}; '?' only goes at the end of a word, to make it optional"
        )));
    }
    let optional = tokens.iter().filter(|t| t.ends_with('?')).count();
    if optional == 0 {
        return Ok(vec![term.to_string()]);
    }
    if let Some(bad) = tokens
        .iter()
        .find(|t| t.ends_with('?') && matches!(t.trim_end_matches('?'), "" | "..." | "*"))
    {
        return Err(TermError(format!(
            "the term {written:?} has {bad:?}: '?' makes the word before it optional, so it must follow a word, '#' or alternatives"
        )));
    }
    if optional > MAX_OPTIONAL_WORDS {
        return Err(TermError(format!(
            "the term {written:?} has {optional} optional words; at most {MAX_OPTIONAL_WORDS} (each doubles the terms it stands for): split it into several terms"
        )));
    }
    if optional == tokens.len() {
        return Err(TermError(format!(
            "the term {written:?} has only optional words; at least one word must be required"
        )));
    }
    // Bit i of a mask set: the i-th optional word is left out; mask 0 keeps them all.
    let mut out: Vec<String> = Vec::new();
    let mut masks: Vec<u32> = (0..1u32 << optional).collect();
    masks.sort_by_key(|m| m.count_ones());
    for mask in masks {
        let mut k = 0;
        let mut words = Vec::with_capacity(tokens.len());
        for token in &tokens {
            match token.strip_suffix('?') {
                Some(word) => {
                    if mask & (1 << k) == 0 {
                        words.push(word);
                    }
                    k += 1;
                }
                None => words.push(token),
            }
        }
        let variant = words.join(" ");
        if !out.contains(&variant) {
            out.push(variant);
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn optional_words_stand_for_each_way_of_writing_the_term() {
        assert_eq!(
            variants("not had a single? day off").unwrap(),
            vec!["not had a single day off", "not had a day off"]
        );
        assert_eq!(
            variants("passport* with the|our? company").unwrap(),
            vec!["passport* with the|our company", "passport* with company"]
        );
        assert_eq!(
            variants("is? still? with # euro?").unwrap().len(),
            8,
            "three optional words, eight terms"
        );
        assert_eq!(variants("took passport").unwrap(), vec!["took passport"]);
    }

    #[test]
    fn a_group_stands_for_each_of_its_phrases() {
        assert_eq!(
            variants("(set foot|stood) on land|shore").unwrap(),
            vec!["set foot on land|shore", "stood on land|shore"]
        );
        assert_eq!(
            variants("i|we (did not|didn't|never) pay (anything|a cent)").unwrap(),
            vec![
                "i|we did not pay anything",
                "i|we did not pay a cent",
                "i|we didn't pay anything",
                "i|we didn't pay a cent",
                "i|we never pay anything",
                "i|we never pay a cent",
            ],
            "the first group's first phrase first"
        );
        // An optional group, with optional words inside and around it.
        assert_eq!(
            variants("not had (a single)? day off").unwrap(),
            vec!["not had a single day off", "not had day off"]
        );
        assert_eq!(
            variants("(the boss|madam)? kept my|our? passport*").unwrap(),
            vec![
                "the boss kept my|our passport*",
                "the boss kept passport*",
                "madam kept my|our passport*",
                "madam kept passport*",
                "kept my|our passport*",
                "kept passport*",
            ]
        );
        assert_eq!(
            variants("( took |kept  ) passport").unwrap(),
            vec!["took passport", "kept passport"],
            "spaces inside a group do not count"
        );
    }

    #[test]
    fn misplaced_question_marks_are_explained() {
        for (term, says) in [
            ("took ...? passport", "must follow a word"),
            ("took *? passport", "must follow a word"),
            ("took ? passport", "must follow a word"),
            ("to?ok passport", "only goes at the end of a word"),
            ("a? b? c? d? passport", "at most 3"),
            ("the? passport?", "only optional words"),
        ] {
            let error = variants(term).expect_err(term).0;
            assert!(error.contains(says), "{term}: {error}");
        }
    }

    #[test]
    fn misplaced_parentheses_are_explained() {
        for (term, says) in [
            ("took (my|our passport", "never closes"),
            ("took my|our) passport", "without the '('"),
            ("took (my|(our)) passport", "do not nest"),
            ("took(my|our) passport", "inside a word"),
            ("took (my|our)passport", "followed by"),
            ("took (my|) passport", "empty phrase"),
            ("took (my) passport", "one phrase"),
            ("(my|our)? passport?", "only optional words"),
            ("(a|b|c|d) (e|f|g|h) (i|j|k)", "more than 32"),
            ("a? b? (c|d) (e|f|g|h) (i|j|k|l)", "at most 32"),
        ] {
            let error = variants(term).expect_err(term).0;
            assert!(error.contains(says), "{term}: {error}");
        }
    }
}
