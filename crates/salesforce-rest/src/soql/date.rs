//! Civil dates and date-times of the dialect: parsing (`YYYY-MM-DD`,
//! `YYYY-MM-DDThh:mm:ss[.SSS](Z|±hh:mm|±hhmm)`), printing (SOQL literals and
//! the response form `YYYY-MM-DDThh:mm:ss.SSS+0000`), and the calendar
//! arithmetic that date literals need.
//!
//! Pure proleptic-Gregorian arithmetic on day numbers (Howard Hinnant's
//! `days_from_civil`), so there is no time-zone database and no dependency:
//! callers say what "today" is in the user's zone.

use std::fmt;

use super::ast::{Date, DateTime};

/// A date or date-time text that is not one of the accepted forms, or names a
/// day that does not exist (`2023-02-30`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid date/time '{0}'")]
pub struct DateParseError(pub String);

/// Day numbers are clamped to about ±1 billion years so that arithmetic with
/// huge `LAST_N_YEARS:n` arguments saturates instead of overflowing `i32` years.
const MAX_DAYS: i64 = 365_000_000_000;
const MAX_YEAR: i64 = 999_000_000;

/// Whether `year` has a 29 February.
pub fn is_leap_year(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

/// Days in `month` (1-12) of `year`; 0 for a month outside 1-12.
pub fn days_in_month(year: i64, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Date {
    /// A validated date; `None` for `2023-02-30` and the like.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Self> {
        let valid = (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year.into(), month);
        valid.then_some(Self { year, month, day })
    }

    /// Parses exactly `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Result<Self, DateParseError> {
        match scan_date(s.as_bytes()) {
            Some((date, len)) if len == s.len() => Ok(date),
            _ => Err(DateParseError(s.to_owned())),
        }
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days_since_epoch(self) -> i64 {
        let (m, d) = (i64::from(self.month), i64::from(self.day));
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01 (clamped to about ±1 billion years).
    pub fn from_days_since_epoch(days: i64) -> Self {
        let z = days.clamp(-MAX_DAYS, MAX_DAYS) + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = (if mp < 10 { mp + 3 } else { mp - 9 }) as u8;
        let year = yoe + era * 400 + i64::from(month <= 2);
        Self { year: year as i32, month, day }
    }

    pub fn add_days(self, days: i64) -> Self {
        Self::from_days_since_epoch(self.days_since_epoch().saturating_add(days))
    }

    /// Moves by whole months, clamping the day: 2024-01-31 + 1 month = 2024-02-29.
    pub fn add_months(self, months: i64) -> Self {
        let index = i64::from(self.year) * 12 + i64::from(self.month) - 1;
        let index = index.saturating_add(months).clamp(-MAX_YEAR * 12, MAX_YEAR * 12);
        let year = index.div_euclid(12);
        let month = (index.rem_euclid(12) + 1) as u8;
        let day = self.day.min(days_in_month(year, month));
        Self { year: year as i32, month, day }
    }

    /// Moves by whole years; 29 February becomes 28 February in common years.
    pub fn add_years(self, years: i64) -> Self {
        self.add_months(years.saturating_mul(12))
    }

    /// Day of the week, 0 = Sunday ... 6 = Saturday.
    pub fn weekday(self) -> u8 {
        // 1970-01-01 was a Thursday (4).
        (self.days_since_epoch() + 4).rem_euclid(7) as u8
    }

    /// The first day of the week holding this date: Sunday (en_US) or Monday.
    pub fn start_of_week(self, week_starts_monday: bool) -> Self {
        let offset = if week_starts_monday { (self.weekday() + 6) % 7 } else { self.weekday() };
        self.add_days(-i64::from(offset))
    }

    pub fn start_of_month(self) -> Self {
        Self { day: 1, ..self }
    }

    /// Calendar quarter, 1-4.
    pub fn quarter(self) -> u8 {
        (self.month.clamp(1, 12) - 1) / 3 + 1
    }

    /// First day of the calendar quarter (Jan, Apr, Jul, Oct).
    pub fn start_of_quarter(self) -> Self {
        Self { month: (self.quarter() - 1) * 3 + 1, day: 1, ..self }
    }

    pub fn start_of_year(self) -> Self {
        Self { month: 1, day: 1, ..self }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl DateTime {
    /// Parses `YYYY-MM-DDThh:mm:ss[.S{1,3}](Z|±hh:mm|±hhmm)`; the zone is required.
    pub fn parse(s: &str) -> Result<Self, DateParseError> {
        match scan_date_time(s.as_bytes()) {
            Some((Scanned::DateTime(dt), len)) if len == s.len() => Ok(dt),
            _ => Err(DateParseError(s.to_owned())),
        }
    }

    /// Milliseconds since 1970-01-01T00:00:00Z.
    pub fn unix_millis(self) -> i64 {
        // Saturating: a hand-built year near i32::MAX must not overflow.
        let seconds = self.date.days_since_epoch().saturating_mul(86_400) + i64::from(self.hour) * 3600 + i64::from(self.minute) * 60 + i64::from(self.second)
            - i64::from(self.offset_minutes) * 60;
        seconds.saturating_mul(1000).saturating_add(i64::from(self.millis))
    }

    /// The UTC instant `millis` after the epoch, with offset 0.
    pub fn from_unix_millis(millis: i64) -> Self {
        const LIMIT: i64 = 100_000_000_000 * 86_400_000;
        let millis = millis.clamp(-LIMIT, LIMIT);
        let days = millis.div_euclid(86_400_000);
        let in_day = millis.rem_euclid(86_400_000);
        Self {
            date: Date::from_days_since_epoch(days),
            hour: (in_day / 3_600_000) as u8,
            minute: (in_day / 60_000 % 60) as u8,
            second: (in_day / 1000 % 60) as u8,
            millis: (in_day % 1000) as u16,
            offset_minutes: 0,
        }
    }

    /// The same instant expressed in UTC (offset 0).
    pub fn to_utc(self) -> Self {
        Self::from_unix_millis(self.unix_millis())
    }

    /// The response form Salesforce emits: `2018-03-18T07:38:12.000+0000`.
    pub fn to_utc_string(self) -> String {
        let u = self.to_utc();
        format!("{}T{:02}:{:02}:{:02}.{:03}+0000", u.date, u.hour, u.minute, u.second, u.millis)
    }
}

/// The SOQL literal form, keeping the written offset: `2024-01-31T23:59:59Z`,
/// `2024-01-31T23:59:59.250+02:00`. Milliseconds only when non-zero.
impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}T{:02}:{:02}:{:02}", self.date, self.hour, self.minute, self.second)?;
        if self.millis != 0 {
            write!(f, ".{:03}", self.millis)?;
        }
        match self.offset_minutes {
            0 => f.write_str("Z"),
            m => {
                let sign = if m < 0 { '-' } else { '+' };
                let m = m.unsigned_abs();
                write!(f, "{sign}{:02}:{:02}", m / 60, m % 60)
            }
        }
    }
}

/// What [`scan_date_time`] found at the start of its input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scanned {
    Date(Date),
    DateTime(DateTime),
}

