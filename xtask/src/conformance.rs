//! The client conformance layer of `cargo xtask test`: real third-party
//! Salesforce clients, unmodified, against the devorg binary
//! (`tests/conformance/`).
//!
//! - jsforce, pinned in `package.json`, under Node's test runner (TAP).
//! - the Salesforce CLI (`sf`, `@salesforce/cli` pinned in `package.json`),
//!   driven by `tests/conformance/sf-cli.test.mjs` under Node's test runner:
//!   the test puts `node_modules/.bin` first on `sf`'s PATH and gives it a
//!   throwaway HOME with telemetry, autoupdate and update checks off.
//! - simple-salesforce, pinned with every dependency in
//!   `tests/conformance/requirements.txt`, in a venv at
//!   `target/conformance-venv`, under pytest.
//!
//! `cargo xtask test conformance` runs only this layer.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use anyhow::{Context, bail};

use crate::tally::{self, Counts};
use crate::{cmd, run, tools};

const REQUIREMENTS: &str = "tests/conformance/requirements.txt";
const VENV: &str = "target/conformance-venv";

/// Builds devorg, installs the Python client when needed, and runs the
/// three suites. Anything that keeps a suite from running counts as one failure.
pub fn run(root: &Path) -> Counts {
    let devorg = match run::build_devorg(root) {
        Ok(path) => path,
        Err(e) => {
            eprintln!("client conformance: {e:#}");
            return Counts { passed: 0, failed: 1 };
        }
    };
    let mut counts = Counts::default();
    let suites =
        [("jsforce", jsforce(root, &devorg)), ("Salesforce CLI", salesforce_cli(root, &devorg)), ("simple-salesforce", simple_salesforce(root, &devorg))];
    for (name, suite) in suites {
        counts += suite.unwrap_or_else(|e| {
            eprintln!("{name} conformance: {e:#}");
            Counts { passed: 0, failed: 1 }
        });
    }
    counts
}

/// `cargo xtask test conformance`: only this layer, with its own summary.
pub fn run_alone(root: &Path) -> anyhow::Result<()> {
    let started = std::time::Instant::now();
    tools::ensure_npm_packages(root)?;
    tally::summarize(started, &[("client conformance", run(root))])
}

fn jsforce(root: &Path, devorg: &Path) -> anyhow::Result<Counts> {
    tally::node_tests(root, &["tests/conformance/jsforce.test.mjs"], "conformance-jsforce.tap", &[("SIDECAR_DEVORG_BIN", devorg)])
}

fn salesforce_cli(root: &Path, devorg: &Path) -> anyhow::Result<Counts> {
    tally::node_tests(root, &["tests/conformance/sf-cli.test.mjs"], "conformance-sf-cli.tap", &[("SIDECAR_DEVORG_BIN", devorg)])
}

fn simple_salesforce(root: &Path, devorg: &Path) -> anyhow::Result<Counts> {
    let python = ensure_venv(root)?;
    let mut pytest = Command::new(python);
    pytest
        .current_dir(root)
        .args(["-m", "pytest", "tests/conformance/test_simple_salesforce.py", "-v", "-p", "no:cacheprovider"])
        .env("SIDECAR_DEVORG_BIN", devorg);
    println!("$ {}", cmd::describe(&pytest));
    let mut child = pytest.stdout(Stdio::piped()).spawn().context("starting pytest")?;
    let mut summary = None;
    if let Some(stdout) = child.stdout.take() {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            println!("{line}");
            summary = parse_pytest_summary(&line).or(summary);
        }
    }
    let success = child.wait().is_ok_and(|s| s.success());
    let mut counts = summary.unwrap_or_default();
    if !success && counts.failed == 0 {
        counts.failed = 1;
    }
    Ok(counts)
}

/// pytest's closing line, e.g. `==== 6 passed, 1 failed, 2 errors in 3.10s ====`.
/// Errors (a fixture that broke) count as failures.
fn parse_pytest_summary(line: &str) -> Option<Counts> {
    let inner = line.trim().strip_prefix('=')?.trim_matches('=').trim();
    let (tally, _duration) = inner.rsplit_once(" in ")?;
    let mut counts = Counts::default();
    for part in tally.split(',') {
        let (n, word) = part.trim().split_once(' ')?;
        let n: u64 = n.parse().ok()?;
        match word {
            "passed" => counts.passed += n,
            "failed" | "error" | "errors" => counts.failed += n,
            _ => {} // skipped, deselected, warnings, xfailed...
        }
    }
    Some(counts)
}

