//! Names in a SOQL query resolved against the schema, with Salesforce's
//! INVALID_FIELD / INVALID_TYPE wording and position: fields of the root
//! object and of parents reached through relationships, each hop a LEFT
//! JOIN (polymorphic Who/What/Owner join every target). Identifiers in the
//! SQL come from the schema, quoted; never from the query text.
//!
//! A polymorphic relationship (describe's `referenceTo` lists more than one
//! object) goes through Salesforce's `Name` object and allows only its fields
//! (see [`name_object`]). A relationship to an object devorg has no
//! declaration of (a describe loaded with `--describes` may point at
//! OpportunityHistory, Pricebook2, ...) has no fields devorg could read: a
//! path through it is "No such column" on that entity.

use rusqlite::types::Value as Sql;
use salesforce_rest::ErrorCode;
use salesforce_rest::soql::{FieldPath, Ident, Pos};

use super::QueryError;
use super::params::Sql as SqlBuf;
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
    /// The objects devorg knows among the relationship's `referenceTo`.
    pub targets: Vec<(&'s Object, String)>,
    /// SQL of the reference column pointing at this node (`t0."WhatId"`).
    pub reference: String,
    /// Whether the relationship is polymorphic in describe (more than one
    /// `referenceTo`), however many of those objects devorg knows.
    pub polymorphic: bool,
}

