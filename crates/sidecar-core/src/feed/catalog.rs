//! Which of My Feed's sources the org offers the user, read from
//! describeGlobal and describes, never assumed: an org may lack Enhanced
//! Email or field history, our `Engagement_Event__c` may not be deployed,
//! and a profile may hide any object or field of them.
//! - **Email tracking**: `EmailMessage` with its tracking fields (opens,
//!   bounces), replies through `ReplyToEmailMessageId`, the person through
//!   its `EmailMessageRelation` child relationship.
//! - **Assignments**: Leads, Contacts, Opportunities and Cases the user
//!   owns, reassigned to them (the `Owner` rows of their history object,
//!   when field history is readable) or created for them by someone else.
//! - **`Engagement_Event__c`**: link clicks and web visits, written by a
//!   marketing tool or an integration.
//!
//! [`plan`] turns what the org said into a [`Catalog`]: a [`Plan`] (what to
//! query) and one [`SourceStatus`] per source, in words for the options page.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub const EMAIL: &str = "EmailMessage";
pub const RELATION: &str = "EmailMessageRelation";
pub const ENGAGEMENT: &str = "Engagement_Event__c";

/// The objects whose assignment to the user raises an alert, in order.
pub const OWNED: [&str; 4] = ["Lead", "Contact", "Opportunity", "Case"];

/// What a sent email's alerts need of `EmailMessage`; the second list must
/// also be filterable.
const EMAIL_FIELDS: [&str; 9] = ["Id", "Subject", "MessageDate", "FirstOpenedDate", "LastOpenedDate", "IsBounced", "IsTracked", "Incoming", "CreatedById"];
const EMAIL_FILTERS: [&str; 6] = ["CreatedById", "Incoming", "IsTracked", "MessageDate", "LastOpenedDate", "SystemModstamp"];
const RELATION_FIELDS: [&str; 3] = ["RelationId", "RelationType", "RelationObjectType"];
const OWNED_FIELDS: [&str; 3] = ["OwnerId", "CreatedById", "CreatedDate"];
const HISTORY_FIELDS: [&str; 5] = ["Id", "Field", "NewValue", "CreatedById", "CreatedDate"];
const HISTORY_FILTERS: [&str; 3] = ["Field", "CreatedById", "CreatedDate"];
const ENGAGEMENT_FIELDS: [&str; 9] =
    ["Type__c", "Occurred_At__c", "Url__c", "Details__c", "Email_Message__c", "Contact__c", "Lead__c", "Account__c", "OwnerId"];

/// The history object Salesforce keeps for `object`'s tracked fields
/// (Object Reference: "LeadHistory", "OpportunityFieldHistory"; an
/// Opportunity's `OpportunityHistory` is its stage history instead).
pub fn history_object(object: &str) -> String {
    if object == "Opportunity" { "OpportunityFieldHistory".to_owned() } else { format!("{object}History") }
}

/// describeGlobal (`GET /sobjects`) read for its objects' names only.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ObjectList {
    #[serde(default)]
    pub sobjects: Vec<ListedObject>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ListedObject {
    pub name: String,
    #[serde(default)]
    pub queryable: bool,
}

impl ObjectList {
    /// Whether the user may query `object` (any case).
    pub fn has(&self, object: &str) -> bool {
        self.sobjects.iter().any(|o| o.queryable && o.name.eq_ignore_ascii_case(object))
    }
}

