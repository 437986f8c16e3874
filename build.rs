//! Embeds every file under `rules/` into the binary, so the tool works from any directory
//! and no rule file can be forgotten in a hand-written list. Every file is also embedded as
//! JSON: parsing YAML was the largest part of every command's start-up,
//! and JSON of the same data parses about ten times faster. The YAML stays the source of
//! truth (and of every error message): a file that cannot be converted is embedded without
//! JSON and read as YAML.
//!
//! It also translates every term of the built-in rule files ahead of time (checks it,
//! chooses its anchors and required word, writes out its variants), with the library's own
//! source files for that, so that start-up looks the terms up instead (`src/translated.rs`).

use std::{env, fs, path::Path};

// The term language's plain functions, shared with the library (see `translate_terms`); the
// build script is their crate root here, so `crate::term` is this shim.
#[allow(dead_code)]
#[path = "src/fold.rs"]
mod fold;
#[allow(dead_code)]
#[path = "src/spelling.rs"]
mod spelling;
#[allow(dead_code)]
#[path = "src/term_syntax.rs"]
mod term_syntax;
#[allow(dead_code)]
#[path = "src/term_variants.rs"]
mod term_variants;
#[allow(dead_code)]
#[path = "src/word_table.rs"]
mod word_table;
mod term {
    pub use crate::term_syntax::TermError;
}

/// The source files `translate_terms` runs; a change to any of them translates again.
const TRANSLATION_SOURCES: [&str; 5] = [
    "src/fold.rs",
    "src/spelling.rs",
    "src/term_syntax.rs",
    "src/term_variants.rs",
    "src/word_table.rs",
];

fn main() {
    // Read at run time, not with env!(): a build-script binary reused from another checkout
    // (a copied target/ folder) would otherwise embed that checkout's rules.
    let manifest = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let root = Path::new(&manifest).join("rules");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut files = Vec::new();
    collect(&root, &root, &mut files);
    files.sort();
    let mut out = String::from("/// Built-in rule files: (path relative to rules/, contents).\n");
    out.push_str("/// (path relative to rules/, YAML text, the same as JSON when converted).\n");
    out.push_str("pub static BUILTIN_FILES: &[(&str, &str, Option<&str>)] = &[\n");
    let out_dir = env::var("OUT_DIR").unwrap();
    // Each file read and parsed once, for its JSON and for the terms translated below.
    let mut parsed = std::collections::BTreeMap::new();
    for (i, rel) in files.iter().enumerate() {
        let abs = root.join(rel);
        println!("cargo:rerun-if-changed={}", abs.display());
        let value = fs::read_to_string(&abs)
            .ok()
            .and_then(|text| serde_yaml::from_str::<serde_yaml::Value>(&text).ok());
        let json = value.as_ref().and_then(yaml_to_json);
        if let Some(value) = value {
            parsed.insert(rel.as_str(), value);
        }
        let json = match json {
            Some(json) => {
                let path = Path::new(&out_dir).join(format!("builtin_{i}.json"));
                fs::write(&path, json).unwrap();
                format!("Some(include_str!({:?}))", path.display().to_string())
            }
            None => "None".to_string(),
        };
        out.push_str(&format!(
            "    ({rel:?}, include_str!({:?}), {json}),\n",
            abs.display().to_string()
        ));
    }
    out.push_str("];\n");
    let dest = Path::new(&out_dir).join("builtin_rules.rs");
    fs::write(dest, out).unwrap();
    for source in TRANSLATION_SOURCES {
        println!(
            "cargo:rerun-if-changed={}",
            Path::new(&manifest).join(source).display()
        );
    }
    let translated = translate_terms(&parsed);
    fs::write(Path::new(&out_dir).join("translated_terms.rs"), translated).unwrap();
}

