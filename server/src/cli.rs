//! Command line and environment configuration.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "opendoor",
    version,
    about = "OpenDoor (开门评警): public feedback portal for police stations"
)]
pub struct Cli {
    /// Where the data lives: sqlite://path/to/file.db or postgres://user@host/db.
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://data/opendoor.db",
        global = true,
        hide_env_values = true
    )]
    pub database_url: String,

    /// Log format.
    #[arg(long, env = "OPENDOOR_LOG_FORMAT", value_enum, default_value_t = LogFormat::Human, global = true)]
    pub log_format: LogFormat,

    /// Password for the demo accounts; a random one is generated and printed once when unset.
    #[arg(
        long,
        env = "OPENDOOR_DEMO_PASSWORD",
        global = true,
        hide_env_values = true
    )]
    pub demo_password: Option<Secret>,

    /// Load the demo bureau without its past year of ratings, cases and published reports
    /// (the tests' starting point).
    #[arg(long, env = "OPENDOOR_DEMO_BARE", global = true)]
    pub demo_bare: bool,

    /// The audit log's chain key (16+ characters); without it, the key file is used.
    #[arg(
        long,
        env = "OPENDOOR_AUDIT_KEY",
        global = true,
        hide_env_values = true
    )]
    pub audit_key: Option<Secret>,

    /// Where the audit key is kept when OPENDOOR_AUDIT_KEY is unset (created on first use).
    #[arg(
        long,
        env = "OPENDOOR_AUDIT_KEY_FILE",
        default_value = "data/audit.key",
        global = true
    )]
    pub audit_key_file: PathBuf,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the web application (the default).
    Serve(ServeArgs),
    /// Create or update the database schema, then exit.
    Migrate,
    /// Load the demo bureau, stations, officers and staff accounts.
    SeedDemo,
    /// Create an administrator account.
    CreateAdmin(CreateAdminArgs),
    /// Print fresh one-time service codes, one per line, for rating slips.
    ServiceCodes(ServiceCodesArgs),
    #[cfg(feature = "bench")]
    /// Resolve an open case with a public answer (what the staff workspace will do; tests
    /// use it to reach the resident's 回访 step).
    ResolveCase(ResolveCaseArgs),
    /// Check the audit log's hash chain: prints OK, or the first broken entry and fails.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// The deadline clock, run once by hand (the server runs it every minute).
    #[command(subcommand)]
    Deadlines(DeadlinesCommand),
    /// The monthly rating counts behind the reports.
    #[command(subcommand)]
    Rollups(RollupsCommand),
    /// The fraud signals for inspectors (the server runs them every 10 minutes).
    #[command(subcommand)]
    Signals(SignalsCommand),
    /// Send one test message with the SMTP settings and print the server's answer.
    SmtpTest(SmtpTestArgs),
    #[cfg(feature = "bench")]
    /// Benchmark: messages per second from the outbox into a local SMTP sink.
    #[command(hide = true)]
    BenchOutbox(BenchOutboxArgs),
    #[cfg(feature = "bench")]
    /// Benchmark data: the demo bureau and a deterministic year of ratings and cases.
    BenchSeed(BenchSeedArgs),
    #[cfg(feature = "bench")]
    /// Benchmark: publish a month for every station as its leader would, timed.
    #[command(hide = true)]
    BenchPublish {
        /// The month to publish (YYYY-MM); default: last month.
        #[arg(long)]
        month: Option<String>,
    },
}

#[cfg(feature = "bench")]
#[derive(Debug, Args)]
pub struct BenchSeedArgs {
    /// How many ratings to generate (one case per ten ratings comes with them).
    #[arg(long)]
    pub ratings: u64,

    /// The random seed: the same seed and count give the same data.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

#[derive(Debug, Subcommand)]
pub enum DeadlinesCommand {
    /// Mark every open case past its due date overdue and escalate it to the leader.
    Run {
        /// Run as if it were this day (YYYY-MM-DD, noon China Standard Time): tests and
        /// rehearsals move the clock with it. Default: now.
        #[arg(long)]
        at: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum SignalsCommand {
    /// Read the ratings stored since the last run and record the signals they fire.
    Run,
}

#[derive(Debug, Subcommand)]
pub enum RollupsCommand {
    /// Recompute every rollup from the stored ratings and cases.
    Rebuild,
}

#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Recompute every entry's hash from its predecessor and the key.
    Verify,
}

impl Default for Command {
    fn default() -> Self {
        Command::Serve(ServeArgs::parse_from(["serve"]))
    }
}

#[derive(Debug, Clone, Parser)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "OPENDOOR_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: SocketAddr,

    /// Folder holding the built site (the `pkg` folder and static assets).
    #[arg(long, env = "LEPTOS_SITE_ROOT", default_value = "target/site")]
    pub site_root: PathBuf,

    /// The address residents reach the site at, e.g. https://opendoor.example.gov.cn;
    /// HTTPS turns on HSTS.
    #[arg(long, env = "OPENDOOR_PUBLIC_URL")]
    pub public_url: Option<String>,

    /// Load the demo data when the database is empty.
    #[arg(long, env = "OPENDOOR_DEMO")]
    pub demo: bool,

    /// Seconds a request may take before it is answered with 408.
    #[arg(long, env = "OPENDOOR_REQUEST_TIMEOUT", default_value_t = 30)]
    pub request_timeout_secs: u64,

