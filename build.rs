//! Embeds every file under `rules/` into the binary, so the tool works from any directory
//! and no rule file can be forgotten in a hand-written list. Every file is also embedded as
//! JSON: parsing YAML was the largest part of every command's start-up,
//! and JSON of the same data parses about ten times faster. The YAML stays the source of
//! truth (and of every error message): a file that cannot be converted is embedded without
//! JSON and read as YAML.

use std::{env, fs, path::Path};

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
    for (i, rel) in files.iter().enumerate() {
        let abs = root.join(rel);
        println!("cargo:rerun-if-changed={}", abs.display());
        let json = fs::read_to_string(&abs)
            .ok()
            .and_then(|text| yaml_to_json(&text));
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

/// The YAML document as JSON text, or None when it does not parse or has a key that is not
/// text. Every item of a list becomes a JSON string: in these files lists hold only terms,
/// words, sentences and ids, and YAML reads an unquoted `24` or `true` in a list as a number
/// or a boolean, which the loader takes as text. (Should a list ever need numbers, its file's
/// JSON would not parse and the loader would read the YAML; a test checks that every
/// built-in file is read from its JSON.)
fn yaml_to_json(text: &str) -> Option<String> {
    let value: serde_yaml::Value = serde_yaml::from_str(text).ok()?;
    serde_json::to_string(&convert(value, false)?).ok()
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
