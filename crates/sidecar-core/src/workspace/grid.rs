//! The loaded rows and what the grid does with them without fetching: a
//! "starts with" filter per column (combined with AND), a search box over
//! every column ("contains"), and a type-aware sort. [`visible_rows`]
//! applies all three and answers row indexes; it runs on every keystroke
//! over up to 2,000 rows, so each row keeps its values, shown texts and
//! lowercase texts once computed.
//!
//! A row computes them on first use, not when it is built: the grid shows
//! the 30 rows in view as soon as the records arrive, then indexes the
//! rest when the browser is idle ([`Row::index`]); a filter or sort before
//! that computes what it needs itself.

use std::cell::OnceCell;
use std::cmp::Ordering;
use std::rc::Rc;

use salesforce_rest::wire::Record;

use super::ColumnSpec;
use crate::fields::{self, EditContext, FieldSpec, FieldType, FieldValue};
use crate::records::lookup::{self, Picked};

/// A row's save state, shown on the row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum RowStatus {
    #[default]
    Idle,
    Saving,
    Saved,
    /// The org's (or the network's) message; the row keeps the user's value.
    Failed(String),
    /// Someone else changed the field since the list was loaded: what they
    /// set, in words. The row keeps the rep's value until they choose Keep
    /// mine or Take theirs.
    Conflict(String),
}

/// One record as the grid shows it. Its columns are the grid's: every
/// accessor takes them (and the user's formats), as the rows of a grid
/// all have the same.
#[derive(Debug, Clone)]
pub struct Row {
    pub id: String,
    pub status: RowStatus,
    /// Cells holding a problem the rep must see (a pasted text that could
    /// not be used), by column, with its words: marked until the cell is
    /// edited again.
    pub flagged: Vec<(usize, String)>,
    /// Fields (column paths) holding the rep's value the org has not saved
    /// yet: marked until saved.
    pub changed: Vec<String>,
    /// What the org holds for fields saved (or learned) since the record
    /// was read: with the record, the base a change starts from (its
    /// `before`, which the conflict check compares) and what Discard shows.
    base: Vec<(String, serde_json::Value)>,
    /// The record as queried, shared by the row's copies.
    record: Rc<Record>,
    /// Per column, in the columns' order: read from the record, or edited.
    values: OnceCell<Vec<FieldValue>>,
    /// Per column: what the cell shows (a lookup shows the record's name).
    display: OnceCell<Vec<String>>,
    /// Per column: lowercase texts "starts with" may match; the first is
    /// the shown text (what search and the text sort use).
    keys: OnceCell<Vec<Vec<String>>>,
}

/// The derived parts count only when computed on both sides: computed on
/// one side only is a difference (a needless render at worst, never a
/// missed one). The keys follow from the rest.
impl PartialEq for Row {
    fn eq(&self, other: &Self) -> bool {
        (&self.id, &self.status, &self.flagged, &self.changed, self.values.get(), self.display.get())
            == (&other.id, &other.status, &other.flagged, &other.changed, other.values.get(), other.display.get())
            && (Rc::ptr_eq(&self.record, &other.record) || self.record == other.record)
    }
}

impl Row {
    /// The row of a queried record (see `query::records_query`).
    pub fn from_record(record: Record) -> Self {
        Self {
            id: record.id().unwrap_or_default().to_owned(),
            status: RowStatus::Idle,
            flagged: Vec::new(),
            changed: Vec::new(),
            base: Vec::new(),
            record: Rc::new(record),
            values: OnceCell::new(),
            display: OnceCell::new(),
            keys: OnceCell::new(),
        }
    }

    /// Whether the cell of `field` holds the rep's value not saved yet.
    pub fn is_changed(&self, field: &str) -> bool {
        self.changed.iter().any(|f| f.eq_ignore_ascii_case(field))
    }

    /// What the org holds for `field` as far as this row knows: saved or
    /// learned since the read, else as read. Never the rep's unsaved value.
    pub fn org_value(&self, field: &str) -> serde_json::Value {
        match self.base.iter().find(|(f, _)| f.eq_ignore_ascii_case(field)) {
            Some((_, value)) => value.clone(),
            None => self.record.get(field).cloned().unwrap_or(serde_json::Value::Null),
        }
    }

    /// The org now holds `value` for `field` (saved, or read in a check).
    pub fn set_org_value(&mut self, field: &str, value: serde_json::Value) {
        self.base.retain(|(f, _)| !f.eq_ignore_ascii_case(field));
        self.base.push((field.to_owned(), value));
    }

