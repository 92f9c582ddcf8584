//! The `worker` section: a background poll leaving a stopped service
//! worker. Sidecar's built extension (`dist/extension`, its worker as its
//! manifest declares it) against a plain JavaScript MV3 extension
//! (`xtask/bench-web/worker-reference/`: one alarm listener, one fetch), both
//! loaded in the same headless Chromium and polled alternately, run by run,
//! by `xtask/bench-web/worker-bench.mjs` (which prints its samples as JSON);
//! this module turns them into a figure.

use std::path::Path;
use std::process::{Command, Stdio};

use anyhow::{Context, bail};
use serde_json::Value;

use super::report::{Better, Figure, Measure, Section};
use crate::cmd;

const RUNS: usize = 10;
const WARMUP: usize = 1;
/// The budget: at most twice the plain worker's wake-up to fetch.
const BUDGET: f64 = 2.0;

pub fn section(root: &Path, dist: &Path, devorg: &Path, chromium: &Path, tools: &mut Vec<(String, String)>) -> anyhow::Result<Section> {
    let mut node = Command::new("node");
    node.arg(root.join("xtask/bench-web/worker-bench.mjs"))
        .env("SIDECAR_CHROMIUM", chromium)
        .env("SIDECAR_EXTENSION_DIR", dist)
        .env("SIDECAR_DEVORG_BIN", devorg)
        .env("BENCH_RUNS", RUNS.to_string())
        .env("BENCH_WARMUP", WARMUP.to_string())
        // Playwright's own network tracking of service workers would sit in
        // the path of the measured fetch: off, for both extensions alike.
        .env("PLAYWRIGHT_DISABLE_SERVICE_WORKER_NETWORK", "1")
        .current_dir(root)
        .stderr(Stdio::inherit());
    println!("$ {}", cmd::describe(&node));
    let out = node.output().context("starting node for the worker bench")?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = stdout.lines().rev().find(|l| l.starts_with('{')).unwrap_or_default();
    if line.is_empty() {
        bail!("the worker bench printed no JSON result ({}): {stdout}", out.status);
    }
    let result: Value = serde_json::from_str(line).with_context(|| format!("the worker bench's result: {line}"))?;
    let mut failures: Vec<String> = result["failures"].as_array().into_iter().flatten().filter_map(|f| f.as_str().map(str::to_owned)).collect();
    if !out.status.success() {
        failures.push(format!("the worker bench exited with {}", out.status));
    }
    tools.push(("Chromium (worker bench, headless, two extensions loaded)".into(), result["chromium"].as_str().unwrap_or("?").to_owned()));
    let samples = |kind: &str| -> Vec<f64> { result["samples"][kind].as_array().into_iter().flatten().filter_map(Value::as_f64).collect() };
    let first_request = result["facts"]["first_request"].as_str().unwrap_or("?").to_owned();
    let worker = result["facts"]["sidecar_worker"].as_str().unwrap_or("?").to_owned();
    let lead = result["lead_ms"].as_u64().unwrap_or(0);
    Ok(Section {
        title: "worker: a background poll from a stopped service worker".into(),
        notes: vec![
            format!(
                "Subject: Sidecar's service worker (`{worker}` of `dist/extension`, as its manifest declares it), woken by its own \
                 background-refresh alarm (`sidecar-refresh`) while stopped; the poll reads the stored session and asks the org's \
                 switch first. Reference: `xtask/bench-web/worker-reference/`, a plain JavaScript MV3 worker whose alarm listener reads \
                 the same request from `chrome.storage.local` and fetches it: the same URL with the same token as Sidecar's first request."
            ),
            format!(
                "Each run, for each extension (alternating which goes first): an alarm created in its worker for `when` = now + {lead} ms, \
                 then every service worker stopped through the DevTools protocol (`ServiceWorker.stopAllWorkers`) and seen stopped \
                 (`ServiceWorker.workerVersionUpdated`) before `when`, so Chrome starts the worker to deliver the alarm. Measured: from \
                 `when` (the alarm's scheduled time; Chrome's dispatch delay after it is in both figures alike) to devorg printing the \
                 first request's `--log-requests` line, stamped by the bench script as it reads it. A run whose worker was not seen \
                 stopped in time, or that saw a request before the alarm, is a failure."
            ),
            format!("Budget: ≤ {BUDGET}× the plain worker (the issue's)."),
        ],
        figures: vec![Figure {
            id: "worker.alarm_to_first_request".into(),
            name: "worker: alarm in a stopped worker to the poll's first request at the org".into(),
            unit: "ms".into(),
            better: Better::Lower,
            subject: Measure::new("Sidecar service worker (wasm)", samples("sidecar")),
            reference: Measure::new("plain JavaScript MV3 worker, same fetch", samples("reference")),
            budget: Some(BUDGET),
            facts: vec![
                ("first request".into(), first_request),
                ("samples".into(), format!("{RUNS} runs after {WARMUP} warm-up run, one poll per extension and run")),
            ],
            failures,
        }],
    })
}