/// The venv's python, with `requirements.txt` installed. A stamp in the venv
/// holds the requirements' hash, so an unchanged venv costs one file read.
fn ensure_venv(root: &Path) -> anyhow::Result<PathBuf> {
    let requirements = std::fs::read(root.join(REQUIREMENTS)).with_context(|| format!("reading {REQUIREMENTS}"))?;
    let want = format!("{:016x}", tools::fnv1a(&requirements));
    let venv = root.join(VENV);
    let python = venv.join("bin/python");
    let stamp = venv.join(".sidecar-requirements-hash");
    if python.is_file() && std::fs::read_to_string(&stamp).is_ok_and(|have| have.trim() == want) {
        return Ok(python);
    }
    if !python.is_file() {
        create_venv(&venv)?;
    }
    cmd::run(Command::new(&python).current_dir(root).args(["-m", "pip", "install", "--disable-pip-version-check", "--quiet", "-r", REQUIREMENTS]))?;
    std::fs::write(&stamp, want).context("stamping the conformance venv")?;
    Ok(python)
}

/// `python3 -m venv`. Debian splits venv support into `python3-venv`; without
/// it the venv comes out without pip, so install the package (as root) and
/// start over.
fn create_venv(venv: &Path) -> anyhow::Result<()> {
    let make = || {
        let _ = std::fs::remove_dir_all(venv);
        cmd::run(Command::new("python3").args(["-m", "venv"]).arg(venv))
    };
    if cmd::probe("python3", &["--version"]).is_none() {
        bail!("python3 is needed for the simple-salesforce conformance tests: install Python 3.9 or newer (apt-get install python3 python3-venv)");
    }
    if make().is_ok() && venv.join("bin/python").is_file() {
        return Ok(());
    }
    let root_user = cmd::probe("id", &["-u"]).as_deref() == Some("0");
    if !(root_user && tools::which(&["apt-get"]).is_some()) {
        bail!("`python3 -m venv` failed: on Debian install python3-venv (sudo apt-get install -y python3-venv)");
    }
    let install = || {
        let mut c = Command::new("apt-get");
        c.env("DEBIAN_FRONTEND", "noninteractive").args(["install", "-y", "--no-install-recommends", "python3-venv"]);
        c
    };
    // A fresh machine may have no package lists yet: update once, then retry.
    if cmd::run(&mut install()).is_err() {
        cmd::run(Command::new("apt-get").env("DEBIAN_FRONTEND", "noninteractive").arg("update"))?;
        cmd::run(&mut install())?;
    }
    make()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pytest_summaries() {
        let cases = [
            ("============================== 7 passed in 3.21s ===============================", Some((7, 0))),
            ("=== 5 passed, 1 failed, 1 skipped, 2 errors in 10.02s ===", Some((5, 3))),
            ("========================= 1 error in 0.12s =========================", Some((0, 1))),
            ("==== no tests ran in 0.01s ====", None),
            ("=================== test session starts ===================", None),
            ("tests/conformance/test_simple_salesforce.py::test_crud PASSED  [ 42%]", None),
        ];
        for (line, want) in cases {
            assert_eq!(parse_pytest_summary(line), want.map(|(passed, failed)| Counts { passed, failed }), "{line}");
        }
    }

    #[test]
    fn requirements_are_all_pinned() {
        let root = crate::workspace_root().expect("root");
        let text = std::fs::read_to_string(root.join(REQUIREMENTS)).expect("requirements");
        let pins: Vec<&str> = text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect();
        assert!(pins.iter().any(|l| l.starts_with("simple-salesforce==1.12.")), "{pins:?}");
        for pin in pins {
            assert!(pin.split_once("==").is_some_and(|(name, version)| !name.is_empty() && !version.contains(['*', ' '])), "not pinned: {pin}");
        }
    }
}
