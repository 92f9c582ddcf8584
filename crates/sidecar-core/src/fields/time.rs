//! Dates and date-times as users type them (`12/31/2026` in the US,
//! `31.12.2026` in Germany, `2026-12-31` anywhere; times in the user's time
//! zone) and as the panel shows them, in the user's locale.
//!
//! Local times that fall in a daylight-saving gap or overlap resolve as
//! browsers resolve them (`new Date("...")`): a skipped 02:30 is read with the
//! offset before the change (so it lands at 03:30 daylight time), a repeated
//! 01:30 is the earlier of the two instants. So the edit text of an instant
//! in the repeated hour's second pass reads back an hour earlier: a wall
//! clock has no way to say which 01:30 it means.

use salesforce_rest::locale::{DateOrder, Locale};
use salesforce_rest::soql::{Date, DateTime};
use salesforce_rest::tz;

use super::EditContext;
use super::error::Problem;
use super::number::decimal;

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const DAY_MILLIS: i64 = 86_400_000;

/// A date as the user's locale writes it (`12/31/2026`, `31/12/2026`,
/// `31.12.2026`, `2026/12/31`), any of `/ . -` between the parts, or
/// `YYYY-MM-DD`, or `Dec 31, 2026`. A first part of four digits is a year
/// in any locale. A two-digit year is refused: `31.12.26` could mean 1926
/// or 2026, and guessing would save the wrong one.
pub(crate) fn read_date(s: &str, locale: &Locale) -> Result<Date, Problem> {
    let s = s.trim();
    if let Ok(date) = Date::parse(s) {
        return Ok(date);
    }
    let invalid = || Problem::InvalidDate { example: example_date(locale) };
    let number = |t: &str, max_len: usize| -> Option<u32> {
        (!t.is_empty() && t.len() <= max_len && t.chars().all(|c| c.is_ascii_digit())).then(|| t.parse().ok()).flatten()
    };
    let parts: Vec<&str> = s.trim_end_matches('.').split(['/', '.', '-']).map(str::trim).collect();
    if let [a, b, c] = parts[..] {
        let (y, m, d) = match locale.date_order {
            _ if a.len() == 4 => (a, b, c),
            DateOrder::MonthDayYear => (c, a, b),
            DateOrder::DayMonthYear => (c, b, a),
            DateOrder::YearMonthDay => (a, b, c),
        };
        if y.len() != 4 {
            return Err(if y.len() <= 2 && number(y, 2).is_some() { Problem::YearInFull { example: example_date(locale) } } else { invalid() });
        }
        let (Some(y), Some(m), Some(d)) = (number(y, 4), number(m, 2), number(d, 2)) else { return Err(invalid()) };
        return Date::new(y as i32, m as u8, d as u8).ok_or_else(invalid);
    }
    // `Nov 23, 2026` / `November 23 2026`.
    let words: Vec<&str> = s.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).collect();
    if let [month, d, y] = words[..] {
        let m = MONTHS.iter().position(|name| month.len() >= 3 && month.get(..3).is_some_and(|p| p.eq_ignore_ascii_case(name))).ok_or_else(invalid)?;
        if y.len() != 4 {
            return Err(invalid());
        }
        let (Some(y), Some(d)) = (number(y, 4), number(d, 2)) else { return Err(invalid()) };
        return Date::new(y as i32, m as u8 + 1, d as u8).ok_or_else(invalid);
    }
    Err(invalid())
}

/// The example a refused date names: New Year's Eve in the user's format.
pub fn example_date(locale: &Locale) -> String {
    format_date(Date { year: 2026, month: 12, day: 31 }, locale)
}

/// The example a refused date-time names: `12/31/2026, 4:30 PM`.
pub fn example_date_time(locale: &Locale) -> String {
    let mut out = example_date(locale);
    out.push_str(locale.date_time_join);
    push_time(&mut out, 16, 30, locale);
    out
}

