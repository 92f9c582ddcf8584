//! `cargo xtask test`: the whole suite, in the order a failure is cheapest to
//! find: the rules (`cargo fmt --check`, clippy with warnings denied, native
//! and wasm32), native tests, client conformance (jsforce, the Salesforce CLI and simple-salesforce
//! against devorg, see [`crate::conformance`]), wasm component tests in
//! headless Chromium, then the end-to-end suite (Playwright + Chromium + the
//! built extension + devorg).
//! Every layer runs even if an earlier one failed; the last line is
//! `N passed, N failed`, and the exit code is non-zero on any failure.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::tally::{Counts, node_tests, summarize};
use crate::{bundle, cmd, conformance, run, tools};

pub fn test(root: &Path) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    tools::ensure_build_tools(root)?;
    let browser = tools::ensure_browser()?;
    println!("prerequisites ready in {:.1}s", started.elapsed().as_secs_f64());

    let mut layers: Vec<(&str, Counts)> = Vec::new();

    // 0. Rules: formatting and lints, each check one pass or one failure.
    layers.push(("rules", rules(root)));

    // 1. Native: every crate's unit and integration tests.
    layers.push(("native", cargo_tests(cmd::cargo(root).args(["test", "--workspace"]))));

    // 2. Client conformance: jsforce, the Salesforce CLI and simple-salesforce against devorg.
    layers.push(("client conformance", conformance::run(root)));

    // 3. Components: the yew UI in headless Chromium via wasm-bindgen-test.
    let mut wasm = cmd::cargo(root);
    wasm.args(["test", "-p", "sidecar", "--target", "wasm32-unknown-unknown"])
        .env("CHROMEDRIVER", &browser.chromedriver)
        .env("WASM_BINDGEN_TEST_WEBDRIVER_JSON", root.join("webdriver.json"))
        .env("WASM_BINDGEN_TEST_TIMEOUT", "120");
    layers.push(("wasm components", cargo_tests(&mut wasm)));

    // 4. End to end: the real extension in real Chromium against real devorg.
    layers.push(("end-to-end", end_to_end_layer(root, &browser.chromium)));

    summarize(started, &layers)
}

/// `cargo fmt --check` and `cargo clippy -D warnings` over every target:
/// native (all crates, tests, benches, examples) and the extension's wasm32
/// build, whose code is behind `cfg(target_arch = "wasm32")` and invisible
/// to the native run, with every page's features and with the service
/// worker's alone. Each check counts as one test.
fn rules(root: &Path) -> Counts {
    if let Err(e) = tools::ensure_lint_tools() {
        eprintln!("{e:#}");
        return Counts { passed: 0, failed: 1 };
    }
    let checks: [&[&str]; 4] = [
        &["fmt", "--all", "--check"],
        &["clippy", "--workspace", "--all-targets", "--", "-D", "warnings"],
        &["clippy", "-p", "sidecar", "--target", "wasm32-unknown-unknown", "--all-targets", "--", "-D", "warnings"],
        // The service worker's feature set alone (`bundle::MODULES`): code it
        // compiles that reaches for yew or gloo fails here, not in the build.
        &[
            "clippy",
            "-p",
            "sidecar",
            "--target",
            "wasm32-unknown-unknown",
            "--all-targets",
            "--no-default-features",
            "--features",
            "worker",
            "--",
            "-D",
            "warnings",
        ],
    ];
    let mut counts = Counts::default();
    for args in checks {
        let ok = cmd::run(cmd::cargo(root).args(args)).map_err(|e| eprintln!("{e:#}")).is_ok();
        counts += if ok { Counts { passed: 1, failed: 0 } } else { Counts { passed: 0, failed: 1 } };
    }
    counts
}

/// `cargo xtask test e2e`: only the end-to-end layer, with its own summary.
pub fn end_to_end_alone(root: &Path) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    tools::ensure_build_tools(root)?;
    let browser = tools::ensure_browser()?;
    summarize(started, &[("end-to-end", end_to_end_layer(root, &browser.chromium))])
}

fn end_to_end_layer(root: &Path, chromium: &Path) -> Counts {
    let e2e = bundle::build(root).and_then(|dist| Ok((dist, run::build_devorg(root)?))).and_then(|(dist, devorg)| end_to_end(root, &dist, &devorg, chromium));
    e2e.unwrap_or_else(|e| {
        eprintln!("end-to-end: {e:#}");
        Counts { passed: 0, failed: 1 }
    })
}

