//! Seed data: the demo org has what the demo pages, the To Do List and My
//! Feed need, is the same row for row for the same `today`, refuses a
//! non-empty org, serves through the API, and the bench org is big enough.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use rusqlite::types::Value;
use salesforce_rest::SfId;
use salesforce_rest::soql::Date;
use tower::ServiceExt;

use devorg::seed::{self, Profile, SeedError};

fn today() -> Date {
    Date::new(2026, 3, 10).expect("date")
}

struct Seeded {
    _dir: tempfile::TempDir,
    state: devorg::State,
    summary: seed::Summary,
}

fn seeded(profile: Profile, today: Date) -> Seeded {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = devorg::Db::open(&dir.path().join("org.sqlite")).expect("db");
    let state = devorg::State::new(db, devorg::schema::Schema::builtin().expect("schema")).expect("state");
    let summary = seed::seed(&state.db, &state.schema, profile, today).expect("seed");
    Seeded { _dir: dir, state, summary }
}

impl Seeded {
    fn rows(&self, sql: &str, params: &[&dyn rusqlite::ToSql]) -> Vec<Vec<Value>> {
        let conn = self.state.db.conn();
        let mut stmt = conn.prepare(sql).expect(sql);
        let n = stmt.column_count();
        stmt.query_map(params, |r| (0..n).map(|i| r.get::<_, Value>(i)).collect()).expect("query").collect::<Result<_, _>>().expect("rows")
    }

    fn text(&self, sql: &str, params: &[&dyn rusqlite::ToSql]) -> Vec<String> {
        self.rows(sql, params)
            .into_iter()
            .map(|row| match row.first() {
                Some(Value::Text(s)) => s.clone(),
                Some(Value::Integer(i)) => i.to_string(),
                other => format!("{other:?}"),
            })
            .collect()
    }

    fn one(&self, sql: &str, params: &[&dyn rusqlite::ToSql]) -> String {
        let all = self.text(sql, params);
        assert_eq!(all.len(), 1, "exactly one row for {sql}: {all:?}");
        all.into_iter().next().unwrap_or_default()
    }

    fn user(&self, username: &str) -> String {
        self.one("SELECT Id FROM sobj_User WHERE Username = ?1", &[&username])
    }
}

