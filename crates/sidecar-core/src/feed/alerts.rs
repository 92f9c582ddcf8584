//! Events aggregated into alerts: one alert per tracked email (its opens,
//! clicks, replies and bounces together: "Replied - 4 opens, 1 reply"),
//! one per other event; only the last 30 days; newest first.
//!
//! Which events share an alert: those of kind Open, Reply, Click or Bounce
//! that name a tracked email (`Event::email`), by the email's id. A visit,
//! an assignment, or an email-kind event without an email is an alert of
//! its own. Events are told apart by id: the same id twice counts once.

use std::collections::{BTreeMap, HashSet};

use salesforce_rest::soql::DateTime;

use super::source::{EmailRef, Event, Kind, Subject};

/// Alerts older than this many days are gone.
pub const WINDOW_DAYS: i64 = 30;

/// [`WINDOW_DAYS`] in milliseconds.
pub const WINDOW_MILLIS: i64 = WINDOW_DAYS * DAY_MILLIS;

const MINUTE_MILLIS: i64 = 60_000;
const HOUR_MILLIS: i64 = 60 * MINUTE_MILLIS;
const DAY_MILLIS: i64 = 24 * HOUR_MILLIS;

/// The email kinds in the order [`Alert::summary`] counts them.
const COUNT_ORDER: [Kind; 4] = [Kind::Open, Kind::Click, Kind::Reply, Kind::Bounce];

/// The headline's precedence, most significant first.
const HEADLINE_ORDER: [Kind; 4] = [Kind::Reply, Kind::Bounce, Kind::Click, Kind::Open];

#[derive(Debug, Clone, PartialEq)]
pub struct Alert {
    /// Stable across polls (for dismissals and "seen"): `email:<id>` for an
    /// email's alert, `event:<id>` otherwise.
    pub key: String,
    /// The alert's headline kind: the email's most significant event
    /// (Reply > Bounce > Click > Open), else the event's.
    pub kind: Kind,
    /// The latest event's time.
    pub at: DateTime,
    pub who: Option<Subject>,
    pub email: Option<EmailRef>,
    pub url: Option<String>,
    /// Per kind, how many events ("4 opens, 1 reply").
    pub counts: BTreeMap<Kind, u32>,
    /// The ids of the events it sums up.
    pub events: Vec<String>,
}

impl Alert {
    /// "Replied - 4 opens, 1 reply"; "Visited - acme.com/pricing"; "Assigned to you".
    ///
    /// The headline's label, then:
    /// - for an email's alert, or an open, reply or bounce: the counts,
    ///   always in the order opens, clicks, replies, bounces (zeros left
    ///   out, "1 open" / "2 opens"), whatever the headline: "Replied - 2
    ///   opens, 1 reply";
    /// - for a visit or a click without an email: the URL without its
    ///   scheme and trailing `/` ("Visited - acme.com/pricing"), nothing
    ///   without one;
    /// - for an assignment: nothing ("Assigned to you").
    pub fn summary(&self) -> String {
        let label = self.kind.label();
        let rest = match self.kind {
            Kind::Assigned => String::new(),
            Kind::Visit | Kind::Click if self.email.is_none() => self.url.as_deref().map(short_url).unwrap_or_default(),
            _ => counts_text(&self.counts),
        };
        if rest.is_empty() { label.to_owned() } else { format!("{label} - {rest}") }
    }

    /// The latest event's time in unix millis.
    pub fn at_millis(&self) -> i64 {
        self.at.unix_millis()
    }
}

