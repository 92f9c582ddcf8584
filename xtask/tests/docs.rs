//! The repository's own documentation against the tree it describes, so a
//! moved file, a new crate or a new module fails a cheap native test that
//! says which line of the docs to change (`cargo test -p xtask --test docs`):
//!
//! - every repository path written in backticks in `docs/architecture.md`
//!   exists (a `path/with/a/slash`, a bare `file.rs`, or a module path such as
//!   `sidecar_core::workspace::page`), except the build's outputs (`dist/`,
//!   `target/`), URL paths (`/services/...`) and what lies outside the
//!   repository (`../`);
//! - `docs/architecture.md` names every crate of the workspace (its name and
//!   its folder), every top-level folder of the repository and of `tests/`,
//!   and every top-level module (file or folder) of each crate's `src/`;
//! - no Markdown link in `README.md` or `docs/*.md` leaves the repository:
//!   relative links resolve to a file inside it, other links are http(s) or
//!   mailto.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};
use std::process::Command;

const ARCHITECTURE: &str = "docs/architecture.md";

/// Folders the build makes or installs, never documented as the tree.
const GENERATED: &[&str] = &["dist", "target", "node_modules"];

/// File extensions that make a bare word in backticks a file name.
const FILE_EXTENSIONS: &[&str] = &["rs", "toml", "md", "mjs", "js", "json", "html", "css", "py", "txt", "png", "lock"];

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask sits in the workspace root").to_path_buf()
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// The Markdown text outside fenced code blocks (```), line by line, with
/// each line's number.
fn prose(markdown: &str) -> Vec<(usize, &str)> {
    let mut fenced = false;
    let mut lines = Vec::new();
    for (i, line) in markdown.lines().enumerate() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if !fenced {
            lines.push((i + 1, line));
        }
    }
    lines
}

/// Every inline code span (`like this`) outside code blocks, with its line.
fn code_spans(markdown: &str) -> Vec<(usize, String)> {
    let mut spans = Vec::new();
    for (number, line) in prose(markdown) {
        let mut parts = line.split('`');
        parts.next();
        while let (Some(inside), Some(_)) = (parts.next(), parts.next()) {
            spans.push((number, inside.to_owned()));
        }
    }
    spans
}

/// The text of a line with its code spans removed (links inside code are
/// examples, not links).
fn without_code(line: &str) -> String {
    line.split('`').step_by(2).collect::<Vec<_>>().join(" ")
}

/// The crate names of module paths (`sidecar_core::...`) and their `src/`.
fn crate_sources(root: &Path, packages: &[Package]) -> Vec<(String, PathBuf)> {
    packages.iter().map(|p| (p.name.replace('-', "_"), root.join(&p.dir).join("src"))).collect()
}

/// What a code span claims exists, if it names something in the repository.
#[derive(Debug, PartialEq)]
enum Claim {
    /// A path from the repository root (`src/api/client.rs`, `crates/devorg/`).
    Path(String),
    /// A file name somewhere in the tree (`manifest.json`, `snapshot.js`).
    FileName(String),
    /// A module, or an item of a module (`sidecar_core::workspace::page`).
    Module(String),
}

fn claim(span: &str, crate_names: &[String]) -> Option<Claim> {
    let span = span.trim();
    if span.contains("::") {
        let first = span.split("::").next().unwrap_or_default();
        let modules = span.trim_end_matches("::*").split("::").all(|s| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
        return (crate_names.iter().any(|c| c == first) && modules).then(|| Claim::Module(span.trim_end_matches("::*").to_owned()));
    }
    if span.is_empty() || !span.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '/')) {
        return None;
    }
    if span.contains('/') {
        let first = span.split('/').next().unwrap_or_default();
        // URL paths, the parent directory and generated folders are not the tree.
        if span.starts_with('/') || first == ".." || GENERATED.contains(&first) {
            return None;
        }
        return Some(Claim::Path(span.trim_start_matches("./").to_owned()));
    }
    let extension = span.rsplit_once('.').map(|(_, e)| e)?;
    FILE_EXTENSIONS.contains(&extension).then(|| Claim::FileName(span.to_owned()))
}