    /// Marks the cell of `column` with `words` (what is wrong with it),
    /// replacing an earlier mark of that cell.
    pub fn flag(&mut self, column: usize, words: &str) {
        self.unflag(column);
        self.flagged.push((column, words.to_owned()));
    }

    /// Clears the mark of the cell of `column` (edited again, or saved).
    pub fn unflag(&mut self, column: usize) {
        self.flagged.retain(|(c, _)| *c != column);
    }

    /// Marks `field` changed (`true`) or saved.
    pub fn mark_changed(&mut self, field: &str, changed: bool) {
        self.changed.retain(|f| !f.eq_ignore_ascii_case(field));
        if changed {
            self.changed.push(field.to_owned());
        }
    }

    /// Per column, its value.
    pub fn values(&self, columns: &[ColumnSpec]) -> &[FieldValue] {
        self.values.get_or_init(|| {
            columns.iter().map(|column| self.record.get(&column.path).map_or(FieldValue::Null, |json| fields::from_json(&column.spec, json))).collect()
        })
    }

    /// The value of the cell of `column` (`Null` past the last column).
    pub fn value(&self, column: usize, columns: &[ColumnSpec]) -> &FieldValue {
        self.values(columns).get(column).unwrap_or(&FieldValue::Null)
    }

    /// The currency (and dated-rate day) of the amount in the cell of
    /// `column`: its record's, in a multi-currency org.
    pub fn money<'a>(&'a self, column: usize, columns: &[ColumnSpec]) -> fields::Money<'a> {
        money_of(&self.record, self.values(columns), column, columns)
    }

    /// What the cell of `column` shows (`ctx`: the one the grid uses).
    pub fn display(&self, column: usize, columns: &[ColumnSpec], ctx: &EditContext) -> &str {
        self.shown(columns, ctx).get(column).map_or("", String::as_str)
    }

    fn shown(&self, columns: &[ColumnSpec], ctx: &EditContext) -> &[String] {
        self.display.get_or_init(|| {
            let values = self.values(columns);
            columns
                .iter()
                .zip(values)
                .enumerate()
                .map(|(c, (column, value))| {
                    // A lookup shows its record's name, which only the record has.
                    match column.name_path.as_deref().and_then(|p| self.record.get_str(p)) {
                        Some(name) => name.to_owned(),
                        None => fields::format_in(&column.spec, value, money_of(&self.record, values, c, columns), ctx),
                    }
                })
                .collect()
        })
    }

    /// Sets a cell (an edit), recomputing what it shows and matches. A
    /// lookup shows its record's name: the one read with the row when the
    /// id is the row's own again (an undo), else the one `picked` by name.
    pub fn set_value(&mut self, column: usize, value: FieldValue, columns: &[ColumnSpec], ctx: &EditContext, picked: &Picked) {
        let Some(spec) = columns.get(column) else { return };
        self.unflag(column);
        self.shown(columns, ctx);
        let name = match &value {
            FieldValue::Id(id) => {
                let read = self.record.get_str(&spec.path).zip(spec.name_path.as_deref().and_then(|p| self.record.get_str(p)));
                lookup::shown_name(id.as_str(), read, picked).map(str::to_owned)
            }
            _ => None,
        };
        if let (Some(values), Some(shown)) = (self.values.get_mut(), self.display.get_mut())
            && column < values.len()
            && column < shown.len()
        {
            values[column] = value;
            let money = money_of(&self.record, values, column, columns);
            shown[column] = name.unwrap_or_else(|| fields::format_in(&spec.spec, &values[column], money, ctx));
            // An amount whose currency or close date this was shows anew
            // (the org converts it with the record's new values too).
            for (c, other) in columns.iter().enumerate() {
                let depends = other
                    .money
                    .as_ref()
                    .is_some_and(|m| m.currency.eq_ignore_ascii_case(&spec.path) || m.day.as_deref().is_some_and(|d| d.eq_ignore_ascii_case(&spec.path)));
                if depends && c < shown.len() {
                    shown[c] = fields::format_in(&other.spec, &values[c], money_of(&self.record, values, c, columns), ctx);
                }
            }
            self.keys.take();
        }
    }

    /// Computes its values, shown texts and what the filters and search
    /// match, if not yet done. The grid calls it for every row once they
    /// are on screen; filtering would otherwise do it on a keystroke.
    pub fn index(&self, columns: &[ColumnSpec], ctx: &EditContext) {
        self.keys(columns, ctx);
    }

    fn keys(&self, columns: &[ColumnSpec], ctx: &EditContext) -> &[Vec<String>] {
        self.keys.get_or_init(|| {
            let (values, shown) = (self.values(columns), self.shown(columns, ctx));
            columns.iter().zip(values.iter().zip(shown)).map(|(column, (value, display))| keys_of(&column.spec, value, display, ctx)).collect()
        })
    }

    /// Whether the cell of `column` starts with `needle` (already lowercase).
    fn starts_with(&self, index: &Index<'_>, column: usize, needle: &str) -> bool {
        self.keys(index.columns, index.ctx).get(column).is_some_and(|forms| forms.iter().any(|f| f.starts_with(needle)))
    }

    /// Whether any cell's shown text contains `needle` (already lowercase).
    fn contains(&self, index: &Index<'_>, needle: &str) -> bool {
        self.keys(index.columns, index.ctx).iter().any(|forms| forms.first().is_some_and(|f| f.contains(needle)))
    }

    fn shown_lower(&self, index: &Index<'_>, column: usize) -> &str {
        self.keys(index.columns, index.ctx).get(column).and_then(|k| k.first()).map_or("", String::as_str)
    }
}

