//! Spelling variants of a language's words: how people really type "passport" or «деньги»
//! ("pasport", «денги»). A language file lists groups of interchangeable spellings of a word's
//! beginning (`spelling_variants`), and every term of the language is read with them: an
//! alternative that begins with one spelling of a group also matches with the others ("passport*"
//! also "pasport*", «деньгами» also «денгами»). One table serves every rule, where writing each
//! misspelling into each term had to be done term by term. Nothing here depends on the rest of
//! the engine, so the build script runs it too when it translates the built-in terms
//! ([`crate::translated`]).

use crate::fold::fold;
use crate::word_table::stable_hash;

/// The shortest spelling a group may hold: a shorter beginning would rewrite too many words.
pub const SHORTEST: usize = 4;

/// A language's groups of interchangeable spellings (folded), checked.
#[derive(Debug, Clone, Default)]
pub struct Spellings {
    groups: Vec<Vec<String>>,
    fingerprint: u64,
}

impl Spellings {
    /// The groups as a language file lists them (folded here, as terms are); the message
    /// names every group that cannot be used, and why.
    pub fn new(groups: &[Vec<String>]) -> Result<Self, String> {
        let mut checked: Vec<Vec<String>> = Vec::new();
        let mut problems = Vec::new();
        for group in groups {
            let group: Vec<String> = group.iter().map(|s| fold(s)).collect();
            if group.len() < 2 {
                problems.push(format!(
                    "{group:?}: a group needs at least two spellings of the same word"
                ));
            }
            for (at, spelling) in group.iter().enumerate() {
                if spelling.chars().count() < SHORTEST
                    || !spelling.chars().all(char::is_alphanumeric)
                {
                    problems.push(format!(
                        "{spelling:?} in {group:?}: a spelling is one word of letters, at least {SHORTEST} long (the beginning of the words it stands for, without '*')"
                    ));
                }
                let earlier = checked.iter().flatten().chain(&group[..at]);
                if earlier.into_iter().any(|s| s == spelling) {
                    problems.push(format!("{spelling:?} is listed twice"));
                }
            }
            checked.push(group);
        }
        if !problems.is_empty() {
            return Err(problems.join("; "));
        }
        // 0 without groups, as for `Spellings::default()`.
        let fingerprint = if checked.is_empty() {
            0
        } else {
            stable_hash(
                checked
                    .iter()
                    .flat_map(|g| g.iter().flat_map(|s| s.bytes().chain([0xFF])).chain([0xFE])),
            )
        };
        Ok(Spellings {
            groups: checked,
            fingerprint,
        })
    }

    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// A hash of the groups (0 without any), the same in every build.
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    /// The folded term with every alternative that begins with a spelling of a group joined
    /// by the same alternative spelled the group's other ways; None when no alternative does.
    /// The longest spelling an alternative begins with is the one replaced.
    pub fn apply(&self, folded: &str) -> Option<String> {
        if self.is_empty() {
            return None;
        }
        let mut changed = false;
        let tokens: Vec<String> = folded
            .split(' ')
            .map(|token| {
                let mut alternatives: Vec<String> = token.split('|').map(str::to_string).collect();
                let written = alternatives.len();
                for at in 0..written {
                    let alternative = alternatives[at].clone();
                    let Some((group, spelling)) = self.spelling_of(&alternative) else {
                        continue;
                    };
                    for other in group.iter().filter(|s| *s != spelling) {
                        let respelled = format!("{other}{}", &alternative[spelling.len()..]);
                        if !alternatives.contains(&respelled) {
                            alternatives.push(respelled);
                            changed = true;
                        }
                    }
                }
                alternatives.join("|")
            })
            .collect();
        changed.then(|| tokens.join(" "))
    }

    /// The group and the longest of its spellings that `alternative` begins with.
    fn spelling_of(&self, alternative: &str) -> Option<(&[String], &str)> {
        self.groups
            .iter()
            .flat_map(|g| g.iter().map(move |s| (g.as_slice(), s.as_str())))
            .filter(|(_, s)| alternative.starts_with(s))
            .max_by_key(|(_, s)| s.len())
    }
}

/// What identifies the way a language's terms are translated: its common words (which choose
/// the anchors) and its spellings. Without spellings it is the common words' fingerprint.
pub fn translation_fingerprint(common_words: u64, spellings: &Spellings) -> u64 {
    match spellings.fingerprint() {
        0 => common_words,
        f => stable_hash(
            common_words
                .to_le_bytes()
                .into_iter()
                .chain(f.to_le_bytes()),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spellings(groups: &[&[&str]]) -> Spellings {
        let groups: Vec<Vec<String>> = groups
            .iter()
            .map(|g| g.iter().map(|s| s.to_string()).collect())
            .collect();
        Spellings::new(&groups).unwrap()
    }

    #[test]
    fn alternatives_are_joined_by_their_other_spellings() {
        let s = spellings(&[&["passport", "pasport"], &["деньг", "денг"]]);
        assert_eq!(
            s.apply("took|kept * passport*").as_deref(),
            Some("took|kept * passport*|pasport*")
        );
        // Either spelling written finds the other; one already there is not repeated.
        assert_eq!(s.apply("pasport").as_deref(), Some("pasport|passport"));
        assert_eq!(s.apply("passport|pasport"), None);
        // A Russian ending stays: «деньгами» also «денгами».
        assert_eq!(
            s.apply("не платят деньгами").as_deref(),
            Some("не платят деньгами|денгами")
        );
        // Only the beginning of an alternative counts.
        assert_eq!(
            s.apply("my passport* is here"),
            Some("my passport*|pasport* is here".into())
        );
        assert_eq!(s.apply("bypassport"), None);
        assert_eq!(Spellings::default().apply("passport"), None);
    }

    #[test]
    fn the_longest_spelling_an_alternative_begins_with_is_replaced() {
        let s = spellings(&[&["documents", "documets"], &["docum", "dokum"]]);
        assert_eq!(s.apply("documents").as_deref(), Some("documents|documets"));
        assert_eq!(
            s.apply("documentation").as_deref(),
            Some("documentation|dokumentation")
        );
    }

    #[test]
    fn bad_groups_are_refused_with_a_reason() {
        let bad = |groups: &[&[&str]]| {
            let groups: Vec<Vec<String>> = groups
                .iter()
                .map(|g| g.iter().map(|s| s.to_string()).collect())
                .collect();
            Spellings::new(&groups).unwrap_err()
        };
        assert!(bad(&[&["passport"]]).contains("at least two"));
        assert!(bad(&[&["pas", "pass"]]).contains("at least 4"));
        assert!(bad(&[&["passport*", "pasport"]]).contains("one word of letters"));
        assert!(bad(&[&["passport", "pasport"], &["pasport", "paspot"]]).contains("twice"));
    }

    #[test]
    fn the_fingerprint_tells_tables_apart() {
        let none = Spellings::default();
        assert_eq!(translation_fingerprint(7, &none), 7);
        let a = spellings(&[&["passport", "pasport"]]);
        let b = spellings(&[&["passport", "paspport"]]);
        assert_ne!(translation_fingerprint(7, &a), 7);
        assert_ne!(
            translation_fingerprint(7, &a),
            translation_fingerprint(7, &b)
        );
    }
}
