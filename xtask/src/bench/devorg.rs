//! devorg's figures: the release binary on a fresh `bench` seed (57k
//! records), driven over real HTTP after a real OAuth login, as the
//! extension would drive it.
//!
//! 1. A 2,000-row SOQL query (8 columns incl. a parent field) vs. the same
//!    rows read straight from SQLite with rusqlite.
//! 2. A 20-record sObject collection update (allOrNone) vs. the same 20
//!    UPDATEs in one rusqlite transaction.
//! 3. Throughput of a request mix under 32 concurrent clients vs. the same
//!    mix from one client (see `load`).

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Instant;

use anyhow::{Context, bail};
use serde_json::{Value, json};

use super::http::{self, API, Client, Session};
use super::load;
use super::raw;
use super::report::{Better, Figure, Measure, Section, num};
use crate::cmd;

/// `devorg::seed::BENCH_USER` and `DEMO_PASSWORD` (xtask does not link devorg:
/// that would rebuild xtask on every devorg change). A drift fails the login.
const BENCH_USER: &str = "bench@sidecar.devorg";
const PASSWORD: &str = "sidecar";
/// devorg's registered client (`devorg::oauth::clients`): it refuses client ids it does not know.
const CLIENT_ID: &str = "SidecarDevorg";
const REDIRECT_URI: &str = "http://localhost/bench/callback";

const WARMUP: usize = 3;
const QUERY_SAMPLES: usize = 30;
const UPDATE_SAMPLES: usize = 60;
/// Budgets, as ratios to the in-process SQLite reference. Generous on
/// purpose: they catch an order-of-magnitude regression (a lost index, an
/// N+1 parent lookup, a per-record transaction), not noise. First runs on a
/// busy 2-core VM: query 1.4-1.6x, update 3-9x (the in-process reference
/// never waits for a CPU; the server does when the machine is busy).
const QUERY_BUDGET: f64 = 5.0;
const UPDATE_BUDGET: f64 = 25.0;

pub const QUERY: &str = "SELECT Id, Name, StageName, Amount, CloseDate, Probability, LastModifiedDate, Account.Name \
                         FROM Opportunity WHERE OwnerId = '{owner}' ORDER BY CloseDate DESC LIMIT 2000";

/// Builds, seeds, serves, measures; the server and its files are gone after.
pub fn section(root: &Path, out_dir: &Path, tools: &mut Vec<(String, String)>) -> anyhow::Result<Section> {
    let bin = build_release(root)?;
    tools.push(("devorg".into(), "`cargo build --release` (the workspace's release profile: opt-level \"z\", fat LTO, tuned for the wasm size)".into()));
    tools.push(("SQLite (reference side, rusqlite bundled)".into(), rusqlite::version().to_owned()));
    let db = out_dir.join("devorg-bench.sqlite");
    remove_db(&db);
    let started = Instant::now();
    let seed = Command::new(&bin).args(["seed", "--profile", "bench", "--db"]).arg(&db).output().context("starting devorg seed")?;
    if !seed.status.success() {
        bail!("devorg seed --profile bench failed ({}): {}", seed.status, String::from_utf8_lossy(&seed.stderr));
    }
    let seeded = String::from_utf8_lossy(&seed.stdout).trim().to_owned();
    let seeded = seeded.split(" into ").next().unwrap_or_default();
    let seed_note = format!("Seed: `devorg seed --profile bench` into a fresh file ({} s): {seeded}", num(started.elapsed().as_secs_f64()));
    println!("{seed_note}");

    let server = Server::start(&bin, &db)?;
    let result = measure(&server.base, &db);
    drop(server);
    remove_db(&db);
    let figures = result?;
    Ok(Section {
        title: "devorg: REST API on the bench seed".into(),
        notes: vec![
            "Subject: the release `devorg serve` binary on 127.0.0.1, one fresh database per run, driven over HTTP/1.1 keep-alive \
             by a blocking client (ureq) after a real OAuth web-server login as the bench user. Times are client-side: request \
             sent to body fully read."
                .into(),
            "References for latency: the same rows or writes done in process with rusqlite on the same database file, with \
             devorg's pragmas, between the HTTP samples (interleaved, so drift hits both). xtask runs in the dev profile \
             (dependencies, SQLite included, at opt-level 1), so the ratio slightly flatters devorg."
                .into(),
            "Reference for throughput: the same request mix from 1 client, so the ratio is the scale-up from 1 to 32 clients. \
             devorg serves every request through one SQLite connection behind a mutex, so the scale-up is bounded by design; \
             the budget only checks that contention does not make it collapse. Any failed request fails the figure."
                .into(),
            format!(
                "Budgets (worst acceptable ratio): query ≤ {QUERY_BUDGET}×, update ≤ {UPDATE_BUDGET}×, throughput ≥ {}× of 1 client. \
                 Latency budgets are about 3× the worst ratios seen on a busy 2-core VM: they catch an order-of-magnitude regression (a lost \
                 index, a per-record query or transaction), not noise. The small update is the noisiest: the in-process \
                 reference never waits for a CPU, the server does whenever the machine is busy.",
                load::SCALE_UP_BUDGET
            ),
            seed_note,
        ],
        figures,
    })
}

