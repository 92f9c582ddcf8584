//! devorg under load: N client threads, each on its own keep-alive
//! connection, loop over a fixed request mix for a fixed time. Completed
//! requests are counted in half-second buckets; each bucket's rate is one
//! sample (the first bucket, connection set-up and warm-up, is dropped).
//! Any request that fails or answers other than 200 is an error, and any
//! error fails the figure.

use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;

use super::http::{self, API, Client, Session};
use super::report::{Better, Figure, Measure, Stats, num};

const CLIENTS: usize = 32;
/// Each client count runs for ROUNDS x RUN, alternating 1 and 32 clients so
/// a noisy neighbour hits both sides alike.
const ROUNDS: usize = 2;
const RUN: Duration = Duration::from_secs(6);
const BUCKET: Duration = Duration::from_millis(500);
/// 32 clients must serve at least this fraction of 1 client's rate: one
/// SQLite connection behind a mutex cannot scale up much on its own, but it
/// must not collapse under contention either.
pub const SCALE_UP_BUDGET: f64 = 0.6;
/// Account-name words of the bench seed (`seed/names.rs` COMPANY_STEMS).
const SEARCH_TERMS: [&str; 4] = ["Harbor", "Summit", "Cedar", "Maple"];
const STAGES: [&str; 4] = ["Prospecting", "Qualification", "Negotiation/Review", "Closed Won"];

/// The mix, one request per step, cycling: a record by id, a 200-row query,
/// another record by id, a SOSL search (what a panel open and a grid page do).
pub const MIX: &str = "cycle of 4: GET /sobjects/Opportunity/{id}; GET /query (200 rows, 6 columns + Account.Name, by stage); \
                       GET /sobjects/Opportunity/{id}; GET /search (SOSL FIND in name fields, Account + Lead + Opportunity, LIMIT 20)";

fn request_path(step: usize, ids: &[String]) -> String {
    let id = &ids[(step * 7919) % ids.len()];
    match step % 4 {
        1 => {
            let stage = STAGES[(step / 4) % STAGES.len()];
            let soql = format!(
                "SELECT Id, Name, StageName, Amount, CloseDate, Probability, Account.Name FROM Opportunity \
                 WHERE StageName = '{stage}' ORDER BY CloseDate DESC LIMIT 200"
            );
            format!("{API}/query?q={}", http::encode(&soql))
        }
        3 => {
            let term = SEARCH_TERMS[(step / 4) % SEARCH_TERMS.len()];
            let sosl = format!("FIND {{{term}}} IN NAME FIELDS RETURNING Account(Id, Name), Lead(Id, Name), Opportunity(Id, Name) LIMIT 20");
            format!("{API}/search?q={}", http::encode(&sosl))
        }
        _ => format!("{API}/sobjects/Opportunity/{id}"),
    }
}

/// What the clients of one run did.
#[derive(Debug, Default)]
struct Tally {
    requests: u64,
    errors: u64,
    first_error: Option<String>,
    latencies_ms: Vec<f64>,
    buckets: Vec<u64>,
}

impl Tally {
    fn merge(&mut self, other: Tally) {
        self.requests += other.requests;
        self.errors += other.errors;
        self.first_error = self.first_error.take().or(other.first_error);
        self.latencies_ms.extend(other.latencies_ms);
        if self.buckets.len() < other.buckets.len() {
            self.buckets.resize(other.buckets.len(), 0);
        }
        for (mine, theirs) in self.buckets.iter_mut().zip(other.buckets) {
            *mine += theirs;
        }
    }

    /// Requests per second in each full bucket after the first.
    fn rates(&self) -> Vec<f64> {
        self.buckets.iter().skip(1).map(|&n| n as f64 / BUCKET.as_secs_f64()).collect()
    }

    /// Counts and latencies (per-request, client-side) as one line.
    fn describe(&self, clients: usize) -> String {
        let lat = Stats::of(&self.latencies_ms);
        let lat = lat.map_or("-".into(), |s| format!("p50 {} ms, p90 {} ms, max {} ms", num(s.median), num(s.p90), num(s.max)));
        format!("{} requests, {} errors; latency {lat} ({clients} client{})", num(self.requests as f64), self.errors, if clients == 1 { "" } else { "s" })
    }
}

/// Several runs of one client count: their samples side by side, their counts summed.
#[derive(Debug, Default)]
struct Rounds {
    rates: Vec<f64>,
    total: Tally,
}

