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

use salesforce_rest::wire::Record;
use sidecar_core::insights::{Candidate, Extraction, Match, PageSnapshot, Why, extract, insights_search, lead_draft, rank, unmatched};
use sidecar_core::messages::Message;
use sidecar_core::settings::{PrivacySettings, keys};
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
    matches: Rc<Vec<Match>>,
    candidates: Rc<Vec<Candidate>>,
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
        Why::SameLinkedIn => "Same LinkedIn profile",
        Why::SameEmail => "Same email",
        Why::SameDomain => "Same website domain",
        Why::SameNameAndCompany => "Same name and company",
        Why::NameOnly => "Name only",
    }
}

/// Reads the tab and matches it: one search request, unless cached.
async fn understand(crm: &Crm, tab_id: i32, url: &str, cache: &RefCell<HashMap<String, Found>>) -> Result<Found, String> {
    if let Some(found) = cache.borrow().get(url).cloned() {
        return Ok(found);
    }
    let raw = scripting::run_file(tab_id, "snapshot.js").await.map_err(|e| format!("This page can't be read: {}", e.message))?;
    let snapshot: PageSnapshot = serde_wasm_bindgen::from_value(raw).map_err(|e| format!("This page couldn't be understood: {e}"))?;
    let extraction = extract(&snapshot.bounded());
    let records: Vec<Record> = match insights_search(&extraction) {
        Some(search) => crm
            .search(&search)
            .await
            .map_err(|e| e.user_message())?
            .search_records
            .into_iter()
            .filter_map(|r| serde_json::from_value(r).ok())
            .collect(),
        None => Vec::new(),
    };
    let matches = rank(&extraction, &records);
    let candidates = unmatched(&extraction, &matches);
    let found = Found { extraction: Rc::new(extraction), matches: Rc::new(matches), candidates: Rc::new(candidates) };
    cache.borrow_mut().insert(url.to_owned(), found.clone());
    Ok(found)
}

/// The record "Add to Salesforce" creates: a Lead for a person, an Account
/// for a company.
fn new_record(candidate: &Candidate) -> (&'static str, Record) {
    match candidate {
        Candidate::Person(_) => ("Lead", lead_draft(candidate)),
        Candidate::Company(c) => {
            let mut account = Record::new("Account").with("Name", c.name.clone());
            if let Some(domain) = &c.domain {
                account = account.with("Website", format!("https://{domain}"));
            }
            ("Account", account)
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
    let adding = use_state(|| None::<String>);
    let add_error = use_state(|| None::<String>);
    // Bumped to read the page again (after adding a record).
    let again = use_state(|| 0_u32);

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
        View::Ready(found) if found.matches.is_empty() && found.candidates.is_empty() => {
            html! { <p class="muted" data-testid="insights-empty">{ "No companies or people found on this page." }</p> }
        }
        View::Ready(found) => html! {
            <>
                if !found.matches.is_empty() {
                    <ul class="insights-list" data-testid="insight-matches">
                        { for found.matches.iter().map(|m| {
                            let open = { let (on_open, o, id) = (props.on_open.clone(), m.object.clone(), m.id.clone()); Callback::from(move |_: MouseEvent| on_open.emit((o.clone(), id.clone()))) };
                            html! {
                                <li class="insight" data-testid="insight-match" data-object={m.object.clone()} data-id={m.id.clone()}>
                                    <button type="button" class="link insight-name" onclick={open}>{ &m.name }</button>
                                    <span class="insight-object">{ &m.object }</span>
                                    <span class={classes!("insight-why", m.exact.then_some("exact"))} data-testid="insight-why">
                                        { format!("{} · {}%", why_words(m.why), (m.confidence * 100.0).round()) }
                                    </span>
                                </li>
                            }
                        }) }
                    </ul>
                }
                if !found.candidates.is_empty() {
                    <h3 class="insights-sub">{ "Not in Salesforce yet" }</h3>
                    <ul class="insights-list" data-testid="insight-candidates">
                        { for found.candidates.iter().map(|c| {
                            let name = candidate_name(c);
                            let detail = match c {
                                Candidate::Person(p) => [p.title.clone(), p.company.clone(), p.email.clone()].into_iter().flatten().collect::<Vec<_>>().join(" · "),
                                Candidate::Company(co) => co.domain.clone().unwrap_or_default(),
                            };
                            let add = {
                                let (crm, candidate, adding, add_error, cache, again, url) =
                                    (crm.clone(), c.clone(), adding.clone(), add_error.clone(), cache.clone(), again.clone(), props.tab.as_ref().and_then(|t| t.url.clone()));
                                Callback::from(move |_: MouseEvent| {
                                    let (object, record) = new_record(&candidate);
                                    adding.set(Some(candidate_name(&candidate)));
                                    add_error.set(None);
                                    let (crm, adding, add_error, cache, again, url) = (crm.clone(), adding.clone(), add_error.clone(), cache.clone(), again.clone(), url.clone());
                                    spawn_local(async move {
                                        match crm.create(object, &record).await {
                                            Ok(_) => {
                                                // Read the page again: the new record now matches.
                                                if let Some(url) = url {
                                                    cache.borrow_mut().remove(&url);
                                                }
                                                again.set(*again + 1);
                                            }
                                            Err(e) => add_error.set(Some(e.user_message())),
                                        }
                                        adding.set(None);
                                    });
                                })
                            };
                            let busy = adding.as_deref() == Some(name.as_str());
                            let kind = if matches!(c, Candidate::Person(_)) { "person" } else { "company" };
                            html! {
                                <li class="insight" data-testid="insight-candidate" data-kind={kind} data-name={name.clone()}>
                                    <span class="insight-name">{ name.clone() }</span>
                                    if !detail.is_empty() { <span class="muted truncate">{ detail }</span> }
                                    <button type="button" class="button" data-testid="insight-add" disabled={busy} onclick={add}>
                                        { if busy { "Adding…" } else if kind == "person" { "Add as Lead" } else { "Add as Account" } }
                                    </button>
                                </li>
                            }
                        }) }
                    </ul>
                }
                if let Some(why) = &*add_error {
                    <p class="notice error" role="alert" data-testid="insight-add-error">{ why.clone() }</p>
                }
            </>
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