fn digits(b: &[u8], at: usize, n: usize) -> Option<u32> {
    let slice = b.get(at..at + n)?;
    slice.iter().try_fold(0u32, |acc, &c| c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0')))
}

fn scan_date(b: &[u8]) -> Option<(Date, usize)> {
    let year = digits(b, 0, 4)?;
    let month = digits(b, 5, 2)?;
    let day = digits(b, 8, 2)?;
    if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    Some((Date::new(year as i32, month as u8, day as u8)?, 10))
}

/// Reads a date or date-time at the start of `b`, returning it and its length
/// in bytes, or `None` when the text there is not a valid one. The lexer uses
/// it after seeing `dddd-`, so everything here is ASCII and byte offsets are
/// char boundaries.
pub(crate) fn scan_date_time(b: &[u8]) -> Option<(Scanned, usize)> {
    let (date, mut i) = scan_date(b)?;
    if !matches!(b.get(i), Some(b'T' | b't')) {
        return Some((Scanned::Date(date), i));
    }
    let (hour, minute, second) = (digits(b, i + 1, 2)?, digits(b, i + 4, 2)?, digits(b, i + 7, 2)?);
    if b.get(i + 3) != Some(&b':') || b.get(i + 6) != Some(&b':') {
        return None;
    }
    if hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    i += 9;
    let mut millis = 0u16;
    if b.get(i) == Some(&b'.') {
        let n = b[i + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
        if !(1..=3).contains(&n) {
            return None;
        }
        // `.5` is half a second: pad on the right to milliseconds.
        millis = (digits(b, i + 1, n)? * 10u32.pow(3 - n as u32)) as u16;
        i += 1 + n;
    }
    let offset_minutes = match b.get(i) {
        Some(b'Z' | b'z') => {
            i += 1;
            0
        }
        Some(&sign @ (b'+' | b'-')) => {
            let hh = digits(b, i + 1, 2)?;
            let (mm, len) = if b.get(i + 3) == Some(&b':') { (digits(b, i + 4, 2)?, 6) } else { (digits(b, i + 3, 2)?, 5) };
            if hh > 18 || mm > 59 {
                return None;
            }
            i += len;
            let m = (hh * 60 + mm) as i16;
            if sign == b'-' { -m } else { m }
        }
        _ => return None,
    };
    let dt = DateTime { date, hour: hour as u8, minute: minute as u8, second: second as u8, millis, offset_minutes };
    Some((Scanned::DateTime(dt), i))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).expect(s)
    }

    #[test]
    fn parse_dates() {
        type Ymd = (i32, u8, u8);
        let cases: &[(&str, Option<Ymd>)] = &[
            ("2024-02-29", Some((2024, 2, 29))),
            ("2000-02-29", Some((2000, 2, 29))),
            ("1900-02-29", None),
            ("2023-02-29", None),
            ("2023-02-30", None),
            ("2023-04-31", None),
            ("2023-12-31", Some((2023, 12, 31))),
            ("2023-13-01", None),
            ("2023-00-10", None),
            ("2023-01-00", None),
            ("2023-1-01", None),
            ("2023-01-01x", None),
            ("23-01-01", None),
            ("", None),
            ("２０２３-01-01", None),
        ];
        for &(text, expected) in cases {
            let got = Date::parse(text).ok().map(|d| (d.year, d.month, d.day));
            assert_eq!(got, expected, "{text}");
        }
    }

    #[test]
    fn parse_and_print_date_times() {
        // (input, SOQL literal form, UTC response form)
        let cases: &[(&str, &str, &str)] = &[
            ("2005-10-08T01:02:03Z", "2005-10-08T01:02:03Z", "2005-10-08T01:02:03.000+0000"),
            ("2005-10-08T01:02:03.5Z", "2005-10-08T01:02:03.500Z", "2005-10-08T01:02:03.500+0000"),
            ("1999-01-01T23:01:01+01:00", "1999-01-01T23:01:01+01:00", "1999-01-01T22:01:01.000+0000"),
            ("1999-12-31T23:30:00-08:00", "1999-12-31T23:30:00-08:00", "2000-01-01T07:30:00.000+0000"),
            ("2018-03-18T07:38:12.000+0000", "2018-03-18T07:38:12Z", "2018-03-18T07:38:12.000+0000"),
            ("2024-03-01T00:15:00.123+0530", "2024-03-01T00:15:00.123+05:30", "2024-02-29T18:45:00.123+0000"),
        ];
        for &(text, literal, utc) in cases {
            let dt = DateTime::parse(text).expect(text);
            assert_eq!(dt.to_string(), literal, "{text}");
            assert_eq!(dt.to_utc_string(), utc, "{text}");
            assert_eq!(DateTime::parse(literal).expect(literal).unix_millis(), dt.unix_millis());
        }
        let bad = [
            "2005-10-08T01:02:03",
            "2005-10-08T24:00:00Z",
            "2005-10-08T01:60:00Z",
            "2005-10-08T01:02:60Z",
            "2005-10-08T01:02:03.Z",
            "2005-10-08T01:02:03.1234Z",
            "2005-10-08T01:02:03+1",
            "2005-10-08T1:02:03Z",
            "2005-10-08T01:02:03+19:00",
            "2005-10-08T01:02:03ZZ",
            "2023-02-30T00:00:00Z",
            "2005-10-08 01:02:03Z",
        ];
        for text in bad {
            assert!(DateTime::parse(text).is_err(), "{text}");
        }
    }

    #[test]
    fn day_numbers_round_trip() {
        let cases: &[(&str, i64)] =
            &[("1970-01-01", 0), ("1969-12-31", -1), ("2000-03-01", 11_017), ("2024-02-29", 19_782), ("0000-03-01", -719_468), ("9999-12-31", 2_932_896)];
        for &(text, days) in cases {
            assert_eq!(d(text).days_since_epoch(), days, "{text}");
            assert_eq!(Date::from_days_since_epoch(days), d(text), "{text}");
        }
        // Every day of a leap-century span survives the round trip.
        for days in -800_000..-700_000 {
            assert_eq!(Date::from_days_since_epoch(days).days_since_epoch(), days);
        }
        for days in (0..2_932_897).step_by(997) {
            assert_eq!(Date::from_days_since_epoch(days).days_since_epoch(), days);
        }
    }

    #[test]
    fn arithmetic() {
        // (start, operation, expected)
        type Op = fn(Date) -> Date;
        let cases: &[(&str, Op, &str)] = &[
            ("2023-12-31", |x| x.add_days(1), "2024-01-01"),
            ("2024-03-01", |x| x.add_days(-1), "2024-02-29"),
            ("2023-03-01", |x| x.add_days(-1), "2023-02-28"),
            ("2024-01-31", |x| x.add_months(1), "2024-02-29"),
            ("2023-01-31", |x| x.add_months(1), "2023-02-28"),
            ("2023-03-31", |x| x.add_months(-1), "2023-02-28"),
            ("2023-05-31", |x| x.add_months(-13), "2022-04-30"),
            ("2023-11-15", |x| x.add_months(2), "2024-01-15"),
            ("2024-02-29", |x| x.add_years(1), "2025-02-28"),
            ("2024-02-29", |x| x.add_years(4), "2028-02-29"),
            ("2024-08-17", Date::start_of_quarter, "2024-07-01"),
            ("2024-12-31", Date::start_of_quarter, "2024-10-01"),
            ("2024-03-31", Date::start_of_quarter, "2024-01-01"),
            ("2024-08-17", Date::start_of_year, "2024-01-01"),
            ("2024-08-17", Date::start_of_month, "2024-08-01"),
            // 2024-01-03 is a Wednesday.
            ("2024-01-03", |x| x.start_of_week(false), "2023-12-31"),
            ("2024-01-03", |x| x.start_of_week(true), "2024-01-01"),
            ("2023-12-31", |x| x.start_of_week(false), "2023-12-31"),
            ("2023-12-31", |x| x.start_of_week(true), "2023-12-25"),
        ];
        for &(start, op, expected) in cases {
            assert_eq!(op(d(start)).to_string(), expected, "{start}");
        }
        let weekdays = [("1970-01-01", 4), ("2024-01-03", 3), ("2023-12-31", 0), ("2000-01-01", 6)];
        for (text, weekday) in weekdays {
            assert_eq!(d(text).weekday(), weekday, "{text}");
        }
    }

    #[test]
    fn huge_offsets_saturate() {
        let far = d("2024-01-01").add_years(i64::MAX);
        assert!(far.year > 900_000_000);
        let far = d("2024-01-01").add_days(i64::MIN);
        assert!(far.year < -900_000_000);
        assert_eq!(d("2024-01-01").add_months(-i64::MAX).month, 1);
    }
}
