//! Resolving a parsed SOQL query against the schema: every name checked
//! (with Salesforce's INVALID_FIELD / INVALID_TYPE wording and position),
//! every relationship hop turned into a LEFT JOIN, and the shape of the
//! JSON each row becomes.
//!
//! Identifiers in the generated SQL come from the schema (canonical names,
//! quoted), never from the query text; values are bound parameters (see
//! `filter`).

use rusqlite::types::Value as Sql;
use salesforce_rest::ErrorCode;
use salesforce_rest::soql::{AggregateFn, FieldPath, Ident, Pos, Query, SelectItem};

use super::QueryError;
use super::filter::{Context, Sql as SqlBuf};
use crate::schema::{Field, FieldType, Object, Schema};

/// One table joined into the query: the root (`t0`) or a parent reached
/// through a relationship. Polymorphic relationships (Who, What) join every
/// possible target; the id's key prefix makes at most one of them match.
#[derive(Debug)]
pub struct Node<'s> {
    /// Lowercased relationship path from the root (`""`, `"account"`, `"account.owner"`).
    pub path: String,
    /// Canonical relationship name, the JSON key (`Account`, `What`).
    pub key: String,
    pub targets: Vec<(&'s Object, String)>,
    /// SQL of the reference column pointing at this node (`t0."WhatId"`).
    pub reference: String,
}

impl Node<'_> {
    fn polymorphic(&self) -> bool {
        self.targets.len() > 1
    }

    /// SQL giving this node's record id (NULL when no target row matched).
    pub fn id_sql(&self) -> String {
        coalesce(self.targets.iter().map(|(_, alias)| format!("{alias}.\"Id\"")).collect())
    }

    /// SQL giving this node's object name (for `attributes.type`).
    pub fn type_sql(&self, sql: &mut SqlBuf) -> String {
        if let [(object, _)] = self.targets.as_slice() {
            return sql.bind(Sql::Text(object.name.clone()));
        }
        let mut out = String::from("CASE");
        for (object, alias) in &self.targets {
            let name = sql.bind(Sql::Text(object.name.clone()));
            out.push_str(&format!(" WHEN {alias}.\"Id\" IS NOT NULL THEN {name}"));
        }
        out.push_str(" END");
        out
    }
}

fn coalesce(mut parts: Vec<String>) -> String {
    if parts.len() == 1 { parts.remove(0) } else { format!("COALESCE({})", parts.join(", ")) }
}

/// A resolved field path: which node, which field, and its SQL.
#[derive(Debug, Clone)]
pub struct Resolved<'s> {
    pub node: usize,
    pub field: &'s Field,
    pub sql: String,
}

/// Every table a query touches, and the FROM clause joining them.
#[derive(Debug)]
pub struct Joins<'s> {
    pub schema: &'s Schema,
    pub nodes: Vec<Node<'s>>,
    /// `FROM Account a`: paths may start with `a.`.
    alias: Option<String>,
    /// Deleted parents are not shown (queryAll includes deleted *roots* only).
    next_alias: usize,
}

pub fn invalid_field(pos: Pos, message: String) -> QueryError {
    QueryError { code: ErrorCode::InvalidField, message, pos: Some(pos) }
}

pub fn no_such_column(ident: &Ident, object: &str) -> QueryError {
    invalid_field(
        ident.pos,
        format!(
            "No such column '{}' on entity '{object}'. If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.",
            ident.name
        ),
    )
}

fn no_such_relationship(ident: &Ident) -> QueryError {
    invalid_field(
        ident.pos,
        format!(
            "Didn't understand relationship '{}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.",
            ident.name
        ),
    )
}

pub fn unsupported_object(ident: &Ident) -> QueryError {
    QueryError {
        code: ErrorCode::InvalidType,
        message: format!(
            "sObject type '{}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.",
            ident.name
        ),
        pos: Some(ident.pos),
    }
}

/// The pseudo-field `Type` of a polymorphic relationship (`What.Type`).
static TYPE_FIELD: std::sync::LazyLock<Field> = std::sync::LazyLock::new(|| Field {
    name: "Type".into(),
    label: "Object Type".into(),
    ty: FieldType::Picklist,
    length: 255,
    precision: 0,
    scale: 0,
    digits: 0,
    required: false,
    createable: false,
    updateable: false,
    nillable: true,
    default: None,
    picklist: Vec::new(),
    restricted: false,
    reference_to: Vec::new(),
    targets: Vec::new(),
    relationship_name: None,
    derived: true,
    custom: false,
    unique: false,
    external_id: false,
    search: None,
    name_field: false,
    system: true,
});

