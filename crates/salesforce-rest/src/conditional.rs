//! Conditional request headers (dialect §4, "Conditional Request Headers"
//! in Salesforce's REST API Developer Guide): `If-Unmodified-Since` on a
//! `PATCH sobjects/{Object}/{id}` makes the update happen only when the
//! record's last modified date is not after the given instant; otherwise
//! Salesforce answers `412 Precondition Failed` and changes nothing. An
//! invalid header value on a PATCH or POST is `400 Bad Request`.
//!
//! This is weak validation: the header has whole seconds (HTTP dates,
//! `EEE, dd MMM yyyy HH:mm:ss z` in Salesforce's words), so a change made in
//! the same second as the one the client read is not seen. The extension
//! therefore compares field values as well when it judges a conflict
//! (`sidecar_core::edits::conflict`).
//!
//! The client writes the header from a record's `LastModifiedDate`
//! ([`if_unmodified_since`]); devorg reads it back ([`parse_http_date`]).

use crate::soql::{Date, DateTime};

const DAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// The header's name, as Salesforce documents it.
pub const IF_UNMODIFIED_SINCE: &str = "If-Unmodified-Since";

/// The `If-Unmodified-Since` value for a record last modified at `stamp`
/// (`LastModifiedDate` as the org returned it, e.g.
/// `2026-12-01T09:30:05.000+0000`): `Tue, 01 Dec 2026 09:30:05 GMT`.
/// Milliseconds are dropped: an HTTP date has whole seconds, and the record
/// was not modified after the second it was modified in. `None` when the
/// stamp is not a date-time.
pub fn if_unmodified_since(stamp: &str) -> Option<String> {
    let utc = DateTime::parse(stamp).ok()?.to_utc();
    let d = utc.date;
    Some(format!(
        "{}, {:02} {} {:04} {:02}:{:02}:{:02} GMT",
        DAYS[usize::from(d.weekday())],
        d.day,
        MONTHS[usize::from(d.month.clamp(1, 12) - 1)],
        d.year,
        utc.hour,
        utc.minute,
        utc.second
    ))
}

/// Reads an HTTP date, `Tue, 01 Dec 2026 09:30:05 GMT` (RFC 7231's
/// IMF-fixdate). Salesforce's own example writes the zone as a name
/// (`Mon, 30 Nov 2020 08:34:54 MST`, Java's `z`), so the zones RFC 822 names
/// (`GMT`, `UT`, `UTC`, `Z`, the US ones) and numeric offsets (`+0100`) are read
/// too. The weekday is checked against the date, as a validating parser
/// does. `None` for anything else: the caller answers 400.
pub fn parse_http_date(value: &str) -> Option<DateTime> {
    let value = value.trim();
    let (weekday, rest) = value.split_once(", ")?;
    let parts: Vec<&str> = rest.split(' ').collect();
    let [day, month, year, time, zone] = parts.as_slice() else {
        return None;
    };
    let day: u8 = digits(day, 1, 2)?;
    let month = MONTHS.iter().position(|m| m.eq_ignore_ascii_case(month))? as u8 + 1;
    let year: i32 = digits(year, 4, 4)?;
    let date = Date::new(year, month, day)?;
    if !DAYS[usize::from(date.weekday())].eq_ignore_ascii_case(weekday) {
        return None;
    }
    let time: Vec<&str> = time.split(':').collect();
    let [hour, minute, second] = time.as_slice() else {
        return None;
    };
    let (hour, minute, second): (u8, u8, u8) = (digits(hour, 2, 2)?, digits(minute, 2, 2)?, digits(second, 2, 2)?);
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    Some(DateTime { date, hour, minute, second: second.min(59), millis: 0, offset_minutes: zone_offset(zone)? })
}

/// A number of `min..=max` ASCII digits.
fn digits<T: std::str::FromStr>(text: &str, min: usize, max: usize) -> Option<T> {
    (text.len() >= min && text.len() <= max && text.bytes().all(|b| b.is_ascii_digit())).then(|| text.parse().ok()).flatten()
}