/// The currency and day of the amount in `column`: the row's values where
/// the grid shows (and may have edited) the currency or the close date,
/// else the record as read.
fn money_of<'a>(record: &'a Record, values: &'a [FieldValue], column: usize, columns: &[ColumnSpec]) -> fields::Money<'a> {
    let Some(paths) = columns.get(column).and_then(|c| c.money.as_ref()) else { return fields::Money::default() };
    let shown = |path: &str| columns.iter().position(|c| c.path.eq_ignore_ascii_case(path)).and_then(|i| values.get(i));
    let read = columns.get(column).map(|c| c.money_in(record)).unwrap_or_default();
    let currency = match shown(&paths.currency) {
        Some(FieldValue::Text(code)) => Some(code.as_str()),
        Some(_) => None,
        None => read.currency,
    };
    let day = match paths.day.as_deref().and_then(shown) {
        Some(FieldValue::Date(d)) => Some(*d),
        Some(_) => None,
        None => read.day,
    };
    fields::Money { currency, day }
}

/// What a row's keys are computed from.
struct Index<'a> {
    columns: &'a [ColumnSpec],
    ctx: &'a EditContext,
}

/// The texts a column filter may match, lowercase: the shown text, plus
/// the raw forms a rep may type: `1234.5` for `$1,234.50` (and `1,234.50`),
/// `2026-11-23` for `11/23/2026` (or `23.11.2026`, the day of a date-time
/// on the rep's wall clock), `true` for `Yes`, a picklist's value
/// besides its label and each label of a multi-select.
fn keys_of(spec: &FieldSpec, value: &FieldValue, display: &str, ctx: &EditContext) -> Vec<String> {
    let mut forms = vec![lower(display)];
    let mut add = |s: &str| {
        let s = lower(s);
        if !s.is_empty() && !forms.contains(&s) {
            forms.push(s);
        }
    };
    match value {
        FieldValue::Null => {}
        FieldValue::Number(_) => {
            // From the shown text, not a second float formatting (this runs
            // for every cell of 2,000 rows): "$1,234.50" also matches as
            // "1,234.50" and "1234.50", which "1234.5" starts.
            let bare = fields::amount_text(display);
            add(&bare.replace(ctx.locale.group, ""));
            add(&bare);
        }
        // A text's edit text is its shown text.
        FieldValue::Text(_) if !matches!(spec.ty, FieldType::Picklist | FieldType::Reference) => {}
        FieldValue::Multi(values) => {
            for v in values {
                add(spec.picklist_label(v));
                add(v);
            }
        }
        // `2026-11-23` matches whatever the locale shows.
        FieldValue::Date(d) => add(&d.to_string()),
        FieldValue::DateTime(dt) => add(&salesforce_rest::tz::local_date(&ctx.time_zone, dt.unix_millis()).to_string()),
        _ => add(&fields::edit_text(spec, value, ctx)),
    }
    forms
}

/// Lowercase, with the common all-ASCII case done byte by byte (this runs
/// for every cell of 2,000 rows; the Unicode path is only for the rest).
fn lower(s: &str) -> String {
    if s.is_ascii() { s.to_ascii_lowercase() } else { s.to_lowercase() }
}

/// Whether a column of `ty` holds numbers (shown right-aligned, as in
/// Lightning's tables and any spreadsheet).
pub fn is_numeric(ty: FieldType) -> bool {
    matches!(ty, FieldType::Currency | FieldType::Double | FieldType::Int | FieldType::Percent)
}

