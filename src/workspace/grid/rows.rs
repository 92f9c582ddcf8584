//! The grid's body rows, kept by hand rather than through yew's virtual
//! DOM: this is the hot path of the Workspace (2,000 rows, a render per
//! scroll step and per filter keystroke), and a row is the same dozen
//! elements every time. So, as a hand-written grid does:
//!
//! - each row is a clone of one template row (the cells' classes, roles
//!   and `data-column` set once per column), one DOM call instead of fifty;
//! - a fixed ring of row elements is recycled: the row at position `p`
//!   lives in slot `p % slots`, so scrolling rewrites only the rows that
//!   come into view, and a row being edited keeps its element (the editor,
//!   a yew component, is rendered into its cell through a portal);
//! - each slot remembers what it shows and a render changes only what
//!   differs.
//!
//! Every value goes in as text (`textContent`, attribute values), never
//! as markup.

use sidecar_core::fields::EditContext;
use sidecar_core::workspace::ColumnSpec;
use sidecar_core::workspace::grid::Row;
use sidecar_core::workspace::grid::RowStatus;
use sidecar_core::workspace::selection::Selection;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, Text};

use super::ROW_HEIGHT;

/// What the rows show after a render of the grid.
#[derive(Debug, Clone, Copy)]
pub struct View<'a> {
    pub columns: &'a [ColumnSpec],
    pub ctx: &'a EditContext,
    pub rows: &'a [Row],
    /// Indexes into `rows`, in display order.
    pub visible: &'a [usize],
    pub selection: &'a Selection,
    /// The window of positions in the DOM.
    pub start: usize,
    pub end: usize,
    /// The active cell (position, column), and whether its editor is open.
    pub active: Option<(usize, usize)>,
    pub editing: bool,
}

/// The recycled row elements.
#[derive(Debug, Default)]
pub struct RowPool {
    /// The row every slot is cloned from, and the columns it was built for
    /// (path, updateable).
    template: Option<(Vec<(String, bool)>, Element)>,
    slots: Vec<Slot>,
    /// The canvas the attached slots are in.
    canvas: Option<Element>,
}

#[derive(Debug)]
struct Slot {
    row: Element,
    checkbox: Element,
    /// Per column: the cell and its text node (rewritten in place, not
    /// replaced: cheaper to lay out again).
    cells: Vec<(Element, Text)>,
    status: Element,
    shown: Shown,
}

/// What a slot's elements show now.
#[derive(Debug, Default)]
struct Shown {
    attached: bool,
    position: Option<usize>,
    id: String,
    texts: Vec<String>,
    /// Per column, the words of a marked cell (see `Row::flagged`).
    flags: Vec<Option<String>>,
    /// Per column, whether the cell holds the rep's value not saved yet.
    changed: Vec<bool>,
    selected: bool,
    status: RowStatus,
    /// The active cell's column, and whether it is being edited.
    active: Option<(usize, bool)>,
}

impl RowPool {
    /// Makes sure there are slots for `window` rows of `columns` (a new
    /// template when the columns changed), before a render asks for a cell
    /// to host the editor in.
    pub fn prepare(&mut self, columns: &[ColumnSpec], window: usize) {
        // Runs on every render: compared without building the key.
        let same = |key: &[(String, bool)]| key.iter().map(|(p, u)| (p.as_str(), *u)).eq(columns.iter().map(|c| (c.path.as_str(), c.updateable)));
        if self.template.as_ref().is_none_or(|(key, _)| !same(key)) {
            for slot in self.slots.drain(..) {
                slot.row.remove();
            }
            let Some(template) = gloo::utils::window().document().and_then(|d| template(&d, columns)) else { return };
            self.template = Some((columns.iter().map(|c| (c.path.clone(), c.updateable)).collect(), template));
        }
        if window > self.slots.len() {
            // The ring's size changed: every position may move to another
            // slot, so each slot is rewritten at the next sync.
            for slot in &mut self.slots {
                slot.shown.position = None;
            }
            while self.slots.len() < window {
                let Some(slot) = self.template.as_ref().and_then(|(_, t)| Slot::clone_of(t)) else { return };
                self.slots.push(slot);
            }
        }
    }

    /// The cell at `position`, `column` when that row is in the window: the
    /// host of the open editor.
    pub fn cell(&self, position: usize, column: usize, start: usize, end: usize) -> Option<Element> {
        if !(start..end).contains(&position) || self.slots.is_empty() {
            return None;
        }
        self.slots.get(position % self.slots.len())?.cells.get(column).map(|(cell, _)| cell.clone())
    }

