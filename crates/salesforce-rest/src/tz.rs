//! Salesforce time zones (`User.TimeZoneSidKey`) as UTC offsets, so "today"
//! in a SOQL date literal, or a task's due bucket, is the user's today and
//! not the machine's.
//!
//! Only the zones devorg offers (and the most common ones of real orgs) are
//! known, each with its current daylight-saving rule; an unknown zone is
//! `None` and callers fall back to UTC. Historical rule changes are ignored:
//! the rules below hold since 2007 (US) and 1996 (EU), which covers every date
//! a CRM user is likely to filter on relative to today.

use crate::soql::{Date, DateTime};

/// When daylight-saving time applies in a zone.
#[derive(Debug, Clone, Copy)]
enum Dst {
    None,
    /// Second Sunday of March 02:00 local to first Sunday of November 02:00 local.
    UnitedStates,
    /// Last Sunday of March 01:00 UTC to last Sunday of October 01:00 UTC.
    EuropeanUnion,
    /// First Sunday of October 02:00 standard time to first Sunday of April
    /// 03:00 daylight time (southern hemisphere: DST spans the new year).
    Australia,
}

/// (zone, standard offset in minutes, DST rule). DST adds one hour.
const ZONES: &[(&str, i32, Dst)] = &[
    ("America/Los_Angeles", -480, Dst::UnitedStates),
    ("America/Denver", -420, Dst::UnitedStates),
    ("America/Phoenix", -420, Dst::None),
    ("America/Chicago", -360, Dst::UnitedStates),
    ("America/New_York", -300, Dst::UnitedStates),
    // No daylight-saving time since 2022 (Mexico) and 2019 (Brazil).
    ("America/Mexico_City", -360, Dst::None),
    ("America/Sao_Paulo", -180, Dst::None),
    ("Europe/London", 0, Dst::EuropeanUnion),
    ("Europe/Dublin", 0, Dst::EuropeanUnion),
    ("Europe/Berlin", 60, Dst::EuropeanUnion),
    ("Europe/Paris", 60, Dst::EuropeanUnion),
    ("Europe/Madrid", 60, Dst::EuropeanUnion),
    ("Europe/Amsterdam", 60, Dst::EuropeanUnion),
    ("Europe/Rome", 60, Dst::EuropeanUnion),
    ("Asia/Kolkata", 330, Dst::None),
    ("Asia/Singapore", 480, Dst::None),
    ("Asia/Tokyo", 540, Dst::None),
    ("Australia/Sydney", 600, Dst::Australia),
    ("UTC", 0, Dst::None),
    ("GMT", 0, Dst::None),
];

/// The `n`-th (1-based) Sunday of a month, or the last one when `n` is 0.
fn sunday(year: i32, month: u8, n: u8) -> Date {
    let Some(first) = Date::new(year, month, 1) else { return Date { year, month, day: 1 } };
    // weekday(): 0 = Sunday.
    let first_sunday = first.add_days(i64::from((7 - first.weekday()) % 7));
    if n > 0 {
        return first_sunday.add_days(7 * (i64::from(n) - 1));
    }
    let mut last = first_sunday;
    while last.add_days(7).month == month {
        last = last.add_days(7);
    }
    last
}

/// Milliseconds since the epoch of `date` at `hour`:00 UTC shifted by `minus_minutes`.
fn instant(date: Date, hour: i64, minus_minutes: i32) -> i64 {
    (date.days_since_epoch() * 86_400 + hour * 3600 - i64::from(minus_minutes) * 60) * 1000
}

fn in_dst(rule: Dst, standard: i32, utc_millis: i64) -> bool {
    let year = DateTime::from_unix_millis(utc_millis).date.year;
    match rule {
        Dst::None => false,
        // 02:00 local standard time, then 02:00 local daylight time.
        Dst::UnitedStates => {
            let start = instant(sunday(year, 3, 2), 2, standard);
            let end = instant(sunday(year, 11, 1), 2, standard + 60);
            (start..end).contains(&utc_millis)
        }
        Dst::EuropeanUnion => {
            let start = instant(sunday(year, 3, 0), 1, 0);
            let end = instant(sunday(year, 10, 0), 1, 0);
            (start..end).contains(&utc_millis)
        }
        Dst::Australia => {
            let end = instant(sunday(year, 4, 1), 3, standard + 60);
            let start = instant(sunday(year, 10, 1), 2, standard);
            utc_millis < end || utc_millis >= start
        }
    }
}

/// The offset from UTC, in minutes, of `zone` at the instant `utc_millis`;
/// `None` for a zone this module does not know.
pub fn utc_offset_minutes(zone: &str, utc_millis: i64) -> Option<i32> {
    let &(_, standard, rule) = ZONES.iter().find(|(name, _, _)| *name == zone)?;
    Some(if in_dst(rule, standard, utc_millis) { standard + 60 } else { standard })
}

/// The zone's offset from UTC outside daylight-saving time, in minutes
/// (what Salesforce reports as a user's `utcOffset`); `None` when unknown.
pub fn standard_offset_minutes(zone: &str) -> Option<i32> {
    ZONES.iter().find(|(name, _, _)| *name == zone).map(|&(_, standard, _)| standard)
}