/// The value columns' CSS grid tracks: each column's share of the width
/// follows what it shows (the 90th percentile of its texts' lengths over
/// the first 200 rows, or its label's when it is empty, within 4 to 40
/// characters, plus 3 for the padding), above a minimum of what it
/// typically shows (and its type's), so a long name is not cut while
/// an empty column takes the same room, and at most an equal part of the
/// width. A checkbox column needs no share.
pub fn column_tracks(columns: &[ColumnSpec], rows: &[Row], ctx: &EditContext) -> String {
    let sample = &rows[..rows.len().min(200)];
    // A minimum never takes more than an equal part of the grid (the
    // checkbox and status columns count too): many columns in a narrow
    // window shrink rather than push the last ones out of sight.
    let part = 100.0 / (columns.len() + 2) as f64;
    let tracks: Vec<String> = columns
        .iter()
        .enumerate()
        .map(|(c, column)| {
            if column.spec.ty == FieldType::Boolean {
                return format!("min(5.5rem, {part:.1}%)");
            }
            let mut lengths: Vec<usize> = sample.iter().map(|row| row.display(c, columns, ctx).chars().count()).collect();
            lengths.sort_unstable();
            let typical = lengths.get(lengths.len() * 9 / 10).copied().unwrap_or(0);
            let label = column.label().chars().count();
            // Plus about the cell's padding in characters: a short column
            // (a phone) needs that room as much as a long one.
            let share = typical.max(label * 3 / 4).clamp(4, 40) + 3;
            let min = match column.spec.ty {
                FieldType::Date => "6.5rem",
                FieldType::Datetime => "9rem",
                ty if is_numeric(ty) => "6rem",
                _ => "5rem",
            };
            // At least what it typically shows (never less than its type's
            // minimum, never more than an equal part), then a share of the rest.
            let fit = typical.clamp(4, 40);
            format!("minmax(min(max({min}, calc({fit}ch + 1rem)), {part:.1}%), {share}fr)")
        })
        .collect();
    tracks.join(" ")
}

/// A column sort: which column, which way. Nulls are last either way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColumnSort {
    pub column: usize,
    pub descending: bool,
}

/// What the user typed and clicked above the rows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GridView {
    /// Per column (missing or blank = no filter): keep rows whose value
    /// starts with it, ignoring case.
    pub column_filters: Vec<String>,
    /// Keep rows where some column contains it, ignoring case.
    pub search: String,
    /// `None`: the order the records were retrieved in.
    pub sort: Option<ColumnSort>,
}

/// Indexes of the rows to show, in display order (`ctx`: the one the rows
/// were built with).
pub fn visible_rows(rows: &[Row], columns: &[ColumnSpec], ctx: &EditContext, view: &GridView) -> Vec<usize> {
    let index = Index { columns, ctx };
    let filters: Vec<(usize, String)> =
        view.column_filters.iter().enumerate().filter(|(_, f)| !f.trim().is_empty()).map(|(i, f)| (i, f.to_lowercase())).collect();
    let search = view.search.trim().to_lowercase();
    let mut shown: Vec<usize> = rows
        .iter()
        .enumerate()
        .filter(|(_, row)| filters.iter().all(|(c, f)| row.starts_with(&index, *c, f)) && (search.is_empty() || row.contains(&index, &search)))
        .map(|(i, _)| i)
        .collect();
    if let Some(sort) = view.sort {
        sort_rows(rows, &index, &mut shown, sort);
    }
    shown
}

