//! Mail settings from the command line and environment, and the transport they make.

use crate::cli::Secret;
use anyhow::Context;
use clap::{Args, ValueEnum};
use lettre::message::Mailbox;
use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use std::path::PathBuf;
use std::time::Duration;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Security {
    /// Plain SMTP upgraded with STARTTLS (port 587 by default); refuses a server without it.
    Starttls,
    /// TLS from the first byte (port 465 by default).
    Tls,
    /// No encryption (port 25 by default): a relay on the same host or network only.
    None,
}

#[derive(Debug, Clone, Args)]
pub struct MailArgs {
    /// SMTP server; without it, messages are written as .eml files to --mail-dir.
    #[arg(long, env = "OPENDOOR_SMTP_HOST")]
    pub smtp_host: Option<String>,

    /// SMTP port (default: 587, 465 or 25 by --smtp-security).
    #[arg(long, env = "OPENDOOR_SMTP_PORT")]
    pub smtp_port: Option<u16>,

    #[arg(long, env = "OPENDOOR_SMTP_SECURITY", value_enum, default_value_t = Security::Starttls)]
    pub smtp_security: Security,

    #[arg(long, env = "OPENDOOR_SMTP_USERNAME")]
    pub smtp_username: Option<String>,

    #[arg(long, env = "OPENDOOR_SMTP_PASSWORD", hide_env_values = true)]
    pub smtp_password: Option<Secret>,

    /// The sender, e.g. "开门评警 <noreply@feedback.example.gov.cn>"; its domain also names
    /// the messages' Message-IDs.
    #[arg(
        long,
        env = "OPENDOOR_MAIL_FROM",
        default_value = "开门评警 OpenDoor <noreply@opendoor.localhost>"
    )]
    pub mail_from: String,

    /// Where messages go as .eml files when no SMTP server is set.
    #[arg(long, env = "OPENDOOR_MAIL_DIR", default_value = "data/mail")]
    pub mail_dir: PathBuf,

    /// Attempts before a message is dead-lettered (an admin can retry it).
    #[arg(long, env = "OPENDOOR_MAIL_MAX_ATTEMPTS", default_value_t = 8, value_parser = clap::value_parser!(u32).range(1..=100))]
    pub mail_max_attempts: u32,

    /// The first retry's delay in milliseconds; each further one doubles, up to an hour,
    /// with jitter.
    #[arg(long, env = "OPENDOOR_MAIL_RETRY_MS", default_value_t = 30_000)]
    pub mail_retry_ms: u64,

    /// How long a worker holds the rows it took before another may take them (seconds).
    #[arg(long, env = "OPENDOOR_MAIL_LEASE_SECONDS", default_value_t = 120, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub mail_lease_seconds: u64,

    /// Messages a worker sends at once, each on its own pooled SMTP connection.
    #[arg(long, env = "OPENDOOR_MAIL_CONCURRENCY", default_value_t = 8, value_parser = clap::value_parser!(u32).range(1..=10))]
    pub mail_concurrency: u32,

    /// How often an idle worker looks for mail (milliseconds).
    #[arg(long, env = "OPENDOOR_MAIL_POLL_MS", default_value_t = 1000, value_parser = clap::value_parser!(u64).range(10..=600_000))]
    pub mail_poll_ms: u64,
}

impl MailArgs {
    pub fn from_mailbox(&self) -> anyhow::Result<Mailbox> {
        self.mail_from
            .parse()
            .with_context(|| format!("OPENDOOR_MAIL_FROM {:?} is not a mailbox", self.mail_from))
    }
}

/// Where messages go.
#[derive(Clone)]
pub enum Sender {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Files(AsyncFileTransport<Tokio1Executor>, PathBuf),
}

/// Why a message did not go.
#[derive(Debug)]
pub struct SendError {
    /// The server refused it for good (5xx): retrying will not help.
    pub permanent: bool,
    pub reason: String,
}

impl Sender {
    pub fn from_args(args: &MailArgs) -> anyhow::Result<Sender> {
        let Some(host) = args.smtp_host.as_deref().filter(|h| !h.trim().is_empty()) else {
            std::fs::create_dir_all(&args.mail_dir).with_context(|| {
                format!("cannot create the mail folder {}", args.mail_dir.display())
            })?;
            return Ok(Sender::Files(
                AsyncFileTransport::new(&args.mail_dir),
                args.mail_dir.clone(),
            ));
        };
        let tls = || TlsParameters::new(host.to_string()).context("setting up TLS");
        let (tls, port) = match args.smtp_security {
            Security::Starttls => (Tls::Required(tls()?), 587),
            Security::Tls => (Tls::Wrapper(tls()?), 465),
            Security::None => (Tls::None, 25),
        };
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host)
            .port(args.smtp_port.unwrap_or(port))
            .tls(tls)
            .timeout(Some(Duration::from_secs(20)));
        if let Some(user) = &args.smtp_username {
            let password = args
                .smtp_password
                .as_ref()
                .map(|p| p.expose().to_string())
                .unwrap_or_default();
            builder = builder.credentials(Credentials::new(user.clone(), password));
        }
        Ok(Sender::Smtp(builder.build()))
    }

    /// Plain SMTP without encryption or credentials: the local sink of tests and
    /// benchmarks.
    pub fn plain_smtp(host: &str, port: u16) -> Sender {
        Sender::Smtp(
            AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host)
                .port(port)
                .tls(Tls::None)
                .timeout(Some(Duration::from_secs(5)))
                .build(),
        )
    }

    /// Sends one message; the answer is the server's reply (or the file written).
    pub async fn send(&self, message: lettre::Message) -> Result<String, SendError> {
        match self {
            Sender::Smtp(transport) => match transport.send(message).await {
                Ok(response) => Ok(format!(
                    "{} {}",
                    response.code(),
                    response.message().collect::<Vec<_>>().join(" ")
                )),
                Err(error) => Err(SendError {
                    permanent: error.is_permanent(),
                    reason: error.to_string(),
                }),
            },
            Sender::Files(transport, dir) => match transport.send(message).await {
                Ok(id) => Ok(format!(
                    "written to {}",
                    dir.join(format!("{id}.eml")).display()
                )),
                Err(error) => Err(SendError {
                    permanent: false,
                    reason: error.to_string(),
                }),
            },
        }
    }

    pub fn describe(&self) -> String {
        match self {
            Sender::Smtp(_) => "SMTP".to_string(),
            Sender::Files(_, dir) => format!("files in {}", dir.display()),
        }
    }
}
