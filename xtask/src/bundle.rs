//! `cargo xtask build`: Rust -> wasm32 -> wasm-bindgen (`--target web`) ->
//! wasm-opt -> `dist/extension/`, then a check that every file the manifest
//! names is there, and a size report.
//!
//! `cargo xtask build --store` makes the build for real users in
//! `dist/store/`: the `store` feature (the default login host is Salesforce
//! production, not devorg) and a manifest without the loopback host
//! permissions the devorg build needs ([`store_manifest`]). `run`, the tests
//! and the benchmarks use the devorg build.
//!
//! One wasm module per entry point ([`MODULES`]): the root crate is built
//! once per page with that page's Cargo feature alone, so the service worker
//! (started again by Chrome for every alarm) compiles no yew, the side panel
//! no Workspace grid, the Workspace no page extraction.
//!
//! ## Compiled-code caching (what applies, with sources)
//!
//! - Chrome caches the machine code of a wasm module only when it was
//!   compiled by streaming (`WebAssembly.compileStreaming` or
//!   `instantiateStreaming`) from a `Response` whose `Content-Type` is
//!   exactly `application/wasm`; anything else is a TypeError on that path
//!   (Blink, `third_party/blink/renderer/bindings/core/v8/v8_wasm_response_extensions.cc`;
//!   V8's "Code caching for WebAssembly developers", v8.dev/blog/wasm-code-caching).
//!   wasm-bindgen's `--target web` `init()`, called without arguments as
//!   every loader in `extension/` does, fetches `<name>_bg.wasm` beside its
//!   glue and calls `instantiateStreaming`; it falls back to
//!   `WebAssembly.instantiate` on an ArrayBuffer (never cached) only when
//!   the MIME type is wrong. Chrome serves the extension's `.wasm` as
//!   `application/wasm` (asserted by `tests/e2e/modules.test.mjs`), so every
//!   page and the worker take the cacheable path: nothing to add in code.
//! - It applies to `chrome-extension://` resources and to extension service
//!   workers: Blink counts that scheme among streaming inputs, and
//!   Chromium's own test `chrome/browser/extensions/cache_wasm_extension_browsertest.cc`
//!   (2024) expects a cache hit (`V8.WasmCodeCaching`) for a module an
//!   extension's service worker loads with `instantiateStreaming(fetch(..))`.
//! - What is cached, and when: V8 compiles functions lazily with Liftoff and
//!   only hot ones with TurboFan (dynamic tiering); a cache entry is written
//!   once at least 1,000 bytes of TurboFan code exist and 2 s have passed
//!   (at once past 1,000,000 bytes): V8 `src/flags/flag-definitions.h`,
//!   `wasm_caching_threshold`, `wasm_caching_timeout_ms`,
//!   `wasm_caching_hard_threshold`. So the cache holds only code that got hot
//!   in an earlier run; a worker or panel that closes before that writes
//!   none. Blink caches modules of 1 KB of wire bytes or more (the 2019
//!   post's 128 KB threshold is historical) and checks an entry against a
//!   SHA-256 of the wire bytes, so a new build cannot run stale code.
//! - What does not apply: there is no API to force or pre-fill the cache
//!   (the `--wasm-caching-*` switches are V8 flags, not extension settings),
//!   and storing compiled `WebAssembly.Module`s in IndexedDB is being removed
//!   from browsers (MDN, "Caching compiled WebAssembly modules"). Cold
//!   starts are what this build can shorten: smaller modules per page.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};

use crate::{cmd, sizes, tools};

/// The crate compiled to wasm (once per [`Module`]).
const CRATE: &str = "sidecar";

/// One wasm module of the extension: the crate built with one page's Cargo
/// feature alone, so it holds only what that page uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Module {
    /// The page, as the size report names it.
    pub page: &'static str,
    /// The Cargo feature of the root crate that selects the page's code.
    pub feature: &'static str,
    /// wasm-bindgen's `--out-name`: `<name>.js` (the glue its loader
    /// imports) and `<name>_bg.wasm`.
    pub name: &'static str,
    /// The page's loader, which imports the glue: in `extension/` (the
    /// grid bench's in `xtask/bench-web/`).
    pub loader: &'static str,
}

impl Module {
    pub fn wasm(&self) -> String {
        format!("{}_bg.wasm", self.name)
    }

    pub fn glue(&self) -> String {
        format!("{}.js", self.name)
    }
}

