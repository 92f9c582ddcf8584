//! Contextual insights' extraction time on large pages: the release build of
//! `crates/sidecar-core/examples/extract_bench.rs`, which generates three
//! 300 KiB+ pages in code (a company home page, a 400-card team directory, a
//! long blog post with 300 comments), times `snapshot_from_html` + `extract`
//! on each against a one-pass reference over the same bytes, checks what was
//! extracted, and prints its samples as one JSON line; this module turns
//! them into figures. (xtask does not link sidecar-core: xtask runs in the
//! dev profile, and the figure is about the release code.)

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context, bail};
use serde_json::Value;

use super::report::{Better, Figure, Measure, Section, num};
use crate::cmd;

const RUNS: usize = 30;
const WARMUP: usize = 5;
/// Budget: extraction over the one-pass reference, as a ratio of medians.
/// First runs on a busy 2-core VM (load 2-5), by median: company page
/// 9-26×, team directory 36-46×, blog post 24-32×; single samples up to 60×.
/// 150× is about 3× the worst median: it catches a quadratic step or a lost
/// bound on a large page (an order of magnitude), not noise.
const BUDGET: f64 = 150.0;

pub fn section(root: &Path, tools: &mut Vec<(String, String)>) -> anyhow::Result<Section> {
    let bin = build_release(root)?;
    tools.push((
        "extract_bench (sidecar-core example)".into(),
        "`cargo build --release -p sidecar-core --example extract_bench` (release profile; sidecar-core and serde_json at opt-level 3)".into(),
    ));
    let mut run = Command::new(&bin);
    run.args(["--runs", &RUNS.to_string(), "--warmup", &WARMUP.to_string()]).current_dir(root).stderr(Stdio::inherit());
    println!("$ {}", cmd::describe(&run));
    let out = run.output().context("starting extract_bench")?;
    if !out.status.success() {
        bail!("extract_bench failed ({})", out.status);
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = stdout.lines().rev().find(|l| l.starts_with('{')).unwrap_or_default();
    let result: Value = serde_json::from_str(line).with_context(|| format!("extract_bench printed no JSON result: {stdout}"))?;
    let pages = result["pages"].as_array().context("extract_bench: no pages")?;
    if pages.is_empty() {
        bail!("extract_bench measured no page");
    }
    let figures: Vec<Figure> = pages.iter().map(figure).collect();
    for f in &figures {
        println!("measured: {}", f.name);
    }
    Ok(Section {
        title: "extraction: contextual insights on large pages".into(),
        notes: vec![
            "Subject: `snapshot_from_html` (the native twin of `snapshot.js`: tokenizer, tree, snapshot within its limits) then \
             `extract` (snapshot → companies, people, e-mails, phones), in the release build of the `extract_bench` example of \
             sidecar-core, one process, single-threaded. The pages are generated in code from a seeded xorshift32 (the same bytes \
             on every run): inline CSS/JS chunks, a mega-menu with inline SVG icons, a long footer (sitemap, offices with `tel:` \
             links, LinkedIn, copyright), and the page's own content."
                .into(),
            "Reference, measured in the same loop (interleaved, so drift hits both): one linear pass over the same bytes that any \
             extraction must at least make, `to_ascii_lowercase` of the whole HTML and a count of `<` and `@`. The ratio is \
             how many such passes the extraction costs."
                .into(),
            "Every run's extraction must equal the first run's, and the output is checked against what the page holds (the \
             company and its domain, the JSON-LD founder, author and publisher, the team cards up to the snapshot's and \
             `extract`'s caps: 100 cards / items, 50 people); a miss fails the figure whatever its time."
                .into(),
            format!(
                "Budget: ≤ {BUDGET}× the reference for each page, about 3× the worst median ratio seen on a busy 2-core VM (46×, the team directory): it \
                 catches a quadratic step or a lost bound (an order of magnitude), not noise."
            ),
        ],
        figures,
    })
}

/// `cargo build --release -p sidecar-core --example extract_bench`; its path (honours `CARGO_TARGET_DIR`).
fn build_release(root: &Path) -> anyhow::Result<PathBuf> {
    cmd::run(cmd::cargo(root).args(["build", "--release", "-p", "sidecar-core", "--example", "extract_bench"]))?;
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), |dir| root.join(dir));
    Ok(target.join("release/examples/extract_bench"))
}

fn samples(page: &Value, what: &str) -> Vec<f64> {
    page["samples"][what].as_array().into_iter().flatten().filter_map(Value::as_f64).collect()
}

fn median_text(samples: &[f64]) -> String {
    Measure::new("", samples.to_vec()).stats().map_or("no samples".into(), |s| format!("{} ms (p10–p90 {}–{})", num(s.median), num(s.p10), num(s.p90)))
}

fn figure(page: &Value) -> Figure {
    let id = page["id"].as_str().unwrap_or("?");
    let bytes = page["bytes"].as_f64().unwrap_or(0.0);
    let total = samples(page, "total");
    let snapshot = &page["snapshot"];
    Figure {
        id: format!("extraction.{id}"),
        name: format!("extraction: {}, {} KiB", page["name"].as_str().unwrap_or(id), num(bytes / 1024.0)),
        unit: "ms".into(),
        better: Better::Lower,
        subject: Measure::new("snapshot_from_html + extract", total.clone()),
        reference: Measure::new("lowercase + count, one pass", samples(page, "reference")),
        budget: Some(BUDGET),
        facts: vec![
            ("page".into(), format!("{} bytes ({} KiB), as if at {}", num(bytes), num(bytes / 1024.0), page["url"].as_str().unwrap_or("?"))),
            ("snapshot_from_html".into(), median_text(&samples(page, "snapshot"))),
            ("extract".into(), median_text(&samples(page, "extract"))),
            (
                "snapshot".into(),
                format!(
                    "{} cards, {} microdata/h-card items, {} JSON-LD blocks, {} links, {} bylines, {} characters of text",
                    snapshot["cards"], snapshot["items"], snapshot["json_ld"], snapshot["links"], snapshot["bylines"], snapshot["text_chars"]
                ),
            ),
            ("found".into(), page["found"].as_str().unwrap_or("?").to_owned()),
            ("samples".into(), format!("{} after {WARMUP} warm-up, interleaved with the reference", total.len())),
        ],
        failures: page["failures"].as_array().into_iter().flatten().filter_map(|f| f.as_str().map(str::to_owned)).collect(),
    }
}
