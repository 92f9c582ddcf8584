//! `cargo xtask run`: build the extension, serve devorg on 127.0.0.1:8787
//! until Ctrl-C, and say exactly how to load the extension.

use std::net::{Ipv4Addr, SocketAddr, TcpStream};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use anyhow::{Context, bail};

use crate::{bundle, cmd, tools};

const DEVORG_PORT: u16 = 8787;

pub fn run(root: &Path, open_browser: bool) -> anyhow::Result<()> {
    tools::ensure_build_tools(root)?;
    let dist = bundle::build(root)?;
    let devorg_bin = build_devorg(root)?;

    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, DEVORG_PORT));
    if TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok() {
        bail!("something already listens on {addr}; stop it (another `cargo xtask run`?) and try again");
    }
    let mut devorg = Command::new(&devorg_bin)
        .args(["serve", "--port", &DEVORG_PORT.to_string(), "--db", ".devorg/devorg.sqlite"])
        .current_dir(root)
        .spawn()
        .context("starting devorg")?;
    wait_for_port(addr, &mut devorg)?;

    println!(
        "\nSidecar is built and devorg is serving http://{addr}\n\n\
         Load the extension in Chrome or Chromium:\n  \
         1. Open chrome://extensions and switch on \"Developer mode\" (top right).\n  \
         2. Click \"Load unpacked\" and choose {dist}\n  \
         3. Click the Sidecar icon in the toolbar (pin it from the puzzle-piece menu) or press Alt+Shift+S:\n     \
            the side panel opens. After a rebuild, press the reload arrow on the extension's card.\n\n\
         The extension logs in to devorg by default, as ian@sidecar.devorg (password: sidecar);\n\
         admin@sidecar.devorg sees every record. Its settings page (right-click the icon, Options)\n\
         switches to a real Salesforce org. Press Ctrl-C to stop devorg.\n",
        dist = dist.display()
    );

    if open_browser {
        launch_browser(root, &dist)?;
    }
    let status = devorg.wait().context("waiting for devorg")?;
    // Ctrl-C reaches devorg too; it then exits cleanly.
    if !status.success() {
        bail!("devorg stopped: {status}");
    }
    Ok(())
}

/// Builds the devorg binary (dev profile: shared with the test build).
pub fn build_devorg(root: &Path) -> anyhow::Result<std::path::PathBuf> {
    cmd::run(cmd::cargo(root).args(["build", "-p", "devorg", "--bin", "devorg"]))?;
    // Cargo puts it under CARGO_TARGET_DIR when that is set (relative to the
    // root, where cargo runs), else under the workspace's target/.
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), |dir| root.join(dir));
    Ok(target.join("debug/devorg"))
}

fn wait_for_port(addr: SocketAddr, child: &mut std::process::Child) -> anyhow::Result<()> {
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(30) {
        if let Some(status) = child.try_wait()? {
            bail!("devorg exited before serving ({status})");
        }
        if TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_ok() {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    bail!("devorg did not start listening on {addr} within 30 seconds")
}

/// Opens Chromium with the extension loaded, in a profile of its own under
/// `.devorg/` so it never touches the user's browsing profile.
fn launch_browser(root: &Path, dist: &Path) -> anyhow::Result<()> {
    if std::env::var_os("DISPLAY").is_none() && std::env::var_os("WAYLAND_DISPLAY").is_none() {
        println!("--browser: no display here (DISPLAY/WAYLAND_DISPLAY unset); load the extension by hand as above.");
        return Ok(());
    }
    let browser = tools::ensure_browser()?;
    let mut chromium = Command::new(&browser.chromium);
    chromium
        .arg(format!("--user-data-dir={}", root.join(".devorg/chromium-profile").display()))
        .arg(format!("--disable-extensions-except={}", dist.display()))
        .arg(format!("--load-extension={}", dist.display()))
        .args(["--no-first-run", "--no-default-browser-check"])
        .arg(format!("http://{}:{DEVORG_PORT}/", Ipv4Addr::LOCALHOST));
    if cmd::probe("id", &["-u"]).as_deref() == Some("0") {
        // Chromium refuses to run as root with its sandbox on.
        chromium.arg("--no-sandbox");
    }
    println!("$ {}", cmd::describe(&chromium));
    chromium.spawn().context("starting Chromium")?;
    Ok(())
}
