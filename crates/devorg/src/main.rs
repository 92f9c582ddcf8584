//! `devorg serve --port 8787 --db PATH`: run the local org until interrupted.
//! `--port 0` picks a free port; the chosen address is printed on the first
//! line of stdout (`devorg listening on http://127.0.0.1:PORT`) so scripts and
//! tests can read it. `--session-ttl` sets how long OAuth access tokens live;
//! `--auto-approve USERNAME` makes the OAuth authorize page log that user in
//! without a form (headless tests). `--oauth-rotation` turns on "Enable
//! Refresh Token Rotation" for every OAuth client; `--oauth-client ID:SECRET`
//! registers one more client that requires its secret (see `devorg::oauth::clients`).
//!
//! `devorg seed --profile demo|bench [--db PATH]`: fill an empty org with
//! seed data (see `devorg::seed`) and print what was created. `serve` seeds
//! `demo` by itself when the database has no user yet (`--seed none` to start
//! empty, `--seed bench` for the large profile).
//!
//! `--without OBJECT` (repeatable, `serve` and `seed`): the org has no such
//! object, for anyone (`Schema::without`): how tests run against an org
//! without Sidecar's `Engagement_Event__c`.
//!
//! `--multi-currency` (`serve` and `seed`): the org has multiple currencies
//! and dated exchange rates, corporate currency USD (`Schema::multi_currency`,
//! `devorg::schema::currency`): CurrencyType and DatedConversionRate,
//! `CurrencyIsoCode` on records, `User.DefaultCurrencyIsoCode`, and in the
//! demo seed two more users, in Germany and Japan. Without it the org is
//! single-currency and has none of these.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;

use anyhow::{Context, bail};
use devorg::seed::Profile;

const USAGE: &str = "usage: devorg serve [--port PORT] [--db PATH] [--seed demo|bench|none] [--describes DIR] [--session-ttl SECONDS] [--api-limit N] [--auto-approve USERNAME] [--log-requests] [--oauth-rotation] [--oauth-client ID:SECRET] [--without OBJECT] [--multi-currency]\n\
  --port PORT              port on 127.0.0.1 to listen on (default 8787; 0 picks a free one)\n\
  --db PATH                SQLite file to use, created if missing (default .devorg/devorg.sqlite)\n\
  --seed WHAT              seed data for a database with no users yet (default demo)\n\
  --describes DIR          define the objects of DIR/<Object>.json (describes recorded from a real org) as it described them\n\
  --session-ttl SECONDS    lifetime of OAuth access tokens (default 7200)\n\
  --api-limit N            API requests allowed per day (default 15000, as a Developer Edition org)\n\
  --auto-approve USERNAME  OAuth authorize logs this user in at once, without the login page (for headless tests)\n\
  --log-requests           print each REST API request's method and URL (never headers or bodies) to stdout\n\
  --oauth-rotation         every OAuth client rotates refresh tokens (a reused old one revokes its whole family)\n\
  --oauth-client ID:SECRET one more OAuth client, which requires SECRET in the code exchange and the refresh (repeatable)\n\
  --without OBJECT         the org has no such object (not in describeGlobal, describe 404, query INVALID_TYPE), e.g. Engagement_Event__c (repeatable)\n\
  --multi-currency         multiple currencies with dated exchange rates (USD corporate; EUR, JPY, GBP): CurrencyType, DatedConversionRate, CurrencyIsoCode";

const SEED_USAGE: &str = "usage: devorg seed --profile demo|bench [--db PATH] [--describes DIR] [--without OBJECT] [--multi-currency]\n\
  fills an empty org (no users yet) with seed data; refuses any other (delete the file to start over)\n\
  --db PATH    SQLite file to use, created if missing (default .devorg/devorg.sqlite)\n\
  --describes DIR  the objects of DIR/<Object>.json, as recorded from a real org (the same DIR as serve's)\n\
  --without OBJECT the org has no such object; the seed skips it (the same objects as serve's; repeatable)\n\
  --multi-currency a multi-currency org (the same as serve's); the demo adds two users in EUR and JPY";

struct ServeArgs {
    port: u16,
    db: PathBuf,
    config: devorg::Config,
    /// What to seed a database with no users with; `None` for `--seed none`.
    seed: Option<Profile>,
    /// `--describes DIR`: objects defined by a real org's describes.
    describes: Option<PathBuf>,
    /// `--without OBJECT`: objects the org does not have.
    without: Vec<String>,
    /// `--multi-currency`: a multi-currency org.
    multi_currency: bool,
}

/// devorg's schema, with the objects of `--describes DIR` if given, made
/// multi-currency before `--without` removes objects (so it may remove
/// CurrencyType too).
fn load_schema(describes: Option<&std::path::Path>, without: &[String], multi_currency: bool) -> anyhow::Result<devorg::schema::Schema> {
    let mut schema = match describes {
        Some(dir) => devorg::schema::Schema::with_describes(dir)?,
        None => devorg::schema::Schema::builtin()?,
    };
    if multi_currency {
        schema = schema.multi_currency()?;
    }
    Ok(schema.without(without)?)
}

