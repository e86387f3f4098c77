//! Keeps the dependency rule honest: the pure core never mentions a browser crate, the views
//! never reach storage, every reference between modules follows the rule's table, and no
//! files reference each other in a loop.
//!
//! The module graph is read from the source text (comments and string literals skipped) the
//! way the compiler resolves paths: `use` trees, grouped or not, inline `crate::`/`super::`/
//! `self::` paths, paths through a child module or a name brought in by `use`, and glob
//! imports. A reference goes to the file that *defines* the named item: a re-export passes
//! it on, so `pub use child::Item;` in a parent is no dependency of the parent (unless the
//! parent's own code names `Item`), while a parent whose code calls into its child, the child
//! using an item defined in the parent, is a loop.

use std::collections::{BTreeMap, BTreeSet};
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

// ---------------------------------------------------------------------------------------------
// The rule
// ---------------------------------------------------------------------------------------------

/// Every top-level module ("layer") and the layers it may use; a layer may always use itself.
/// `bin` is the native CLI (`src/bin/insight/`), which reaches the library as
/// `customer_insight::…`; `main` and `lib` are the crate roots and may use anything.
#[rustfmt::skip]
const RULE: [(&str, &[&str]); 14] = [
    ("domain", &[]),
    ("analytics", &["domain"]),
    ("import", &["domain"]),
    ("demo", &["domain"]),
    ("export", &["domain", "analytics"]),
    ("storage", &["domain"]),
    // i18n words the engines' typed errors; the engines never call i18n.
    ("i18n", &["domain", "analytics", "import", "export", "storage"]),
    ("worker", &["domain", "analytics", "import", "export", "demo", "storage", "i18n"]),
    ("error", &["storage", "i18n"]),
    ("state", &["domain", "analytics", "import", "export", "demo", "storage", "worker", "i18n", "error"]),
    ("components", &["domain", "analytics", "i18n", "state", "error"]),
    ("pages", &["domain", "analytics", "import", "export", "demo", "i18n", "state", "components", "worker", "error"]),
    ("app", &["pages", "components", "state", "storage", "i18n", "error", "domain"]),
    ("bin", &["domain", "analytics", "import", "export", "i18n"]),
];

/// The crate roots, which may use every layer.
const ROOTS: [&str; 2] = ["main", "lib"];

fn may_use(from: &str, to: &str) -> Result<bool, String> {
    if from == to || ROOTS.contains(&from) {
        return Ok(true);
    }
    let allowed = RULE
        .iter()
        .find(|(layer, _)| *layer == from)
        .map(|(_, allowed)| *allowed)
        .ok_or_else(|| format!("the layer `{from}` is not in the rule's table"))?;
    if !ROOTS.contains(&to) && !RULE.iter().any(|(layer, _)| *layer == to) {
        return Err(format!("the layer `{to}` is not in the rule's table"));
    }
    Ok(allowed.contains(&to))
}

/// Every reference of the given sources that the rule's table does not allow, one line each:
/// the file and line, the path as written, and the layer it reaches (by the path, and by the
/// file that defines what it names, when a re-export hides a different layer behind it).
fn rule_violations(model: &Model, refs: &[Reference]) -> Vec<String> {
    let mut out = Vec::new();
    for r in refs {
        let from_file = &model.files[r.from];
        let from = layer_of(&from_file.module);
        let mut reached = vec![layer_of(&r.path)];
        if let Some(to) = r.to {
            let defined = layer_of(&model.files[to].module);
            if !reached.contains(&defined) {
                reached.push(defined);
            }
        }
        for to in reached {
            let verdict = match may_use(from, to) {
                Ok(true) => continue,
                Ok(false) => format!("{from} may not use {to}"),
                Err(why) => why,
            };
            let defined_in = r
                .to
                .map(|to| format!(" (defined in {})", model.files[to].path))
                .unwrap_or_default();
            out.push(format!(
                "{}:{}: `{}`{defined_in}: {verdict}",
                from_file.path,
                r.line,
                r.written,
            ));
        }
    }
    out.sort();
    out.dedup();
    out
}

fn layer_of(module: &[String]) -> &str {
    module.first().map(String::as_str).unwrap_or("lib")
}

// ---------------------------------------------------------------------------------------------
// Reading the sources: tokens without comments and literals
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Debug, PartialEq, Eq)]
enum Tok {
    Ident(String),
    /// `::`
    PathSep,
    Punct(char),
    /// A string, character or number literal (its text never counts).
    Literal,
}

#[derive(Clone, Debug)]
struct Token {
    tok: Tok,
    line: usize,
}

fn is_ident_start(c: char) -> bool {
    c.is_alphabetic() || c == '_'
}

