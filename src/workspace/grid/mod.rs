//! The Workspace grid: a header row (click to sort), a filter box per
//! column, and the rows, virtualized: only the rows in view (plus a few
//! either side) are in the DOM, each absolutely placed at a fixed height,
//! so 2,000 rows render and scroll as fast as 40. Columns share the width
//! (no horizontal scrolling) and cells never wrap: long text is cut with an
//! ellipsis and shown whole in its tooltip.
//!
//! It only renders and dispatches: what is visible, in which order, what is
//! selected and what an edit saves are the page's (`sidecar_core::workspace`).

mod rows;

use std::rc::Rc;

use sidecar_core::edits::pending::Resolution;
use sidecar_core::fields::{EditContext, FieldValue};
use sidecar_core::workspace::ColumnSpec;
use sidecar_core::workspace::grid::RowStatus;
use sidecar_core::workspace::grid::{ColumnSort, GridView, Row, column_tracks, is_numeric, visible_rows};
use sidecar_core::workspace::keyboard::{Action as KeyAction, Cursor, Key};
use sidecar_core::workspace::selection::Selection;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{Element, HtmlElement};
use yew::prelude::*;

use self::rows::{RowPool, View};
use crate::platform;
use crate::widgets::FieldEditor;
use sidecar_core::records::lookup::Match;
use sidecar_core::workspace::fill::{Shown, copy_text};

/// Every row is this tall (CSS `--grid-row-height` matches).
pub const ROW_HEIGHT: f64 = 32.0;
/// Rows rendered beyond the viewport on each side, so a fast scroll does
/// not show blank space before the next render.
const OVERSCAN: usize = 4;
/// The rows are indexed for the filters when the browser is idle, or after
/// this long at the latest.
const INDEX_DEADLINE_MS: u32 = 500;

/// An edit the user made in a cell.
#[derive(Debug, Clone, PartialEq)]
pub struct GridEdit {
    pub row_id: String,
    pub column: usize,
    pub value: FieldValue,
    /// Enter on a selected row: every selected row gets the value.
    /// Leaving the field edits just this row.
    pub bulk: bool,
}

#[derive(Debug, Clone, Properties)]
pub struct GridProps {
    pub columns: Rc<Vec<ColumnSpec>>,
    pub rows: Rc<Vec<Row>>,
    /// Indexes into `rows`, in display order (filtered, searched, sorted).
    pub visible: Rc<Vec<usize>>,
    pub selection: Selection,
    pub sort: Option<ColumnSort>,
    pub filters: Vec<String>,
    pub ctx: Rc<EditContext>,
    /// Records are still arriving: no "No records." yet.
    #[prop_or_default]
    pub loading: bool,
    pub on_filter: Callback<(usize, String)>,
    pub on_sort: Callback<usize>,
    pub on_toggle: Callback<String>,
    pub on_clear: Callback<()>,
    pub on_edit: Callback<GridEdit>,
    /// "Discard" on a row whose change failed or waits: back to the org's values.
    #[prop_or_default]
    pub on_discard: Callback<String>,
    /// Ctrl+D at (visible row, column): fill down (`workspace::fill`).
    #[prop_or_default]
    pub on_fill: Callback<(usize, usize)>,
    /// A record picked by name in a lookup cell (its id is the edit that follows).
    #[prop_or_default]
    pub on_pick: Callback<Match>,
    pub on_retry: Callback<String>,
    /// Keep mine / Take theirs on a row in conflict.
    #[prop_or_default]
    pub on_resolve: Callback<(String, Resolution)>,
    /// Text pasted on the grid (not in an editor): the text, and the active
    /// cell's visible row position and column.
    #[prop_or_default]
    pub on_paste: Callback<(String, usize, usize)>,
}

/// The row lists by identity rather than row by row (2,000 rows, on every
/// keystroke): the page replaces a list it changes, and `Rc::make_mut`
/// copies a list anyone else (these props) still holds, so the same
/// pointer always means the same rows.
impl PartialEq for GridProps {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.rows, &other.rows)
            && Rc::ptr_eq(&self.visible, &other.visible)
            && (&self.columns, &self.selection, &self.sort, &self.filters, &self.ctx, self.loading)
                == (&other.columns, &other.selection, &other.sort, &other.filters, &other.ctx, other.loading)
            && (&self.on_filter, &self.on_sort, &self.on_toggle, &self.on_clear, &self.on_edit, &self.on_retry, &self.on_resolve, &self.on_paste)
                == (&other.on_filter, &other.on_sort, &other.on_toggle, &other.on_clear, &other.on_edit, &other.on_retry, &other.on_resolve, &other.on_paste)
            && (&self.on_fill, &self.on_pick, &self.on_discard) == (&other.on_fill, &other.on_pick, &other.on_discard)
    }
}

