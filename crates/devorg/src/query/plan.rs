//! A parsed SOQL query as a plan: the SELECT list resolved (through
//! `joins`), child subqueries, the kind of answer (records, COUNT(),
//! aggregates, with or without GROUP BY), WHERE and ORDER BY as SQL with
//! bound parameters (`filter`), and the shape of the JSON each row becomes.
//!
//! What describe says about a field decides what SOQL may do with it
//! (`Field::caps`): WHERE needs `filterable`, ORDER BY `sortable`, GROUP BY
//! `groupable`, an aggregate function `aggregatable`.

use salesforce_rest::ErrorCode;
use salesforce_rest::soql::{AggregateFn, FieldPath, Ident, Pos, Query, SelectItem};

use super::QueryError;
use super::filter::Context;
use super::joins::no_such_relationship;
pub use super::joins::{Joins, Node, Resolved, invalid_field, no_such_column, unsupported_object};
use super::params::Sql as SqlBuf;
use crate::schema::{Field, Schema};

/// What one SELECT item becomes in the JSON of a row.
#[derive(Debug)]
pub enum Output<'s> {
    /// A field value at `keys` (relationship keys then the field name).
    Field { node: usize, field: &'s Field, column: usize, label: bool },
    /// `(SELECT ... FROM Contacts)`.
    Child(usize),
}

/// A child relationship subquery, executed per page of parent rows.
#[derive(Debug)]
pub struct Child<'s> {
    pub key: String,
    pub plan: Box<Plan<'s>>,
    /// Column (in the child plan) holding the parent id.
    pub parent_column: usize,
    pub limit: Option<u64>,
}

/// A query ready to run: the SQL pieces and how to turn rows into JSON.
#[derive(Debug)]
pub struct Plan<'s> {
    pub joins: Joins<'s>,
    /// Selected SQL expressions; 0 is the root id.
    pub columns: Vec<String>,
    /// For each used join node, the columns giving its id and type.
    pub node_columns: Vec<Option<(usize, usize)>>,
    pub outputs: Vec<Output<'s>>,
    pub children: Vec<Child<'s>>,
    pub kind: Kind<'s>,
    /// Every bound parameter of the query (select, where and order by share one numbering).
    pub sql: SqlBuf,
    /// The WHERE condition's SQL, if any.
    pub filter: Option<String>,
    /// The ORDER BY terms (always ending with the id, for stable pages).
    pub order: String,
    /// The GROUP BY expressions (empty: no grouping).
    pub group_by: Vec<String>,
    pub limit: Option<u64>,
    pub offset: Option<u64>,
}

#[derive(Debug, Clone)]
pub enum Kind<'s> {
    Records,
    /// `SELECT COUNT() ...`
    Count,
    /// `SELECT MAX(Amount), COUNT(Id) c ...` (one `AggregateResult` row) or
    /// `SELECT Industry, COUNT(Id) ... GROUP BY Industry` (one per group):
    /// what each column after 0 becomes, in SELECT order.
    Aggregate(Vec<AggregateColumn<'s>>),
}

/// One column of an `AggregateResult`.
#[derive(Debug, Clone)]
pub enum AggregateColumn<'s> {
    /// A grouped field, under its own name (`Industry`; `Name` for `Owner.Name`).
    Group { field: &'s Field, label: bool },
    /// `COUNT(Id)`: under its alias, or `exprN`.
    Function { function: AggregateFn, key: String },
}

impl AggregateColumn<'_> {
    pub fn key(&self) -> &str {
        match self {
            Self::Group { field, .. } => &field.name,
            Self::Function { key, .. } => key,
        }
    }
}