/// The extension's four modules, one per entry point. Each loader in
/// `extension/` imports its page's glue (`service_worker.js` imports
/// `sidecar_worker.js`, and so on).
pub const MODULES: [Module; 4] = [
    Module { page: "service worker", feature: "worker", name: "sidecar_worker", loader: "service_worker.js" },
    Module { page: "side panel", feature: "side-panel", name: "sidecar_side_panel", loader: "side_panel.js" },
    Module { page: "Workspace", feature: "workspace", name: "sidecar_workspace", loader: "workspace.js" },
    Module { page: "options", feature: "options", name: "sidecar_options", loader: "options.js" },
];

/// The grid bench's module (`cargo xtask bench browser`), not shipped: the
/// Workspace page's code plus `start_grid_bench`.
pub const GRID_BENCH: Module = Module { page: "grid bench", feature: "grid-bench", name: "sidecar_grid_bench", loader: "grid-bench-ours.html" };

/// Which extension to build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    /// Logs in to devorg by default and may reach loopback without asking.
    Devorg,
    /// For real users: Salesforce production by default, no loopback access.
    Store,
}

/// Builds the devorg extension and returns the `dist/extension` directory.
pub fn build(root: &Path) -> anyhow::Result<PathBuf> {
    build_variant(root, Variant::Devorg)
}

/// Builds `variant` and returns its directory under `dist/`.
pub fn build_variant(root: &Path, variant: Variant) -> anyhow::Result<PathBuf> {
    let dist = root.join(match variant {
        Variant::Devorg => "dist/extension",
        Variant::Store => "dist/store",
    });
    let bindgen_out = root.join("target/wasm-bindgen");
    reset_dir(&bindgen_out)?;
    reset_dir(&dist)?;

    // One release build per page, one after the other: the dependencies are
    // compiled once (their features do not change between pages), the root
    // crate and the fat-LTO link once per page.
    for module in MODULES {
        build_module(root, module, variant, &bindgen_out, &dist)?;
    }

    copy_tree(&root.join("static"), &dist)?;
    copy_tree(&root.join("extension"), &dist)?;
    std::fs::copy(root.join("manifest.json"), dist.join("manifest.json")).context("copying manifest.json")?;
    if variant == Variant::Store {
        let manifest: serde_json::Value = serde_json::from_slice(&std::fs::read(root.join("manifest.json"))?).context("manifest.json is not valid JSON")?;
        std::fs::write(dist.join("manifest.json"), serde_json::to_vec_pretty(&store_manifest(manifest))?).context("writing manifest.json")?;
    }
    // Contextual insights' page snapshot, run in the active tab with
    // `chrome.scripting.executeScript({files})` (the extension CSP allows no
    // code strings). Its source lives beside the Rust that reads its result.
    std::fs::copy(root.join("crates/sidecar-core/src/insights/snapshot.js"), dist.join("snapshot.js")).context("copying snapshot.js")?;

    check_manifest_files(&dist)?;
    check_loaders(&dist)?;
    report_sizes(&dist)?;
    println!("Extension ready: {}", dist.display());
    Ok(dist)
}

/// Builds the grid bench's module into `dist/grid-bench/` (beside, not
/// inside, the extension: it is no page of it) and returns that directory.
pub fn build_grid_bench(root: &Path) -> anyhow::Result<PathBuf> {
    let out = root.join("dist/grid-bench");
    let bindgen_out = root.join("target/wasm-bindgen-grid-bench");
    reset_dir(&bindgen_out)?;
    reset_dir(&out)?;
    build_module(root, GRID_BENCH, Variant::Devorg, &bindgen_out, &out)?;
    Ok(out)
}

/// Rust -> wasm32 (the crate with `module.feature` alone) -> wasm-bindgen
/// -> wasm-opt, into `dist` as `<name>.js` and `<name>_bg.wasm`.
fn build_module(root: &Path, module: Module, variant: Variant, bindgen_out: &Path, dist: &Path) -> anyhow::Result<()> {
    let mut features = module.feature.to_owned();
    if variant == Variant::Store {
        features.push_str(",store");
    }
    let mut cargo = cmd::cargo(root);
    cargo.args(["build", "--release", "--target", "wasm32-unknown-unknown", "-p", CRATE, "--no-default-features", "--features", &features]);
    cmd::run(&mut cargo)?;
    // Honours CARGO_TARGET_DIR (relative to the root, as cargo reads it
    // there). Every page's build writes this same file, so it is read
    // before the next build starts.
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), |dir| root.join(dir));
    let wasm = target.join(format!("wasm32-unknown-unknown/release/{CRATE}.wasm"));

    cmd::run(Command::new("wasm-bindgen").args(["--target", "web", "--no-typescript", "--out-name", module.name, "--out-dir"]).arg(bindgen_out).arg(&wasm))?;
    std::fs::copy(bindgen_out.join(module.glue()), dist.join(module.glue())).with_context(|| format!("copying {}", module.glue()))?;

    // -Oz: size first, as for the Rust profile. Rust's wasm32 target emits
    // these post-MVP features by default; wasm-opt must be told it may keep them.
    cmd::run(
        Command::new(tools::node_bin(root, "wasm-opt"))
            .arg(bindgen_out.join(module.wasm()))
            .args(["-Oz", "--strip-debug", "--strip-producers"])
            .args([
                "--enable-bulk-memory",
                "--enable-nontrapping-float-to-int",
                "--enable-sign-ext",
                "--enable-mutable-globals",
                "--enable-reference-types",
                "--enable-multivalue",
            ])
            .arg("-o")
            .arg(dist.join(module.wasm())),
    )?;
    Ok(())
}

