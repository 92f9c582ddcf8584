//! What the global search asks of each object comes from the org's
//! describes: real orgs' (`shared/fixtures/real-orgs/`, next to the
//! repository), then the same with what a user may lack (an object they
//! cannot read, a field hidden from them, an object not searchable).

use std::path::Path;

use salesforce_rest::wire::{DescribeGlobal, Record, SObjectDescribe};
use serde_json::json;

use crate::insights::corrections::correction_objects;
use crate::insights::search::Entity;
use crate::records::search::{GlobalPlan, SEARCHED, SearchInputError, Shown, global_search, hits};

fn real<T: serde::de::DeserializeOwned>(file: &str) -> T {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/fixtures/real-orgs").join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e} (the fixtures live next to the repository, in shared/)", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Account, Contact and Opportunity of one real org, Lead of another: full describes.
fn org() -> Vec<SObjectDescribe> {
    let real = real::<SObjectDescribe>;
    ["cumulusci-2020-v48/Account.json", "cumulusci-2020-v48/Contact.json", "cumulusci-2024-v59/Lead.json", "cumulusci-2020-v48/Opportunity.json"]
        .map(real)
        .to_vec()
}

fn plan(describes: &[SObjectDescribe]) -> GlobalPlan {
    GlobalPlan::from_describes(&describes.iter().collect::<Vec<_>>())
}

fn without_object(mut org: Vec<SObjectDescribe>, object: &str) -> Vec<SObjectDescribe> {
    org.retain(|d| d.name() != object);
    org
}

fn without_field(mut org: Vec<SObjectDescribe>, object: &str, field: &str) -> Vec<SObjectDescribe> {
    for d in org.iter_mut().filter(|d| d.name() == object) {
        d.fields.retain(|f| f.name != field);
    }
    org
}

fn shown(object: &str, subtitle: &[&str]) -> Shown {
    Shown { object: object.into(), title: "Name".into(), subtitle: subtitle.iter().map(|f| (*f).to_owned()).collect() }
}

#[test]
fn the_plan_follows_what_the_describes_say() {
    assert_eq!(plan(&org()), GlobalPlan::complete(), "real orgs have every object and field searched");

    let not_searchable = {
        let mut org = org();
        org.iter_mut().filter(|d| d.name() == "Lead").for_each(|d| d.object.searchable = false);
        org
    };
    let cases: Vec<(&str, Vec<SObjectDescribe>, Vec<Shown>)> = vec![
        (
            "Accounts unreadable: no Account, and no Account.Name under a contact or an opportunity",
            without_object(org(), "Account"),
            vec![shown("Contact", &["Title"]), shown("Lead", &["Title", "Company"]), shown("Opportunity", &["StageName"])],
        ),
        (
            "Industry hidden by field-level security: not asked",
            without_field(org(), "Account", "Industry"),
            vec![
                shown("Account", &["BillingCity"]),
                shown("Contact", &["Title", "Account.Name"]),
                shown("Lead", &["Title", "Company"]),
                shown("Opportunity", &["StageName", "Account.Name"]),
            ],
        ),
        (
            "no AccountId on Contact: no Account.Name under a contact",
            without_field(org(), "Contact", "AccountId"),
            vec![
                shown("Account", &["Industry", "BillingCity"]),
                shown("Contact", &["Title"]),
                shown("Lead", &["Title", "Company"]),
                shown("Opportunity", &["StageName", "Account.Name"]),
            ],
        ),
        (
            "a Lead describe saying it is not searchable: Leads are not searched",
            not_searchable,
            vec![
                shown("Account", &["Industry", "BillingCity"]),
                shown("Contact", &["Title", "Account.Name"]),
                shown("Opportunity", &["StageName", "Account.Name"]),
            ],
        ),
        (
            "an Opportunity without a name field: not searched (a hit would have no title)",
            without_field(org(), "Opportunity", "Name"),
            vec![shown("Account", &["Industry", "BillingCity"]), shown("Contact", &["Title", "Account.Name"]), shown("Lead", &["Title", "Company"])],
        ),
        ("nothing readable", Vec::new(), Vec::new()),
    ];
    for (why, describes, want) in cases {
        assert_eq!(plan(&describes).objects, want, "{why}");
    }
}

#[test]
fn the_search_asks_only_what_the_plan_holds() {
    let text = global_search("acme", &plan(&without_field(without_object(org(), "Lead"), "Account", "Industry"))).expect("search").to_string();
    assert_eq!(
        text,
        "FIND {acme*} IN ALL FIELDS RETURNING Account(Id, Name, BillingCity LIMIT 5), Contact(Id, Name, Title, Account.Name LIMIT 5), \
         Opportunity(Id, Name, StageName, Account.Name LIMIT 5) LIMIT 15"
    );
    salesforce_rest::sosl::parse(&text).expect("parses");
    // Too short is said first; then that nothing can be searched.
    assert_eq!(global_search("x", &GlobalPlan::default()), Err(SearchInputError::TooShort));
    let nothing = global_search("acme", &GlobalPlan::default()).expect_err("nothing to search");
    assert_eq!(nothing, SearchInputError::NothingSearchable);
    assert_eq!(nothing.to_string(), "Your Salesforce access doesn't let you search these records. Your admin can give you access.");
    // "Wrong match?" for a person the user can only find among Leads.
    let leads_only = plan(&without_object(org(), "Contact"));
    let text = global_search("maria", &leads_only.only(correction_objects(Entity::Person(0)))).expect("search").to_string();
    assert_eq!(text, "FIND {maria*} IN ALL FIELDS RETURNING Lead(Id, Name, Title, Company LIMIT 5) LIMIT 5");
    let no_people = plan(&without_object(without_object(org(), "Contact"), "Lead"));
    assert_eq!(global_search("maria", &no_people.only(correction_objects(Entity::Person(0)))), Err(SearchInputError::NothingSearchable));
}

#[test]
fn only_objects_the_global_list_offers_are_described() {
    let global = || real::<DescribeGlobal>("cumulusci-2020-v48/_describeGlobal.json");
    let all = SEARCHED.map(|(object, _)| object);
    let edited = |edit: &dyn Fn(&mut DescribeGlobal)| {
        let mut g = global();
        edit(&mut g);
        g
    };
    let set = |name: &'static str, searchable: bool, queryable: bool| {
        move |g: &mut DescribeGlobal| {
            for o in g.sobjects.iter_mut().filter(|o| o.name == name) {
                (o.searchable, o.queryable) = (searchable, queryable);
            }
        }
    };
    let cases: Vec<(&str, DescribeGlobal, &[&str], &[&str])> = vec![
        ("a real org: the four", global(), &all, &["Account", "Contact", "Lead", "Opportunity"]),
        (
            "a person: Contacts, Leads, and Accounts for the name under a contact",
            global(),
            correction_objects(Entity::Person(0)),
            &["Contact", "Lead", "Account"],
        ),
        ("a company: Accounts", global(), correction_objects(Entity::Company(0)), &["Account"]),
        ("Leads not listed (no access): never described", edited(&|g| g.sobjects.retain(|o| o.name != "Lead")), &all, &["Account", "Contact", "Opportunity"]),
        ("Leads listed as not searchable", edited(&set("Lead", false, true)), &all, &["Account", "Contact", "Opportunity"]),
        (
            "Accounts not searchable: still described for the name under a contact",
            edited(&set("Account", false, true)),
            &all,
            &["Contact", "Lead", "Opportunity", "Account"],
        ),
        ("Accounts not queryable: neither searched nor described", edited(&set("Account", true, false)), &all, &["Contact", "Lead", "Opportunity"]),
        ("nothing listed", DescribeGlobal::default(), &all, &[]),
    ];
    for (why, global, wanted, want) in cases {
        assert_eq!(GlobalPlan::objects_to_describe(&global, wanted), want, "{why}");
    }
}

