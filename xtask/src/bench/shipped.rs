//! The sizes section: every `.wasm` and `.js` file of `dist/extension` (the
//! release build), raw, gzip -9 and brotli q11 (`crate::sizes`, the build
//! report's code), each against its kind's budget. A size is exact, so one
//! sample per file; the reference is the budget itself (in the same unit),
//! and a file over its budget, raw, gzip or brotli, fails the bench (never
//! the tests).

use std::path::Path;

use super::report::{Better, Figure, Measure, Section, num};
use crate::sizes;

/// Budgets per file, in bytes: (raw, gzip, brotli). Set at about 1.25× the
/// largest file of the kind when they were introduced (`sidecar_bg.wasm`:
/// 1,925,602 raw, 740 KiB gzip, 546 KiB brotli; the largest `.js`, the
/// wasm-bindgen glue `sidecar.js`: 58,288 raw, 9.6 KiB gzip, 8.1 KiB
/// brotli), rounded: room for features, not for an accidental doubling (a
/// debug build, a second copy of a crate, an unminified library). Raising
/// one is a decision to write in the commit message, with the new size.
const WASM_BUDGET: (usize, usize, usize) = (2_400_000, 930_000, 700_000);
const JS_BUDGET: (usize, usize, usize) = (73_000, 12_500, 10_500);

pub fn section(dist: &Path) -> anyhow::Result<Section> {
    let mut figures = Vec::new();
    let mut total = (0, 0, 0);
    for (name, path) in sizes::shipped(dist)? {
        let size = sizes::measure(&path)?;
        total = (total.0 + size.raw, total.1 + size.gzip, total.2 + size.brotli);
        let (kind, budget) = if name.ends_with(".wasm") { (".wasm", WASM_BUDGET) } else { (".js", JS_BUDGET) };
        let mut failures = Vec::new();
        for (what, got, max) in [("raw", size.raw, budget.0), ("gzip -9", size.gzip, budget.1), ("brotli q11", size.brotli, budget.2)] {
            if got > max {
                failures.push(format!("{what} {} bytes is over the {kind} budget of {} bytes", num(got as f64), num(max as f64)));
            }
        }
        figures.push(Figure {
            id: format!("size.{}", name.replace(['/', '.'], "_")),
            name: format!("size: {name}, brotli (raw {}, gzip {})", sizes::kib(size.raw), sizes::kib(size.gzip)),
            unit: "bytes".into(),
            better: Better::Lower,
            subject: Measure::new(format!("{name}, brotli q11"), vec![size.brotli as f64]),
            reference: Measure::new(format!("{kind} budget"), vec![budget.2 as f64]),
            budget: Some(1.0),
            facts: vec![
                ("raw".into(), format!("{} bytes ({}); budget {}", num(size.raw as f64), sizes::kib(size.raw), num(budget.0 as f64))),
                (
                    "gzip -9".into(),
                    format!(
                        "{} bytes ({}, {:.0}% of raw); budget {}",
                        num(size.gzip as f64),
                        sizes::kib(size.gzip),
                        pct(size.gzip, size.raw),
                        num(budget.1 as f64)
                    ),
                ),
                (
                    "brotli q11".into(),
                    format!(
                        "{} bytes ({}, {:.0}% of raw); budget {}",
                        num(size.brotli as f64),
                        sizes::kib(size.brotli),
                        pct(size.brotli, size.raw),
                        num(budget.2 as f64)
                    ),
                ),
            ],
            failures,
        });
    }
    Ok(Section {
        title: "sizes: every .wasm and .js file shipped".into(),
        notes: vec![
            "Every `.wasm` and `.js` file of `dist/extension` (the release build: opt-level \"z\", fat LTO, wasm-opt -Oz), measured \
             raw (what Chrome reads and compiles at each page open), gzip -9 (about what the Web Store's package costs) and brotli q11."
                .into(),
            format!(
                "Budgets per file kind, in bytes (raw / gzip / brotli): .wasm {} / {} / {}, .js {} / {} / {}, about 1.25× the largest \
                 file of the kind when set. The figure is brotli against its budget (ratio ≤ 1×); a raw or gzip size over its budget \
                 fails the figure too.",
                num(WASM_BUDGET.0 as f64),
                num(WASM_BUDGET.1 as f64),
                num(WASM_BUDGET.2 as f64),
                num(JS_BUDGET.0 as f64),
                num(JS_BUDGET.1 as f64),
                num(JS_BUDGET.2 as f64)
            ),
            format!("Total shipped code: {} raw, {} gzip, {} brotli.", sizes::kib(total.0), sizes::kib(total.1), sizes::kib(total.2)),
        ],
        figures,
    })
}

fn pct(part: usize, whole: usize) -> f64 {
    if whole == 0 { 0.0 } else { 100.0 * part as f64 / whole as f64 }
}
