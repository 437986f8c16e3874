//! Turns the command line's paths into a stream of texts to screen: plain files, directories
//! walked recursively (chosen with `--glob`), standard input, and JSON Lines streams with one
//! `{"id": ..., "text": ...}` per line. Whatever cannot be screened becomes a `Skip` with its
//! reason, so the batch goes on and nothing disappears without a trace.

use super::jsonl::{self, LineRecord};
use crate::input::{self, InputError};
use globset::{Glob, GlobSet, GlobSetBuilder};
use serde_json::{Map, Value};
use std::fs;
use std::io::{self, BufReader, Read};
use std::path::{Path, PathBuf};

/// A line buffer larger than this is released after its record, so that one huge record does
/// not hold its memory for the rest of a long stream.
const LINE_BUFFER_KEEP: usize = 4 << 20;

/// How the inputs are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum InputKind {
    /// Each file (or standard input) is one text.
    Text,
    /// Each line of each file (or of standard input) is a JSON object with `text` and an
    /// optional `id`; other fields are passed through to the report.
    Jsonl,
}

/// What decides which paths are read and how.
#[derive(Debug, Clone)]
pub struct SourceOptions {
    pub kind: InputKind,
    pub max_bytes: u64,
    /// Patterns that choose files inside directories; `!pattern` excludes.
    pub globs: Vec<String>,
    /// Also enter hidden files and directories (names starting with `.`).
    pub hidden: bool,
}

/// One unit of work: a text, or the reason there is none.
#[derive(Debug)]
pub struct Item {
    /// A path, `-` for standard input, or `path:LINE` for a JSON Lines record.
    pub source: String,
    /// The record's `id` (JSON Lines only).
    pub id: Option<Value>,
    /// The record's other fields (JSON Lines only).
    pub fields: Option<Map<String, Value>>,
    pub content: Result<Text, Skip>,
    /// Bytes of input this item used up (the file, or the JSON line), for progress.
    pub input_bytes: u64,
}

/// A text ready to screen, with what was wrong with it but not fatal.
#[derive(Debug)]
pub struct Text {
    pub text: String,
    pub warnings: Vec<String>,
}

/// Why an input was not screened.
#[derive(Debug, Clone)]
pub struct Skip {
    pub kind: SkipKind,
    pub message: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SkipKind {
    /// Could not be opened or read (missing, permissions, I/O error).
    Unreadable,
    /// Contains NUL bytes: not a text file.
    Binary,
    /// Nothing but white space.
    Empty,
    /// Larger than `--max-bytes`.
    TooLarge,
    /// A JSON Lines record that is not a JSON object with a string `text`.
    BadRecord,
}

impl SkipKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SkipKind::Unreadable => "unreadable",
            SkipKind::Binary => "binary",
            SkipKind::Empty => "empty",
            SkipKind::TooLarge => "too-large",
            SkipKind::BadRecord => "bad-record",
        }
    }
}

impl Skip {
    fn from_input(e: InputError) -> Self {
        let kind = match &e {
            InputError::Io(..) | InputError::Directory(_) => SkipKind::Unreadable,
            InputError::TooLarge(..) => SkipKind::TooLarge,
            InputError::Binary(_) => SkipKind::Binary,
            InputError::Empty(_) => SkipKind::Empty,
        };
        Skip {
            kind,
            message: e.to_string(),
        }
    }
}

/// Files that a directory walk passed over on purpose, counted for the summary.
#[derive(Debug, Default, Clone, Copy, serde::Serialize)]
pub struct Passed {
    pub hidden: u64,
    pub not_matching_glob: u64,
    pub not_regular: u64,
}

/// Chooses files found inside directories.
struct Filter {
    include: Option<GlobSet>,
    exclude: Option<GlobSet>,
    hidden: bool,
}

impl Filter {
    fn new(globs: &[String], hidden: bool) -> anyhow::Result<Self> {
        let mut include = GlobSetBuilder::new();
        let mut exclude = GlobSetBuilder::new();
        let (mut n_in, mut n_out) = (0, 0);
        for pattern in globs {
            let (set, counter, body) = match pattern.strip_prefix('!') {
                Some(body) => (&mut exclude, &mut n_out, body),
                None => (&mut include, &mut n_in, pattern.as_str()),
            };
            let glob = Glob::new(body).map_err(|e| anyhow::anyhow!("--glob {pattern:?}: {e}"))?;
            set.add(glob);
            *counter += 1;
        }
        let build = |b: GlobSetBuilder, n: usize| -> anyhow::Result<Option<GlobSet>> {
            Ok(if n == 0 { None } else { Some(b.build()?) })
        };
        Ok(Filter {
            include: build(include, n_in)?,
            exclude: build(exclude, n_out)?,
            hidden,
        })
    }

