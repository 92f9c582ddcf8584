//! `cargo run -p sidecar-core --example snapshot -- PAGE.html URL [PAGE.html URL]...`:
//! prints, one JSON line per page, the [`PageSnapshot`] `html.rs` reads from
//! each saved page at its URL. `tests/parity/snapshot.test.mjs` compares
//! these lines with what `snapshot.js` reads from the same pages in Chromium.
//!
//! [`PageSnapshot`]: sidecar_core::insights::PageSnapshot

use sidecar_core::insights::snapshot_from_html;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.is_empty() || args.len() % 2 != 0 {
        eprintln!("usage: snapshot PAGE.html URL [PAGE.html URL]...");
        std::process::exit(2);
    }
    for pair in args.chunks(2) {
        let (path, url) = (&pair[0], &pair[1]);
        let html = match std::fs::read(path) {
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(e) => {
                eprintln!("{path}: {e}");
                std::process::exit(1);
            }
        };
        match serde_json::to_string(&snapshot_from_html(&html, url)) {
            Ok(line) => println!("{line}"),
            Err(e) => {
                eprintln!("{path}: {e}");
                std::process::exit(1);
            }
        }
    }
}
