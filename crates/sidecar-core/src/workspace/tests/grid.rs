//! In-grid column filters (every field type), search and sort.

use serde_json::{Value, json};

use super::*;
use crate::fields::FieldValue;
use crate::records::lookup::Picked;
use crate::workspace::grid::{ColumnSort, GridView, natural_cmp, visible_rows};

fn data() -> Vec<Row> {
    let account =
        |n: u64, name: &str, industry: &str| -> Value { json!({"attributes": {"type": "Account"}, "Name": name, "Industry": industry, "Id": account_id(n)}) };
    rows(&[
        record(
            1,
            json!({
            "Name": "Amazon", "Phone__c": "(415) 555-0100", "Email__c": "ann@amazon.com", "Website__c": "amazon.com",
            "Active__c": true, "Amount": 1234.5, "Employees__c": 1500, "Score__c": 7.5, "Discount__c": 12.5,
            "CloseDate": "2026-11-23", "LastTouch__c": "2026-11-23T09:30:00.000+0000", "AccountId": account_id(1),
            "Account": account(1, "Amazon", "Retail"), "StageName": "Prospecting", "Regions__c": "East;North",
            "Description": "Renewal talk"}),
        ),
        record(
            2,
            json!({
            "Name": "amber labs", "Phone__c": "+1 212 555 0199", "Email__c": "bo@amber.io", "Website__c": null,
            "Active__c": false, "Amount": 99, "Employees__c": 12, "Score__c": -2, "Discount__c": 5,
            "CloseDate": "2025-02-01", "LastTouch__c": null, "AccountId": account_id(2),
            "Account": account(2, "Amber Labs", "Energy"), "StageName": "Closed Won", "Regions__c": "West",
            "Description": null}),
        ),
        record(3, json!({"Name": "Boeing", "Active__c": false, "Amount": null, "StageName": "Qualification", "AccountId": null, "Account": null})),
        record(4, json!({"Name": "opp 10", "Amount": 10, "StageName": "Id. Decision Makers", "CloseDate": "2024-01-06"})),
        record(5, json!({"Name": "Opp 2", "Amount": 1000000, "StageName": null, "CloseDate": "2024-01-06"})),
    ])
}

/// The record numbers (1-based, as built above) of the visible rows.
fn shown(rows: &[Row], view: &GridView) -> Vec<u64> {
    visible_rows(rows, &columns(), &ctx(), view).into_iter().map(|i| i as u64 + 1).collect()
}

fn filter(column: usize, typed: &str) -> GridView {
    let mut column_filters = vec![String::new(); columns().len()];
    column_filters[column] = typed.into();
    GridView { column_filters, ..GridView::default() }
}

#[test]
fn rows_show_what_the_grid_shows() {
    let rows = data();
    let r = &rows[0];
    assert_eq!(r.id, id(1));
    assert_eq!(r.display(AMOUNT, &columns(), &ctx()), "$1,234.50");
    assert_eq!(r.display(ACCOUNT, &columns(), &ctx()), "Amazon", "a lookup shows the record's name");
    assert_eq!(r.value(ACCOUNT, &columns()).clone(), FieldValue::Id(salesforce_rest::SfId::parse(&account_id(1)).expect("id")));
    assert_eq!(r.display(STAGE, &columns(), &ctx()), "Prospecting");
    assert_eq!(r.display(REGIONS, &columns(), &ctx()), "East Coast; North");
    assert_eq!(r.display(INDUSTRY, &columns(), &ctx()), "Retail");
    assert_eq!(r.display(ACTIVE, &columns(), &ctx()), "Yes");
    assert_eq!(rows[2].display(INDUSTRY, &columns(), &ctx()), "", "a null parent shows nothing");
    assert_eq!(rows[1].display(STAGE, &columns(), &ctx()), "Won", "picklists show labels");
}

