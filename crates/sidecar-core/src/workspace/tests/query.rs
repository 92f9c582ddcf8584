//! SOQL of a workspace: rendering (hostile values escaped), operators per
//! type, filter values, summary and header line.

use super::{ACCOUNT, AMOUNT, CLOSE, NOTES, STAGE, columns, ctx};
use crate::fields::FieldType;
use crate::workspace::model::{Filter, Op, Scope, Sort, Workspace};
use crate::workspace::query::{
    FilterValue, cap_line, count_query, filter_summary, header_line, left_out, loading_text, ops_for, order_words, parse_filter_value, records_query,
    wants_more,
};

const ME: &str = "005000000000001AAA";

fn workspace(filters: Vec<Filter>) -> Workspace {
    Workspace {
        id: "ws-1".into(),
        name: "Pipeline".into(),
        object: "Opportunity".into(),
        columns: vec!["Name".into(), "AccountId".into(), "Account.Industry".into(), "Amount".into(), "CloseDate".into()],
        scope: Scope::Mine,
        filters,
        sort: Sort { field: "CloseDate".into(), descending: true },
    }
}

fn soql(filters: Vec<Filter>) -> Result<String, String> {
    records_query(&workspace(filters), &columns(), ME, &ctx()).map(|q| q.to_string()).map_err(|e| e.to_string())
}

fn where_of(filter: Filter) -> Result<String, String> {
    let mut ws = workspace(vec![filter]);
    ws.scope = Scope::All;
    let q = count_query(&ws, &columns(), ME, &ctx()).map_err(|e| e.to_string())?;
    Ok(q.to_string().trim_start_matches("SELECT COUNT() FROM Opportunity WHERE ").to_owned())
}

#[test]
fn records_and_count_queries() {
    assert_eq!(
        soql(vec![Filter::new("StageName", Op::Equals, "Prospecting")]).as_deref(),
        Ok("SELECT Id, Name, AccountId, Account.Name, Account.Industry, Amount, CloseDate FROM Opportunity \
            WHERE StageName = 'Prospecting' AND OwnerId = '005000000000001AAA' ORDER BY CloseDate DESC NULLS LAST LIMIT 2001")
    );
    let mut all = workspace(vec![]);
    all.scope = Scope::All;
    all.sort.descending = false;
    assert_eq!(
        records_query(&all, &columns(), ME, &ctx()).map(|q| q.to_string()).as_deref(),
        Ok("SELECT Id, Name, AccountId, Account.Name, Account.Industry, Amount, CloseDate FROM Opportunity ORDER BY CloseDate NULLS LAST LIMIT 2001")
    );
    assert_eq!(count_query(&all, &columns(), ME, &ctx()).map(|q| q.to_string()).as_deref(), Ok("SELECT COUNT() FROM Opportunity"));
    assert_eq!(
        count_query(&workspace(vec![]), &columns(), ME, &ctx()).map(|q| q.to_string()).as_deref(),
        Ok("SELECT COUNT() FROM Opportunity WHERE OwnerId = '005000000000001AAA'")
    );
}

