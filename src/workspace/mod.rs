//! The Workspace tab: the user's workspaces as tabs, the header line and
//! filter summary, the search box and selection count above the grid, and
//! the Manage Workspace dialog. State is `sidecar_core::workspace::page`'s
//! reducer; this module performs the I/O its actions need: reading and
//! writing the list ([`store`]), loading records ([`loader`]), saving edits.

pub mod bench;
mod grid;
mod instructions;
mod loader;
mod manage;
#[cfg(test)]
mod manage_tests;
mod store;

use std::rc::Rc;

use salesforce_rest::wire::Record;
use sidecar_core::api_error::ApiError;
use sidecar_core::edits::conflict::{self, fresh_query};
use sidecar_core::edits::pending::Resolution;
use sidecar_core::edits::{Change, tsv};
use sidecar_core::fields::{EditContext, FieldValue};
use sidecar_core::load::Load;
use sidecar_core::records::lookup::Match;
use sidecar_core::workspace::bulk::plan_edit;
use sidecar_core::workspace::fill::{Shown, fill_down, rows_of};
use sidecar_core::workspace::grid::Row;
use sidecar_core::workspace::model::Workspaces;
use sidecar_core::workspace::page::{Action, Page, SaveKind};
use sidecar_core::workspace::paste;
use sidecar_core::workspace::query::{cap_line, filter_summary, header_line};
use sidecar_core::workspace::selection::Selection;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

use crate::api::{Crm, formats};
use crate::widgets::{Notice, Tone};
use grid::{Grid, GridEdit, use_visible_rows};
use instructions::RowInstructions;
use manage::{Manage, ManageMode};

/// `Page` as a yew reducer.
#[derive(Debug, Clone, PartialEq, Default)]
struct State(Page);

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut page = Rc::unwrap_or_clone(self).0;
        page.apply(action);
        Rc::new(State(page))
    }
}

/// A save the Workspace runs in turn with undo and redo.
enum Job {
    /// The instruction box's bulk edit.
    Edit(Change),
    History(SaveKind),
}

/// Who is logged in, once known.
#[derive(Debug, Clone, PartialEq)]
enum Session {
    Checking,
    Ready {
        user_id: String,
    },
    /// In words for the rep (not logged in, offline...).
    Unavailable(String),
    /// Sidecar may not run for the user (`org_switch::Status::message`): the
    /// org's admin turned it off, or the user cannot read the switch.
    TurnedOff(String),
}

