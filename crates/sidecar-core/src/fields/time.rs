//! Dates and date-times as users type them (`2026-11-23`, `11/23/2026`,
//! `2026-11-23T09:30` from `<input type=datetime-local>`, in the user's time
//! zone) and as the panel shows them.
//!
//! Local times that fall in a daylight-saving gap or overlap resolve as
//! browsers resolve them (`new Date("...")`): a skipped 02:30 is read with the
//! offset before the change (so it lands at 03:30 daylight time), a repeated
//! 01:30 is the earlier of the two instants. So the edit text of an instant
//! in the repeated hour's second pass reads back an hour earlier: the
//! `datetime-local` input has no way to say which 01:30 it means.

use salesforce_rest::soql::{Date, DateTime};
use salesforce_rest::tz;

use super::number::decimal;
use super::{DateStyle, EditContext};

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const DAY_MILLIS: i64 = 86_400_000;

/// `YYYY-MM-DD`, `M/D/YYYY` or `Nov 23, 2026`.
pub(crate) fn read_date(s: &str) -> Option<Date> {
    let s = s.trim();
    if let Ok(date) = Date::parse(s) {
        return Some(date);
    }
    let number = |t: &str, max_len: usize| -> Option<u32> {
        (!t.is_empty() && t.len() <= max_len && t.chars().all(|c| c.is_ascii_digit())).then(|| t.parse().ok()).flatten()
    };
    let parts: Vec<&str> = s.split('/').collect();
    if let [m, d, y] = parts[..] {
        if y.len() != 4 {
            return None;
        }
        return Date::new(number(y, 4)? as i32, number(m, 2)? as u8, number(d, 2)? as u8);
    }
    // `Nov 23, 2026` / `November 23 2026`.
    let words: Vec<&str> = s.split(|c: char| c.is_whitespace() || c == ',').filter(|w| !w.is_empty()).collect();
    if let [month, d, y] = words[..] {
        let m = MONTHS.iter().position(|name| month.len() >= 3 && month.get(..3).is_some_and(|p| p.eq_ignore_ascii_case(name)))?;
        if y.len() != 4 {
            return None;
        }
        return Date::new(number(y, 4)? as i32, m as u8 + 1, number(d, 2)? as u8);
    }
    None
}

/// A date-time typed in the user's zone (or with an explicit offset), in UTC.
pub(crate) fn read_date_time(s: &str, zone: &str) -> Option<DateTime> {
    let s = s.trim();
    if let Ok(dt) = DateTime::parse(s) {
        return Some(dt.to_utc());
    }
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
    let date = read_date(date_text)?;
    let (hour, minute, second, millis) = read_time(time_text)?;
    let local = DateTime { date, hour, minute, second, millis, offset_minutes: 0 };
    Some(local_to_utc(zone, local.unix_millis()))
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
fn local_to_utc(zone: &str, local_millis: i64) -> DateTime {
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

pub(crate) fn format_date(d: Date, style: DateStyle) -> String {
    match style {
        DateStyle::Medium => format!("{} {}, {}", MONTHS[usize::from(d.month.clamp(1, 12) - 1)], d.day, d.year),
        // By hand rather than `format!`: this runs for every date of a
        // 2,000-row grid.
        DateStyle::Numeric if d.year >= 0 => {
            let mut out = String::with_capacity(10);
            let mut digits = [0_u8; 20];
            for part in [d.month, d.day] {
                out.push(char::from(b'0' + part / 10 % 10));
                out.push(char::from(b'0' + part % 10));
                out.push('/');
            }
            out.push_str(decimal(d.year.unsigned_abs().into(), &mut digits));
            out
        }
        DateStyle::Numeric => format!("{:02}/{:02}/{}", d.month, d.day, d.year),
        DateStyle::Iso => d.to_string(),
    }
}

/// The instant on the user's wall clock, to the minute.
pub(crate) fn format_date_time(dt: DateTime, ctx: &EditContext) -> String {
    let local = to_local(dt, &ctx.time_zone);
    let date = format_date(local.date, ctx.date_style);
    match ctx.date_style {
        DateStyle::Iso => format!("{date} {:02}:{:02}", local.hour, local.minute),
        DateStyle::Medium | DateStyle::Numeric => {
            let h12 = match local.hour % 12 {
                0 => 12,
                h => h,
            };
            let meridiem = if local.hour < 12 { "AM" } else { "PM" };
            format!("{date}, {h12}:{:02} {meridiem}", local.minute)
        }
    }
}

/// What `<input type=datetime-local>` takes: seconds and milliseconds only
/// when present, so the value reads back exactly.
pub(crate) fn edit_date_time(dt: DateTime, zone: &str) -> String {
    let l = to_local(dt, zone);
    let mut out = format!("{}T{:02}:{:02}", l.date, l.hour, l.minute);
    if l.second != 0 || l.millis != 0 {
        out.push_str(&format!(":{:02}", l.second));
    }
    if l.millis != 0 {
        out.push_str(&format!(".{:03}", l.millis));
    }
    out
}

#[cfg(test)]
mod numeric_date_tests {
    use super::*;

    /// The hand-written numeric form is `format!`'s, for every day of a span of years.
    #[test]
    fn numeric_dates_match_format() {
        for year in [0, 5, 999, 1999, 2026, 9999, 10_000, -44] {
            for month in 1..=12 {
                for day in 1..=31 {
                    let d = Date { year, month, day };
                    assert_eq!(format_date(d, DateStyle::Numeric), format!("{month:02}/{day:02}/{year}"));
                }
            }
        }
    }
}
