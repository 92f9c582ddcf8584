//! What the benchmark ran on: CPU, cores and memory from `/proc`, and the
//! versions of the tools that shape the figures. A figure means little
//! without them, and two reports are only comparable when these match.

use std::path::Path;

use crate::cmd;

/// (what, value) pairs: CPU model, logical cores, memory, kernel, load.
pub fn machine() -> Vec<(String, String)> {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = proc_value(&cpuinfo, "model name").unwrap_or_else(|| "unknown".into());
    let logical = cpuinfo.lines().filter(|l| l.starts_with("processor")).count();
    let usable = std::thread::available_parallelism().map_or(0, usize::from);
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let gib = |key: &str| {
        proc_value(&meminfo, key)
            .and_then(|v| v.split_whitespace().next().and_then(|kb| kb.parse::<f64>().ok()))
            .map_or("unknown".into(), |kb| format!("{:.1} GiB", kb / 1024.0 / 1024.0))
    };
    let read = |path: &str| std::fs::read_to_string(path).map_or("unknown".into(), |s| s.trim().to_owned());
    vec![
        ("CPU".into(), model),
        ("cores".into(), format!("{logical} logical in /proc/cpuinfo, {usable} usable by this process")),
        ("memory".into(), format!("{} total, {} available at start", gib("MemTotal"), gib("MemAvailable"))),
        ("kernel".into(), read("/proc/sys/kernel/osrelease")),
        ("load average at start".into(), read("/proc/loadavg")),
    ]
}

/// (tool, version) pairs for what every section uses; sections add their own.
pub fn tools(root: &Path) -> Vec<(String, String)> {
    let probe = |program: &str, args: &[&str]| cmd::probe(program, args).unwrap_or_else(|| "unknown".into());
    let mut commit = probe("git", &["-C", &root.to_string_lossy(), "rev-parse", "--short=12", "HEAD"]);
    if cmd::probe("git", &["-C", &root.to_string_lossy(), "status", "--porcelain"]).is_some_and(|s| !s.is_empty()) {
        commit.push_str(" (with uncommitted changes)");
    }
    vec![
        ("sidecar commit".into(), commit),
        ("rustc".into(), probe("rustc", &["--version"])),
        ("cargo".into(), probe(&std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()), &["--version"])),
    ]
}

/// `key : value` from a /proc file, first match.
fn proc_value(text: &str, key: &str) -> Option<String> {
    text.lines().find_map(|line| {
        let (k, v) = line.split_once(':')?;
        (k.trim() == key).then(|| v.trim().to_owned())
    })
}

/// Now, as `2026-11-23T18:40:12Z` (from `date`, to avoid a time crate).
pub fn now_utc() -> String {
    cmd::probe("date", &["-u", "+%Y-%m-%dT%H:%M:%SZ"]).unwrap_or_else(|| "unknown time".into())
}

#[cfg(test)]
mod tests {
    #[test]
    fn proc_values_are_found_by_key() {
        let text = "processor\t: 0\nmodel name\t: Some CPU @ 2.0GHz\nMemTotal:       16318412 kB\n";
        assert_eq!(super::proc_value(text, "model name").as_deref(), Some("Some CPU @ 2.0GHz"));
        assert_eq!(super::proc_value(text, "MemTotal").as_deref(), Some("16318412 kB"));
        assert_eq!(super::proc_value(text, "nope"), None);
    }
}
