//! Trees back to canonical SOQL text (`Display`), with every value escaped.
//!
//! Canonical means: upper-case keywords, `, ` between items, lower-case
//! `true`/`false`/`null`, no `ASC`, explicit `NULLS` only when the tree says
//! so, and parentheses exactly where an AND sits inside an OR (or vice versa).
//! `parse(render(q)) == q` for every parsed `q`.
//!
//! The extension builds queries as trees, so hand-built trees must not be
//! able to inject syntax either: names lose characters that cannot occur in a
//! SOQL identifier, and a `Value::Number` that is not a number is written as
//! a (escaped) string, which the server then rejects as a type mismatch.

use std::fmt::{self, Display, Formatter, Write};

use super::ast::{AggregateFn, CompareOp, Condition, FieldPath, Ident, OrderBy, Query, SelectItem, Value};
use super::escape::{escape_string, push_escaped};

impl Display for Ident {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        for c in self.name.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '_') {
            f.write_char(c)?;
        }
        Ok(())
    }
}

impl Display for FieldPath {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        for (i, part) in self.parts.iter().enumerate() {
            if i > 0 {
                f.write_char('.')?;
            }
            part.fmt(f)?;
        }
        Ok(())
    }
}

impl AggregateFn {
    pub fn name(self) -> &'static str {
        match self {
            Self::Count => "COUNT",
            Self::CountDistinct => "COUNT_DISTINCT",
            Self::Min => "MIN",
            Self::Max => "MAX",
            Self::Sum => "SUM",
            Self::Avg => "AVG",
        }
    }
}

impl CompareOp {
    pub fn symbol(self) -> &'static str {
        match self {
            Self::Eq => "=",
            Self::Ne => "!=",
            Self::Lt => "<",
            Self::Le => "<=",
            Self::Gt => ">",
            Self::Ge => ">=",
        }
    }
}

/// `-?digits(.digits)?`, the only number form the lexer produces.
fn is_number_literal(s: &str) -> bool {
    let unsigned = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = unsigned.split_once('.').unwrap_or((unsigned, "1"));
    let all_digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    all_digits(int) && all_digits(frac)
}

impl Display for Value {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Self::String(s) => write!(f, "'{}'", escape_string(s)),
            Self::Number(n) if is_number_literal(n) => f.write_str(n),
            Self::Number(n) => write!(f, "'{}'", escape_string(n)),
            Self::Bool(b) => write!(f, "{b}"),
            Self::Null => f.write_str("null"),
            Self::Date(d) => d.fmt(f),
            Self::DateTime(dt) => dt.fmt(f),
            Self::DateLiteral(l) => l.fmt(f),
        }
    }
}

/// Writes a stored LIKE pattern (see `like`) as a quoted literal.
fn write_like(f: &mut Formatter<'_>, pattern: &str) -> fmt::Result {
    let mut out = String::with_capacity(pattern.len() + 2);
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            push_escaped(&mut out, c);
            continue;
        }
        match chars.next() {
            Some(n @ ('\\' | '%' | '_')) => {
                out.push('\\');
                out.push(n);
            }
            // Hand-built `\x` means a literal `x` (as in `like::matches`).
            Some(n) => push_escaped(&mut out, n),
            None => out.push_str("\\\\"),
        }
    }
    write!(f, "'{out}'")
}

pub(crate) fn write_list<T: Display>(f: &mut Formatter<'_>, items: &[T]) -> fmt::Result {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            f.write_str(", ")?;
        }
        item.fmt(f)?;
    }
    Ok(())
}

/// An operand of AND/OR/NOT, parenthesized when it is itself AND/OR.
struct Operand<'a>(&'a Condition);

impl Display for Operand<'_> {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self.0 {
            c @ (Condition::And(_) | Condition::Or(_)) => write!(f, "({c})"),
            c => c.fmt(f),
        }
    }
}