impl Rounds {
    fn add(&mut self, tally: Tally) {
        self.rates.extend(tally.rates());
        self.total.merge(Tally { buckets: Vec::new(), ..tally });
    }
}

/// `clients` threads running the mix for [`RUN`].
fn run(base: &Client, ids: &Arc<Vec<String>>, clients: usize) -> anyhow::Result<Tally> {
    let buckets = usize::try_from(RUN.as_millis() / BUCKET.as_millis()).unwrap_or(1);
    let start = Instant::now() + Duration::from_millis(200);
    let threads: Vec<_> = (0..clients)
        .map(|n| {
            let (client, ids) = (base.fresh(), Arc::clone(ids));
            std::thread::spawn(move || {
                let mut tally = Tally { buckets: vec![0; buckets], ..Tally::default() };
                std::thread::sleep(start.saturating_duration_since(Instant::now()));
                let deadline = start + RUN;
                // Clients start at different points of the mix and the ids.
                let mut step = n * 13;
                while Instant::now() < deadline {
                    let path = request_path(step, &ids);
                    step += 1;
                    let sent = Instant::now();
                    let outcome = client.get(&path);
                    let done = Instant::now();
                    let error = match outcome {
                        Ok(reply) if reply.status == 200 => None,
                        Ok(reply) => Some(format!("HTTP {} for {path}: {}", reply.status, reply.snippet())),
                        Err(e) => Some(format!("{e:#}")),
                    };
                    tally.requests += 1;
                    tally.latencies_ms.push((done - sent).as_secs_f64() * 1000.0);
                    // A request finishing after the deadline counts (and so
                    // do its errors) but falls outside every bucket.
                    let bucket = usize::try_from((done - start).as_millis() / BUCKET.as_millis()).unwrap_or(usize::MAX);
                    if let Some(count) = tally.buckets.get_mut(bucket) {
                        *count += 1;
                    }
                    if let Some(error) = error {
                        tally.errors += 1;
                        tally.first_error.get_or_insert(error);
                    }
                }
                tally
            })
        })
        .collect();
    let mut total = Tally { buckets: vec![0; buckets], ..Tally::default() };
    for thread in threads {
        let tally = thread.join().map_err(|_| anyhow::anyhow!("a load client thread panicked"))?;
        total.merge(tally);
    }
    Ok(total)
}

/// Figure 3: throughput under 32 clients vs. 1 client, same mix.
pub fn throughput_figure(session: &Session, ids: &[String]) -> anyhow::Result<Figure> {
    let ids = Arc::new(ids.to_vec());
    // Every kind of request once, so a broken endpoint fails loudly here.
    for step in 0..4 {
        let path = request_path(step, &ids);
        let reply = session.client.get(&path)?;
        anyhow::ensure!(reply.status == 200, "HTTP {} for {path}: {}", reply.status, reply.snippet());
    }
    let (mut single, mut many) = (Rounds::default(), Rounds::default());
    for _ in 0..ROUNDS {
        single.add(run(&session.client, &ids, 1).context("1-client run")?);
        many.add(run(&session.client, &ids, CLIENTS).context("32-client run")?);
    }
    let (single_rates, many_rates) = (std::mem::take(&mut single.rates), std::mem::take(&mut many.rates));
    let (single, many) = (single.total, many.total);
    let mut failures = Vec::new();
    for (tally, clients) in [(&single, 1), (&many, CLIENTS)] {
        if tally.errors > 0 {
            failures.push(format!(
                "{} of {} requests failed with {clients} client(s); first: {}",
                tally.errors,
                tally.requests,
                tally.first_error.as_deref().unwrap_or("?")
            ));
        }
    }
    Ok(Figure {
        id: "devorg.throughput_32_clients".into(),
        name: format!("devorg: throughput, 32 concurrent clients, {} errors", single.errors + many.errors),
        unit: "req/s".into(),
        better: Better::Higher,
        subject: Measure::new("32 clients", many_rates),
        reference: Measure::new("same mix, 1 client", single_rates),
        budget: Some(SCALE_UP_BUDGET),
        facts: vec![
            ("mix".into(), MIX.into()),
            (
                "run".into(),
                format!(
                    "{ROUNDS} rounds of {} s per client count, alternating 1 and {CLIENTS} clients; samples are {} ms buckets, the first of each round dropped",
                    RUN.as_secs(),
                    BUCKET.as_millis()
                ),
            ),
            ("32 clients".into(), many.describe(CLIENTS)),
            ("1 client".into(), single.describe(1)),
            ("errors".into(), (single.errors + many.errors).to_string()),
        ],
        failures,
    })
}