fn parse_seed_choice(value: &str) -> anyhow::Result<Option<Profile>> {
    if value == "none" { Ok(None) } else { value.parse().map(Some).map_err(|e: String| anyhow::anyhow!("--seed: {e}, or none")) }
}

/// `devorg seed ...`: seeds the database and prints the one-line summary.
fn seed_command(args: &[String]) -> anyhow::Result<()> {
    let (mut profile, mut db, mut describes, mut without) = (None, PathBuf::from(".devorg/devorg.sqlite"), None, Vec::new());
    let mut multi_currency = false;
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let mut value = || it.next().with_context(|| format!("{flag} needs a value\n{SEED_USAGE}"));
        match flag.as_str() {
            "--profile" => profile = Some(value()?.parse::<Profile>().map_err(|e| anyhow::anyhow!("{e}\n{SEED_USAGE}"))?),
            "--db" => db = PathBuf::from(value()?),
            "--describes" => describes = Some(PathBuf::from(value()?)),
            "--without" => without.push(value()?.clone()),
            "--multi-currency" => multi_currency = true,
            "--help" | "-h" => bail!("{SEED_USAGE}"),
            other => bail!("unknown option '{other}'\n{SEED_USAGE}"),
        }
    }
    let profile = profile.with_context(|| format!("--profile is required\n{SEED_USAGE}"))?;
    create_parent(&db)?;
    let schema = load_schema(describes.as_deref(), &without, multi_currency)?;
    let started = std::time::Instant::now();
    let summary =
        devorg::seed::seed(&devorg::Db::open(&db)?, &schema, profile, devorg::seed::today()).with_context(|| format!("cannot seed {}", db.display()))?;
    println!("{summary} in {:.1}s into {}", started.elapsed().as_secs_f64(), db.display());
    Ok(())
}

fn create_parent(db: &std::path::Path) -> anyhow::Result<()> {
    if let Some(dir) = db.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    Ok(())
}

fn parse_args(args: &[String]) -> anyhow::Result<ServeArgs> {
    let mut out = ServeArgs {
        port: 8787,
        db: PathBuf::from(".devorg/devorg.sqlite"),
        seed: Some(Profile::Demo),
        describes: None,
        without: Vec::new(),
        multi_currency: false,
        config: devorg::Config::default(),
    };
    let mut rotation = false;
    let mut it = args.iter();
    match it.next().map(String::as_str) {
        Some("serve") => {}
        Some("--help" | "-h") | None => bail!("{USAGE}"),
        Some(other) => bail!("unknown command '{other}'\n{USAGE}"),
    }
    while let Some(flag) = it.next() {
        let mut value = || it.next().with_context(|| format!("{flag} needs a value\n{USAGE}"));
        match flag.as_str() {
            "--port" => out.port = value()?.parse().context("--port takes a number from 0 to 65535")?,
            "--db" => out.db = PathBuf::from(value()?),
            "--session-ttl" => {
                out.config.session_ttl_seconds = value()?.parse().ok().filter(|s: &i64| *s > 0).context("--session-ttl takes a positive number of seconds")?;
            }
            "--api-limit" => {
                out.config.daily_api_limit = value()?.parse().ok().filter(|n: &i64| *n > 0).context("--api-limit takes a positive number")?;
            }
            "--auto-approve" => out.config.auto_approve = Some(value()?.clone()),
            "--log-requests" => out.config.log_requests = true,
            "--oauth-rotation" => rotation = true,
            "--oauth-client" => out.config.clients.push(devorg::oauth::clients::parse_flag(value()?).map_err(|e| anyhow::anyhow!("{e}\n{USAGE}"))?),
            "--seed" => out.seed = parse_seed_choice(value()?)?,
            "--describes" => out.describes = Some(PathBuf::from(value()?)),
            "--without" => out.without.push(value()?.clone()),
            "--multi-currency" => out.multi_currency = true,
            other => bail!("unknown option '{other}'\n{USAGE}"),
        }
    }
    // After the loop: it also applies to clients registered after the flag.
    if rotation {
        out.config.clients.iter_mut().for_each(|c| c.rotation = true);
    }
    Ok(out)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("seed") {
        return seed_command(&args[1..]);
    }
    let args = parse_args(&args)?;
    create_parent(&args.db)?;
    let schema = load_schema(args.describes.as_deref(), &args.without, args.multi_currency)?;
    let state = devorg::State::with_config(devorg::Db::open(&args.db)?, schema, args.config)?;
    // A fresh database becomes a usable demo org; an existing one is left alone.
    let fresh = devorg::seed::user_count(&state.db, &state.schema)? == 0;
    if let Some(profile) = args.seed.filter(|_| fresh) {
        let summary = devorg::seed::seed(&state.db, &state.schema, profile, devorg::seed::today())?;
        eprintln!("devorg {summary}; log in as {} / {}", devorg::seed::DEMO_USER_IAN, devorg::seed::DEMO_PASSWORD);
    }
    let listener = tokio::net::TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, args.port)))
        .await
        .with_context(|| format!("cannot listen on 127.0.0.1:{} (is another devorg running?)", args.port))?;
    let addr = listener.local_addr()?;
    println!("devorg listening on http://{addr}");
    println!("devorg database {}", args.db.display());
    axum::serve(listener, devorg::app(state))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    Ok(())
}