/// "4 opens, 1 reply": the email kinds' counts in [`COUNT_ORDER`], zeros
/// left out.
fn counts_text(counts: &BTreeMap<Kind, u32>) -> String {
    COUNT_ORDER
        .iter()
        .filter_map(|kind| {
            let n = counts.get(kind).copied().filter(|n| *n > 0)?;
            let (one, many) = match kind {
                Kind::Open => ("open", "opens"),
                Kind::Click => ("click", "clicks"),
                Kind::Reply => ("reply", "replies"),
                _ => ("bounce", "bounces"),
            };
            Some(format!("{n} {}", if n == 1 { one } else { many }))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// `https://acme.com/pricing/` → `acme.com/pricing`.
fn short_url(url: &str) -> String {
    let url = url.trim();
    let lower = url.to_ascii_lowercase();
    let rest = ["https://", "http://"].iter().find(|scheme| lower.starts_with(*scheme)).map_or(url, |scheme| &url[scheme.len()..]);
    rest.trim_end_matches('/').to_owned()
}

/// The alerts of `events` no older than 30 days before `now_millis`,
/// newest first (ties by key).
///
/// An event exactly 30 days old is kept; one a millisecond older is not.
/// Future events (clock skew) are kept. An email's alert takes its latest
/// event's time, and the person, subject and URL of its newest event that
/// has one; its `events` are newest first (ties by id).
pub fn aggregate(events: &[Event], now_millis: i64) -> Vec<Alert> {
    let cutoff = now_millis.saturating_sub(WINDOW_MILLIS);
    let mut seen = HashSet::new();
    let mut recent: Vec<&Event> = events.iter().filter(|e| e.at.unix_millis() >= cutoff && seen.insert(e.id.as_str())).collect();
    // Newest first, so each alert's first event is its latest.
    recent.sort_by(|a, b| b.at.unix_millis().cmp(&a.at.unix_millis()).then_with(|| a.id.cmp(&b.id)));

    let mut alerts: Vec<Alert> = Vec::new();
    let mut by_key: BTreeMap<String, usize> = BTreeMap::new();
    for event in recent {
        let key = match &event.email {
            Some(email) if event.kind.is_email() => format!("email:{}", email.id),
            _ => format!("event:{}", event.id),
        };
        let Some(&i) = by_key.get(&key) else {
            by_key.insert(key.clone(), alerts.len());
            alerts.push(Alert {
                key,
                kind: event.kind,
                at: event.at,
                who: event.who.clone(),
                email: event.email.clone(),
                url: event.url.clone(),
                counts: BTreeMap::from([(event.kind, 1)]),
                events: vec![event.id.clone()],
            });
            continue;
        };
        let alert = &mut alerts[i];
        *alert.counts.entry(event.kind).or_insert(0) += 1;
        alert.events.push(event.id.clone());
        if alert.who.is_none() {
            alert.who = event.who.clone();
        }
        if let (Some(email), Some(older)) = (&mut alert.email, &event.email)
            && email.subject.trim().is_empty()
        {
            email.subject = older.subject.clone();
        }
        if alert.url.is_none() {
            alert.url = event.url.clone();
        }
    }
    for alert in &mut alerts {
        if let Some(kind) = HEADLINE_ORDER.iter().find(|k| alert.counts.contains_key(k)) {
            alert.kind = *kind;
        }
    }
    alerts.sort_by(|a, b| b.at.unix_millis().cmp(&a.at.unix_millis()).then_with(|| a.key.cmp(&b.key)));
    alerts
}

/// "just now", "5m ago", "3h ago", "12d ago".
///
/// Whole units, rounded down: under a minute (or in the future) is "just
/// now", under an hour minutes, under a day hours, then days.
pub fn age(at: &DateTime, now_millis: i64) -> String {
    let elapsed = now_millis.saturating_sub(at.unix_millis());
    if elapsed < MINUTE_MILLIS {
        "just now".to_owned()
    } else if elapsed < HOUR_MILLIS {
        format!("{}m ago", elapsed / MINUTE_MILLIS)
    } else if elapsed < DAY_MILLIS {
        format!("{}h ago", elapsed / HOUR_MILLIS)
    } else {
        format!("{}d ago", elapsed / DAY_MILLIS)
    }
}