impl<'s> Joins<'s> {
    pub fn new(schema: &'s Schema, root: &'s Object, alias: Option<&Ident>) -> Self {
        let node = Node { path: String::new(), key: String::new(), targets: vec![(root, "t0".into())], reference: String::new() };
        Self { schema, nodes: vec![node], alias: alias.map(|a| a.name.to_ascii_lowercase()), next_alias: 1 }
    }

    pub fn root(&self) -> &'s Object {
        self.nodes[0].targets[0].0
    }

    /// Resolves `Account.Owner.Name`, adding the joins it needs.
    pub fn resolve(&mut self, path: &FieldPath) -> Result<Resolved<'s>, QueryError> {
        let mut parts: &[Ident] = &path.parts;
        // `FROM Contact c ... c.Name`: the alias prefix names the root.
        if parts.len() > 1
            && let Some(alias) = &self.alias
            && parts[0].name.eq_ignore_ascii_case(alias)
            && self.root().relationship(&parts[0].name).is_none()
        {
            parts = &parts[1..];
        }
        let Some((last, hops)) = parts.split_last() else {
            return Err(QueryError::malformed(Pos::default(), "unexpected token: '<EOF>'"));
        };
        let mut node = 0;
        for hop in hops {
            node = self.hop(node, hop)?;
        }
        let n = &self.nodes[node];
        if n.polymorphic() {
            if last.is("Type") {
                return Ok(Resolved { node, field: &TYPE_FIELD, sql: String::new() });
            }
            let mut field = None;
            let mut columns = Vec::new();
            for (object, alias) in &n.targets {
                if let Some(f) = object.field(&last.name) {
                    field.get_or_insert(f);
                    columns.push(format!("{alias}.\"{}\"", f.name));
                }
            }
            let field = field.ok_or_else(|| no_such_column(last, "Name"))?;
            return Ok(Resolved { node, field, sql: coalesce(columns) });
        }
        let (object, alias) = &n.targets[0];
        let field = object.field(&last.name).ok_or_else(|| no_such_column(last, &object.name))?;
        Ok(Resolved { node, field, sql: format!("{alias}.\"{}\"", field.name) })
    }

    fn hop(&mut self, from: usize, rel: &Ident) -> Result<usize, QueryError> {
        let parent = &self.nodes[from];
        if parent.polymorphic() {
            // Salesforce allows only the Name fields past Who/What.
            return Err(no_such_relationship(rel));
        }
        let (object, alias) = &parent.targets[0];
        let field = object.relationship(&rel.name).ok_or_else(|| no_such_relationship(rel))?;
        let path = if parent.path.is_empty() {
            rel.name.to_ascii_lowercase()
        } else {
            format!("{}.{}", parent.path, rel.name.to_ascii_lowercase())
        };
        if let Some(i) = self.nodes.iter().position(|n| n.path == path) {
            return Ok(i);
        }
        let reference = format!("{alias}.\"{}\"", field.name);
        let mut targets = Vec::new();
        for target in &field.reference_to {
            let Some(t) = self.schema.object(target) else { continue };
            targets.push((t, format!("t{}", self.next_alias)));
            self.next_alias += 1;
        }
        if targets.is_empty() {
            return Err(no_such_relationship(rel));
        }
        let key = field.relationship_name.clone().unwrap_or_else(|| rel.name.clone());
        self.nodes.push(Node { path, key, targets, reference });
        Ok(self.nodes.len() - 1)
    }

    /// `FROM "sobj_Contact" t0 LEFT JOIN "sobj_Account" t1 ON ...`
    pub fn from_clause(&self) -> String {
        let mut out = format!("FROM {} t0", self.root().table());
        for node in &self.nodes[1..] {
            for (object, alias) in &node.targets {
                let live = if object.field("IsDeleted").is_some() { format!(" AND {alias}.\"IsDeleted\" = 0") } else { String::new() };
                out.push_str(&format!(" LEFT JOIN {} {alias} ON {alias}.\"Id\" = {}{live}", object.table(), node.reference));
            }
        }
        out
    }
}

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