#[component]
pub fn App() -> Html {
    let crm = use_state(Crm::new);
    let state = use_reducer(State::default);
    let session = use_state(|| Session::Checking);
    let manage = use_state(|| None::<ManageMode>);
    let page = &state.0;
    use_kept_edits(&crm, &state, !matches!(*session, Session::TurnedOff(_)));

    // Who is logged in (their name and time zone) and whether the org allows
    // Sidecar (both at once), then their workspaces.
    {
        let (crm, state, session) = ((*crm).clone(), state.clone(), session.clone());
        use_effect_with((), move |()| {
            spawn_local(async move {
                let (user, switch) = futures::join!(crm.me(), crm.org_switch());
                let user = match user {
                    Ok(user) => user,
                    Err(e) => return session.set(Session::Unavailable(e.user_message())),
                };
                match switch.map(|s| s.message()) {
                    Ok(None) => {}
                    Ok(Some(message)) => return session.set(Session::TurnedOff(message.to_owned())),
                    Err(e) => return session.set(Session::Unavailable(e.user_message())),
                }
                let name = user.given_name.clone().filter(|n| !n.is_empty()).unwrap_or_else(|| user.name.clone());
                // Locale, zone and (in a multi-currency org) currency and rates.
                let ctx = formats::edit_context(&crm).await.unwrap_or_else(|_| EditContext::new(&user.locale, &user.zoneinfo).with_currency(None));
                state.dispatch(Action::User { name, ctx });
                session.set(Session::Ready { user_id: user.user_id.clone() });
                let list = match store::load().await {
                    Ok(list) => list,
                    Err(e) => {
                        state.dispatch(Action::Notice(Some(format!("Your saved workspaces couldn't be read, so the defaults are shown: {}", e.message))));
                        Workspaces::default()
                    }
                };
                state.dispatch(Action::Workspaces(list));
            });
        });
    }

    // Signing out (in the panel or the options) ends this tab's session too,
    // and so does Sidecar being turned off.
    {
        let (crm, session) = ((*crm).clone(), session.clone());
        use_effect_with((), move |()| {
            let listener = crate::platform::runtime::on_message(move |message| {
                match message {
                    sidecar_core::messages::Message::SignedOut => {
                        crm.clear_cache();
                        session.set(Session::Unavailable("You signed out.".into()));
                    }
                    // The worker found Sidecar off at a poll: the grid goes.
                    sidecar_core::messages::Message::TurnedOff { message } => session.set(Session::TurnedOff(message)),
                    _ => {}
                }
            })
            .ok();
            move || drop(listener)
        });
    }

    // Each (re)load of the current workspace.
    {
        let (crm, state) = ((*crm).clone(), state.clone());
        let user_id = match &*session {
            Session::Ready { user_id } => Some(user_id.clone()),
            _ => None,
        };
        let workspace = page.workspace().cloned();
        let (generation, ctx) = (page.generation, (*page.ctx).clone());
        use_effect_with((generation, user_id.is_some()), move |_| {
            if let (Some(workspace), Some(user_id)) = (workspace, user_id) {
                let dispatch = Callback::from(move |a| state.dispatch(a));
                spawn_local(loader::load(crm, workspace, user_id, ctx, generation, dispatch));
            }
        });
    }

    let visible = use_visible_rows(&page.rows, &page.columns, &page.ctx, &page.view);

    let dispatch = |f: fn(String) -> Action| {
        let state = state.clone();
        Callback::from(move |s: String| state.dispatch(f(s)))
    };

    let on_edit = {
        let (crm, state) = ((*crm).clone(), state.clone());
        Callback::from(move |edit: GridEdit| save_edit(&crm, &state, edit))
    };
    let on_retry = {
        let (crm, state) = ((*crm).clone(), state.clone());
        Callback::from(move |id: String| {
            if let Some(change) = state.0.retry_change(&id) {
                send(&crm, &state, change, SaveKind::Edit);
            }
        })
    };
    let on_resolve = {
        let (crm, state) = ((*crm).clone(), state.clone());
        Callback::from(move |(id, resolution): (String, Resolution)| match resolution {
            Resolution::TakeTheirs => state.dispatch(Action::TakeTheirs(id)),
            Resolution::KeepMine => {
                if let Some(change) = state.0.keep_mine(&id) {
                    send(&crm, &state, change, SaveKind::Edit);
                }
            }
        })
    };
    // Undo, redo and the instruction box's edits one at a time: a Ctrl+Z
    // pressed while one is being saved waits for it (the history moves only
    // when the org answers, so both would take back the same change). At
    // most one undo or redo waits; more presses meanwhile are dropped.
    let queue = use_mut_ref(|| (false, Vec::<Job>::new()));
    let enqueue = {
        let (crm, state, queue) = ((*crm).clone(), state.clone(), queue.clone());
        Callback::from(move |job: Job| {
            {
                let mut q = queue.borrow_mut();
                let waiting_history = q.1.iter().any(|j| matches!(j, Job::History(_)));
                if matches!(job, Job::History(_)) && waiting_history && q.0 {
                    return;
                }
                q.1.push(job);
                if q.0 {
                    return;
                }
                q.0 = true;
            }
            let (crm, state, queue) = (crm.clone(), state.clone(), queue.clone());
            spawn_local(async move {
                loop {
                    let next = {
                        let mut q = queue.borrow_mut();
                        let next = (!q.1.is_empty()).then(|| q.1.remove(0));
                        q.0 = next.is_some();
                        next
                    };
                    let (change, kind) = match next {
                        None => break,
                        Some(Job::Edit(change)) => (Some(change), SaveKind::Edit),
                        Some(Job::History(SaveKind::Undo)) => (state.0.history.undo(), SaveKind::Undo),
                        Some(Job::History(SaveKind::Redo)) => (state.0.history.redo(), SaveKind::Redo),
                        Some(Job::History(SaveKind::Edit)) => (None, SaveKind::Edit),
                    };
                    if let Some(change) = change.filter(|c| !c.is_empty()) {
                        state.dispatch(Action::EditBegin(change.clone()));
                        check_and_save(&crm, &state, change, kind).await;
                    }
                }
            });
        })
    };
    let on_history = enqueue.reform(Job::History);
    use_undo_keys(on_history.clone());
    let on_paste = {
        let (crm, state, visible) = ((*crm).clone(), state.clone(), visible.clone());
        Callback::from(move |(text, position, column): (String, usize, usize)| paste(&crm, &state, &visible, &text, position, column))
    };
    let on_fill = {
        let (crm, state, visible) = ((*crm).clone(), state.clone(), visible.clone());
        Callback::from(move |(position, column): (usize, usize)| fill(&crm, &state, &visible, position, column))
    };
    let on_retry_all = {
        let (crm, state) = ((*crm).clone(), state.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(change) = state.0.retry_all() {
                send(&crm, &state, change, SaveKind::Edit);
            }
        })
    };

    let on_instruct = {
        let (state, enqueue) = (state.clone(), enqueue.clone());
        Callback::from(move |(change, picked): (Change, Vec<Match>)| {
            // The grid shows a picked record's name, as after a lookup pick.
            for m in picked {
                state.dispatch(Action::Picked(m));
            }
            enqueue.emit(Job::Edit(change));
        })
    };

    let save_list = {
        let (state, manage) = (state.clone(), manage.clone());
        Callback::from(move |(list, open): (Workspaces, Option<String>)| {
            let state = state.clone();
            manage.set(None);
            spawn_local(async move {
                if let Err(e) = store::save(&list).await {
                    state.dispatch(Action::Notice(Some(format!("Your workspaces couldn't be saved: {}", e.message))));
                }
                state.dispatch(Action::Workspaces(list));
                if let Some(id) = open {
                    state.dispatch(Action::Open(id));
                }
            });
        })
    };

    let body = match &*session {
        Session::Checking => html! { <Notice testid="workspace-loading">{ "Checking your Salesforce session…" }</Notice> },
        Session::Unavailable(why) => html! {
            <div class="empty-state" data-testid="workspace-signed-out">
                <p>{ why.clone() }</p>
                <p>{ "Log in from the Sidecar side panel, then reload this tab." }</p>
                if let Some(summary) = page.pending_summary() {
                    <Notice tone={Tone::Attention} testid="pending-summary">{ summary }</Notice>
                }
            </div>
        },
        Session::TurnedOff(message) => html! {
            <Notice tone={Tone::Attention} class="empty-state" testid="org-turned-off">{ message.clone() }</Notice>
        },
        Session::Ready { .. } => content(
            page,
            &state,
            &visible,
            &manage,
            Handlers { on_edit, on_retry, on_resolve, on_history, on_paste, on_fill, on_retry_all, on_instruct },
            dispatch,
        ),
    };

    // The lookup editors search the org through it.
    html! {
        <ContextProvider<Crm> context={(*crm).clone()}>
        <div class="workspace" data-testid="workspace">
            <header class="panel-header">
                <h1 class="brand">{ "Sidecar Workspace" }</h1>
            </header>
            { body }
            if let Some(mode) = (*manage).clone() {
                <Manage crm={(*crm).clone()} {mode} list={page.workspaces.clone()} user_id={user_id(&session)} ctx={page.ctx.clone()}
                    on_save={save_list} on_close={{ let manage = manage.clone(); Callback::from(move |()| manage.set(None)) }} />
            }
        </div>
        </ContextProvider<Crm>>
    }
}

