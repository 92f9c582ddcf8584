//! Names in a SOQL query resolved against the schema, with Salesforce's
//! INVALID_FIELD / INVALID_TYPE wording and position: fields of the root
//! object and of parents reached through relationships, each hop a LEFT
//! JOIN (polymorphic Who/What join every target). Identifiers in the SQL
//! come from the schema, quoted; never from the query text.

use rusqlite::types::Value as Sql;
use salesforce_rest::ErrorCode;
use salesforce_rest::soql::{FieldPath, Ident, Pos};

use super::QueryError;
use super::filter::Sql as SqlBuf;
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

pub fn no_such_relationship(ident: &Ident) -> QueryError {
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
    length: 255,
    nillable: true,
    derived: true,
    ..crate::schema::system_field("Type", "Object Type", FieldType::Picklist, &[], None)
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