/// The real org's describes the end-to-end suite runs on, if any: the
/// folder `SIDECAR_E2E_DESCRIBES` names (empty: devorg's own schema), else
/// a real org recorded next to the repository, so every run checks the
/// extension against a real org's shape rather than one devorg imagined.
fn e2e_describes(root: &Path) -> anyhow::Result<Option<PathBuf>> {
    match std::env::var_os(E2E_DESCRIBES) {
        Some(dir) if dir.is_empty() => Ok(None),
        Some(dir) => {
            let dir = root.join(dir);
            if !dir.is_dir() {
                anyhow::bail!("{E2E_DESCRIBES}={} is not a folder", dir.display());
            }
            Ok(Some(dir))
        }
        None => Ok(Some(root.join(DEFAULT_E2E_DESCRIBES)).filter(|dir| dir.is_dir())),
    }
}

/// The variable that picks the describes folder of the end-to-end suite.
const E2E_DESCRIBES: &str = "SIDECAR_E2E_DESCRIBES";
/// The default: the recorded org with the most objects the suite uses
/// (Account, Contact, Lead, Opportunity, Case, Task, User, EmailMessage...).
const DEFAULT_E2E_DESCRIBES: &str = "../shared/fixtures/real-orgs/lwr-2024-projection";

/// Runs `cargo test`, echoing its output and summing its `test result:`
/// lines. A run that fails without reporting a failed test (a compile error,
/// a crashed runner) counts as one failure so it cannot pass silently.
fn cargo_tests(cmd: &mut Command) -> Counts {
    println!("$ {}", cmd::describe(cmd));
    let mut counts = Counts::default();
    let mut child = match cmd.stdout(Stdio::piped()).spawn() {
        Ok(child) => child,
        Err(e) => {
            eprintln!("cannot start cargo: {e}");
            return Counts { passed: 0, failed: 1 };
        }
    };
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            println!("{line}");
            if let Some(c) = parse_result_line(&line) {
                counts += c;
            }
        }
    }
    let success = child.wait().is_ok_and(|s| s.success());
    if !success && counts.failed == 0 {
        counts.failed = 1;
    }
    counts
}

/// `test result: ok. 12 passed; 0 failed; 0 ignored; ...` (cargo and
/// wasm-bindgen-test-runner print the same line).
fn parse_result_line(line: &str) -> Option<Counts> {
    let rest = line.trim().strip_prefix("test result: ")?;
    let number_before = |word: &str| {
        rest.split(';').find_map(|part| part.trim().rsplit_once(' ').filter(|(_, w)| *w == word).and_then(|(n, _)| n.split_whitespace().last()?.parse().ok()))
    };
    Some(Counts { passed: number_before("passed")?, failed: number_before("failed")? })
}

/// Runs the Playwright suite (extension + Chromium + devorg).
fn end_to_end(root: &Path, dist: &Path, devorg: &Path, chromium: &Path) -> anyhow::Result<Counts> {
    let describes = e2e_describes(root)?;
    match &describes {
        Some(dir) => println!("end-to-end: devorg defines the objects of {} as that real org described them", dir.display()),
        None => println!("end-to-end: devorg's own schema ({E2E_DESCRIBES} empty, or no real-org describes next to the repository)"),
    }
    // An empty value tells the suite to start devorg with its own schema.
    let describes_dir = describes.as_deref().unwrap_or(Path::new(""));
    let env = [("SIDECAR_EXTENSION_DIR", dist), ("SIDECAR_DEVORG_BIN", devorg), ("SIDECAR_CHROMIUM", chromium), (E2E_DESCRIBES, describes_dir)];
    node_tests(root, &["tests/e2e/"], "e2e-report.tap", &env)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn result_lines() {
        let cases = [
            ("test result: ok. 12 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.01s", Some((12, 0))),
            ("test result: FAILED. 3 passed; 2 failed; 1 ignored; 0 measured; 0 filtered out", Some((3, 2))),
            ("   test result: ok. 0 passed; 0 failed; 0 ignored", Some((0, 0))),
            ("running 3 tests", None),
            ("test result: garbage", None),
        ];
        for (line, want) in cases {
            assert_eq!(parse_result_line(line), want.map(|(passed, failed)| Counts { passed, failed }), "{line}");
        }
    }
}