#[test]
fn demo_org_has_users_settings_and_every_object() {
    let org = seeded(Profile::Demo, today());
    let s = &org.summary;
    assert_eq!(s.count("User"), 5);
    assert_eq!(s.count("Sidecar_Settings__c"), 1);
    assert!((40..=60).contains(&s.count("Account")), "{s}");
    assert!(s.count("Contact") >= 200, "{s}");
    assert!((60..=100).contains(&s.count("Lead")), "{s}");
    assert!((40..=120).contains(&s.count("Opportunity")), "{s}");
    for object in ["Case", "Contract", "Quote"] {
        assert!((3..=12).contains(&s.count(object)), "{object}: {s}");
    }
    assert!(s.to_string().starts_with("seeded demo org ("), "{s}");

    let ian = org.user(seed::DEMO_USER_IAN);
    let admin = org.user(seed::DEMO_ADMIN);
    assert_eq!(org.one("SELECT Name || '|' || TimeZoneSidKey FROM sobj_User WHERE Id = ?1", &[&ian]), "Ian Wright|America/Los_Angeles");
    assert_eq!(org.one("SELECT Name FROM sobj_User WHERE Id = ?1", &[&admin]), "Avery Admin");
    assert_eq!(org.text("SELECT user_id FROM devorg_admins", &[]), vec![admin.clone()]);
    let passwords = org.text("SELECT password FROM devorg_passwords", &[]);
    assert_eq!(passwords.len(), 5);
    assert!(passwords.iter().all(|p| devorg::oauth::crypto::check_password(p, seed::DEMO_PASSWORD)));
    assert!(passwords.iter().all(|p| p != seed::DEMO_PASSWORD), "stored salted and hashed");
    for rep in seed::DEMO_REPS {
        org.user(rep);
    }
    assert_eq!(org.one("SELECT Use_Across_The_Web__c FROM sobj_Sidecar_Settings__c WHERE SetupOwnerId LIKE '00D%'", &[]), "1");

    // Ian owns a good share of everything.
    for table in ["sobj_Account", "sobj_Contact", "sobj_Lead", "sobj_Opportunity"] {
        let mine: i64 = org.one(&format!("SELECT COUNT(*) FROM {table} WHERE OwnerId = ?1"), &[&ian]).parse().expect("n");
        let all: i64 = org.one(&format!("SELECT COUNT(*) FROM {table}"), &[]).parse().expect("n");
        assert!(mine * 4 >= all && mine < all, "{table}: Ian owns {mine} of {all}");
    }
    // Every stage; closed ones closed in the past.
    let stages = org.text("SELECT DISTINCT StageName FROM sobj_Opportunity", &[]);
    assert_eq!(stages.len(), 10, "{stages:?}");
    let future_closed = org.one("SELECT COUNT(*) FROM sobj_Opportunity WHERE IsClosed = 1 AND CloseDate >= ?1", &[&today().to_string()]);
    assert_eq!(future_closed, "0");
    assert_eq!(org.one("SELECT COUNT(*) FROM sobj_Opportunity WHERE IsWon = 1 AND StageName <> 'Closed Won'", &[]), "0");
    // Contacts' emails are at their account's website domain.
    let mismatched = org.one(
        "SELECT COUNT(*) FROM sobj_Contact c JOIN sobj_Account a ON a.Id = c.AccountId \
         WHERE replace(replace(a.Website, 'https://', ''), 'www.', '') <> substr(c.Email, instr(c.Email, '@') + 1)",
        &[],
    );
    assert_eq!(mismatched, "0");
}

#[test]
fn demo_page_people_and_companies_are_there_exactly() {
    let org = seeded(Profile::Demo, today());
    let ian = org.user(seed::DEMO_USER_IAN);
    let account =
        |name: &str| org.one("SELECT Id || '|' || Website || '|' || IFNULL(LinkedIn_URL__c, '') || '|' || OwnerId FROM sobj_Account WHERE Name = ?1", &[&name]);
    let acme = account("Acme Robotics");
    assert!(acme.ends_with(&format!("|https://acmerobotics.com|https://www.linkedin.com/company/acme-robotics|{ian}")), "{acme}");
    assert_eq!(org.one("SELECT Phone || '|' || BillingCity FROM sobj_Account WHERE Name = 'Acme Robotics'", &[]), "+1 415 555 0134|San Francisco");
    let initech = account("Initech Software");
    assert!(initech.ends_with(&format!("|https://initech.io||{ian}")), "{initech}");
    let northwind = account("Northwind Traders");
    assert!(northwind.contains("|https://northwindtraders.com|") && northwind.ends_with(&ian), "{northwind}");

    let contact = |email: &str| {
        org.one(
            "SELECT c.Name || '|' || c.Title || '|' || a.Name || '|' || c.OwnerId FROM sobj_Contact c JOIN sobj_Account a ON a.Id = c.AccountId WHERE c.Email = ?1",
            &[&email],
        )
    };
    assert_eq!(contact("maria.chen@acmerobotics.com"), format!("Maria Chen|VP Engineering|Acme Robotics|{ian}"));
    assert_eq!(contact("jonas.weber@initech.io"), format!("Jonas Weber|Director of Customer Success|Initech Software|{ian}"));

    let lead = |email: &str| {
        org.one(
            "SELECT Name || '|' || Title || '|' || Company || '|' || IFNULL(Phone, '') || '|' || IFNULL(LinkedIn_URL__c, '') || '|' || OwnerId FROM sobj_Lead WHERE Email = ?1",
            &[&email],
        )
    };
    assert_eq!(lead("david.okafor@acmerobotics.com"), format!("David Okafor|Head of Sales|Acme Robotics|+1 415 555 0178||{ian}"));
    assert_eq!(
        lead("sofia.alvarez@northwindtraders.com"),
        format!("Sofia Alvarez|Procurement Lead|Northwind Traders|+1 206 555 0190|https://www.linkedin.com/in/sofia-alvarez-nw|{ian}")
    );

    // "Expected in CRM: No" and the hostile fixture match nothing.
    for name in ["Priya Raman", "Tom Becker", "Grace Liu", "Omar Haddad"] {
        assert_eq!(
            org.one("SELECT (SELECT COUNT(*) FROM sobj_Contact WHERE Name = ?1) + (SELECT COUNT(*) FROM sobj_Lead WHERE Name = ?1)", &[&name]),
            "0",
            "{name}"
        );
    }
    for pattern in ["%umbrella%", "%.example", "%.example.invalid", "%hostile%"] {
        let hits = org.one(
            "SELECT (SELECT COUNT(*) FROM sobj_Account WHERE lower(Name) LIKE ?1 OR lower(Website) LIKE ?1) \
             + (SELECT COUNT(*) FROM sobj_Contact WHERE lower(Email) LIKE ?1) \
             + (SELECT COUNT(*) FROM sobj_Lead WHERE lower(Email) LIKE ?1 OR lower(Company) LIKE ?1)",
            &[&pattern],
        );
        assert_eq!(hits, "0", "{pattern}");
    }
    // Each demo person exists once (no generated namesake).
    for name in ["Maria Chen", "Jonas Weber", "David Okafor", "Sofia Alvarez"] {
        assert_eq!(org.one("SELECT (SELECT COUNT(*) FROM sobj_Contact WHERE Name = ?1) + (SELECT COUNT(*) FROM sobj_Lead WHERE Name = ?1)", &[&name]), "1");
    }
}

