//! A parsed SOQL query as a plan: the SELECT list resolved (through
//! `joins`), child subqueries, the kind of answer (records, COUNT(),
//! aggregates), WHERE and ORDER BY as SQL with bound parameters (`filter`),
//! and the shape of the JSON each row becomes.

use salesforce_rest::ErrorCode;
use salesforce_rest::soql::{AggregateFn, FieldPath, Ident, Pos, Query, SelectItem};

pub use super::joins::{Joins, Node, Resolved, invalid_field, no_such_column, unsupported_object};
use super::QueryError;
use super::filter::{Context, Sql as SqlBuf};
use super::joins::no_such_relationship;
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
    pub kind: Kind,
    /// Every bound parameter of the query (select, where and order by share one numbering).
    pub sql: SqlBuf,
    /// The WHERE condition's SQL, if any.
    pub filter: Option<String>,
    /// The ORDER BY terms (always ending with the id, for stable pages).
    pub order: String,
    pub limit: Option<u64>,
    pub offset: Option<u64>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    Records,
    /// `SELECT COUNT() ...`
    Count,
    /// `SELECT MAX(Amount), COUNT(Id) c ...`: one AggregateResult row; (function, key) per column after 0.
    Aggregate(Vec<(AggregateFn, String)>),
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
            limit: query.limit,
            offset: query.offset,
        };
        let has_aggregates = query.select.iter().any(|s| matches!(s, SelectItem::Aggregate { .. }));
        let mut aggregates = Vec::new();
        let mut unnamed = 0;
        let mut seen: Vec<String> = Vec::new();
        for item in &query.select {
            match item {
                SelectItem::Count => plan.kind = Kind::Count,
                SelectItem::Field(path) | SelectItem::ToLabel(path) => {
                    if has_aggregates {
                        let last = path.field().map_or(Pos::default(), |f| f.pos);
                        return Err(QueryError {
                            code: ErrorCode::MalformedQuery,
                            message: format!("Field must be grouped or aggregated: {}", path_text(path)),
                            pos: Some(last),
                        });
                    }
                    let resolved = plan.joins.resolve(path)?;
                    let canonical = plan.canonical(&resolved);
                    if seen.contains(&canonical.to_ascii_lowercase()) {
                        let pos = path.parts.first().map_or(Pos::default(), |p| p.pos);
                        return Err(invalid_field(pos, format!("duplicate field selected: {canonical}")));
                    }
                    seen.push(canonical.to_ascii_lowercase());
                    plan.add_node_columns(resolved.node);
                    let sql = if resolved.sql.is_empty() {
                        plan.joins.nodes[resolved.node].type_sql(&mut plan.sql)
                    } else {
                        resolved.sql.clone()
                    };
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
                    if matches!(function, AggregateFn::Sum | AggregateFn::Avg) && !resolved.field.ty.is_number() {
                        let pos = field.field().map_or(Pos::default(), |f| f.pos);
                        return Err(QueryError {
                            code: ErrorCode::MalformedQuery,
                            message: format!("field {} does not support aggregate operator {:?}", resolved.field.name, function).to_uppercase(),
                            pos: Some(pos),
                        });
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
                    aggregates.push((*function, key));
                }
                SelectItem::SubQuery(sub) => {
                    let child = plan.child(schema, sub, ctx)?;
                    plan.children.push(child);
                    plan.outputs.push(Output::Child(plan.children.len() - 1));
                }
            }
        }
        if !aggregates.is_empty() {
            plan.kind = Kind::Aggregate(aggregates);
        }
        if let Some(cond) = &query.filter {
            plan.filter = Some(super::filter::condition(cond, &mut plan.joins, &mut plan.sql, ctx)?);
        }
        plan.order = super::filter::order_by(&query.order_by, &mut plan.joins, &mut plan.sql)?;
        Ok(plan)
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
        if sub.select.iter().any(|s| matches!(s, SelectItem::SubQuery(_) | SelectItem::Count | SelectItem::Aggregate { .. })) {
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

pub fn path_text(path: &FieldPath) -> String {
    path.parts.iter().map(|p| p.name.as_str()).collect::<Vec<_>>().join(".")
}
