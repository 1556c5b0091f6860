//! Whether this instance can write to its database now. A write that fails for lack of
//! storage (a full disk, an I/O error, a read-only database) marks writes as failing; a
//! write check that commits clears it. `/readyz` and `/metrics` read it, and the log says
//! once when writes start failing and once when they work again, instead of a line per
//! refused submission.

use super::outage::Outage;
use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

#[derive(Debug, Default)]
pub struct WriteHealth {
    state: Mutex<State>,
    replaced_connections: AtomicU64,
}

#[derive(Debug, Default)]
struct State {
    failing: Option<Failing>,
    checked_at: Option<Instant>,
    failures: BTreeMap<&'static str, u64>,
}

/// Writes have been failing since `since` because of `outage`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Failing {
    pub outage: Outage,
    pub since: Instant,
}

impl WriteHealth {
    /// Records a failed write. Only storage outages mark writes as failing: a busy or
    /// unreachable database is transient, and `/readyz` sees an unreachable one by itself.
    pub fn failed(&self, outage: Outage, error: &dyn std::fmt::Display) {
        if !outage.is_storage() {
            return;
        }
        let mut state = self.lock();
        *state.failures.entry(outage.label()).or_default() += 1;
        if state.failing.map(|f| f.outage) == Some(outage) {
            return;
        }
        state.failing = Some(Failing {
            outage,
            since: Instant::now(),
        });
        drop(state);
        tracing::error!(
            reason = outage.label(),
            %error,
            "database writes are failing: {outage}. Submissions are refused with 503 (what \
             was typed is kept) and /readyz answers 503 until a write succeeds again; \
             writes resume by themselves once this is fixed (for a full disk: free space)"
        );
    }

    /// Records a write that committed: clears the failing state.
    pub fn succeeded(&self) {
        let mut state = self.lock();
        state.checked_at = Some(Instant::now());
        if let Some(failing) = state.failing.take() {
            drop(state);
            tracing::info!(
                reason = failing.outage.label(),
                after_seconds = failing.since.elapsed().as_secs(),
                "database writes work again"
            );
        }
    }

    /// Why writes are failing now, if they are.
    pub fn failing(&self) -> Option<Failing> {
        self.lock().failing
    }

    /// Failed writes by outage label, since start.
    pub fn failures(&self) -> Vec<(&'static str, u64)> {
        self.lock()
            .failures
            .iter()
            .map(|(label, n)| (*label, *n))
            .collect()
    }

    /// Connections closed because they came back inside a transaction, since start.
    pub fn replaced_connections(&self) -> u64 {
        self.replaced_connections.load(Ordering::Relaxed)
    }

    pub(super) fn replaced_connection(&self) {
        self.replaced_connections.fetch_add(1, Ordering::Relaxed);
    }

    /// True, and the check counted as started, when the last write check is older than
    /// `every`: several `/readyz` callers at once make one write between them.
    pub(super) fn check_due(&self, every: Duration) -> bool {
        let mut state = self.lock();
        let due = state.checked_at.is_none_or(|at| at.elapsed() >= every);
        if due {
            state.checked_at = Some(Instant::now());
        }
        due
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        // The state stays consistent whatever panicked while holding the lock.
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_storage_outage_marks_writes_failing_until_a_write_succeeds() {
        let health = WriteHealth::default();
        health.failed(Outage::Busy, &"locked");
        assert_eq!(health.failing(), None, "busy is transient");
        health.failed(Outage::DiskFull, &"database or disk is full");
        health.failed(Outage::DiskFull, &"database or disk is full");
        assert_eq!(health.failing().map(|f| f.outage), Some(Outage::DiskFull));
        assert_eq!(health.failures(), vec![("disk_full", 2)]);
        health.succeeded();
        assert_eq!(health.failing(), None);
        assert_eq!(health.failures(), vec![("disk_full", 2)], "counts stay");
    }

    #[test]
    fn checks_are_spaced() {
        let health = WriteHealth::default();
        assert!(health.check_due(Duration::from_secs(60)));
        assert!(!health.check_due(Duration::from_secs(60)));
        assert!(health.check_due(Duration::ZERO));
    }
}
