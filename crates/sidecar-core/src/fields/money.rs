//! Amounts as Salesforce shows them.
//!
//! - A single-currency org shows the currency's symbol where the user's
//!   locale puts it: `$1,234.50`, `1.234,50 €`, `R$ 1.234,50`.
//! - A multi-currency org shows the ISO code before the amount, with the
//!   currency's own decimals, and, when the record's currency is not the
//!   user's, the amount converted to the user's currency in parentheses:
//!   `JPY 4.747.500 (EUR 38.652,37)` for a German rep (the original's
//!   documentation: "JPY 4,747,500 (USD 42,013.27)", "USD 350,000.00").

use super::number::push_grouped;
use super::{EditContext, Money};

/// `n` as an amount of `money`'s currency (the user's when it has none);
/// `scale`: the field's decimals, used where the currency's are unknown.
pub(crate) fn format_amount(n: f64, scale: usize, money: Money<'_>, ctx: &EditContext) -> String {
    let mut out = String::with_capacity(24);
    let Some(rates) = ctx.rates.as_deref() else {
        let locale = ctx.locale;
        let symbol = ctx.currency_symbol();
        // An ISO code in place of a symbol stands apart, with a no-break
        // space (ICU's currency spacing): `CHF 5.00`. No currency known: no
        // symbol, and no space for it.
        let space = match symbol {
            "" => "",
            s if s == ctx.currency_code() && locale.currency.space.is_empty() => "\u{a0}",
            _ => locale.currency.space,
        };
        if locale.currency.before {
            let mut prefix = String::with_capacity(symbol.len() + 2);
            prefix.push_str(symbol);
            prefix.push_str(space);
            push_grouped(&mut out, n, scale, ctx, &prefix);
        } else {
            push_grouped(&mut out, n, scale, ctx, "");
            out.push_str(space);
            out.push_str(symbol);
        }
        return out;
    };
    let user = ctx.currency_code();
    let currency = money.currency.unwrap_or(user);
    push_code(&mut out, n, rates.decimals(currency).map_or(scale, |d| d as usize), currency, ctx);
    if !currency.eq_ignore_ascii_case(user)
        && let Some(converted) = rates.convert(n, currency, user, money.day)
    {
        out.push_str(" (");
        push_code(&mut out, converted, rates.decimals(user).map_or(scale, |d| d as usize), user, ctx);
        out.push(')');
    }
    out
}

/// `JPY 4.747.500`: the code, a space, the grouped amount (the sign first).
fn push_code(out: &mut String, n: f64, decimals: usize, code: &str, ctx: &EditContext) {
    let mut prefix = String::with_capacity(code.len() + 1);
    prefix.push_str(code);
    prefix.push(' ');
    push_grouped(out, n, decimals, ctx, &prefix);
}

/// The number in a shown amount or percentage, with its sign: `-1,234.50`
/// in `-$1,234.50`, `4.747.500` in `JPY 4.747.500 (EUR 38.652,37)`,
/// `12,5` in `12,5 %`. What a rep typing into a column filter starts with.
pub fn amount_text(shown: &str) -> String {
    let Some(start) = shown.find(|c: char| c.is_ascii_digit()) else { return String::new() };
    let in_number = |c: char| c.is_ascii_digit() || matches!(c, '.' | ',' | '\'' | '\u{a0}' | '\u{202f}');
    let end = shown[start..].find(|c: char| !in_number(c)).map_or(shown.len(), |e| start + e);
    let digits = shown[start..end].trim_end_matches(|c: char| !c.is_ascii_digit());
    let negative = shown[..start].contains('-');
    if negative { format!("-{digits}") } else { digits.to_owned() }
}
