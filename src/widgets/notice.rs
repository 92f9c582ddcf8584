//! The one way a screen tells the rep something in a line of text: loading,
//! an empty result, a refusal, an error. Screens pick the [`Tone`]; the
//! role (a status is read out politely, an alert at once) and the look follow
//! from it, so no screen writes `<p class=… role=…>` by hand.

use yew::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tone {
    /// Quiet information: "Loading…", "No matching records.", "Saved."
    #[default]
    Quiet,
    /// Work in progress, with a spinner: "Loading 400 of 2,000 records…"
    Progress,
    /// Something the rep should read now but that is not a failure.
    Attention,
    /// Something failed or was refused.
    Error,
}

impl Tone {
    fn role(self) -> &'static str {
        match self {
            Tone::Quiet | Tone::Progress => "status",
            Tone::Attention | Tone::Error => "alert",
        }
    }

    fn class(self) -> &'static str {
        match self {
            Tone::Quiet => "notice muted",
            Tone::Progress => "notice progress",
            Tone::Attention => "notice",
            Tone::Error => "notice error",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct NoticeProps {
    #[prop_or_default]
    pub tone: Tone,
    /// `data-testid`, for the end-to-end tests.
    #[prop_or_default]
    pub testid: Option<AttrValue>,
    /// `id`, when a control points at it with `aria-describedby`.
    #[prop_or_default]
    pub id: Option<AttrValue>,
    /// Extra classes (layout of the place it appears in).
    #[prop_or_default]
    pub class: Classes,
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn Notice(props: &NoticeProps) -> Html {
    let tone = props.tone;
    html! {
        <p class={classes!(tone.class(), props.class.clone())} role={tone.role()} data-testid={props.testid.clone()} id={props.id.clone()}>
            if tone == Tone::Progress {
                <span class="spinner" aria-hidden="true"></span>
            }
            { props.children.clone() }
        </p>
    }
}