impl Display for Condition {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Self::And(items) | Self::Or(items) => {
                let connective = if matches!(self, Self::And(_)) { " AND " } else { " OR " };
                match items.as_slice() {
                    // Not expressible; `()` fails to parse rather than widening the filter.
                    [] => f.write_str("()"),
                    [only] => only.fmt(f),
                    _ => {
                        for (i, item) in items.iter().enumerate() {
                            if i > 0 {
                                f.write_str(connective)?;
                            }
                            Operand(item).fmt(f)?;
                        }
                        Ok(())
                    }
                }
            }
            Self::Not(inner) => write!(f, "NOT {}", Operand(inner)),
            Self::Compare { field, op, value } => write!(f, "{field} {} {value}", op.symbol()),
            Self::Like { field, pattern } => {
                write!(f, "{field} LIKE ")?;
                write_like(f, pattern)
            }
            Self::In { field, values, negated } => {
                write!(f, "{field} {}IN (", if *negated { "NOT " } else { "" })?;
                write_list(f, values)?;
                f.write_char(')')
            }
            Self::Includes { field, values, excludes } => {
                write!(f, "{field} {} (", if *excludes { "EXCLUDES" } else { "INCLUDES" })?;
                let quoted: Vec<Value> = values.iter().cloned().map(Value::String).collect();
                write_list(f, &quoted)?;
                f.write_char(')')
            }
        }
    }
}

impl Display for OrderBy {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        self.field.fmt(f)?;
        if self.descending {
            f.write_str(" DESC")?;
        }
        match self.nulls {
            Some(super::ast::Nulls::First) => f.write_str(" NULLS FIRST"),
            Some(super::ast::Nulls::Last) => f.write_str(" NULLS LAST"),
            None => Ok(()),
        }
    }
}

impl Display for SelectItem {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Self::Field(path) => path.fmt(f),
            Self::Count => f.write_str("COUNT()"),
            Self::Aggregate { function, field, alias } => {
                write!(f, "{}({field})", function.name())?;
                match alias {
                    Some(alias) => write!(f, " {alias}"),
                    None => Ok(()),
                }
            }
            Self::ToLabel(path) => write!(f, "toLabel({path})"),
            Self::SubQuery(query) => write!(f, "({query})"),
        }
    }
}

/// Writes ` WHERE ... ORDER BY ... LIMIT n OFFSET n` (shared with SOSL).
pub(crate) fn write_clauses(f: &mut Formatter<'_>, filter: Option<&Condition>, order_by: &[OrderBy], limit: Option<u64>, offset: Option<u64>) -> fmt::Result {
    if let Some(filter) = filter {
        write!(f, " WHERE {filter}")?;
    }
    if !order_by.is_empty() {
        f.write_str(" ORDER BY ")?;
        write_list(f, order_by)?;
    }
    if let Some(limit) = limit {
        write!(f, " LIMIT {limit}")?;
    }
    if let Some(offset) = offset {
        write!(f, " OFFSET {offset}")?;
    }
    Ok(())
}

impl Display for Query {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str("SELECT ")?;
        write_list(f, &self.select)?;
        write!(f, " FROM {}", self.from)?;
        if let Some(alias) = &self.alias {
            write!(f, " {alias}")?;
        }
        if let Some(filter) = &self.filter {
            write!(f, " WHERE {filter}")?;
        }
        if !self.group_by.is_empty() {
            f.write_str(" GROUP BY ")?;
            write_list(f, &self.group_by)?;
        }
        write_clauses(f, None, &self.order_by, self.limit, self.offset)
    }
}

#[cfg(test)]
mod tests {
    use super::super::ast::*;
    use super::super::parse;

