//! Rescheduling a task from the list: the dates offered, the change sent
//! (`ActivityDate`, the task's due date, a date with no time zone), and the
//! task as shown until the org answers (rolled back if it refuses, as a
//! completion is).

use salesforce_rest::locale::Locale;
use salesforce_rest::soql::Date;
use serde_json::{Map, Value};

use super::task::TodoTask;

/// A new due date, as the rep picks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    Tomorrow,
    /// The Monday of next week (the list's weeks run Sunday to Saturday,
    /// as its "This week" group does).
    NextWeek,
    On(Date),
}

impl When {
    /// The date this means on `today` (the user's, in their time zone):
    /// "Next week" is the Monday of the week after this one, weeks starting
    /// on the user's locale's first day.
    pub fn date(self, today: Date, locale: &Locale) -> Date {
        match self {
            Self::Tomorrow => today.add_days(1),
            Self::NextWeek if locale.week_starts_monday() => today.start_of_week(true).add_days(7),
            Self::NextWeek => today.start_of_week(false).add_days(8),
            Self::On(date) => date,
        }
    }

    /// The button's words, with the date they mean, day and month in the
    /// user's order: "Tomorrow (Fri 12/4)", "Tomorrow (Fri 4.12.)".
    pub fn label(self, today: Date, locale: &Locale) -> String {
        let date = self.date(today, locale);
        let day = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][usize::from(date.weekday() % 7)];
        let words = match self {
            Self::Tomorrow => "Tomorrow",
            Self::NextWeek => "Next week",
            Self::On(_) => "On",
        };
        format!("{words} ({day} {})", crate::fields::day_and_month(date, locale))
    }
}

/// The `PATCH /sobjects/Task/{id}` body moving the task to `date`.
pub fn patch(date: Date) -> Map<String, Value> {
    let mut body = Map::new();
    body.insert("ActivityDate".to_owned(), Value::String(date.to_string()));
    body
}

/// The task as shown right after the rep picks `date`.
pub fn shown(task: &TodoTask, date: Date) -> TodoTask {
    TodoTask { due: Some(date), ..task.clone() }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).expect("date")
    }

    #[test]
    fn dates_and_labels() {
        // 2026-12-03 is a Thursday; 2026-12-06 a Sunday; 2026-12-05 a Saturday.
        let cases = [
            (When::Tomorrow, "2026-12-03", "2026-12-04", "Tomorrow (Fri 12/4)"),
            (When::NextWeek, "2026-12-03", "2026-12-07", "Next week (Mon 12/7)"),
            (When::NextWeek, "2026-12-05", "2026-12-07", "Next week (Mon 12/7)"),
            // Sunday starts a week: next week's Monday is 8 days on.
            (When::NextWeek, "2026-12-06", "2026-12-14", "Next week (Mon 12/14)"),
            (When::Tomorrow, "2026-12-31", "2027-01-01", "Tomorrow (Fri 1/1)"),
            (When::On(d("2027-02-28")), "2026-12-03", "2027-02-28", "On (Sun 2/28)"),
        ];
        let us = Locale::of("en_US");
        for (when, today, want, label) in cases {
            assert_eq!(when.date(d(today), us), d(want), "{when:?} on {today}");
            assert_eq!(when.label(d(today), us), label, "{when:?} on {today}");
        }
        // Weeks from Monday (de_DE): on Sunday, next week starts tomorrow.
        let de = Locale::of("de_DE");
        let german = [
            (When::Tomorrow, "2026-12-03", "2026-12-04", "Tomorrow (Fri 4.12.)"),
            (When::NextWeek, "2026-12-03", "2026-12-07", "Next week (Mon 7.12.)"),
            (When::NextWeek, "2026-12-06", "2026-12-07", "Next week (Mon 7.12.)"),
        ];
        for (when, today, want, label) in german {
            assert_eq!(when.date(d(today), de), d(want), "{when:?} on {today}");
            assert_eq!(when.label(d(today), de), label, "{when:?} on {today}");
        }
        assert_eq!(When::Tomorrow.label(d("2026-12-03"), Locale::of("ja_JP")), "Tomorrow (Fri 12/4)");
        assert_eq!(When::Tomorrow.label(d("2026-12-03"), Locale::of("en_GB")), "Tomorrow (Fri 4/12)");
    }

    #[test]
    fn the_change_and_the_task_shown() {
        assert_eq!(Value::Object(patch(d("2027-01-04"))), serde_json::json!({"ActivityDate": "2027-01-04"}));
        let record: salesforce_rest::wire::Record = serde_json::from_value(
            serde_json::json!({"attributes": {"type": "Task"}, "Id": "00T000000000001AAA", "Subject": "Call", "ActivityDate": "2026-12-01"}),
        )
        .expect("record");
        let task = TodoTask::from_record(&record).expect("task");
        let moved = shown(&task, d("2027-01-04"));
        assert_eq!((moved.due, moved.subject.as_str()), (Some(d("2027-01-04")), "Call"));
    }
}