#[test]
fn every_operator_renders() {
    let table: &[(&str, Op, &str, &str)] = &[
        ("Name", Op::Equals, "Acme", "Name = 'Acme'"),
        ("Name", Op::NotEquals, "Acme", "Name != 'Acme'"),
        ("Name", Op::Contains, "cme", "Name LIKE '%cme%'"),
        ("Name", Op::StartsWith, "Ac", "Name LIKE 'Ac%'"),
        ("Name", Op::IsEmpty, "", "Name = null"),
        ("Name", Op::NotEmpty, "ignored", "Name != null"),
        ("Phone__c", Op::StartsWith, "+1 (415)", "Phone__c LIKE '+1 (415)%'"),
        ("Email__c", Op::Contains, "@acme", "Email__c LIKE '%@acme%'"),
        ("Website__c", Op::Equals, "acme.com", "Website__c = 'acme.com'"),
        ("Active__c", Op::Equals, "yes", "Active__c = true"),
        ("Active__c", Op::NotEquals, "false", "Active__c != false"),
        ("Amount", Op::GreaterThan, "$1,250.50", "Amount > 1250.5"),
        ("Amount", Op::LessOrEqual, "1000", "Amount <= 1000"),
        ("Employees__c", Op::GreaterOrEqual, "50", "Employees__c >= 50"),
        ("Score__c", Op::LessThan, "-2.5", "Score__c < -2.5"),
        ("Discount__c", Op::Equals, "12.5%", "Discount__c = 12.5"),
        ("CloseDate", Op::Equals, "NEXT_WEEK", "CloseDate = NEXT_WEEK"),
        ("CloseDate", Op::Equals, "today", "CloseDate = TODAY"),
        ("CloseDate", Op::LessThan, "11/23/2026", "CloseDate < 2026-11-23"),
        ("CloseDate", Op::GreaterThan, "LAST_N_DAYS:30", "CloseDate > LAST_N_DAYS:30"),
        ("LastTouch__c", Op::Equals, "last_n_days: 7", "LastTouch__c = LAST_N_DAYS:7"),
        ("LastTouch__c", Op::GreaterOrEqual, "2026-11-23T09:30", "LastTouch__c >= 2026-11-23T09:30:00Z"),
        ("LastTouch__c", Op::Equals, "11/23/2026", "LastTouch__c >= 2026-11-23T00:00:00Z AND LastTouch__c < 2026-11-24T00:00:00Z"),
        ("LastTouch__c", Op::NotEquals, "2026-11-23", "LastTouch__c < 2026-11-23T00:00:00Z OR LastTouch__c >= 2026-11-24T00:00:00Z"),
        ("LastTouch__c", Op::GreaterThan, "2026-11-23", "LastTouch__c >= 2026-11-24T00:00:00Z"),
        ("LastTouch__c", Op::LessOrEqual, "2026-12-31", "LastTouch__c < 2027-01-01T00:00:00Z"),
        ("LastTouch__c", Op::LessThan, "2026-11-23", "LastTouch__c < 2026-11-23T00:00:00Z"),
        ("AccountId", Op::Equals, "001000000000001", "AccountId = '001000000000001AAA'"),
        ("AccountId", Op::IsEmpty, "", "AccountId = null"),
        ("StageName", Op::Equals, "Won", "StageName = 'Closed Won'"),
        ("StageName", Op::NotEquals, "qualification", "StageName != 'Qualification'"),
        ("Regions__c", Op::Includes, "East;North", "Regions__c INCLUDES ('East', 'North')"),
        ("Regions__c", Op::Excludes, "West Coast", "Regions__c EXCLUDES ('West')"),
        ("Regions__c", Op::Equals, "North;East", "Regions__c = 'East;North'"),
        ("Description", Op::Contains, "renewal", "Description LIKE '%renewal%'"),
        ("Account.Industry", Op::Equals, "Energy", "Account.Industry = 'Energy'"),
    ];
    for (field, op, value, expected) in table {
        assert_eq!(where_of(Filter::new(field, *op, value)).as_deref(), Ok(*expected), "{field} {op:?} {value}");
    }
}

#[test]
fn hostile_values_are_escaped() {
    let table: &[(&str, Op, &str, &str)] = &[
        ("Name", Op::Equals, "O'Brien", r"Name = 'O\'Brien'"),
        ("Name", Op::Equals, "x' OR Name != 'y", r"Name = 'x\' OR Name != \'y'"),
        ("Name", Op::Equals, r"back\slash", r"Name = 'back\\slash'"),
        ("Name", Op::Equals, "50%_off", "Name = '50%_off'"),
        ("Name", Op::Contains, "50%", r"Name LIKE '%50\%%'"),
        ("Name", Op::StartsWith, "a_b", r"Name LIKE 'a\_b%'"),
        ("Name", Op::Contains, r"c:\dir'", r"Name LIKE '%c:\\dir\'%'"),
        ("Name", Op::Equals, "line\nbreak", r"Name = 'line\nbreak'"),
    ];
    for (field, op, value, expected) in table {
        assert_eq!(where_of(Filter::new(field, *op, value)).as_deref(), Ok(*expected), "{value:?}");
    }
    // The user id too is a value, never spliced.
    let q = records_query(&workspace(vec![]), &columns(), "x' OR OwnerId != '", &ctx()).map(|q| q.to_string()).expect("query");
    assert!(q.contains(r"OwnerId = 'x\' OR OwnerId != \''"), "{q}");
}

