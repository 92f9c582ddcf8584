//! `cargo run -p sidecar-core --example extract -- PAGE.html [--url URL]`:
//! prints what contextual insights finds on a saved page, as JSON.

use serde_json::json;
use sidecar_core::insights::{extract, snapshot_from_html};

fn two(c: f32) -> f64 {
    (f64::from(c) * 100.0).round() / 100.0
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut path = None;
    let mut url = String::new();
    let mut i = 0;
    while i < args.len() {
        if args[i] == "--url" {
            url = args.get(i + 1).cloned().unwrap_or_default();
            i += 2;
        } else {
            path = Some(args[i].clone());
            i += 1;
        }
    }
    let Some(path) = path else {
        eprintln!("usage: extract PAGE.html [--url URL]");
        std::process::exit(2);
    };
    let html = match std::fs::read(&path) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    let x = extract(&snapshot_from_html(&html, &url));
    let out = json!({
        "companies": x.companies.iter().map(|c| json!({
            "name": c.name, "domain": c.domain, "confidence": two(c.confidence), "evidence": c.evidence,
        })).collect::<Vec<_>>(),
        "people": x.people.iter().map(|p| json!({
            "name": p.name, "title": p.title, "email": p.email, "company": p.company,
            "confidence": two(p.confidence), "evidence": p.evidence,
        })).collect::<Vec<_>>(),
        "emails": x.emails,
        "phones": x.phones,
    });
    match serde_json::to_string_pretty(&out) {
        Ok(text) => println!("{text}"),
        Err(e) => eprintln!("{e}"),
    }
}