fn user_id(session: &Session) -> String {
    match session {
        Session::Ready { user_id } => user_id.clone(),
        _ => String::new(),
    }
}

/// Milliseconds since the epoch, now.
fn now() -> i64 {
    js_sys::Date::now() as i64
}

/// Edits the org could not take: read from storage at the start (whose they
/// are: the stored user), written back whenever they change, and sent again
/// when due (every few seconds the due ones, at once when the browser is
/// back online), through the same conflict check as any edit.
/// Nothing is sent while the org has Sidecar turned off (`allowed` false).
#[hook]
fn use_kept_edits(crm: &UseStateHandle<Crm>, state: &UseReducerHandle<State>, allowed: bool) {
    // The interval and the listener outlive renders: they read the latest state here.
    let latest = use_mut_ref(|| (state.clone(), allowed));
    *latest.borrow_mut() = (state.clone(), allowed);
    {
        let (crm, state) = ((**crm).clone(), state.clone());
        use_effect_with((), move |()| {
            spawn_local(async move {
                let owner = crm.auth().stored_user_id().await.unwrap_or_default();
                let pending = match store::load_pending().await {
                    Ok(pending) => pending,
                    Err(e) => {
                        gloo::console::error!(format!("Sidecar could not read the edits it kept: {}", e.message));
                        Default::default()
                    }
                };
                state.dispatch(Action::Pending { owner, pending });
            });
        });
    }
    {
        let pending = state.0.pending.clone();
        use_effect_with(pending, |pending| {
            if let Some(pending) = pending.clone() {
                spawn_local(async move {
                    if let Err(e) = store::save_pending(&pending).await {
                        gloo::console::error!(format!("Sidecar could not keep your unsaved edits: {}", e.message));
                    }
                });
            }
        });
    }
    {
        let crm = (**crm).clone();
        use_effect_with((), move |()| {
            let tick = {
                let latest = latest.clone();
                move || {
                    let (state, allowed) = latest.borrow().clone();
                    if !allowed {
                        return;
                    }
                    let now = now();
                    for change in state.0.due_changes(now) {
                        state.dispatch(Action::Retrying(change.clone(), now));
                        send(&crm, &state, change, SaveKind::Edit);
                    }
                }
            };
            let interval = gloo::timers::callback::Interval::new(RETRY_TICK_MS, tick.clone());
            let online = gloo::events::EventListener::new(&gloo::utils::window(), "online", move |_| {
                latest.borrow().0.dispatch(Action::Reachable(now()));
                tick();
            });
            move || drop((interval, online))
        });
    }
}

