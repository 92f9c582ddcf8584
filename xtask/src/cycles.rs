//! Import cycles between modules, found from the source text (no compiler,
//! no dependency): every `crate::a::b::Item` and `super::Item` path, in use
//! lines and inline, comments and `#[cfg(test)]` modules left out, is an
//! edge to the module file that defines it, followed through a parent's
//! `pub use child::Item` re-export. Seen from two siblings, a folder is one
//! node: `options::sign_out -> api::session` is `options -> api`, and a
//! module's edges to its own descendants (a parent declaring and
//! re-exporting its children) are not dependencies. A test holds every
//! crate of the workspace to no cycle.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

type Module = Vec<String>;

/// The crate's modules (`src/api/session.rs` is `["api", "session"]`) and
/// their source, test modules and comments left out.
fn modules(src: &Path) -> BTreeMap<Module, String> {
    let mut out = BTreeMap::new();
    let mut dirs = vec![src.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for path in entries.filter_map(Result::ok).map(|e| e.path()) {
            if path.is_dir() {
                dirs.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let Ok(rel) = path.strip_prefix(src) else { continue };
            let mut module: Module = rel.with_extension("").iter().map(|p| p.to_string_lossy().into_owned()).collect();
            if module.last().is_some_and(|l| matches!(l.as_str(), "mod" | "lib" | "main")) {
                module.pop();
            }
            if module.iter().any(|p| p == "tests" || p.ends_with("_tests")) {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            let code: String = text.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n");
            let code = match code.find("#[cfg(test)]\nmod ") {
                Some(at) => code[..at].to_owned(),
                None => code,
            };
            out.insert(module, code);
        }
    }
    out
}

/// Identifiers after `at` separated by `::`, and a trailing `{A, b::C}` group's entries.
fn path_at(code: &str, at: usize) -> (Vec<String>, Vec<Vec<String>>) {
    let rest = &code[at..];
    let mut parts = Vec::new();
    let mut i = 0;
    while rest[i..].starts_with("::") {
        let start = i + 2;
        let len = rest[start..].find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(rest.len() - start);
        if len == 0 {
            break;
        }
        parts.push(rest[start..start + len].to_owned());
        i = start + len;
    }
    let mut group = Vec::new();
    if rest[i..].starts_with("::{")
        && let Some(end) = rest[i..].find('}')
    {
        for item in rest[i + 3..i + end].split(',') {
            let item = item.split(" as ").next().unwrap_or("").trim();
            if !item.is_empty() && item != "self" {
                group.push(item.split("::").map(|s| s.trim().to_owned()).collect());
            }
        }
    }
    (parts, group)
}

/// The strongly connected components of more than one module, each sorted.
pub fn cycles(src: &Path) -> Vec<Vec<String>> {
    let mods = modules(src);
    let known = |m: &[String]| mods.contains_key(m);
    // Parent module -> item -> the child module it re-exports it from.
    let mut reexports: BTreeMap<Module, BTreeMap<String, Module>> = BTreeMap::new();
    for (m, code) in &mods {
        for (at, _) in code.match_indices("pub use ").chain(code.match_indices("pub(crate) use ")) {
            let line = &code[at..code[at..].find(';').map_or(code.len(), |e| at + e)];
            let body = line.split_once("use ").map_or("", |(_, b)| b).trim_start_matches("self::");
            let Some((child, items)) = body.split_once("::") else { continue };
            let child_mod: Module = m.iter().cloned().chain([child.to_owned()]).collect();
            if !known(&child_mod) {
                continue;
            }
            for item in items.trim_matches(|c| c == '{' || c == '}').split(',') {
                let name = item.rsplit(" as ").next().unwrap_or("").rsplit("::").next().unwrap_or("").trim();
                if !name.is_empty() {
                    reexports.entry(m.clone()).or_default().insert(name.to_owned(), child_mod.clone());
                }
            }
        }
    }
    let resolve = |path: &[String]| -> Option<Module> {
        (0..=path.len()).rev().find(|&n| known(&path[..n])).map(|n| {
            let mut m = path[..n].to_vec();
            for part in &path[n..] {
                match reexports.get(&m).and_then(|r| r.get(part)) {
                    Some(child) => m = child.clone(),
                    None => break,
                }
            }
            m
        })
    };
    let mut edges: BTreeMap<Module, BTreeSet<Module>> = BTreeMap::new();
    for (m, code) in &mods {
        for head in ["crate", "super"] {
            for (at, _) in code.match_indices(head) {
                let before = code[..at].chars().next_back();
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                    continue;
                }
                let (parts, group) = path_at(code, at + head.len());
                let base: Module = if head == "crate" { Vec::new() } else { m[..m.len().saturating_sub(1)].to_vec() };
                let mut targets: Vec<Module> = Vec::new();
                if !parts.is_empty() {
                    targets.push(base.iter().chain(&parts).cloned().collect());
                }
                targets.extend(group.into_iter().map(|g| base.iter().chain(&parts).chain(&g).cloned().collect()));
                for target in targets.iter().filter_map(|t| resolve(t)) {
                    if target.starts_with(m) {
                        continue;
                    }
                    // Folded to the two siblings under the common parent.
                    let common = m.iter().zip(&target).take_while(|(a, b)| a == b).count();
                    if common < m.len() && common < target.len() {
                        edges.entry(m[..=common].to_vec()).or_default().insert(target[..=common].to_vec());
                    }
                }
            }
        }
    }
    strongly_connected(&edges).into_iter().filter(|c| c.len() > 1).map(|c| c.into_iter().map(|m| m.join("::")).collect()).collect()
}

/// Tarjan's algorithm, iterative over the small graphs here.
fn strongly_connected(edges: &BTreeMap<Module, BTreeSet<Module>>) -> Vec<Vec<Module>> {
    struct State<'a> {
        edges: &'a BTreeMap<Module, BTreeSet<Module>>,
        index: BTreeMap<Module, usize>,
        low: BTreeMap<Module, usize>,
        stack: Vec<Module>,
        out: Vec<Vec<Module>>,
    }
    fn visit(s: &mut State<'_>, v: &Module) {
        let i = s.index.len();
        s.index.insert(v.clone(), i);
        s.low.insert(v.clone(), i);
        s.stack.push(v.clone());
        for w in s.edges.get(v).into_iter().flatten() {
            if !s.index.contains_key(w) {
                visit(s, w);
                let lw = s.low[w];
                s.low.entry(v.clone()).and_modify(|l| *l = (*l).min(lw));
            } else if s.stack.contains(w) {
                let iw = s.index[w];
                s.low.entry(v.clone()).and_modify(|l| *l = (*l).min(iw));
            }
        }
        if s.low[v] == s.index[v] {
            let mut component = Vec::new();
            while let Some(w) = s.stack.pop() {
                let done = &w == v;
                component.push(w);
                if done {
                    break;
                }
            }
            component.sort();
            s.out.push(component);
        }
    }
    let mut s = State { edges, index: BTreeMap::new(), low: BTreeMap::new(), stack: Vec::new(), out: Vec::new() };
    let nodes: BTreeSet<&Module> = edges.keys().chain(edges.values().flatten()).collect();
    for v in nodes {
        if !s.index.contains_key(v) {
            visit(&mut s, v);
        }
    }
    s.out
}