#[test]
fn names_from_storage_are_checked() {
    let mut ws = workspace(vec![]);
    ws.object = "Opportunity WHERE Name != null".into();
    assert!(records_query(&ws, &columns(), ME, &ctx()).is_err());
    let mut ws = workspace(vec![]);
    ws.columns.push("Name FROM User --".into());
    assert!(records_query(&ws, &columns(), ME, &ctx()).is_err());
    // A stored filter on a field the org no longer has is left out, with a
    // note, rather than failing the whole query.
    assert_eq!(soql(vec![Filter::new("Secret__c", Op::Equals, "x")]), soql(vec![]));
    let mut ws = workspace(vec![Filter::new("Secret__c", Op::Equals, "x"), Filter::new("Name; DROP", Op::Equals, "x")]);
    ws.sort.field = "Gone__c".into();
    assert_eq!(
        left_out(&ws, &columns()),
        [
            "The filter on Secret__c was left out: that field isn't available.",
            "The filter on Name; DROP was left out: that field isn't available.",
            "The sort by Gone__c was left out: that field isn't available.",
        ]
    );
    let q = records_query(&ws, &columns(), ME, &ctx()).map(|q| q.to_string()).expect("query");
    assert!(!q.contains("ORDER BY") && !q.contains("Secret__c") && !q.contains("DROP"), "{q}");
}

#[test]
fn filters_and_sorts_describe_refuses_are_left_out_with_a_note() {
    // A stored workspace filtering and sorting on a long text area, which
    // SOQL refuses in WHERE and ORDER BY (describe: filterable/sortable false).
    let mut cols = columns();
    cols[NOTES].filterable = false;
    cols[NOTES].sortable = false;
    let mut ws = workspace(vec![Filter::new("Description", Op::Contains, "urgent"), Filter::new("StageName", Op::Equals, "Prospecting")]);
    ws.sort.field = "Description".into();
    assert_eq!(
        left_out(&ws, &cols),
        [
            "The filter on Description was left out: Salesforce can't filter on that field.",
            "The sort by Description was left out: Salesforce can't sort on that field.",
        ]
    );
    let q = records_query(&ws, &cols, ME, &ctx()).map(|q| q.to_string()).expect("query");
    assert!(q.contains("WHERE StageName = 'Prospecting' AND OwnerId = ") && !q.contains("Description") && !q.contains("ORDER BY"), "{q}");
    let count = count_query(&ws, &cols, ME, &ctx()).map(|q| q.to_string()).expect("count");
    assert!(!count.contains("Description"), "{count}");
    assert_eq!(header_line("Ian", 3, &ws, &cols, None), "Welcome, Ian. We're showing 3 record(s). You're seeing records that you own.");
    // Usable ones stay: nothing to say.
    ws.filters.remove(0);
    ws.sort.field = "CloseDate".into();
    assert!(left_out(&ws, &cols).is_empty());
}

