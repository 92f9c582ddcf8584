//! Date and date-time editors: text in the user's Salesforce format
//! (`12/31/2026`, `31.12.2026, 16:05`), which `fields::edit_text` writes and
//! `fields::parse` reads in the user's locale and time zone
//! (`ctx.locale`, `ctx.time_zone`). Not the browser's `<input type=date>`:
//! it shows the browser's locale, not the rep's Salesforce one, so a German
//! rep on an English browser would read and type dates differently from
//! what Salesforce shows them (`YYYY-MM-DD` is still accepted).

use yew::prelude::*;

use super::EditorProps;
use super::draft::{Labelled, frame, input, use_draft};

#[component]
pub fn DateEditor(props: &EditorProps) -> Html {
    let draft = use_draft(props);
    frame(props, draft.message.as_deref(), Labelled::For, input(props, &draft, "text", None))
}