/// How often kept edits are looked at (each waits its own pause).
const RETRY_TICK_MS: u32 = 2_000;

/// What the grid and the toolbar report to the page.
struct Handlers {
    on_edit: Callback<GridEdit>,
    on_retry: Callback<String>,
    on_resolve: Callback<(String, Resolution)>,
    on_history: Callback<SaveKind>,
    on_paste: Callback<(String, usize, usize)>,
    on_fill: Callback<(usize, usize)>,
    on_retry_all: Callback<MouseEvent>,
    /// A bulk edit from the instruction box, with the records it picked.
    on_instruct: Callback<(Change, Vec<Match>)>,
}

/// Ctrl+Z / ⌘Z undoes the last saved change, Ctrl+Shift+Z (or Ctrl+Y)
/// redoes it, unless the keys are for a text field (its own undo).
#[hook]
fn use_undo_keys(on_history: Callback<SaveKind>) {
    use_effect_with((), move |()| {
        // Not passive: the browser's own Ctrl+Z must be prevented.
        let options = gloo::events::EventListenerOptions::enable_prevent_default();
        let listener = gloo::events::EventListener::new_with_options(&gloo::utils::document(), "keydown", options, move |event| {
            let Some(event) = event.dyn_ref::<web_sys::KeyboardEvent>() else { return };
            let in_field = event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .is_some_and(|t| t.closest("input, textarea, select, [contenteditable]").ok().flatten().is_some());
            if in_field || !(event.ctrl_key() || event.meta_key()) || event.alt_key() {
                return;
            }
            let kind = match (event.key().to_ascii_lowercase().as_str(), event.shift_key()) {
                ("z", false) => SaveKind::Undo,
                ("z", true) | ("y", false) => SaveKind::Redo,
                _ => return,
            };
            event.prevent_default();
            on_history.emit(kind);
        });
        move || drop(listener)
    });
}

