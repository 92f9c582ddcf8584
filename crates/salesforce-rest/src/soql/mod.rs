//! The SOQL subset of the dialect (§5, §8): a tree ([`Query`]), a parser for
//! devorg (`parse`), a renderer for the extension (`Display`, every value
//! escaped), escaping helpers for code that still writes SOQL by hand, and the
//! calendar arithmetic behind date literals.
//!
//! How LIKE keeps literal wildcards: [`Condition::Like`]'s `pattern` keeps
//! `\%`, `\_` and `\\` escaped (all other string escapes are decoded), so an
//! unescaped `%`/`_` is a wildcard and a backslash always escapes the next
//! character. [`like::matches`] evaluates such a pattern and
//! [`like::literal`] builds one from plain text.
//!
//! Positions ([`Pos`]) are 1-based row/column in characters, for
//! [`diagnostic`], Salesforce's error layout.

pub mod ast;
pub mod date;
pub mod date_literal;
pub mod error;
pub mod escape;
pub(crate) mod lexer;
pub mod like;
pub mod parser;
pub(crate) mod render;

pub use ast::{AggregateFn, CompareOp, Condition, Date, DateLiteral, DateTime, FieldPath, Ident, Nulls, OrderBy, Pos, Query, SelectItem, Value};
pub use date::DateParseError;
pub use error::{SoqlError, SoqlErrorKind, diagnostic};
pub use escape::{escape_like, escape_string, is_field_path};
pub use parser::{parse, parse_condition, parse_order_by};
