//! Clauses that are not a field change:
//! - "log a call: discussed pricing" → a completed call task with the notes;
//! - "follow up in 2 weeks", "follow up next monday about the contract" →
//!   an open task due then;
//! - "remind me tomorrow at 9 to send the proposal" → a task due that day
//!   with a reminder at that time (9:00 when no time is said);
//! - "task: send the contract by friday" → an open task;
//! - "add Priya Raman as a contact" → a new contact of the account.

use super::split::{self, Word, lowered};
use super::when::{self, Calendar};
use super::{Setting, Step, Vocabulary};

const LOG_CALL: [&[&str]; 7] = [
    &["log", "a", "call"],
    &["log", "call"],
    &["logged", "a", "call"],
    &["log", "the", "call"],
    &["logged", "call"],
    &["had", "a", "call"],
    &["call", "logged"],
];
const FOLLOW_UP: [&[&str]; 4] = [&["follow", "up"], &["follow-up"], &["followup"], &["f/u"]];
const REMIND: [&[&str]; 5] = [&["remind", "me"], &["set", "a", "reminder"], &["set", "reminder"], &["reminder"], &["remind"]];
const TASK: [&[&str]; 9] =
    [&["new", "task"], &["add", "a", "task"], &["add", "task"], &["create", "a", "task"], &["create", "task"], &["task"], &["todo"], &["to-do"], &["to", "do"]];
const CONTACT: [&[&str]; 6] =
    [&["add", "a", "contact"], &["add", "contact"], &["new", "contact"], &["create", "a", "contact"], &["create", "contact"], &["add", "new", "contact"]];

/// One-word dates that are also words of a subject.
const AMBIGUOUS: [&str; 12] = ["sun", "sat", "mon", "wed", "fri", "thu", "tue", "now", "tonight", "tues", "thurs", "weds"];

/// Words before a date that only introduce it.
const DATE_INTRO: [&str; 5] = ["on", "by", "due", "before", "for"];

/// How many words of `lower` the pattern takes, if it starts them.
fn starts_with(lower: &[&str], patterns: &[&[&str]]) -> Option<usize> {
    patterns.iter().filter(|p| lower.len() >= p.len() && lower[..p.len()] == ***p).map(|p| p.len()).max()
}

fn lower_of(clause: &str) -> (Vec<Word>, usize) {
    let words = split::words(clause);
    let please = usize::from(words.first().is_some_and(|w| w.lower == "please"));
    (words, please)
}

/// Whether `clause` starts a command (for "and").
pub fn starts_command(clause: &str) -> bool {
    command_words(clause).is_some()
}

/// How many words name the command `clause` starts with ("please" included).
pub fn command_words(clause: &str) -> Option<usize> {
    let (words, skip) = lower_of(clause);
    let lower = lowered(&words);
    let lower = &lower[skip.min(lower.len())..];
    let named = [&LOG_CALL[..], &FOLLOW_UP, &REMIND, &TASK, &CONTACT].iter().filter_map(|p| starts_with(lower, p)).max();
    named.or_else(|| add_as_contact(lower).map(|_| 1)).map(|n| n + skip)
}

/// The command `clause` is, if it is one. A reminder whose time has
/// passed is refused, whichever command set it.
pub fn read(clause: &str, vocabulary: &Vocabulary, setting: &Setting) -> Option<Result<Step, String>> {
    read_command(clause, vocabulary, setting).map(|step| match step {
        Ok(Step::NewTask { reminder: Some(at), .. }) if at.unix_millis() <= setting.now_millis => {
            Err("That time has passed. Say a later time, or a day like \"tomorrow at 9\".".into())
        }
        other => other,
    })
}

fn read_command(clause: &str, vocabulary: &Vocabulary, setting: &Setting) -> Option<Result<Step, String>> {
    let (words, skip) = lower_of(clause);
    let all = lowered(&words);
    let lower = &all[skip.min(all.len())..];
    let cal = Calendar { today: setting.today, fiscal_start_month: setting.fiscal_start_month, ctx: &setting.ctx };
    let tasks_here = || if vocabulary.tasks { Ok(()) } else { Err(vocabulary.no_tasks.clone()) };
    if let Some(n) = starts_with(lower, &LOG_CALL) {
        let notes = split::rest(clause, &words, skip + n).trim_start_matches([':', '-', '–', '—', ' ']);
        let notes = strip_word(notes, &["about", "re", "re:", "regarding"]);
        return Some(tasks_here().map(|()| Step::LogCall { notes: notes.to_owned() }));
    }
    if let Some(n) = starts_with(lower, &FOLLOW_UP) {
        let (due, reminder, subject) = when_and_what(clause, &words, skip + n, &cal);
        let rest = subject.trim_start_matches([':', '-', ' ']);
        let joined = ["about ", "on ", "with ", "re ", "regarding ", "to "].iter().any(|w| rest.to_lowercase().starts_with(w));
        let subject = match rest {
            "" => "Follow up".to_owned(),
            r if joined => format!("Follow up {r}"),
            r => format!("Follow up: {r}"),
        };
        return Some(tasks_here().map(|()| Step::NewTask { subject, due: due.or(reminder.map(|r| r.0)), reminder: reminder.map(|r| r.1) }));
    }
    if let Some(n) = starts_with(lower, &REMIND) {
        let (due, reminder, subject) = when_and_what(clause, &words, skip + n, &cal);
        let subject = capitalized(strip_word(subject.trim_start_matches([':', ' ']), &["to", "about", "that", "of", "me", "to:"]));
        let (due, reminder) = match (due, reminder) {
            (_, Some(at)) => (Some(at.0), Some(at.1)),
            (Some(day), None) => (Some(day), Some(when::local_instant(day, 9, 0, &setting.ctx.time_zone))),
            (None, None) => return Some(Err("When should I remind you? Say a day and a time, like \"remind me tomorrow at 9 to send the proposal\".".into())),
        };

        let subject = if subject.is_empty() { "Reminder".to_owned() } else { subject };
        return Some(tasks_here().map(|()| Step::NewTask { subject, due, reminder }));
    }
    if let Some(n) = starts_with(lower, &CONTACT) {
        let name = split::rest(clause, &words, skip + n).trim_start_matches([':', ' ']);
        return Some(contact(name, vocabulary));
    }
    if let Some(end) = add_as_contact(lower) {
        let name = split::join_kept(clause, &words, |i| i > skip && i < skip + end);
        return Some(contact(&name, vocabulary));
    }
    if let Some(n) = starts_with(lower, &TASK) {
        let (due, reminder, subject) = when_and_what(clause, &words, skip + n, &cal);
        let subject = capitalized(subject.trim_start_matches([':', '-', ' ']));
        if subject.is_empty() {
            return Some(Err("What is the task? Say it after \"task:\", like \"task: send the contract by friday\".".into()));
        }
        return Some(tasks_here().map(|()| Step::NewTask { subject, due: due.or(reminder.map(|r| r.0)), reminder: reminder.map(|r| r.1) }));
    }
    None
}

