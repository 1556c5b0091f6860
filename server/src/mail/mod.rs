//! Sending the outbox: the transport (SMTP through lettre, or `.eml` files in
//! development), the worker that leases and sends rows, `opendoor smtp-test`, and (with the
//! `bench` feature) an SMTP sink for tests and benchmarks.

#[cfg(feature = "bench")]
pub mod bench;
pub mod config;
#[cfg(feature = "bench")]
pub mod sink;
pub mod smtp_test;
pub mod worker;

pub use config::{MailArgs, Sender};
pub use worker::{Worker, WorkerSettings};