/// Every file and folder name in the tree, generated folders left out.
fn names_in_tree(dir: &Path, names: &mut BTreeSet<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name == ".git" || GENERATED.contains(&name.as_str()) {
            continue;
        }
        let path = entry.path();
        if path.is_dir() {
            names_in_tree(&path, names);
        }
        names.insert(name);
    }
}

/// Whether `module` (`sidecar_core::workspace::page`, or an item such as
/// `sidecar_core::load::Load` or `sidecar_core::edits::pending::PendingEdits::put`)
/// exists: the leading segments are module files or folders; the ones after
/// them are names the last module's file declares.
fn module_exists(module: &str, sources: &[(String, PathBuf)]) -> bool {
    let mut segments = module.split("::");
    let krate = segments.next().unwrap_or_default();
    let Some((_, src)) = sources.iter().find(|(name, _)| name == krate) else { return false };
    let Some(mut file) = ["lib.rs", "main.rs"].iter().map(|f| src.join(f)).find(|f| f.exists()) else { return false };
    let mut dir = src.clone();
    let mut in_items = false;
    for segment in segments {
        let as_file = dir.join(format!("{segment}.rs"));
        let as_dir = dir.join(segment);
        if !in_items && (as_file.exists() || as_dir.join("mod.rs").exists()) {
            file = if as_file.exists() { as_file } else { as_dir.join("mod.rs") };
            dir = as_dir;
            continue;
        }
        in_items = true;
        if !declares(&read(&file), segment) {
            return false;
        }
    }
    true
}

fn declares(source: &str, name: &str) -> bool {
    ["fn", "struct", "enum", "trait", "type", "const", "static", "mod", "macro_rules!"]
        .iter()
        .any(|kind| source.contains(&format!("{kind} {name}")) || source.contains(&format!("{kind} {name}<")))
        || source.contains(&format!("pub use {name}"))
        || source.contains(&format!("::{name};"))
        || source.contains(&format!(" {name},"))
        || source.contains(&format!(" {name}}}"))
}

#[derive(Debug)]
struct Package {
    name: String,
    /// Relative to the workspace root ("" for the root package).
    dir: PathBuf,
    /// Every dependency's package name (normal, dev and build).
    dependencies: Vec<String>,
}

/// The workspace's packages, as cargo sees them.
fn packages(root: &Path) -> Vec<Package> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .args(["metadata", "--no-deps", "--format-version", "1", "--manifest-path"])
        .arg(root.join("Cargo.toml"))
        .output()
        .expect("cargo metadata runs");
    assert!(output.status.success(), "cargo metadata failed: {}", String::from_utf8_lossy(&output.stderr));
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout).expect("cargo metadata answers JSON");
    let root = root.canonicalize().expect("workspace root");
    metadata["packages"]
        .as_array()
        .expect("packages")
        .iter()
        .map(|p| {
            let manifest = Path::new(p["manifest_path"].as_str().expect("manifest_path"));
            let dir = manifest.parent().expect("manifest dir").canonicalize().expect("package dir");
            let dependencies = p["dependencies"].as_array().expect("dependencies").iter().filter_map(|d| d["name"].as_str()).map(str::to_owned).collect();
            Package {
                name: p["name"].as_str().expect("name").to_owned(),
                dir: dir.strip_prefix(&root).expect("package inside the workspace").to_path_buf(),
                dependencies,
            }
        })
        .collect()
}

/// Top-level folders of `dir` (relative to the root), minus `.git`,
/// generated folders and what `.gitignore` anchors at the root.
fn folders(root: &Path, dir: &str) -> Vec<String> {
    let ignored: Vec<String> = read(&root.join(".gitignore")).lines().filter_map(|l| l.strip_prefix('/')).map(|l| l.trim_end_matches('/').to_owned()).collect();
    let mut out: Vec<String> = std::fs::read_dir(root.join(dir))
        .unwrap_or_else(|e| panic!("cannot list {dir}: {e}"))
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name != ".git" && !GENERATED.contains(&name.as_str()) && !(dir.is_empty() && ignored.contains(name)))
        .map(|name| if dir.is_empty() { name } else { format!("{dir}/{name}") })
        .collect();
    out.sort();
    out
}

