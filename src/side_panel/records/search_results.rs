//! The global search box and its hits, grouped by object. The box only
//! reports what was typed (Enter); the parent runs the one SOSL request.

use sidecar_core::load::Load;
use sidecar_core::records::search::Hit;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::widgets::{Notice, ObjectIcon, Tone};

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct SearchProps {
    pub results: Load<Vec<Hit>>,
    pub on_search: Callback<String>,
    pub on_open: Callback<Hit>,
}

#[component]
pub fn Search(props: &SearchProps) -> Html {
    let onkeydown = {
        let on_search = props.on_search.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" {
                e.prevent_default();
                on_search.emit(e.target_unchecked_into::<HtmlInputElement>().value());
            }
        })
    };
    let results = match &props.results {
        Load::Idle => Html::default(),
        Load::Loading => html! { <Notice>{ "Searching…" }</Notice> },
        Load::Failed(message) => html! { <Notice tone={Tone::Error} testid="search-error">{ message.clone() }</Notice> },
        Load::Loaded(hits) | Load::Refreshing(hits) if hits.is_empty() => html! { <Notice testid="search-empty">{ "No matching records." }</Notice> },
        Load::Loaded(hits) | Load::Refreshing(hits) => html! {
            <ul class="search-hits" data-testid="search-hits">
                { for hits.iter().map(|hit| {
                    let (open, h) = (props.on_open.clone(), hit.clone());
                    html! {
                        <li>
                            <button type="button" class="search-hit" data-testid="search-hit" data-object={hit.object.clone()} data-id={hit.id.clone()}
                                onclick={Callback::from(move |_: MouseEvent| open.emit(h.clone()))}>
                                <ObjectIcon object={hit.object.clone()} label={Some(AttrValue::from(hit.object.clone()))} small=true />
                                <span class="hit-title" title={hit.title.clone()}>{ &hit.title }</span>
                                if !hit.subtitle.is_empty() { <span class="hit-subtitle">{ &hit.subtitle }</span> }
                            </button>
                        </li>
                    }
                }) }
            </ul>
        },
    };
    html! {
        <div class="global-search">
            <input type="search" data-testid="global-search" aria-label="Search Salesforce" placeholder="Search Salesforce" {onkeydown} />
            { results }
        </div>
    }
}