    /// (input, canonical rendering)
    const CASES: &[(&str, &str)] = &[
        ("select id, name from account", "SELECT id, name FROM account"),
        ("SELECT COUNT() FROM Contact", "SELECT COUNT() FROM Contact"),
        ("SELECT count() c FROM Contact", "SELECT COUNT() FROM Contact"),
        (
            "SELECT COUNT(Id) n, count_distinct(OwnerId), MAX(Amount) mx, min(a.b), sum(x), avg(y) FROM Opportunity",
            "SELECT COUNT(Id) n, COUNT_DISTINCT(OwnerId), MAX(Amount) mx, MIN(a.b), SUM(x), AVG(y) FROM Opportunity",
        ),
        ("SELECT TOLABEL(Status) FROM Task", "SELECT toLabel(Status) FROM Task"),
        (
            "SELECT Name, (SELECT LastName FROM Contacts WHERE Email != null ORDER BY LastName LIMIT 5) FROM Account a",
            "SELECT Name, (SELECT LastName FROM Contacts WHERE Email != null ORDER BY LastName LIMIT 5) FROM Account a",
        ),
        (
            "SELECT Id FROM Task WHERE (A = 1 OR B = 2) AND NOT (C = 3 AND D <> 4) AND NOT E = true",
            "SELECT Id FROM Task WHERE (A = 1 OR B = 2) AND NOT (C = 3 AND D != 4) AND NOT E = true",
        ),
        ("SELECT Id FROM Task WHERE ((A = 1))", "SELECT Id FROM Task WHERE A = 1"),
        ("SELECT Id FROM Task WHERE A = 1 OR (B = 2 AND (C = 3 OR D = 4))", "SELECT Id FROM Task WHERE A = 1 OR (B = 2 AND (C = 3 OR D = 4))"),
        (
            r#"SELECT Id FROM Account WHERE Name = 'O\'Brien \"x\" \\ \n' AND Name LIKE '50\% off\_%'"#,
            r#"SELECT Id FROM Account WHERE Name = 'O\'Brien \"x\" \\ \n' AND Name LIKE '50\% off\_%'"#,
        ),
        (
            "SELECT Id FROM X WHERE a IN ('x', 1, null) AND b NOT IN (TRUE) AND c INCLUDES ('a;b', 'c') AND d EXCLUDES ('e')",
            "SELECT Id FROM X WHERE a IN ('x', 1, null) AND b NOT IN (true) AND c INCLUDES ('a;b', 'c') AND d EXCLUDES ('e')",
        ),
        (
            "SELECT Id FROM X WHERE a < -1.50 AND b <= 2 AND c > 2024-02-29 AND d >= 2024-02-29T10:00:00.000+0000 AND e = last_n_days:7 AND f = today",
            "SELECT Id FROM X WHERE a < -1.50 AND b <= 2 AND c > 2024-02-29 AND d >= 2024-02-29T10:00:00Z AND e = LAST_N_DAYS:7 AND f = TODAY",
        ),
        (
            "select industry, account.owner.name, count(id) from account where name != null group by industry,account.owner.name order by industry limit 5",
            "SELECT industry, account.owner.name, COUNT(id) FROM account WHERE name != null GROUP BY industry, account.owner.name ORDER BY industry LIMIT 5",
        ),
        (
            "SELECT Id FROM Task ORDER BY ActivityDate ASC NULLS LAST, Subject DESC, Id desc nulls first LIMIT 200 OFFSET 2000",
            "SELECT Id FROM Task ORDER BY ActivityDate NULLS LAST, Subject DESC, Id DESC NULLS FIRST LIMIT 200 OFFSET 2000",
        ),
    ];

    #[test]
    fn canonical_rendering_and_round_trip() {
        for &(input, canonical) in CASES {
            let parsed = parse(input).expect(input);
            let rendered = parsed.to_string();
            assert_eq!(rendered, canonical, "{input}");
            assert_eq!(parse(&rendered).expect(&rendered), parsed, "{input}");
        }
    }

    #[test]
    fn hand_built_trees_cannot_inject() {
        let mut query = Query::select(&["Id", "Name = 'x' OR Id"], "Account; DELETE");
        query.filter = Some(Condition::And(vec![
            Condition::compare("Name", CompareOp::Eq, Value::string("' OR Name != '")),
            Condition::compare("Amount", CompareOp::Gt, Value::Number("1 OR Id != null".into())),
            Condition::Like { field: FieldPath::new("Name"), pattern: "a\\x'%\\".into() },
        ]));
        let text = query.to_string();
        assert_eq!(text, r"SELECT Id, NamexORId FROM AccountDELETE WHERE Name = '\' OR Name != \'' AND Amount > '1 OR Id != null' AND Name LIKE 'ax\'%\\'");
        let parsed = parse(&text).expect(&text);
        let Some(Condition::And(items)) = parsed.filter else { panic!("{text}") };
        assert_eq!(items.len(), 3);
    }
}
