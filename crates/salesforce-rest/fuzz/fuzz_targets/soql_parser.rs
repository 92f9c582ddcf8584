//! Any text through the SOQL parser: it must answer Ok or Err, never panic,
//! hang or overflow the stack; every error's position must lie within the
//! text; and a parsed query must render to SOQL that parses back to the same
//! tree (the extension sends rendered trees, devorg parses them).
#![no_main]

use libfuzzer_sys::fuzz_target;
use salesforce_rest::soql;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match soql::parse(text) {
        Ok(query) => {
            let rendered = query.to_string();
            let again = soql::parse(&rendered).unwrap_or_else(|e| panic!("rendered query does not parse: {rendered:?}: {e}"));
            assert_eq!(again, query, "round trip changed the tree: {rendered:?}");
        }
        Err(e) => {
            let lines = text.split('\n').count() as u32;
            assert!(e.pos.line >= 1 && e.pos.line <= lines.max(1), "error row {} outside the text", e.pos.line);
            let _ = e.diagnostic(text);
        }
    }
    let _ = soql::parse_condition(text);
    let _ = soql::parse_order_by(text);
});