impl<'s> Plan<'s> {
    pub fn new(schema: &'s Schema, query: &Query, ctx: &Context) -> Result<Self, QueryError> {
        let root = schema.object(&query.from.name).ok_or_else(|| unsupported_object(&query.from))?;
        let mut plan = Plan {
            joins: Joins::new(schema, root, query.alias.as_ref()),
            columns: vec!["t0.\"Id\"".into()],
            node_columns: Vec::new(),
            outputs: Vec::new(),
            children: Vec::new(),
            kind: Kind::Records,
            sql: SqlBuf::default(),
            filter: None,
            order: String::new(),
            group_by: Vec::new(),
            limit: query.limit,
            offset: query.offset,
        };
        // (node, field name) of each GROUP BY field, to match the SELECT list against.
        let mut groups: Vec<(usize, String)> = Vec::new();
        for path in &query.group_by {
            let resolved = plan.column(path)?;
            if !resolved.field.caps.groupable {
                return Err(not_groupable(&resolved.field.name, first_pos(path)));
            }
            groups.push((resolved.node, resolved.field.name.clone()));
            plan.group_by.push(resolved.sql);
        }
        let aggregated = !groups.is_empty() || query.select.iter().any(|s| matches!(s, SelectItem::Aggregate { .. }));
        let mut aggregates = Vec::new();
        let mut unnamed = 0;
        let mut seen: Vec<String> = Vec::new();
        for item in &query.select {
            match item {
                SelectItem::Count if !groups.is_empty() => {
                    // "You can't use COUNT() with a GROUP BY clause": Salesforce's
                    // exact answer is not documented; this wording is devorg's.
                    return Err(QueryError::malformed(query.from.pos, "COUNT() can not be used with GROUP BY: use COUNT(fieldName)"));
                }
                SelectItem::Count => plan.kind = Kind::Count,
                SelectItem::Field(path) | SelectItem::ToLabel(path) if aggregated => {
                    let resolved = plan.column(path)?;
                    if !groups.iter().any(|(node, name)| *node == resolved.node && *name == resolved.field.name) {
                        return Err(must_be_grouped("Field", path));
                    }
                    plan.columns.push(resolved.sql);
                    aggregates.push(AggregateColumn::Group { field: resolved.field, label: matches!(item, SelectItem::ToLabel(_)) });
                }
                SelectItem::Field(path) | SelectItem::ToLabel(path) => {
                    let resolved = plan.joins.resolve(path)?;
                    let canonical = plan.canonical(&resolved);
                    if seen.contains(&canonical.to_ascii_lowercase()) {
                        let pos = path.parts.first().map_or(Pos::default(), |p| p.pos);
                        return Err(invalid_field(pos, format!("duplicate field selected: {canonical}")));
                    }
                    seen.push(canonical.to_ascii_lowercase());
                    plan.add_node_columns(resolved.node);
                    let sql = if resolved.sql.is_empty() { plan.joins.nodes[resolved.node].type_sql(&mut plan.sql) } else { resolved.sql.clone() };
                    plan.columns.push(sql);
                    let label = matches!(item, SelectItem::ToLabel(_));
                    plan.outputs.push(Output::Field { node: resolved.node, field: resolved.field, column: plan.columns.len() - 1, label });
                }
                SelectItem::Aggregate { function, field, alias } => {
                    let resolved = plan.joins.resolve(field)?;
                    let sql = match function {
                        AggregateFn::Count => format!("COUNT({})", resolved.sql),
                        AggregateFn::CountDistinct => format!("COUNT(DISTINCT {})", resolved.sql),
                        AggregateFn::Min => format!("MIN({})", resolved.sql),
                        AggregateFn::Max => format!("MAX({})", resolved.sql),
                        AggregateFn::Sum => format!("SUM({})", resolved.sql),
                        AggregateFn::Avg => format!("AVG({})", resolved.sql),
                    };
                    // describe's `aggregatable`, and SUM/AVG on numbers only
                    // ("Support for Field Types in Aggregate Functions", SOQL and SOSL Reference).
                    let numeric_only = matches!(function, AggregateFn::Sum | AggregateFn::Avg);
                    if !resolved.field.caps.aggregatable || numeric_only && !resolved.field.ty.is_number() {
                        let pos = field.field().map_or(Pos::default(), |f| f.pos);
                        return Err(not_aggregatable(&resolved.field.name, *function, pos));
                    }
                    // exprN numbers only the aggregates without an alias.
                    let key = match alias {
                        Some(a) => a.name.clone(),
                        None => {
                            unnamed += 1;
                            format!("expr{}", unnamed - 1)
                        }
                    };
                    plan.columns.push(sql);
                    aggregates.push(AggregateColumn::Function { function: *function, key });
                }
                SelectItem::SubQuery(sub) if aggregated => {
                    // "You can't use child relationship expressions ... in a query
                    // that uses a GROUP BY clause" (Considerations for GROUP BY);
                    // Salesforce's exact answer is not documented: the closest
                    // documented refusal of an ungrouped SELECT item.
                    return Err(QueryError::malformed(sub.from.pos, format!("Field must be grouped or aggregated: {}", sub.from.name)));
                }
                SelectItem::SubQuery(sub) => {
                    let child = plan.child(schema, sub, ctx)?;
                    plan.children.push(child);
                    plan.outputs.push(Output::Child(plan.children.len() - 1));
                }
            }
        }
        if aggregated {
            plan.kind = Kind::Aggregate(aggregates);
        }
        if let Some(cond) = &query.filter {
            plan.filter = Some(super::filter::condition(cond, &mut plan.joins, &mut plan.sql, ctx)?);
        }
        if aggregated {
            // Aggregate rows have no id: ORDER BY only grouped fields, then the
            // groups themselves, so the order is stable.
            for o in &query.order_by {
                let resolved = plan.column(&o.field)?;
                if !groups.iter().any(|(node, name)| *node == resolved.node && *name == resolved.field.name) {
                    return Err(must_be_grouped("Ordered field", &o.field));
                }
            }
            let mut terms = super::filter::order_terms(&query.order_by, &mut plan.joins, &mut plan.sql)?;
            terms.extend(plan.group_by.iter().map(|g| format!("{g} ASC NULLS FIRST")));
            plan.order = terms.join(", ");
        } else {
            plan.order = super::filter::order_by(&query.order_by, &mut plan.joins, &mut plan.sql)?;
        }
        Ok(plan)
    }

