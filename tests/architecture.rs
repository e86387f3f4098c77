//! Keeps the dependency rule honest: the pure core never mentions a browser crate.

use std::path::Path;

const FORBIDDEN: [&str; 6] = [
    "leptos",
    "web_sys",
    "wasm_bindgen",
    "js_sys",
    "rexie",
    "plotters",
];

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn the_pure_modules_mention_no_browser_crate() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    for layer in ["analytics", "domain", "import", "export", "demo", "i18n"] {
        rust_files(&root.join(layer), &mut files);
    }
    assert!(
        files.len() > 10,
        "expected the pure layers' sources, found {files:?}"
    );
    let mut offences = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap().to_lowercase();
        for word in FORBIDDEN {
            let dashed = word.replace('_', "-");
            if text.contains(word) || text.contains(&dashed) {
                offences.push(format!("{} mentions {word}", file.display()));
            }
        }
    }
    assert!(
        offences.is_empty(),
        "browser crates in the pure core:\n{}",
        offences.join("\n")
    );
}

#[test]
fn pages_and_components_never_reach_storage() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    for layer in ["pages", "components"] {
        rust_files(&root.join(layer), &mut files);
    }
    assert!(files.len() > 10, "expected the views' sources, found {files:?}");
    let mut offences = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        for word in ["crate::storage", "rexie", "IndexedDb", "indexedDB"] {
            if text.contains(word) {
                offences.push(format!("{} mentions {word}", file.display()));
            }
        }
    }
    assert!(offences.is_empty(), "views reaching storage directly (go through state):\n{}", offences.join("\n"));
}
