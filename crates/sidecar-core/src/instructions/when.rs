//! Dates and times as reps say them, from today in the user's time zone:
//! - "today", "tomorrow", "yesterday", "the day after tomorrow";
//! - a weekday: "friday" and "this friday" are the next one after today
//!   (a week away on a Friday); "next friday" is the one in next week (weeks
//!   start on Monday); "next week" is next week's Monday, "next month" the
//!   next month's first day;
//! - "in 2 weeks", "in 3 business days", "2 weeks from now", "in a month";
//! - "end of (this|next) week|month|quarter|year" (also "eoq", "quarter
//!   end", "end of Q3"): quarters and years are the org's fiscal ones
//!   (`Organization.FiscalYearStartMonth`; custom fiscal years are not
//!   read); a week ends on Friday;
//! - a date: "2026-12-31", the user's format ("12/31/2026", "31.12.2026"),
//!   "Dec 31", "31st December 2026" (without a year, the next one to come);
//! - a time: "at 9", "9am", "9:30 pm", "noon" ("at 3" without am or pm is
//!   3 pm: nobody sets a reminder for 3 at night).
//!
//! Each reader takes the words at the start of a slice (lowercased) and
//! says how many it used, so a caller can find a date inside a sentence.

use salesforce_rest::soql::{Date, DateTime};

use crate::fields::{EditContext, FieldSpec, FieldType, FieldValue};

const WEEKDAYS: [[&str; 3]; 7] = [
    ["sunday", "sun", "sundays"],
    ["monday", "mon", "mondays"],
    ["tuesday", "tue", "tues"],
    ["wednesday", "wed", "weds"],
    ["thursday", "thu", "thurs"],
    ["friday", "fri", "fridays"],
    ["saturday", "sat", "saturdays"],
];

const MONTHS: [[&str; 2]; 12] = [
    ["january", "jan"],
    ["february", "feb"],
    ["march", "mar"],
    ["april", "apr"],
    ["may", "may"],
    ["june", "jun"],
    ["july", "jul"],
    ["august", "aug"],
    ["september", "sep"],
    ["october", "oct"],
    ["november", "nov"],
    ["december", "dec"],
];

/// Today and the calendar the words are read in.
#[derive(Debug, Clone, Copy)]
pub struct Calendar<'c> {
    pub today: Date,
    /// 1 = January.
    pub fiscal_start_month: u8,
    pub ctx: &'c EditContext,
}

fn weekday(word: &str) -> Option<u8> {
    WEEKDAYS.iter().position(|names| names.contains(&word) || word == format!("{}.", names[1])).map(|i| i as u8)
}

fn month(word: &str) -> Option<u8> {
    let word = word.trim_end_matches(['.', ',']);
    MONTHS.iter().position(|names| names.contains(&word) || (word == "sept")).map(|i| if word == "sept" { 9 } else { i as u8 + 1 })
}

/// "2", "two", "a", "an", "couple of" → the count.
fn count(word: &str) -> Option<i64> {
    const WORDS: [&str; 13] = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];
    match word {
        "a" | "an" => Some(1),
        _ => word.parse::<i64>().ok().filter(|n| (0..=1000).contains(n)).or_else(|| WORDS.iter().position(|w| *w == word).map(|n| n as i64)),
    }
}

/// "31", "31st", "1st", "2nd", "3rd" → the day of the month.
fn day_of_month(word: &str) -> Option<u8> {
    let word = word.trim_end_matches([',', '.']);
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..];
    if !["", "st", "nd", "rd", "th"].contains(&suffix) {
        return None;
    }
    digits.parse::<u8>().ok().filter(|d| (1..=31).contains(d))
}

fn year(word: &str) -> Option<i32> {
    let word = word.trim_end_matches([',', '.']);
    (word.len() == 4).then(|| word.parse::<i32>().ok()).flatten().filter(|y| (1900..=2200).contains(y))
}

