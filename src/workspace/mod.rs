//! The Workspace tab: the full-page grid for bulk work.

use yew::prelude::*;

#[component]
pub fn App() -> Html {
    html! {
        <div class="workspace" data-testid="workspace">
            <header class="panel-header">
                <h1 class="brand">{ "Sidecar Workspace" }</h1>
            </header>
            <div class="empty-state">
                <p>{ "Your workspaces will list CRM records here for bulk editing, up to 2,000 at a time." }</p>
            </div>
        </div>
    }
}