fn is_ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The tokens of a Rust source, without comments (`//`, `///`, `//!`, `/* */` nested) and
/// with every string (plain, byte, C, raw), character and number literal as one `Literal`.
fn lex(text: &str) -> Vec<Token> {
    let c: Vec<char> = text.chars().collect();
    let at = |i: usize| c.get(i).copied().unwrap_or('\0');
    let mut out = Vec::new();
    let mut line = 1;
    let mut i = 0;
    // Skips a quoted literal whose opening quote is at `i`; returns the index after it.
    let quoted = |mut i: usize, quote: char, line: &mut usize| -> usize {
        i += 1;
        while i < c.len() && c[i] != quote {
            if c[i] == '\\' {
                i += 1;
            }
            if at(i) == '\n' {
                *line += 1;
            }
            i += 1;
        }
        i + 1
    };
    // A raw string starting at `i` (its `r`): returns the index after it, if it is one.
    let raw = |i: usize, line: &mut usize| -> Option<usize> {
        let mut j = i + 1;
        let mut hashes = 0;
        while at(j) == '#' {
            hashes += 1;
            j += 1;
        }
        if at(j) != '"' {
            return None;
        }
        j += 1;
        loop {
            if j >= c.len() {
                return Some(j);
            }
            if c[j] == '\n' {
                *line += 1;
            }
            if c[j] == '"' && (1..=hashes).all(|k| at(j + k) == '#') {
                return Some(j + 1 + hashes);
            }
            j += 1;
        }
    };
    while i < c.len() {
        let ch = c[i];
        let start_line = line;
        if ch == '\n' {
            line += 1;
            i += 1;
        } else if ch.is_whitespace() {
            i += 1;
        } else if ch == '/' && at(i + 1) == '/' {
            while i < c.len() && c[i] != '\n' {
                i += 1;
            }
        } else if ch == '/' && at(i + 1) == '*' {
            let mut depth = 0;
            while i < c.len() {
                if c[i] == '/' && at(i + 1) == '*' {
                    depth += 1;
                    i += 2;
                } else if c[i] == '*' && at(i + 1) == '/' {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    if c[i] == '\n' {
                        line += 1;
                    }
                    i += 1;
                }
            }
        } else if ch == '"' {
            i = quoted(i, '"', &mut line);
            out.push(Token { tok: Tok::Literal, line: start_line });
        } else if (ch == 'b' || ch == 'c') && at(i + 1) == '"' {
            i = quoted(i + 1, '"', &mut line);
            out.push(Token { tok: Tok::Literal, line: start_line });
        } else if ch == 'b' && at(i + 1) == '\'' {
            i = quoted(i + 1, '\'', &mut line);
            out.push(Token { tok: Tok::Literal, line: start_line });
        } else if let Some(end) = (ch == 'r')
            .then(|| raw(i, &mut line))
            .flatten()
            .or_else(|| ((ch == 'b' || ch == 'c') && at(i + 1) == 'r').then(|| raw(i + 1, &mut line)).flatten())
        {
            i = end;
            out.push(Token { tok: Tok::Literal, line: start_line });
        } else if ch == 'r' && at(i + 1) == '#' && is_ident_start(at(i + 2)) {
            // A raw identifier: `r#type`.
            let mut j = i + 2;
            while is_ident_char(at(j)) {
                j += 1;
            }
            out.push(Token { tok: Tok::Ident(c[i + 2..j].iter().collect()), line });
            i = j;
        } else if ch == '\'' {
            if at(i + 1) == '\\' {
                i = quoted(i, '\'', &mut line);
                out.push(Token { tok: Tok::Literal, line: start_line });
            } else if at(i + 2) == '\'' {
                i += 3;
                out.push(Token { tok: Tok::Literal, line });
            } else {
                // A lifetime or a loop label.
                i += 1;
                while is_ident_char(at(i)) {
                    i += 1;
                }
            }
        } else if ch.is_ascii_digit() {
            while is_ident_char(at(i)) {
                i += 1;
            }
            out.push(Token { tok: Tok::Literal, line });
        } else if is_ident_start(ch) {
            let mut j = i;
            while is_ident_char(at(j)) {
                j += 1;
            }
            out.push(Token { tok: Tok::Ident(c[i..j].iter().collect()), line });
            i = j;
        } else if ch == ':' && at(i + 1) == ':' {
            out.push(Token { tok: Tok::PathSep, line });
            i += 2;
        } else {
            out.push(Token { tok: Tok::Punct(ch), line });
            i += 1;
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// One file: its modules, definitions, `use` declarations and inline paths
// ---------------------------------------------------------------------------------------------

/// A module whose body is in a file: the file's own module, or an inline `mod x { … }`.
#[derive(Debug, Default)]
struct Scope {
    module: Vec<String>,
    /// Items defined directly in the module body (functions, types, traits, constants,
    /// statics, macros).
    defs: BTreeSet<String>,
    /// Names bound by `use` (not globs), with the path as written.
    bindings: BTreeMap<String, Vec<String>>,
    /// Glob imports, with the path as written (without the `*`).
    globs: Vec<Vec<String>>,
}

#[derive(Debug)]
struct UseLeaf {
    scope: usize,
    /// The path as written, without a trailing `self`.
    path: Vec<String>,
    /// The name it binds; `None` for a glob.
    bind: Option<String>,
    public: bool,
    line: usize,
}

#[derive(Debug)]
struct InlinePath {
    scope: usize,
    path: Vec<String>,
    line: usize,
}

#[derive(Debug)]
struct FileScan {
    /// Relative to the crate, with `/`: `src/analytics/workspace/dashboard.rs`.
    path: String,
    /// `analytics::workspace::dashboard`; `src/lib.rs` is the empty path, `src/main.rs` is
    /// `main`, and the CLI's files are under `bin`.
    module: Vec<String>,
    scopes: Vec<Scope>,
    uses: Vec<UseLeaf>,
    paths: Vec<InlinePath>,
    /// Every identifier in the code outside `use` declarations.
    idents: BTreeSet<String>,
}

/// The module path of a source file.
fn module_of(path: &str) -> Vec<String> {
    let rel = path.strip_prefix("src/").unwrap_or_else(|| panic!("{path} is not under src/"));
    let rel = rel.strip_suffix(".rs").unwrap_or_else(|| panic!("{path} is not a .rs file"));
    let mut parts: Vec<String> = rel.split('/').map(str::to_string).collect();
    if parts == ["lib"] {
        return vec![];
    }
    if parts[0] == "bin" && parts.len() > 2 {
        // src/bin/insight/… is its own crate, whose root is main.rs; its modules are `bin::…`.
        parts.remove(1);
        if parts.len() == 2 && parts[1] == "main" {
            parts.pop();
        }
    }
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

const ITEM_KEYWORDS: [&str; 6] = ["fn", "struct", "enum", "trait", "type", "static"];

fn scan(path: &str, text: &str) -> FileScan {
    let module = module_of(path);
    let toks = lex(text);
    let ident = |i: usize| match toks.get(i) {
        Some(Token { tok: Tok::Ident(s), .. }) => Some(s.as_str()),
        _ => None,
    };
    let is = |i: usize, t: &Tok| toks.get(i).is_some_and(|x| &x.tok == t);
    let mut file = FileScan {
        path: path.to_string(),
        module: module.clone(),
        scopes: vec![Scope { module, ..Scope::default() }],
        uses: Vec::new(),
        paths: Vec::new(),
        idents: BTreeSet::new(),
    };
    // The open modules: (scope, the brace depth of its body).
    let mut open: Vec<(usize, usize)> = vec![(0, 0)];
    let mut depth = 0usize;
    // The bodies of macros invoked among items (`named_enum! { pub enum … }`), whose items
    // count as the module's.
    let mut macro_bodies: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let (scope, body) = *open.last().unwrap();
        let at_item_level = depth == body || macro_bodies.last() == Some(&depth);
        match &toks[i].tok {
            Tok::Punct('{') => depth += 1,
            Tok::Punct('}') => {
                depth = depth.saturating_sub(1);
                if open.len() > 1 && depth < body {
                    open.pop();
                }
                if macro_bodies.last().is_some_and(|&b| depth < b) {
                    macro_bodies.pop();
                }
            }
            Tok::Ident(name)
                if at_item_level && name != "macro_rules" && is(i + 1, &Tok::Punct('!')) && is(i + 2, &Tok::Punct('{')) =>
            {
                file.idents.insert(name.clone());
                depth += 1;
                macro_bodies.push(depth);
                i += 3;
                continue;
            }
            Tok::Ident(kw) if kw == "use" && !is(i + 1, &Tok::Punct('<')) => {
                let public = is_public(&toks, i);
                let mut j = i + 1;
                let mut leaves = Vec::new();
                use_tree(&toks, &mut j, Vec::new(), &mut leaves);
                for (path, bind, line) in leaves {
                    match &bind {
                        Some(name) => {
                            file.scopes[scope].bindings.insert(name.clone(), path.clone());
                        }
                        None => file.scopes[scope].globs.push(path.clone()),
                    }
                    file.uses.push(UseLeaf { scope, path, bind, public, line });
                }
                while j < toks.len() && !is(j, &Tok::Punct(';')) {
                    j += 1;
                }
                i = j + 1;
                continue;
            }
            Tok::Ident(kw) if kw == "mod" => {
                if let Some(name) = ident(i + 1) {
                    if at_item_level {
                        file.scopes[scope].defs.insert(name.to_string());
                    }
                    if is(i + 2, &Tok::Punct('{')) {
                        let mut module = file.scopes[scope].module.clone();
                        module.push(name.to_string());
                        file.scopes.push(Scope { module, ..Scope::default() });
                        depth += 1;
                        open.push((file.scopes.len() - 1, depth));
                        i += 3;
                        continue;
                    }
                }
            }
            Tok::Ident(kw) if at_item_level && ITEM_KEYWORDS.contains(&kw.as_str()) => {
                let mut j = i + 1;
                if kw == "static" && ident(j) == Some("mut") {
                    j += 1;
                }
                if let Some(name) = ident(j) {
                    file.scopes[scope].defs.insert(name.to_string());
                }
            }
            Tok::Ident(kw) if at_item_level && kw == "const" => {
                if let Some(name) = ident(i + 1).filter(|n| !["fn", "unsafe", "async", "extern"].contains(n)) {
                    file.scopes[scope].defs.insert(name.to_string());
                }
            }
            Tok::Ident(kw) if at_item_level && kw == "macro_rules" && is(i + 1, &Tok::Punct('!')) => {
                if let Some(name) = ident(i + 2) {
                    file.scopes[scope].defs.insert(name.to_string());
                }
            }
            Tok::Ident(first) => {
                file.idents.insert(first.clone());
                let after_sep = i > 0 && is(i - 1, &Tok::PathSep);
                let metavar = i > 0 && is(i - 1, &Tok::Punct('$')) && first != "crate";
                if !after_sep && !metavar && is(i + 1, &Tok::PathSep) && ident(i + 2).is_some() {
                    let mut path = vec![first.clone()];
                    let mut j = i + 1;
                    while is(j, &Tok::PathSep) {
                        match ident(j + 1) {
                            Some(s) => {
                                path.push(s.to_string());
                                file.idents.insert(s.to_string());
                                j += 2;
                            }
                            None => break,
                        }
                    }
                    file.paths.push(InlinePath { scope, path, line: toks[i].line });
                    i = j;
                    continue;
                }
            }
            _ => {}
        }
        i += 1;
    }
    file
}

/// Whether the `use` at `i` is `pub`, `pub(crate)`, `pub(super)` or `pub(in …)`.
fn is_public(toks: &[Token], i: usize) -> bool {
    let Some(mut j) = i.checked_sub(1) else { return false };
    if toks[j].tok == Tok::Punct(')') {
        while j > 0 && toks[j].tok != Tok::Punct('(') {
            j -= 1;
        }
        let Some(k) = j.checked_sub(1) else { return false };
        j = k;
    }
    toks[j].tok == Tok::Ident("pub".into())
}

/// Reads one use tree at `*i` under `prefix`: each leaf as (path, bound name or `None` for
/// a glob, line).
fn use_tree(toks: &[Token], i: &mut usize, mut prefix: Vec<String>, out: &mut Vec<(Vec<String>, Option<String>, usize)>) {
    if toks.get(*i).is_some_and(|t| t.tok == Tok::PathSep) {
        // `::std::…`: another crate.
        *i += 1;
        prefix.push("::".into());
    }
    loop {
        let Some(t) = toks.get(*i) else { return };
        match &t.tok {
            Tok::Ident(s) => {
                prefix.push(s.clone());
                *i += 1;
                match toks.get(*i).map(|t| &t.tok) {
                    Some(Tok::PathSep) => {
                        *i += 1;
                        continue;
                    }
                    Some(Tok::Ident(a)) if a == "as" => {
                        let alias = match toks.get(*i + 1).map(|t| &t.tok) {
                            Some(Tok::Ident(n)) => n.clone(),
                            _ => "_".into(),
                        };
                        *i += 2;
                        if prefix.last().is_some_and(|s| s == "self") {
                            prefix.pop();
                        }
                        out.push((prefix, Some(alias), t.line));
                    }
                    _ => {
                        if prefix.last().is_some_and(|s| s == "self") && prefix.len() > 1 {
                            prefix.pop();
                        }
                        let bind = prefix.last().cloned();
                        out.push((prefix, bind, t.line));
                    }
                }
                return;
            }
            Tok::Punct('*') => {
                *i += 1;
                out.push((prefix, None, t.line));
                return;
            }
            Tok::Punct('{') => {
                *i += 1;
                loop {
                    match toks.get(*i).map(|t| &t.tok) {
                        None => return,
                        Some(Tok::Punct('}')) => {
                            *i += 1;
                            return;
                        }
                        Some(Tok::Punct(',')) => *i += 1,
                        Some(_) => {
                            let before = *i;
                            use_tree(toks, i, prefix.clone(), out);
                            if *i == before {
                                *i += 1;
                            }
                        }
                    }
                }
            }
            _ => return,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The whole crate: resolving paths to the files that define what they name
// ---------------------------------------------------------------------------------------------

struct Model {
    files: Vec<FileScan>,
    /// Every module (a file's or an inline one): its file and scope.
    modules: BTreeMap<Vec<String>, (usize, usize)>,
}

/// What a path names.
#[derive(Debug, PartialEq)]
enum Target {
    /// An item (or something under it, a variant or an associated item) defined in a file.
    Item(usize, String),
    /// A module itself, as a namespace.
    Module,
    /// A name the reading did not find (generated by a macro, say), taken to live in the
    /// file of the module it was looked up in.
    Unknown(usize, String),
    /// Outside the crate.
    Outside,
}

/// One reference from a file to a module of the crate.
#[derive(Debug)]
struct Reference {
    from: usize,
    line: usize,
    /// The path as written, for messages.
    written: String,
    /// The absolute module path it names.
    path: Vec<String>,
    /// The file that defines what it names (`None` for a module as a namespace).
    to: Option<usize>,
    /// The name taken from that file.
    name: String,
    /// Whether it makes the file depend on `to`: a re-export that the file's own code does
    /// not use does not.
    depends: bool,
}

impl Model {
    fn new(sources: &[(String, String)]) -> Model {
        let files: Vec<FileScan> = sources.iter().map(|(p, t)| scan(p, t)).collect();
        let mut modules = BTreeMap::new();
        for (f, file) in files.iter().enumerate() {
            if let Some((other, _)) = modules.insert(file.module.clone(), (f, 0)) {
                panic!("{} and {} are both the module {:?}", files[other].path, file.path, file.module);
            }
        }
        for (f, file) in files.iter().enumerate() {
            for (s, scope) in file.scopes.iter().enumerate().skip(1) {
                modules.entry(scope.module.clone()).or_insert((f, s));
            }
        }
        Model { files, modules }
    }

    fn scope(&self, module: &[String]) -> Option<(usize, &Scope)> {
        self.modules.get(module).map(|&(f, s)| (f, &self.files[f].scopes[s]))
    }

    fn is_module(&self, module: &[String]) -> bool {
        self.modules.contains_key(module)
    }

    /// The names a glob import of `module` brings in.
    fn names(&self, module: &[String], depth: usize) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        let Some((_, scope)) = self.scope(module) else { return out };
        out.extend(scope.defs.iter().cloned());
        out.extend(scope.bindings.keys().cloned());
        for (m, _) in self.modules.range(module.to_vec()..) {
            if !m.starts_with(module) {
                break;
            }
            if m.len() == module.len() + 1 {
                out.insert(m[module.len()].clone());
            }
        }
        if depth < 8 {
            for glob in &scope.globs {
                if let Some(g) = self.absolute(module, glob, depth + 1) {
                    out.extend(self.names(&g, depth + 1));
                }
            }
        }
        out
    }

    /// The absolute module path of `path` as written in `module` (`None`: outside the crate,
    /// or not a path at all, a local variable's field, say).
    fn absolute(&self, module: &[String], path: &[String], depth: usize) -> Option<Vec<String>> {
        let first = path.first()?.as_str();
        let rest = &path[1..];
        let crate_root = || -> Vec<String> {
            // Every file of a crate shares its root's first segment (`bin`, `main`), or none.
            match module.first().map(String::as_str) {
                Some(r @ ("bin" | "main")) if self.is_module(&[r.to_string()]) => vec![r.to_string()],
                _ => vec![],
            }
        };
        let joined = |base: Vec<String>, rest: &[String]| base.into_iter().chain(rest.iter().cloned()).collect();
        match first {
            "::" => None,
            "crate" => Some(joined(crate_root(), rest)),
            "customer_insight" => Some(rest.to_vec()),
            "self" => Some(joined(module.to_vec(), rest)),
            "super" => {
                let mut base = module.to_vec();
                let mut k = 0;
                while path.get(k).is_some_and(|s| s == "super") {
                    base.pop()?;
                    k += 1;
                }
                Some(joined(base, &path[k..]))
            }
            _ => {
                let mut child = module.to_vec();
                child.push(first.to_string());
                let (_, scope) = self.scope(module)?;
                if self.is_module(&child) || scope.defs.contains(first) {
                    return Some(joined(child, rest));
                }
                if depth > 8 {
                    return None;
                }
                if let Some(bound) = scope.bindings.get(first) {
                    let base = self.absolute(module, bound, depth + 1)?;
                    return Some(joined(base, rest));
                }
                for glob in &scope.globs {
                    if let Some(g) = self.absolute(module, glob, depth + 1) {
                        if self.is_module(&g) && self.names(&g, depth + 1).contains(first) {
                            return Some(joined(g, path));
                        }
                    }
                }
                None
            }
        }
    }

    /// What an absolute path names, following re-exports to the defining file.
    fn resolve(&self, path: &[String], depth: usize) -> Target {
        if depth > 8 {
            return Target::Outside;
        }
        let mut module: Vec<String> = Vec::new();
        for (i, seg) in path.iter().enumerate() {
            let mut child = module.clone();
            child.push(seg.clone());
            if self.is_module(&child) {
                module = child;
                continue;
            }
            let Some((file, scope)) = self.scope(&module) else { return Target::Outside };
            if scope.defs.contains(seg) {
                return Target::Item(file, seg.clone());
            }
            if let Some(bound) = scope.bindings.get(seg) {
                return match self.absolute(&module, bound, 0) {
                    Some(abs) => {
                        let full: Vec<String> = abs.into_iter().chain(path[i + 1..].iter().cloned()).collect();
                        self.resolve(&full, depth + 1)
                    }
                    None => Target::Outside,
                };
            }
            for glob in &scope.globs {
                if let Some(g) = self.absolute(&module, glob, 0) {
                    if self.is_module(&g) && self.names(&g, 0).contains(seg) {
                        let full: Vec<String> = g.into_iter().chain(path[i..].iter().cloned()).collect();
                        return self.resolve(&full, depth + 1);
                    }
                }
            }
            return Target::Unknown(file, seg.clone());
        }
        Target::Module
    }

    /// Every reference of every file to a module of the crate.
    fn references(&self) -> Vec<Reference> {
        let mut out = Vec::new();
        for (f, file) in self.files.iter().enumerate() {
            let mut push = |line: usize, written: String, path: Vec<String>, depends: bool| {
                let (to, name) = match self.resolve(&path, 0) {
                    Target::Item(to, name) | Target::Unknown(to, name) => (Some(to), name),
                    Target::Module => (None, path.last().cloned().unwrap_or_default()),
                    Target::Outside => return,
                };
                out.push(Reference { from: f, line, written, path, to, name, depends });
            };
            for leaf in &file.uses {
                let module = &file.scopes[leaf.scope].module;
                let Some(abs) = self.absolute(module, &leaf.path, 0) else { continue };
                let written = leaf.path.join("::");
                match &leaf.bind {
                    Some(bind) => {
                        let depends = !leaf.public || file.idents.contains(bind);
                        push(leaf.line, written, abs, depends);
                    }
                    None => {
                        // A glob: what the file's code uses of it.
                        push(leaf.line, format!("{written}::*"), abs.clone(), false);
                        for name in self.names(&abs, 0) {
                            if file.idents.contains(&name) {
                                let mut path = abs.clone();
                                path.push(name.clone());
                                push(leaf.line, format!("{written}::* ({name})"), path, true);
                            }
                        }
                    }
                }
            }
            for p in &file.paths {
                let module = &file.scopes[p.scope].module;
                if let Some(abs) = self.absolute(module, &p.path, 0) {
                    push(p.line, p.path.join("::"), abs, true);
                }
            }
        }
        out
    }
}

// ---------------------------------------------------------------------------------------------
// Cycles
// ---------------------------------------------------------------------------------------------

/// The file-level graph: for each file, the files it depends on, with the names it takes.
fn file_graph(model: &Model, refs: &[Reference]) -> BTreeMap<usize, BTreeMap<usize, BTreeSet<String>>> {
    let mut graph: BTreeMap<usize, BTreeMap<usize, BTreeSet<String>>> = BTreeMap::new();
    for f in 0..model.files.len() {
        graph.entry(f).or_default();
    }
    for r in refs {
        if let Some(to) = r.to {
            if r.depends && to != r.from {
                graph.entry(r.from).or_default().entry(to).or_default().insert(r.name.clone());
            }
        }
    }
    graph
}

/// Every loop of the graph, one per strongly connected group of files, shown as
/// `a.rs -> b.rs -> … -> a.rs` with the names each takes from the next.
fn cycles(model: &Model, refs: &[Reference]) -> Vec<String> {
    let graph = file_graph(model, refs);
    let mut out = Vec::new();
    for group in strongly_connected(&graph) {
        if group.len() < 2 {
            continue;
        }
        // The shortest loop through the group's first file (by path).
        let start = *group.iter().min_by_key(|&&f| &model.files[f].path).unwrap();
        let mut came_from: BTreeMap<usize, usize> = BTreeMap::new();
        let mut queue = std::collections::VecDeque::from([start]);
        let mut last = None;
        'search: while let Some(f) = queue.pop_front() {
            for &to in graph[&f].keys() {
                if !group.contains(&to) {
                    continue;
                }
                if to == start {
                    last = Some(f);
                    break 'search;
                }
                if let std::collections::btree_map::Entry::Vacant(e) = came_from.entry(to) {
                    e.insert(f);
                    queue.push_back(to);
                }
            }
        }
        let mut loop_ = vec![start];
        let mut f = last.expect("a strongly connected group has a loop");
        while f != start {
            loop_.push(f);
            f = came_from[&f];
        }
        loop_[1..].reverse();
        loop_.push(start);
        let path = |f: usize| model.files[f].path.as_str();
        let mut text = loop_.iter().map(|&f| path(f)).collect::<Vec<_>>().join(" -> ");
        for pair in loop_.windows(2) {
            let names: Vec<&str> = graph[&pair[0]][&pair[1]].iter().map(String::as_str).collect();
            text.push_str(&format!("\n    {} -> {}: {}", path(pair[0]), path(pair[1]), names.join(", ")));
        }
        if group.len() > loop_.len() - 1 {
            // The rest of the knot: the other files, and every other tie among its files.
            let mut others: Vec<&str> = group.iter().filter(|f| !loop_.contains(f)).map(|&f| path(f)).collect();
            others.sort();
            text.push_str(&format!("\n    tied into the same knot: {}; its other ties:", others.join(", ")));
            let mut ties = Vec::new();
            for &from in &group {
                for (&to, names) in &graph[&from] {
                    let on_loop = loop_.windows(2).any(|pair| pair == [from, to]);
                    if group.contains(&to) && !on_loop {
                        let names: Vec<&str> = names.iter().map(String::as_str).collect();
                        ties.push(format!("\n    {} -> {}: {}", path(from), path(to), names.join(", ")));
                    }
                }
            }
            ties.sort();
            text.push_str(&ties.concat());
        }
        out.push(text);
    }
    out.sort();
    out
}

/// Tarjan's strongly connected components.
fn strongly_connected(graph: &BTreeMap<usize, BTreeMap<usize, BTreeSet<String>>>) -> Vec<BTreeSet<usize>> {
    struct State<'g> {
        graph: &'g BTreeMap<usize, BTreeMap<usize, BTreeSet<String>>>,
        index: BTreeMap<usize, usize>,
        low: BTreeMap<usize, usize>,
        stack: Vec<usize>,
        on_stack: BTreeSet<usize>,
        groups: Vec<BTreeSet<usize>>,
    }
    fn visit(s: &mut State, v: usize) {
        let n = s.index.len();
        s.index.insert(v, n);
        s.low.insert(v, n);
        s.stack.push(v);
        s.on_stack.insert(v);
        let graph = s.graph;
        for &w in graph[&v].keys() {
            if !s.index.contains_key(&w) {
                visit(s, w);
                let low = s.low[&v].min(s.low[&w]);
                s.low.insert(v, low);
            } else if s.on_stack.contains(&w) {
                let low = s.low[&v].min(s.index[&w]);
                s.low.insert(v, low);
            }
        }
        if s.low[&v] == s.index[&v] {
            let mut group = BTreeSet::new();
            loop {
                let w = s.stack.pop().unwrap();
                s.on_stack.remove(&w);
                group.insert(w);
                if w == v {
                    break;
                }
            }
            s.groups.push(group);
        }
    }
    let mut s = State {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        groups: Vec::new(),
    };
    for &v in graph.keys() {
        if !s.index.contains_key(&v) {
            visit(&mut s, v);
        }
    }
    s.groups
}

// ---------------------------------------------------------------------------------------------
// The crate's own sources
// ---------------------------------------------------------------------------------------------

fn crate_sources() -> Vec<(String, String)> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&manifest.join("src"), &mut files);
    files.sort();
    files
        .into_iter()
        .map(|file| {
            let rel = file.strip_prefix(manifest).unwrap();
            let rel = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
            (rel, std::fs::read_to_string(&file).unwrap())
        })
        .collect()
}

fn fixture(files: &[(&str, &str)]) -> Model {
    Model::new(&files.iter().map(|(p, t)| (p.to_string(), t.to_string())).collect::<Vec<_>>())
}

fn edges(model: &Model, refs: &[Reference]) -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    for (from, tos) in file_graph(model, refs) {
        for to in tos.keys() {
            out.insert((model.files[from].path.clone(), model.files[*to].path.clone()));
        }
    }
    out
}