fn add_business_days(mut date: Date, n: i64) -> Date {
    let mut left = n;
    while left > 0 {
        date = date.add_days(1);
        if !matches!(date.weekday(), 0 | 6) {
            left -= 1;
        }
    }
    date
}

/// The first day of the fiscal quarter holding `date`.
fn fiscal_quarter_start(date: Date, start_month: u8) -> Date {
    let into_year = (i64::from(date.month) - i64::from(start_month.clamp(1, 12))).rem_euclid(12);
    date.start_of_month().add_months(-(into_year % 3))
}

/// The first day of the fiscal year holding `date`.
fn fiscal_year_start(date: Date, start_month: u8) -> Date {
    let into_year = (i64::from(date.month) - i64::from(start_month.clamp(1, 12))).rem_euclid(12);
    date.start_of_month().add_months(-into_year)
}

/// A date at the start of `words`, and how many words it took.
pub fn date_at(words: &[&str], cal: &Calendar<'_>) -> Option<(Date, usize)> {
    let today = cal.today;
    let w = |i: usize| words.get(i).copied().unwrap_or("");
    match w(0) {
        "today" | "tonight" | "now" => return Some((today, 1)),
        "tomorrow" | "tmrw" | "tmr" | "tomorow" | "tommorow" | "tommorrow" => return Some((today.add_days(1), 1)),
        "yesterday" => return Some((today.add_days(-1), 1)),
        "eod" => return Some((today, 1)),
        "eow" => return Some((end_of("week", 0, cal)?, 1)),
        "eom" => return Some((end_of("month", 0, cal)?, 1)),
        "eoq" => return Some((end_of("quarter", 0, cal)?, 1)),
        "eoy" => return Some((end_of("year", 0, cal)?, 1)),
        _ => {}
    }
    let skip_the = usize::from(w(0) == "the");
    if w(skip_the) == "day" && w(skip_the + 1) == "after" && matches!(w(skip_the + 2), "tomorrow" | "tmrw") {
        return Some((today.add_days(2), skip_the + 3));
    }
    if let Some(day) = weekday(w(0)) {
        let ahead = (i64::from(day) - i64::from(today.weekday())).rem_euclid(7);
        return Some((today.add_days(if ahead == 0 { 7 } else { ahead }), 1));
    }
    if w(0) == "this"
        && let Some(day) = weekday(w(1))
    {
        let ahead = (i64::from(day) - i64::from(today.weekday())).rem_euclid(7);
        return Some((today.add_days(if ahead == 0 { 7 } else { ahead }), 2));
    }
    if w(0) == "next" {
        let monday = today.add_days(7).start_of_week(true);
        if let Some(day) = weekday(w(1)) {
            return Some((monday.add_days((i64::from(day) + 6) % 7), 2));
        }
        match w(1) {
            "week" => return Some((monday, 2)),
            "month" => return Some((today.start_of_month().add_months(1), 2)),
            _ => {}
        }
    }
    // in 2 weeks / in a month / in 3 business days
    if w(0) == "in"
        && let Some((date, used)) = span(&words[1..], today)
    {
        return Some((date, used + 1));
    }
    // 2 weeks from now / a week from today / 3 days later
    if let Some((date, used)) = span(words, today)
        && (matches!((w(used), w(used + 1)), ("from", "now" | "today")) || w(used) == "later")
    {
        return Some((date, used + if w(used) == "later" { 1 } else { 2 }));
    }
    // end of (the) (this|next) quarter / quarter end / end of q3
    if matches!(w(0), "end" | "close") && w(1) == "of" {
        let mut i = 2 + usize::from(w(2) == "the");
        let ahead = match w(i) {
            "next" => 1,
            "this" | "current" => 0,
            _ => -1,
        };
        if ahead >= 0 {
            i += 1;
        }
        if w(i) == "fiscal" {
            i += 1;
        }
        if let Some(n) = w(i).strip_prefix('q').and_then(|n| n.parse::<i64>().ok()).filter(|n| (1..=4).contains(n)) {
            let start = fiscal_year_start(today, cal.fiscal_start_month);
            let mut end = start.add_months(3 * n).add_days(-1);
            if end < today {
                end = start.add_months(12 + 3 * n).add_days(-1);
            }
            return Some((end, i + 1));
        }
        let date = end_of(w(i), ahead.max(0), cal)?;
        return Some((date, i + 1));
    }
    if matches!(w(1), "end") && matches!(w(0), "week" | "month" | "quarter" | "year") {
        return Some((end_of(w(0), 0, cal)?, 2));
    }
    if matches!(w(0), "start" | "beginning") && w(1) == "of" {
        let i = 2 + usize::from(w(2) == "the");
        if w(i) == "next" {
            let date = match w(i + 1) {
                "week" => today.add_days(7).start_of_week(true),
                "month" => today.start_of_month().add_months(1),
                "quarter" => fiscal_quarter_start(today, cal.fiscal_start_month).add_months(3),
                "year" => fiscal_year_start(today, cal.fiscal_start_month).add_months(12),
                _ => return None,
            };
            return Some((date, i + 2));
        }
    }
    calendar_date(words, cal)
}