/// Whether a host permission pattern reaches this machine.
fn is_loopback(pattern: &str) -> bool {
    let authority = pattern.split_once("://").map_or(pattern, |(_, rest)| rest);
    let authority = authority.split('/').next().unwrap_or_default();
    // An IPv6 host is bracketed and has colons of its own.
    let host = match authority.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or_default(),
        None => authority.split(':').next().unwrap_or_default(),
    };
    matches!(host, "127.0.0.1" | "localhost" | "::1")
}

/// The store build's manifest: the devorg build's without loopback host
/// permissions (a real user's extension has no business on this machine's
/// ports; Salesforce's origins stay optional, asked for at login).
pub fn store_manifest(mut manifest: serde_json::Value) -> serde_json::Value {
    if let Some(object) = manifest.as_object_mut() {
        for key in ["host_permissions", "optional_host_permissions"] {
            if let Some(serde_json::Value::Array(patterns)) = object.get_mut(key) {
                patterns.retain(|p| !p.as_str().is_some_and(is_loopback));
                if patterns.is_empty() {
                    object.remove(key);
                }
            }
        }
    }
    manifest
}

fn reset_dir(dir: &Path) -> anyhow::Result<()> {
    if dir.exists() {
        std::fs::remove_dir_all(dir).with_context(|| format!("removing {}", dir.display()))?;
    }
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))
}

fn copy_tree(from: &Path, to: &Path) -> anyhow::Result<()> {
    for entry in std::fs::read_dir(from).with_context(|| format!("reading {}", from.display()))? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            std::fs::create_dir_all(&target)?;
            copy_tree(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target).with_context(|| format!("copying {}", entry.path().display()))?;
        }
    }
    Ok(())
}

/// Every path the manifest points at must exist in the build, or Chrome
/// refuses to load the extension (or silently shows no icon).
fn check_manifest_files(dist: &Path) -> anyhow::Result<()> {
    let manifest: serde_json::Value = serde_json::from_slice(&std::fs::read(dist.join("manifest.json"))?).context("manifest.json is not valid JSON")?;
    let mut paths = Vec::new();
    collect_paths(&manifest["icons"], &mut paths);
    collect_paths(&manifest["action"]["default_icon"], &mut paths);
    collect_paths(&manifest["side_panel"]["default_path"], &mut paths);
    collect_paths(&manifest["background"]["service_worker"], &mut paths);
    collect_paths(&manifest["options_ui"]["page"], &mut paths);
    if let Some(locale) = manifest["default_locale"].as_str() {
        paths.push(format!("_locales/{locale}/messages.json"));
    }
    let missing: Vec<_> = paths.iter().filter(|p| !dist.join(p).is_file()).collect();
    if !missing.is_empty() {
        bail!("manifest.json names files the build does not contain: {missing:?}");
    }
    Ok(())
}

/// Each loader imports its own page's glue and no other module's: a
/// loader importing another page's module would load that page's code (or
/// fail: the entry point it calls is not there).
fn check_loaders(dist: &Path) -> anyhow::Result<()> {
    for module in MODULES {
        let source = std::fs::read_to_string(dist.join(module.loader)).with_context(|| format!("reading {}", module.loader))?;
        let imports = glue_imports(&source);
        if imports != [module.glue()] {
            bail!("{} must import ./{} (the {} module) and no other module; it imports {imports:?}", module.loader, module.glue(), module.page);
        }
    }
    Ok(())
}

/// The `./sidecar_*.js` files a loader imports.
fn glue_imports(source: &str) -> Vec<String> {
    source
        .lines()
        .filter(|line| line.trim_start().starts_with("import "))
        .filter_map(|line| line.split(" from ").nth(1))
        .map(|from| from.trim().trim_end_matches(';').trim_matches(['\'', '"']).trim_start_matches("./").to_owned())
        .filter(|file| file.starts_with("sidecar_"))
        .collect()
}