#[test]
fn every_reference_follows_the_dependency_rule() {
    let model = Model::new(&crate_sources());
    let refs = model.references();
    // The reading found the crate: every layer of the rule, and references between them.
    let layers: BTreeSet<&str> = model.files.iter().map(|f| layer_of(&f.module)).collect();
    for (layer, _) in RULE {
        assert!(layers.contains(layer), "no sources found for the layer `{layer}`: {layers:?}");
    }
    let crossing = refs
        .iter()
        .filter(|r| r.to.is_some_and(|to| layer_of(&model.files[to].module) != layer_of(&model.files[r.from].module)))
        .count();
    assert!(crossing > 200, "only {crossing} references between layers found: the reading is broken");
    let violations = rule_violations(&model, &refs);
    assert!(
        violations.is_empty(),
        "{} references break the dependency rule (see RULE in tests/architecture.rs and \
         \"The dependency rule\" in README.md):\n{}",
        violations.len(),
        violations.join("\n")
    );
}

#[test]
fn no_files_reference_each_other_in_a_loop() {
    let model = Model::new(&crate_sources());
    let refs = model.references();
    let graph = file_graph(&model, &refs);
    let edge_count: usize = graph.values().map(BTreeMap::len).sum();
    assert!(edge_count > 300, "only {edge_count} dependencies between files found: the reading is broken");
    let found = cycles(&model, &refs);
    assert!(
        found.is_empty(),
        "{} loops between files (each file uses the next, and the last uses the first; move what \
         both need below both, or merge them):\n  {}",
        found.len(),
        found.join("\n  ")
    );
}