    /// A field path as an SQL expression (`What.Type` included).
    fn column(&mut self, path: &FieldPath) -> Result<Resolved<'s>, QueryError> {
        let mut resolved = self.joins.resolve(path)?;
        if resolved.sql.is_empty() {
            resolved.sql = self.joins.nodes[resolved.node].type_sql(&mut self.sql);
        }
        Ok(resolved)
    }

    /// The canonical dotted name of a resolved field (`Account.Name`).
    fn canonical(&self, resolved: &Resolved<'_>) -> String {
        let mut keys = self.keys(resolved.node);
        keys.push(resolved.field.name.clone());
        keys.join(".")
    }

    /// Relationship keys from the root down to `node`.
    pub fn keys(&self, node: usize) -> Vec<String> {
        let mut keys = Vec::new();
        let mut path = self.joins.nodes[node].path.clone();
        while !path.is_empty() {
            if let Some(n) = self.joins.nodes.iter().find(|n| n.path == path) {
                keys.push(n.key.clone());
            }
            path = path.rsplit_once('.').map(|(head, _)| head.to_owned()).unwrap_or_default();
        }
        keys.reverse();
        keys
    }

    /// The parent of `node` in the join tree.
    pub fn parent_of(&self, node: usize) -> usize {
        let path = &self.joins.nodes[node].path;
        let parent = path.rsplit_once('.').map(|(head, _)| head).unwrap_or("");
        self.joins.nodes.iter().position(|n| n.path == parent).unwrap_or(0)
    }

    /// Selects the id and type of `node` and of every node above it, once.
    fn add_node_columns(&mut self, node: usize) {
        if node == 0 {
            return;
        }
        let parent = self.parent_of(node);
        self.add_node_columns(parent);
        if self.node_columns.len() <= node {
            self.node_columns.resize(node + 1, None);
        }
        if self.node_columns[node].is_none() {
            let id = self.joins.nodes[node].id_sql();
            let ty = self.joins.nodes[node].type_sql(&mut self.sql);
            self.columns.push(id);
            self.columns.push(ty);
            self.node_columns[node] = Some((self.columns.len() - 2, self.columns.len() - 1));
        }
    }

    fn child(&self, schema: &'s Schema, sub: &Query, ctx: &Context) -> Result<Child<'s>, QueryError> {
        let root = self.joins.root();
        let found = schema
            .children_of(&root.name)
            .find(|(child, field)| Schema::child_relationship_name(child, field).is_some_and(|n| n.eq_ignore_ascii_case(&sub.from.name)));
        let Some((child_object, field)) = found else {
            return Err(no_such_relationship(&sub.from));
        };
        let aggregated = !sub.group_by.is_empty() || sub.select.iter().any(|s| matches!(s, SelectItem::Count | SelectItem::Aggregate { .. }));
        if aggregated || sub.select.iter().any(|s| matches!(s, SelectItem::SubQuery(_))) {
            return Err(QueryError::malformed(sub.from.pos, "Nesting of semi join sub-selects is not supported"));
        }
        let mut as_object = sub.clone();
        as_object.from = Ident { name: child_object.name.clone(), pos: sub.from.pos };
        let mut plan = Plan::new(schema, &as_object, ctx)?;
        plan.columns.push(format!("t0.\"{}\"", field.name));
        let parent_column = plan.columns.len() - 1;
        let key = Schema::child_relationship_name(child_object, field).unwrap_or_else(|| sub.from.name.clone());
        Ok(Child { key, plan: Box::new(plan), parent_column, limit: sub.limit })
    }
}