/// Sorts row indexes by a column; stable, so ties keep their order.
/// Empty values go last whichever the direction.
fn sort_rows(rows: &[Row], index: &Index<'_>, indexes: &mut Vec<usize>, sort: ColumnSort) {
    let Some(column) = index.columns.get(sort.column) else { return };
    let value = |i: usize| rows.get(i).map_or(&FieldValue::Null, |r| r.value(sort.column, index.columns));
    let (mut present, empty): (Vec<usize>, Vec<usize>) = indexes.iter().partition(|&&i| !is_empty(value(i)));
    // Amounts of several currencies sort by what they are worth in the
    // rep's currency, as the converted figure shown beside them says.
    let worth = |i: usize, n: f64| match (index.ctx.rates.as_deref(), rows.get(i)) {
        (Some(rates), Some(row)) if column.money.is_some() => {
            let money = row.money(sort.column, index.columns);
            money.currency.and_then(|c| rates.convert(n, c, index.ctx.currency_code(), money.day)).unwrap_or(n)
        }
        _ => n,
    };
    let numbers: Option<Vec<(f64, usize)>> = present
        .iter()
        .map(|&i| match value(i) {
            FieldValue::Number(n) => Some((worth(i, *n), i)),
            _ => None,
        })
        .collect();
    match numbers {
        // Numbers (the usual sort: amounts) by key, without looking each
        // row up again at each of the ~20,000 comparisons of 2,000 rows.
        // Equal numbers show the same text: no tie-break to make.
        Some(mut keyed) => {
            keyed.sort_by(|a, b| if sort.descending { b.0.total_cmp(&a.0) } else { a.0.total_cmp(&b.0) });
            present = keyed.into_iter().map(|(_, i)| i).collect();
        }
        None => present.sort_by(|&a, &b| match (rows.get(a), rows.get(b)) {
            (Some(a), Some(b)) => {
                let order = compare_values(a.value(sort.column, index.columns), b.value(sort.column, index.columns), &column.spec)
                    .then_with(|| natural_cmp(a.shown_lower(index, sort.column), b.shown_lower(index, sort.column)));
                if sort.descending { order.reverse() } else { order }
            }
            _ => Ordering::Equal,
        }),
    }
    indexes.clear();
    indexes.extend(present);
    indexes.extend(empty);
}

fn is_empty(value: &FieldValue) -> bool {
    match value {
        FieldValue::Null => true,
        FieldValue::Text(s) => s.is_empty(),
        FieldValue::Multi(v) => v.is_empty(),
        _ => false,
    }
}

/// Type-aware order of two non-empty values; `Equal` leaves it to the
/// shown text (text types, lookups by name, values of unexpected shapes).
fn compare_values(a: &FieldValue, b: &FieldValue, spec: &FieldSpec) -> Ordering {
    let rank = |v: &str| spec.picklist.iter().position(|o| o.value == v).unwrap_or(usize::MAX);
    match (a, b) {
        (FieldValue::Number(x), FieldValue::Number(y)) => x.total_cmp(y),
        (FieldValue::Date(x), FieldValue::Date(y)) => x.cmp(y),
        (FieldValue::DateTime(x), FieldValue::DateTime(y)) => x.unix_millis().cmp(&y.unix_millis()),
        (FieldValue::Bool(x), FieldValue::Bool(y)) => x.cmp(y),
        (FieldValue::Text(x), FieldValue::Text(y)) if spec.ty == FieldType::Picklist => rank(x).cmp(&rank(y)),
        (FieldValue::Multi(x), FieldValue::Multi(y)) => x.iter().map(|v| rank(v)).cmp(y.iter().map(|v| rank(v))),
        _ => Ordering::Equal,
    }
}

/// Case-folded text order where digit runs compare as numbers ("Opp 2"
/// before "Opp 10") and accented letters sort with their base letter.
/// Both sides are already lowercase.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (mut a, mut b) = (a.chars().peekable(), b.chars().peekable());
    // Accents only decide between otherwise equal texts.
    let mut tie = Ordering::Equal;
    loop {
        match (a.peek().copied(), b.peek().copied()) {
            (None, None) => return tie,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let run = |it: &mut std::iter::Peekable<std::str::Chars<'_>>| {
                    let mut digits = String::new();
                    while let Some(c) = it.next_if(char::is_ascii_digit) {
                        digits.push(c);
                    }
                    digits.trim_start_matches('0').to_owned()
                };
                let (x, y) = (run(&mut a), run(&mut b));
                let order = x.len().cmp(&y.len()).then_with(|| x.cmp(&y));
                if order != Ordering::Equal {
                    return order;
                }
            }
            (Some(x), Some(y)) => {
                let order = fold(x).cmp(&fold(y));
                if order != Ordering::Equal {
                    return order;
                }
                if tie == Ordering::Equal {
                    tie = x.cmp(&y);
                }
                a.next();
                b.next();
            }
        }
    }
}

/// Latin letters with accents sort with their base letter ("école" between
/// "ecole" and "f"), a cheap stand-in for locale collation.
fn fold(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' => 'a',
        'ç' | 'č' | 'ć' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ě' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ī' => 'i',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' => 'o',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' => 'u',
        'ý' | 'ÿ' => 'y',
        'š' | 'ś' => 's',
        'ž' | 'ź' | 'ż' => 'z',
        'ł' => 'l',
        'ř' => 'r',
        other => other,
    }
}
