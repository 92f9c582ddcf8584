//! `cargo xtask build`: Rust -> wasm32 -> wasm-bindgen (`--target web`) ->
//! wasm-opt -> `dist/extension/`, then a check that every file the manifest
//! names is there, and a size report.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};

use crate::{cmd, sizes, tools};

/// The crate compiled to wasm and the basename of its generated JS/wasm.
const CRATE: &str = "sidecar";

/// Builds the extension and returns the `dist/extension` directory.
pub fn build(root: &Path) -> anyhow::Result<PathBuf> {
    let dist = root.join("dist/extension");
    let bindgen_out = root.join("target/wasm-bindgen");

    cmd::run(cmd::cargo(root).args(["build", "--release", "--target", "wasm32-unknown-unknown", "-p", CRATE]))?;
    // Honours CARGO_TARGET_DIR (relative to the root, as cargo reads it there).
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), |dir| root.join(dir));
    let wasm = target.join(format!("wasm32-unknown-unknown/release/{CRATE}.wasm"));

    reset_dir(&bindgen_out)?;
    cmd::run(
        Command::new("wasm-bindgen")
            .args(["--target", "web", "--no-typescript", "--out-dir"])
            .arg(&bindgen_out)
            .arg(&wasm),
    )?;

    reset_dir(&dist)?;
    copy_tree(&root.join("static"), &dist)?;
    copy_tree(&root.join("extension"), &dist)?;
    std::fs::copy(root.join("manifest.json"), dist.join("manifest.json")).context("copying manifest.json")?;
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
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(dist.join("manifest.json"))?).context("manifest.json is not valid JSON")?;
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
