//! `cargo xtask <command>`: every build step of Sidecar, in Rust, so the
//! README's two commands work on a fresh machine with only Rust, Node and apt.
//!
//! - `build`: the extension into `dist/extension/` (wasm32 -> wasm-bindgen -> wasm-opt);
//!   `build --store` the build for real users into `dist/store/`.
//! - `run`:   build, then serve devorg on 127.0.0.1:8787 until interrupted.
//! - `test`:  native tests, client conformance, wasm component tests, end-to-end tests; one summary line.
//!   `test conformance` runs only the client conformance layer.
//! - `bench`: performance figures as ratios to same-run references; `target/bench/report.{md,json}`.
//!   `bench devorg|extraction|sizes|browser|panel|network` runs one section.

mod bench;
mod bundle;
mod cmd;
mod conformance;
#[cfg(test)]
mod cycles;
mod run;
mod sizes;
mod tally;
mod test;
mod tools;

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

const USAGE: &str = "usage: cargo xtask <command>

commands:
  build            build the extension into dist/extension (logs in to devorg by default)
  build --store    the build for real users into dist/store: Salesforce production by
                   default, no loopback host permission
  run [--browser]  build, start devorg on http://127.0.0.1:8787 and explain how to load
                   the extension; --browser also opens Chromium with it (needs a display)
  test             every test: native, client conformance (jsforce, the Salesforce CLI, simple-salesforce),
                   wasm component (headless Chromium), end-to-end
  test conformance only the client conformance tests against devorg
  test e2e         only the end-to-end tests. Both `test` and `test e2e` start devorg with
                   --describes $SIDECAR_E2E_DESCRIBES (a folder of a real org's describes)
                   when it is set, else with ../shared/fixtures/real-orgs/lwr-2024-projection
                   when that folder exists; SIDECAR_E2E_DESCRIBES= (empty) keeps devorg's own
                   schema
  bench            performance figures (devorg on the bench seed; contextual insights'
                   extraction on 300 KiB+ pages; shipped .wasm/.js sizes; the Workspace grid
                   in headless Chromium vs a plain-JS grid and AG Grid; the side panel's To Do
                   list vs a plain page; REST requests per action counted on devorg) as ratios
                   to references measured in the same run; writes target/bench/report.md and
                   report.json. `bench devorg|extraction|sizes|browser|panel|network` runs one.

Missing prerequisites (wasm32 target, wasm-bindgen-cli, npm packages, Chromium, the Python
venv of the conformance tests) are installed on first use.";

fn main() {
    if let Err(e) = real_main() {
        eprintln!("xtask: {e:#}");
        std::process::exit(1);
    }
}

fn real_main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = workspace_root()?;
    std::env::set_current_dir(&root).with_context(|| format!("entering {}", root.display()))?;
    match args.first().map(String::as_str) {
        Some("build") => {
            tools::ensure_build_tools(&root)?;
            let variant = if args.iter().any(|a| a == "--store") { bundle::Variant::Store } else { bundle::Variant::Devorg };
            bundle::build_variant(&root, variant).map(drop)
        }
        Some("run") => run::run(&root, args.iter().any(|a| a == "--browser")),
        Some("test") => match args.get(1).map(String::as_str) {
            None => test::test(&root),
            Some("conformance") => conformance::run_alone(&root),
            Some("e2e") => test::end_to_end_alone(&root),
            Some(other) => bail!("unknown test layer '{other}' (only 'conformance' and 'e2e' run alone)\n\n{USAGE}"),
        },
        Some("bench") => bench::bench(&root, args.get(1).map(String::as_str)),
        Some("help" | "--help" | "-h") | None => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => bail!("unknown command '{other}'\n\n{USAGE}"),
    }
}

/// The repository root: xtask lives in `<root>/xtask`.
fn workspace_root() -> anyhow::Result<PathBuf> {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest_dir.parent().map(Path::to_path_buf).context("xtask must live inside the workspace")
}
