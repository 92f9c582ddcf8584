//! Robustness without a property-testing dependency: mangle valid queries in
//! many deterministic ways and require that `parse` returns (Ok or Err)
//! instead of panicking, and that whatever it accepts renders and re-parses.

use super::parse;

const SEEDS: &[&str] = &[
    "SELECT Id, Subject, Who.Name, What.Name FROM Task WHERE OwnerId = '005xx' AND IsClosed = false ORDER BY ActivityDate ASC NULLS LAST LIMIT 200",
    "SELECT COUNT() FROM Contact WHERE CreatedDate = LAST_N_DAYS:30",
    "SELECT Name, (SELECT LastName FROM Contacts WHERE Email LIKE '%@x.com') FROM Account a WHERE (a.Name = 'O\\'Brien' OR Industry IN ('Media', 'Tech')) AND NOT Rating = null OFFSET 10",
    "SELECT MAX(Amount) m, toLabel(StageName) FROM Opportunity WHERE CloseDate > 2024-02-29T10:00:00.123+05:30 AND Tags__c INCLUDES ('a;b')",
    "SELECT Id FROM X WHERE d >= 2024-01-01 AND n <> -1.5 AND s = 'héllo 🎉\\n'",
];

/// Characters that stress the lexer: punctuation, quotes, escapes, multi-byte.
const NOISE: &[&str] = &["(", ")", "'", "\\", ",", ".", ":", "=", "<", ">", "!", "-", "%", "_", "é", "🎉", "\n", " ", "2024-", "NOT ", "T"];

fn check(text: &str) {
    if let Ok(query) = parse(text) {
        let rendered = query.to_string();
        let reparsed = parse(&rendered).unwrap_or_else(|e| panic!("{text:?} rendered as {rendered:?}: {e}"));
        assert_eq!(reparsed, query, "{text:?}");
    }
}

#[test]
fn truncations_never_panic() {
    for seed in SEEDS {
        for (i, _) in seed.char_indices() {
            check(&seed[..i]);
            check(&seed[i..]);
        }
    }
}

#[test]
fn insertions_and_deletions_never_panic() {
    // A small deterministic generator (xorshift) instead of a proptest dependency.
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for seed in SEEDS {
        let boundaries: Vec<usize> = seed.char_indices().map(|(i, _)| i).chain([seed.len()]).collect();
        for _ in 0..600 {
            let at = boundaries[(next() % boundaries.len() as u64) as usize];
            let noise = NOISE[(next() % NOISE.len() as u64) as usize];
            check(&format!("{}{noise}{}", &seed[..at], &seed[at..]));
            // Delete one char at a random boundary.
            let i = (next() % (boundaries.len() as u64 - 1)) as usize;
            check(&format!("{}{}", &seed[..boundaries[i]], &seed[boundaries[i + 1]..]));
        }
    }
}

#[test]
fn hostile_inputs_never_panic() {
    let huge_in = format!("SELECT Id FROM X WHERE Id IN ({}'x')", "'x', ".repeat(50_000));
    assert!(parse(&huge_in).is_ok());
    let long_chain = format!("SELECT Id FROM X WHERE {}a = 1", "a = 1 AND ".repeat(50_000));
    assert!(parse(&long_chain).is_ok());
    let inputs = [
        "(".repeat(100_000),
        ")".repeat(1000),
        "'".repeat(1001),
        "\\".repeat(1000),
        format!("SELECT {}", "(SELECT ".repeat(10_000)),
        format!("SELECT Id FROM X WHERE {}", "NOT ".repeat(100_000)),
        format!("SELECT Id FROM X WHERE a = '{}", "\\'".repeat(1000)),
        format!("SELECT {} FROM X", "a.".repeat(10_000)),
        "SELECT Id FROM X WHERE a = 9999-99-99T99:99:99.999+99:99".to_owned(),
        "SELECT Id FROM X WHERE a = LAST_N_DAYS:99999999999999999999".to_owned(),
        "SELECT Id FROM X WHERE a = 2024-01-01T00:00:00.".to_owned(),
        "SELECT Id FROM X WHERE a = 2024-01-01T".to_owned(),
        "SELECT Id FROM X WHERE a = 2024-".to_owned(),
        "\u{0}\u{feff}SELECT\u{a0}Id".to_owned(),
    ];
    for input in &inputs {
        check(input);
    }
}
