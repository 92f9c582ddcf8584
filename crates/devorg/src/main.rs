//! `devorg serve --port 8787 --db PATH`: run the local org until interrupted.
//! `--port 0` picks a free port; the chosen address is printed on the first
//! line of stdout (`devorg listening on http://127.0.0.1:PORT`) so scripts and
//! tests can read it. `--session-ttl` sets how long OAuth access tokens live;
//! `--auto-approve USERNAME` makes the OAuth authorize page log that user in
//! without a form (headless tests).

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;

use anyhow::{Context, bail};

const USAGE: &str = "usage: devorg serve [--port PORT] [--db PATH] [--session-ttl SECONDS] [--auto-approve USERNAME]\n\
  --port PORT              port on 127.0.0.1 to listen on (default 8787; 0 picks a free one)\n\
  --db PATH                SQLite file to use, created if missing (default .devorg/devorg.sqlite)\n\
  --session-ttl SECONDS    lifetime of OAuth access tokens (default 7200)\n\
  --auto-approve USERNAME  OAuth authorize logs this user in at once, without the login page (for headless tests)";

struct ServeArgs {
    port: u16,
    db: PathBuf,
    config: devorg::Config,
}

fn parse_args(args: &[String]) -> anyhow::Result<ServeArgs> {
    let mut out = ServeArgs { port: 8787, db: PathBuf::from(".devorg/devorg.sqlite"), config: devorg::Config::default() };
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
                out.config.session_ttl_seconds =
                    value()?.parse().ok().filter(|s: &i64| *s > 0).context("--session-ttl takes a positive number of seconds")?;
            }
            "--auto-approve" => out.config.auto_approve = Some(value()?.clone()),
            other => bail!("unknown option '{other}'\n{USAGE}"),
        }
    }
    Ok(out)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args = parse_args(&args)?;
    if let Some(dir) = args.db.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    let schema = devorg::schema::Schema::builtin()?;
    let state = devorg::State::with_config(devorg::Db::open(&args.db)?, schema, args.config)?;
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
