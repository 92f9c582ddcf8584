//! Workspace, the full-tab grid for bulk work, as pure logic the yew grid
//! renders and dispatches to (nothing here fetches or stores):
//! - [`model`]: saved workspaces (object, columns, owner scope, AND filters,
//!   sort), the four defaults, the 10-per-user rule and where they are stored;
//! - [`query`]: a workspace's SOQL (records and `COUNT()`) as a
//!   `salesforce_rest::soql::Query` tree, type-aware filter operators and
//!   values, the filter summary and the header line;
//! - [`grid`]: loaded rows, and the in-grid column filters, search and sort
//!   (none of which fetch);
//! - [`selection`]: the checked rows, at most 20;
//! - [`bulk`]: a (bulk) edit as an `edits::Change`, and the conflict
//!   check's and the save's answers shown row by row;
//! - [`paste`]: a block pasted from a spreadsheet, parsed by column type;
//! - [`keyboard`]: arrows, Enter, Escape and Space in the grid;
//! - [`columns`]: field paths to columns across lookups, and the dialog's choices;
//! - [`page`]: the tab's state as one reducer over user actions and answers;
//! - [`manage`]: the Manage Workspace dialog's state, the same way.
//!
//! Columns are described once by [`ColumnSpec`] (a field path plus the
//! editors' [`FieldSpec`]); every module takes the workspace's columns (and
//! the fields its filters and sort use) as a slice of them.

pub mod bulk;
pub mod columns;
pub mod fill;
pub mod grid;
pub mod instructions;
pub mod keyboard;
pub mod manage;
pub mod model;
pub mod page;
pub mod paste;
pub mod query;
pub mod selection;

#[cfg(test)]
mod tests;

use salesforce_rest::wire::{DescribeGlobal, FieldDescribe};

use crate::fields::{FieldSpec, FieldType};
use crate::records::spec::{self, NameFields};

/// One field a workspace shows, filters or sorts on.
#[derive(Debug, Clone, PartialEq)]
pub struct ColumnSpec {
    /// `CloseDate`, or `Account.Name` for a parent's field.
    pub path: String,
    /// Type, picklist values and limits; `spec.label` heads the column.
    pub spec: FieldSpec,
    /// Whether the grid may edit it: the field is updateable and belongs to
    /// the workspace's object itself (a parent's field is read-only here).
    pub updateable: bool,
    /// For a lookup, the path whose value names the record (`Account.Name`),
    /// shown instead of the id and selected along with it.
    pub name_path: Option<String>,
    /// Whether SOQL may filter on it (describe's `filterable`: never a long
    /// text area such as `Description`).
    pub filterable: bool,
    /// Whether SOQL may sort on it (describe's `sortable`).
    pub sortable: bool,
    /// For an amount in a multi-currency org: where its record keeps its
    /// currency and the day of its dated rate ([`ColumnSpec::with_money`]).
    pub money: Option<MoneyPaths>,
}

/// The paths, from the workspace's object, of what an amount's display
/// needs besides the amount: `CurrencyIsoCode` (`Account.CurrencyIsoCode`
/// for a parent's amount) and, for an opportunity's own amounts under
/// dated exchange rates, `CloseDate`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MoneyPaths {
    pub currency: String,
    pub day: Option<String>,
}

impl ColumnSpec {
    /// A column over `spec` without a describe (tests, benches):
    /// updateable unless it is a parent's field, filterable and sortable.
    pub fn new(path: &str, spec: FieldSpec) -> Self {
        Self { path: path.to_owned(), updateable: !path.contains('.'), spec, name_path: None, filterable: true, sortable: true, money: None }
    }

    /// The paths an amount of `object`'s workspace needs in a multi-currency
    /// org (`None` for other columns); the loader keeps those the org's
    /// describes have.
    pub fn money_paths(&self, object: &str, dated: bool) -> Option<MoneyPaths> {
        if self.spec.ty != FieldType::Currency {
            return None;
        }
        let prefix = self.path.rsplit_once('.').map(|(p, _)| p);
        let currency = prefix.map_or_else(|| "CurrencyIsoCode".to_owned(), |p| format!("{p}.CurrencyIsoCode"));
        let day = match prefix {
            None if dated => crate::currency::dated_by(object).map(str::to_owned),
            _ => None,
        };
        Some(MoneyPaths { currency, day })
    }

    /// The currency and day of this column's amount in `record`.
    pub fn money_in<'r>(&self, record: &'r salesforce_rest::wire::Record) -> crate::fields::Money<'r> {
        let Some(paths) = &self.money else { return crate::fields::Money::default() };
        crate::fields::Money {
            currency: record.get_str(&paths.currency),
            day: paths.day.as_deref().and_then(|p| record.get_str(p)).and_then(|d| salesforce_rest::soql::Date::parse(d).ok()),
        }
    }

    /// The column of a described field. `path` is the field's path from the
    /// workspace's object (`Name`, `Account.Industry`); for a parent's field
    /// `parent_label` ("Account") prefixes the label: "Account Industry".
    /// `None` for fields of types the grid does not show. `names` knows the
    /// name field of a lookup's target (see [`spec::reference_name_path`]).
    pub fn from_describe(path: &str, field: &FieldDescribe, global: Option<&DescribeGlobal>, parent_label: Option<&str>, names: &NameFields) -> Option<Self> {
        let mut spec = spec::field_spec(field, global)?;
        let prefix = path.rsplit_once('.').map(|(p, _)| p);
        if let (Some(_), Some(parent)) = (prefix, parent_label) {
            spec.label = parent_prefixed(parent, &spec.label);
        }
        let name_path = spec::reference_name_path(field, names).map(|n| match prefix {
            Some(p) => format!("{p}.{n}"),
            None => n,
        });
        Some(Self {
            path: path.to_owned(),
            updateable: field.updateable && prefix.is_none(),
            spec,
            name_path,
            filterable: field.filterable,
            sortable: field.sortable,
            money: None,
        })
    }

    pub fn ty(&self) -> FieldType {
        self.spec.ty
    }

    pub fn label(&self) -> &str {
        &self.spec.label
    }
}

/// A parent's field label as a column names it: "Account Industry", but
/// "Account Name", not "Account Account Name".
pub fn parent_prefixed(parent: &str, label: &str) -> String {
    if label.starts_with(parent) { label.to_owned() } else { format!("{parent} {label}") }
}

/// The column of `path` (any case) among `columns`.
pub fn find<'a>(columns: &'a [ColumnSpec], path: &str) -> Option<&'a ColumnSpec> {
    columns.iter().find(|c| c.path.eq_ignore_ascii_case(path))
}

/// Names stored in `chrome.storage` are checked before they reach a query,
/// as values are escaped.
pub use salesforce_rest::soql::is_field_path;