/// The top-level modules of a crate's `src/` (relative to the root): folders
/// as `src/api`, files as `src/feed.rs`, the crate roots left out.
fn top_modules(root: &Path, src: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(root.join(src)) else { return Vec::new() };
    let mut out: Vec<String> = entries
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| !matches!(name.as_str(), "lib.rs" | "main.rs"))
        .filter(|name| root.join(src).join(name).is_dir() || name.ends_with(".rs"))
        .map(|name| src.join(name).to_string_lossy().replace('\\', "/"))
        .collect();
    out.sort();
    out
}

/// Whether the doc's code spans mention `path` (a folder as `path` or
/// `path/`; a module as its file `x.rs` or its folder `x/`, which Rust
/// allows side by side).
fn mentioned(spans: &BTreeSet<String>, path: &str) -> bool {
    let bare = path.trim_end_matches(".rs");
    [path.to_owned(), format!("{path}/"), bare.to_owned(), format!("{bare}/"), format!("{bare}.rs")].iter().any(|p| spans.contains(p))
}

#[test]
fn every_path_in_the_architecture_doc_exists() {
    let root = root();
    let doc = read(&root.join(ARCHITECTURE));
    let packages = packages(&root);
    let sources = crate_sources(&root, &packages);
    let crate_names: Vec<String> = sources.iter().map(|(name, _)| name.clone()).collect();
    let mut names = BTreeSet::new();
    names_in_tree(&root, &mut names);

    let mut missing = Vec::new();
    let mut checked = 0;
    for (line, span) in code_spans(&doc) {
        let Some(claim) = claim(&span, &crate_names) else { continue };
        checked += 1;
        let found = match &claim {
            Claim::Path(path) => root.join(path.trim_end_matches('/')).exists(),
            Claim::FileName(name) => names.contains(name),
            Claim::Module(module) => module_exists(module, &sources),
        };
        if !found {
            missing.push(format!("  {ARCHITECTURE}:{line}: `{span}` is not in the tree"));
        }
    }
    assert!(checked > 50, "the doc should name the tree's paths in backticks; only {checked} found");
    assert!(missing.is_empty(), "docs/architecture.md names paths that do not exist (a file moved or was renamed? update the doc):\n{}", missing.join("\n"));
}

#[test]
fn the_architecture_doc_names_every_crate_folder_and_module() {
    let root = root();
    let doc = read(&root.join(ARCHITECTURE));
    let spans: BTreeSet<String> = code_spans(&doc).into_iter().map(|(_, s)| s.trim().to_owned()).collect();

    let mut unnamed = Vec::new();
    let packages = packages(&root);
    for package in &packages {
        let dir = package.dir.to_string_lossy().replace('\\', "/");
        if !spans.contains(&package.name) {
            unnamed.push(format!("  the crate `{}` (write its name in backticks)", package.name));
        }
        if !dir.is_empty() && !mentioned(&spans, &dir) {
            unnamed.push(format!("  the crate folder `{dir}/`"));
        }
        for module in top_modules(&root, &package.dir.join("src")) {
            if !mentioned(&spans, &module) {
                unnamed.push(format!("  the module `{module}` of `{}`", package.name));
            }
        }
    }
    for folder in folders(&root, "").into_iter().chain(folders(&root, "tests")) {
        if !mentioned(&spans, &folder) {
            unnamed.push(format!("  the folder `{folder}/`"));
        }
    }
    assert!(unnamed.is_empty(), "docs/architecture.md does not name (in backticks, as a path from the repository root):\n{}", unnamed.join("\n"));
}

/// The browser, the UI framework, the server and storage: what the pure
/// crates must never use (docs/architecture.md, "Dependency arrows").
const UI_AND_IO: &[&str] = &[
    "yew",
    "web-sys",
    "js-sys",
    "wasm-bindgen",
    "wasm-bindgen-futures",
    "gloo",
    "serde-wasm-bindgen",
    "axum",
    "tokio",
    "tower",
    "tower-http",
    "rusqlite",
    "ureq",
];

