//! `cargo xtask bench`: Sidecar's performance figures, each a median and
//! spread over repeated runs and a ratio against a reference measured in the
//! same run (never an absolute time: the machine is shared and noisy).
//! Writes `target/bench/report.md` and `target/bench/report.json`, prints the
//! table, and exits non-zero, after writing, if any figure is over its budget
//! or saw a failed request.
//!
//! Sections: `devorg` (REST API on the bench seed), `extraction`
//! (contextual insights on 300 KiB+ pages, release build, against a one-pass
//! reference over the same bytes) and `browser` (the Workspace grid in
//! headless Chromium against a plain-JS reference grid and AG Grid, plus the
//! `.wasm` size). A new section is a function returning a
//! `report::Section`, called from [`bench`] like `devorg::section`; the
//! writers need no change.
//!
//! `cargo xtask bench browser` (or `devorg`, `extraction`) runs that section
//! alone (for working on it); `cargo xtask bench` runs every section.

mod browser;
mod devorg;
mod extraction;
mod http;
mod load;
mod machine;
mod raw;
mod report;

use std::path::Path;
use std::time::Instant;

use anyhow::{Context, bail};

use report::Report;

pub fn bench(root: &Path, only: Option<&str>) -> anyhow::Result<()> {
    let started = Instant::now();
    let out_dir = root.join("target/bench");
    std::fs::create_dir_all(&out_dir).with_context(|| format!("creating {}", out_dir.display()))?;
    let mut report = Report { started_utc: machine::now_utc(), machine: machine::machine(), tools: machine::tools(root), ..Report::default() };

    if let Some(name) = only.filter(|n| !["devorg", "extraction", "browser"].contains(n)) {
        bail!("unknown bench section '{name}' (devorg, extraction or browser)");
    }
    if only.is_none_or(|n| n == "devorg") {
        match devorg::section(root, &out_dir, &mut report.tools) {
            Ok(section) => report.sections.push(section),
            Err(e) => report.errors.push(format!("devorg: {e:#}")),
        }
    }
    if only.is_none_or(|n| n == "extraction") {
        match extraction::section(root, &mut report.tools) {
            Ok(section) => report.sections.push(section),
            Err(e) => report.errors.push(format!("extraction: {e:#}")),
        }
    }
    if only.is_none_or(|n| n == "browser") {
        match browser::section(root, &mut report.tools) {
            Ok(section) => report.sections.push(section),
            Err(e) => report.errors.push(format!("browser: {e:#}")),
        }
    }

    report.elapsed_seconds = started.elapsed().as_secs_f64();
    let md = out_dir.join("report.md");
    let json = out_dir.join("report.json");
    std::fs::write(&md, report.to_markdown()).with_context(|| format!("writing {}", md.display()))?;
    std::fs::write(&json, serde_json::to_string_pretty(&report.to_json())?).with_context(|| format!("writing {}", json.display()))?;
    println!("\n{}", report.table());
    for error in &report.errors {
        println!("ERROR {error}");
    }
    println!("report: {} and {} ({:.0} s)", md.display(), json.display(), report.elapsed_seconds);
    if !report.passed() {
        bail!("benchmark failed: a figure is over budget, saw a failed request, or could not be measured (see the report)");
    }
    Ok(())
}