/// The source folders checked: the extension and every workspace crate.
pub fn sources(root: &Path) -> Vec<PathBuf> {
    ["src", "crates/salesforce-rest/src", "crates/sidecar-core/src", "crates/devorg/src", "xtask/src"].iter().map(|p| root.join(p)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_module_imports_another_that_imports_it_back() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        for src in sources(&root) {
            assert!(src.is_dir(), "{}", src.display());
            assert_eq!(cycles(&src), Vec::<Vec<String>>::new(), "import cycles in {}", src.display());
        }
    }

    #[test]
    fn a_cycle_through_a_folder_is_found() {
        let dir = std::env::temp_dir().join(format!("xtask-cycles-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("options")).expect("dir");
        std::fs::create_dir_all(dir.join("api")).expect("dir");
        let files = [
            ("lib.rs", "mod api;\nmod options;\nmod store;\n"),
            ("options/mod.rs", "mod sign_out;\npub const KEY: &str = \"k\";\n"),
            ("options/sign_out.rs", "use crate::api::session::Auth;\n"),
            ("api/mod.rs", "pub mod session;\npub use session::Auth;\n"),
            ("api/session.rs", "// crate::store is only named in a comment\npub struct Auth;\nfn host() { let _ = crate::options::KEY; }\n"),
            ("store.rs", "use super::api::Auth;\n"),
        ];
        for (path, text) in files {
            std::fs::write(dir.join(path), text).expect("write");
        }
        let found = cycles(&dir);
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(found, [vec!["api".to_owned(), "options".to_owned()]]);
    }
}
