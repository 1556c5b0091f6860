//! `opendoor serve`: open the database, bind the port, serve until SIGTERM or Ctrl-C,
//! then finish the requests in flight.

use crate::cli::{Secret, ServeArgs};
use anyhow::Context;
use app::db::DatabaseUrl;
use tokio::net::TcpListener;

pub async fn serve(
    url: &DatabaseUrl,
    args: ServeArgs,
    demo_password: Option<&Secret>,
    demo_bare: bool,
    audit_key: impl FnOnce() -> anyhow::Result<app::audit::AuditKey>,
) -> anyhow::Result<()> {
    // Listen for SIGTERM before anything else: a stop during start-up (migrations, demo
    // data) then shuts down cleanly as soon as serving begins, instead of killing the
    // process half-way.
    let shutdown = shutdown_signal();
    // Bind first: a busy port is reported before anything is created on disk.
    let listener = TcpListener::bind(args.addr)
        .await
        .with_context(|| format!("cannot listen on {}", args.addr))?;
    // After the port: a busy port is reported before a key file is created.
    let audit_key = audit_key()?;
    let db = crate::open_database(url).await?;
    if args.demo
        && let Some(outcome) = crate::demo::load_if_empty(
            &db,
            demo_password,
            if demo_bare {
                crate::demo::Past::Bare
            } else {
                crate::demo::Past::Year(&audit_key, url)
            },
        )
        .await?
    {
        crate::demo::report(&outcome);
    }
    let addr = listener.local_addr().context("reading the bound address")?;
    // Links in mail: the public URL, never a request's Host header (which a client
    // chooses); without one, the address this instance serves at.
    let base_url = args
        .public_url
        .clone()
        .unwrap_or_else(|| format!("http://{addr}"));
    let sender = crate::mail::Sender::from_args(&args.mail)?;
    let settings = crate::mail::WorkerSettings::from_args(&args.mail, &base_url)?;
    let scheduler = crate::scheduler::spawn(db.clone(), audit_key.clone());
    let router = crate::http::router(
        crate::http::HttpConfig::from_args(&args, audit_key),
        db.clone(),
    )?;
    let mailer = crate::mail::Worker::new(db.clone(), sender, settings).spawn();
    let write_watch = watch_writes(db.clone());
    tracing::info!(%addr, database = %url, "listening");
    println!("OpenDoor is running at http://{addr}/");
    if args.demo {
        crate::demo::print_sign_in_hint();
    }
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
    .context("serving HTTP")?;
    scheduler.abort();
    write_watch.abort();
    mailer.stop().await;
    db.close().await;
    tracing::info!("stopped");
    Ok(())
}

/// While writes are failing (a full disk), checks every few seconds whether they work
/// again, so `/readyz`, `/metrics` and the log say so even when no one submits anything.
fn watch_writes(db: app::db::Db) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(std::time::Duration::from_secs(5));
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Skip);
        loop {
            tick.tick().await;
            if db.health().failing().is_some() {
                // The outcome is recorded in the health state.
                let _ = db.check_writes().await;
            }
        }
    })
}

/// Resolves on SIGTERM or Ctrl-C; axum then stops accepting and drains open requests.
/// The handlers are installed when this is called, not when the future is first polled.
fn shutdown_signal() -> impl std::future::Future<Output = ()> {
    #[cfg(unix)]
    let signals = {
        use tokio::signal::unix::{SignalKind, signal};
        (
            signal(SignalKind::terminate()),
            signal(SignalKind::interrupt()),
        )
    };
    async move {
        #[cfg(unix)]
        match signals {
            (Ok(mut terminate), Ok(mut interrupt)) => {
                tokio::select! {
                    _ = terminate.recv() => {},
                    _ = interrupt.recv() => {},
                }
            }
            (Err(error), _) | (_, Err(error)) => {
                tracing::warn!(%error, "cannot listen for SIGTERM; Ctrl-C only");
                let _ = tokio::signal::ctrl_c().await;
            }
        }
        #[cfg(not(unix))]
        let _ = tokio::signal::ctrl_c().await;
        tracing::info!("shutting down: finishing requests in flight");
    }
}