/// Every term written in the built-in rule files of each language folder (`rules/en/`...),
/// translated with that language's common words, and the variants of each term that has
/// optional words or groups, as Rust source for `src/translated.rs`; `files` are the parsed
/// files by their path under `rules/`. Terms are taken from every list of every file except
/// the lists that hold no terms (examples, common words, abbreviations, letters); a string
/// of those lists that is no valid term is left out, and so costs nothing: the library
/// translates whatever it does not find here.
fn translate_terms(files: &std::collections::BTreeMap<&str, serde_yaml::Value>) -> String {
    let mut tables = Tables::default();
    // The cue lists of the language files and the assessment's word lists are translated
    // without common words (`TermSet::new`): one table for those, whatever their language.
    let mut cue_terms = std::collections::BTreeSet::new();
    let mut languages: Vec<&str> = files
        .keys()
        .filter_map(|f| Some(f.split_once('/')?.0))
        .collect();
    languages.dedup();
    for language in languages {
        let file = |name: &str| files.get(format!("{language}/{name}").as_str());
        let Some(words) = file("language.yaml").and_then(|v| v.get("common_words")?.as_sequence())
        else {
            continue;
        };
        let common: word_table::WordTable = words
            .iter()
            .filter_map(scalar_text)
            .map(|w| fold::fold(&w))
            .collect();
        // The language's spellings, as the library reads them; groups it would refuse are
        // left out here, so its terms are then translated at run time (where the error is
        // reported).
        let groups: Vec<Vec<String>> = file("language.yaml")
            .and_then(|v| v.get("spelling_variants")?.as_sequence())
            .map(|groups| {
                groups
                    .iter()
                    .filter_map(|g| g.as_sequence())
                    .map(|g| g.iter().filter_map(scalar_text).collect())
                    .collect()
            })
            .unwrap_or_default();
        let spellings = spelling::Spellings::new(&groups).unwrap_or_default();
        let mut written = std::collections::BTreeSet::new();
        let folder = format!("{language}/");
        for (_, value) in files
            .range(folder.as_str()..)
            .take_while(|(f, _)| f.starts_with(&folder))
        {
            collect_list_items(value, "", &mut written);
        }
        for value in ["language.yaml", "assessment.yaml"]
            .into_iter()
            .filter_map(file)
        {
            collect_list_items(value, "", &mut cue_terms);
        }
        tables.language(language, &common, &spellings, &written);
    }
    let none = spelling::Spellings::default();
    tables.language("", &word_table::WordTable::default(), &none, &cue_terms);
    tables.finish()
}

/// The Rust source of the translated terms, written a language at a time: the languages'
/// tables, and what they share (every string once, the anchors, the variants).
#[derive(Default)]
struct Tables {
    languages: String,
    variants: std::collections::BTreeMap<String, Vec<String>>,
    text: Text,
    anchors: Vec<(String, bool)>,
}

impl Tables {
    /// One language's table: every term of `written`, or each of its variants, translated
    /// with `common` and `spellings`.
    fn language(
        &mut self,
        language: &str,
        common: &word_table::WordTable,
        spellings: &spelling::Spellings,
        written: &std::collections::BTreeSet<String>,
    ) {
        // What the term cache is asked for: a term as written, or each of its variants.
        let mut terms = std::collections::BTreeMap::new();
        for term in written {
            let variants = if term.contains(['?', '(', ')']) {
                let variants = term_variants::variants(term).unwrap_or_default();
                if !variants.is_empty() {
                    self.variants.insert(term.clone(), variants.clone());
                }
                variants
            } else {
                vec![term.clone()]
            };
            for variant in variants {
                let folded = fold::fold(&variant);
                let folded = spellings.apply(&folded).unwrap_or(folded);
                if term_syntax::check_term(&variant, &folded).is_ok() {
                    let chosen = term_syntax::choose_anchors_folded(&folded, common);
                    terms.insert(variant, (folded, chosen));
                }
            }
        }
        self.languages.push_str(&format!(
            "    TranslatedLanguage {{ language: {language:?}, fingerprint: {:#x}, terms: &[\n",
            spelling::translation_fingerprint(common.fingerprint(), spellings)
        ));
        let slots = (terms.len() * 3 / 2).next_power_of_two().max(2);
        let mut index = vec![0u32; slots];
        for (at, term) in terms.keys().enumerate() {
            let hash = word_table::stable_hash(term.bytes());
            let mut slot = word_table::first_slot(hash, slots);
            while index[slot] != 0 {
                slot = (slot + 1) % slots;
            }
            index[slot] = at as u32 + 1;
        }
        for (term, (folded, chosen)) in &terms {
            let (term, folded) = (self.text.span(term), self.text.span(folded));
            let (anchors, at_word_start, required) = match chosen {
                Some(c) => {
                    let from = self.anchors.len();
                    for (literal, ends) in c.literals.iter().zip(&c.ends_word) {
                        let literal = self.text.span(literal);
                        self.anchors.push((literal, *ends));
                    }
                    let required = c.required.as_ref().map(|r| (r.start, r.end));
                    (Some((from, self.anchors.len())), c.at_word_start, required)
                }
                None => (None, false, None),
            };
            self.languages.push_str(&format!(
                "        E({term}, {folded}, {anchors:?}, {at_word_start}, {required:?}),\n"
            ));
        }
        self.languages
            .push_str(&format!("    ], index: &{index:?} }},\n"));
    }