/// "add Priya Raman as a contact": the index of "as" (the name is between).
fn add_as_contact(lower: &[&str]) -> Option<usize> {
    if lower.first() != Some(&"add") {
        return None;
    }
    let at = lower.iter().position(|w| *w == "as")?;
    let rest = &lower[at + 1..];
    let ok = matches!(rest, ["contact"] | ["a", "contact"] | ["the", "contact"] | ["a", "new", "contact"] | ["new", "contact"]);
    (ok && at > 1).then_some(at)
}

/// A new contact named `name` (first names, then the last name).
fn contact(name: &str, vocabulary: &Vocabulary) -> Result<Step, String> {
    let name = name.trim().trim_matches(['"', '\'']);
    if !vocabulary.contacts {
        return Err(vocabulary.no_contacts.clone());
    }
    let parts: Vec<&str> = name.split_whitespace().collect();
    let looks_like_a_name = !parts.is_empty()
        && parts.len() <= 4
        && parts.iter().all(|p| p.chars().all(|c| c.is_alphabetic() || matches!(c, '\'' | '’' | '-' | '.')) && p.chars().any(char::is_alphabetic));
    if !looks_like_a_name {
        return Err(format!("\"{name}\" doesn't look like a person's name. Say \"add Priya Raman as a contact\"."));
    }
    // All in lowercase: capitalized; otherwise as typed ("van der Berg").
    let lowercase = !name.chars().any(char::is_uppercase);
    let proper = |p: &&str| if lowercase { capitalized(p) } else { (*p).to_owned() };
    let Some((last, first)) = parts.split_last().map(|(l, f)| (proper(l), f.iter().map(proper).collect::<Vec<_>>().join(" "))) else {
        return Err("Say the contact's name.".into());
    };
    Ok(Step::AddContact { first_name: first, last_name: last })
}

/// A date (and time) said anywhere after word `from`, and the other words
/// as typed (the task's subject).
fn when_and_what(
    clause: &str,
    words: &[Word],
    from: usize,
    cal: &Calendar<'_>,
) -> (Option<salesforce_rest::soql::Date>, Option<(salesforce_rest::soql::Date, salesforce_rest::soql::DateTime)>, String) {
    let lower = lowered(words);
    let mut used = vec![false; words.len()];
    let mut date = None;
    for p in from..words.len() {
        let intro = usize::from(DATE_INTRO.contains(&lower[p]));
        // "sun", "sat", "now" inside a subject are words ("send sun deck"),
        // unless first, last, before a time, or introduced ("on sat").
        let inside = p > from && p + 1 < words.len() && when::time_at(&lower[p + 1..]).is_none();
        if intro == 0 && inside && AMBIGUOUS.contains(&lower[p]) {
            continue;
        }
        if let Some((d, n)) = when::date_at(&lower[p + intro..], cal) {
            date = Some(d);
            used[p..p + intro + n].iter_mut().for_each(|u| *u = true);
            break;
        }
    }
    let mut time = None;
    for p in from..words.len() {
        if used[p] {
            continue;
        }
        if let Some((h, m, n)) = when::time_at(&lower[p..]).filter(|(_, _, n)| !used[p..p + n].iter().any(|u| *u)) {
            time = Some((h, m));
            used[p..p + n].iter_mut().for_each(|u| *u = true);
            break;
        }
    }
    let reminder = time.map(|(h, m)| {
        let day = date.unwrap_or(cal.today);
        (day, when::local_instant(day, h, m, &cal.ctx.time_zone))
    });
    let subject = split::join_kept(clause, words, |i| i >= from && !used[i]);
    (date, reminder, subject.trim().to_owned())
}

fn strip_word<'t>(text: &'t str, words: &[&str]) -> &'t str {
    let t = text.trim_start();
    for w in words {
        if let Some(rest) = t.get(..w.len()).filter(|head| head.eq_ignore_ascii_case(w)).map(|_| &t[w.len()..])
            && (rest.is_empty() || rest.starts_with(' '))
        {
            return rest.trim_start();
        }
    }
    t
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}