/// The positions shown: `rows` filtered, searched and sorted by `view`,
/// recomputed when either changes (the rows by identity, as above).
#[hook]
pub fn use_visible_rows(rows: &Rc<Vec<Row>>, columns: &Rc<Vec<ColumnSpec>>, ctx: &Rc<EditContext>, view: &GridView) -> Rc<Vec<usize>> {
    let (columns, ctx) = (columns.clone(), ctx.clone());
    use_memo((SameRows(rows.clone()), view.clone()), move |(rows, view)| visible_rows(&rows.0, &columns, &ctx, view))
}

/// A row list compared by identity. It holds the list, so a later list
/// can't be allocated at the same address and pass for it.
#[derive(Debug)]
struct SameRows(Rc<Vec<Row>>);

impl PartialEq for SameRows {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The rows' `grid-template-columns` (the checkbox, the columns sharing
/// the rest, the save status), set once on the grid as a CSS variable
/// rather than on every row.
fn template(tracks: &str, columns: usize) -> String {
    let part = 100.0 / (columns + 2) as f64;
    // The status: Retry, Discard and the start of a message need room.
    format!("--grid-columns: 2.25rem {tracks} minmax(min(9rem, {part:.1}%), 12fr)")
}

/// The range of visible positions to render for a scroll position.
fn window(scroll_top: f64, viewport: f64, count: usize) -> (usize, usize) {
    let first = (scroll_top / ROW_HEIGHT).floor().max(0.0) as usize;
    let in_view = (viewport / ROW_HEIGHT).ceil() as usize + 1;
    let start = first.saturating_sub(OVERSCAN).min(count);
    let end = (first + in_view + OVERSCAN).min(count);
    (start, end)
}

#[component]
pub fn Grid(props: &GridProps) -> Html {
    let body = use_node_ref();
    let canvas = use_node_ref();
    let pool = use_mut_ref(RowPool::default);
    let scroll_top = use_state_eq(|| 0.0_f64);
    // The body is never taller than the window: start from the window's
    // height (no layout forced before the first paint), then the body's own
    // height as the browser lays it out.
    let viewport = use_state_eq(|| gloo::utils::window().inner_height().ok().and_then(|h| h.as_f64()).unwrap_or(800.0));
    let cursor = use_state_eq(Cursor::default);
    let count = props.visible.len();
    let ncols = props.columns.len();

    // The body's height whenever its size changes (the window, the toolbar
    // above): a ResizeObserver reports it after layout, so reading it forces
    // none. The grid is usually up before its records arrive, so they
    // render into the body's real height.
    {
        let (body, viewport) = (body.clone(), viewport.clone());
        use_effect_with((), move |()| {
            let element = body.cast::<Element>();
            let measure = Closure::<dyn FnMut()>::new(move || {
                if let Some(el) = body.cast::<Element>() {
                    viewport.set(f64::from(el.client_height().max(1)));
                }
            });
            let observer = web_sys::ResizeObserver::new(measure.as_ref().unchecked_ref()).ok();
            if let (Some(observer), Some(element)) = (&observer, &element) {
                observer.observe(element);
            }
            move || {
                if let Some(observer) = observer {
                    observer.disconnect();
                }
                drop(measure);
            }
        });
    }

    // Once the rows are on screen, index them for the filters while the
    // user reads (rather than while building them, before the first paint,
    // or on the first keystroke). Rows an edit left alone keep their index.
    {
        let (rows, columns, ctx) = (props.rows.clone(), props.columns.clone(), props.ctx.clone());
        use_effect_with(Rc::as_ptr(&props.rows) as usize, move |_| {
            let work = platform::idle::when_idle(INDEX_DEADLINE_MS, move || rows.iter().for_each(|row| row.index(&columns, &ctx)));
            move || drop(work)
        });
    }

    let (start, end) = window(*scroll_top, *viewport, count);
    let editing = cursor.editing.then_some((cursor.row, cursor.column));

    // After every render: the body rows (kept by hand, see `rows`) show
    // the rows of the window. Before the focus effect, which looks for the
    // editing cell.
    {
        let (pool, canvas) = (pool.clone(), canvas.clone());
        let (columns, rows, visible, selection, ctx) =
            (props.columns.clone(), props.rows.clone(), props.visible.clone(), props.selection.clone(), props.ctx.clone());
        let cursor = *cursor;
        use_effect(move || {
            if let Some(canvas) = canvas.cast::<Element>() {
                let active = (cursor.row < visible.len() && cursor.column < columns.len()).then_some((cursor.row, cursor.column));
                let view =
                    View { columns: &columns, ctx: &ctx, rows: &rows, visible: &visible, selection: &selection, start, end, active, editing: cursor.editing };
                pool.borrow_mut().sync(&canvas, &view);
            }
        });
    }

    // The open editor takes the focus.
    {
        let body = body.clone();
        use_effect_with((cursor.row, cursor.column, cursor.editing), move |&(_, _, editing)| {
            if editing && let Some(el) = body.cast::<Element>() {
                let input = el.query_selector(".grid-cell.editing input, .grid-cell.editing select, .grid-cell.editing textarea").ok().flatten();
                if let Some(input) = input.and_then(|i| i.dyn_into::<HtmlElement>().ok()) {
                    input.focus().ok();
                }
            }
        });
    }

    let onscroll = {
        let (body, scroll_top) = (body.clone(), scroll_top.clone());
        Callback::from(move |_: Event| {
            if let Some(el) = body.cast::<Element>() {
                scroll_top.set(f64::from(el.scroll_top()));
            }
        })
    };

    let row_id_at = {
        let (rows, visible) = (props.rows.clone(), props.visible.clone());
        move |position: usize| visible.get(position).and_then(|&i| rows.get(i)).map(|r| r.id.clone())
    };

    let close_editor = {
        let (cursor, body) = (cursor.clone(), body.clone());
        Callback::from(move |()| {
            cursor.set(Cursor { editing: false, ..*cursor });
            if let Some(el) = body.cast::<HtmlElement>() {
                el.focus().ok();
            }
        })
    };

    let onkeydown = {
        let (cursor, body, columns) = (cursor.clone(), body.clone(), props.columns.clone());
        let (on_toggle, row_id_at, on_fill) = (props.on_toggle.clone(), row_id_at.clone(), props.on_fill.clone());
        Callback::from(move |e: KeyboardEvent| {
            // The open editor, a filter box or a button handle their own keys.
            let from_control = e.target().and_then(|t| t.dyn_into::<Element>().ok()).is_some_and(|t| {
                matches!(t.tag_name().as_str(), "INPUT" | "SELECT" | "TEXTAREA" | "BUTTON") || t.closest(".grid-cell.editing").ok().flatten().is_some()
            });
            if cursor.editing || from_control {
                return;
            }
            // Fill-down, as in a spreadsheet (the browser's own Ctrl+D bookmarks the page).
            if (e.ctrl_key() || e.meta_key()) && !e.shift_key() && !e.alt_key() && e.key().eq_ignore_ascii_case("d") {
                e.prevent_default();
                on_fill.emit((cursor.row, cursor.column));
                return;
            }
            let Some(key) = Key::from_dom(&e.key()) else { return };
            let mut next = *cursor;
            let editable = columns.get(next.column).is_some_and(|c| c.updateable);
            let action = next.on_key(key, count, ncols, editable);
            if action != KeyAction::None {
                e.prevent_default();
            }
            match action {
                KeyAction::Moved => scroll_into_view(&body, next.row),
                KeyAction::ToggleSelection(position) => {
                    if let Some(id) = row_id_at(position) {
                        on_toggle.emit(id);
                    }
                }
                _ => {}
            }
            cursor.set(next);
        })
    };

    // One handler for every cell (rather than two closures per cell per
    // render): the row's `aria-rowindex` gives its position, the cell's
    // place among its siblings its column (the checkbox cell comes first).
    let cell_at = |e: &MouseEvent| -> Option<(usize, usize)> {
        let column = column_of(e, ".grid-value")?;
        Some((position_at(e, ".grid-value")?, column))
    };
    let editable_at = {
        let (rows, visible, columns) = (props.rows.clone(), props.visible.clone(), props.columns.clone());
        move |position: usize, column: usize| {
            let saving = visible.get(position).and_then(|&i| rows.get(i)).is_none_or(|r| r.status == RowStatus::Saving);
            columns.get(column).is_some_and(|c| c.updateable) && !saving
        }
    };
    let onclick = {
        let (cursor, editable_at, body) = (cursor.clone(), editable_at.clone(), body.clone());
        let (on_toggle, on_retry, on_resolve, row_id_at) = (props.on_toggle.clone(), props.on_retry.clone(), props.on_resolve.clone(), row_id_at.clone());
        let on_discard = props.on_discard.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some(id) = position_at(&e, "[data-testid=row-select]").and_then(&row_id_at) {
                on_toggle.emit(id);
                return;
            }
            if let Some(id) = position_at(&e, "[data-testid=row-retry]").and_then(&row_id_at) {
                on_retry.emit(id);
                return;
            }
            if let Some(id) = position_at(&e, "[data-testid=row-discard]").and_then(&row_id_at) {
                on_discard.emit(id);
                return;
            }
            for (selector, resolution) in [("[data-testid=row-keep-mine]", Resolution::KeepMine), ("[data-testid=row-take-theirs]", Resolution::TakeTheirs)] {
                if let Some(id) = position_at(&e, selector).and_then(&row_id_at) {
                    on_resolve.emit((id, resolution));
                    return;
                }
            }
            let Some((row, column)) = cell_at(&e) else { return };
            // An editor holding an invalid entry stays open with its message:
            // moving away would lose what the user typed.
            let invalid = body.cast::<Element>().and_then(|b| b.query_selector(".grid-cell.editing [aria-invalid=true]").ok().flatten()).is_some();
            if cursor.editing && invalid {
                return;
            }
            // A second click on the active cell edits it, as in a spreadsheet.
            let again = cursor.row == row && cursor.column == column && !cursor.editing;
            if cursor.editing && cursor.row == row && cursor.column == column {
                return;
            }
            cursor.set(Cursor { row, column, editing: again && editable_at(row, column) });
        })
    };
    // A block pasted from a spreadsheet lands at the active cell; inside an
    // open editor, a paste is the editor's.
    let onpaste = {
        let (cursor, on_paste) = (cursor.clone(), props.on_paste.clone());
        Callback::from(move |e: Event| {
            if cursor.editing {
                return;
            }
            let Some(text) = e.dyn_ref::<web_sys::ClipboardEvent>().and_then(|e| e.clipboard_data()).and_then(|data| data.get_data("text/plain").ok()) else {
                return;
            };
            e.prevent_default();
            on_paste.emit((text, cursor.row, cursor.column));
        })
    };
    // Copy (Ctrl+C, or the browser's menu): the selected rows, or the
    // active cell, as tab-separated text (`workspace::fill::copy_text`).
    let oncopy = {
        let (cursor, columns, rows, visible, selection, ctx) =
            (cursor.clone(), props.columns.clone(), props.rows.clone(), props.visible.clone(), props.selection.clone(), props.ctx.clone());
        Callback::from(move |e: Event| {
            if cursor.editing {
                return;
            }
            let Some(data) = e.dyn_ref::<web_sys::ClipboardEvent>().and_then(|e| e.clipboard_data()) else { return };
            let shown = Shown { rows: &rows, visible: &visible };
            let text = copy_text(&columns, shown, &selection, cursor.row, cursor.column, &ctx);
            if data.set_data("text/plain", &text).is_ok() {
                e.prevent_default();
            }
        })
    };
    let ondblclick = {
        let cursor = cursor.clone();
        Callback::from(move |e: MouseEvent| {
            let Some((row, column)) = cell_at(&e) else { return };
            if !(cursor.editing && cursor.row == row && cursor.column == column) {
                cursor.set(Cursor { row, column, editing: editable_at(row, column) });
            }
        })
    };

    // A cell cut short shows its whole text as a tooltip (set on hover:
    // only the cell under the pointer needs one, and only if cut).
    let onmouseover = Callback::from(|e: MouseEvent| {
        let Some(cell) = e.target().and_then(|t| t.dyn_into::<Element>().ok()).and_then(|t| t.closest(".grid-value").ok().flatten()) else { return };
        match cell.text_content().filter(|_| cell.scroll_width() > cell.client_width()) {
            Some(text) => cell.set_attribute("title", &text).ok(),
            None => cell.remove_attribute("title").ok(),
        };
    });

    // Set when the columns change or the first rows arrive, not at every
    // edit or batch: columns that moved under the rep's pointer would be worse.
    let tracks = {
        let (columns, rows, ctx) = (props.columns.clone(), props.rows.clone(), props.ctx.clone());
        use_memo((columns.clone(), rows.is_empty()), move |_| column_tracks(&columns, &rows, &ctx))
    };
    let style = template(&tracks, ncols);

    // One handler per row of the head, not one per column: the clicked
    // button's cell tells the column.
    let on_heading = {
        let on_sort = props.on_sort.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some(column) = column_of(&e, ".grid-sort") {
                on_sort.emit(column);
            }
        })
    };
    let on_filter_input = {
        let on_filter = props.on_filter.clone();
        Callback::from(move |e: InputEvent| {
            let input = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok());
            if let (Some(column), Some(input)) = (column_of(&e, ".grid-filter"), input) {
                on_filter.emit((column, input.value()));
            }
        })
    };
    let header = html! {
        <div class="grid-row grid-header" role="row" onclick={on_heading}>
            <div class="grid-check" role="columnheader">
                <button class="grid-unselect" type="button" data-testid="unselect-all" title="Unselect all rows"
                    aria-label="Unselect all rows" disabled={props.selection.is_empty()}
                    onclick={props.on_clear.reform(|_: MouseEvent| ())}>{ "⊟" }</button>
            </div>
            { for props.columns.iter().enumerate().map(|(i, column)| {
                let sorted = props.sort.filter(|s| s.column == i);
                let aria_sort = match sorted { Some(s) if s.descending => "descending", Some(_) => "ascending", None => "none" };
                let arrow = match sorted {
                    Some(s) if s.descending => html! { <span class="utility-icon icon-arrowdown sort-arrow" aria-hidden="true"></span> },
                    Some(_) => html! { <span class="utility-icon icon-arrowup sort-arrow" aria-hidden="true"></span> },
                    None => Html::default(),
                };
                let align = is_numeric(column.ty()).then_some("end");
                html! {
                    <div class="grid-cell grid-heading" role="columnheader" aria-sort={aria_sort} title={column.label().to_owned()} data-align={align}>
                        <button type="button" class="grid-sort" data-testid={format!("sort-{}", column.path)}>
                            <span class="truncate">{ column.label() }</span>{ arrow }
                        </button>
                    </div>
                }
            }) }
            <div class="grid-cell grid-heading" role="columnheader">{ "Status" }</div>
        </div>
    };

    let filters = html! {
        <div class="grid-row grid-filters" role="row" oninput={on_filter_input}>
            <div class="grid-check" role="gridcell"></div>
            { for props.columns.iter().enumerate().map(|(i, column)| {
                let value = props.filters.get(i).cloned().unwrap_or_default();
                html! {
                    <div class="grid-cell" role="gridcell">
                        <input class="grid-filter" type="search" placeholder="Starts with…" {value}
                            aria-label={format!("Filter {}", column.label())} data-testid={format!("filter-{}", column.path)} />
                    </div>
                }
            }) }
            <div class="grid-cell" role="gridcell"></div>
        </div>
    };

    // The open editor, a yew component, goes into its cell (a row element
    // kept by `rows`) through a portal.
    pool.borrow_mut().prepare(&props.columns, end - start);
    let editor = editing.and_then(|(position, c)| {
        let host = pool.borrow().cell(position, c, start, end)?;
        let row = props.rows.get(*props.visible.get(position)?)?;
        Some(create_portal(editor(props, row, c, props.columns.get(c)?, &cursor, &close_editor), host))
    });

    html! {
        <div class="grid" role="grid" style={style} aria-rowcount={(count + 2).to_string()} aria-colcount={(ncols + 2).to_string()} data-testid="grid">
            <div class="grid-head" role="rowgroup">{ header }{ filters }</div>
            <div class="grid-body" role="rowgroup" ref={body} tabindex="0" {onscroll} {onkeydown} {onclick} {ondblclick} {onmouseover} {onpaste} {oncopy} data-testid="grid-body">
                // yew matches unkeyed children from the end: the portal and the
                // note come first, so the canvas (and the rows in it) stays.
                { for editor }
                if count == 0 && !props.loading {
                    <p class="grid-empty">{ if props.rows.is_empty() { "No records." } else { "No rows match the filters." } }</p>
                }
                <div class="grid-canvas" ref={canvas} style={format!("height: {}px", count as f64 * ROW_HEIGHT)}></div>
            </div>
        </div>
    }
}