#[test]
fn ian_has_tasks_in_every_due_bucket_status_and_priority() {
    let org = seeded(Profile::Demo, today());
    let ian = org.user(seed::DEMO_USER_IAN);
    let t = today();
    let open = org.rows("SELECT ActivityDate FROM sobj_Task WHERE OwnerId = ?1 AND IsClosed = 0", &[&ian]);
    let mut buckets = std::collections::BTreeSet::new();
    for row in &open {
        let bucket = match row.first() {
            Some(Value::Text(d)) => {
                let days = Date::parse(d).expect("date").days_since_epoch() - t.days_since_epoch();
                match days {
                    ..-30 => "overdue > 30 days",
                    -30..=-1 => "overdue",
                    0 => "today",
                    1 => "tomorrow",
                    2..=7 => "this week",
                    _ => "later",
                }
            }
            _ => "no date",
        };
        buckets.insert(bucket);
    }
    assert_eq!(buckets.len(), 7, "{buckets:?}");
    let week_ago = format!("{}T00:00:00.000+0000", t.add_days(-7));
    let done = org.one(
        "SELECT COUNT(*) FROM sobj_Task WHERE OwnerId = ?1 AND Status = 'Completed' AND TaskSubtype <> 'Email' AND CompletedDateTime >= ?2",
        &[&ian, &week_ago],
    );
    assert!(done.parse::<i64>().expect("n") >= 3, "completed this week: {done}");
    assert_eq!(org.text("SELECT DISTINCT Status FROM sobj_Task WHERE OwnerId = ?1", &[&ian]).len(), 5);
    assert_eq!(org.text("SELECT DISTINCT Priority FROM sobj_Task WHERE OwnerId = ?1", &[&ian]).len(), 3);
    // Related to people (contacts and leads) and to accounts and opportunities.
    for prefix in ["003", "00Q"] {
        assert_ne!(org.one("SELECT COUNT(*) FROM sobj_Task WHERE OwnerId = ?1 AND IsClosed = 0 AND substr(WhoId, 1, 3) = ?2", &[&ian, &prefix]), "0");
    }
    for prefix in ["001", "006"] {
        assert_ne!(org.one("SELECT COUNT(*) FROM sobj_Task WHERE OwnerId = ?1 AND IsClosed = 0 AND substr(WhatId, 1, 3) = ?2", &[&ian, &prefix]), "0");
    }
    // No completion stamp from the wall clock: everything is back-dated.
    assert_eq!(org.one("SELECT COUNT(*) FROM sobj_Task WHERE CompletedDateTime > ?1", &[&format!("{}T02", t)]), "0");
}

