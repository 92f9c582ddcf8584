//! Contextual insights on Home: what the CRM knows about the companies and
//! people on the page in the active tab, and "Add to Salesforce" for the
//! ones it doesn't. The page is read in the tab by `snapshot.js`
//! (`chrome.scripting`), understood by `sidecar_core::insights` in the
//! panel, and matched with ONE search per page; only the search terms
//! leave the browser, for the user's own org. Results are kept for the
//! session per page address.

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use salesforce_rest::SfId;
use salesforce_rest::soql::Date;
use salesforce_rest::wire::{Record, SObjectDescribe};
use sidecar_core::api_error::ApiError;
use sidecar_core::insights::actions::{account_details_query, duplicate_queries, logged_call, new_task};
use sidecar_core::insights::search::RETURNING;
use sidecar_core::insights::{
    Candidate, Correction, Corrections, Entity, Extraction, Match, PageSnapshot, SearchPlan, Why, extract, insights_search, lead_draft, only_createable, rank,
    unmatched,
};
use sidecar_core::messages::Message;
use sidecar_core::settings::keys::INSIGHTS_CORRECTIONS as CORRECTIONS_KEY;
use sidecar_core::settings::{PrivacySettings, keys};
use sidecar_core::todo::complete::{Statuses, statuses_query};
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::api::Crm;
use crate::platform::tabs::Tab;
use crate::platform::{permissions, runtime, scripting, storage};

/// Waits this long after the tab settles before reading it.
const DEBOUNCE_MS: u32 = 300;

#[derive(Debug, Clone, PartialEq)]
struct Found {
    extraction: Rc<Extraction>,
    /// As the search ranked them, before the user's corrections.
    matches: Rc<Vec<Match>>,
}

#[derive(Debug, Clone, PartialEq)]
enum View {
    /// Settings not read yet.
    Loading,
    /// The feature is off: offer to turn it on.
    Off,
    /// Not on this page (a blocked or sensitive site, incognito, not a web page).
    Quiet(&'static str),
    Reading,
    Ready(Found),
    Failed(String),
}

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct InsightsProps {
    pub tab: Option<Tab>,
    /// Open (object, id) on Home.
    pub on_open: Callback<(String, String)>,
}

fn host_of(url: &str) -> Option<String> {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"))?;
    let host = rest.split(['/', '?', '#']).next()?.rsplit('@').next()?;
    Some(host.split(':').next().unwrap_or(host).to_ascii_lowercase())
}

fn why_words(why: Why) -> &'static str {
    match why {
        Why::ChosenByYou => "You chose it",
        Why::SameLinkedIn => "Same LinkedIn profile",
        Why::SameEmail => "Same email",
        Why::SameDomain => "Same website domain",
        Why::SameNameAndCompany => "Same name and company",
        Why::NameOnly => "Name only",
    }
}

/// What the search returns per object, from the org's describes of the
/// searched objects (cached by the client; one the user cannot read is
/// not searched).
async fn search_plan(crm: &Crm) -> SearchPlan {
    let describes = futures::future::join_all(RETURNING.iter().map(|(object, _)| crm.describe(object))).await;
    let readable: Vec<Rc<SObjectDescribe>> = describes.into_iter().filter_map(Result::ok).collect();
    SearchPlan::from_describes(&readable.iter().map(|d| &**d).collect::<Vec<_>>())
}

/// Reads the tab and matches it: one search request, unless cached.
async fn understand(crm: &Crm, tab_id: i32, url: &str, cache: &RefCell<HashMap<String, Found>>) -> Result<Found, String> {
    if let Some(found) = cache.borrow().get(url).cloned() {
        return Ok(found);
    }
    let raw = scripting::run_file(tab_id, "snapshot.js").await.map_err(|e| format!("This page can't be read: {}", e.message))?;
    let snapshot: PageSnapshot = serde_wasm_bindgen::from_value(raw).map_err(|e| format!("This page couldn't be understood: {e}"))?;
    let extraction = extract(&snapshot.bounded());
    let plan = search_plan(crm).await;
    let records: Vec<Record> = match insights_search(&extraction, &plan) {
        Some(search) => {
            crm.search(&search).await.map_err(|e| e.user_message())?.search_records.into_iter().filter_map(|r| serde_json::from_value(r).ok()).collect()
        }
        None => Vec::new(),
    };
    let matches = rank(&extraction, &records, &plan);
    let found = Found { extraction: Rc::new(extraction), matches: Rc::new(matches) };
    cache.borrow_mut().insert(url.to_owned(), found.clone());
    Ok(found)
}