/// Minutes east of UTC for an RFC 822 zone or a `±hhmm` offset.
fn zone_offset(zone: &str) -> Option<i16> {
    let named = match zone.to_ascii_uppercase().as_str() {
        "GMT" | "UT" | "UTC" | "Z" => Some(0),
        "EST" => Some(-5 * 60),
        "EDT" => Some(-4 * 60),
        "CST" => Some(-6 * 60),
        "CDT" => Some(-5 * 60),
        "MST" => Some(-7 * 60),
        "MDT" => Some(-6 * 60),
        "PST" => Some(-8 * 60),
        "PDT" => Some(-7 * 60),
        _ => None,
    };
    if named.is_some() {
        return named;
    }
    let (sign, rest) = match zone.as_bytes().first()? {
        b'+' => (1, &zone[1..]),
        b'-' => (-1, &zone[1..]),
        _ => return None,
    };
    let hhmm: u16 = digits(rest, 4, 4)?;
    let (hours, minutes) = (hhmm / 100, hhmm % 100);
    (hours <= 23 && minutes <= 59).then(|| sign * (hours * 60 + minutes) as i16)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_from_last_modified_date() {
        let cases = [
            ("2026-12-01T09:30:05.000+0000", Some("Tue, 01 Dec 2026 09:30:05 GMT")),
            // Milliseconds dropped: the record was modified in that second.
            ("2026-12-01T09:30:05.999+0000", Some("Tue, 01 Dec 2026 09:30:05 GMT")),
            // Written with an offset: the same instant in GMT.
            ("2026-12-01T01:30:05.000-0800", Some("Tue, 01 Dec 2026 09:30:05 GMT")),
            ("2024-02-29T23:59:59.000+0000", Some("Thu, 29 Feb 2024 23:59:59 GMT")),
            ("1970-01-01T00:00:00Z", Some("Thu, 01 Jan 1970 00:00:00 GMT")),
            ("2026-12-01", None),
            ("yesterday", None),
            ("", None),
        ];
        for (stamp, want) in cases {
            assert_eq!(if_unmodified_since(stamp).as_deref(), want, "{stamp}");
        }
    }

    #[test]
    fn reading_http_dates() {
        let utc = |s: &str| DateTime::parse(s).expect("the test's value").unix_millis();
        let cases: [(&str, Option<i64>); 14] = [
            ("Tue, 01 Dec 2026 09:30:05 GMT", Some(utc("2026-12-01T09:30:05Z"))),
            ("tue, 01 dec 2026 09:30:05 gmt", Some(utc("2026-12-01T09:30:05Z"))),
            // Salesforce's own example, with a named US zone.
            ("Mon, 30 Nov 2020 08:34:54 MST", Some(utc("2020-11-30T15:34:54Z"))),
            ("Tue, 01 Dec 2026 10:30:05 +0100", Some(utc("2026-12-01T09:30:05Z"))),
            ("Tue, 01 Dec 2026 09:30:05 UTC", Some(utc("2026-12-01T09:30:05Z"))),
            // The weekday does not match the date.
            ("Wed, 01 Dec 2026 09:30:05 GMT", None),
            ("Tue, 1 Dec 2026 09:30:05 GMT", Some(utc("2026-12-01T09:30:05Z"))),
            ("Tue, 31 Nov 2026 09:30:05 GMT", None),
            ("Tue, 01 Dec 2026 24:00:00 GMT", None),
            ("Tue, 01 Dec 2026 09:30 GMT", None),
            ("Tue, 01 Dec 2026 09:30:05 CET", None),
            ("2026-12-01T09:30:05Z", None),
            ("Tuesday, 01-Dec-26 09:30:05 GMT", None),
            ("", None),
        ];
        for (value, want) in cases {
            assert_eq!(parse_http_date(value).map(DateTime::unix_millis), want, "{value}");
        }
    }

    #[test]
    fn the_header_reads_back_as_the_same_second() {
        for stamp in ["2026-12-01T09:30:05.000+0000", "2000-02-29T00:00:00.000+0000", "2038-01-19T03:14:08.000+0000"] {
            let header = if_unmodified_since(stamp).expect("the test's value");
            assert_eq!(
                parse_http_date(&header).expect("the test's value").unix_millis(),
                DateTime::parse(stamp).expect("the test's value").unix_millis(),
                "{stamp}"
            );
        }
    }
}