fn first_pos(path: &FieldPath) -> Pos {
    path.parts.first().map_or(Pos::default(), |p| p.pos)
}

/// Salesforce's answer to a field describe says is not `groupable` in GROUP
/// BY: "field 'Amount' can not be grouped in a query call". Wording as real
/// orgs answer (quoted on salesforce.stackexchange.com/a/235529 and by several
/// projects); the code MALFORMED_QUERY as those projects report it (not
/// documented by Salesforce).
fn not_groupable(name: &str, pos: Pos) -> QueryError {
    QueryError { code: ErrorCode::MalformedQuery, message: format!("field '{name}' can not be grouped in a query call"), pos: Some(pos) }
}

/// "Field must be grouped or aggregated: Name" (SELECT) and "Ordered field
/// must be grouped or aggregated: CloseDate" (ORDER BY), MALFORMED_QUERY.
fn must_be_grouped(what: &str, path: &FieldPath) -> QueryError {
    let last = path.field().map_or(Pos::default(), |f| f.pos);
    QueryError { code: ErrorCode::MalformedQuery, message: format!("{what} must be grouped or aggregated: {}", path_text(path)), pos: Some(last) }
}

/// Salesforce's answer to an aggregate function on a field that does not
/// support it: MALFORMED_QUERY "field Description does not support aggregate
/// operator COUNT" (wording and code as real orgs answer, quoted by several
/// projects; the field name is not quoted). Not in Salesforce's documentation.
fn not_aggregatable(field: &str, function: AggregateFn, pos: Pos) -> QueryError {
    let operator = match function {
        AggregateFn::Count => "COUNT",
        AggregateFn::CountDistinct => "COUNT_DISTINCT",
        AggregateFn::Min => "MIN",
        AggregateFn::Max => "MAX",
        AggregateFn::Sum => "SUM",
        AggregateFn::Avg => "AVG",
    };
    QueryError { code: ErrorCode::MalformedQuery, message: format!("field {field} does not support aggregate operator {operator}"), pos: Some(pos) }
}

pub fn path_text(path: &FieldPath) -> String {
    path.parts.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join(".")
}