/// Tabs, header line, toolbar and grid.
fn content(
    page: &Page,
    state: &UseReducerHandle<State>,
    visible: &Rc<Vec<usize>>,
    manage: &UseStateHandle<Option<ManageMode>>,
    handlers: Handlers,
    dispatch: impl Fn(fn(String) -> Action) -> Callback<String>,
) -> Html {
    let Handlers { on_edit, on_retry, on_resolve, on_history, on_paste, on_fill, on_retry_all, on_instruct } = handlers;
    let failures = page.failures_csv();
    let tabs = html! {
        <nav class="workspace-tabs" role="tablist" aria-label="Workspaces">
            { for page.workspaces.items.iter().map(|w| {
                let current = page.current.as_deref() == Some(w.id.as_str());
                let open = { let (state, id) = (state.clone(), w.id.clone()); Callback::from(move |_: MouseEvent| state.dispatch(Action::Open(id.clone()))) };
                html! {
                    <button role="tab" class={classes!("tab", current.then_some("selected"))} aria-selected={current.to_string()}
                        data-testid="workspace-tab" data-id={w.id.clone()} onclick={open}>{ &w.name }</button>
                }
            }) }
            <button class="button" data-testid="new-workspace" onclick={{ let manage = manage.clone(); Callback::from(move |_: MouseEvent| manage.set(Some(ManageMode::New))) }}>{ "New Workspace" }</button>
        </nav>
    };
    let Some(workspace) = page.workspace() else { return tabs };
    let edit = {
        let (manage, id) = (manage.clone(), workspace.id.clone());
        Callback::from(move |_: MouseEvent| manage.set(Some(ManageMode::Edit(id.clone()))))
    };
    let refresh = {
        let (state, id) = (state.clone(), workspace.id.clone());
        Callback::from(move |_: MouseEvent| state.dispatch(Action::Open(id.clone())))
    };
    let status = match (&page.load, page.progress()) {
        (Load::Failed(why), _) => html! { <Notice tone={Tone::Error} testid="load-error">{ why }</Notice> },
        (_, Some(text)) => html! { <Notice tone={Tone::Progress} testid="load-progress">{ text }</Notice> },
        (_, None) => html! {},
    };
    let grid_sort = page.view.sort.and_then(|s| page.columns.get(s.column).map(|c| (c, s.descending)));
    let header = (page.load == Load::Loaded(())).then(|| header_line(&page.user_name, page.rows.len(), workspace, &page.known, grid_sort));
    let cap = page.total.filter(|_| page.load == Load::Loaded(())).and_then(|total| cap_line(page.rows.len(), total, workspace, &page.known));
    let oninput = {
        let search = dispatch(Action::Search);
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                search.emit(input.value());
            }
        })
    };
    html! {
        <>
            { tabs }
            <section class="workspace-body" data-testid="workspace-body" data-workspace={workspace.id.clone()}>
                <div class="workspace-title">
                    <h2 data-testid="workspace-name">{ &workspace.name }</h2>
                    <button class="button" data-testid="manage-workspace" onclick={edit}>{ "Manage Workspace" }</button>
                    <button class="button" data-testid="refresh-workspace" onclick={refresh}>{ "Refresh" }</button>
                </div>
                <p class="filter-summary" data-testid="filter-summary">{ "Filters: " }{ filter_summary(workspace, &page.known, &page.ctx) }</p>
                if let Some(line) = header { <p class="header-line" data-testid="header-line">{ line }</p> }
                if let Some(line) = cap { <Notice tone={Tone::Attention} testid="cap-notice">{ line }</Notice> }
                { status }
                <div class="grid-toolbar">
                    <input type="search" class="grid-search" placeholder="Search this list" aria-label="Search this list"
                        data-testid="grid-search" value={page.view.search.clone()} {oninput} />
                    <span class="selection-count" data-testid="selection-count" aria-live="polite">{ page.selection.label() }</span>
                    <button class="button" data-testid="undo" title="Undo the last saved change (Ctrl+Z)" disabled={!page.history.can_undo()}
                        onclick={{ let on_history = on_history.clone(); Callback::from(move |_: MouseEvent| on_history.emit(SaveKind::Undo)) }}>{ "Undo" }</button>
                    <button class="button" data-testid="redo" title="Redo (Ctrl+Shift+Z)" disabled={!page.history.can_redo()}
                        onclick={{ let on_history = on_history.clone(); Callback::from(move |_: MouseEvent| on_history.emit(SaveKind::Redo)) }}>{ "Redo" }</button>
                    if !page.failed.is_empty() {
                        <button class="button" data-testid="retry-all" onclick={on_retry_all}>{ "Retry failed rows" }</button>
                    }
                    if let Some(csv) = failures {
                        <button class="button" data-testid="download-failures" title="What wasn't saved, as a file a spreadsheet opens"
                            onclick={Callback::from(move |_: MouseEvent| download("sidecar-failures.csv", &csv))}>{ "Download failures" }</button>
                    }
                    if visible.len() != page.rows.len() {
                        <span class="muted" data-testid="shown-count">{ format!("{} of {} rows shown", visible.len(), page.rows.len()) }</span>
                    }
                </div>
                if !page.columns.is_empty() {
                    <RowInstructions object={workspace.object.clone()} columns={page.columns.clone()} rows={page.rows.clone()} selection={page.selection.clone()}
                        ctx={page.ctx.clone()} on_change={on_instruct} on_undo={Callback::from(move |()| on_history.emit(SaveKind::Undo))} />
                }
                if let Some(notice) = &page.notice {
                    <Notice tone={Tone::Attention} testid="workspace-notice">{ notice }</Notice>
                }
                if let Some(summary) = page.pending_summary() {
                    <Notice tone={Tone::Attention} testid="pending-summary">{ summary }</Notice>
                }
                if !page.columns.is_empty() {
                    <Grid columns={page.columns.clone()} rows={page.rows.clone()} visible={visible.clone()}
                        selection={page.selection.clone()} sort={page.view.sort} filters={page.view.column_filters.clone()} ctx={page.ctx.clone()} loading={page.in_progress()}
                        on_filter={{ let state = state.clone(); Callback::from(move |(c, t)| state.dispatch(Action::FilterColumn(c, t))) }}
                        on_sort={{ let state = state.clone(); Callback::from(move |c| state.dispatch(Action::SortBy(c))) }}
                        on_toggle={dispatch(Action::Toggle)}
                        on_clear={{ let state = state.clone(); Callback::from(move |()| state.dispatch(Action::ClearSelection)) }}
                        on_pick={{ let state = state.clone(); Callback::from(move |m| state.dispatch(Action::Picked(m))) }}
                        on_discard={{ let state = state.clone(); Callback::from(move |id| state.dispatch(Action::Discard(id))) }}
                        {on_edit} {on_retry} {on_resolve} {on_paste} {on_fill} />
                }
            </section>
        </>
    }
}

