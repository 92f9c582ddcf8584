//! Why a SOQL (or SOSL) text was refused, and Salesforce's way of saying so.
//!
//! Salesforce answers a bad query with HTTP 400, error code `MALFORMED_QUERY`
//! (or `NUMBER_OUTSIDE_VALID_RANGE` for `OFFSET 2001`), and a message that
//! quotes the offending row with a caret under the column (dialect §5). Some
//! clients show that message verbatim, so devorg reproduces the layout.

use super::ast::Pos;
use crate::error::ErrorCode;

/// Which Salesforce error code a refused query maps to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SoqlErrorKind {
    /// Syntax errors and everything outside the supported subset.
    MalformedQuery,
    /// A number the grammar accepts but Salesforce bounds (`OFFSET` > 2000).
    NumberOutsideValidRange,
}

impl SoqlErrorKind {
    /// The wire error code for this kind.
    pub fn error_code(self) -> ErrorCode {
        match self {
            Self::MalformedQuery => ErrorCode::MalformedQuery,
            Self::NumberOutsideValidRange => ErrorCode::NumberOutsideValidRange,
        }
    }
}

/// A refused query: what kind, Salesforce-like wording, and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message} (row {}, column {})", pos.line, pos.column)]
pub struct SoqlError {
    pub kind: SoqlErrorKind,
    /// The last line of Salesforce's message, e.g. `unexpected token: 'FROM'`.
    pub message: String,
    pub pos: Pos,
}

impl SoqlError {
    pub(crate) fn malformed(pos: Pos, message: impl Into<String>) -> Self {
        Self { kind: SoqlErrorKind::MalformedQuery, message: message.into(), pos }
    }

    pub(crate) fn out_of_range(pos: Pos, message: impl Into<String>) -> Self {
        Self { kind: SoqlErrorKind::NumberOutsideValidRange, message: message.into(), pos }
    }

    /// The full Salesforce message for this error in `query` (see [`diagnostic`]).
    pub fn diagnostic(&self, query: &str) -> String {
        diagnostic(query, self.pos, &self.message)
    }
}

/// Salesforce's error layout: a newline, the query row holding `pos`, a caret
/// under the column, `ERROR at Row:r:Column:c`, then `message`.
///
/// Only the row holding the error is quoted (for one-line queries, which is
/// what clients send, that is the whole query). Columns count characters, not
/// bytes, so the caret lines up under non-ASCII text too.
pub fn diagnostic(query: &str, pos: Pos, message: &str) -> String {
    let row = query.split('\n').nth(pos.line.saturating_sub(1) as usize).unwrap_or("");
    let row = row.strip_suffix('\r').unwrap_or(row);
    let caret_indent = " ".repeat(pos.column.saturating_sub(1) as usize);
    format!("\n{row}\n{caret_indent}^\nERROR at Row:{}:Column:{}\n{message}", pos.line, pos.column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diagnostic_layout() {
        let no_such_column = "No such column 'Nope' on entity 'Account'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.";
        let cases: &[(&str, Pos, &str, &str)] = &[
            (
                "SELECT Nope FROM Account",
                Pos::new(1, 8),
                no_such_column,
                "\nSELECT Nope FROM Account\n       ^\nERROR at Row:1:Column:8\nNo such column 'Nope' on entity 'Account'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.",
            ),
            ("SELECT Id\r\nFROM", Pos::new(2, 5), "x", "\nFROM\n    ^\nERROR at Row:2:Column:5\nx"),
            ("SELECT", Pos::new(1, 1), "x", "\nSELECT\n^\nERROR at Row:1:Column:1\nx"),
            // A position past the text (hand-made) still renders.
            ("", Pos::new(9, 0), "x", "\n\n^\nERROR at Row:9:Column:0\nx"),
        ];
        for (query, pos, message, expected) in cases {
            assert_eq!(diagnostic(query, *pos, message), *expected, "{query:?}");
        }
    }

    #[test]
    fn kinds_map_to_wire_codes() {
        assert_eq!(SoqlErrorKind::MalformedQuery.error_code().as_str(), "MALFORMED_QUERY");
        assert_eq!(SoqlErrorKind::NumberOutsideValidRange.error_code().as_str(), "NUMBER_OUTSIDE_VALID_RANGE");
    }
}