    /// Take client addresses (for rate limits) from X-Forwarded-For: only behind your own
    /// reverse proxy, which must overwrite that header.
    #[arg(long, env = "OPENDOOR_TRUST_FORWARDED_FOR")]
    pub trust_forwarded_for: bool,

    /// Minutes a staff session may sit unused before it ends.
    #[arg(long, env = "OPENDOOR_SESSION_IDLE_MINUTES", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..=1440))]
    pub session_idle_minutes: u64,

    /// Hours after sign-in when every staff session ends.
    #[arg(long, env = "OPENDOOR_SESSION_MAX_HOURS", default_value_t = 12, value_parser = clap::value_parser!(u64).range(1..=168))]
    pub session_max_hours: u64,

    /// Turn the rate limits off. For load tests of the storage path only.
    #[arg(long, env = "OPENDOOR_NO_RATE_LIMITS")]
    pub no_rate_limits: bool,

    #[command(flatten)]
    pub mail: crate::mail::MailArgs,
}

#[derive(Debug, Clone, Args)]
pub struct SmtpTestArgs {
    /// Who gets the test message.
    #[arg(long)]
    pub to: String,

    #[command(flatten)]
    pub mail: crate::mail::MailArgs,
}

#[cfg(feature = "bench")]
#[derive(Debug, Clone, Args)]
pub struct BenchOutboxArgs {
    /// How many messages to send through the outbox into a local SMTP sink.
    #[arg(long, default_value_t = 2000)]
    pub messages: u32,

    /// Workers sending side by side.
    #[arg(long, default_value_t = 1)]
    pub workers: u32,
}

#[derive(Debug, Clone, Args)]
pub struct CreateAdminArgs {
    /// Sign-in name: 3 to 32 lower-case letters, digits, dots, hyphens or underscores.
    #[arg(long)]
    pub username: String,

    /// Name shown to other staff.
    #[arg(long, default_value = "Administrator")]
    pub display_name: String,

    /// The password; a random one is generated and printed once when unset.
    #[arg(long, env = "OPENDOOR_ADMIN_PASSWORD", hide_env_values = true)]
    pub password: Option<Secret>,
}

#[derive(Debug, Clone, Args)]
pub struct ServiceCodesArgs {
    /// The station the service was given at, e.g. qishan.
    #[arg(long)]
    pub station: String,

    /// The officer's badge number, when the codes are for one officer.
    #[arg(long)]
    pub officer: Option<String>,

    /// How many codes.
    #[arg(long, default_value_t = 1)]
    pub count: u32,

    /// The service: household, emergency, case_filing, counter, community_visit, patrol, other.
    #[arg(long, default_value = "counter")]
    pub service_type: String,

    /// Days until the codes expire.
    #[arg(long, default_value_t = 30)]
    pub valid_days: u32,
}

#[cfg(feature = "bench")]
#[derive(Debug, Clone, Args)]
pub struct ResolveCaseArgs {
    /// The case's reference, e.g. KM-2026-000123.
    #[arg(long)]
    pub reference: String,

    /// resolved, explained, referred or unresolvable.
    #[arg(long, default_value = "resolved")]
    pub outcome: String,

    /// The public answer the resident reads.
    #[arg(long)]
    pub summary: String,

    /// For a referral: the responsible department.
    #[arg(long)]
    pub referral_department: Option<String>,

    /// For a referral: how to reach the department.
    #[arg(long)]
    pub referral_contact: Option<String>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    #[default]
    Human,
    Json,
}

/// A secret from the command line or environment: never printed by `Debug`.
#[derive(Clone)]
pub struct Secret(String);

impl Secret {
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::str::FromStr for Secret {
    type Err = std::convert::Infallible;
    fn from_str(value: &str) -> Result<Self, Self::Err> {
        Ok(Secret(value.to_string()))
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_are_redacted_in_debug_output() {
        let cli = Cli::parse_from(["opendoor", "--demo-password", "hunter22", "seed-demo"]);
        assert!(!format!("{cli:?}").contains("hunter22"));
        assert_eq!(cli.demo_password.unwrap().expose(), "hunter22");
    }

    #[test]
    fn serve_is_the_default_command() {
        let cli = Cli::parse_from(["opendoor"]);
        assert!(cli.command.is_none());
        let Command::Serve(args) = Command::default() else {
            panic!("not serve")
        };
        assert_eq!(args.addr.to_string(), "127.0.0.1:3000");
        assert_eq!(args.site_root, PathBuf::from("target/site"));
    }

    /// The commands only benchmarks and tests use.
    const BENCH_COMMANDS: [&str; 4] = [
        "bench-outbox",
        "bench-seed",
        "bench-publish",
        "resolve-case",
    ];

    fn commands() -> Vec<String> {
        use clap::CommandFactory;
        Cli::command()
            .get_subcommands()
            .map(|c| c.get_name().to_string())
            .collect()
    }

    /// `make unit` runs this without the feature: the binary `make run` builds.
    #[cfg(not(feature = "bench"))]
    #[test]
    fn the_shipped_binary_has_no_bench_or_fixture_command() {
        let commands = commands();
        assert!(commands.contains(&"serve".to_string()));
        for name in BENCH_COMMANDS {
            assert!(!commands.contains(&name.to_string()), "{name} is shipped");
        }
    }

    #[cfg(feature = "bench")]
    #[test]
    fn the_bench_build_has_every_bench_and_fixture_command() {
        let commands = commands();
        for name in BENCH_COMMANDS {
            assert!(commands.contains(&name.to_string()), "{name} is missing");
        }
    }
}