fn collect_paths(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Object(map) => map.values().for_each(|v| collect_paths(v, out)),
        _ => {}
    }
}

fn report_sizes(dist: &Path) -> anyhow::Result<()> {
    println!("{:<24} {:>12} {:>12} {:>12}", "file", "raw", "gzip", "brotli");
    for (name, file) in sizes::shipped(dist)? {
        let size = sizes::measure(&file)?;
        println!("{name:<24} {:>12} {:>12} {:>12}", sizes::kib(size.raw), sizes::kib(size.gzip), sizes::kib(size.brotli));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repo_manifest() -> serde_json::Value {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../manifest.json");
        serde_json::from_slice(&std::fs::read(path).expect("manifest.json")).expect("json")
    }

    fn patterns(manifest: &serde_json::Value, key: &str) -> Vec<String> {
        manifest[key].as_array().map(|a| a.iter().filter_map(|p| p.as_str().map(str::to_owned)).collect()).unwrap_or_default()
    }

    #[test]
    fn the_store_manifest_has_no_loopback_access() {
        let devorg = repo_manifest();
        assert!(patterns(&devorg, "host_permissions").iter().any(|p| is_loopback(p)), "the devorg build reaches devorg");
        let store = store_manifest(devorg.clone());
        for key in ["host_permissions", "optional_host_permissions"] {
            let loopback: Vec<String> = patterns(&store, key).into_iter().filter(|p| is_loopback(p)).collect();
            assert!(loopback.is_empty(), "{key}: {loopback:?}");
        }
        // Everything else is the devorg build's: same key (extension id), permissions, Salesforce origins.
        assert_eq!(store["key"], devorg["key"]);
        assert_eq!(store["permissions"], devorg["permissions"]);
        assert_eq!(patterns(&store, "optional_host_permissions"), patterns(&devorg, "optional_host_permissions"));
    }

    /// The crates the service worker's module is built from, by name.
    fn worker_dependencies() -> Vec<String> {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let worker = MODULES.iter().find(|m| m.page == "service worker").expect("the worker's module");
        let out = cmd::cargo(&root)
            .args(["tree", "-p", CRATE, "--target", "wasm32-unknown-unknown", "-e", "normal", "--prefix", "none", "--format", "{p}"])
            .args(["--no-default-features", "--features", worker.feature])
            .output()
            .expect("cargo tree");
        assert!(out.status.success(), "cargo tree: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).lines().filter_map(|line| line.split_whitespace().next()).map(str::to_owned).collect()
    }

    /// Chrome starts the worker again for every alarm and compiles its
    /// module each time: no UI framework in it, not even unused.
    #[test]
    fn the_worker_is_built_without_yew() {
        let crates = worker_dependencies();
        assert!(crates.iter().any(|c| c == "sidecar-core"), "the tree is the worker's: {crates:?}");
        let ui: Vec<&String> = crates.iter().filter(|c| c.starts_with("yew") || c.starts_with("gloo")).collect();
        assert!(ui.is_empty(), "the service worker's build depends on {ui:?}");
    }

    #[test]
    fn each_loader_imports_its_own_module() {
        let extension = Path::new(env!("CARGO_MANIFEST_DIR")).join("../extension");
        check_loaders(&extension).expect("loaders");
        let bench = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("bench-web").join(GRID_BENCH.loader)).expect("grid bench page");
        assert!(bench.contains(&format!("/grid/{}'", GRID_BENCH.glue())), "the grid bench page imports {}", GRID_BENCH.glue());
    }

    #[test]
    fn glue_imports_are_read_from_import_lines() {
        assert_eq!(glue_imports("// a loader\nimport init, { start } from './sidecar_options.js';\nawait init();\n"), ["sidecar_options.js"]);
        assert_eq!(glue_imports("import init from \"./sidecar_worker.js\"\nimport x from './other.js';"), ["sidecar_worker.js"]);
        assert!(glue_imports("// nothing imported from './sidecar_options.js'").is_empty());
    }

    #[test]
    fn loopback_patterns() {
        for (pattern, loopback) in [
            ("http://127.0.0.1/*", true),
            ("http://localhost/*", true),
            ("http://localhost:8787/*", true),
            ("http://[::1]/*", true),
            ("https://*.salesforce.com/*", false),
            ("https://*/*", false),
            ("https://localhost.example.com/*", false),
        ] {
            assert_eq!(is_loopback(pattern), loopback, "{pattern}");
        }
    }
}