#[test]
fn ian_has_tracked_emails_with_relations_and_click_visit_form_events_in_the_last_40_days() {
    let org = seeded(Profile::Demo, today());
    let ian = org.user(seed::DEMO_USER_IAN);
    let since = format!("{}T00:00:00.000+0000", today().add_days(-40));
    let now = format!("{}T02:00:00.000+0000", today());
    let types = org.text(
        "SELECT DISTINCT Type__c FROM sobj_Engagement_Event__c WHERE OwnerId = ?1 AND Occurred_At__c >= ?2 AND Occurred_At__c < ?3 \
         AND (Contact__c IN (SELECT Id FROM sobj_Contact WHERE OwnerId = ?1) OR Lead__c IN (SELECT Id FROM sobj_Lead WHERE OwnerId = ?1))",
        &[&ian, &since, &now],
    );
    // Opens, bounces and replies are on EmailMessage now; the events are the rest.
    let mut types = types;
    types.sort();
    assert_eq!(types, ["Form Submit", "Link Click", "Web Visit"]);
    let unlinked = org.one("SELECT COUNT(*) FROM sobj_Engagement_Event__c WHERE Type__c = 'Link Click' AND Email_Message__c IS NULL", &[]);
    assert_eq!(unlinked, "0", "every click names its email");
    assert_eq!(org.one("SELECT COUNT(*) FROM sobj_Engagement_Event__c WHERE Occurred_At__c >= ?1", &[&now]), "0", "nothing in the future");

    let sent = org.one("SELECT COUNT(*) FROM sobj_EmailMessage WHERE CreatedById = ?1 AND Incoming = 0 AND IsTracked = 1", &[&ian]);
    assert!(sent.parse::<i64>().expect("n") >= 15, "{sent}");
    assert_ne!(org.one("SELECT COUNT(*) FROM sobj_EmailMessage WHERE IsBounced = 1", &[]), "0");
    assert_ne!(org.one("SELECT COUNT(*) FROM sobj_EmailMessage WHERE FirstOpenedDate IS NOT NULL AND LastOpenedDate >= FirstOpenedDate", &[]), "0");
    let replies = org.one(
        "SELECT COUNT(*) FROM sobj_EmailMessage r JOIN sobj_EmailMessage o ON o.Id = r.ReplyToEmailMessageId WHERE r.Incoming = 1 AND r.MessageDate > o.MessageDate",
        &[],
    );
    assert_ne!(replies, "0");
    // Maria replied to Ian's email.
    assert_ne!(org.one("SELECT COUNT(*) FROM sobj_EmailMessage WHERE Incoming = 1 AND FromAddress = 'maria.chen@acmerobotics.com'", &[]), "0");
    // Opened emails say so; a reply is in its original's thread.
    assert_eq!(org.one("SELECT COUNT(*) FROM sobj_EmailMessage WHERE (FirstOpenedDate IS NOT NULL) <> (IsOpened = 1)", &[]), "0");
    assert_eq!(org.one("SELECT COUNT(*) FROM sobj_EmailMessage WHERE MessageIdentifier IS NULL OR ThreadIdentifier IS NULL", &[]), "0");
    let threads =
        "SELECT COUNT(*) FROM sobj_EmailMessage r JOIN sobj_EmailMessage o ON o.Id = r.ReplyToEmailMessageId WHERE r.ThreadIdentifier <> o.ThreadIdentifier";
    assert_eq!(org.one(threads, &[]), "0");
    // RelatedToId is an account or nothing, never the person.
    assert_eq!(org.one("SELECT COUNT(*) FROM sobj_EmailMessage WHERE RelatedToId IS NOT NULL AND substr(RelatedToId, 1, 3) <> '001'", &[]), "0");
    // Every email has one FromAddress and one ToAddress relation: Ian's from
    // Ian (a User) to a contact or lead, a reply the other way round.
    let kinds = "SELECT COUNT(*) FROM sobj_EmailMessage e WHERE (SELECT COUNT(*) FROM sobj_EmailMessageRelation r WHERE r.EmailMessageId = e.Id AND r.RelationType = ?1) <> 1";
    for kind in ["FromAddress", "ToAddress"] {
        assert_eq!(org.one(kinds, &[&kind]), "0", "{kind}");
    }
    let outgoing = "SELECT DISTINCT r.RelationObjectType FROM sobj_EmailMessageRelation r JOIN sobj_EmailMessage e ON e.Id = r.EmailMessageId \
                    WHERE e.Incoming = ?1 AND r.RelationType = ?2 ORDER BY 1";
    assert_eq!(org.text(outgoing, &[&"0", &"FromAddress"]), ["User"]);
    assert_eq!(org.text(outgoing, &[&"0", &"ToAddress"]), ["Contact", "Lead"]);
    assert!(org.text(outgoing, &[&"1", &"FromAddress"]).iter().all(|t| t == "Contact" || t == "Lead"));
    assert_eq!(org.text(outgoing, &[&"1", &"ToAddress"]), ["User"]);
    assert_eq!(org.one("SELECT COUNT(*) FROM sobj_EmailMessageRelation WHERE RelationId = ?1 AND RelationAddress <> ?2", &[&ian, &seed::DEMO_USER_IAN]), "0");
}