    /// Whether `rel` (a path relative to the walked directory) is chosen. A pattern without
    /// `/` is matched against the file name, one with `/` against the relative path, as in
    /// ripgrep and fd.
    fn wants(&self, rel: &Path) -> bool {
        let name = rel.file_name().map(Path::new).unwrap_or(rel);
        let hit = |set: &GlobSet| set.is_match(name) || set.is_match(rel);
        self.include.as_ref().is_none_or(hit) && !self.exclude.as_ref().is_some_and(hit)
    }
}

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.') && n != "." && n != "..")
}

/// Expands the command line's paths into the files to read, in a stable order (directory
/// entries sorted by name), so that output order never depends on the file system.
pub fn expand_paths(
    paths: &[String],
    options: &SourceOptions,
) -> anyhow::Result<(Vec<String>, Passed)> {
    let filter = Filter::new(&options.globs, options.hidden)?;
    let mut files = Vec::new();
    let mut passed = Passed::default();
    for path in paths {
        if path != "-" && Path::new(path).is_dir() {
            walk(
                Path::new(path),
                Path::new(""),
                &filter,
                &mut files,
                &mut passed,
            );
        } else {
            // Named explicitly: always read, whatever the filter says.
            files.push(path.clone());
        }
    }
    Ok((files, passed))
}

fn walk(root: &Path, rel: &Path, filter: &Filter, files: &mut Vec<String>, passed: &mut Passed) {
    let dir = root.join(rel);
    let mut entries: Vec<(PathBuf, fs::FileType)> = match fs::read_dir(&dir) {
        Ok(read) => read
            .filter_map(|e| e.ok())
            .filter_map(|e| e.file_type().ok().map(|t| (e.path(), t)))
            .collect(),
        Err(_) => {
            // Reported when read: the path goes through as an unreadable input.
            files.push(dir.to_string_lossy().into_owned());
            return;
        }
    };
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    for (path, file_type) in entries {
        let Some(name) = path.file_name() else {
            continue;
        };
        let child_rel = rel.join(name);
        if !filter.hidden && is_hidden(&path) {
            passed.hidden += 1;
            continue;
        }
        // Symbolic links to directories are not followed (no cycles); links to files are read.
        let is_file = file_type.is_file()
            || (file_type.is_symlink() && fs::metadata(&path).is_ok_and(|m| m.is_file()));
        if file_type.is_dir() {
            walk(root, &child_rel, filter, files, passed);
        } else if is_file {
            if filter.wants(&child_rel) {
                files.push(path.to_string_lossy().into_owned());
            } else {
                passed.not_matching_glob += 1;
            }
        } else {
            passed.not_regular += 1;
        }
    }
}

/// Reads one whole file (or standard input) as one text.
pub fn read_text_file(path: &str, max_bytes: u64) -> Item {
    let mut input_bytes = 0;
    let content = input::read_bytes(path, max_bytes)
        .and_then(|bytes| {
            input_bytes = bytes.len() as u64;
            input::decode(path, bytes)
        })
        .map(|decoded| Text {
            text: decoded.text,
            warnings: decoded.warnings,
        })
        .map_err(Skip::from_input);
    Item {
        source: path.to_string(),
        id: None,
        fields: None,
        content,
        input_bytes,
    }
}

