//! The panel's global search: what the user types becomes ONE SOSL request
//! over Accounts, Contacts, Leads and Opportunities (each word a prefix, all
//! escaped: typed text never becomes SOSL syntax), and the answer becomes
//! hits with a title and a subtitle, grouped by object.

use salesforce_rest::soql::FieldPath;
use salesforce_rest::sosl::{Returning, Search, SearchScope, SearchTerm, escape_sosl_term};
use salesforce_rest::wire::Record;

/// Objects searched, with the fields a hit shows: (object, title field, subtitle fields).
pub const SEARCHED: [(&str, &str, &[&str]); 4] = [
    ("Account", "Name", &["Industry", "BillingCity"]),
    ("Contact", "Name", &["Title", "Account.Name"]),
    ("Lead", "Name", &["Title", "Company"]),
    ("Opportunity", "Name", &["StageName", "Account.Name"]),
];

/// Hits shown per object: the panel is narrow, the user refines instead.
pub const PER_OBJECT: u64 = 5;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SearchInputError {
    #[error("Type at least 2 letters or digits to search.")]
    TooShort,
}

/// The SOSL term for typed text: every word escaped and matched as a
/// prefix; words that are SOSL operators (`and`, `or`, `not`) are quoted so
/// they are searched for, not obeyed.
pub fn term(text: &str) -> Result<SearchTerm, SearchInputError> {
    let significant: usize = text.chars().filter(|c| c.is_alphanumeric()).count();
    if significant < 2 {
        return Err(SearchInputError::TooShort);
    }
    let words: Vec<String> = text
        .split_whitespace()
        .map(|word| {
            if ["AND", "OR", "NOT"].contains(&word.to_ascii_uppercase().as_str()) {
                format!("\"{}\"", escape_sosl_term(word))
            } else if word.chars().filter(|c| c.is_alphanumeric()).count() >= 2 && word.ends_with(char::is_alphanumeric) {
                format!("{}*", escape_sosl_term(word))
            } else {
                escape_sosl_term(word)
            }
        })
        .collect();
    Ok(SearchTerm::raw(words.join(" ")))
}

/// The global search for `text`.
pub fn global_search(text: &str) -> Result<Search, SearchInputError> {
    let returning = SEARCHED
        .iter()
        .map(|(object, title, subtitle)| {
            let mut fields = vec![FieldPath::new("Id"), FieldPath::new(title)];
            fields.extend(subtitle.iter().map(|f| FieldPath::new(f)));
            Returning { limit: Some(PER_OBJECT), ..Returning { fields, ..Returning::new(object, &[]) } }
        })
        .collect();
    Ok(Search { term: term(text)?, scope: Some(SearchScope::All), returning, limit: Some(PER_OBJECT * SEARCHED.len() as u64) })
}

/// One search result as the panel lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub object: String,
    pub id: String,
    pub title: String,
    /// The non-empty subtitle fields joined with " · ".
    pub subtitle: String,
}

/// The hits of a search answer, grouped in [`SEARCHED`] order (the answer's
/// order within an object). Records without an id or of other objects are skipped.
pub fn hits(records: &[Record]) -> Vec<Hit> {
    let mut out = Vec::new();
    for (object, title, subtitle) in SEARCHED {
        for record in records.iter().filter(|r| r.object_type() == Some(object)) {
            let Some(id) = record.id() else { continue };
            let parts: Vec<&str> = subtitle.iter().filter_map(|f| record.get_str(f)).filter(|s| !s.is_empty()).collect();
            out.push(Hit {
                object: object.to_owned(),
                id: id.to_owned(),
                title: record.get_str(title).filter(|t| !t.is_empty()).unwrap_or("(no name)").to_owned(),
                subtitle: parts.join(" · "),
            });
        }
    }
    out
}