#[test]
fn three_of_ians_records_were_assigned_to_him_last_week_with_history() {
    let org = seeded(Profile::Demo, today());
    let ian = org.user(seed::DEMO_USER_IAN);
    let week_ago = format!("{}T00:00:00.000+0000", today().add_days(-7));
    let mut changes = Vec::new();
    for (history, parent, field) in
        [("LeadHistory", "Lead", "LeadId"), ("ContactHistory", "Contact", "ContactId"), ("OpportunityFieldHistory", "Opportunity", "OpportunityId")]
    {
        let sql = format!(
            "SELECT h.OldValue || ' ' || h.CreatedById || ' ' || p.OwnerId FROM sobj_{history} h JOIN sobj_{parent} p ON p.Id = h.{field} \
             WHERE h.Field = 'Owner' AND h.DataType = 'EntityId' AND h.NewValue = ?1 AND h.CreatedDate >= ?2"
        );
        let rows = org.text(&sql, &[&ian, &week_ago]);
        assert_eq!(rows.len(), 1, "{history}: {rows:?}");
        let parts: Vec<&str> = rows[0].split(' ').collect();
        assert_eq!(parts[0], parts[1], "{history}: the previous owner made the change");
        assert_eq!(parts[2], ian, "{history}: the record is Ian's now");
        let names = org.one(&format!("SELECT COUNT(*) FROM sobj_{history} WHERE DataType = 'Text' AND NewValue = 'Ian Wright'"), &[]);
        assert_eq!(names, "1", "{history}: the names row");
        changes.push(parts[0].to_owned());
    }
    assert_eq!(changes.len(), 3);
    let sofia =
        org.one("SELECT h.OldValue FROM sobj_LeadHistory h JOIN sobj_Lead l ON l.Id = h.LeadId WHERE l.Name = 'Sofia Alvarez' AND h.DataType = 'Text'", &[]);
    assert_eq!(sofia, "Leo Park");
}