#[test]
fn operators_per_type() {
    use Op::*;
    let table: &[(FieldType, &[Op])] = &[
        (FieldType::String, &[Equals, NotEquals, Contains, StartsWith, IsEmpty, NotEmpty]),
        (FieldType::Textarea, &[Equals, NotEquals, Contains, StartsWith, IsEmpty, NotEmpty]),
        (FieldType::Currency, &[Equals, NotEquals, LessThan, GreaterThan, LessOrEqual, GreaterOrEqual, IsEmpty, NotEmpty]),
        (FieldType::Date, &[Equals, NotEquals, LessThan, GreaterThan, LessOrEqual, GreaterOrEqual, IsEmpty, NotEmpty]),
        (FieldType::Boolean, &[Equals, NotEquals]),
        (FieldType::Picklist, &[Equals, NotEquals, IsEmpty, NotEmpty]),
        (FieldType::Reference, &[Equals, NotEquals, IsEmpty, NotEmpty]),
        (FieldType::Multipicklist, &[Includes, Excludes, Equals, NotEquals, IsEmpty, NotEmpty]),
    ];
    for (ty, ops) in table {
        assert_eq!(ops_for(*ty), *ops, "{ty:?}");
    }
    for ty in crate::fields::EDITABLE {
        assert!(!ops_for(ty).is_empty(), "{ty:?}");
    }
}

#[test]
fn refused_values_say_why() {
    let table: &[(&str, Op, &str, &str)] = &[
        ("Amount", Op::Contains, "1", "Amount can't be filtered with \"contains\"."),
        ("Active__c", Op::IsEmpty, "", "Active can't be filtered with \"is empty\"."),
        ("Name", Op::Equals, "  ", "Enter a value for Name."),
        ("StageName", Op::Equals, "Lost", "Stage: "),
        ("Amount", Op::GreaterThan, "lots", "Amount: "),
        ("CloseDate", Op::Equals, "NEXT_FORTNIGHT", "TODAY, NEXT_WEEK or LAST_N_DAYS:30"),
        ("CloseDate", Op::Equals, "LAST_N_DAYS", "date literal"),
        ("AccountId", Op::Equals, "006000000000001", "Account"),
    ];
    for (field, op, value, fragment) in table {
        let message = where_of(Filter::new(field, *op, value)).expect_err(field);
        assert!(message.contains(fragment), "{field} {value}: {message}");
    }
}

#[test]
fn a_day_on_a_datetime_is_the_users_local_day() {
    let mut ws = workspace(vec![Filter::new("LastTouch__c", Op::Equals, "11/23/2026")]);
    ws.scope = Scope::All;
    let paris = crate::fields::EditContext::en_us("Europe/Paris");
    let q = count_query(&ws, &columns(), ME, &paris).map(|q| q.to_string()).expect("query");
    assert!(q.ends_with("WHERE LastTouch__c >= 2026-11-22T23:00:00Z AND LastTouch__c < 2026-11-23T23:00:00Z"), "{q}");
    assert_eq!(filter_summary(&ws, &columns(), &ctx()), "Last Touch equals 11/23/2026");
    // With other filters the day stays grouped.
    ws.filters[0].op = Op::NotEquals;
    ws.filters.push(Filter::new("Name", Op::StartsWith, "A"));
    let q = count_query(&ws, &columns(), ME, &ctx()).map(|q| q.to_string()).expect("query");
    assert!(q.ends_with("WHERE (LastTouch__c < 2026-11-23T00:00:00Z OR LastTouch__c >= 2026-11-24T00:00:00Z) AND Name LIKE 'A%'"), "{q}");
}

#[test]
fn filter_values_by_type() {
    let cols = columns();
    assert_eq!(parse_filter_value(&cols[CLOSE], Op::Equals, "NEXT_N_DAYS:5", &ctx()).map(|v| matches!(v, FilterValue::Literal(_))), Ok(true));
    assert_eq!(parse_filter_value(&cols[AMOUNT], Op::IsEmpty, "", &ctx()), Ok(FilterValue::Nothing));
    // Literals are for dates only: on text they are text.
    assert!(where_of(Filter::new("Name", Op::Equals, "TODAY")).is_ok_and(|w| w == "Name = 'TODAY'"));
    assert!(parse_filter_value(&cols[STAGE], Op::Equals, "Prospecting", &ctx()).is_ok());
    assert!(parse_filter_value(&cols[ACCOUNT], Op::Contains, "Acme", &ctx()).is_err());
}

