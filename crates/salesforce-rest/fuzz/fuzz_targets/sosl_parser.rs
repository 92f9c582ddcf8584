//! Any text through the SOSL parser and the search-term splitter: never a
//! panic, and a parsed search renders to SOSL that parses back unchanged.
#![no_main]

use libfuzzer_sys::fuzz_target;
use salesforce_rest::sosl;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(search) = sosl::parse(text) {
        let _ = search.term.alternatives();
        let rendered = search.to_string();
        let again = sosl::parse(&rendered).unwrap_or_else(|e| panic!("rendered search does not parse: {rendered:?}: {e}"));
        assert_eq!(again, search, "round trip changed the tree: {rendered:?}");
    }
    // User text escaped into a term is always one literal term.
    let term = sosl::SearchTerm::literal(text);
    let _ = term.alternatives();
});