/// The position of the row holding the event's target, when the target is
/// (in) a `selector` element.
fn position_at(e: &Event, selector: &str) -> Option<usize> {
    let target = e.target()?.dyn_into::<Element>().ok()?;
    target.closest(selector).ok()??;
    let row = target.closest("[data-testid=grid-row]").ok()??;
    row.get_attribute("aria-rowindex")?.parse::<usize>().ok()?.checked_sub(3)
}

/// The column of the cell holding the event's target, when the target is
/// (in) a `selector` element: the cell's place in its row, after the
/// checkbox cell.
fn column_of(e: &Event, selector: &str) -> Option<usize> {
    let target = e.target()?.dyn_into::<Element>().ok()?.closest(selector).ok()??;
    let cell = target.closest(".grid-cell").ok()??;
    let mut column: usize = 0;
    let mut sibling = cell.previous_element_sibling();
    while let Some(s) = sibling {
        column += 1;
        sibling = s.previous_element_sibling();
    }
    column.checked_sub(1)
}

/// Scrolls the body so the row at `position` is in view.
fn scroll_into_view(body: &NodeRef, position: usize) {
    let Some(el) = body.cast::<Element>() else { return };
    let top = position as f64 * ROW_HEIGHT;
    let (scroll, height) = (f64::from(el.scroll_top()), f64::from(el.client_height()));
    if top < scroll {
        el.set_scroll_top(top as i32);
    } else if top + ROW_HEIGHT > scroll + height {
        el.set_scroll_top((top + ROW_HEIGHT - height) as i32);
    }
}

