//! A field's value, read-only: `fields::format`'s text, emails, phones and
//! urls as links (only the safe ones `fields::link_href` allows, opened
//! without giving the page a handle on the panel), a lookup as its record's
//! name. CRM text is always rendered as text, never as HTML.

use std::rc::Rc;

use salesforce_rest::soql::Date;
use sidecar_core::fields::{self, EditContext, FieldSpec, FieldType, FieldValue, Money};
use yew::prelude::*;

#[derive(Debug, Clone, PartialEq, Properties)]
pub struct FieldDisplayProps {
    pub spec: Rc<FieldSpec>,
    pub value: FieldValue,
    pub ctx: Rc<EditContext>,
    /// A lookup's record name, shown instead of its id.
    #[prop_or_default]
    pub display: Option<AttrValue>,
    /// A lookup opens its record: its name becomes a link that calls this.
    #[prop_or_default]
    pub open: Option<Callback<()>>,
    /// An amount's record currency and its day for dated rates, in a
    /// multi-currency org (`fields::format_in`).
    #[prop_or_default]
    pub currency: Option<AttrValue>,
    #[prop_or_default]
    pub day: Option<Date>,
}

#[component]
pub fn FieldDisplay(props: &FieldDisplayProps) -> Html {
    let spec = &props.spec;
    let text = match (&props.value, &props.display) {
        (FieldValue::Id(_), Some(name)) => name.to_string(),
        (value, _) => fields::format_in(spec, value, Money { currency: props.currency.as_deref(), day: props.day }, &props.ctx),
    };
    let class = classes!("field-display", format!("field-type-{}", spec.ty.as_str()), text.is_empty().then_some("empty"));
    if let (FieldValue::Id(_), Some(open)) = (&props.value, &props.open) {
        let onclick = open.reform(|_: MouseEvent| ());
        return html! {
            <span {class} data-field={spec.name.clone()}>
                <button type="button" class="record-link" data-testid={format!("open-{}", spec.name)} {onclick}>{ text }</button>
            </span>
        };
    }
    let Some(href) = fields::link_href(spec, &props.value) else {
        return html! { <span {class} data-field={spec.name.clone()}>{ text }</span> };
    };
    // Web pages open in a new tab; mail and phone links go to their apps.
    let target = (spec.ty == FieldType::Url).then_some("_blank");
    html! {
        <span {class} data-field={spec.name.clone()}>
            <a {href} {target} rel="noopener noreferrer">{ text }</a>
        </span>
    }
}