/// What each crate must never depend on, as docs/architecture.md states it.
fn forbidden(package: &str) -> Vec<&'static str> {
    match package {
        "salesforce-rest" => UI_AND_IO.iter().copied().chain(["sidecar", "sidecar-core", "devorg"]).collect(),
        "sidecar-core" => UI_AND_IO.iter().copied().chain(["sidecar", "devorg"]).collect(),
        // devorg imitates Salesforce, not the extension: it knows nothing of it.
        "devorg" => ["yew", "web-sys", "js-sys", "wasm-bindgen", "gloo", "sidecar", "sidecar-core"].to_vec(),
        _ => Vec::new(),
    }
}

#[test]
fn the_dependency_arrows_of_the_architecture_doc_hold() {
    let root = root();
    let packages = packages(&root);
    for name in ["salesforce-rest", "sidecar-core", "devorg"] {
        assert!(packages.iter().any(|p| p.name == name), "the crate `{name}` is gone: update docs/architecture.md and this test");
    }
    let mut broken = Vec::new();
    for package in &packages {
        for dependency in &package.dependencies {
            if forbidden(&package.name).contains(&dependency.as_str()) {
                broken.push(format!("  `{}` depends on `{dependency}`", package.name));
            }
        }
    }
    assert!(broken.is_empty(), "dependencies docs/architecture.md forbids (keep the pure crates free of UI and I/O):\n{}", broken.join("\n"));
}

/// Link targets of a Markdown text: inline links and images, reference
/// definitions, and HTML `href`/`src` attributes, outside code.
fn link_targets(markdown: &str) -> Vec<(usize, String)> {
    let mut targets = Vec::new();
    for (number, line) in prose(markdown) {
        let text = without_code(line);
        let mut rest = text.as_str();
        while let Some(at) = rest.find("](") {
            let after = &rest[at + 2..];
            let end = after.find(')').unwrap_or(after.len());
            let target = after[..end].split_whitespace().next().unwrap_or_default().trim_matches(['<', '>']);
            targets.push((number, target.to_owned()));
            rest = &after[end..];
        }
        let trimmed = text.trim_start();
        if trimmed.starts_with('[')
            && let Some((label, target)) = trimmed.split_once("]:")
            && !label.contains(']')
        {
            targets.push((number, target.split_whitespace().next().unwrap_or_default().to_owned()));
        }
        for attribute in ["href=\"", "src=\""] {
            for piece in text.split(attribute).skip(1) {
                targets.push((number, piece.split('"').next().unwrap_or_default().to_owned()));
            }
        }
    }
    targets
}

