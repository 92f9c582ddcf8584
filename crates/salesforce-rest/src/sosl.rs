//! The SOSL subset of the dialect (§6): `FIND {term} [IN ALL|NAME|EMAIL|PHONE
//! FIELDS] [RETURNING Obj[(fields [WHERE ...] [ORDER BY ...] [LIMIT n]
//! [OFFSET n])] {, ...}] [LIMIT n]`, and the JSON body of
//! `POST …/parameterizedSearch`.
//!
//! WHERE and ORDER BY inside RETURNING are SOQL, so they reuse the SOQL
//! parser, tree and renderer. The search term is kept as written (its own
//! little language of escapes, phrases and wildcards); [`SearchTerm::alternatives`]
//! splits it into words for devorg's matcher, and [`escape_sosl_term`] makes
//! user text safe to put between the braces.

mod parser;
mod render;
mod term;
mod wire;

pub use parser::parse;
pub use term::{SearchWord, escape_sosl_term};
pub use wire::{ParameterizedSearch, SearchObjectSpec, SearchResponse};

use serde::{Deserialize, Serialize};

use crate::soql::{Condition, FieldPath, Ident, OrderBy};

/// `FIND {term} ... RETURNING ... LIMIT n`.
#[derive(Debug, Clone, PartialEq)]
pub struct Search {
    pub term: SearchTerm,
    /// `IN ... FIELDS`; `None` = Salesforce's default, ALL.
    pub scope: Option<SearchScope>,
    /// Empty = every searchable object, `Id` only.
    pub returning: Vec<Returning>,
    pub limit: Option<u64>,
}

/// The text between the braces, exactly as written (escapes included).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchTerm {
    pub raw: String,
}

impl SearchTerm {
    /// A term written in SOSL's search syntax (operators, quotes, `*` work).
    pub fn raw(raw: impl Into<String>) -> Self {
        Self { raw: raw.into() }
    }

    /// A term that searches for `text` literally: reserved characters are
    /// escaped, so only whitespace still separates words.
    pub fn literal(text: &str) -> Self {
        Self { raw: escape_sosl_term(text) }
    }
}

/// Which fields the term is matched against (`IN NAME FIELDS`, ...).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum SearchScope {
    All,
    Name,
    Email,
    Phone,
}

impl SearchScope {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::All => "ALL",
            Self::Name => "NAME",
            Self::Email => "EMAIL",
            Self::Phone => "PHONE",
        }
    }

    /// Parses `ALL`/`NAME`/`EMAIL`/`PHONE` in any case.
    pub fn parse(word: &str) -> Option<Self> {
        [Self::All, Self::Name, Self::Email, Self::Phone].into_iter().find(|s| s.as_str().eq_ignore_ascii_case(word))
    }
}

/// One `RETURNING` entry: `Account(Id, Name WHERE ... ORDER BY ... LIMIT 5)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Returning {
    pub object: Ident,
    /// Empty = `Id` only (written as a bare object name).
    pub fields: Vec<FieldPath>,
    pub filter: Option<Condition>,
    pub order_by: Vec<OrderBy>,
    pub limit: Option<u64>,
    pub offset: Option<u64>,
}

impl Returning {
    /// `Object(fields)` with no clauses, for trees built in code.
    pub fn new(object: &str, fields: &[&str]) -> Self {
        Self {
            object: Ident::new(object),
            fields: fields.iter().map(|f| FieldPath::new(f)).collect(),
            filter: None,
            order_by: Vec::new(),
            limit: None,
            offset: None,
        }
    }
}
