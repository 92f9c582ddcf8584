//! Numbers as users type them (`$1,200`, `1.2k`, `12.5%`, `(300)`,
//! `1.234,50 €` in German, `JPY 4,747,500`) and as the panel shows them
//! (`$1,234.50`, `12.50%`), with the separators of the user's locale.

use super::{EditContext, FieldType};

/// Currency signs a pasted amount may carry, besides the user's own.
const CURRENCY_SIGNS: [char; 5] = ['$', '€', '£', '¥', '￥'];

/// A typed number, and the ISO code typed with it (`JPY 4,747,500`).
pub(crate) struct Typed {
    pub value: f64,
    pub currency: Option<String>,
}

/// Reads a typed number for a field of type `ty`; `None` when it isn't one.
///
/// Thousands separators must group by three (`1,5` is refused rather than
/// read as 15: the user probably meant a decimal comma). Shorthands `k`,
/// `M`, `B` are exact (decimal shifting, no float multiplication). Spaces
/// are ignored, so a French `1 234,50` may be typed with plain spaces.
pub(crate) fn read_number(input: &str, ty: FieldType, ctx: &EditContext) -> Option<Typed> {
    let mut s: String = input.chars().filter(|c| !c.is_whitespace()).collect();
    let mut negative = false;
    if s.starts_with('(') && s.ends_with(')') && s.len() >= 2 {
        // Accountants write negative amounts in parentheses.
        negative = true;
        s = s[1..s.len() - 1].to_owned();
    }
    let symbol = ctx.currency_symbol();
    let currency_field = ty == FieldType::Currency;
    let is_sign = |c: char| currency_field && (CURRENCY_SIGNS.contains(&c) || symbol.chars().count() == 1 && symbol.starts_with(c));
    // Three letters are a currency only when they name one (`JPY`), not
    // any word (`Mio` is not a currency).
    let code = |t: &str| currency_field && t.len() == 3 && t.bytes().all(|b| b.is_ascii_alphabetic()) && ctx.knows_currency(t);
    let multi_char_symbol = currency_field && symbol.chars().count() > 1;
    let mut currency = None;
    let mut body = s.as_str();
    // A sign, a symbol and an ISO code before the digits, in any order:
    // `-$5`, `$-5`, `-JPY 5`, `JPY -5`, `R$ -5`.
    for _ in 0..3 {
        if let Some(rest) = body.strip_prefix('-') {
            negative = !negative;
            body = rest;
        } else if let Some(rest) = body.strip_prefix('+') {
            body = rest;
        } else if let Some(c) = body.chars().next().filter(|c| is_sign(*c)) {
            body = &body[c.len_utf8()..];
        } else if let Some(rest) = body.strip_prefix(symbol).filter(|_| multi_char_symbol) {
            body = rest;
        } else if let Some(head) = body.get(..3).filter(|h| currency.is_none() && code(h)) {
            currency = Some(head.to_ascii_uppercase());
            body = &body[3..];
        }
    }
    // And after them: `5 JPY`, `5 R$`.
    if let Some(tail) = body.len().checked_sub(3).and_then(|at| body.get(at..)).filter(|t| currency.is_none() && code(t)) {
        currency = Some(tail.to_ascii_uppercase());
        body = &body[..body.len() - 3];
    }
    if multi_char_symbol {
        body = body.strip_suffix(symbol).unwrap_or(body);
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
    let (int_part, frac_part) = match body.split_once(ctx.locale.decimal) {
        Some((i, f)) => (i, f),
        None => (body, ""),
    };
    if int_part.is_empty() && frac_part.is_empty() {
        return None;
    }
    let int_digits = grouped_digits(int_part, ctx.locale.group)?;
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
    value.is_finite().then_some(Typed { value: if negative { -value } else { value }, currency })
}

/// `1,234,567` -> `1234567`; `None` when groups are not of three. A
/// space-grouping locale's separator was dropped with the spaces.
fn grouped_digits(s: &str, sep: char) -> Option<String> {
    if sep.is_whitespace() {
        return s.chars().all(|c| c.is_ascii_digit()).then(|| s.to_owned());
    }
    let groups: Vec<&str> = s.split(sep).collect();
    let digits_only = |g: &str| g.chars().all(|c| c.is_ascii_digit());
    if groups.len() > 1 {
        let (first, rest) = groups.split_first()?;
        let ok = (1..=3).contains(&first.len()) && digits_only(first) && rest.iter().all(|g| g.len() == 3 && digits_only(g));
        return ok.then(|| groups.concat());
    }
    digits_only(s).then(|| s.to_owned())
}

/// Digits grouped by three with the user's separators: `-1,234.50`
/// (`-1.234,50` in German).
pub(crate) fn grouped(n: f64, decimals: usize, ctx: &EditContext) -> String {
    let mut out = String::new();
    push_grouped(&mut out, n, decimals, ctx, "");
    out
}

/// Appends `n` grouped by three, `symbol` after the sign: `-$1,234.50`.
///
/// Amounts from the CRM have no more decimals than shown, so this usually
/// writes whole units digit by digit, with no float formatting and no
/// allocation: it runs for every amount of a 2,000-row grid.
pub(crate) fn push_grouped(out: &mut String, n: f64, decimals: usize, ctx: &EditContext, symbol: &str) {
    if let Some((int, frac)) = units(n.abs(), decimals) {
        // No "-0.00": a negative that rounds to zero shows as zero.
        if n < 0.0 && (int, frac) != (0, 0) {
            out.push('-');
        }
        out.push_str(symbol);
        let mut digits = [0_u8; 20];
        let text = decimal(int, &mut digits);
        let group = text.len() >= 3 + usize::from(ctx.locale.min_grouping);
        for (i, c) in text.chars().enumerate() {
            if group && i > 0 && (text.len() - i) % 3 == 0 {
                out.push(ctx.locale.group);
            }
            out.push(c);
        }
        if decimals > 0 {
            out.push(ctx.locale.decimal);
            let text = decimal(frac, &mut digits);
            out.extend(std::iter::repeat_n('0', decimals.saturating_sub(text.len())));
            out.push_str(text);
        }
        return;
    }
    let fixed = format!("{:.*}", decimals, n.abs());
    let (int_part, frac_part) = fixed.split_once('.').unwrap_or((&fixed, ""));
    if n < 0.0 && !fixed.chars().all(|c| c == '0' || c == '.') {
        out.push('-');
    }
    out.push_str(symbol);
    let group = int_part.len() >= 3 + usize::from(ctx.locale.min_grouping);
    for (i, c) in int_part.chars().enumerate() {
        if group && i > 0 && (int_part.len() - i) % 3 == 0 {
            out.push(ctx.locale.group);
        }
        out.push(c);
    }
    if !frac_part.is_empty() {
        out.push(ctx.locale.decimal);
        out.push_str(frac_part);
    }
}

/// `n >= 0` as whole units and hundredths (for 2 decimals), when it has at
/// most `decimals` decimals. Only a value within 1e-6 of a whole number of
/// units qualifies, so rounding, ties included, is left to float
/// formatting.
fn units(n: f64, decimals: usize) -> Option<(u64, u64)> {
    if decimals > 9 {
        return None;
    }
    let scale = 10_u64.pow(decimals as u32);
    let scaled = n * scale as f64;
    let units = scaled.round();
    (units < 1e15 && (scaled - units).abs() < 1e-6).then(|| {
        let units = units as u64;
        (units / scale, units % scale)
    })
}

/// The decimal digits of `n`, written into the end of `buf`.
pub(crate) fn decimal(mut n: u64, buf: &mut [u8; 20]) -> &str {
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    // Only ASCII digits were written.
    std::str::from_utf8(&buf[at..]).unwrap_or_default()
}

/// `format!("{:.*}", decimals, n)` for `n >= 0`, through [`units`] when it can.
#[cfg(test)]
fn fixed_point(n: f64, decimals: usize) -> String {
    let ctx = EditContext::default();
    match units(n, decimals) {
        Some(_) => {
            let mut out = String::new();
            push_grouped(&mut out, n, decimals, &ctx, "");
            out.replace(ctx.locale.group, "")
        }
        None => format!("{:.*}", decimals, n),
    }
}

/// The shortest text that reads back as `n`, without grouping: `1234.5`.
pub(crate) fn plain(n: f64, ctx: &EditContext) -> String {
    let text = format!("{n}");
    if ctx.locale.decimal == '.' { text } else { text.replace('.', &ctx.locale.decimal.to_string()) }
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
