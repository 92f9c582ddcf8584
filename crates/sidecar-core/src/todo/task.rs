//! A `Task` record as the To Do List shows it, and its query.

use salesforce_rest::soql::{Date, DateTime, Query};
use salesforce_rest::wire::Record;

/// The record a task is about (Who: a Contact or Lead; What: an Account,
/// Opportunity...), as its relationship names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    pub id: String,
    /// `Who.Name` / `What.Name`; empty when the org sent none.
    pub name: String,
    /// `Who.Type` / `What.Type` (`Contact`, `Account`...); from the id's key
    /// prefix is not known here, so empty when the org sent none.
    pub object: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TodoTask {
    pub id: String,
    /// As stored; see [`TodoTask::title`].
    pub subject: String,
    pub description: String,
    /// `ActivityDate`: a date with no time zone.
    pub due: Option<Date>,
    /// `Priority` picklist value (`High`, `Normal`, `Low`).
    pub priority: String,
    /// `IsHighPriority`: the red flag.
    pub high_priority: bool,
    pub status: String,
    /// `IsClosed`.
    pub closed: bool,
    /// `CompletedDateTime`, for closed tasks.
    pub completed: Option<DateTime>,
    pub created: Option<DateTime>,
    pub who: Option<Related>,
    pub what: Option<Related>,
    /// `AccountId`: the What's account, or the Who contact's.
    pub account: Option<Related>,
}

impl TodoTask {
    /// A queried Task (see [`tasks_query`]); `None` without an Id.
    pub fn from_record(record: &Record) -> Option<Self> {
        let _ = record;
        todo!("helper")
    }

    /// The subject, or "[No Subject]" when it is blank.
    pub fn title(&self) -> &str {
        todo!("helper")
    }
}

/// `SELECT Id, Subject, Description, ActivityDate, Priority, IsHighPriority,
/// Status, IsClosed, CompletedDateTime, CreatedDate, WhoId, Who.Name,
/// Who.Type, WhatId, What.Name, What.Type, AccountId, Account.Name FROM Task
/// WHERE OwnerId = '<user>' AND (IsClosed = false OR CompletedDateTime =
/// LAST_N_DAYS:7) ORDER BY ActivityDate ASC NULLS LAST LIMIT 2000`, as a tree.
pub fn tasks_query(user_id: &str) -> Query {
    let _ = user_id;
    todo!("helper")
}
