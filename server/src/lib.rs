//! The `opendoor` server: configuration, the HTTP stack, and the command-line tasks.

pub mod accounts;
pub mod audit;
#[cfg(feature = "bench")]
pub mod bench_seed;
pub mod cli;
pub mod demo;
pub mod demo_year;
pub mod holidays;
pub mod http;
pub mod mail;
pub mod open311;
#[cfg(feature = "bench")]
pub mod resolve_case;
pub mod scheduler;
pub mod serve;
pub mod service_codes;
pub mod telemetry;

use anyhow::Context;
use app::db::{DatabaseUrl, Db};
use cli::{Cli, Command};

/// Runs the command the user asked for.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let url = DatabaseUrl::parse(&cli.database_url)?;
    match cli.command.unwrap_or_default() {
        Command::Serve(args) => {
            let key = || audit::load_key(cli.audit_key.as_ref(), &cli.audit_key_file);
            serve::serve(&url, args, cli.demo_password.as_ref(), cli.demo_bare, key).await
        }
        Command::Audit(cli::AuditCommand::Verify) => {
            let key = audit::load_key(cli.audit_key.as_ref(), &cli.audit_key_file)?;
            let db = open_database(&url).await?;
            let outcome = audit::verify_command(&db, &key).await;
            db.close().await;
            println!("audit log OK: {} entries", outcome?);
            Ok(())
        }
        Command::Deadlines(cli::DeadlinesCommand::Run { at }) => {
            let now = match at.as_deref() {
                None => app::db::now_millis(),
                Some(day) => at_noon(day)?,
            };
            let key = audit::load_key(cli.audit_key.as_ref(), &cli.audit_key_file)?;
            let db = open_database(&url).await?;
            let overdue = app::cases::deadlines::mark_overdue(&db, &key, now).await;
            let late = app::cases::deadlines::mark_not_taken_up(&db, &key, now).await;
            db.close().await;
            println!("{} cases marked overdue", overdue?);
            println!("{} cases not taken up in time", late?);
            Ok(())
        }
        Command::Rollups(cli::RollupsCommand::Rebuild) => {
            let db = open_database(&url).await?;
            let outcome = app::reports::rollups::rebuild(&db).await;
            db.close().await;
            let rebuilt = outcome?;
            println!(
                "rollups rebuilt: {} rating rows, {} tag rows, {} case rows",
                rebuilt.rating_rows, rebuilt.tag_rows, rebuilt.case_rows
            );
            Ok(())
        }
        Command::Signals(cli::SignalsCommand::Run) => {
            let db = open_database(&url).await?;
            let started = std::time::Instant::now();
            let outcome = app::signals::detect::run(&db, app::db::now_millis()).await;
            db.close().await;
            let ran = outcome?;
            println!(
                "signals: read {} days ({} ratings), {} signals new or grown, in {} ms",
                ran.days,
                ran.ratings_read,
                ran.signals_new_or_grown,
                started.elapsed().as_millis()
            );
            Ok(())
        }
        Command::SmtpTest(args) => {
            let answer = mail::smtp_test::send_test(&args.mail, &args.to).await?;
            println!("sent: {answer}");
            Ok(())
        }
        #[cfg(feature = "bench")]
        Command::BenchOutbox(args) => {
            let db = open_database(&url).await?;
            let outcome = mail::bench::run(&db, &args).await;
            db.close().await;
            println!("{}", outcome?);
            Ok(())
        }
        #[cfg(feature = "bench")]
        Command::BenchSeed(args) => {
            let db = open_database(&url).await?;
            let outcome =
                bench_seed::seed(&db, args.ratings, args.seed, cli.demo_password.as_ref()).await;
            db.close().await;
            println!("{}", outcome?);
            Ok(())
        }
        #[cfg(feature = "bench")]
        Command::BenchPublish { month } => {
            let month = match month.as_deref() {
                None => app::reports::Month::of(app::db::now_millis()).previous(),
                Some(m) => app::reports::Month::parse(m.trim())
                    .ok_or_else(|| anyhow::anyhow!("invalid month {m:?}: expected YYYY-MM"))?,
            };
            let key = audit::load_key(cli.audit_key.as_ref(), &cli.audit_key_file)?;
            let db = open_database(&url).await?;
            let outcome = bench_seed::publish_all(&db, &key, month).await;
            db.close().await;
            println!("{}", outcome?);
            Ok(())
        }
        Command::Migrate => {
            let db = open_database(&url).await?;
            db.close().await;
            println!("database {url} is up to date");
            Ok(())
        }
        Command::SeedDemo => {
            let key = audit::load_key(cli.audit_key.as_ref(), &cli.audit_key_file)?;
            let past = if cli.demo_bare {
                demo::Past::Bare
            } else {
                demo::Past::Year(&key, &url)
            };
            let db = open_database(&url).await?;
            let outcome = demo::seed(&db, cli.demo_password.as_ref(), past).await;
            db.close().await;
            demo::report(&outcome?);
            Ok(())
        }
        Command::ServiceCodes(args) => {
            let db = open_database(&url).await?;
            let outcome = service_codes::issue(&db, &args).await;
            db.close().await;
            for code in outcome? {
                println!("{}", code.display());
            }
            Ok(())
        }
        #[cfg(feature = "bench")]
        Command::ResolveCase(args) => {
            let key = audit::load_key(cli.audit_key.as_ref(), &cli.audit_key_file)?;
            let db = open_database(&url).await?;
            let outcome = resolve_case::resolve(&db, &key, &args).await;
            db.close().await;
            outcome?;
            println!("case {} resolved", args.reference.trim());
            Ok(())
        }
        Command::CreateAdmin(args) => {
            let db = open_database(&url).await?;
            let outcome = accounts::create_admin(&db, &args).await;
            db.close().await;
            accounts::report_created(&args.username, &outcome?);
            Ok(())
        }
    }
}

/// Noon China Standard Time on `day` (YYYY-MM-DD), in Unix milliseconds.
fn at_noon(day: &str) -> anyhow::Result<i64> {
    let date = app::calendar::parse_date(day.trim())
        .ok_or_else(|| anyhow::anyhow!("invalid date {day:?}: expected YYYY-MM-DD"))?;
    let noon = date
        .with_hms(12, 0, 0)
        .expect("noon exists")
        .assume_offset(time::macros::offset!(+8));
    Ok((noon.unix_timestamp_nanos() / 1_000_000) as i64)
}

/// Connects, migrates and loads the bundled holiday calendars: every command starts here.
pub async fn open_database(url: &DatabaseUrl) -> anyhow::Result<Db> {
    let db = Db::connect(url).await?;
    db.migrate(url).await.context("migrating")?;
    holidays::load_bundled(&db).await?;
    Ok(db)
}