/// "2 weeks", "a month", "3 business days" → today moved by it.
fn span(words: &[&str], today: Date) -> Option<(Date, usize)> {
    let w = |i: usize| words.get(i).copied().unwrap_or("");
    let (n, mut i) = match (w(0), w(1)) {
        ("couple", "of") | ("a", "couple") => (2, 2 + usize::from(w(2) == "of")),
        ("few", _) | ("a", "few") => (3, if w(0) == "a" { 2 } else { 1 }),
        _ => (count(w(0))?, 1),
    };
    let business = matches!(w(i), "business" | "working" | "work");
    if business {
        i += 1;
    }
    let unit = w(i).trim_end_matches(['.', ',']);
    let date = match unit {
        "day" | "days" if business => add_business_days(today, n),
        "day" | "days" => today.add_days(n),
        "week" | "weeks" | "wk" | "wks" if !business => today.add_days(7 * n),
        "month" | "months" | "mo" | "mos" if !business => today.add_months(n),
        "year" | "years" | "yr" | "yrs" if !business => today.add_years(n),
        "fortnight" if !business => today.add_days(14 * n),
        _ => return None,
    };
    Some((date, i + 1))
}

/// The last day of this (`ahead` 0) or next (1) week, month, fiscal
/// quarter or fiscal year.
fn end_of(unit: &str, ahead: i64, cal: &Calendar<'_>) -> Option<Date> {
    let today = cal.today;
    let date = match unit.trim_end_matches(['.', ',']) {
        "week" | "wk" => {
            // Friday of this week (weeks start on Monday, as "next week"
            // does); on a weekend, this week's Friday is the coming one.
            let friday = today.start_of_week(true).add_days(4);
            let this = if friday < today { friday.add_days(7) } else { friday };
            if ahead == 0 { this } else { today.start_of_week(true).add_days(7 * ahead + 4) }
        }
        "month" => today.start_of_month().add_months(1 + ahead).add_days(-1),
        "quarter" | "qtr" | "q" => fiscal_quarter_start(today, cal.fiscal_start_month).add_months(3 * (1 + ahead)).add_days(-1),
        "year" | "fy" => fiscal_year_start(today, cal.fiscal_start_month).add_months(12 * (1 + ahead)).add_days(-1),
        _ => return None,
    };
    Some(date)
}

