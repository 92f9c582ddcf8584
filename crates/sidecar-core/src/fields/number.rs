//! Numbers as users type them (`$1,200`, `1.2k`, `12.5%`, `(300)`) and as
//! the panel shows them (`$1,234.50`, `12.50%`).

use super::{EditContext, FieldType};

/// Currency signs a pasted amount may carry, besides the user's own.
const CURRENCY_SIGNS: [char; 4] = ['$', '€', '£', '¥'];

/// Reads a typed number for a field of type `ty`; `None` when it isn't one.
///
/// Thousands separators must group by three (`1,5` is refused rather than
/// read as 15: the user probably meant a decimal comma). Shorthands `k`,
/// `M`, `B` are exact (decimal shifting, no float multiplication).
pub(crate) fn read_number(input: &str, ty: FieldType, ctx: &EditContext) -> Option<f64> {
    let mut s: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    let mut negative = false;
    if s.starts_with('(') && s.ends_with(')') && s.len() >= 2 {
        // Accountants write negative amounts in parentheses.
        negative = true;
        s = s[1..s.len() - 1].to_owned();
    }
    let is_sign = |c: char| {
        ty == FieldType::Currency && (CURRENCY_SIGNS.contains(&c) || ctx.currency_symbol.chars().count() == 1 && ctx.currency_symbol.starts_with(c))
    };
    let mut body = s.as_str();
    if ty == FieldType::Currency && !ctx.currency_symbol.is_empty() {
        body = body.strip_prefix(ctx.currency_symbol.as_str()).unwrap_or(body);
    }
    // A sign and a currency symbol, in either order: `-$5`, `$-5`.
    for _ in 0..2 {
        if let Some(rest) = body.strip_prefix('-') {
            negative = !negative;
            body = rest;
        } else if let Some(rest) = body.strip_prefix('+') {
            body = rest;
        } else if let Some(c) = body.chars().next().filter(|c| is_sign(*c)) {
            body = &body[c.len_utf8()..];
        }
    }
    if ty == FieldType::Percent {
        body = body.strip_suffix('%').unwrap_or(body);
    }
    if let Some(c) = body.chars().last().filter(|c| is_sign(*c)) {
        body = &body[..body.len() - c.len_utf8()];
    }
    let mut shift = 0usize;
    if ty != FieldType::Percent {
        let suffix = body.chars().last().map(|c| c.to_ascii_lowercase());
        shift = match suffix {
            Some('k') => 3,
            Some('m') => 6,
            Some('b') => 9,
            _ => 0,
        };
        if shift > 0 {
            body = &body[..body.len() - 1];
        }
    }
    let (int_part, frac_part) = match body.split_once(ctx.decimal_separator) {
        Some((i, f)) => (i, f),
        None => (body, ""),
    };
    if int_part.is_empty() && frac_part.is_empty() {
        return None;
    }
    let int_digits = grouped_digits(int_part, ctx.thousands_separator())?;
    if !frac_part.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let mut digits = format!("{int_digits}{frac_part}");
    let point = int_digits.len() + shift;
    while digits.len() < point {
        digits.push('0');
    }
    let text = format!("{}.{}", &digits[..point], &digits[point..]);
    let text = if text.starts_with('.') { format!("0{text}") } else { text };
    let value: f64 = text.trim_end_matches('.').parse().ok()?;
    value.is_finite().then_some(if negative { -value } else { value })
}

/// `1,234,567` -> `1234567`; `None` when groups are not of three.
fn grouped_digits(s: &str, sep: char) -> Option<String> {
    let groups: Vec<&str> = s.split(sep).collect();
    let digits_only = |g: &str| g.chars().all(|c| c.is_ascii_digit());
    if groups.len() > 1 {
        let (first, rest) = groups.split_first()?;
        let ok = (1..=3).contains(&first.len()) && digits_only(first) && rest.iter().all(|g| g.len() == 3 && digits_only(g));
        return ok.then(|| groups.concat());
    }
    digits_only(s).then(|| s.to_owned())
}

/// Digits grouped by three with the user's separators: `-1,234.50`.
pub(crate) fn grouped(n: f64, decimals: usize, ctx: &EditContext) -> String {
    let fixed = fixed_point(n.abs(), decimals);
    let (int_part, frac_part) = fixed.split_once('.').unwrap_or((&fixed, ""));
    let mut out = String::new();
    for (i, c) in int_part.chars().enumerate() {
        if i > 0 && (int_part.len() - i) % 3 == 0 {
            out.push(ctx.thousands_separator());
        }
        out.push(c);
    }
    if !frac_part.is_empty() {
        out.push(ctx.decimal_separator);
        out.push_str(frac_part);
    }
    // No "-0.00": a negative that rounds to zero shows as zero.
    let zero = fixed.chars().all(|c| c == '0' || c == '.');
    if n < 0.0 && !zero { format!("-{out}") } else { out }
}

/// `format!("{:.*}", decimals, n)` for `n >= 0`, without float formatting
/// when `n` has at most `decimals` decimals (amounts from the CRM do: this
/// runs for every amount of a 2,000-row grid). Only a value within 1e-6 of
/// a whole number of units takes the integer path, so rounding, ties
/// included, is left to the float formatting.
fn fixed_point(n: f64, decimals: usize) -> String {
    if decimals <= 9 {
        let scale = 10_u64.pow(decimals as u32);
        let scaled = n * scale as f64;
        let units = scaled.round();
        if units < 1e15 && (scaled - units).abs() < 1e-6 {
            let units = units as u64;
            let (int, frac) = (units / scale, units % scale);
            return if decimals == 0 { int.to_string() } else { format!("{int}.{frac:0decimals$}") };
        }
    }
    format!("{:.*}", decimals, n)
}

/// The shortest text that reads back as `n`, without grouping: `1234.5`.
pub(crate) fn plain(n: f64, ctx: &EditContext) -> String {
    let text = format!("{n}");
    if ctx.decimal_separator == '.' { text } else { text.replace('.', &ctx.decimal_separator.to_string()) }
}

#[cfg(test)]
mod fixed_point_tests {
    use super::fixed_point;

    /// The integer path agrees with float formatting, ties and all.
    #[test]
    fn matches_float_formatting() {
        let values = [0.0, 0.5, 1.0, 1.005, 2.675, 0.125, 0.615, 1234.56, 1234.5, 99.999, 1e14, 123456789.12, 0.1 + 0.2, 7.0, 1e-7, 5e15, 40.0, 33.333333333];
        for v in values {
            for d in [0usize, 1, 2, 3, 6] {
                assert_eq!(fixed_point(v, d), format!("{v:.d$}"), "{v} with {d} decimals");
            }
        }
        // A pseudo-random sweep of cents and odd fractions.
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let v = (x % 10_000_000_000) as f64 / [1.0, 10.0, 100.0, 1000.0, 7.0][(x % 5) as usize];
            for d in [0usize, 2, 3] {
                assert_eq!(fixed_point(v, d), format!("{v:.d$}"), "{v} with {d} decimals");
            }
        }
    }
}
