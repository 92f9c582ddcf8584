//! `cargo xtask build`: Rust -> wasm32 -> wasm-bindgen (`--target web`) ->
//! wasm-opt -> `dist/extension/`, then a check that every file the manifest
//! names is there, and a size report.
//!
//! `cargo xtask build --store` makes the build for real users in
//! `dist/store/`: the `store` feature (the default login host is Salesforce
//! production, not devorg) and a manifest without the loopback host
//! permissions the devorg build needs ([`store_manifest`]). `run`, the tests
//! and the benchmarks use the devorg build.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};

use crate::{cmd, sizes, tools};

/// The crate compiled to wasm and the basename of its generated JS/wasm.
const CRATE: &str = "sidecar";

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

    let mut cargo = cmd::cargo(root);
    cargo.args(["build", "--release", "--target", "wasm32-unknown-unknown", "-p", CRATE]);
    if variant == Variant::Store {
        cargo.args(["--features", "store"]);
    }
    cmd::run(&mut cargo)?;
    // Honours CARGO_TARGET_DIR (relative to the root, as cargo reads it there).
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), |dir| root.join(dir));
    let wasm = target.join(format!("wasm32-unknown-unknown/release/{CRATE}.wasm"));

    reset_dir(&bindgen_out)?;
    cmd::run(Command::new("wasm-bindgen").args(["--target", "web", "--no-typescript", "--out-dir"]).arg(&bindgen_out).arg(&wasm))?;

    reset_dir(&dist)?;
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
    std::fs::copy(bindgen_out.join(format!("{CRATE}.js")), dist.join(format!("{CRATE}.js"))).context("copying the JS glue")?;

    // -Oz: size first, as for the Rust profile. Rust's wasm32 target emits
    // these post-MVP features by default; wasm-opt must be told it may keep them.
    cmd::run(
        Command::new(tools::node_bin(root, "wasm-opt"))
            .arg(bindgen_out.join(format!("{CRATE}_bg.wasm")))
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
            .arg(dist.join(format!("{CRATE}_bg.wasm"))),
    )?;

    check_manifest_files(&dist)?;
    report_sizes(&dist)?;
    println!("Extension ready: {}", dist.display());
    Ok(dist)
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