/// Plans an edit (every selected row on Enter in a selected row) and sends it.
fn save_edit(crm: &Crm, state: &UseReducerHandle<State>, edit: GridEdit) {
    let page = &state.0;
    let Some(workspace) = page.workspace() else { return };
    let selection = if edit.bulk { page.selection.clone() } else { Selection::new() };
    // Leaving a cell unchanged is no edit (the editor only reports changes,
    // but Enter always commits).
    let unchanged = !edit.bulk || !selection.contains(&edit.row_id);
    if unchanged && page.rows.iter().any(|r| r.id == edit.row_id && *r.value(edit.column, &page.columns) == edit.value && page.retry_change(&r.id).is_none()) {
        return;
    }
    match plan_edit(&workspace.object, &page.columns, edit.column, edit.value, &edit.row_id, &selection) {
        Ok(plan) => send(crm, state, plan.change(&page.rows), SaveKind::Edit),
        Err(e) => state.dispatch(Action::Notice(Some(e.to_string()))),
    }
}

/// Ctrl+D at the active cell (visible row `position`, `column`): the fill
/// as one change (`workspace::fill`), or why there is nothing to fill.
fn fill(crm: &Crm, state: &UseReducerHandle<State>, visible: &[usize], position: usize, column: usize) {
    let page = &state.0;
    let Some(workspace) = page.workspace() else { return };
    let shown = Shown { rows: &page.rows, visible };
    match fill_down(&workspace.object, &page.columns, shown, &page.selection, position, column) {
        Ok(plan) => {
            // A lookup filled down shows its record's name in every row, as the source row does.
            if let (FieldValue::Id(id), Some((source, _))) = (&plan.value, rows_of(shown, &page.selection, position)) {
                let name = source.display(column, &page.columns, &page.ctx).to_owned();
                state.dispatch(Action::Picked(Match { id: id.to_string(), name, object: String::new() }));
            }
            send(crm, state, plan.change(&page.rows), SaveKind::Edit)
        }
        Err(e) => state.dispatch(Action::Notice(Some(e.to_string()))),
    }
}