/// A date-time typed in the user's zone (or with an explicit offset), in
/// UTC: the date as [`read_date`] reads it, the time in either clock.
pub(crate) fn read_date_time(s: &str, ctx: &EditContext) -> Result<DateTime, Problem> {
    let s = s.trim();
    if let Ok(dt) = DateTime::parse(s) {
        return Ok(dt.to_utc());
    }
    let invalid = || Problem::InvalidDateTime { example: example_date_time(ctx.locale) };
    let (date_text, time_text) = if s.len() > 10 && s.as_bytes()[10] == b'T' {
        (&s[..10], &s[11..])
    } else {
        // The time is the word holding a colon, with what follows it (AM/PM).
        match s.find(':') {
            Some(colon) => {
                let start = s[..colon].rfind(|c: char| c.is_whitespace() || c == ',').map_or(0, |i| i + 1);
                (s[..start].trim_end_matches(|c: char| c.is_whitespace() || c == ','), &s[start..])
            }
            None => (s, "00:00"),
        }
    };
    let date = read_date(date_text, ctx.locale).map_err(|problem| match problem {
        Problem::YearInFull { .. } => Problem::YearInFull { example: example_date_time(ctx.locale) },
        _ => invalid(),
    })?;
    let (hour, minute, second, millis) = read_time(time_text).ok_or_else(invalid)?;
    let local = DateTime { date, hour, minute, second, millis, offset_minutes: 0 };
    Ok(local_to_utc(&ctx.time_zone, local.unix_millis()))
}

/// `9:30`, `09:30:15`, `09:30:15.250`, `9:30 PM`, `9:30pm`.
fn read_time(s: &str) -> Option<(u8, u8, u8, u16)> {
    let s = s.trim();
    let lower = s.to_ascii_lowercase();
    let (clock, meridiem) = match lower.strip_suffix("am").or_else(|| lower.strip_suffix("a.m.")) {
        Some(rest) => (rest.trim_end().to_owned(), Some(false)),
        None => match lower.strip_suffix("pm").or_else(|| lower.strip_suffix("p.m.")) {
            Some(rest) => (rest.trim_end().to_owned(), Some(true)),
            None => (lower.clone(), None),
        },
    };
    let (hms, fraction) = clock.split_once('.').unwrap_or((&clock, ""));
    let parts: Vec<&str> = hms.split(':').collect();
    let field = |t: &str| -> Option<u8> { (t.len() == 2 || t.len() == 1).then(|| t.parse().ok()).flatten() };
    let (h, m, sec) = match parts[..] {
        [h, m] if m.len() == 2 => (field(h)?, field(m)?, 0),
        [h, m, sec] if m.len() == 2 && sec.len() == 2 => (field(h)?, field(m)?, field(sec)?),
        _ => return None,
    };
    let millis = match fraction.len() {
        0 => 0,
        1..=3 if fraction.chars().all(|c| c.is_ascii_digit()) => format!("{fraction:0<3}").parse().ok()?,
        _ => return None,
    };
    let hour = match meridiem {
        None if h < 24 => h,
        Some(pm) if (1..=12).contains(&h) => h % 12 + if pm { 12 } else { 0 },
        _ => return None,
    };
    (m < 60 && sec < 60).then_some((hour, m, sec, millis))
}

/// The UTC instant of a wall-clock time (given as millis of that wall clock
/// read as UTC) in `zone`.
pub(crate) fn local_to_utc(zone: &str, local_millis: i64) -> DateTime {
    let offset_at = |utc: i64| tz::utc_offset_minutes(zone, utc).unwrap_or(0);
    // The offsets in effect a day before and a day after bracket any change.
    let before = offset_at(local_millis - DAY_MILLIS);
    let after = offset_at(local_millis + DAY_MILLIS);
    let valid =
        [before, after].into_iter().map(|o| local_millis - i64::from(o) * 60_000).filter(|utc| i64::from(offset_at(*utc)) * 60_000 == local_millis - utc).min();
    DateTime::from_unix_millis(valid.unwrap_or(local_millis - i64::from(before) * 60_000))
}

/// The wall-clock time in `zone` of a UTC instant (offset field left 0).
fn to_local(dt: DateTime, zone: &str) -> DateTime {
    let utc = dt.unix_millis();
    DateTime::from_unix_millis(utc + i64::from(tz::utc_offset_minutes(zone, utc).unwrap_or(0)) * 60_000)
}

