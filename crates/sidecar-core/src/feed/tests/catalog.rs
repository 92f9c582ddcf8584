//! Which sources an org offers: describeGlobal and describes, as real orgs answer them.

use std::collections::BTreeMap;

use serde_json::json;

use super::{case_plan, email_plan, full_plan, lead_plan};
use crate::feed::catalog::{Catalog, EmailPlan, FieldList, ObjectList, OwnedPlan, Plan, plan, to_describe};

const REAL: &str = "../../../shared/fixtures/real-orgs/lwr-2024-projection";

/// A real org's (partial) describe from `shared/fixtures/real-orgs/`, next
/// to the repository (CI has it there too), read as [`FieldList`].
fn real(object: &str) -> FieldList {
    let path = format!("{}/{REAL}/{object}.json", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e} (the real-org describes live next to the repository)"));
    serde_json::from_str(&text).expect("a describe reads as a field list")
}

fn list(objects: &[&str]) -> ObjectList {
    serde_json::from_value(json!({"sobjects": objects.iter().map(|o| json!({"name": o, "queryable": true})).collect::<Vec<_>>()})).expect("list")
}

fn fields(names: &[&str], name_field: &str) -> FieldList {
    let fields: Vec<_> = names
        .iter()
        .map(|n| {
            let relationship = n.strip_suffix("Id").filter(|_| n.ends_with("Id") && *n != "Id").map(str::to_owned);
            json!({"name": n, "nameField": *n == name_field, "filterable": *n != "NewValue", "relationshipName": relationship})
        })
        .collect();
    serde_json::from_value(json!({"fields": fields})).expect("fields")
}

fn email() -> FieldList {
    let mut email = fields(
        &[
            "Id",
            "Subject",
            "MessageDate",
            "FirstOpenedDate",
            "LastOpenedDate",
            "IsBounced",
            "IsTracked",
            "Incoming",
            "CreatedById",
            "SystemModstamp",
            "ReplyToEmailMessageId",
        ],
        "Subject",
    );
    email.child_relationships =
        serde_json::from_value(json!([{"childSObject": "EmailMessageRelation", "field": "EmailMessageId", "relationshipName": "EmailMessageRelations"}]))
            .expect("children");
    email
}

fn describes(pairs: Vec<(&str, FieldList)>) -> BTreeMap<String, FieldList> {
    pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
}

fn owned_fields(name_field: &str) -> FieldList {
    fields(&["Id", name_field, "OwnerId", "CreatedById", "CreatedDate"], name_field)
}

fn history(parent: &str) -> FieldList {
    fields(&["Id", parent, "Field", "NewValue", "OldValue", "CreatedById", "CreatedDate"], "")
}

#[test]
fn a_real_orgs_email_message_describe_offers_tracking_and_replies() {
    let email = real("EmailMessage");
    let catalog = plan(&list(&["EmailMessage"]), &describes(vec![("EmailMessage", email)]));
    assert_eq!(catalog.plan.email, Some(EmailPlan { relations: None, replies: Some("ReplyToEmailMessage".into()) }), "{:?}", catalog.sources);
    assert!(catalog.sources[0].active);
    assert!(catalog.sources[0].detail.contains("can't name the person"), "no EmailMessageRelation listed: {}", catalog.sources[0].detail);
}

