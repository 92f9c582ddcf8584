//! Component tests of every field editor in headless Chromium
//! (wasm-bindgen-test): for each of the fifteen types, a valid input commits
//! the typed value, an invalid one shows the message and keeps the text, an
//! initial value shows as `edit_text` writes it, and [`super::FieldDisplay`]
//! shows it formatted.

mod behaviour;
mod choice;
mod date;
mod number;
mod support;
mod text;

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);
