//! The SOQL subset (dialect §8) as a tree. The parser builds it from text
//! (devorg), the renderer turns it back into text with every value escaped
//! (the extension builds queries as trees, never with `format!`).

/// Where a token starts in the query text, 1-based, for Salesforce-style
/// diagnostics ("ERROR at Row:1:Column:8").
///
/// Positions are diagnostics, not meaning: two positions always compare
/// equal, so trees built by hand equal trees parsed from text.
#[derive(Debug, Clone, Copy, Default, Eq)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
}

impl PartialEq for Pos {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// `SELECT ... FROM ... [WHERE ...] [GROUP BY ...] [ORDER BY ...] [LIMIT n] [OFFSET n]`
#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    pub select: Vec<SelectItem>,
    pub from: Ident,
    /// `FROM Account a`: fields may then be written `a.Name`.
    pub alias: Option<Ident>,
    pub filter: Option<Condition>,
    /// `GROUP BY Industry, Owner.Name`: the rows are `AggregateResult`s, one
    /// per distinct combination (empty: no grouping).
    pub group_by: Vec<FieldPath>,
    pub order_by: Vec<OrderBy>,
    pub limit: Option<u64>,
    pub offset: Option<u64>,
}

/// A name as written in the query (object, field or relationship), with its
/// position. Names are case-insensitive; the executor resolves them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ident {
    pub name: String,
    pub pos: Pos,
}

/// `Name`, `Account.Name`, `What.Owner.Name` (at most 5 relationship hops).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldPath {
    pub parts: Vec<Ident>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum SelectItem {
    Field(FieldPath),
    /// `COUNT()`: the query answers only `totalSize`.
    Count,
    /// `COUNT(Id)`, `MAX(Amount) maxAmount`, ...
    Aggregate {
        function: AggregateFn,
        field: FieldPath,
        alias: Option<Ident>,
    },
    /// `toLabel(Status)`: the picklist label instead of the API value.
    ToLabel(FieldPath),
    /// `(SELECT Id FROM Contacts)`: a child relationship.
    SubQuery(Box<Query>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AggregateFn {
    Count,
    CountDistinct,
    Min,
    Max,
    Sum,
    Avg,
}

/// A WHERE condition. `And`/`Or` hold two or more operands; SOQL forbids
/// mixing AND and OR at one level without parentheses.
#[derive(Debug, Clone, PartialEq)]
pub enum Condition {
    And(Vec<Condition>),
    Or(Vec<Condition>),
    Not(Box<Condition>),
    Compare {
        field: FieldPath,
        op: CompareOp,
        value: Value,
    },
    /// `Name LIKE 'Ac%'`: `%` and `_` wildcards, case-insensitive.
    Like {
        field: FieldPath,
        pattern: String,
    },
    /// `Stage IN ('A','B')` / `NOT IN`.
    In {
        field: FieldPath,
        values: Vec<Value>,
        negated: bool,
    },
    /// Multi-select picklists: `INCLUDES ('a;b', 'c')` means (a AND b) OR c.
    Includes {
        field: FieldPath,
        values: Vec<String>,
        excludes: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompareOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Unescaped content of a single-quoted literal.
    String(String),
    /// The literal as written (`42`, `-1.5`), so no precision is lost.
    Number(String),
    Bool(bool),
    Null,
    Date(Date),
    DateTime(DateTime),
    DateLiteral(DateLiteral),
}

/// A calendar date, `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

/// `YYYY-MM-DDThh:mm:ss[.SSS](Z|±hh:mm|±hhmm)`, kept with its offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateTime {
    pub date: Date,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
    pub millis: u16,
    /// Offset from UTC in minutes (`Z` = 0).
    pub offset_minutes: i16,
}

/// Relative date literals. Each resolves to a half-open range of days in the
/// user's time zone (see `date_literal`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateLiteral {
    Yesterday,
    Today,
    Tomorrow,
    LastWeek,
    ThisWeek,
    NextWeek,
    LastMonth,
    ThisMonth,
    NextMonth,
    Last90Days,
    Next90Days,
    ThisQuarter,
    LastQuarter,
    NextQuarter,
    ThisYear,
    LastYear,
    NextYear,
    LastNDays(u32),
    NextNDays(u32),
    NDaysAgo(u32),
    LastNWeeks(u32),
    NextNWeeks(u32),
    NWeeksAgo(u32),
    LastNMonths(u32),
    NextNMonths(u32),
    NMonthsAgo(u32),
    LastNQuarters(u32),
    NextNQuarters(u32),
    LastNYears(u32),
    NextNYears(u32),
    NYearsAgo(u32),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderBy {
    pub field: FieldPath,
    pub descending: bool,
    /// `None` = SOQL's default: NULLS FIRST when ascending, NULLS LAST when descending.
    pub nulls: Option<Nulls>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nulls {
    First,
    Last,
}

impl OrderBy {
    /// Whether nulls sort first, after applying SOQL's defaults.
    pub fn nulls_first(&self) -> bool {
        match self.nulls {
            Some(Nulls::First) => true,
            Some(Nulls::Last) => false,
            None => !self.descending,
        }
    }
}

impl Pos {
    /// A position, 1-based (`Pos::new(1, 1)` is the first character).
    pub const fn new(line: u32, column: u32) -> Self {
        Self { line, column }
    }
}

impl Ident {
    /// A name without a meaningful position, for trees built in code.
    pub fn new(name: impl Into<String>) -> Self {
        Self { name: name.into(), pos: Pos::default() }
    }

    /// Case-insensitive comparison, the way Salesforce compares names.
    pub fn is(&self, name: &str) -> bool {
        self.name.eq_ignore_ascii_case(name)
    }
}

impl FieldPath {
    /// `FieldPath::new("What.Name")`: splits on dots, for trees built in code.
    pub fn new(dotted: &str) -> Self {
        Self { parts: dotted.split('.').map(Ident::new).collect() }
    }

    /// The last part: the field itself, after the relationship hops.
    pub fn field(&self) -> Option<&Ident> {
        self.parts.last()
    }
}

impl Query {
    /// `SELECT <fields> FROM <object>` with no clauses, for trees built in code.
    pub fn select(fields: &[&str], from: &str) -> Self {
        Self {
            select: fields.iter().map(|f| SelectItem::Field(FieldPath::new(f))).collect(),
            from: Ident::new(from),
            alias: None,
            filter: None,
            group_by: Vec::new(),
            order_by: Vec::new(),
            limit: None,
            offset: None,
        }
    }
}

impl Condition {
    /// `field op value`, for trees built in code.
    pub fn compare(field: &str, op: CompareOp, value: Value) -> Self {
        Self::Compare { field: FieldPath::new(field), op, value }
    }
}

impl Value {
    /// A string value (escaped when rendered, so any content is safe).
    pub fn string(s: impl Into<String>) -> Self {
        Self::String(s.into())
    }
}