#[test]
fn column_filter_starts_with_for_every_type() {
    let rows = data();
    let table: &[(usize, &str, &[u64])] = &[
        (NAME, "Am", &[1, 2]),
        (NAME, "aM", &[1, 2]),
        (NAME, "opp", &[4, 5]),
        (NAME, "mazon", &[]),
        (NAME, "", &[1, 2, 3, 4, 5]),
        (PHONE, "(415", &[1]),
        (PHONE, "+1", &[2]),
        (EMAIL, "ANN@", &[1]),
        (URL, "amazon", &[1]),
        (ACTIVE, "y", &[1]),
        (ACTIVE, "no", &[2, 3]),
        (ACTIVE, "false", &[2, 3]),
        (ACTIVE, "T", &[1]),
        (AMOUNT, "$1,2", &[1]),
        (AMOUNT, "1234", &[1]),
        (AMOUNT, "1,234.5", &[1]),
        (AMOUNT, "99", &[2]),
        (AMOUNT, "1", &[1, 4, 5]),
        (EMPLOYEES, "1,5", &[1]),
        (EMPLOYEES, "1500", &[1]),
        (EMPLOYEES, "12", &[2]),
        (SCORE, "-", &[2]),
        (SCORE, "7.5", &[1]),
        (DISCOUNT, "12.5", &[1]),
        (DISCOUNT, "5", &[2]),
        (CLOSE, "11/", &[1]),
        (CLOSE, "2026-11", &[1]),
        (CLOSE, "2024-01", &[4, 5]),
        (TOUCHED, "11/23/2026", &[1]),
        (TOUCHED, "2026-11-23", &[1]),
        (ACCOUNT, "am", &[1, 2]),
        (ACCOUNT, "001", &[1, 2]),
        (STAGE, "won", &[2]),
        (STAGE, "closed", &[2]),
        (STAGE, "id.", &[4]),
        (REGIONS, "north", &[1]),
        (REGIONS, "west", &[2]),
        (REGIONS, "east", &[1]),
        (NOTES, "ren", &[1]),
        (INDUSTRY, "ret", &[1]),
    ];
    for (column, typed, expected) in table {
        assert_eq!(shown(&rows, &filter(*column, typed)), *expected, "column {column} starts with {typed:?}");
    }
}

#[test]
fn filters_combine_with_and_and_search_contains() {
    let rows = data();
    let mut view = filter(NAME, "am");
    view.column_filters[STAGE] = "pro".into();
    assert_eq!(shown(&rows, &view), [1]);
    let search = |s: &str| shown(&rows, &GridView { search: s.into(), ..GridView::default() });
    assert_eq!(search("LABS"), [2]);
    assert_eq!(search("retail"), [1], "search covers parents' fields");
    assert_eq!(search("234"), [1], "search matches shown text");
    assert_eq!(search("opp"), [4, 5]);
    assert_eq!(search("  "), [1, 2, 3, 4, 5]);
    let mut both = filter(NAME, "opp");
    both.search = "1,000".into();
    assert_eq!(shown(&rows, &both), [5], "Opp 2 by its amount $1,000,000.00");
}

#[test]
fn sort_is_type_aware_with_nulls_last() {
    let rows = data();
    let table: &[(usize, bool, &[u64])] = &[
        (NAME, false, &[1, 2, 3, 5, 4]),
        (NAME, true, &[4, 5, 3, 2, 1]),
        (AMOUNT, false, &[4, 2, 1, 5, 3]),
        (AMOUNT, true, &[5, 1, 2, 4, 3]),
        (CLOSE, false, &[4, 5, 2, 1, 3]),
        (CLOSE, true, &[1, 2, 4, 5, 3]),
        (TOUCHED, true, &[1, 2, 3, 4, 5]),
        (STAGE, false, &[1, 3, 4, 2, 5]),
        (STAGE, true, &[2, 4, 3, 1, 5]),
        (ACTIVE, false, &[2, 3, 1, 4, 5]),
        (ACTIVE, true, &[1, 2, 3, 4, 5]),
        (REGIONS, false, &[1, 2, 3, 4, 5]),
        (REGIONS, true, &[2, 1, 3, 4, 5]),
        (ACCOUNT, true, &[2, 1, 3, 4, 5]),
        (SCORE, false, &[2, 1, 3, 4, 5]),
    ];
    for (column, descending, expected) in table {
        let view = GridView { sort: Some(ColumnSort { column: *column, descending: *descending }), ..GridView::default() };
        assert_eq!(shown(&rows, &view), *expected, "column {column} descending {descending}");
    }
    let unsorted = shown(&rows, &GridView::default());
    assert_eq!(unsorted, [1, 2, 3, 4, 5], "no sort: the retrieved order");
}

#[test]
fn text_order_is_natural_and_accent_aware() {
    use std::cmp::Ordering::*;
    let table = [
        ("opp 2", "opp 10", Less),
        ("opp 10", "opp 10", Equal),
        ("opp 010", "opp 10", Equal),
        ("a", "b", Less),
        ("", "a", Less),
        ("école", "ecole", Greater),
        ("école", "f", Less),
        ("ecole", "école", Less),
        ("zoë", "zoe", Greater),
        ("item9", "item10b", Less),
    ];
    for (a, b, order) in table {
        assert_eq!(natural_cmp(a, b), order, "{a} vs {b}");
    }
}