#[test]
fn what_an_org_offers_table() {
    let everything = || {
        describes(vec![
            ("EmailMessage", email()),
            ("EmailMessageRelation", {
                let mut relation = fields(&["Id", "EmailMessageId", "RelationId", "RelationType", "RelationObjectType"], "");
                relation.fields[2].relationship_name = Some("Relation".into());
                relation
            }),
            (
                "Engagement_Event__c",
                fields(
                    &[
                        "Id",
                        "Type__c",
                        "Occurred_At__c",
                        "Url__c",
                        "Details__c",
                        "Email_Message__c",
                        "Contact__c",
                        "Lead__c",
                        "Account__c",
                        "OwnerId",
                        "SystemModstamp",
                    ],
                    "",
                ),
            ),
            ("Lead", owned_fields("Name")),
            ("LeadHistory", history("LeadId")),
            ("Case", owned_fields("CaseNumber")),
        ])
    };
    let all = ["EmailMessage", "EmailMessageRelation", "Engagement_Event__c", "Lead", "LeadHistory", "Case"];
    let (lead, case, email_plan, full) = (lead_plan(), case_plan(), email_plan(), full_plan());
    // (case, listed objects, describes, plan, [(active, words in the detail)])
    type Row<'a> = (&'a str, Vec<&'a str>, BTreeMap<String, FieldList>, Plan, [(bool, &'a str); 3]);
    let cases: Vec<Row<'_>> = vec![
        (
            "everything",
            all.to_vec(),
            everything(),
            full.clone(),
            [
                (true, "email tracking"),
                (
                    true,
                    "Lead: reassigned to you (from LeadHistory, where its Owner changes are tracked) or created for you; \
                     Case: created for you only (CaseHistory isn't available",
                ),
                (true, "Engagement_Event__c"),
            ],
        ),
        (
            "Engagement_Event__c not listed (not deployed, or not readable): skipped, said why",
            all.iter().copied().filter(|o| *o != "Engagement_Event__c").collect(),
            everything(),
            Plan { engagement: false, ..full.clone() },
            [(true, ""), (true, ""), (false, "aren't in your org, or your profile can't read them")],
        ),
        (
            "an engagement field hidden by field-level security",
            all.to_vec(),
            {
                let mut d = everything();
                d.insert(
                    "Engagement_Event__c".into(),
                    fields(
                        &[
                            "Id",
                            "Type__c",
                            "Occurred_At__c",
                            "Details__c",
                            "Email_Message__c",
                            "Contact__c",
                            "Lead__c",
                            "Account__c",
                            "OwnerId",
                            "SystemModstamp",
                        ],
                        "",
                    ),
                );
                d
            },
            Plan { engagement: false, ..full.clone() },
            [(true, ""), (true, ""), (false, "lack Url__c")],
        ),
        (
            "no EmailMessage (Enhanced Email off)",
            all.iter().copied().filter(|o| *o != "EmailMessage").collect(),
            everything(),
            Plan { email: None, ..full.clone() },
            [(false, "Enhanced Email is off"), (true, ""), (true, "")],
        ),
        (
            "EmailMessage without the tracking fields",
            all.to_vec(),
            {
                let mut d = everything();
                d.insert("EmailMessage".into(), fields(&["Id", "Subject", "MessageDate", "Incoming", "CreatedById", "SystemModstamp"], "Subject"));
                d
            },
            Plan { email: None, ..full.clone() },
            [(false, "lacks FirstOpenedDate, LastOpenedDate, IsBounced, IsTracked"), (true, ""), (true, "")],
        ),
        (
            "no EmailMessageRelation: alerts without a person",
            all.iter().copied().filter(|o| *o != "EmailMessageRelation").collect(),
            everything(),
            Plan { email: Some(EmailPlan { relations: None, ..email_plan.clone() }), ..full.clone() },
            [(true, "can't name the person"), (true, ""), (true, "")],
        ),
        (
            "LeadHistory listed but its describe failed: creation only",
            all.to_vec(),
            {
                let mut d = everything();
                d.remove("LeadHistory");
                d
            },
            Plan { owned: vec![OwnedPlan { history: None, ..lead.clone() }, case.clone()], ..full.clone() },
            [(true, ""), (true, "Lead: created for you only"), (true, "")],
        ),
        (
            "a reply field without a relationship name: no replies",
            all.to_vec(),
            {
                let mut d = everything();
                let mut email = email();
                email.fields.retain(|f| f.name != "ReplyToEmailMessageId");
                d.insert("EmailMessage".into(), email);
                d
            },
            Plan { email: Some(EmailPlan { replies: None, ..email_plan.clone() }), ..full.clone() },
            [(true, "Replies aren't shown"), (true, ""), (true, "")],
        ),
        (
            "nothing readable",
            vec![],
            everything(),
            Plan::default(),
            [(false, ""), (false, "You can't read leads, contacts, opportunities or cases."), (false, "")],
        ),
    ];
    for (name, objects, described, want, statuses) in cases {
        let Catalog { plan: got, sources } = plan(&list(&objects), &described);
        assert_eq!(got, want, "{name}");
        assert_eq!(sources.len(), 3, "{name}");
        for (source, (active, words)) in sources.iter().zip(statuses) {
            assert_eq!(source.active, active, "{name}: {source:?}");
            assert!(source.detail.contains(words), "{name}: {:?} should say {words:?}", source.detail);
        }
    }
}

#[test]
fn only_listed_objects_are_described() {
    let objects = to_describe(&list(&["Lead", "LeadHistory", "EmailMessage", "Account", "OpportunityFieldHistory"]));
    assert_eq!(objects, ["EmailMessage", "Lead", "LeadHistory", "OpportunityFieldHistory"]);
    let not_queryable: ObjectList = serde_json::from_value(json!({"sobjects": [{"name": "EmailMessage", "queryable": false}]})).expect("list");
    assert!(to_describe(&not_queryable).is_empty());
}