/// A describe read for what [`plan`] needs: fields and child relationships.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldList {
    #[serde(default)]
    pub fields: Vec<ListedField>,
    #[serde(default)]
    pub child_relationships: Vec<ListedChild>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListedField {
    pub name: String,
    #[serde(default)]
    pub name_field: bool,
    #[serde(default)]
    pub filterable: bool,
    #[serde(default)]
    pub relationship_name: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListedChild {
    #[serde(rename = "childSObject")]
    pub child_object: String,
    pub field: String,
    #[serde(default)]
    pub relationship_name: Option<String>,
}

impl FieldList {
    fn field(&self, name: &str) -> Option<&ListedField> {
        self.fields.iter().find(|f| f.name.eq_ignore_ascii_case(name))
    }
    /// The fields of `names` it lacks, and those of `filters` it cannot filter on.
    fn missing(&self, names: &[&str], filters: &[&str]) -> Vec<String> {
        let mut missing: Vec<String> = Vec::new();
        for name in names.iter().chain(filters) {
            let usable = self.field(name).is_some_and(|f| f.filterable || !filters.contains(name));
            if !usable && !missing.iter().any(|m| m == name) {
                missing.push((*name).to_owned());
            }
        }
        missing
    }
    fn name_field(&self) -> Option<&str> {
        self.fields.iter().find(|f| f.name_field).map(|f| f.name.as_str())
    }
    /// The relationship name of the child relationship through `child.field`.
    fn child(&self, child: &str, field: &str) -> Option<&str> {
        self.child_relationships
            .iter()
            .find(|c| c.child_object.eq_ignore_ascii_case(child) && c.field.eq_ignore_ascii_case(field))
            .and_then(|c| c.relationship_name.as_deref())
    }
}

/// What to query, as [`plan`] found it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Plan {
    pub email: Option<EmailPlan>,
    pub owned: Vec<OwnedPlan>,
    pub engagement: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct EmailPlan {
    /// Where the person comes from: `EmailMessage`'s child relationship to
    /// `EmailMessageRelation`, as its describe names them.
    pub relations: Option<RelationsPlan>,
    /// Replies are read through `ReplyToEmailMessageId`: its relationship
    /// name (`ReplyToEmailMessage`).
    pub replies: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct RelationsPlan {
    /// The child relationship (`EmailMessageRelations`).
    pub children: String,
    /// `RelationId`'s relationship name (`Relation`).
    pub relation: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct OwnedPlan {
    pub object: String,
    /// Its describe's name field (`Name`, `CaseNumber`).
    pub name_field: String,
    pub history: Option<HistoryPlan>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct HistoryPlan {
    /// `LeadHistory`, `OpportunityFieldHistory`...
    pub object: String,
    /// `LeadId`, and its relationship name `Lead`.
    pub parent_field: String,
    pub relationship: String,
}

/// One source as the options page tells it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SourceStatus {
    /// "Email opens, bounces and replies", "Records assigned to you", "Link clicks and web visits".
    pub name: String,
    pub active: bool,
    /// Where its alerts come from, or why there are none.
    pub detail: String,
}

/// A [`Plan`] and what it means for the user.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Catalog {
    pub plan: Plan,
    pub sources: Vec<SourceStatus>,
}

/// A [`Catalog`] as kept per user in `chrome.storage.local`
/// (`settings::keys::feed_catalog`), with when it was read: the worker
/// and the panel read the org again once it is a day old, and the options
/// page shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct StoredCatalog {
    /// Unix millis; 0 for "read it again".
    pub read_at: i64,
    pub catalog: Catalog,
}

impl StoredCatalog {
    /// How long a catalog is trusted.
    pub const FRESH_MILLIS: i64 = 24 * 60 * 60 * 1000;

    /// Read less than a day before `now_millis` (a clock set back counts as stale).
    pub fn is_fresh(&self, now_millis: i64) -> bool {
        self.read_at > 0 && (0..Self::FRESH_MILLIS).contains(&(now_millis - self.read_at))
    }
}

/// The objects whose describe [`plan`] reads: those of the sources that
/// `list` says the user may query.
pub fn to_describe(list: &ObjectList) -> Vec<String> {
    let objects = [EMAIL.to_owned(), RELATION.to_owned(), ENGAGEMENT.to_owned()].into_iter();
    let owned = OWNED.iter().flat_map(|o| [(*o).to_owned(), history_object(o)]);
    objects.chain(owned).filter(|o| list.has(o)).collect()
}

/// What the org offers: `list` is describeGlobal, `describes` the
/// describes of [`to_describe`]'s objects that could be read (by name).
pub fn plan(list: &ObjectList, describes: &BTreeMap<String, FieldList>) -> Catalog {
    let described = |object: &str| describes.iter().find(|(name, _)| name.eq_ignore_ascii_case(object)).map(|(_, d)| d);
    let (email, email_status) = email_plan(list, described(EMAIL), described(RELATION));
    let (owned, owned_status) = owned_plan(list, &described);
    let (engagement, engagement_status) = engagement_plan(list, described(ENGAGEMENT));
    Catalog { plan: Plan { email, owned, engagement }, sources: vec![email_status, owned_status, engagement_status] }
}

fn status(name: &str, active: bool, detail: String) -> SourceStatus {
    SourceStatus { name: name.to_owned(), active, detail }
}

fn email_plan(list: &ObjectList, email: Option<&FieldList>, relation: Option<&FieldList>) -> (Option<EmailPlan>, SourceStatus) {
    const NAME: &str = "Email opens, bounces and replies";
    let Some(email) = email.filter(|_| list.has(EMAIL)) else {
        let why = "Salesforce shows you no email messages: Enhanced Email is off in your org, or your profile can't read them.";
        return (None, status(NAME, false, why.to_owned()));
    };
    let missing = email.missing(&EMAIL_FIELDS, &EMAIL_FILTERS);
    if !missing.is_empty() {
        let why = format!(
            "Email tracking isn't available to you: Email Message lacks {} (tracking may be off, or your profile can't see these fields).",
            missing.join(", ")
        );
        return (None, status(NAME, false, why));
    }
    let relations = relation.filter(|r| list.has(RELATION) && r.missing(&RELATION_FIELDS, &["RelationType"]).is_empty()).and_then(|r| {
        Some(RelationsPlan { children: email.child(RELATION, "EmailMessageId")?.to_owned(), relation: r.field("RelationId")?.relationship_name.clone()? })
    });
    let replies = email.field("ReplyToEmailMessageId").filter(|f| f.filterable).and_then(|f| f.relationship_name.clone());
    let mut detail = "From Salesforce's email tracking on the emails you send.".to_owned();
    if replies.is_none() {
        detail.push_str(" Replies aren't shown: Email Message has no Reply To Email Message field you can read.");
    }
    if relations.is_none() {
        detail.push_str(" Alerts can't name the person: Email Message Relation isn't available to you.");
    }
    (Some(EmailPlan { relations, replies }), status(NAME, true, detail))
}

fn owned_plan<'a>(list: &ObjectList, described: &dyn Fn(&str) -> Option<&'a FieldList>) -> (Vec<OwnedPlan>, SourceStatus) {
    const NAME: &str = "Records assigned to you";
    let mut plans = Vec::new();
    let mut lines = Vec::new();
    for object in OWNED {
        let Some(describe) = described(object).filter(|d| list.has(object) && d.missing(&OWNED_FIELDS, &OWNED_FIELDS).is_empty()) else { continue };
        let Some(name_field) = describe.name_field() else { continue };
        let history_name = history_object(object);
        let parent_field = format!("{object}Id");
        let history = described(&history_name)
            .filter(|h| list.has(&history_name) && h.missing(&HISTORY_FIELDS, &HISTORY_FILTERS).is_empty())
            .and_then(|h| h.field(&parent_field).and_then(|f| f.relationship_name.clone()))
            .map(|relationship| HistoryPlan { object: history_name.clone(), parent_field, relationship });
        lines.push(match &history {
            Some(h) => format!("{object}: reassigned to you (from {}, where its Owner changes are tracked) or created for you", h.object),
            None => format!("{object}: created for you only ({history_name} isn't available: its field history isn't tracked or you can't read it)"),
        });
        plans.push(OwnedPlan { object: object.to_owned(), name_field: name_field.to_owned(), history });
    }
    let status = if plans.is_empty() {
        status(NAME, false, "You can't read leads, contacts, opportunities or cases.".to_owned())
    } else {
        status(NAME, true, format!("{}.", lines.join("; ")))
    };
    (plans, status)
}

fn engagement_plan(list: &ObjectList, describe: Option<&FieldList>) -> (bool, SourceStatus) {
    const NAME: &str = "Link clicks and web visits";
    let Some(describe) = describe.filter(|_| list.has(ENGAGEMENT)) else {
        let why = "Engagement Events (Engagement_Event__c) aren't in your org, or your profile can't read them: clicks and visits \
                   come from a marketing tool or integration that writes them.";
        return (false, status(NAME, false, why.to_owned()));
    };
    let missing = describe.missing(&ENGAGEMENT_FIELDS, &["Occurred_At__c", "OwnerId", "SystemModstamp"]);
    if missing.is_empty() {
        (true, status(NAME, true, "From Engagement Events (Engagement_Event__c).".to_owned()))
    } else {
        (false, status(NAME, false, format!("Engagement Events lack {} for you: ask your admin for access to these fields.", missing.join(", "))))
    }
}