#[test]
fn equal_numbers_keep_their_order_both_ways_and_empties_stay_last() {
    let rows = rows(&[
        record(1, json!({"Name": "a", "Amount": 5})),
        record(2, json!({"Name": "b", "Amount": null})),
        record(3, json!({"Name": "c", "Amount": 5})),
        record(4, json!({"Name": "d", "Amount": -1})),
        record(5, json!({"Name": "e", "Amount": 5})),
    ]);
    let sorted = |descending| shown(&rows, &GridView { sort: Some(ColumnSort { column: AMOUNT, descending }), ..GridView::default() });
    assert_eq!(sorted(false), [4, 1, 3, 5, 2]);
    assert_eq!(sorted(true), [1, 3, 5, 4, 2]);
}

#[test]
fn edits_update_what_filters_match() {
    let mut rows = data();
    let cols = columns();
    // Indexed before the edit (as the grid does once rows are on screen):
    // the edit must not leave the old texts matching.
    rows.iter().for_each(|r| r.index(&cols, &ctx()));
    assert_eq!(shown(&rows, &filter(AMOUNT, "99")), [2]);
    rows[1].set_value(AMOUNT, FieldValue::Number(4200.0), &cols, &ctx(), &Picked::default());
    assert!(shown(&rows, &filter(AMOUNT, "99")).is_empty());
    rows[2].set_value(AMOUNT, FieldValue::Number(4200.0), &cols, &ctx(), &Picked::default());
    assert_eq!(rows[2].display(AMOUNT, &columns(), &ctx()), "$4,200.00");
    assert_eq!(shown(&rows, &filter(AMOUNT, "42")), [2, 3]);
    rows[2].set_value(99, FieldValue::Null, &cols, &ctx(), &Picked::default());
}

#[test]
fn two_thousand_rows_per_keystroke() {
    let stages = ["Prospecting", "Qualification", "Closed Won"];
    let records: Vec<_> = (0..2000u64)
        .map(|n| {
            record(
                n + 1,
                json!({
                    "Name": format!("{} {n}", ["Amazon", "Boeing", "Cisco", "Dell"][n as usize % 4]),
                    "Amount": (n * 37 % 1000) as f64 * 10.5,
                    "CloseDate": format!("2026-{:02}-{:02}", n % 12 + 1, n % 28 + 1),
                    "StageName": stages[n as usize % 3],
                    "Description": if n % 5 == 0 { Value::Null } else { json!("Renewal") },
                }),
            )
        })
        .collect();
    let rows = rows(&records);
    let mut view = GridView { sort: Some(ColumnSort { column: AMOUNT, descending: true }), ..GridView::default() };
    for typed in ["A", "Am", "Ama", "Amaz"] {
        view.column_filters = vec![typed.to_owned()];
        assert_eq!(visible_rows(&rows, &columns(), &ctx(), &view).len(), 500);
    }
    view.column_filters.clear();
    view.search = "renewal".into();
    assert_eq!(visible_rows(&rows, &columns(), &ctx(), &view).len(), 1600);
    // How fast is `cargo xtask bench`'s to measure, against a reference in
    // the same run; a test on this shared machine only checks the answers.
}

#[test]
fn column_widths_follow_what_the_columns_show_and_their_type() {
    use crate::workspace::grid::{column_tracks, is_numeric};
    let cols = columns();
    let all = column_tracks(&cols, &data(), &ctx());
    assert_eq!(all.matches("minmax(").count() + 1, cols.len(), "one track per column: {all}");
    // 16 columns: no minimum takes more than an 18th of the grid. A checkbox
    // column needs no share; dates and numbers keep a readable minimum.
    assert!(all.contains("min(5.5rem, 5.6%)"), "{all}");
    assert!(all.contains("minmax(min(max(6.5rem, calc(10ch + 1rem)), 5.6%),"), "{all}");
    assert!(all.contains("minmax(min(max(6rem,"), "{all}");
    // With no rows, each column's share is its label's (within 4 to 40, plus 3 for padding).
    assert_eq!(column_tracks(&cols[..1], &[], &ctx()), "minmax(min(max(5rem, calc(4ch + 1rem)), 33.3%), 7fr)");
    // A long name takes a bigger share than a short one.
    let long = rows(&[record(1, json!({"Name": "A company whose name is long enough to be cut"}))]);
    assert_eq!(column_tracks(&cols[..1], &long, &ctx()), "minmax(min(max(5rem, calc(40ch + 1rem)), 33.3%), 43fr)");
    assert!(is_numeric(crate::fields::FieldType::Currency) && !is_numeric(crate::fields::FieldType::Date));
}