    /// Brings the row elements in `canvas` up to date with `view`.
    pub fn sync(&mut self, canvas: &Element, view: &View<'_>) {
        self.prepare(view.columns, view.end - view.start);
        let Some(document) = gloo::utils::window().document() else { return };
        let ring = self.slots.len();
        if ring == 0 {
            return;
        }
        if self.canvas.as_ref() != Some(canvas) {
            // A new canvas (the grid was rebuilt): every row goes into it.
            for slot in &mut self.slots {
                slot.shown.attached = false;
            }
            self.canvas = Some(canvas.clone());
        }
        for (s, slot) in self.slots.iter_mut().enumerate() {
            // The one position of the window that lives in slot `s`, if any.
            let position = view.start + (s + ring - view.start % ring) % ring;
            let row = (position < view.end).then(|| view.visible.get(position).and_then(|&i| view.rows.get(i))).flatten();
            match row {
                Some(row) => {
                    slot.show(&document, view, position, row);
                    if !slot.shown.attached {
                        canvas.append_child(&slot.row).ok();
                        slot.shown.attached = true;
                    }
                }
                None if slot.shown.attached => {
                    slot.row.remove();
                    slot.shown.attached = false;
                }
                None => {}
            }
        }
    }
}

impl Slot {
    fn clone_of(template: &Element) -> Option<Self> {
        let row: Element = template.clone_node_with_deep(true).ok()?.dyn_into().ok()?;
        let check = row.first_element_child()?;
        let checkbox = check.first_element_child()?;
        let mut cells = Vec::new();
        let mut next = check.next_element_sibling();
        while let Some(cell) = next {
            next = cell.next_element_sibling();
            cells.push(cell);
        }
        let status = cells.pop()?;
        let cells = cells
            .into_iter()
            .map(|cell| {
                let text = cell.first_child()?.dyn_into::<Text>().ok()?;
                Some((cell, text))
            })
            .collect::<Option<Vec<_>>>()?;
        let shown = Shown { texts: vec![String::new(); cells.len()], flags: vec![None; cells.len()], changed: vec![false; cells.len()], ..Shown::default() };
        Some(Self { row, checkbox, cells, status, shown })
    }

    /// Shows `row` at `position`, touching only what changed.
    fn show(&mut self, document: &Document, view: &View<'_>, position: usize, row: &Row) {
        let shown = &mut self.shown;
        if shown.position != Some(position) {
            set(&self.row, "style", &format!("transform: translateY({}px)", position as f64 * ROW_HEIGHT));
            set(&self.row, "aria-rowindex", &(position + 3).to_string());
            shown.position = Some(position);
        }
        if shown.id != row.id {
            set(&self.row, "data-id", &row.id);
            shown.id.clone_from(&row.id);
        }
        let selected = view.selection.contains(&row.id);
        if (selected, &row.status) != (shown.selected, &shown.status) {
            self.row.set_class_name(match (selected, &row.status) {
                (false, RowStatus::Idle) => "grid-row",
                (false, RowStatus::Saving) => "grid-row row-saving",
                (false, RowStatus::Saved) => "grid-row row-saved",
                (false, RowStatus::Failed(_)) => "grid-row row-failed",
                (false, RowStatus::Conflict(_)) => "grid-row row-conflict",
                (true, RowStatus::Idle) => "grid-row selected",
                (true, RowStatus::Saving) => "grid-row selected row-saving",
                (true, RowStatus::Saved) => "grid-row selected row-saved",
                (true, RowStatus::Failed(_)) => "grid-row selected row-failed",
                (true, RowStatus::Conflict(_)) => "grid-row selected row-conflict",
            });
        }
        if selected != shown.selected {
            let flag = if selected { "true" } else { "false" };
            set(&self.row, "aria-selected", flag);
            set(&self.checkbox, "aria-checked", flag);
            shown.selected = selected;
        }
        if row.status != shown.status {
            status_cell(document, &self.status, &row.status);
            shown.status = row.status.clone();
        }

        let active = view.active.filter(|(p, _)| *p == position).map(|(_, c)| (c, view.editing));
        for (c, (cell, text_node)) in self.cells.iter().enumerate() {
            let was = shown.active.filter(|(column, _)| *column == c).map(|(_, editing)| editing);
            let now = active.filter(|(column, _)| *column == c).map(|(_, editing)| editing);
            let updateable = view.columns.get(c).is_some_and(|col| col.updateable);
            if was != now {
                cell.set_class_name(cell_class(updateable, now));
            }
            let flag = row.flagged.iter().find(|(column, _)| *column == c).map(|(_, words)| words);
            if shown.flags[c].as_ref() != flag {
                match flag {
                    Some(words) => {
                        set(cell, "aria-invalid", "true");
                        set(cell, "title", words);
                    }
                    None => {
                        cell.remove_attribute("aria-invalid").ok();
                        cell.remove_attribute("title").ok();
                    }
                }
                shown.flags[c] = flag.cloned();
            }
            let changed = row.is_changed(&view.columns[c].path);
            if shown.changed[c] != changed {
                if changed {
                    set(cell, "data-changed", "true")
                } else {
                    drop(cell.remove_attribute("data-changed"))
                }
                shown.changed[c] = changed;
            }
            let text = row.display(c, view.columns, view.ctx);
            match now {
                // The editor (rendered into this cell through a portal) replaces the text.
                Some(true) if was != Some(true) => {
                    cell.remove_child(text_node).ok();
                }
                Some(true) => {}
                _ => {
                    if was == Some(true) {
                        cell.append_child(text_node).ok();
                    }
                    if shown.texts[c] != text {
                        text_node.set_data(text);
                        shown.texts[c].replace_range(.., text);
                    }
                }
            }
        }
        shown.active = active;
    }
}