    /// The whole source: the languages' tables, the anchors, the variants, the text.
    fn finish(mut self) -> String {
        let mut out = format!(
            "static LANGUAGES: &[TranslatedLanguage] = &[\n{}];\n",
            self.languages
        );
        out.push_str("static ANCHORS: &[A] = &[\n");
        for (literal, ends) in &self.anchors {
            out.push_str(&format!("    A({literal}, {ends}),\n"));
        }
        out.push_str("];\nstatic VARIANTS: &[V] = &[\n");
        let mut spans = Vec::new();
        for (term, variants) in &self.variants {
            let from = spans.len();
            spans.extend(variants.iter().map(|v| self.text.span(v)));
            let term = self.text.span(term);
            out.push_str(&format!("    V({term}, {from}, {}),\n", spans.len()));
        }
        out.push_str("];\nstatic VARIANT_SPANS: &[S] = &[\n");
        for span in spans {
            out.push_str(&format!("    {span},\n"));
        }
        out.push_str(&format!("];\nstatic TEXT: &str = {:?};\n", self.text.text));
        out
    }
}

/// The text of every string of the translated terms, each written once: the tables refer
/// to it by byte ranges, not pointers, so that loading the binary has no pointers of theirs
/// to relocate (a table of `&str` needed about 74,000 relocations at every start).
#[derive(Default)]
struct Text {
    text: String,
    seen: std::collections::HashMap<String, (usize, usize)>,
}

impl Text {
    /// `s` as the Rust source of a span of the text.
    fn span(&mut self, s: &str) -> String {
        let (start, end) = *self.seen.entry(s.to_string()).or_insert_with(|| {
            self.text.push_str(s);
            (self.text.len() - s.len(), self.text.len())
        });
        format!("S({start}, {end})")
    }
}

/// A list item as text (YAML reads an unquoted `24` or `true` as a number or a boolean).
fn scalar_text(value: &serde_yaml::Value) -> Option<String> {
    use serde_yaml::Value as Y;
    match value {
        Y::String(s) => Some(s.clone()),
        Y::Number(n) => Some(n.to_string()),
        Y::Bool(b) => Some(b.to_string()),
        Y::Tagged(t) => scalar_text(&t.value),
        _ => None,
    }
}

/// Every text item of every list in `value`, except in lists under a key that holds no
/// terms; named lists (`@name`) are left to their own lists.
fn collect_list_items(
    value: &serde_yaml::Value,
    key: &str,
    out: &mut std::collections::BTreeSet<String>,
) {
    use serde_yaml::Value as Y;
    const NO_TERMS: [&str; 5] = [
        "match",
        "no_match",
        "common_words",
        "abbreviations",
        "letters",
    ];
    match value {
        Y::Sequence(items) => {
            for item in items {
                match scalar_text(item) {
                    Some(text) if !NO_TERMS.contains(&key) && !text.starts_with('@') => {
                        out.insert(text);
                    }
                    Some(_) => {}
                    None => collect_list_items(item, key, out),
                }
            }
        }
        Y::Mapping(map) => {
            for (k, v) in map {
                collect_list_items(v, k.as_str().unwrap_or(""), out);
            }
        }
        Y::Tagged(t) => collect_list_items(&t.value, key, out),
        _ => {}
    }
}

fn collect(root: &Path, dir: &Path, files: &mut Vec<String>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            println!("cargo:rerun-if-changed={}", path.display());
            collect(root, &path, files);
        } else if path.extension().is_some_and(|e| e == "yaml") {
            let rel = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            files.push(rel);
        }
    }
}

/// The YAML document as JSON text, or None when it has a key that is not text. Every item
/// of a list becomes a JSON string: in these files lists hold only terms, words, sentences
/// and ids, and YAML reads an unquoted `24` or `true` in a list as a number
/// or a boolean, which the loader takes as text. (Should a list ever need numbers, its file's
/// JSON would not parse and the loader would read the YAML; a test checks that every
/// built-in file is read from its JSON.)
fn yaml_to_json(value: &serde_yaml::Value) -> Option<String> {
    serde_json::to_string(&convert(value.clone(), false)?).ok()
}

fn convert(value: serde_yaml::Value, in_list: bool) -> Option<serde_json::Value> {
    use serde_json::Value as J;
    use serde_yaml::Value as Y;
    Some(match value {
        Y::Null => J::Null,
        Y::Bool(b) if in_list => J::String(b.to_string()),
        Y::Bool(b) => J::Bool(b),
        Y::Number(n) if in_list => J::String(n.to_string()),
        Y::Number(n) => serde_json::to_value(&n).ok()?,
        Y::String(s) => J::String(s),
        Y::Sequence(items) => J::Array(
            items
                .into_iter()
                .map(|item| convert(item, true))
                .collect::<Option<_>>()?,
        ),
        Y::Mapping(map) => J::Object(
            map.into_iter()
                .map(|(k, v)| Some((k.as_str()?.to_string(), convert(v, false)?)))
                .collect::<Option<_>>()?,
        ),
        Y::Tagged(tagged) => convert(tagged.value, in_list)?,
    })
}
