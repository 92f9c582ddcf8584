//! Object icons as Lightning shows them: the Lightning Design System's
//! standard icon of the object (a white glyph, unchanged, on the object's
//! colour; `static/icons/slds/README.md` says where the files come from),
//! or its generic icon for any other object. Decorative next to a name
//! that says the object; labelled where it stands alone.

use yew::prelude::*;

/// The objects with an icon of their own (file name = lowercase name).
const OWN_ICON: &[&str] = &["Account", "Contact", "Lead", "Opportunity", "Case", "Task", "User", "Event", "Campaign"];

/// The icon file and colour class of `object`.
fn icon_of(object: &str) -> &'static str {
    match OWN_ICON.iter().find(|o| o.eq_ignore_ascii_case(object)) {
        Some(&"Account") => "account",
        Some(&"Contact") => "contact",
        Some(&"Lead") => "lead",
        Some(&"Opportunity") => "opportunity",
        Some(&"Case") => "case",
        Some(&"Task") => "task",
        Some(&"User") => "user",
        Some(&"Event") => "event",
        Some(&"Campaign") => "campaign",
        _ => "default",
    }
}

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct ObjectIconProps {
    /// The object's API name.
    pub object: AttrValue,
    /// Its label, for an icon that stands without one (else decorative).
    #[prop_or_default]
    pub label: Option<AttrValue>,
    /// `small` (20 px, in lists) or the default 32 px (headers).
    #[prop_or_default]
    pub small: bool,
}

#[component]
pub fn ObjectIcon(props: &ObjectIconProps) -> Html {
    let icon = icon_of(&props.object);
    let class = classes!("object-icon", format!("object-icon-{icon}"), props.small.then_some("small"));
    let (role, hidden) = match &props.label {
        Some(_) => (Some("img"), None),
        None => (None, Some("true")),
    };
    html! {
        <span {class} {role} aria-label={props.label.clone()} aria-hidden={hidden} title={props.label.clone()}>
            <img src={format!("icons/slds/standard/{icon}.svg")} alt="" />
        </span>
    }
}