/// A block pasted at the active cell (visible row `position`, `column`):
/// each text parsed by its column's type; the ones that can't be used are
/// marked, the others saved as one change (one undo).
fn paste(crm: &Crm, state: &UseReducerHandle<State>, visible: &[usize], text: &str, position: usize, column: usize) {
    let page = &state.0;
    let Some(workspace) = page.workspace() else { return };
    let block = tsv::parse(text);
    if block.is_empty() {
        return;
    }
    let targets: Vec<&Row> = visible.iter().skip(position).filter_map(|&i| page.rows.get(i)).collect();
    let currency = |r: usize, c: usize| targets.get(r).and_then(|row| row.money(c, &page.columns).currency).map(str::to_owned);
    let plan = paste::plan(&block, (0, column), targets.len(), &page.columns, &page.ctx, &currency);
    let (change, refused) = plan.change(&targets, &page.columns, &workspace.object);
    let left_out = plan.left_out(&block);
    state.dispatch(Action::PasteRefused(refused, left_out));
    send(crm, state, change, SaveKind::Edit);
}

/// Offers `text` as a file to save (a CSV download).
fn download(name: &str, text: &str) {
    let result = (|| -> Option<()> {
        let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
        let options = web_sys::BlobPropertyBag::new();
        options.set_type("text/csv;charset=utf-8");
        let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
        let url = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
        let link: web_sys::HtmlAnchorElement = gloo::utils::document().create_element("a").ok()?.dyn_into().ok()?;
        link.set_href(&url);
        link.set_download(name);
        link.click();
        web_sys::Url::revoke_object_url(&url).ok()
    })();
    if result.is_none() {
        gloo::console::error!("Sidecar could not offer the failures file.");
    }
}

/// Saves `change` without overwriting anyone: ONE query re-reads the fields
/// it sets (`edits::conflict`), the fields someone else changed are held
/// back for the rep, and the rest goes in one `PATCH composite/sobjects`
/// per 200 records (allOrNone false): two requests for a bulk edit.
fn send(crm: &Crm, state: &UseReducerHandle<State>, change: Change, kind: SaveKind) {
    if change.is_empty() {
        return;
    }
    state.dispatch(Action::EditBegin(change.clone()));
    let (crm, state) = (crm.clone(), state.clone());
    spawn_local(async move { check_and_save(&crm, &state, change, kind).await });
}

/// [`send`]'s requests, once the change shows as saving.
async fn check_and_save(crm: &Crm, state: &UseReducerHandle<State>, change: Change, kind: SaveKind) {
    let fresh = match fresh_query(&change, false) {
        Ok(query) => crm.query_all_pages::<Record>(&query, change.edits.len()).await,
        Err(e) => Err(ApiError::Unexpected(e.to_string())),
    };
    let checked = match fresh {
        Ok(fresh) => conflict::check(&change, &fresh),
        Err(e) => return state.dispatch(Action::EditDone(change, Err(e), kind, now())),
    };
    state.dispatch(Action::Held(checked.held));
    let clear = checked.clear;
    if clear.is_empty() {
        return;
    }
    let mut results = Vec::new();
    for request in clear.requests() {
        match crm.update_collection(request.records, false).await {
            Ok(answer) => results.extend(answer),
            Err(e) => return state.dispatch(Action::EditDone(clear, Err(e), kind, now())),
        }
    }
    state.dispatch(Action::EditDone(clear, Ok(results), kind, now()));
}
