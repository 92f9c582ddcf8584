//! A test bench for one editor: mounts [`FieldEditor`] (or [`FieldDisplay`])
//! into its own container, types the way a browser reports typing (set the
//! value, fire `input`/`change`), presses keys, and records what the editor
//! committed or cancelled.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;

use sidecar_core::fields::{EditContext, FieldSpec, FieldType, FieldValue, PicklistOption};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

use crate::widgets::{EditorProps, FieldDisplay, FieldDisplayProps, FieldEditor};

/// The DOM id every bench gives its editor.
pub const ID: &str = "f";

/// The user's conventions in every test: en_US, New York time.
pub fn ctx() -> EditContext {
    EditContext::en_us("America/New_York")
}

pub fn spec(ty: FieldType, label: &str) -> FieldSpec {
    FieldSpec::new(&label.replace(' ', ""), label, ty)
}

pub fn options(values: &[(&str, &str, bool)]) -> Vec<PicklistOption> {
    values.iter().map(|(v, l, active)| PicklistOption { value: (*v).into(), label: (*l).into(), active: *active }).collect()
}

/// Lets yew render what the last event scheduled.
pub async fn settle() {
    yew::platform::time::sleep(Duration::from_millis(25)).await;
}

fn container() -> Element {
    let root = gloo::utils::document().create_element("div").expect("div");
    gloo::utils::body().append_child(&root).expect("append");
    root
}

pub struct Bench {
    pub root: Element,
    pub commits: Rc<RefCell<Vec<FieldValue>>>,
    pub cancels: Rc<Cell<u32>>,
    app: Option<yew::AppHandle<FieldEditor>>,
    props: EditorProps,
}

impl Drop for Bench {
    fn drop(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
        self.root.remove();
    }
}

/// Mounts the editor of `spec` showing `value`.
pub async fn editor(spec: FieldSpec, value: FieldValue) -> Bench {
    editor_with(spec, value, |p| p).await
}

/// Mounts an editor with props adjusted by `adjust` (server error, display...).
pub async fn editor_with(spec: FieldSpec, value: FieldValue, adjust: impl FnOnce(EditorProps) -> EditorProps) -> Bench {
    let commits = Rc::new(RefCell::new(Vec::new()));
    let cancels = Rc::new(Cell::new(0));
    let props = EditorProps {
        spec: Rc::new(spec),
        value,
        ctx: Rc::new(ctx()),
        server_error: None,
        on_leave: None,
        on_enter: None,
        on_commit: {
            let commits = commits.clone();
            Callback::from(move |v| commits.borrow_mut().push(v))
        },
        on_cancel: {
            let cancels = cancels.clone();
            Callback::from(move |()| cancels.set(cancels.get() + 1))
        },
        disabled: false,
        id: ID.into(),
        display: None,
        on_pick: Callback::noop(),
        currency: None,
    };
    let props = adjust(props);
    let root = container();
    let app = yew::Renderer::<FieldEditor>::with_root_and_props(root.clone(), props.clone()).render();
    settle().await;
    Bench { root, commits, cancels, app: Some(app), props }
}

impl Bench {
    pub fn find(&self, selector: &str) -> Option<Element> {
        self.root.query_selector(selector).expect("selector")
    }

    pub fn get(&self, selector: &str) -> Element {
        self.find(selector).unwrap_or_else(|| panic!("no {selector} in {}", self.root.inner_html()))
    }

    /// The editor's control (`#f`).
    pub fn control(&self) -> Element {
        self.get(&format!("#{ID}"))
    }

    /// What the control holds now.
    pub fn value(&self) -> String {
        let el = self.control();
        if let Some(input) = el.dyn_ref::<HtmlInputElement>() {
            input.value()
        } else if let Some(area) = el.dyn_ref::<HtmlTextAreaElement>() {
            area.value()
        } else if let Some(select) = el.dyn_ref::<HtmlSelectElement>() {
            select.value()
        } else {
            panic!("#{ID} is not a form control: {}", el.outer_html())
        }
    }