/// "Dec 31", "December 31st, 2026", "31 Dec", "31st of December", a date in
/// the user's format, or ISO.
fn calendar_date(words: &[&str], cal: &Calendar<'_>) -> Option<(Date, usize)> {
    let w = |i: usize| words.get(i).copied().unwrap_or("");
    let dated = |m: u8, d: u8, y: Option<i32>| -> Option<Date> {
        match y {
            Some(y) => Date::new(y, m, d),
            None => {
                let this_year = Date::new(cal.today.year, m, d)?;
                if this_year >= cal.today { Some(this_year) } else { Date::new(cal.today.year + 1, m, d) }
            }
        }
    };
    if let Some(m) = month(w(0))
        && let Some(d) = day_of_month(w(1))
    {
        let y = year(w(2));
        return Some((dated(m, d, y)?, 2 + usize::from(y.is_some())));
    }
    if let Some(d) = day_of_month(w(0)) {
        let of = usize::from(w(1) == "of");
        if let Some(m) = month(w(1 + of)) {
            let y = year(w(2 + of));
            return Some((dated(m, d, y)?, 2 + of + usize::from(y.is_some())));
        }
    }
    // One word in the user's format or ISO (the field editors' reader).
    let word = w(0).trim_end_matches([',', '.']);
    if word.chars().next().is_some_and(|c| c.is_ascii_digit()) && word.chars().any(|c| !c.is_ascii_digit()) {
        if let Ok(date) = Date::parse(word) {
            return Some((date, 1));
        }
        if let Ok(FieldValue::Date(date)) = crate::fields::parse(&FieldSpec::new("", "", FieldType::Date), word, cal.ctx) {
            return Some((date, 1));
        }
    }
    None
}

/// A time of day at the start of `words` ("at" included): (hour, minute, words used).
pub fn time_at(words: &[&str]) -> Option<(u8, u8, usize)> {
    let w = |i: usize| words.get(i).copied().unwrap_or("");
    let at = usize::from(matches!(w(0), "at" | "@"));
    let word = w(at).trim_end_matches([',', '.']);
    match word {
        "noon" | "midday" => return Some((12, 0, at + 1)),
        "midnight" => return Some((0, 0, at + 1)),
        _ => {}
    }
    let (clock, mut suffix) = match word.find(|c: char| c.is_ascii_alphabetic()) {
        Some(i) => (&word[..i], Some(&word[i..])),
        None => (word, None),
    };
    let mut used = at + 1;
    if suffix.is_none() && matches!(w(at + 1).trim_end_matches([',', '.']), "am" | "pm" | "a.m" | "p.m" | "a.m." | "p.m.") {
        suffix = Some(w(at + 1));
        used += 1;
    }
    // Minutes are two digits after ':' ("9:30"), or after '.' once "at"
    // or am/pm says it is a time ("at 9.30", "9.30pm"): "2.5" is not.
    let (hour, minute) = match clock.split_once(':').or_else(|| clock.split_once('.').filter(|_| at == 1 || suffix.is_some())) {
        Some((h, m)) if m.len() == 2 => (h.parse::<u8>().ok()?, m.parse::<u8>().ok().filter(|m| *m < 60)?),
        Some(_) => return None,
        None => (clock.parse::<u8>().ok()?, 0),
    };
    let hour = match suffix.map(|s| s.trim_end_matches('.').replace('.', "")) {
        Some(s) if s == "am" && (1..=12).contains(&hour) => hour % 12,
        Some(s) if s == "pm" && (1..=12).contains(&hour) => hour % 12 + 12,
        Some(_) => return None,
        // A bare number needs "at" ("at 9") or minutes ("9:30").
        None if at == 0 && !clock.contains(':') => return None,
        None if (1..=6).contains(&hour) => hour + 12,
        None if hour < 24 => hour,
        None => return None,
    };
    Some((hour, minute, used))
}

/// `date` at `hour:minute` in the user's time zone, as a UTC instant
/// (the field editors' conversion, which knows daylight saving's gaps).
pub fn local_instant(date: Date, hour: u8, minute: u8, zone: &str) -> DateTime {
    let wall = DateTime { date, hour, minute, second: 0, millis: 0, offset_minutes: 0 }.unix_millis();
    crate::fields::local_to_utc(zone, wall)
}