#[test]
fn a_planted_loop_is_found_and_shown() {
    let model = fixture(&[
        ("src/lib.rs", "pub mod a;\npub mod b;\n"),
        // A parent that calls into its child, the child using an item of the parent.
        ("src/a/mod.rs", "mod child;\npub struct Item;\npub fn run() {\n    child::go();\n}\n"),
        ("src/a/child.rs", "use super::Item;\npub fn go() -> Option<Item> {\n    None\n}\n"),
        // Three siblings in a ring: a grouped `use`, an inline path, a `super::` path.
        ("src/b/mod.rs", "pub mod x;\npub mod y;\npub mod z;\n"),
        ("src/b/x.rs", "use crate::{b::y::Y};\npub struct X;\npub fn f(_: Y) {}\n"),
        ("src/b/y.rs", "pub struct Y;\npub fn g() {\n    let _ = crate::b::z::make::<u8>();\n}\n"),
        ("src/b/z.rs", "pub fn make<T>() -> super::x::X {\n    super::x::X\n}\n"),
    ]);
    let refs = model.references();
    let found = cycles(&model, &refs);
    assert_eq!(
        found,
        [
            "src/a/child.rs -> src/a/mod.rs -> src/a/child.rs\n    \
             src/a/child.rs -> src/a/mod.rs: Item\n    \
             src/a/mod.rs -> src/a/child.rs: go",
            "src/b/x.rs -> src/b/y.rs -> src/b/z.rs -> src/b/x.rs\n    \
             src/b/x.rs -> src/b/y.rs: Y\n    \
             src/b/y.rs -> src/b/z.rs: make\n    \
             src/b/z.rs -> src/b/x.rs: X",
        ]
    );
}

