//! Editor input -> typed value, validated with devorg's (and Salesforce's)
//! save rules.

use salesforce_rest::SfId;

use super::error::{FieldError, Problem};
use super::number::{grouped, read_number};
use super::time::{read_date, read_date_time};
use super::{EditContext, FieldSpec, FieldType, FieldValue, Money};

/// Reads what the user typed in the editor of `spec`'s field, in the
/// user's formats (`ctx.locale`): what [`super::format`] shows reads back.
///
/// Text is trimmed and empty input is [`FieldValue::Null`] (refused when the
/// field is required), except for checkboxes, where empty means unchecked:
/// Salesforce booleans are never null.
pub fn parse(spec: &FieldSpec, input: &str, ctx: &EditContext) -> Result<FieldValue, FieldError> {
    parse_in(spec, input, Money::default(), ctx)
}

/// [`parse`] for a field of a record in `money`'s currency: an amount typed
/// with another currency's code (`EUR 5.000` on a JPY record) is refused,
/// as saving it would store 5,000 yen.
pub fn parse_in(spec: &FieldSpec, input: &str, money: Money<'_>, ctx: &EditContext) -> Result<FieldValue, FieldError> {
    let fail = |problem| Err(FieldError::new(&spec.label, problem));
    let text = input.trim();
    if spec.ty == FieldType::Boolean {
        return match text.to_ascii_lowercase().as_str() {
            "true" | "yes" | "1" | "on" | "checked" => Ok(FieldValue::Bool(true)),
            "false" | "no" | "0" | "off" | "" => Ok(FieldValue::Bool(false)),
            _ => fail(Problem::NotCheckboxState),
        };
    }
    if text.is_empty() {
        return if spec.required { fail(Problem::Required) } else { Ok(FieldValue::Null) };
    }
    match spec.ty {
        FieldType::Currency | FieldType::Double | FieldType::Percent => {
            let example = || match spec.ty {
                FieldType::Currency => grouped(1250.0, 2, ctx),
                FieldType::Percent => format!("{}{}%", grouped(12.5, 1, ctx), ctx.locale.percent_space),
                _ => grouped(1250.5, 1, ctx),
            };
            let Some(typed) = read_number(text, spec.ty, ctx) else { return fail(Problem::NotANumber { example: example() }) };
            let currency = money.currency.unwrap_or(ctx.currency_code());
            if let Some(code) = typed.currency.filter(|c| !currency.is_empty() && !c.eq_ignore_ascii_case(currency)) {
                return fail(Problem::OtherCurrency { typed: code, currency: currency.to_owned() });
            }
            let n = typed.value;
            // encode.rs: range on the value as given, then rounding to the scale.
            let digits = spec.precision.saturating_sub(spec.scale).clamp(1, 18);
            if n.abs() >= 10f64.powi(digits as i32) {
                return fail(Problem::TooLarge { digits });
            }
            let factor = 10f64.powi(spec.scale.min(18) as i32);
            Ok(FieldValue::Number((n * factor).round() / factor))
        }
        FieldType::Int => {
            let whole = || Problem::NotAWholeNumber { example: grouped(1250.0, 0, ctx) };
            let Some(n) = read_number(text, spec.ty, ctx).map(|t| t.value) else { return fail(whole()) };
            if n.fract() != 0.0 {
                return fail(whole());
            }
            let digits = spec.digits.clamp(1, 18);
            if n.abs() >= 10f64.powi(digits as i32) {
                return fail(Problem::TooLarge { digits });
            }
            Ok(FieldValue::Number(n))
        }
        FieldType::Date => read_date(text, ctx.locale).map(FieldValue::Date).map_err(|p| FieldError::new(&spec.label, p)),
        FieldType::Datetime => read_date_time(text, ctx).map(FieldValue::DateTime).map_err(|p| FieldError::new(&spec.label, p)),
        FieldType::Reference => {
            let Ok(id) = SfId::parse(text) else { return fail(Problem::InvalidId) };
            let allowed = spec.reference_to.is_empty() || spec.reference_to.iter().any(|t| t.key_prefix == id.key_prefix());
            if !allowed {
                let expected = spec.reference_to.iter().map(|t| t.object.clone()).collect();
                return fail(Problem::WrongObject { expected });
            }
            Ok(FieldValue::Id(id))
        }
        FieldType::Picklist => {
            let value = choice(spec, text).map_err(|p| FieldError::new(&spec.label, p))?;
            check_length(spec, &value)?;
            Ok(FieldValue::Text(value))
        }
        FieldType::Multipicklist => {
            let mut chosen = Vec::new();
            for part in text.split(';').map(str::trim).filter(|p| !p.is_empty()) {
                chosen.push(choice(spec, part).map_err(|p| FieldError::new(&spec.label, p))?);
            }
            // Declared order, no duplicates: what Salesforce stores.
            let rank = |c: &String| spec.picklist.iter().position(|o| &o.value == c).unwrap_or(usize::MAX);
            chosen.sort_by_key(rank);
            chosen.dedup();
            if chosen.is_empty() {
                return if spec.required { fail(Problem::Required) } else { Ok(FieldValue::Null) };
            }
            check_length(spec, &chosen.join(";"))?;
            Ok(FieldValue::Multi(chosen))
        }
        FieldType::Email => {
            if !salesforce_rest::rules::is_email(text) {
                return fail(Problem::InvalidEmail);
            }
            check_length(spec, text)?;
            Ok(FieldValue::Text(text.to_owned()))
        }
        // Phones, urls and text are free text (a bare `acme.com` is a fine url);
        // a type Sidecar does not edit (`fields::EDITABLE`) reads as text too.
        _ => {
            check_length(spec, text)?;
            Ok(FieldValue::Text(text.to_owned()))
        }
    }
}

/// The picklist value meant by `typed`: a value, or (for pasted text) a label
/// or a value in another case. Restricted picklists take only active values.
fn choice(spec: &FieldSpec, typed: &str) -> Result<String, Problem> {
    let found = spec
        .picklist
        .iter()
        .find(|o| o.value == typed)
        .or_else(|| spec.picklist.iter().find(|o| o.label == typed || o.value.eq_ignore_ascii_case(typed) || o.label.eq_ignore_ascii_case(typed)));
    match found {
        Some(option) if option.active || !spec.restricted => Ok(option.value.clone()),
        _ if spec.restricted => Err(Problem::NotAChoice { value: typed.to_owned() }),
        _ => Ok(typed.to_owned()),
    }
}

fn check_length(spec: &FieldSpec, text: &str) -> Result<(), FieldError> {
    let actual = text.chars().count();
    if spec.length > 0 && actual > spec.length as usize {
        return Err(FieldError::new(&spec.label, Problem::TooLong { max: spec.length, actual }));
    }
    Ok(())
}