/// A German rep in a multi-currency org: each amount in its record's
/// currency with the converted figure, dated by the close date; sorted by
/// what it is worth in euros; filtered on what is shown; the query selects
/// the currency and the close date.
#[test]
fn amounts_of_several_currencies() {
    use crate::currency::{CurrencyRate, Rates};
    let currencies = [("USD", 1.0, 2), ("EUR", 0.9, 2), ("JPY", 113.0, 0)]
        .into_iter()
        .map(|(iso, rate, decimals)| CurrencyRate { iso: iso.into(), rate, decimals })
        .collect();
    let ctx = EditContext::new("de_DE", "Europe/Berlin").with_rates("EUR", Rates { corporate: "USD".into(), currencies, dated: Vec::new() });
    let mut cols = columns();
    for column in &mut cols {
        column.money = column.money_paths("Opportunity", true);
    }
    assert_eq!(cols[AMOUNT].money, Some(crate::workspace::MoneyPaths { currency: "CurrencyIsoCode".into(), day: Some("CloseDate".into()) }));
    let rows = rows(&[
        record(1, json!({"Name": "Saito", "Amount": 4_747_500, "CurrencyIsoCode": "JPY", "CloseDate": "2023-08-31"})),
        record(2, json!({"Name": "Cars", "Amount": 40_000, "CurrencyIsoCode": "USD", "CloseDate": "2023-08-31"})),
        record(3, json!({"Name": "Jets", "Amount": 38_000, "CurrencyIsoCode": "EUR", "CloseDate": "2023-08-31"})),
    ]);
    assert_eq!(rows[0].display(AMOUNT, &cols, &ctx), "JPY 4.747.500 (EUR 37.811,95)");
    assert_eq!(rows[1].display(AMOUNT, &cols, &ctx), "USD 40.000,00 (EUR 36.000,00)");
    assert_eq!(rows[2].display(AMOUNT, &cols, &ctx), "EUR 38.000,00");
    let sorted = |descending| visible_rows(&rows, &cols, &ctx, &GridView { sort: Some(ColumnSort { column: AMOUNT, descending }), ..GridView::default() });
    assert_eq!(sorted(false), [1, 0, 2], "by worth in euros, not by the raw 4,747,500");
    let mut column_filters = vec![String::new(); cols.len()];
    column_filters[AMOUNT] = "4.747".into();
    assert_eq!(visible_rows(&rows, &cols, &ctx, &GridView { column_filters: column_filters.clone(), ..GridView::default() }), [0]);
    column_filters[AMOUNT] = "jpy".into();
    assert_eq!(visible_rows(&rows, &cols, &ctx, &GridView { column_filters, ..GridView::default() }), [0]);
    use crate::workspace::model::{Scope, Sort, Workspace};
    let workspace = Workspace {
        id: "ws-1".into(),
        name: "Pipeline".into(),
        object: "Opportunity".into(),
        columns: vec!["Name".into(), "Amount".into()],
        scope: Scope::Mine,
        filters: Vec::new(),
        sort: Sort { field: "Amount".into(), descending: true },
    };
    let query = crate::workspace::query::records_query(&workspace, &cols, "005000000000001AAA", &ctx).expect("query").to_string();
    assert!(query.starts_with("SELECT Id, Name, Amount, CurrencyIsoCode, CloseDate FROM Opportunity"), "{query}");

    // The grid shows the currency too: changing it (or the close date)
    // shows the amount anew, before the org has saved it.
    cols.push(ColumnSpec::new("CurrencyIsoCode", crate::fields::FieldSpec::new("CurrencyIsoCode", "Opportunity Currency", crate::fields::FieldType::Picklist)));
    let currency_column = cols.len() - 1;
    let mut row = Row::from_record(record(2, json!({"Name": "Cars", "Amount": 40_000, "CurrencyIsoCode": "USD", "CloseDate": "2023-08-31"})));
    assert_eq!(row.display(AMOUNT, &cols, &ctx), "USD 40.000,00 (EUR 36.000,00)");
    row.set_value(currency_column, FieldValue::Text("EUR".into()), &cols, &ctx, &Picked::default());
    assert_eq!(row.display(AMOUNT, &cols, &ctx), "EUR 40.000,00");
    assert_eq!(row.money(AMOUNT, &cols).currency, Some("EUR"));
}
