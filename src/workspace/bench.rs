//! `GridBench`: the Workspace grid on 2,000 synthetic opportunities, for
//! `cargo xtask bench`'s browser section (`xtask/bench-web/`). Not reachable
//! from the extension's UI: only `start_grid_bench` mounts it.
//!
//! It renders the real [`Grid`] wired as the Workspace page wires it: the
//! same `Page` reducer (`Action::Columns`, `Action::Batch`,
//! `Action::FilterColumn`, `Action::SortBy`) and the same `use_visible_rows`
//! memo. When it mounts, it generates the records and shows the empty grid
//! of their columns, as the Workspace does once it knows the columns and
//! waits for the query; `window.sidecarGridBench.render()` is the query's
//! answer: it builds the rows through `Row::from_record` and shows them.
//! The harness times that (the grid alone, not the wasm download and
//! compile); the other two grids of the bench are timed from the same
//! point, their empty grid up and the records arriving.
//!
//! The data must match `xtask/bench-web/data.js` exactly (same xorshift32
//! sequence, same word lists), so the three grids of the bench show the same
//! rows.

use std::cell::Cell;

use salesforce_rest::wire::Record;
use serde_json::json;
use sidecar_core::fields::{EditContext, FieldSpec, FieldType, PicklistOption};
use sidecar_core::workspace::ColumnSpec;
use sidecar_core::workspace::grid::Row;
use sidecar_core::workspace::page::Action;
use wasm_bindgen::prelude::*;
use yew::prelude::*;

use super::State;
use super::grid::{Grid, use_visible_rows};

/// Rows in the bench.
pub const ROWS: usize = 2000;
const SEED: u32 = 0x5EED_2000;

const ADJECTIVES: [&str; 16] = [
    "Global",
    "Annual",
    "Strategic",
    "Premier",
    "Rapid",
    "Enterprise",
    "Northern",
    "Summit",
    "Blue",
    "Alpha",
    "Bright",
    "Central",
    "Delta",
    "Evergreen",
    "Frontier",
    "Granite",
];
const NOUNS: [&str; 12] =
    ["Expansion", "Renewal", "Upgrade", "Rollout", "Migration", "License", "Pilot", "Deal", "Partnership", "Refresh", "Bundle", "Contract"];
const ACCOUNTS: [&str; 20] = [
    "Acme",
    "Globex",
    "Initech",
    "Umbrella",
    "Stark",
    "Wayne",
    "Wonka",
    "Hooli",
    "Vandelay",
    "Soylent",
    "Cyberdyne",
    "Tyrell",
    "Gringotts",
    "Oscorp",
    "Aperture",
    "Massive",
    "Monarch",
    "Nakatomi",
    "Pied Piper",
    "Zorg",
];
const SUFFIXES: [&str; 4] = ["Inc.", "Corp.", "LLC", "Group"];
/// (value, label) in the picklist's order, which is the sort order.
pub const STAGES: [&str; 6] = ["Prospecting", "Qualification", "Needs Analysis", "Proposal", "Negotiation", "Closed Won"];

/// xorshift32: tiny, deterministic, and the same in JS with `>>> 0`.
struct XorShift(u32);

impl XorShift {
    fn next(&mut self) -> u32 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        self.0 = x;
        x
    }

    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.next() as usize % list.len()]
    }
}

/// Name, Account name, Amount, Close Date, Stage, Probability.
pub fn columns() -> Vec<ColumnSpec> {
    let col = |path: &str, label: &str, ty| ColumnSpec::new(path, FieldSpec::new(path, label, ty));
    let mut amount = col("Amount", "Amount", FieldType::Currency);
    amount.spec.scale = 2;
    let mut stage = col("StageName", "Stage", FieldType::Picklist);
    stage.spec.picklist = STAGES.iter().map(|s| PicklistOption { value: (*s).into(), label: (*s).into(), active: true }).collect();
    stage.spec.restricted = true;
    vec![
        col("Name", "Name", FieldType::String),
        col("Account.Name", "Account Name", FieldType::String),
        amount,
        col("CloseDate", "Close Date", FieldType::Date),
        stage,
        col("Probability", "Probability (%)", FieldType::Percent),
    ]
}

