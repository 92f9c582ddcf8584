//! Relative date literals (`TODAY`, `LAST_N_DAYS:30`, ...): their spelling and
//! the day range each one covers, following Salesforce's "Date Formats and
//! Date Literals" reference.
//!
//! A literal is a half-open range of whole days `[start, end)` in the user's
//! time zone; `=` means "inside", `<` "before start", `>` "on or after end".
//! Weeks start on Sunday (en_US) unless the caller's locale starts them on
//! Monday; quarters are calendar quarters (no fiscal years here).

use std::fmt;

use super::ast::{Date, DateLiteral};

/// How a literal is written, and how `n` (if any) builds it.
enum Spelling {
    Plain(&'static str, DateLiteral),
    WithN(&'static str, fn(u32) -> DateLiteral),
}

const SPELLINGS: &[Spelling] = &[
    Spelling::Plain("YESTERDAY", DateLiteral::Yesterday),
    Spelling::Plain("TODAY", DateLiteral::Today),
    Spelling::Plain("TOMORROW", DateLiteral::Tomorrow),
    Spelling::Plain("LAST_WEEK", DateLiteral::LastWeek),
    Spelling::Plain("THIS_WEEK", DateLiteral::ThisWeek),
    Spelling::Plain("NEXT_WEEK", DateLiteral::NextWeek),
    Spelling::Plain("LAST_MONTH", DateLiteral::LastMonth),
    Spelling::Plain("THIS_MONTH", DateLiteral::ThisMonth),
    Spelling::Plain("NEXT_MONTH", DateLiteral::NextMonth),
    Spelling::Plain("LAST_90_DAYS", DateLiteral::Last90Days),
    Spelling::Plain("NEXT_90_DAYS", DateLiteral::Next90Days),
    Spelling::Plain("THIS_QUARTER", DateLiteral::ThisQuarter),
    Spelling::Plain("LAST_QUARTER", DateLiteral::LastQuarter),
    Spelling::Plain("NEXT_QUARTER", DateLiteral::NextQuarter),
    Spelling::Plain("THIS_YEAR", DateLiteral::ThisYear),
    Spelling::Plain("LAST_YEAR", DateLiteral::LastYear),
    Spelling::Plain("NEXT_YEAR", DateLiteral::NextYear),
    Spelling::WithN("LAST_N_DAYS", DateLiteral::LastNDays),
    Spelling::WithN("NEXT_N_DAYS", DateLiteral::NextNDays),
    Spelling::WithN("N_DAYS_AGO", DateLiteral::NDaysAgo),
    Spelling::WithN("LAST_N_WEEKS", DateLiteral::LastNWeeks),
    Spelling::WithN("NEXT_N_WEEKS", DateLiteral::NextNWeeks),
    Spelling::WithN("N_WEEKS_AGO", DateLiteral::NWeeksAgo),
    Spelling::WithN("LAST_N_MONTHS", DateLiteral::LastNMonths),
    Spelling::WithN("NEXT_N_MONTHS", DateLiteral::NextNMonths),
    Spelling::WithN("N_MONTHS_AGO", DateLiteral::NMonthsAgo),
    Spelling::WithN("LAST_N_QUARTERS", DateLiteral::LastNQuarters),
    Spelling::WithN("NEXT_N_QUARTERS", DateLiteral::NextNQuarters),
    Spelling::WithN("LAST_N_YEARS", DateLiteral::LastNYears),
    Spelling::WithN("NEXT_N_YEARS", DateLiteral::NextNYears),
    Spelling::WithN("N_YEARS_AGO", DateLiteral::NYearsAgo),
];

/// Whether a word (any case) names a literal, and whether it needs `:n`.
pub(crate) fn lookup(word: &str) -> Option<(DateLiteral, bool)> {
    SPELLINGS.iter().find_map(|s| match s {
        Spelling::Plain(name, lit) if name.eq_ignore_ascii_case(word) => Some((*lit, false)),
        Spelling::WithN(name, make) if name.eq_ignore_ascii_case(word) => Some((make(0), true)),
        _ => None,
    })
}

impl DateLiteral {
    /// Builds a literal from its name (any case) and, for the `:n` forms, `n`.
    /// `None` when the name is unknown or `n` is missing/superfluous.
    pub fn from_name(name: &str, n: Option<u32>) -> Option<Self> {
        SPELLINGS.iter().find_map(|s| match (s, n) {
            (Spelling::Plain(w, lit), None) if w.eq_ignore_ascii_case(name) => Some(*lit),
            (Spelling::WithN(w, make), Some(n)) if w.eq_ignore_ascii_case(name) => Some(make(n)),
            _ => None,
        })
    }

    /// The upper-case name without `:n`, e.g. `LAST_N_DAYS`.
    pub fn name(self) -> &'static str {
        let target = self.with_n(0);
        SPELLINGS
            .iter()
            .find_map(|s| match s {
                Spelling::Plain(w, lit) if *lit == target => Some(*w),
                Spelling::WithN(w, make) if make(0) == target => Some(*w),
                _ => None,
            })
            .unwrap_or("TODAY")
    }

    /// The `n` of the `:n` forms.
    pub fn n(self) -> Option<u32> {
        use DateLiteral::*;
        match self {
            LastNDays(n) | NextNDays(n) | NDaysAgo(n) | LastNWeeks(n) | NextNWeeks(n) | NWeeksAgo(n) | LastNMonths(n) | NextNMonths(n) | NMonthsAgo(n)
            | LastNQuarters(n) | NextNQuarters(n) | LastNYears(n) | NextNYears(n) | NYearsAgo(n) => Some(n),
            _ => None,
        }
    }

    /// The same literal with `n` replaced (plain literals are unchanged).
    pub(crate) fn with_n(self, n: u32) -> Self {
        use DateLiteral::*;
        match self {
            LastNDays(_) => LastNDays(n),
            NextNDays(_) => NextNDays(n),
            NDaysAgo(_) => NDaysAgo(n),
            LastNWeeks(_) => LastNWeeks(n),
            NextNWeeks(_) => NextNWeeks(n),
            NWeeksAgo(_) => NWeeksAgo(n),
            LastNMonths(_) => LastNMonths(n),
            NextNMonths(_) => NextNMonths(n),
            NMonthsAgo(_) => NMonthsAgo(n),
            LastNQuarters(_) => LastNQuarters(n),
            NextNQuarters(_) => NextNQuarters(n),
            LastNYears(_) => LastNYears(n),
            NextNYears(_) => NextNYears(n),
            NYearsAgo(_) => NYearsAgo(n),
            plain => plain,
        }
    }

    /// The half-open day range `[start, end)` this literal covers when the
    /// user's local date is `today`.
    ///
    /// `LAST_N_DAYS:n` includes today (`[today-n, today+1)`, so
    /// `LAST_N_DAYS:1` is yesterday and today); `NEXT_N_DAYS:n` starts
    /// tomorrow. The `N_*_AGO` forms are the single day/week/month/year `n`
    /// units back. `LAST_N_WEEKS/MONTHS/QUARTERS/YEARS:n` are the `n` whole
    /// units before the current one; the `NEXT_N_*` forms the `n` after it.
    pub fn range(self, today: Date, week_starts_monday: bool) -> (Date, Date) {
        use DateLiteral::*;
        let days = |from: i64, to: i64| (today.add_days(from), today.add_days(to));
        let week = today.start_of_week(week_starts_monday);
        let weeks = |from: i64, to: i64| (week.add_days(from * 7), week.add_days(to * 7));
        let month = today.start_of_month();
        let months = |from: i64, to: i64| (month.add_months(from), month.add_months(to));
        let quarter = today.start_of_quarter();
        let quarters = |from: i64, to: i64| (quarter.add_months(from * 3), quarter.add_months(to * 3));
        let year = today.start_of_year();
        let years = |from: i64, to: i64| (year.add_years(from), year.add_years(to));
        match self {
            Yesterday => days(-1, 0),
            Today => days(0, 1),
            Tomorrow => days(1, 2),
            LastNDays(n) => days(-i64::from(n), 1),
            NextNDays(n) => days(1, i64::from(n) + 1),
            NDaysAgo(n) => days(-i64::from(n), 1 - i64::from(n)),
            Last90Days => days(-90, 1),
            Next90Days => days(1, 91),
            LastWeek => weeks(-1, 0),
            ThisWeek => weeks(0, 1),
            NextWeek => weeks(1, 2),
            LastNWeeks(n) => weeks(-i64::from(n), 0),
            NextNWeeks(n) => weeks(1, i64::from(n) + 1),
            NWeeksAgo(n) => weeks(-i64::from(n), 1 - i64::from(n)),
            LastMonth => months(-1, 0),
            ThisMonth => months(0, 1),
            NextMonth => months(1, 2),
            LastNMonths(n) => months(-i64::from(n), 0),
            NextNMonths(n) => months(1, i64::from(n) + 1),
            NMonthsAgo(n) => months(-i64::from(n), 1 - i64::from(n)),
            LastQuarter => quarters(-1, 0),
            ThisQuarter => quarters(0, 1),
            NextQuarter => quarters(1, 2),
            LastNQuarters(n) => quarters(-i64::from(n), 0),
            NextNQuarters(n) => quarters(1, i64::from(n) + 1),
            LastYear => years(-1, 0),
            ThisYear => years(0, 1),
            NextYear => years(1, 2),
            LastNYears(n) => years(-i64::from(n), 0),
            NextNYears(n) => years(1, i64::from(n) + 1),
            NYearsAgo(n) => years(-i64::from(n), 1 - i64::from(n)),
        }
    }
}

/// `TODAY`, `LAST_N_DAYS:30`.
impl fmt::Display for DateLiteral {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())?;
        match self.n() {
            Some(n) => write!(f, ":{n}"),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use DateLiteral::*;

    fn d(s: &str) -> Date {
        Date::parse(s).expect(s)
    }

    #[test]
    fn names_round_trip() {
        for s in SPELLINGS {
            let lit = match s {
                Spelling::Plain(_, lit) => *lit,
                Spelling::WithN(_, make) => make(7),
            };
            let text = lit.to_string();
            let (name, n) = match text.split_once(':') {
                Some((name, n)) => (name, Some(n.parse().expect("n"))),
                None => (text.as_str(), None),
            };
            assert_eq!(DateLiteral::from_name(&name.to_lowercase(), n), Some(lit), "{text}");
        }
        assert_eq!(DateLiteral::from_name("TODAY", Some(1)), None);
        assert_eq!(DateLiteral::from_name("LAST_N_DAYS", None), None);
        assert_eq!(DateLiteral::from_name("THIS_FISCAL_YEAR", None), None);
    }

    #[test]
    fn ranges() {
        // (today, literal, week starts Monday, [start, end))
        let cases: &[(&str, DateLiteral, bool, &str, &str)] = &[
            ("2024-03-01", Yesterday, false, "2024-02-29", "2024-03-01"),
            ("2024-12-31", Today, false, "2024-12-31", "2025-01-01"),
            ("2024-12-31", Tomorrow, false, "2025-01-01", "2025-01-02"),
            ("2024-03-10", LastNDays(1), false, "2024-03-09", "2024-03-11"),
            ("2024-03-10", LastNDays(0), false, "2024-03-10", "2024-03-11"),
            ("2024-03-10", Last90Days, false, "2023-12-11", "2024-03-11"),
            ("2024-03-10", LastNDays(90), false, "2023-12-11", "2024-03-11"),
            ("2024-12-30", NextNDays(3), false, "2024-12-31", "2025-01-03"),
            ("2024-12-30", Next90Days, false, "2024-12-31", "2025-03-31"),
            ("2024-03-01", NDaysAgo(1), false, "2024-02-29", "2024-03-01"),
            ("2024-03-01", NDaysAgo(0), false, "2024-03-01", "2024-03-02"),
            // 2024-01-03 is a Wednesday.
            ("2024-01-03", ThisWeek, false, "2023-12-31", "2024-01-07"),
            ("2024-01-03", ThisWeek, true, "2024-01-01", "2024-01-08"),
            ("2024-01-03", LastWeek, false, "2023-12-24", "2023-12-31"),
            ("2024-01-03", NextWeek, true, "2024-01-08", "2024-01-15"),
            ("2024-01-03", LastNWeeks(2), false, "2023-12-17", "2023-12-31"),
            ("2024-01-03", NextNWeeks(2), false, "2024-01-07", "2024-01-21"),
            ("2024-01-03", NWeeksAgo(1), false, "2023-12-24", "2023-12-31"),
            // Sunday with Monday weeks belongs to the week that began 6 days earlier.
            ("2024-01-07", ThisWeek, true, "2024-01-01", "2024-01-08"),
            ("2024-03-31", LastMonth, false, "2024-02-01", "2024-03-01"),
            ("2024-01-15", LastMonth, false, "2023-12-01", "2024-01-01"),
            ("2024-02-29", ThisMonth, false, "2024-02-01", "2024-03-01"),
            ("2024-12-31", NextMonth, false, "2025-01-01", "2025-02-01"),
            ("2024-05-31", LastNMonths(3), false, "2024-02-01", "2024-05-01"),
            ("2024-11-30", NextNMonths(2), false, "2024-12-01", "2025-02-01"),
            ("2024-03-31", NMonthsAgo(1), false, "2024-02-01", "2024-03-01"),
            ("2024-02-29", ThisQuarter, false, "2024-01-01", "2024-04-01"),
            ("2024-02-29", LastQuarter, false, "2023-10-01", "2024-01-01"),
            ("2024-11-01", NextQuarter, false, "2025-01-01", "2025-04-01"),
            ("2024-05-15", LastNQuarters(2), false, "2023-10-01", "2024-04-01"),
            ("2024-05-15", NextNQuarters(2), false, "2024-07-01", "2025-01-01"),
            ("2024-02-29", ThisYear, false, "2024-01-01", "2025-01-01"),
            ("2024-02-29", LastYear, false, "2023-01-01", "2024-01-01"),
            ("2024-02-29", NextYear, false, "2025-01-01", "2026-01-01"),
            ("2024-02-29", LastNYears(2), false, "2022-01-01", "2024-01-01"),
            ("2024-02-29", NextNYears(2), false, "2025-01-01", "2027-01-01"),
            ("2024-02-29", NYearsAgo(4), false, "2020-01-01", "2021-01-01"),
        ];
        for &(today, lit, monday, start, end) in cases {
            let (s, e) = lit.range(d(today), monday);
            assert_eq!((s.to_string(), e.to_string()), (start.to_owned(), end.to_owned()), "{lit} on {today}");
        }
    }

    #[test]
    fn huge_n_does_not_panic() {
        for lit in [LastNDays(u32::MAX), NextNQuarters(u32::MAX), NYearsAgo(u32::MAX), NextNYears(u32::MAX)] {
            let (start, end) = lit.range(d("2024-01-01"), false);
            assert!(start <= end, "{lit}");
        }
    }
}
