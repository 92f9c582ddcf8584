//! `cargo xtask bench`: Sidecar's performance figures, each a median and
//! spread over repeated runs and a ratio against a reference measured in the
//! same run (never an absolute time: the machine is shared and noisy).
//! Writes `target/bench/report.md` and `target/bench/report.json`, prints the
//! table, and exits non-zero, after writing, if any figure is over its budget
//! or saw a failed request.
//!
//! Sections: `devorg` (REST API on the bench seed), `extraction`
//! (contextual insights on 300 KiB+ pages, release build, against a one-pass
//! reference over the same bytes), `browser` (the Workspace grid in headless
//! Chromium against a plain-JS reference grid and AG Grid), `panel` (the side
//! panel's To Do List painted, from cache and from an empty cache, against a
//! plain HTML page fetching the same list), `worker` (a background poll from
//! a stopped service worker, alarm to first request, against a plain
//! JavaScript MV3 worker), `network` (REST API requests per
//! page visit, 20-row bulk edit and 2,000-record Workspace load, counted on
//! devorg, against the minimum) and `sizes` (every shipped `.wasm` and `.js`,
//! raw / gzip / brotli, against a budget). A new section is a function
//! returning a `report::Section`, called from [`bench`] like
//! `devorg::section`; the writers need no change.
//!
//! `cargo xtask bench browser` (or any one section's name) runs that section
//! alone (for working on it); `cargo xtask bench` runs every section.

mod browser;
mod devorg;
mod extension;
mod extraction;
mod http;
mod load;
mod machine;
mod raw;
mod report;
mod shipped;
mod worker;

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context, bail};

use report::Report;

pub fn bench(root: &Path, only: Option<&str>) -> anyhow::Result<()> {
    let started = Instant::now();
    let out_dir = root.join("target/bench");
    std::fs::create_dir_all(&out_dir).with_context(|| format!("creating {}", out_dir.display()))?;
    let mut report = Report { started_utc: machine::now_utc(), machine: machine::machine(), tools: machine::tools(root), ..Report::default() };

    if let Some(name) = only.filter(|n| !SECTIONS.contains(n)) {
        bail!("unknown bench section '{name}' (one of {})", SECTIONS.join(", "));
    }
    let wanted = |name: &str| only.is_none_or(|n| n == name);
    let mut built = Built::default();
    let record = |name: &str, result: anyhow::Result<report::Section>, report: &mut Report| match result {
        Ok(section) => report.sections.push(section),
        Err(e) => report.errors.push(format!("{name}: {e:#}")),
    };
    if wanted("devorg") {
        let result = devorg::section(root, &out_dir, &mut report.tools);
        record("devorg", result, &mut report);
    }
    if wanted("extraction") {
        let result = extraction::section(root, &mut report.tools);
        record("extraction", result, &mut report);
    }
    if wanted("sizes") {
        let result = built.dist(root).and_then(|dist| shipped::section(&dist));
        record("sizes", result, &mut report);
    }
    if wanted("browser") {
        let result = built.browser(root).and_then(|(dist, chromium)| browser::section(root, &dist, &chromium, &mut report.tools));
        record("browser", result, &mut report);
    }
    if wanted("panel") {
        let result = built.with_devorg(root).and_then(|(dist, chromium, devorg)| extension::panel_section(root, &dist, &devorg, &chromium, &mut report.tools));
        record("panel", result, &mut report);
    }
    if wanted("worker") {
        let result = built.with_devorg(root).and_then(|(dist, chromium, devorg)| worker::section(root, &dist, &devorg, &chromium, &mut report.tools));
        record("worker", result, &mut report);
    }
    if wanted("network") {
        let result = built.with_devorg(root).and_then(|(dist, chromium, devorg)| extension::network_section(root, &dist, &devorg, &chromium));
        record("network", result, &mut report);
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

const SECTIONS: [&str; 7] = ["devorg", "extraction", "sizes", "browser", "panel", "worker", "network"];

/// What several sections need, built once per run: `dist/extension`
/// (release), Chromium's path, the release devorg binary.
#[derive(Default)]
struct Built {
    dist: Option<PathBuf>,
    chromium: Option<PathBuf>,
    devorg: Option<PathBuf>,
}

impl Built {
    fn dist(&mut self, root: &Path) -> anyhow::Result<PathBuf> {
        if let Some(dist) = &self.dist {
            return Ok(dist.clone());
        }
        crate::tools::ensure_build_tools(root)?;
        let dist = crate::bundle::build(root)?;
        self.dist = Some(dist.clone());
        Ok(dist)
    }

    fn browser(&mut self, root: &Path) -> anyhow::Result<(PathBuf, PathBuf)> {
        let dist = self.dist(root)?;
        if self.chromium.is_none() {
            self.chromium = Some(crate::tools::ensure_browser()?.chromium);
        }
        Ok((dist, self.chromium.clone().unwrap_or_default()))
    }

    fn with_devorg(&mut self, root: &Path) -> anyhow::Result<(PathBuf, PathBuf, PathBuf)> {
        let (dist, chromium) = self.browser(root)?;
        if self.devorg.is_none() {
            self.devorg = Some(devorg::build_release(root)?);
        }
        Ok((dist, chromium, self.devorg.clone().unwrap_or_default()))
    }
}