/// The record "Add to Salesforce" creates: a Lead for a person, an Account
/// for a company; only with fields the object's describe lets the user create.
async fn new_record(crm: &Crm, candidate: &Candidate) -> Result<(&'static str, Record), ApiError> {
    match candidate {
        Candidate::Person(_) => Ok(("Lead", lead_draft(candidate, &*crm.describe("Lead").await?))),
        Candidate::Company(c) => {
            let mut account = Record::new("Account").with("Name", c.name.clone());
            if let Some(domain) = &c.domain {
                account = account.with("Website", format!("https://{domain}"));
            }
            Ok(("Account", only_createable(account, &*crm.describe("Account").await?)))
        }
    }
}

fn candidate_name(c: &Candidate) -> String {
    match c {
        Candidate::Person(p) => p.name.clone(),
        Candidate::Company(c) => c.name.clone(),
    }
}

#[component]
pub fn Insights(props: &InsightsProps) -> Html {
    let crm = use_context::<Crm>().unwrap_or_default();
    let settings = use_state(|| None::<PrivacySettings>);
    let view = use_state(|| View::Loading);
    let cache = use_mut_ref(HashMap::<String, Found>::new);
    let ticket = use_mut_ref(|| 0_u64);
    let timer = use_mut_ref(|| None::<gloo::timers::callback::Timeout>);
    // The user's time zone, for "today" in quick actions.
    let zone = use_state(|| "UTC".to_owned());
    // Bumped to read the page again (after adding a record).
    let again = use_state(|| 0_u32);

    {
        let (crm, zone) = (crm.clone(), zone.clone());
        use_effect_with((), move |()| {
            spawn_local(async move {
                if let Ok(user) = crm.me().await {
                    zone.set(user.zoneinfo.clone());
                }
            });
        });
    }

    // The privacy settings, now and whenever they change.
    {
        let settings = settings.clone();
        use_effect_with((), move |()| {
            let load = {
                let settings = settings.clone();
                move || {
                    let settings = settings.clone();
                    spawn_local(async move {
                        let stored = storage::get::<PrivacySettings>(keys::PRIVACY).await.ok().flatten().unwrap_or_default();
                        settings.set(Some(stored));
                    });
                }
            };
            load();
            let listener = runtime::on_message(move |m| {
                if m == Message::SettingsChanged {
                    load();
                }
            })
            .ok();
            move || drop(listener)
        });
    }

    // The page in the active tab, once it settles.
    {
        let (crm, view, cache, ticket, timer) = (crm.clone(), view.clone(), cache.clone(), ticket.clone(), timer.clone());
        let tab = props.tab.clone();
        let key = (tab.as_ref().map(|t| (t.id, t.url.clone())), (*settings).clone(), *again);
        use_effect_with(key, move |(_, settings, _)| {
            let next = *ticket.borrow() + 1;
            *ticket.borrow_mut() = next;
            *timer.borrow_mut() = None;
            let decided = match (settings, &tab) {
                (None, _) => Some(View::Loading),
                (Some(s), _) if !s.contextual_insights => Some(View::Off),
                (_, None) => Some(View::Quiet("Open a web page to see what your CRM knows about it.")),
                (Some(s), Some(t)) => match t.url.as_deref().and_then(host_of) {
                    None => Some(View::Quiet("Open a web page to see what your CRM knows about it.")),
                    Some(host) if !s.contextual_allowed(&host, t.incognito) => Some(View::Quiet("Contextual insights are off on this site.")),
                    Some(_) => None,
                },
            };
            if let Some(v) = decided {
                view.set(v);
                return;
            }
            let Some(Tab { id, url: Some(url), .. }) = tab else { return };
            view.set(View::Reading);
            let run = move || {
                spawn_local(async move {
                    let outcome = understand(&crm, id, &url, &cache).await;
                    if *ticket.borrow() == next {
                        view.set(match outcome {
                            Ok(found) => View::Ready(found),
                            Err(why) => View::Failed(why),
                        });
                    }
                });
            };
            *timer.borrow_mut() = Some(gloo::timers::callback::Timeout::new(DEBOUNCE_MS, run));
        });
    }

    let enable = {
        let settings = settings.clone();
        Callback::from(move |_: MouseEvent| {
            let settings = settings.clone();
            spawn_local(async move {
                // Reading pages needs access to them: asked now, in the click.
                let granted = permissions::ensure_origins(&["https://*/*".to_owned()]).await.unwrap_or(false);
                if !granted {
                    return;
                }
                let next = PrivacySettings { contextual_insights: true, ..(*settings).clone().unwrap_or_default() };
                if storage::set(keys::PRIVACY, &next).await.is_ok() {
                    settings.set(Some(next));
                    runtime::send(&Message::SettingsChanged).await.ok();
                }
            });
        })
    };

    let body = match &*view {
        View::Loading => html! {},
        View::Off => html! {
            <div class="insights-off">
                <p class="muted">{ "See what your CRM knows about the companies and people on the pages you visit. Only search terms go to your org; page content stays in your browser." }</p>
                <button type="button" class="button" data-testid="enable-insights" onclick={enable}>{ "Enable Contextual Insights" }</button>
            </div>
        },
        View::Quiet(why) => html! { <p class="muted" data-testid="insights-quiet">{ *why }</p> },
        View::Reading => html! { <p class="muted" role="status">{ "Reading this page…" }</p> },
        View::Failed(why) => html! { <p class="notice error" role="alert" data-testid="insights-error">{ why.clone() }</p> },
        View::Ready(found) => html! {
            <FoundView found={found.clone()} url={props.tab.as_ref().and_then(|t| t.url.clone()).unwrap_or_default()}
                zone={(*zone).clone()} on_open={props.on_open.clone()}
                on_added={{ let (cache, again) = (cache.clone(), again.clone()); let url = props.tab.as_ref().and_then(|t| t.url.clone());
                    Callback::from(move |()| {
                        // Read the page again: the new record now matches.
                        if let Some(url) = &url {
                            cache.borrow_mut().remove(url);
                        }
                        again.set(*again + 1);
                    }) }} />
        },
    };

    html! {
        <section class="insights" data-testid="insights" aria-label="On this page">
            <h2 class="insights-title">{ "On this page" }</h2>
            { body }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::host_of;

    #[wasm_bindgen_test::wasm_bindgen_test]
    fn hosts_of_page_addresses() {
        let cases = [
            ("https://www.acme.com/about?x=1", Some("www.acme.com")),
            ("http://127.0.0.1:8787/demo/index.html", Some("127.0.0.1")),
            ("https://user@Example.COM:8443/", Some("example.com")),
            ("chrome://extensions", None),
            ("file:///tmp/a.html", None),
        ];
        for (url, want) in cases {
            assert_eq!(host_of(url).as_deref(), want, "{url}");
        }
    }
}

#[derive(Debug, Clone, PartialEq, Properties)]
struct FoundProps {
    found: Found,
    url: String,
    zone: String,
    on_open: Callback<(String, String)>,
    /// A record was created from the page: read it again.
    on_added: Callback<()>,
}

/// A duplicate found before adding: (object, id, name) of the existing record.
type Existing = (String, String, String);

/// The matches (as the user corrected them), an account's open
/// opportunities and contacts, quick actions, and what can be added.
#[component]
fn FoundView(props: &FoundProps) -> Html {
    let crm = use_context::<Crm>().unwrap_or_default();
    let corrections = use_state(Corrections::default);
    let choosing = use_state(|| None::<Entity>);
    let details = use_state(|| None::<(String, Result<Record, String>)>);
    let task_for = use_state(|| None::<(String, String)>);
    let task_subject = use_state(String::new);
    let task_due = use_state(String::new);
    let notice = use_state(|| None::<String>);
    let adding = use_state(|| None::<String>);
    let duplicate = use_state(|| None::<(Candidate, Existing)>);

    {
        let corrections = corrections.clone();
        use_effect_with((), move |()| {
            spawn_local(async move {
                if let Ok(Some(stored)) = storage::get::<Corrections>(CORRECTIONS_KEY).await {
                    corrections.set(stored);
                }
            });
        });
    }

    let x = props.found.extraction.clone();
    let matches = corrections.apply(&x, &props.found.matches);
    let candidates = unmatched(&x, &matches);

    // The first account's open opportunities and contacts: one query.
    let account = matches.iter().find(|m| m.object == "Account").map(|m| m.id.clone());
    {
        let (crm, details) = (crm.clone(), details.clone());
        use_effect_with(account.clone(), move |account: &Option<String>| {
            let Some(id) = account.clone() else { return };
            let Ok(sf) = SfId::parse(&id) else { return };
            spawn_local(async move {
                let answer = crm.query::<Record>(&account_details_query(&sf)).await;
                let loaded = match answer {
                    Ok(mut page) if !page.records.is_empty() => Ok(page.records.remove(0)),
                    Ok(_) => Err("This account can't be read.".to_owned()),
                    Err(e) => Err(e.user_message()),
                };
                details.set(Some((id, loaded)));
            });
        });
    }

    let correct = |entity: Entity, correction: Correction| {
        let (corrections, choosing, x) = (corrections.clone(), choosing.clone(), x.clone());
        Callback::from(move |_: MouseEvent| {
            let mut next = (*corrections).clone();
            next.set(&x, entity, correction.clone());
            corrections.set(next.clone());
            choosing.set(None);
            spawn_local(async move {
                storage::set(CORRECTIONS_KEY, &next).await.ok();
            });
        })
    };

    let today = || -> Date { sidecar_core::todo::view::today(&props.zone, js_sys::Date::now() as i64) };
    let log_call = |object: String, id: String| {
        let (crm, notice, today) = (crm.clone(), notice.clone(), today());
        Callback::from(move |_: MouseEvent| {
            let (crm, notice, object, id) = (crm.clone(), notice.clone(), object.clone(), id.clone());
            spawn_local(async move {
                let statuses = match crm.query::<Record>(&statuses_query()).await {
                    Ok(page) => Statuses::from_records(&page.records),
                    Err(e) => return notice.set(Some(format!("The call wasn't logged: {}", e.user_message()))),
                };
                let Some(closed) = statuses.closed else {
                    return notice.set(Some("Your org has no status that closes a task, so a call can't be logged.".into()));
                };
                notice.set(Some(match crm.create("Task", &logged_call(&object, &id, today, &closed)).await {
                    Ok(_) => "Call logged.".to_owned(),
                    Err(e) => format!("The call wasn't logged: {}", e.user_message()),
                }));
            });
        })
    };
    let save_task = {
        let (crm, notice, task_for, task_subject, task_due) = (crm.clone(), notice.clone(), task_for.clone(), task_subject.clone(), task_due.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some((object, id)) = (*task_for).clone() else { return };
            if task_subject.trim().is_empty() {
                return notice.set(Some("Give the task a subject.".into()));
            }
            let due = Date::parse(&task_due).ok();
            let record = new_task(&object, &id, &task_subject, due);
            let (crm, notice, task_for, task_subject, task_due) = (crm.clone(), notice.clone(), task_for.clone(), task_subject.clone(), task_due.clone());
            spawn_local(async move {
                match crm.create("Task", &record).await {
                    Ok(_) => {
                        notice.set(Some("Task created.".into()));
                        task_for.set(None);
                        task_subject.set(String::new());
                        task_due.set(String::new());
                    }
                    Err(e) => notice.set(Some(format!("The task wasn't created: {}", e.user_message()))),
                }
            });
        })
    };

    // Adds a candidate, after checking the org doesn't have it already.
    let add = |candidate: Candidate, checked: bool| {
        let (crm, adding, notice, duplicate, on_added) = (crm.clone(), adding.clone(), notice.clone(), duplicate.clone(), props.on_added.clone());
        Callback::from(move |_: MouseEvent| {
            let (crm, adding, notice, duplicate, on_added, candidate) =
                (crm.clone(), adding.clone(), notice.clone(), duplicate.clone(), on_added.clone(), candidate.clone());
            adding.set(Some(candidate_name(&candidate)));
            duplicate.set(None);
            spawn_local(async move {
                if !checked {
                    for query in duplicate_queries(&candidate) {
                        if let Ok(page) = crm.query::<Record>(&query).await
                            && let Some(r) = page.records.first()
                        {
                            let existing =
                                (r.object_type().unwrap_or("").to_owned(), r.id().unwrap_or("").to_owned(), r.get_str("Name").unwrap_or("").to_owned());
                            duplicate.set(Some((candidate.clone(), existing)));
                            adding.set(None);
                            return;
                        }
                    }
                }
                let created = match new_record(&crm, &candidate).await {
                    Ok((object, record)) => crm.create(object, &record).await,
                    Err(e) => Err(e),
                };
                match created {
                    Ok(_) => on_added.emit(()),
                    Err(e) => notice.set(Some(format!("{} wasn't added: {}", candidate_name(&candidate), e.user_message()))),
                }
                adding.set(None);
            });
        })
    };

    if matches.is_empty() && candidates.is_empty() {
        return html! { <p class="muted" data-testid="insights-empty">{ "No companies or people found on this page." }</p> };
    }
    let account_details = |id: &str| -> Html {
        let Some((for_id, loaded)) = &*details else { return html! {} };
        if for_id != id {
            return html! {};
        }
        match loaded {
            Err(why) => html! { <p class="muted small">{ why.clone() }</p> },
            Ok(record) => {
                let list = |relationship: &str, line: &dyn Fn(&Record) -> String| -> Vec<(String, String, String)> {
                    record
                        .children(relationship)
                        .map(|p| p.records.iter().map(|r| (r.id().unwrap_or("").to_owned(), line(r), r.object_type().unwrap_or("").to_owned())).collect())
                        .unwrap_or_default()
                };
                let opps = list("Opportunities", &|r| format!("{} · {}", r.get_str("Name").unwrap_or(""), r.get_str("StageName").unwrap_or("")));
                let contacts = list("Contacts", &|r| [r.get_str("Name"), r.get_str("Title")].into_iter().flatten().collect::<Vec<_>>().join(" · "));
                let rows = |title: &str, testid: &str, rows: Vec<(String, String, String)>, object: &str| {
                    let object = object.to_owned();
                    html! {
                        <div class="insight-details" data-testid={testid.to_owned()}>
                            <span class="muted small">{ format!("{title} ({})", rows.len()) }</span>
                            <ul>{ for rows.into_iter().map(|(id, line, _)| {
                                let (on_open, object) = (props.on_open.clone(), object.clone());
                                html! { <li><button type="button" class="link" onclick={Callback::from(move |_: MouseEvent| on_open.emit((object.clone(), id.clone())))}>{ line }</button></li> }
                            }) }</ul>
                        </div>
                    }
                };
                html! { <>{ rows("Open opportunities", "account-opportunities", opps, "Opportunity") }{ rows("Contacts", "account-contacts", contacts, "Contact") }</> }
            }
        }
    };

    html! {
        <>
            if !matches.is_empty() {
                <ul class="insights-list" data-testid="insight-matches">
                    { for matches.iter().map(|m| {
                        let open = { let (on_open, o, id) = (props.on_open.clone(), m.object.clone(), m.id.clone()); Callback::from(move |_: MouseEvent| on_open.emit((o.clone(), id.clone()))) };
                        let entity = m.entity;
                        let wrong = { let choosing = choosing.clone(); Callback::from(move |_: MouseEvent| choosing.set(Some(entity))) };
                        let others: Vec<&Match> = props.found.matches.iter().filter(|o| o.entity == entity && o.id != m.id).collect();
                        let task = { let (task_for, o, id) = (task_for.clone(), m.object.clone(), m.id.clone()); Callback::from(move |_: MouseEvent| task_for.set(Some((o.clone(), id.clone())))) };
                        html! {
                            <li class="insight" data-testid="insight-match" data-object={m.object.clone()} data-id={m.id.clone()}>
                                <button type="button" class="link insight-name" onclick={open}>{ &m.name }</button>
                                <span class="insight-object">{ &m.object }</span>
                                <span class={classes!("insight-why", m.exact.then_some("exact"))} data-testid="insight-why">
                                    { format!("{} · {}%", why_words(m.why), (m.confidence * 100.0).round()) }
                                </span>
                                <span class="insight-actions">
                                    <button type="button" class="link" data-testid="insight-new-task" onclick={task}>{ "New task" }</button>
                                    <button type="button" class="link" data-testid="insight-log-call" onclick={log_call(m.object.clone(), m.id.clone())}>{ "Log a call" }</button>
                                    <button type="button" class="link" data-testid="insight-wrong" onclick={wrong}>{ "Wrong match?" }</button>
                                </span>
                                if *choosing == Some(entity) {
                                    <div class="insight-choose" role="group" aria-label="The right record" data-testid="insight-choose">
                                        { for others.iter().map(|o| html! {
                                            <button type="button" class="button" onclick={correct(entity, Correction::Record { object: o.object.clone(), id: o.id.clone(), name: o.name.clone() })}>
                                                { format!("{} ({})", o.name, o.object) }
                                            </button>
                                        }) }
                                        <button type="button" class="button" data-testid="insight-none" onclick={correct(entity, Correction::NotInCrm)}>{ "None of these" }</button>
                                    </div>
                                }
                                if m.object == "Account" { { account_details(&m.id) } }
                                if (*task_for).as_ref().is_some_and(|(o, id)| *o == m.object && *id == m.id) {
                                    <form class="insight-task" onsubmit={save_task.clone()} data-testid="insight-task-form">
                                        <input class="field-input" aria-label="Task subject" placeholder="Subject" data-testid="insight-task-subject" value={(*task_subject).clone()}
                                            oninput={{ let t = task_subject.clone(); Callback::from(move |e: InputEvent| if let Some(i) = e.target_dyn_into::<web_sys::HtmlInputElement>() { t.set(i.value()) }) }} />
                                        <input class="field-input" type="date" aria-label="Due date" value={(*task_due).clone()}
                                            oninput={{ let t = task_due.clone(); Callback::from(move |e: InputEvent| if let Some(i) = e.target_dyn_into::<web_sys::HtmlInputElement>() { t.set(i.value()) }) }} />
                                        <button type="submit" class="button" data-testid="insight-task-save">{ "Save Task" }</button>
                                    </form>
                                }
                            </li>
                        }
                    }) }
                </ul>
            }
            if let Some(n) = &*notice {
                <p class="notice" role="status" data-testid="insight-notice">{ n.clone() }</p>
            }
            if let Some((candidate, (object, id, name))) = &*duplicate {
                <div class="notice" role="alert" data-testid="insight-duplicate">
                    { format!("{name} is already in Salesforce ({object}). ") }
                    <button type="button" class="link" onclick={{ let (on_open, o, id) = (props.on_open.clone(), object.clone(), id.clone()); Callback::from(move |_: MouseEvent| on_open.emit((o.clone(), id.clone()))) }}>{ "Open it to update" }</button>
                    { " or " }
                    <button type="button" class="link" data-testid="insight-add-anyway" onclick={add(candidate.clone(), true)}>{ "add anyway" }</button>
                </div>
            }
            if !candidates.is_empty() {
                <h3 class="insights-sub">{ "Not in Salesforce yet" }</h3>
                <ul class="insights-list" data-testid="insight-candidates">
                    { for candidates.iter().map(|c| {
                        let name = candidate_name(c);
                        let detail = match c {
                            Candidate::Person(p) => [p.title.clone(), p.company.clone(), p.email.clone()].into_iter().flatten().collect::<Vec<_>>().join(" · "),
                            Candidate::Company(co) => co.domain.clone().unwrap_or_default(),
                        };
                        let busy = adding.as_deref() == Some(name.as_str());
                        let kind = if matches!(c, Candidate::Person(_)) { "person" } else { "company" };
                        html! {
                            <li class="insight" data-testid="insight-candidate" data-kind={kind} data-name={name.clone()}>
                                <span class="insight-name">{ name.clone() }</span>
                                if !detail.is_empty() { <span class="muted truncate">{ detail }</span> }
                                <button type="button" class="button" data-testid="insight-add" disabled={busy} onclick={add(c.clone(), false)}>
                                    { if busy { "Adding…" } else if kind == "person" { "Add as Lead" } else { "Add as Account" } }
                                </button>
                            </li>
                        }
                    }) }
                </ul>
            }
        </>
    }
}