/// The 2,000 records, as a query would answer them.
pub fn records() -> Vec<Record> {
    let mut rng = XorShift(SEED);
    (0..ROWS)
        .map(|i| {
            let name = format!("{} {} {}", rng.pick(&ADJECTIVES), rng.pick(&NOUNS), i + 1);
            let account = format!("{} {}", rng.pick(&ACCOUNTS), rng.pick(&SUFFIXES));
            let cents = rng.next() % 50_000_000;
            let amount = f64::from(cents) / 100.0;
            let (year, month, day) = (2025 + rng.next() % 2, 1 + rng.next() % 12, 1 + rng.next() % 28);
            let stage = rng.pick(&STAGES);
            let probability = (rng.next() % 11) * 10;
            let id = format!("006BENCH{:07}AAA", i + 1);
            serde_json::from_value(json!({
                "attributes": {"type": "Opportunity", "url": format!("/services/data/v62.0/sobjects/Opportunity/{id}")},
                "Id": id,
                "Name": name,
                "Account": {"attributes": {"type": "Account"}, "Name": account},
                "Amount": amount,
                "CloseDate": format!("{year:04}-{month:02}-{day:02}"),
                "StageName": stage,
                "Probability": probability,
            }))
            .unwrap_or_else(|e| panic!("bench record {i}: {e}"))
        })
        .collect()
}

#[component]
pub fn GridBench() -> Html {
    let state = use_reducer(State::default);
    let page = &state.0;

    // Expose `window.sidecarGridBench.render()`: build the rows from the
    // (already generated) records and load them into the page, as the loader's
    // last batch does.
    {
        let dispatcher = state.dispatcher();
        let generation = page.generation;
        use_effect_with((), move |()| {
            // Handed over to the rows on the first render(), as the loader
            // hands over each page of records it receives.
            let records = Cell::new(records());
            // The user and the columns are known before the records
            // arrive: the grid is up, empty, as in the Workspace.
            // Locale-aware formatting on: a German rep's amounts, dates
            // and percentages (the reference grids format the same way).
            dispatcher.dispatch(Action::User { name: "Bench".into(), ctx: EditContext::new("de_DE", "Europe/Berlin") });
            dispatcher.dispatch(Action::Columns { generation, known: columns(), columns: columns() });
            let render = Closure::<dyn Fn()>::new(move || {
                let rows: Vec<Row> = records.take().into_iter().map(Row::from_record).collect();
                dispatcher.dispatch(Action::Batch { generation, total: rows.len() as u64, rows, done: true });
            });
            let api = js_sys::Object::new();
            let window = gloo::utils::window();
            let set = |target: &JsValue, key: &str, value: &JsValue| js_sys::Reflect::set(target, &JsValue::from_str(key), value).ok();
            set(&api, "render", render.as_ref());
            set(&api, "rows", &JsValue::from(ROWS as u32));
            set(&window, "sidecarGridBench", &api);
            // The page lives as long as the document: the closure may too.
            render.forget();
        });
    }

    let visible = use_visible_rows(&page.rows, &page.columns, &page.ctx, &page.view);

    html! {
        <div class="workspace" data-testid="grid-bench">
            <section class="workspace-body">
                if !page.columns.is_empty() {
                    <Grid columns={page.columns.clone()} rows={page.rows.clone()} visible={visible.clone()}
                        selection={page.selection.clone()} sort={page.view.sort} filters={page.view.column_filters.clone()} ctx={page.ctx.clone()} loading={page.in_progress()}
                        on_filter={{ let state = state.clone(); Callback::from(move |(c, t)| state.dispatch(Action::FilterColumn(c, t))) }}
                        on_sort={{ let state = state.clone(); Callback::from(move |c| state.dispatch(Action::SortBy(c))) }}
                        on_toggle={{ let state = state.clone(); Callback::from(move |id| state.dispatch(Action::Toggle(id))) }}
                        on_clear={{ let state = state.clone(); Callback::from(move |()| state.dispatch(Action::ClearSelection)) }}
                        on_edit={Callback::noop()} on_retry={Callback::noop()} />
                }
            </section>
        </div>
    }
}
