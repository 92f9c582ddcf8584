//! Counting test results: the passed/failed [`Counts`] every layer of
//! `cargo xtask test` (and `cargo xtask conformance`) returns, the closing
//! summary, and Node's test runner with its TAP counts (shared by the
//! end-to-end and conformance layers, so neither needs the other).

use std::ffi::OsStr;
use std::path::Path;
use std::process::Command;

use anyhow::Context;

use crate::cmd;

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub passed: u64,
    pub failed: u64,
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, other: Self) {
        self.passed += other.passed;
        self.failed += other.failed;
    }
}

/// Prints one line per layer and the closing `N passed, N failed`; exits
/// non-zero when anything failed.
pub fn summarize(started: std::time::Instant, layers: &[(&str, Counts)]) -> anyhow::Result<()> {
    let mut total = Counts::default();
    println!("\n== summary ({:.0}s) ==", started.elapsed().as_secs_f64());
    for (name, counts) in layers {
        println!("{name:<18} {:>4} passed, {:>4} failed", counts.passed, counts.failed);
        total += *counts;
    }
    println!("{} passed, {} failed", total.passed, total.failed);
    if total.failed > 0 {
        std::process::exit(1);
    }
    Ok(())
}

/// Runs Node's test runner on `paths` (files or folders), one file at a time,
/// printing the spec report; counts come from the TAP report written to
/// `target/<report>` (`# pass N`, `# fail N`).
pub fn node_tests(root: &Path, paths: &[&str], report: &str, env: &[(&str, &Path)]) -> anyhow::Result<Counts> {
    let target = root.join("target");
    std::fs::create_dir_all(&target).context("creating target/ for the TAP report")?;
    let report = target.join(report);
    let _ = std::fs::remove_file(&report);
    let mut node = Command::new("node");
    node.current_dir(root)
        .args(["--test", "--test-concurrency=1", "--test-reporter=spec", "--test-reporter-destination=stdout", "--test-reporter=tap"])
        .arg(format!("--test-reporter-destination={}", report.display()))
        .args(paths)
        .envs(env.iter().map(|(k, v)| (OsStr::new(k), v.as_os_str())));
    println!("$ {}", cmd::describe(&node));
    let status = node.status().context("starting node")?;
    let tap = std::fs::read_to_string(&report).unwrap_or_default();
    let mut counts = parse_tap_summary(&tap).unwrap_or_default();
    if !status.success() && counts.failed == 0 {
        counts.failed = 1;
    }
    Ok(counts)
}

/// Tests cancelled because a hook failed (say, devorg did not start) did
/// not pass either: they count as failed.
fn parse_tap_summary(tap: &str) -> Option<Counts> {
    let value = |key: &str| tap.lines().rev().find_map(|l| l.strip_prefix(key)?.trim().parse::<u64>().ok());
    Some(Counts { passed: value("# pass ")?, failed: value("# fail ")? + value("# cancelled ").unwrap_or(0) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tap_summary() {
        let tap = "TAP version 13\nok 1 - smoke\n1..1\n# tests 2\n# suites 0\n# pass 2\n# fail 0\n# cancelled 0\n";
        assert_eq!(parse_tap_summary(tap), Some(Counts { passed: 2, failed: 0 }));
        assert_eq!(parse_tap_summary("# tests 8\n# pass 1\n# fail 2\n# cancelled 5\n"), Some(Counts { passed: 1, failed: 7 }));
        assert_eq!(parse_tap_summary(""), None);
    }
}