#[test]
fn same_today_same_org_row_for_row() {
    let (a, b) = (seeded(Profile::Demo, today()), seeded(Profile::Demo, today()));
    assert_eq!(a.summary, b.summary);
    for table in [
        "sobj_User",
        "sobj_Account",
        "sobj_Contact",
        "sobj_Lead",
        "sobj_Opportunity",
        "sobj_Task",
        "sobj_EmailMessage",
        "sobj_EmailMessageRelation",
        "sobj_LeadHistory",
        "sobj_Engagement_Event__c",
        "sobj_Case",
        "sobj_Sidecar_Settings__c",
    ] {
        let sql = format!("SELECT * FROM {table} ORDER BY Id");
        assert_eq!(a.rows(&sql, &[]), b.rows(&sql, &[]), "{table}");
    }
    // Another day shifts the dates, not the data.
    let later = seeded(Profile::Demo, today().add_days(30));
    let names = "SELECT Name, Email FROM sobj_Contact ORDER BY Id";
    assert_eq!(a.rows(names, &[]), later.rows(names, &[]));
    let dates = "SELECT CloseDate FROM sobj_Opportunity ORDER BY Id LIMIT 1";
    assert_ne!(a.rows(dates, &[]), later.rows(dates, &[]));
}

#[test]
fn a_non_empty_org_is_refused() {
    let org = seeded(Profile::Demo, today());
    let before = org.summary.total();
    let err = seed::seed(&org.state.db, &org.state.schema, Profile::Demo, today()).expect_err("refused");
    assert!(matches!(err, SeedError::NotEmpty { users: 5 }), "{err}");
    assert!(err.to_string().contains("already has 5 user(s)"), "{err}");
    let accounts: usize = org.one("SELECT COUNT(*) FROM sobj_Account", &[]).parse().expect("n");
    assert_eq!(accounts, org.summary.count("Account"), "nothing added ({before} records)");
    assert_eq!(seed::user_count(&org.state.db, &org.state.schema).expect("count"), 5);
    assert_eq!("Bench".parse::<Profile>(), Ok(Profile::Bench));
    assert!("huge".parse::<Profile>().is_err());
}

#[tokio::test]
async fn a_seeded_org_serves_ians_records() {
    let org = seeded(Profile::Demo, today());
    let ian = SfId::parse(&org.user(seed::DEMO_USER_IAN)).expect("id");
    let acme = org.one("SELECT Id FROM sobj_Account WHERE Name = 'Acme Robotics'", &[]);
    let token = devorg::auth::issue(&org.state.db.conn(), &ian, 3600).expect("token");
    let request = Request::get(format!("/services/data/v62.0/sobjects/Account/{acme}"))
        .header("authorization", format!("Bearer {token}"))
        .body(Body::empty())
        .expect("request");
    let response = devorg::app(org.state.clone()).oneshot(request).await.expect("response");
    assert_eq!(response.status(), StatusCode::OK);
    let bytes = response.into_body().collect().await.expect("body").to_bytes();
    let body: serde_json::Value = serde_json::from_slice(&bytes).expect("json");
    assert_eq!(body["Name"], "Acme Robotics");
    assert_eq!(body["Website"], "https://acmerobotics.com");
    assert_eq!(body["OwnerId"], ian.as_str());
    assert!(body["LastModifiedDate"].as_str().is_some_and(|d| d.ends_with("+0000") && d < "2026-03-10T02"), "{body}");
}

#[test]
fn bench_org_is_big_and_one_user_owns_5000_opportunities() {
    let started = std::time::Instant::now();
    let org = seeded(Profile::Bench, today());
    let elapsed = started.elapsed();
    eprintln!("bench seed: {} in {elapsed:?}", org.summary);
    assert!(org.summary.total() >= 50_000, "{}", org.summary);
    let bench = org.user(seed::BENCH_USER);
    let owned: i64 = org.one("SELECT COUNT(*) FROM sobj_Opportunity WHERE OwnerId = ?1", &[&bench]).parse().expect("n");
    assert!(owned >= 5_000, "{owned}");
    assert_eq!(org.one("SELECT COUNT(*) FROM sobj_Account WHERE CreatedDate > LastModifiedDate OR CreatedDate >= ?1", &[&format!("{}", today())]), "0");
    assert!(elapsed.as_secs() < 60, "bench seed took {elapsed:?}");
}
