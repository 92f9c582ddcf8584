//! Events aggregated into alerts: one alert per tracked email (its opens,
//! clicks, replies and bounces together: "Replied - 4 opens, 1 reply"),
//! one per other event; only the last 30 days; newest first.
//!
//! Which events share an alert: those of kind Open, Reply, Click or Bounce
//! that name a tracked email (`Event::email`), by the email's id. A visit,
//! an assignment, or an email-kind event without an email is an alert of
//! its own. Events are told apart by id: the same id twice counts once. A
//! record assigned to the user more than once (created for them, then
//! reassigned) is one alert, at the latest.
//!
//! Mail scanners: security gateways and mail providers open (and click)
//! every message they receive, seconds after it is sent, and often many
//! times within a minute; peers' engagement alerts are most complained
//! about for those false opens. So opens within [`BURST_MILLIS`] of the
//! last one counted count once, and an email whose only open came within
//! [`SCANNER_MILLIS`] of its sending says "Opened (possibly by a mail
//! scanner)".

use std::collections::{BTreeMap, HashMap, HashSet};

use salesforce_rest::soql::DateTime;

use super::source::{EmailRef, Event, Kind, Subject};

/// Alerts older than this many days are gone.
pub const WINDOW_DAYS: i64 = 30;

/// [`WINDOW_DAYS`] in milliseconds.
pub const WINDOW_MILLIS: i64 = WINDOW_DAYS * DAY_MILLIS;

/// Opens this close to the previous one counted count once.
pub const BURST_MILLIS: i64 = MINUTE_MILLIS;

/// An open this soon after the email was sent is likely a mail scanner.
pub const SCANNER_MILLIS: i64 = 30_000;

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
    /// Its open count is a floor ("2+ opens"): EmailMessage records only
    /// the first and last open.
    pub opens_more: bool,
    /// Its only opens came right after sending: likely a mail scanner.
    pub maybe_scanner: bool,
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
    ///
    /// An alert whose only engagement is an open right after sending says
    /// "Opened (possibly by a mail scanner)"; an open count EmailMessage
    /// gives only a floor of reads "2+ opens".
    pub fn summary(&self) -> String {
        if self.maybe_scanner && self.counts.keys().all(|k| *k == Kind::Open) {
            return "Opened (possibly by a mail scanner)".to_owned();
        }
        let label = self.kind.label();
        let rest = match self.kind {
            Kind::Assigned => String::new(),
            Kind::Visit | Kind::Click if self.email.is_none() => self.url.as_deref().map(short_url).unwrap_or_default(),
            _ => counts_text(&self.counts, self.opens_more),
        };
        if rest.is_empty() { label.to_owned() } else { format!("{label} - {rest}") }
    }

    /// The latest event's time in unix millis.
    pub fn at_millis(&self) -> i64 {
        self.at.unix_millis()
    }
}

/// "4 opens, 1 reply": the email kinds' counts in [`COUNT_ORDER`], zeros
/// left out; "2+ opens" when the open count is a floor.
fn counts_text(counts: &BTreeMap<Kind, u32>, opens_more: bool) -> String {
    COUNT_ORDER
        .iter()
        .filter_map(|kind| {
            let n = counts.get(kind).copied().filter(|n| *n > 0)?;
            if *kind == Kind::Open && opens_more {
                return Some(format!("{n}+ opens"));
            }
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
    // One assignment per record: the latest.
    let mut assigned = HashSet::new();
    recent.retain(|e| e.kind != Kind::Assigned || e.who.as_ref().is_none_or(|w| assigned.insert(w.id.clone())));

    let mut groups: Vec<(String, Vec<&Event>)> = Vec::new();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    for event in recent {
        let key = match &event.email {
            Some(email) if event.kind.is_email() => format!("email:{}", email.id),
            _ => format!("event:{}", event.id),
        };
        match by_key.get(&key) {
            Some(&i) => groups[i].1.push(event),
            None => {
                by_key.insert(key.clone(), groups.len());
                groups.push((key, vec![event]));
            }
        }
    }
    let mut alerts: Vec<Alert> = groups.into_iter().filter_map(|(key, events)| alert(key, &events)).collect();
    alerts.sort_by(|a, b| b.at.unix_millis().cmp(&a.at.unix_millis()).then_with(|| a.key.cmp(&b.key)));
    alerts
}

/// One alert of `events` (newest first); `None` for none.
///
/// Where Salesforce's email tracking recorded anything of the email, an
/// engagement tool's opens, replies and bounces of it are copies of what
/// the email records, and are left out (each would count twice); its
/// clicks stay (EmailMessage records none).
fn alert(key: String, events: &[&Event]) -> Option<Alert> {
    let tracked = events.iter().any(|e| e.tracked);
    let copy = |e: &&&Event| tracked && !e.tracked && matches!(e.kind, Kind::Open | Kind::Reply | Kind::Bounce);
    let events: Vec<&Event> = events.iter().filter(|e| !copy(e)).copied().collect();
    let events = events.as_slice();
    let newest = events.first()?;
    let mut counts: BTreeMap<Kind, u32> = BTreeMap::new();
    for event in events.iter().filter(|e| e.kind != Kind::Open) {
        *counts.entry(event.kind).or_insert(0) += 1;
    }
    let opens = Opens::of(events);
    if opens.count > 0 {
        counts.insert(Kind::Open, opens.count);
    }
    let kind = HEADLINE_ORDER.iter().find(|k| counts.contains_key(k)).copied().unwrap_or(newest.kind);
    let mut email = newest.email.clone();
    if let Some(email) = &mut email
        && email.subject.trim().is_empty()
    {
        let older = events.iter().filter_map(|e| e.email.as_ref()).find(|e| !e.subject.trim().is_empty());
        email.subject = older.map(|e| e.subject.clone()).unwrap_or_default();
    }
    Some(Alert {
        key,
        kind,
        at: newest.at,
        who: events.iter().find_map(|e| e.who.clone()),
        email,
        url: events.iter().find_map(|e| e.url.clone()),
        counts,
        events: events.iter().map(|e| e.id.clone()).collect(),
        opens_more: opens.more,
        maybe_scanner: opens.scanner,
    })
}

/// An alert's opens as counted: see the module's note on mail scanners.
struct Opens {
    count: u32,
    /// A counted open stands for more than one (`Event::repeated`).
    more: bool,
    /// The one counted open came within [`SCANNER_MILLIS`] of sending.
    scanner: bool,
}

impl Opens {
    fn of(events: &[&Event]) -> Self {
        let mut opens: Vec<&Event> = events.iter().copied().filter(|e| e.kind == Kind::Open).collect();
        opens.sort_by_key(|e| e.at.unix_millis());
        let mut counted: Vec<&Event> = Vec::new();
        for open in opens {
            if counted.last().is_some_and(|last| open.at.unix_millis() - last.at.unix_millis() < BURST_MILLIS) {
                continue;
            }
            counted.push(open);
        }
        let right_after_sending = |e: &Event| e.sent.is_some_and(|sent| (0..SCANNER_MILLIS).contains(&(e.at.unix_millis() - sent.unix_millis())));
        Self {
            count: u32::try_from(counted.len()).unwrap_or(u32::MAX),
            more: counted.iter().any(|e| e.repeated),
            scanner: counted.len() == 1 && counted.iter().all(|e| right_after_sending(e)),
        }
    }
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