    /// Types `text` into the control: sets its value and fires `input` and
    /// `change`, as the browser does after the user's keystrokes.
    pub async fn type_text(&self, text: &str) {
        let el = self.control();
        if let Some(input) = el.dyn_ref::<HtmlInputElement>() {
            input.set_value(text);
        } else if let Some(area) = el.dyn_ref::<HtmlTextAreaElement>() {
            area.set_value(text);
        } else if let Some(select) = el.dyn_ref::<HtmlSelectElement>() {
            select.set_value(text);
        }
        fire(&el, "input");
        fire(&el, "change");
        settle().await;
    }

    /// Presses `key` on the control.
    pub async fn press(&self, key: &str) {
        self.press_on(&self.control(), key, false).await;
    }

    pub async fn press_on(&self, target: &Element, key: &str, ctrl: bool) {
        let init = web_sys::KeyboardEventInit::new();
        init.set_key(key);
        init.set_ctrl_key(ctrl);
        init.set_bubbles(true);
        init.set_cancelable(true);
        let event = web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).expect("keydown");
        target.dispatch_event(&event).expect("dispatch");
        settle().await;
    }

    /// Focus leaves the control (`blur`, and the bubbling `focusout`).
    pub async fn leave(&self, target: &Element) {
        for (name, bubbles) in [("blur", false), ("focusout", true)] {
            let init = web_sys::FocusEventInit::new();
            init.set_bubbles(bubbles);
            let event = web_sys::FocusEvent::new_with_focus_event_init_dict(name, &init).expect("focus event");
            target.dispatch_event(&event).expect("dispatch");
        }
        settle().await;
    }

    /// Toggles a checkbox as a click does (checked flips, `change` fires).
    pub async fn toggle(&self, selector: &str) {
        let input: HtmlInputElement = self.get(selector).dyn_into().expect("checkbox");
        input.set_checked(!input.checked());
        fire(&input, "input");
        fire(&input, "change");
        settle().await;
    }

    pub fn commits(&self) -> Vec<FieldValue> {
        self.commits.borrow().clone()
    }

    /// The message under the editor, if any.
    pub fn message(&self) -> Option<String> {
        self.find(&format!("#{ID}-message")).and_then(|m| m.text_content())
    }

    /// The editor shows `expected` as a message, wired to `control` with ARIA.
    pub fn assert_message(&self, control: &Element, expected: &str) {
        assert_eq!(self.message().as_deref(), Some(expected), "{}", self.root.inner_html());
        assert_eq!(control.get_attribute("aria-invalid").as_deref(), Some("true"));
        assert_eq!(control.get_attribute("aria-describedby"), Some(format!("{ID}-message")));
    }

    pub fn assert_no_message(&self) {
        assert_eq!(self.message(), None, "{}", self.root.inner_html());
        assert_eq!(self.control().get_attribute("aria-invalid"), None);
    }

    /// Re-renders with new props (the parent saved, or got a server error).
    pub async fn update(&mut self, adjust: impl FnOnce(EditorProps) -> EditorProps) {
        self.props = adjust(self.props.clone());
        if let Some(app) = self.app.as_mut() {
            app.update(self.props.clone());
        }
        settle().await;
    }
}

fn fire(target: &Element, name: &str) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict(name, &init).expect("event");
    target.dispatch_event(&event).expect("dispatch");
}

/// Renders [`FieldDisplay`] and returns its element (the container's child).
pub async fn display(spec: FieldSpec, value: FieldValue, name: Option<&str>) -> Element {
    let root = container();
    let props =
        FieldDisplayProps { spec: Rc::new(spec), value, ctx: Rc::new(ctx()), display: name.map(AttrValue::from), open: None, currency: None, day: None };
    yew::Renderer::<FieldDisplay>::with_root_and_props(root.clone(), props).render();
    settle().await;
    root.first_element_child().expect("display rendered")
}