#[test]
fn summary_of_filters() {
    let ws = workspace(vec![
        Filter::new("StageName", Op::Equals, "Prospecting"),
        Filter::new("CloseDate", Op::Equals, "NEXT_WEEK"),
        Filter::new("Amount", Op::GreaterThan, "1000"),
        Filter::new("StageName", Op::NotEquals, "Closed Won"),
        Filter::new("Regions__c", Op::Includes, "East;West"),
        Filter::new("Description", Op::IsEmpty, ""),
        Filter::new("CloseDate", Op::LessThan, "2026-12-31"),
    ]);
    assert_eq!(
        filter_summary(&ws, &columns(), &ctx()),
        "Stage equals Prospecting AND Close Date is NEXT_WEEK AND Amount is greater than $1,000.00 AND Stage doesn't equal Won \
         AND Regions includes East Coast; West Coast AND Description is empty AND Close Date is less than 12/31/2026"
    );
    assert_eq!(filter_summary(&workspace(vec![]), &columns(), &ctx()), "No filters");
}

#[test]
fn header_lines() {
    let mut ws = workspace(vec![]);
    assert_eq!(
        header_line("Ian", 16, &ws, &columns(), None),
        "Welcome, Ian. We're showing 16 record(s) sorted by Close Date in Newest to Oldest order. You're seeing records that you own."
    );
    ws.scope = Scope::All;
    ws.sort = Sort { field: "Name".into(), descending: false };
    assert_eq!(
        header_line("Ada", 1, &ws, &columns(), None),
        "Welcome, Ada. We're showing 1 record(s) sorted by Name in A to Z order. You're seeing records that you can see."
    );
    // A click on a column header: the line follows the grid's order.
    let amount = columns().into_iter().find(|c| c.path == "Amount").expect("Amount column");
    assert_eq!(
        header_line("Ada", 1, &ws, &columns(), Some((&amount, true))),
        "Welcome, Ada. We're showing 1 record(s) sorted by Amount in High to Low order. You're seeing records that you can see."
    );
    let table = [
        (FieldType::Date, false, "Oldest to Newest"),
        (FieldType::Datetime, true, "Newest to Oldest"),
        (FieldType::Currency, false, "Low to High"),
        (FieldType::Percent, true, "High to Low"),
        (FieldType::Picklist, false, "A to Z"),
        (FieldType::String, true, "Z to A"),
    ];
    for (ty, desc, words) in table {
        assert_eq!(order_words(ty, desc), words, "{ty:?}");
    }
}

#[test]
fn loading_up_to_two_thousand() {
    assert!(wants_more(0, false) && wants_more(1999, false));
    assert!(!wants_more(2000, false) && !wants_more(10, true));
    let table = [(0, 16, "Loading 0 of 16 records…"), (400, 2500, "Loading 400 of 2,000 records…"), (2000, 120_000, "Loading 2,000 of 2,000 records…")];
    for (loaded, total, text) in table {
        assert_eq!(loading_text(loaded, total), text);
    }
}

#[test]
fn a_list_cut_at_two_thousand_says_so_and_which_ones_it_shows() {
    let ws = workspace(vec![]);
    // (rows shown, the query's totalSize under LIMIT 2001)
    let cases: [(usize, u64, Option<&str>); 4] = [
        (2000, 2001, Some("More than 2,000 records match. These are the first 2,000 by Close Date (Newest to Oldest); add a filter to see the others.")),
        (2000, 2000, None),
        (16, 16, None),
        // A load cut short by an error says so itself; this line is about the cap.
        (400, 1990, None),
    ];
    for (shown, matching, want) in cases {
        assert_eq!(cap_line(shown, matching, &ws, &columns()).as_deref(), want, "{shown} of {matching}");
    }
    let unsortable = Workspace { sort: Sort { field: "NoSuchField__c".into(), descending: false }, ..ws };
    assert_eq!(
        cap_line(2000, 2001, &unsortable, &columns()).as_deref(),
        Some("More than 2,000 records match. These are the first 2,000 in no particular order; add a filter to see the others.")
    );
}