#[test]
fn re_exports_comments_and_strings_make_no_loop() {
    let model = fixture(&[
        ("src/lib.rs", "pub mod p;\n"),
        (
            "src/p/mod.rs",
            "//! The parent: see [`crate::p::user::use_it`] and `user::use_it()`.\n\
             mod kind;\nmod user;\n\
             pub use kind::Kind;\npub(crate) use user::{self as users, use_it};\n\
             /// Named by [`user::use_it`].\n\
             pub const NAME: &str = \"crate::p::user::use_it()\";\n\
             pub fn first() -> Kind {\n    Kind::A\n}\n\
             #[cfg(test)]\nmod tests {\n    use super::*;\n    #[test]\n    fn t() {\n        assert_eq!(NAME.len(), 22);\n    }\n}\n",
        ),
        (
            "src/p/kind.rs",
            "/// Made by [`super::user::use_it`]. /* crate::p::user */\n\
             pub enum Kind {\n    A,\n}\n\
             pub fn text() -> (&'static str, char, char, &'static str) {\n    \
             (r#\"super::user::use_it \"quoted\"\"#, '\"', '\\'', \"a \\\" super::user::use_it\")\n}\n\
             /* outer /* nested crate::p::user::use_it */ still a comment: super::user::use_it */\n\
             fn lifetimes<'a>(x: &'a str) -> &'a str {\n    x\n}\n",
        ),
        // The child uses the parent's own constant, and its sibling's type through the
        // parent's re-export: one dependency on the parent, one on the sibling.
        ("src/p/user.rs", "use super::{Kind, NAME};\npub fn use_it() -> Kind {\n    let _ = NAME;\n    Kind::A\n}\n"),
    ]);
    let refs = model.references();
    let e = edges(&model, &refs);
    let edge = |a: &str, b: &str| (a.to_string(), b.to_string());
    assert!(e.contains(&edge("src/p/user.rs", "src/p/mod.rs")), "{e:?}");
    assert!(e.contains(&edge("src/p/user.rs", "src/p/kind.rs")), "{e:?}");
    assert!(!e.contains(&edge("src/p/mod.rs", "src/p/user.rs")), "{e:?}");
    // A re-exported name that the parent's own code uses is a dependency.
    assert!(e.contains(&edge("src/p/mod.rs", "src/p/kind.rs")), "{e:?}");
    assert!(!e.contains(&edge("src/p/kind.rs", "src/p/user.rs")), "{e:?}");
    assert_eq!(cycles(&model, &refs), Vec::<String>::new());
}

