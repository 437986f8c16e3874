//! Helpers shared by the end-to-end tests: running the binary, reading its JSON output,
//! writing a user's rule folder, finding a fixture.

// Each test file uses only some of these.
#![allow(dead_code)]

use assert_cmd::Command;
use std::path::Path;
use tempfile::TempDir;

pub fn redflag() -> Command {
    Command::cargo_bin("redflag").unwrap()
}

/// The JSON on stdout of a run that must have succeeded (its stderr shown otherwise).
pub fn json_ok(out: &std::process::Output) -> serde_json::Value {
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// A folder holding the given files (paths relative to it), like a user's rules folder.
pub fn rules_dir(files: &[(&str, &str)]) -> TempDir {
    let dir = TempDir::new().unwrap();
    for (rel, text) in files {
        let path = dir.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    dir
}

/// The path of a file under fixtures/.
pub fn fixture_path(rel: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(rel)
        .display()
        .to_string()
}