fn measure(base: &str, db: &Path) -> anyhow::Result<Vec<Figure>> {
    let session = login(base)?;
    println!("logged in as {BENCH_USER} ({})", session.user_id);
    let (query, ids) = query_figure(&session, db)?;
    println!("measured: {}", query.name);
    let update = update_figure(&session, db, &ids)?;
    println!("measured: {}", update.name);
    let throughput = load::throughput_figure(&session, &ids)?;
    println!("measured: {}", throughput.name);
    Ok(vec![query, update, throughput])
}

/// `cargo build --release -p devorg`; the binary's path (honours `CARGO_TARGET_DIR`).
pub fn build_release(root: &Path) -> anyhow::Result<PathBuf> {
    cmd::run(cmd::cargo(root).args(["build", "--release", "-p", "devorg", "--bin", "devorg"]))?;
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), |dir| root.join(dir));
    Ok(target.join("release/devorg"))
}

fn remove_db(db: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut path = db.as_os_str().to_owned();
        path.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(path));
    }
}

/// A running `devorg serve`; killed when dropped.
struct Server {
    child: Child,
    base: String,
}

impl Server {
    fn start(bin: &Path, db: &Path) -> anyhow::Result<Self> {
        let child = Command::new(bin)
            // The load test alone can pass a Developer Edition's 15,000 daily requests.
            .args(["serve", "--port", "0", "--seed", "none", "--api-limit", "100000000", "--db"])
            .arg(db)
            .stdout(Stdio::piped())
            .spawn()
            .context("starting devorg serve")?;
        // Owned by the guard from here on, so an early return still kills it.
        let mut server = Self { child, base: String::new() };
        let stdout = server.child.stdout.take().context("devorg stdout")?;
        let mut lines = BufReader::new(stdout).lines();
        let first = lines.next().transpose()?.unwrap_or_default();
        // Keep draining stdout so the server can never block on a full pipe.
        std::thread::spawn(move || lines.for_each(drop));
        match first.strip_prefix("devorg listening on ") {
            Some(base) => {
                server.base = base.trim().to_owned();
                Ok(server)
            }
            None => bail!("devorg serve did not say where it listens (first line: {first:?})"),
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The OAuth web server flow, as a browser would do it: POST the login form
/// (Allow) -> 302 with a code -> POST the code to the token endpoint.
fn login(base: &str) -> anyhow::Result<Session> {
    let client = Client::new(base);
    let form = http::form(&[
        ("response_type", "code"),
        ("client_id", CLIENT_ID),
        ("redirect_uri", REDIRECT_URI),
        ("username", BENCH_USER),
        ("password", PASSWORD),
        ("action", "allow"),
    ]);
    let approved = client.send("POST", "/services/oauth2/authorize", "application/x-www-form-urlencoded", &form)?;
    let code = approved
        .location
        .as_deref()
        .and_then(|l| http::query_param(l, "code"))
        .with_context(|| format!("login as {BENCH_USER} gave HTTP {} without a code: {}", approved.status, approved.snippet()))?;
    let form = http::form(&[("grant_type", "authorization_code"), ("code", &code), ("client_id", CLIENT_ID), ("redirect_uri", REDIRECT_URI)]);
    let token = client.send("POST", "/services/oauth2/token", "application/x-www-form-urlencoded", &form)?;
    let body = token.json()?;
    let access = body["access_token"].as_str().with_context(|| format!("token endpoint: {}", token.snippet()))?;
    let user_id = body["id"].as_str().and_then(|id| id.rsplit('/').next()).context("token response has no identity URL")?;
    Ok(Session { client: client.with_token(access.to_owned()), user_id: user_id.to_owned() })
}

/// Figure 1; also returns the 2,000 opportunity ids for the other figures.
fn query_figure(session: &Session, db: &Path) -> anyhow::Result<(Figure, Vec<String>)> {
    let soql = QUERY.replace("{owner}", &session.user_id);
    let path = format!("{API}/query?q={}", http::encode(&soql));
    let first = session.client.get(&path)?;
    let body = first.json()?;
    if first.status != 200 || body["totalSize"] != json!(2000) || body["done"] != json!(true) {
        bail!("the 2,000-row query answered HTTP {}: {}", first.status, first.snippet());
    }
    let records = body["records"].as_array().context("query records")?;
    if records.first().and_then(|r| r["Account"]["Name"].as_str()).is_none() {
        bail!("the 2,000-row query's first record has no Account.Name: {}", first.snippet());
    }
    let ids: Vec<String> = records.iter().filter_map(|r| r["Id"].as_str().map(str::to_owned)).collect();
    let conn = raw::open(db)?;
    let (mut http_ms, mut raw_ms, mut failures) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..WARMUP + QUERY_SAMPLES {
        let started = Instant::now();
        let reply = session.client.get(&path)?;
        let elapsed = started.elapsed().as_secs_f64() * 1000.0;
        if reply.status != 200 || reply.body.len() != first.body.len() {
            failures.push(format!("a query answered HTTP {} with {} bytes", reply.status, reply.body.len()));
        }
        let raw = raw::read_opportunities(&conn, &session.user_id, 2000)?;
        if i >= WARMUP {
            http_ms.push(elapsed);
            raw_ms.push(raw);
        }
    }
    let figure = Figure {
        id: "devorg.query_2000".into(),
        name: "devorg: 2,000-row query, 8 columns + parent field".into(),
        unit: "ms".into(),
        better: Better::Lower,
        subject: Measure::new("GET /query", http_ms),
        reference: Measure::new("rusqlite JOIN, all columns", raw_ms),
        budget: Some(QUERY_BUDGET),
        facts: vec![
            ("SOQL".into(), format!("`{}`", QUERY.replace("{owner}", "<bench user>"))),
            (
                "response body".into(),
                format!("{} bytes ({} KiB), JSON, 2,000 records in one batch", num(first.body.len() as f64), num(first.body.len() as f64 / 1024.0)),
            ),
            ("reference SQL".into(), format!("`{}`", raw::READ_OPPORTUNITIES.replace('"', ""))),
            ("samples".into(), format!("{QUERY_SAMPLES} after {WARMUP} warm-up, interleaved with the reference")),
        ],
        failures,
    };
    Ok((figure, ids))
}

/// Figure 2: PATCH /composite/sobjects with 20 opportunities, a new
/// `NextStep` each run so every run really writes.
fn update_figure(session: &Session, db: &Path, ids: &[String]) -> anyhow::Result<Figure> {
    let ids = ids.get(..20).context("fewer than 20 opportunities to update")?;
    let mut conn = raw::open(db)?;
    let path = format!("{API}/composite/sobjects");
    let (mut http_ms, mut raw_ms, mut failures) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..WARMUP + UPDATE_SAMPLES {
        let records: Vec<Value> =
            ids.iter().map(|id| json!({"attributes": {"type": "Opportunity"}, "id": id, "NextStep": format!("bench http {i}")})).collect();
        let body = json!({"allOrNone": true, "records": records}).to_string();
        let started = Instant::now();
        let reply = session.client.send("PATCH", &path, "application/json", &body)?;
        let elapsed = started.elapsed().as_secs_f64() * 1000.0;
        let all_saved = reply.json().ok().and_then(|v| v.as_array().map(|a| a.len() == 20 && a.iter().all(|r| r["success"] == json!(true))));
        if reply.status != 200 || all_saved != Some(true) {
            failures.push(format!("a collection update answered HTTP {}: {}", reply.status, reply.snippet()));
        }
        let raw = raw::update_opportunities(&mut conn, ids, &session.user_id, &format!("bench raw {i}"))?;
        if i >= WARMUP {
            http_ms.push(elapsed);
            raw_ms.push(raw);
        }
    }
    failures.truncate(3);
    Ok(Figure {
        id: "devorg.collection_update_20".into(),
        name: "devorg: 20-record collection update (allOrNone)".into(),
        unit: "ms".into(),
        better: Better::Lower,
        subject: Measure::new("PATCH /composite/sobjects", http_ms),
        reference: Measure::new("rusqlite: 20 UPDATEs, 1 transaction", raw_ms),
        budget: Some(UPDATE_BUDGET),
        facts: vec![
            ("request".into(), "20 Opportunity records, `NextStep` set to a new value each run, `allOrNone: true`".into()),
            ("samples".into(), format!("{UPDATE_SAMPLES} after {WARMUP} warm-up, interleaved with the reference")),
        ],
        failures,
    })
}