/// `base/relative` with `.` and `..` resolved lexically (no symlinks: a
/// link through `shared`, a symlink out of the repository, is still out).
fn normalize(base: &Path, relative: &str) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for component in base.join(relative).components() {
        match component {
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    Some(out)
}

/// The anchors GitHub gives a Markdown file's headings: lower case, spaces
/// as `-`, punctuation other than `-` and `_` dropped.
fn anchors(markdown: &str) -> BTreeSet<String> {
    prose(markdown)
        .into_iter()
        .filter_map(|(_, line)| line.strip_prefix('#').map(|h| h.trim_start_matches('#').trim()))
        .map(|heading| {
            heading
                .to_lowercase()
                .chars()
                .filter_map(|c| match c {
                    ' ' => Some('-'),
                    c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
                    _ => None,
                })
                .collect()
        })
        .collect()
}

/// Why `target`, linked from the file at `from` (relative to the root),
/// leaves the repository or leads nowhere (a missing file, or a missing
/// heading of a Markdown file); `None` when it is fine.
fn link_problem(root: &Path, from: &Path, target: &str) -> Option<String> {
    let lower = target.to_ascii_lowercase();
    if target.is_empty() || lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("mailto:") {
        return None;
    }
    if target.starts_with('/') || lower.contains("://") || lower.starts_with("file:") {
        return Some("points outside the repository (only relative links and http(s) are allowed)".into());
    }
    let (path, anchor) = target.split_once('#').unwrap_or((target, ""));
    let path = path.split('?').next().unwrap_or_default();
    let resolved = if path.is_empty() {
        from.to_path_buf()
    } else {
        match normalize(from.parent().unwrap_or(Path::new("")), path) {
            None => return Some("climbs out of the repository".into()),
            Some(resolved) => resolved,
        }
    };
    if !root.join(&resolved).exists() {
        return Some(format!("leads to `{}`, which does not exist", resolved.display()));
    }
    let markdown = resolved.extension().is_some_and(|e| e == "md");
    if !anchor.is_empty() && markdown && !anchors(&read(&root.join(&resolved))).contains(anchor) {
        return Some(format!("`{}` has no heading `#{anchor}`", resolved.display()));
    }
    None
}

#[test]
fn no_link_in_the_docs_leaves_the_repository() {
    let root = root();
    let mut files = vec![PathBuf::from("README.md")];
    let mut docs: Vec<PathBuf> = std::fs::read_dir(root.join("docs"))
        .expect("docs/")
        .flatten()
        .map(|e| PathBuf::from("docs").join(e.file_name()))
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    files.extend(docs);
    assert!(files.len() >= 3, "README.md, docs/architecture.md and docs/rest-dialect.md are expected");

    let mut bad = Vec::new();
    for file in &files {
        for (line, target) in link_targets(&read(&root.join(file))) {
            if let Some(problem) = link_problem(&root, file, &target) {
                bad.push(format!("  {}:{line}: ({target}) {problem}", file.display()));
            }
        }
    }
    assert!(bad.is_empty(), "links that leave the repository or lead nowhere:\n{}", bad.join("\n"));
}

#[test]
fn the_checks_recognise_what_they_should() {
    let crates = vec!["sidecar_core".to_owned()];
    let table: &[(&str, Option<Claim>)] = &[
        ("src/api/client.rs", Some(Claim::Path("src/api/client.rs".into()))),
        ("crates/devorg/", Some(Claim::Path("crates/devorg/".into()))),
        ("manifest.json", Some(Claim::FileName("manifest.json".into()))),
        ("sidecar_core::workspace::page", Some(Claim::Module("sidecar_core::workspace::page".into()))),
        ("sidecar_core::load::*", Some(Claim::Module("sidecar_core::load".into()))),
        ("/services/data/v62.0/query", None),
        ("../shared/fixtures/real-orgs", None),
        ("dist/extension", None),
        ("target/bench/report.md", None),
        ("tests/e2e/*.test.mjs", None),
        ("SELECT Id FROM Task", None),
        ("chrome.storage.local", None),
        ("yew::Reducible", None),
        ("https://example.com/x", None),
    ];
    for (span, expected) in table {
        assert_eq!(&claim(span, &crates), expected, "{span}");
    }

    let root = root();
    let readme = Path::new("README.md");
    let doc = Path::new("docs/architecture.md");
    assert_eq!(link_problem(&root, readme, "docs/architecture.md"), None);
    assert_eq!(link_problem(&root, doc, "../README.md#two-commands"), None);
    assert_eq!(link_problem(&root, doc, "https://developer.salesforce.com/docs"), None);
    assert_eq!(link_problem(&root, readme, "#load-the-extension"), None);
    assert_eq!(link_problem(&root, readme, "docs/architecture.md#test-layers"), None);
    assert!(link_problem(&root, readme, "#no-such-heading").is_some());
    assert!(link_problem(&root, readme, "docs/architecture.md#no-such-heading").is_some());
    assert!(link_problem(&root, readme, "../shared/docs/architecture.md").is_some());
    assert!(link_problem(&root, doc, "../../shared/docs/crm-rest-dialect.md").is_some());
    assert!(link_problem(&root, readme, "/work/shared/docs/architecture.md").is_some());
    assert!(link_problem(&root, readme, "file:///etc/passwd").is_some());
    assert!(link_problem(&root, readme, "docs/no-such-page.md").is_some());

    let markdown = "See [the notes](docs/a.md) and ![x](img.png \"title\").\n```\n[not](a link)\n```\n[ref]: ../out.md\n`[code](skip)` <a href=\"h.md\">";
    let targets: Vec<String> = link_targets(markdown).into_iter().map(|(_, t)| t).collect();
    assert_eq!(targets, ["docs/a.md", "img.png", "../out.md", "h.md"]);

    let headings: Vec<String> =
        anchors("# Sidecar's architecture\n## Where does X live?\n### 1. The app in Salesforce (admin)\n```\n# not a heading\n```").into_iter().collect();
    assert_eq!(headings, ["1-the-app-in-salesforce-admin", "sidecars-architecture", "where-does-x-live"]);
}