/// The editor of the active cell, rendered into that cell.
fn editor(props: &GridProps, row: &Row, c: usize, column: &ColumnSpec, cursor: &UseStateHandle<Cursor>, close_editor: &Callback<()>) -> Html {
    let edit = |bulk: bool| {
        let (on_edit, close, id) = (props.on_edit.clone(), close_editor.clone(), row.id.clone());
        Callback::from(move |value: FieldValue| {
            on_edit.emit(GridEdit { row_id: id.clone(), column: c, value, bulk });
            close.emit(());
        })
    };
    // Leaving the cell without a change closes the editor; an invalid
    // entry keeps it open with its message (the user's text is not lost).
    let onfocusout = {
        let cursor = cursor.clone();
        Callback::from(move |e: FocusEvent| {
            // yew delegates events: the cell is the target's, not `current_target`.
            let cell = e.target().and_then(|t| t.dyn_into::<Element>().ok()).and_then(|t| t.closest(".grid-cell.editing").ok().flatten());
            let to = e.related_target().and_then(|t| t.dyn_into::<web_sys::Node>().ok());
            let inside = matches!((&cell, &to), (Some(cell), Some(to)) if cell.contains(Some(to)));
            let invalid = cell.as_ref().and_then(|c| c.query_selector("[aria-invalid=true]").ok().flatten()).is_some();
            if !inside && !invalid && cursor.editing {
                cursor.set(Cursor { editing: false, ..*cursor });
            }
        })
    };
    html! {
        <div class="grid-editor" {onfocusout}>
            <FieldEditor spec={Rc::new(column.spec.clone())} value={row.value(c, &props.columns).clone()}
                ctx={props.ctx.clone()} id={AttrValue::from(format!("grid-edit-{}", column.path.replace('.', "-")))}
                display={Some(AttrValue::from(row.display(c, &props.columns, &props.ctx).to_owned()))}
                on_pick={props.on_pick.clone()}
                currency={row.money(c, &props.columns).currency.map(|c| AttrValue::from(c.to_owned()))}
                on_commit={edit(true)} on_leave={Some(edit(false))} on_cancel={close_editor.clone()} />
        </div>
    }
}

#[cfg(test)]
mod tests;