#[test]
fn paths_are_resolved_to_the_files_that_define_their_names() {
    let model = fixture(&[
        ("src/lib.rs", "pub mod analytics;\npub mod domain;\n"),
        ("src/domain/mod.rs", "mod money;\npub mod day;\npub use money::*;\n"),
        ("src/domain/money.rs", "pub struct Money;\npub const NO_MONEY: i64 = 0;\n"),
        ("src/domain/day.rs", "pub type Day = i32;\n"),
        ("src/analytics/mod.rs", "pub mod workspace;\npub mod score;\n"),
        ("src/analytics/score.rs", "pub fn score() {}\n"),
        ("src/analytics/workspace/mod.rs", "pub mod dashboard;\npub mod query;\n"),
        (
            "src/analytics/workspace/dashboard.rs",
            "use crate::{\n    domain::{self, day::Day},\n    analytics::score as scoring,\n};\n\
             use super::query;\n\
             pub fn f(_: Day) -> i64 {\n    scoring::score();\n    let _: domain::Money;\n    query::select();\n    super::super::score::score();\n    crate::domain::NO_MONEY\n}\n",
        ),
        ("src/analytics/workspace/query.rs", "pub fn select() {}\n"),
        ("src/bin/insight/main.rs", "mod out;\nuse customer_insight::domain::Money;\nfn main() {\n    out::print();\n}\n"),
        ("src/bin/insight/out.rs", "pub fn print() {\n    let _ = customer_insight::analytics::score::score;\n}\n"),
    ]);
    assert_eq!(model.files[7].module, ["analytics", "workspace", "dashboard"]);
    assert_eq!(model.files[9].module, ["bin"]);
    let refs = model.references();
    let e = edges(&model, &refs);
    let from = |file: &str| -> BTreeSet<&str> {
        e.iter().filter(|(a, _)| a == file).map(|(_, b)| b.as_str()).collect()
    };
    assert_eq!(
        from("src/analytics/workspace/dashboard.rs"),
        BTreeSet::from([
            "src/domain/day.rs",
            "src/domain/money.rs",
            "src/analytics/score.rs",
            "src/analytics/workspace/query.rs",
        ])
    );
    assert_eq!(from("src/domain/mod.rs"), BTreeSet::new(), "a glob re-export is no dependency");
    assert_eq!(from("src/bin/insight/main.rs"), BTreeSet::from(["src/bin/insight/out.rs", "src/domain/money.rs"]));
    assert_eq!(from("src/bin/insight/out.rs"), BTreeSet::from(["src/analytics/score.rs"]));
}