/// `12/31/2026`, `31/12/2026`, `31.12.2026`, `2026/12/31`: the locale's
/// short date with a four-digit year. By hand rather than `format!`: this
/// runs for every date of a 2,000-row grid.
pub fn format_date(d: Date, locale: &Locale) -> String {
    let mut out = String::with_capacity(10);
    let mut digits = [0_u8; 20];
    let sep = locale.date_separator;
    let two = |out: &mut String, part: u8| {
        if locale.pad_date || part >= 10 {
            out.push(char::from(b'0' + part / 10 % 10));
        }
        out.push(char::from(b'0' + part % 10));
    };
    let mut year = |out: &mut String| {
        if d.year < 0 {
            out.push('-');
        }
        out.push_str(decimal(d.year.unsigned_abs().into(), &mut digits));
    };
    match locale.date_order {
        DateOrder::MonthDayYear => {
            two(&mut out, d.month);
            out.push(sep);
            two(&mut out, d.day);
            out.push(sep);
            year(&mut out);
        }
        DateOrder::DayMonthYear => {
            two(&mut out, d.day);
            out.push(sep);
            two(&mut out, d.month);
            out.push(sep);
            year(&mut out);
        }
        DateOrder::YearMonthDay => {
            year(&mut out);
            out.push(sep);
            two(&mut out, d.month);
            out.push(sep);
            two(&mut out, d.day);
        }
    }
    out
}

/// Day and month without the year, in the locale's order and separator,
/// unpadded: `12/4` (en_US, ja_JP), `4/12` (en_GB), `4.12.` (de_DE, where
/// the day and the month each end with a dot).
pub fn day_and_month(d: Date, locale: &Locale) -> String {
    let sep = locale.date_separator;
    match locale.date_order {
        DateOrder::DayMonthYear if sep == '.' => format!("{}.{}.", d.day, d.month),
        DateOrder::DayMonthYear => format!("{}{sep}{}", d.day, d.month),
        DateOrder::MonthDayYear | DateOrder::YearMonthDay => format!("{}{sep}{}", d.month, d.day),
    }
}

/// `4:05 PM`, `16:05` or `9:05` (an unpadded 24-hour clock).
fn push_time(out: &mut String, hour: u8, minute: u8, locale: &Locale) {
    let h = if locale.twelve_hour {
        match hour % 12 {
            0 => 12,
            h => h,
        }
    } else {
        hour
    };
    if h >= 10 || locale.pad_hour && !locale.twelve_hour {
        out.push(char::from(b'0' + h / 10));
    }
    out.push(char::from(b'0' + h % 10));
    out.push(':');
    out.push(char::from(b'0' + minute / 10));
    out.push(char::from(b'0' + minute % 10));
    if locale.twelve_hour {
        out.push(' ');
        out.push_str(locale.am_pm[usize::from(hour >= 12)]);
    }
}

/// The instant on the user's wall clock, to the minute: the locale's date,
/// its join and its clock (`12/31/2026, 4:05 PM`, `31.12.2026, 16:05`).
pub(crate) fn format_date_time(dt: DateTime, ctx: &EditContext) -> String {
    let local = to_local(dt, &ctx.time_zone);
    let mut out = format_date(local.date, ctx.locale);
    out.push_str(ctx.locale.date_time_join);
    push_time(&mut out, local.hour, local.minute, ctx.locale);
    out
}

/// What a date-time editor starts with: [`format_date_time`], with seconds
/// and milliseconds only when present, so the text reads back exactly.
pub(crate) fn edit_date_time(dt: DateTime, ctx: &EditContext) -> String {
    let l = to_local(dt, &ctx.time_zone);
    if l.second == 0 && l.millis == 0 {
        return format_date_time(dt, ctx);
    }
    let mut out = format_date(l.date, ctx.locale);
    out.push_str(ctx.locale.date_time_join);
    // The clock's hour and minute, then `:ss[.SSS]` before any AM/PM.
    let mut clock = String::new();
    push_time(&mut clock, l.hour, l.minute, ctx.locale);
    let (hm, meridiem) = clock.split_at(clock.find(' ').unwrap_or(clock.len()));
    out.push_str(hm);
    out.push_str(&format!(":{:02}", l.second));
    if l.millis != 0 {
        out.push_str(&format!(".{:03}", l.millis));
    }
    out.push_str(meridiem);
    out
}

#[cfg(test)]
mod numeric_date_tests {
    use super::*;

    /// The hand-written forms are `format!`'s, for every day of a span of years.
    #[test]
    fn numeric_dates_match_format() {
        let (us, de, ja) = (Locale::of("en_US"), Locale::of("de_DE"), Locale::of("ja_JP"));
        for year in [0, 5, 999, 1999, 2026, 9999, 10_000, -44] {
            for month in 1..=12 {
                for day in 1..=31 {
                    let d = Date { year, month, day };
                    assert_eq!(format_date(d, us), format!("{month}/{day}/{year}"));
                    assert_eq!(format_date(d, de), format!("{day:02}.{month:02}.{year}"));
                    assert_eq!(format_date(d, ja), format!("{year}/{month:02}/{day:02}"));
                }
            }
        }
    }
}
