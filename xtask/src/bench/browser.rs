//! The browser section: the Workspace grid (the release wasm of
//! `dist/extension`, `GridBench` in `src/workspace/bench.rs`) against a
//! plain-JavaScript reference grid and AG Grid Community, on the same 2,000
//! rows in the same headless Chromium, interleaved run by run (the shipped
//! files' sizes are the `sizes` section). The browser work is `xtask/bench-web/grid-bench.mjs`
//! (playwright-core driving Debian's Chromium), which prints its samples as
//! JSON; this module turns them into figures.

use std::path::Path;
use std::process::{Command, Stdio};

use anyhow::{Context, bail};
use serde_json::Value;

use super::report::{Better, Figure, Measure, Section};
use crate::cmd;

const RUNS: usize = 15;
const WARMUP: usize = 1;
/// The target: at or below the hand-written reference, and ahead of AG Grid.
const BUDGET: f64 = 1.0;

pub fn section(root: &Path, dist: &Path, chromium: &Path, tools_seen: &mut Vec<(String, String)>) -> anyhow::Result<Section> {
    let script = root.join("xtask/bench-web/grid-bench.mjs");
    // The grid's own module (the Workspace page's code plus
    // `start_grid_bench`), built beside the extension; its styles are the
    // extension's.
    let grid = crate::bundle::build_grid_bench(root)?;
    let mut node = Command::new("node");
    node.arg(&script)
        .env("SIDECAR_CHROMIUM", chromium)
        .env("SIDECAR_DIST", dist)
        .env("SIDECAR_GRID_BENCH", grid)
        .env("SIDECAR_AG_GRID", root.join("node_modules/ag-grid-community"))
        .env("BENCH_RUNS", RUNS.to_string())
        .env("BENCH_WARMUP", WARMUP.to_string())
        .current_dir(root)
        .stderr(Stdio::inherit());
    println!("$ {}", cmd::describe(&node));
    let out = node.output().context("starting node for the grid bench")?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = stdout.lines().rev().find(|l| l.starts_with('{')).unwrap_or_default();
    if !out.status.success() && line.is_empty() {
        bail!("the grid bench failed ({})", out.status);
    }
    let result: Value = serde_json::from_str(line).with_context(|| format!("the grid bench printed no JSON result: {stdout}"))?;
    let mut failures: Vec<String> = result["failures"].as_array().into_iter().flatten().filter_map(|f| f.as_str().map(str::to_owned)).collect();
    if !out.status.success() {
        failures.push(format!("the grid bench exited with {}", out.status));
    }
    let chromium = result["chromium"].as_str().unwrap_or("?").to_owned();
    let ag_grid = result["ag_grid"].as_str().unwrap_or("?").to_owned();
    tools_seen.push(("Chromium (browser bench, headless, playwright-core)".into(), chromium));
    tools_seen.push(("AG Grid Community (npm, browser bench)".into(), ag_grid.clone()));

    let samples = |grid: &str, what: &str| -> Vec<f64> { result["samples"][grid][what].as_array().into_iter().flatten().filter_map(Value::as_f64).collect() };
    let prefix = result["prefix"].as_str().unwrap_or("?").to_owned();
    let counts: Vec<String> =
        result["expected"]["filter"].as_array().into_iter().flatten().map(|p| format!("'{}' → {} rows", p[0].as_str().unwrap_or("?"), p[1])).collect();
    let what = [
        (
            "render",
            "first render of the loaded grid, 2,000 rows",
            "the empty grid up (header and filter boxes, as once the columns are known), from the records' arrival to the first \
             frame with them shown"
                .to_owned(),
        ),
        (
            "filter",
            "Name filter keystroke, 2,000 rows",
            format!("typing '{prefix}' one character at a time ({}); each keystroke to the next frame showing the filtered rows", counts.join(", ")),
        ),
        (
            "sort",
            "sort by Amount, 2,000 rows",
            "activating the Amount sort (ascending, then descending) to the next frame with the smallest / largest amount first".to_owned(),
        ),
    ];
    let mut figures = Vec::new();
    for (reference, reference_name) in [("reference", "plain-JS reference grid"), ("aggrid", "AG Grid Community")] {
        for (key, name, how) in &what {
            let ours = samples("ours", key);
            let theirs = samples(reference, key);
            let fails: Vec<String> =
                failures.iter().filter(|f| f.starts_with("ours:") || f.starts_with(&format!("{reference}:")) || !f.contains(':')).cloned().collect();
            figures.push(Figure {
                id: format!("browser.{key}_vs_{reference}"),
                name: format!("browser: {name}, vs {reference_name}"),
                unit: "ms".into(),
                better: Better::Lower,
                subject: Measure::new("Sidecar Workspace grid (yew, wasm)", ours.clone()),
                reference: Measure::new(reference_name, theirs),
                budget: Some(BUDGET),
                facts: vec![
                    ("measured".into(), how.clone()),
                    ("samples".into(), format!("{} per grid ({RUNS} runs after {WARMUP} warm-up run, one fresh page per grid and run)", ours.len())),
                ],
                failures: fails,
            });
        }
    }
    Ok(Section {
        title: "browser: the Workspace grid in headless Chromium".into(),
        notes: vec![
            "Subject: the real Workspace `Grid` of the release build (`dist/grid-bench`: the Workspace page's module with the \
             `grid-bench` feature, wasm-opt -Oz), mounted by `start_grid_bench` \
             (`src/workspace/bench.rs`) and wired as the Workspace page wires it: the `Page` reducer and the `visible_rows` memo. \
             2,000 synthetic opportunities (Name, Account Name, Amount, Close Date, Stage, Probability) from a seeded xorshift32, \
             built through `Row::from_record` (included in the first render's time; the wasm download and compile are not). \
             As in the Workspace, which shows the grid once it knows the columns and then waits for the query, each of the three \
             grids is up and empty when the records arrive: ours through the same reducer actions (`Columns`, then `Batch`), the \
             reference through `load(records)`, AG Grid through `setGridOption('rowData', …)`."
                .into(),
            "References, measured in the same run on the same rows (`xtask/bench-web/data.js` generates them identically): a \
             hand-written plain-JavaScript grid (`reference-grid.js`: same CSS, 32 px rows virtualized with a recycled row pool, \
             starts-with filter, type-aware stable sort) and AG Grid Community from npm (same columns, rowData, 32 px rows, \
             floating starts-with text filters applied through the filter model, sort through the column state, checkbox \
             selection, default row virtualization, row animation off)."
                .into(),
            "Each time runs inside the page with `performance.now()`: from before the action until a frame (requestAnimationFrame, \
             then setTimeout 0) shows the expected result, checked in the DOM: the row count computed from the data after each \
             filter keystroke with the first row matching, and the smallest / largest amount first after a sort. A result that \
             never shows is a failure. Our grid and the reference get a real `input` event on their Name filter box and a click \
             on the Amount header; AG Grid gets `setFilterModel` / `applyColumnState`. Each action starts at a spread point of \
             the frame (a frame, then a 0–16.7 ms wait from a golden-ratio sequence, the same for the three grids): started right \
             after the previous measurement's frame, every action would start at the same point, and any grid done within one \
             frame would measure one frame. The three grids run in a rotating order in each run, each on a fresh page; filter \
             and sort samples follow one unmeasured round on the same page."
                .into(),
            format!(
                "Budget: ≤ {BUDGET}× for every figure (at or below the reference's time, and ahead of AG Grid). Reported as measured; \
                 a ratio over 1 is a real gap, not noise to be tuned away."
            ),
        ],
        figures,
    })
}