impl Node<'_> {
    fn polymorphic(&self) -> bool {
        self.polymorphic
    }

    /// SQL giving this node's record id (NULL when no target row matched).
    pub fn id_sql(&self) -> String {
        coalesce(self.targets.iter().map(|(_, alias)| format!("{alias}.\"Id\"")).collect())
    }

    /// SQL giving this node's object name (for `attributes.type`).
    pub fn type_sql(&self, sql: &mut SqlBuf) -> String {
        match self.targets.as_slice() {
            [] => return "NULL".into(),
            // A lookup's target is fixed; a polymorphic one's only when a row matched.
            [(object, _)] if !self.polymorphic => return sql.bind(Sql::Text(object.name.clone())),
            _ => {}
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
    match parts.len() {
        0 => "NULL".into(),
        1 => parts.remove(0),
        _ => format!("COALESCE({})", parts.join(", ")),
    }
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
        let node = Node { path: String::new(), key: String::new(), targets: vec![(root, "t0".into())], reference: String::new(), polymorphic: false };
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
        for (i, hop) in hops.iter().enumerate() {
            // The part after the hop names the error when the hop's object is unknown.
            let next = parts.get(i + 1).unwrap_or(last);
            node = self.hop(node, hop, next)?;
        }
        let n = &self.nodes[node];
        if n.polymorphic() {
            if last.is("Type") {
                return Ok(Resolved { node, field: &TYPE_FIELD, sql: String::new() });
            }
            let (field, holds) = name_object::field(&last.name).ok_or_else(|| no_such_column(last, "Name"))?;
            let mut columns = Vec::new();
            for (object, alias) in &n.targets {
                if let Some(column) = name_object::column(object, field, holds) {
                    columns.push(format!("{alias}.\"{column}\""));
                }
            }
            return Ok(Resolved { node, field, sql: coalesce(columns) });
        }
        let (object, alias) = &n.targets[0];
        let field = object.field(&last.name).ok_or_else(|| no_such_column(last, &object.name))?;
        Ok(Resolved { node, field, sql: format!("{alias}.\"{}\"", field.name) })
    }

    fn hop(&mut self, from: usize, rel: &Ident, next: &Ident) -> Result<usize, QueryError> {
        let parent = &self.nodes[from];
        if parent.polymorphic() {
            // Salesforce allows only the Name object's fields past Who/What.
            return Err(no_such_relationship(rel));
        }
        let (object, alias) = &parent.targets[0];
        let field = object.relationship(&rel.name).ok_or_else(|| no_such_relationship(rel))?;
        let path = if parent.path.is_empty() { rel.name.to_ascii_lowercase() } else { format!("{}.{}", parent.path, rel.name.to_ascii_lowercase()) };
        if let Some(i) = self.nodes.iter().position(|n| n.path == path) {
            return Ok(i);
        }
        let reference = format!("{alias}.\"{}\"", field.name);
        let polymorphic = field.is_polymorphic();
        let mut targets = Vec::new();
        for target in &field.reference_to {
            let Some(t) = self.schema.object(target) else { continue };
            targets.push((t, format!("t{}", self.next_alias)));
            self.next_alias += 1;
        }
        if targets.is_empty() && !polymorphic {
            // An object devorg has no declaration of: none of its fields can
            // be read, as if the org's object lacked the one asked for.
            let entity = field.reference_to.first().map_or(rel.name.as_str(), String::as_str);
            return Err(no_such_column(next, entity));
        }
        let key = field.relationship_name.clone().unwrap_or_else(|| rel.name.clone());
        self.nodes.push(Node { path, key, targets, reference, polymorphic });
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

/// Salesforce's `Name` object, through which polymorphic relationships
/// (`What`, `Who`, and `Owner` where it may be a queue) are read: only its
/// fields can follow such a relationship. Fields, and which kinds of record
/// fill them, from "Name" in the Object Reference for the Salesforce Platform
/// (sforce_api_objects_name.htm): `Name` is the record's name (its name
/// field, e.g. CaseNumber for a Case: devorg's reading of "name of the
/// parent"), `FirstName`/`LastName` are filled for users, contacts and leads,
/// the others "only if the related record is a user". `Id` is every record's.
/// Left out, unsure whether today's orgs have them: the `Profile`/`UserRole`
/// relationships past the Name object, `RecordTypeId`, `LastReferencedDate`,
/// `LastViewedDate`, `NameOrAlias`, `SmallPhotoUrl`, `Username`.
pub mod name_object {
    use std::sync::LazyLock;

    use crate::schema::{Field, FieldType, Object};

    /// Which records fill a Name field.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum Holds {
        /// Every record (`Id`).
        Every,
        /// Every record, from its name field (`Name`).
        NameField,
        /// Users, contacts and leads.
        People,
        /// Users only.
        Users,
    }

    const FIELDS: [(&str, FieldType, Holds); 11] = [
        ("Id", FieldType::Id, Holds::Every),
        ("Name", FieldType::String, Holds::NameField),
        ("FirstName", FieldType::String, Holds::People),
        ("LastName", FieldType::String, Holds::People),
        ("Alias", FieldType::String, Holds::Users),
        ("Email", FieldType::Email, Holds::Users),
        ("IsActive", FieldType::Boolean, Holds::Users),
        ("Phone", FieldType::Phone, Holds::Users),
        ("ProfileId", FieldType::Reference, Holds::Users),
        ("Title", FieldType::String, Holds::Users),
        ("UserRoleId", FieldType::Reference, Holds::Users),
    ];

    static DECLARED: LazyLock<Vec<(Field, Holds)>> = LazyLock::new(|| {
        FIELDS
            .iter()
            .map(|&(name, ty, holds)| {
                let field = Field { nillable: true, derived: true, ..crate::schema::system_field(name, name, ty, &[], None) };
                (field, holds)
            })
            .collect()
    });

    /// The Name object's field called `name` (any case).
    pub fn field(name: &str) -> Option<(&'static Field, Holds)> {
        DECLARED.iter().find(|(f, _)| f.name.eq_ignore_ascii_case(name)).map(|(f, h)| (f, *h))
    }

    /// The column of `object` that fills `field`, if records of `object` fill it.
    pub fn column(object: &Object, field: &Field, holds: Holds) -> Option<String> {
        let fills = match holds {
            Holds::Every | Holds::NameField => true,
            Holds::People => matches!(object.name.as_str(), "User" | "Contact" | "Lead"),
            Holds::Users => object.name == "User",
        };
        let name = if holds == Holds::NameField { object.name_field.as_str() } else { field.name.as_str() };
        fills.then(|| object.field(name).map(|f| f.name.clone())).flatten()
    }
}