#[test]
fn a_planted_break_of_the_rule_is_reported() {
    let model = fixture(&[
        ("src/lib.rs", "pub mod analytics;\npub mod domain;\npub mod storage;\n"),
        (
            "src/domain/mod.rs",
            "//! Kept by [`crate::storage::Db`]; see `crate::analytics::score`.\n\
             pub mod money;\npub use money::Money;\n\
             pub fn where_() -> &'static str {\n    \"crate::storage::open()\"\n}\n",
        ),
        (
            "src/domain/money.rs",
            "use crate::{analytics::score, storage::{self, Db}};\npub struct Money;\n\
             pub fn keep(_: Db) {\n    storage::open();\n    score();\n}\n",
        ),
        ("src/storage/mod.rs", "use crate::domain::Money;\npub struct Db;\npub fn open() -> Option<Money> {\n    None\n}\n"),
        ("src/analytics/mod.rs", "pub mod score;\npub use score::score;\n"),
        ("src/analytics/score.rs", "use super::super::domain::Money;\npub fn score() -> Option<Money> {\n    None\n}\n"),
        ("src/bin/insight/main.rs", "use customer_insight::storage::Db;\nuse customer_insight::domain::Money;\nfn main() {}\n"),
        ("src/ui/mod.rs", "use crate::domain::Money;\n"),
    ]);
    let refs = model.references();
    assert_eq!(
        rule_violations(&model, &refs),
        [
            "src/bin/insight/main.rs:1: `customer_insight::storage::Db` (defined in src/storage/mod.rs): bin may not use storage",
            "src/domain/money.rs:1: `crate::analytics::score`: domain may not use analytics",
            "src/domain/money.rs:1: `crate::storage::Db` (defined in src/storage/mod.rs): domain may not use storage",
            "src/domain/money.rs:1: `crate::storage`: domain may not use storage",
            "src/domain/money.rs:4: `storage::open` (defined in src/storage/mod.rs): domain may not use storage",
            "src/ui/mod.rs:1: `crate::domain::Money` (defined in src/domain/money.rs): the layer `ui` is not in the rule's table",
        ]
    );
}