fn set(element: &Element, name: &str, value: &str) {
    element.set_attribute(name, value).ok();
}

/// A value cell's classes: `editing` is `Some(false)` for the active cell,
/// `Some(true)` while its editor is open.
fn cell_class(updateable: bool, editing: Option<bool>) -> &'static str {
    match (editing, updateable) {
        (Some(true), _) => "grid-cell active editing",
        (Some(false), true) => "grid-cell grid-value active",
        (Some(false), false) => "grid-cell grid-value active read-only",
        (None, true) => "grid-cell grid-value",
        (None, false) => "grid-cell grid-value read-only",
    }
}

/// One row with empty cells: the checkbox, a cell per column, the status.
fn template(document: &Document, columns: &[ColumnSpec]) -> Option<Element> {
    let element = |tag: &str, attributes: &[(&str, &str)]| -> Option<Element> {
        let e = document.create_element(tag).ok()?;
        for (name, value) in attributes {
            set(&e, name, value);
        }
        Some(e)
    };
    let row = element("div", &[("class", "grid-row"), ("role", "row"), ("data-testid", "grid-row"), ("aria-selected", "false")])?;
    let check = element("div", &[("class", "grid-check"), ("role", "gridcell")])?;
    let checkbox = element(
        "button",
        &[
            ("type", "button"),
            ("role", "checkbox"),
            ("class", "grid-checkbox"),
            ("aria-checked", "false"),
            ("aria-label", "Select row"),
            ("data-testid", "row-select"),
        ],
    )?;
    check.append_child(&checkbox).ok()?;
    row.append_child(&check).ok()?;
    for column in columns {
        let cell = element("div", &[("class", cell_class(column.updateable, None)), ("role", "gridcell"), ("data-column", &column.path)])?;
        if !column.updateable {
            set(&cell, "aria-readonly", "true");
        }
        if sidecar_core::workspace::grid::is_numeric(column.ty()) {
            set(&cell, "data-align", "end");
        }
        cell.append_child(&document.create_text_node("")).ok()?;
        row.append_child(&cell).ok()?;
    }
    let status = element("div", &[("class", "grid-cell grid-status"), ("role", "gridcell"), ("data-testid", "row-status")])?;
    row.append_child(&status).ok()?;
    Some(row)
}

/// The status cell: nothing, "Saving…", "Saved", Retry, Discard and the message, or
/// a conflict's words with Keep mine and Take theirs.
fn status_cell(document: &Document, cell: &Element, status: &RowStatus) {
    cell.set_text_content(None);
    cell.remove_attribute("title").ok();
    let add = |tag: &str, class: &str, text: &str| -> Option<Element> {
        let e = document.create_element(tag).ok()?;
        e.set_class_name(class);
        e.set_text_content(Some(text));
        cell.append_child(&e).ok()?;
        Some(e)
    };
    match status {
        RowStatus::Idle => {}
        RowStatus::Saving => drop(add("span", "muted", "Saving…")),
        RowStatus::Saved => drop(add("span", "saved", "Saved")),
        RowStatus::Failed(message) => {
            for (label, testid) in [("Retry", "row-retry"), ("Discard", "row-discard")] {
                if let Some(button) = add("button", "link retry", label) {
                    set(&button, "type", "button");
                    set(&button, "data-testid", testid);
                }
            }
            // Cut to the cell; the whole message shows under it on hover,
            // or on focus (a click, or Tab from the keyboard).
            if let Some(error) = add("button", "error truncate row-error-text", message) {
                set(&error, "type", "button");
                set(&error, "data-testid", "row-error");
            }
            if let Some(full) = add("span", "row-error-full", message) {
                set(&full, "role", "tooltip");
            }
        }
        RowStatus::Conflict(message) => {
            for (label, testid) in [("Keep mine", "row-keep-mine"), ("Take theirs", "row-take-theirs")] {
                if let Some(button) = add("button", "link resolve", label) {
                    set(&button, "type", "button");
                    set(&button, "data-testid", testid);
                }
            }
            if let Some(words) = add("span", "conflict truncate", message) {
                set(&words, "data-testid", "row-conflict");
            }
            set(cell, "title", message);
        }
    }
}
