//! Prerequisites, installed when missing and skipped quickly when present:
//! the wasm32 target, `wasm-bindgen-cli` at the crate's pinned version, the
//! npm packages of `package-lock.json`, and Debian's Chromium + ChromeDriver.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};

use crate::cmd;

const WASM_TARGET: &str = "wasm32-unknown-unknown";

/// Where the browser tools are; found or installed by [`ensure_browser`].
#[derive(Debug, Clone)]
pub struct Browser {
    pub chromium: PathBuf,
    pub chromedriver: PathBuf,
}

/// What `cargo xtask build` needs.
pub fn ensure_build_tools(root: &Path) -> anyhow::Result<()> {
    ensure_wasm_target()?;
    ensure_wasm_bindgen(root)?;
    ensure_npm_packages(root)
}

/// `cargo fmt` and `cargo clippy`, the first layer of `cargo xtask test`:
/// rustup's minimal profile leaves them out, so they are added when missing.
pub fn ensure_lint_tools() -> anyhow::Result<()> {
    let installed = cmd::probe("rustup", &["component", "list", "--installed"]).context("rustup is needed to add rustfmt and clippy")?;
    let missing: Vec<&str> = ["rustfmt", "clippy"].into_iter().filter(|c| !installed.lines().any(|l| l.trim().starts_with(&format!("{c}-")))).collect();
    if missing.is_empty() {
        return Ok(());
    }
    cmd::run(Command::new("rustup").arg("component").arg("add").args(&missing))
}

/// Adds the wasm32 target through rustup when it is not installed.
fn ensure_wasm_target() -> anyhow::Result<()> {
    let installed =
        cmd::probe("rustup", &["target", "list", "--installed"]).context("rustup is needed to add the wasm32 target: install Rust from https://rustup.rs")?;
    if installed.lines().any(|l| l.trim() == WASM_TARGET) {
        return Ok(());
    }
    cmd::run(Command::new("rustup").args(["target", "add", WASM_TARGET]))
}

/// The `wasm-bindgen` version pinned in Cargo.toml, as resolved in Cargo.lock.
pub fn pinned_wasm_bindgen(root: &Path) -> anyhow::Result<String> {
    let lock = std::fs::read_to_string(root.join("Cargo.lock")).context("reading Cargo.lock")?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            if let Some(version) = lines.next().and_then(|l| l.strip_prefix("version = \"")).and_then(|v| v.strip_suffix('"')) {
                return Ok(version.to_owned());
            }
        }
    }
    bail!("Cargo.lock has no wasm-bindgen package; is the workspace intact?")
}

/// Installs `wasm-bindgen-cli` (which also brings `wasm-bindgen-test-runner`)
/// unless both binaries already report the pinned version.
fn ensure_wasm_bindgen(root: &Path) -> anyhow::Result<()> {
    let version = pinned_wasm_bindgen(root)?;
    let ok = |bin: &str| cmd::probe(bin, &["--version"]).is_some_and(|out| out.split_whitespace().nth(1) == Some(version.as_str()));
    if ok("wasm-bindgen") && ok("wasm-bindgen-test-runner") {
        return Ok(());
    }
    println!("Installing wasm-bindgen-cli {version} (a few minutes, once)...");
    cmd::run(cmd::cargo(root).args(["install", "wasm-bindgen-cli", "--version", &version, "--force"]))
}

/// `npm ci` when `node_modules` does not match `package-lock.json`. The
/// lockfile's hash is stamped into node_modules after a successful install.
pub fn ensure_npm_packages(root: &Path) -> anyhow::Result<()> {
    let lock = std::fs::read(root.join("package-lock.json")).context("reading package-lock.json")?;
    let want = format!("{:016x}", fnv1a(&lock));
    let stamp = root.join("node_modules/.sidecar-lock-hash");
    if std::fs::read_to_string(&stamp).is_ok_and(|have| have.trim() == want) {
        return Ok(());
    }
    if cmd::probe("npm", &["--version"]).is_none() {
        bail!("npm is needed for the end-to-end tests and wasm-opt: install Node.js 20 or newer (apt-get install nodejs npm)");
    }
    cmd::run(Command::new("npm").current_dir(root).args(["ci", "--no-audit", "--no-fund"]))?;
    std::fs::write(&stamp, want).context("stamping node_modules")
}

/// A stable, dependency-free content hash (FNV-1a, 64 bit): enough to notice
/// that a lockfile changed, not a security measure.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3))
}

/// Finds Chromium and ChromeDriver, installing Debian's packages when root.
/// `SIDECAR_CHROMIUM` / `CHROMEDRIVER` override the paths.
pub fn ensure_browser() -> anyhow::Result<Browser> {
    let find = || -> Option<Browser> {
        let chromium = std::env::var_os("SIDECAR_CHROMIUM").map(PathBuf::from).or_else(|| which(&["chromium", "chromium-browser"]))?;
        let chromedriver = std::env::var_os("CHROMEDRIVER").map(PathBuf::from).or_else(|| which(&["chromedriver"]))?;
        (chromium.is_file() && chromedriver.is_file()).then_some(Browser { chromium, chromedriver })
    };
    if let Some(browser) = find() {
        return Ok(browser);
    }
    let root_user = cmd::probe("id", &["-u"]).as_deref() == Some("0");
    if !(root_user && which(&["apt-get"]).is_some()) {
        bail!(
            "Chromium and ChromeDriver are needed for the browser tests. Install them, e.g. on Debian:\n    \
             sudo apt-get install -y chromium chromium-driver\n\
             or point SIDECAR_CHROMIUM and CHROMEDRIVER at existing binaries."
        );
    }
    let install = || {
        let mut c = Command::new("apt-get");
        c.env("DEBIAN_FRONTEND", "noninteractive").args(["install", "-y", "--no-install-recommends", "chromium", "chromium-driver"]);
        c
    };
    // A fresh machine may have no package lists yet: update once, then retry.
    if cmd::run(&mut install()).is_err() {
        cmd::run(Command::new("apt-get").env("DEBIAN_FRONTEND", "noninteractive").arg("update"))?;
        cmd::run(&mut install())?;
    }
    find().context("Chromium was installed but chromium/chromedriver are still not on PATH")
}

/// The first of `names` found on PATH.
pub fn which(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    names.iter().find_map(|name| std::env::split_paths(&path).map(|dir| dir.join(name)).find(|p| p.is_file()))
}

/// `node_modules/.bin/<name>`, installed by [`ensure_build_tools`].
pub fn node_bin(root: &Path, name: &str) -> PathBuf {
    root.join("node_modules/.bin").join(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pin_is_read_from_the_lockfile() {
        let root = crate::workspace_root().expect("root");
        let version = pinned_wasm_bindgen(&root).expect("pinned");
        let manifest = std::fs::read_to_string(root.join("Cargo.toml")).expect("Cargo.toml");
        assert!(manifest.contains(&format!("wasm-bindgen = \"={version}\"")), "Cargo.toml pins wasm-bindgen with = to {version}");
    }

    #[test]
    fn fnv_is_stable() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_ne!(fnv1a(b"a"), fnv1a(b"b"));
    }
}