/// Reads a JSON Lines file (or standard input) record by record, calling `each` for every
/// line that is not blank, with whether the next line is already read into memory (when it is
/// not, reading it may wait on a pipe). Memory holds one line at a time; a line over
/// `max_bytes` is skipped without being held.
pub fn read_jsonl_file(
    path: &str,
    max_bytes: u64,
    each: &mut dyn FnMut(Item, bool) -> bool,
) -> Option<Skip> {
    let reader: Box<dyn Read> = if path == "-" {
        Box::new(io::stdin().lock())
    } else {
        match fs::File::open(path) {
            Ok(f) => {
                if f.metadata().is_ok_and(|m| m.is_dir()) {
                    return Some(Skip::from_input(InputError::Directory(path.into())));
                }
                Box::new(f)
            }
            Err(e) => return Some(Skip::from_input(InputError::Io(path.into(), e))),
        }
    };
    let mut reader = BufReader::with_capacity(256 * 1024, reader);
    let mut line = Vec::new();
    let mut number = 0u64;
    loop {
        number += 1;
        let read = match jsonl::read_line(&mut reader, &mut line, max_bytes) {
            Ok(read) => read,
            Err(e) => {
                let shown = if path == "-" { "standard input" } else { path };
                return Some(Skip::from_input(InputError::Io(shown.into(), e)));
            }
        };
        let input_bytes = match read {
            jsonl::Line::TooLong(len) => len + 1,
            _ => line.len() as u64 + 1,
        };
        let record = match read {
            jsonl::Line::End => return None,
            jsonl::Line::Blank => continue,
            jsonl::Line::Data => {
                let record = jsonl::parse_record(&line);
                // One huge record must not keep its buffer for the rest of the stream.
                if line.capacity() > LINE_BUFFER_KEEP {
                    line = Vec::new();
                }
                record
            }
            jsonl::Line::TooLong(len) => Err(Skip {
                kind: SkipKind::TooLarge,
                message: format!(
                    "line is {len} bytes or more, more than the limit of {max_bytes} bytes (raise it with --max-bytes)"
                ),
            }),
        };
        let shown = if path == "-" { "stdin" } else { path };
        let source = format!("{shown}:{number}");
        let prefix = |skip: Skip| Skip {
            kind: skip.kind,
            message: format!("{source}: {}", skip.message),
        };
        let item = match record {
            Ok(LineRecord { id, text, fields }) => Item {
                source: source.clone(),
                id,
                fields: (!fields.is_empty()).then_some(fields),
                content: text.map_err(prefix),
                input_bytes,
            },
            Err(skip) => Item {
                source: source.clone(),
                id: None,
                fields: None,
                content: Err(prefix(skip)),
                input_bytes,
            },
        };
        if !each(item, !reader.buffer().is_empty()) {
            return None;
        }
    }
}

/// Reads `path` whole or line by line depending on `kind`, calling `each` per item with
/// whether more of this input is ready without waiting (see [`read_jsonl_file`]); stops early
/// when `each` returns false.
pub fn read_path(path: &str, options: &SourceOptions, each: &mut dyn FnMut(Item, bool) -> bool) {
    match options.kind {
        // A whole file or standard input was read to its end: nothing of it is left to wait for.
        InputKind::Text => {
            each(read_text_file(path, options.max_bytes), true);
        }
        InputKind::Jsonl => {
            if let Some(skip) = read_jsonl_file(path, options.max_bytes, each) {
                let item = Item {
                    source: path.to_string(),
                    id: None,
                    fields: None,
                    content: Err(skip),
                    input_bytes: 0,
                };
                each(item, true);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_choose_by_name_or_by_relative_path_and_bang_excludes() {
        let f = Filter::new(&["*.txt".into(), "!draft*".into()], false).unwrap();
        assert!(f.wants(Path::new("a/b/story.txt")));
        assert!(!f.wants(Path::new("a/b/story.pdf")));
        assert!(!f.wants(Path::new("a/draft-1.txt")));
        let g = Filter::new(&["cases/**/*.md".into()], false).unwrap();
        assert!(g.wants(Path::new("cases/2024/x.md")));
        assert!(!g.wants(Path::new("other/x.md")));
        assert!(Filter::new(&["a[".into()], false).is_err());
    }

    #[test]
    fn walking_is_sorted_skips_hidden_and_counts_what_it_passes_over() {
        let dir = tempfile::TempDir::new().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("b/c")).unwrap();
        fs::create_dir_all(root.join(".git")).unwrap();
        fs::write(root.join("b/c/2.txt"), "x").unwrap();
        fs::write(root.join("a.txt"), "x").unwrap();
        fs::write(root.join("b/1.pdf"), "x").unwrap();
        fs::write(root.join(".hidden.txt"), "x").unwrap();
        fs::write(root.join(".git/config"), "x").unwrap();
        let options = SourceOptions {
            kind: InputKind::Text,
            max_bytes: 100,
            globs: vec!["*.txt".into()],
            hidden: false,
        };
        let (files, passed) =
            expand_paths(&[root.to_string_lossy().into_owned()], &options).unwrap();
        let rel: Vec<String> = files
            .iter()
            .map(|f| {
                Path::new(f)
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        assert_eq!(rel, ["a.txt", "b/c/2.txt"]);
        assert_eq!(passed.hidden, 2);
        assert_eq!(passed.not_matching_glob, 1);
    }
}