/// The calendar date in `zone` at the instant `utc_millis` (UTC when the zone
/// is unknown).
pub fn local_date(zone: &str, utc_millis: i64) -> Date {
    let offset = utc_offset_minutes(zone, utc_millis).unwrap_or(0);
    DateTime::from_unix_millis(utc_millis + i64::from(offset) * 60_000).date
}

/// The UTC instant at which the local day `date` starts in `zone`.
pub fn start_of_local_day(zone: &str, date: Date) -> i64 {
    let midnight_utc = date.days_since_epoch() * 86_400_000;
    // The offset in effect at local midnight; evaluated at the guess itself,
    // which is exact except within the hour of a DST change at midnight.
    let guess = utc_offset_minutes(zone, midnight_utc).unwrap_or(0);
    let offset = utc_offset_minutes(zone, midnight_utc - i64::from(guess) * 60_000).unwrap_or(0);
    midnight_utc - i64::from(offset) * 60_000
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> i64 {
        DateTime::parse(s).expect(s).unix_millis()
    }

    #[test]
    fn offsets_follow_daylight_saving() {
        let cases: &[(&str, &str, Option<i32>)] = &[
            ("America/Los_Angeles", "2026-01-15T12:00:00Z", Some(-480)),
            ("America/Los_Angeles", "2026-07-15T12:00:00Z", Some(-420)),
            // 2026: DST starts Sunday March 8 at 10:00 UTC, ends Sunday November 1 at 09:00 UTC.
            ("America/Los_Angeles", "2026-03-08T09:59:59Z", Some(-480)),
            ("America/Los_Angeles", "2026-03-08T10:00:00Z", Some(-420)),
            ("America/Los_Angeles", "2026-11-01T08:59:59Z", Some(-420)),
            ("America/Los_Angeles", "2026-11-01T09:00:00Z", Some(-480)),
            ("America/New_York", "2026-03-08T07:00:00Z", Some(-240)),
            ("America/Phoenix", "2026-07-01T00:00:00Z", Some(-420)),
            // EU 2026: March 29 01:00 UTC to October 25 01:00 UTC.
            ("Europe/Berlin", "2026-03-29T00:59:59Z", Some(60)),
            ("Europe/Berlin", "2026-03-29T01:00:00Z", Some(120)),
            ("Europe/London", "2026-10-25T00:59:59Z", Some(60)),
            ("Europe/London", "2026-10-25T01:00:00Z", Some(0)),
            // Sydney: DST ends April 5 2026 03:00 local (16:00 UTC the 4th), starts October 4 02:00 local (16:00 UTC the 3rd).
            ("Australia/Sydney", "2026-04-04T15:59:59Z", Some(660)),
            ("Australia/Sydney", "2026-04-04T16:00:00Z", Some(600)),
            ("Australia/Sydney", "2026-10-03T16:00:00Z", Some(660)),
            ("Australia/Sydney", "2026-12-25T00:00:00Z", Some(660)),
            ("Asia/Kolkata", "2026-06-01T00:00:00Z", Some(330)),
            ("UTC", "2026-06-01T00:00:00Z", Some(0)),
            ("Mars/Olympus_Mons", "2026-06-01T00:00:00Z", None),
        ];
        for (zone, instant, want) in cases {
            assert_eq!(utc_offset_minutes(zone, at(instant)), *want, "{zone} at {instant}");
        }
    }

    #[test]
    fn standard_offsets() {
        assert_eq!(standard_offset_minutes("America/Los_Angeles"), Some(-480));
        assert_eq!(standard_offset_minutes("Asia/Kolkata"), Some(330));
        assert_eq!(standard_offset_minutes("Atlantis/Capital"), None);
    }

    #[test]
    fn local_dates_around_midnight() {
        let d = |s: &str| Date::parse(s).expect(s);
        let cases: &[(&str, &str, &str)] = &[
            ("America/Los_Angeles", "2026-11-24T07:59:59Z", "2026-11-23"),
            ("America/Los_Angeles", "2026-11-24T08:00:00Z", "2026-11-24"),
            ("Asia/Tokyo", "2026-11-23T14:59:59Z", "2026-11-23"),
            ("Asia/Tokyo", "2026-11-23T15:00:00Z", "2026-11-24"),
            ("Nowhere/Special", "2026-11-23T23:59:59Z", "2026-11-23"),
        ];
        for (zone, instant, want) in cases {
            assert_eq!(local_date(zone, at(instant)), d(want), "{zone} at {instant}");
        }
        assert_eq!(start_of_local_day("America/Los_Angeles", d("2026-11-24")), at("2026-11-24T08:00:00Z"));
        assert_eq!(start_of_local_day("America/Los_Angeles", d("2026-07-01")), at("2026-07-01T07:00:00Z"));
        assert_eq!(start_of_local_day("Europe/Berlin", d("2026-03-29")), at("2026-03-28T23:00:00Z"));
        assert_eq!(start_of_local_day("Asia/Kolkata", d("2026-01-01")), at("2025-12-31T18:30:00Z"));
    }
}