#[test]
fn what_the_plan_leaves_out_is_not_searched_nor_shown() {
    // Accounts readable but not searchable: not searched, their name still under a contact.
    let mut describes = org();
    describes.iter_mut().filter(|d| d.name() == "Account").for_each(|d| d.object.searchable = false);
    assert_eq!(
        plan(&describes).objects,
        [shown("Contact", &["Title", "Account.Name"]), shown("Lead", &["Title", "Company"]), shown("Opportunity", &["StageName", "Account.Name"])]
    );
    // A lookup to several objects (or without a relationship name) gives no path.
    let mut describes = org();
    for f in describes.iter_mut().filter(|d| d.name() == "Contact").flat_map(|d| d.fields.iter_mut()).filter(|f| f.name == "AccountId") {
        f.reference_to.push("User".into());
    }
    assert_eq!(plan(&describes).objects[1], shown("Contact", &["Title"]));
    let mut describes = org();
    for f in describes.iter_mut().filter(|d| d.name() == "Opportunity").flat_map(|d| d.fields.iter_mut()).filter(|f| f.name == "AccountId") {
        f.relationship_name = None;
    }
    assert_eq!(plan(&describes).objects[3], shown("Opportunity", &["StageName"]));
    // Hits are read by the plan: other objects skipped, only its subtitle
    // fields shown, the answer's type matched in any case.
    let records: Vec<Record> = serde_json::from_value(json!([
        {"attributes": {"type": "account", "url": "/x"}, "Id": "001000000000001AAA", "Name": "Acme Robotics", "Industry": "Robotics", "BillingCity": "San Francisco"},
        {"attributes": {"type": "Lead", "url": "/x"}, "Id": "00Q000000000001AAA", "Name": "David Okafor", "Title": "Head of Sales", "Company": "Acme Robotics"}
    ]))
    .expect("records");
    let narrowed = plan(&without_field(org(), "Account", "Industry")).only(&["Account"]);
    let got: Vec<(String, String, String)> = hits(&records, &narrowed).into_iter().map(|h| (h.object, h.title, h.subtitle)).collect();
    assert_eq!(got, [("Account".to_owned(), "Acme Robotics".to_owned(), "San Francisco".to_owned())]);
}
