//! Rate limits on what anyone may do without an account: unverified ratings, requests and
//! tracking look-ups. Each is limited per client address and, where it has one, per
//! target (an officer, a station), so neither one phone nor a crowd can flood a target.
//!
//! The counters live in this process (governor's keyed GCRA limiters): with several
//! instances behind a load balancer each enforces the limits on its own share of the
//! traffic. That is deliberate: a limiter that wrote to the database on every attempt
//! would cost a write on the SQLite writer for every refused request too.

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::hash::Hash;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

/// A limit: up to `burst` at once, then one more every `every`.
#[derive(Clone, Copy, Debug)]
struct Limit {
    burst: u32,
    every: Duration,
}

/// Unverified ratings from one address: a household behind one carrier NAT may rate
/// several officers, a script may not rate hundreds.
const RATINGS_PER_CLIENT: Limit = Limit {
    burst: 10,
    every: Duration::from_secs(6 * 60),
};
/// Unverified ratings of one officer or station, from everywhere.
const RATINGS_PER_TARGET: Limit = Limit {
    burst: 30,
    every: Duration::from_secs(2 * 60),
};
/// Requests from one address.
const REQUESTS_PER_CLIENT: Limit = Limit {
    burst: 5,
    every: Duration::from_secs(12 * 60),
};
/// Requests to one station (or to bureau triage), from everywhere.
const REQUESTS_PER_STATION: Limit = Limit {
    burst: 60,
    every: Duration::from_secs(60),
};
/// Tracking look-ups from one address: enough to follow one's own cases, far too few to
/// probe references (each also needs a 50-bit access code).
const TRACKING_PER_CLIENT: Limit = Limit {
    burst: 20,
    every: Duration::from_secs(30),
};

/// Sign-in attempts from one address, across accounts (each account also locks itself
/// after five wrong passwords).
const SIGN_INS_PER_CLIENT: Limit = Limit {
    burst: 10,
    every: Duration::from_secs(60),
};

/// How long to wait before trying again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limited {
    pub retry_after: Duration,
}

impl Limited {
    /// Whole minutes, rounded up, for the message to the resident.
    pub fn minutes(self) -> u64 {
        self.retry_after.as_secs().div_ceil(60).max(1)
    }
}

struct Keyed<K: Hash + Eq + Clone> {
    limiter: DefaultKeyedRateLimiter<K>,
}

impl<K: Hash + Eq + Clone> Keyed<K> {
    fn new(limit: Limit) -> Keyed<K> {
        let quota = Quota::with_period(limit.every)
            .expect("a limit's period is not zero")
            .allow_burst(NonZeroU32::new(limit.burst).expect("a limit's burst is not zero"));
        Keyed {
            limiter: RateLimiter::keyed(quota),
        }
    }

    fn check(&self, key: &K) -> Result<(), Limited> {
        self.limiter.check_key(key).map_err(|not_until| Limited {
            retry_after: not_until.wait_time_from(DefaultClock::default().now()),
        })
    }

    fn forget_idle(&self) {
        self.limiter.retain_recent();
        self.limiter.shrink_to_fit();
    }
}

pub struct RateLimits {
    enabled: bool,
    ratings_per_client: Keyed<IpAddr>,
    ratings_per_target: Keyed<String>,
    requests_per_client: Keyed<IpAddr>,
    requests_per_station: Keyed<String>,
    tracking_per_client: Keyed<IpAddr>,
    sign_ins_per_client: Keyed<IpAddr>,
    checks: AtomicU32,
}

impl std::fmt::Debug for RateLimits {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RateLimits")
            .field("enabled", &self.enabled)
            .finish_non_exhaustive()
    }
}

impl Default for RateLimits {
    fn default() -> Self {
        RateLimits::new(true)
    }
}

impl RateLimits {
    /// `enabled: false` only for load tests of the storage path (`make bench`).
    pub fn new(enabled: bool) -> RateLimits {
        RateLimits {
            enabled,
            ratings_per_client: Keyed::new(RATINGS_PER_CLIENT),
            ratings_per_target: Keyed::new(RATINGS_PER_TARGET),
            requests_per_client: Keyed::new(REQUESTS_PER_CLIENT),
            requests_per_station: Keyed::new(REQUESTS_PER_STATION),
            tracking_per_client: Keyed::new(TRACKING_PER_CLIENT),
            sign_ins_per_client: Keyed::new(SIGN_INS_PER_CLIENT),
            checks: AtomicU32::new(0),
        }
    }

    /// An unverified rating of `target` (e.g. `officer:100001`) from `client`.
    pub fn unverified_rating(&self, client: IpAddr, target: &str) -> Result<(), Limited> {
        self.guard(|| {
            self.ratings_per_client.check(&client)?;
            self.ratings_per_target.check(&target.to_string())
        })
    }

    /// A request to `station` (its slug, or `bureau` for "not sure") from `client`.
    pub fn request(&self, client: IpAddr, station: &str) -> Result<(), Limited> {
        self.guard(|| {
            self.requests_per_client.check(&client)?;
            self.requests_per_station.check(&station.to_string())
        })
    }

    /// A tracking look-up (reference and access code) from `client`.
    pub fn tracking(&self, client: IpAddr) -> Result<(), Limited> {
        self.guard(|| self.tracking_per_client.check(&client))
    }

    /// A staff sign-in attempt from `client`.
    pub fn sign_in(&self, client: IpAddr) -> Result<(), Limited> {
        self.guard(|| self.sign_ins_per_client.check(&client))
    }

    fn guard(&self, check: impl FnOnce() -> Result<(), Limited>) -> Result<(), Limited> {
        if !self.enabled {
            return Ok(());
        }
        // Now and then, drop the keys whose limits have fully recovered, so the maps do
        // not grow with every address ever seen.
        if self.checks.fetch_add(1, Ordering::Relaxed) % 4096 == 4095 {
            self.ratings_per_client.forget_idle();
            self.ratings_per_target.forget_idle();
            self.requests_per_client.forget_idle();
            self.requests_per_station.forget_idle();
            self.tracking_per_client.forget_idle();
            self.sign_ins_per_client.forget_idle();
        }
        check()
    }
}

/// The address a limit applies to: the peer, or with `trust_forwarded_for` (behind our
/// own reverse proxy) the last address in `X-Forwarded-For`, the one our proxy added.
/// IPv6 clients are limited per /64, the block one subscriber usually holds.
pub fn client_ip(parts: &http::request::Parts, trust_forwarded_for: bool) -> IpAddr {
    let forwarded = trust_forwarded_for
        .then(|| {
            parts
                .headers
                .get_all("x-forwarded-for")
                .iter()
                .filter_map(|value| value.to_str().ok())
                .flat_map(|value| value.split(','))
                .filter_map(|entry| entry.trim().parse::<IpAddr>().ok())
                .next_back()
        })
        .flatten();
    let peer = || {
        parts
            .extensions
            .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
            .map(|info| info.0.ip())
    };
    let ip = forwarded
        .or_else(peer)
        .unwrap_or(IpAddr::V4(std::net::Ipv4Addr::UNSPECIFIED));
    match ip {
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let mut segments = v6.segments();
                segments[4..].fill(0);
                IpAddr::V6(segments.into())
            }
        },
        v4 => v4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(headers: &[(&str, &str)], peer: Option<&str>) -> http::request::Parts {
        let mut request = http::Request::builder();
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let (mut parts, ()) = request.body(()).unwrap().into_parts();
        if let Some(peer) = peer {
            parts
                .extensions
                .insert(axum::extract::ConnectInfo::<std::net::SocketAddr>(
                    peer.parse().unwrap(),
                ));
        }
        parts
    }

    #[test]
    fn forwarded_for_counts_only_when_trusted() {
        let p = parts(
            &[("x-forwarded-for", "1.2.3.4, 10.0.0.7")],
            Some("127.0.0.1:5000"),
        );
        assert_eq!(client_ip(&p, false).to_string(), "127.0.0.1");
        assert_eq!(client_ip(&p, true).to_string(), "10.0.0.7");
        let p = parts(&[], Some("[2001:db8:1:2:3:4:5:6]:80"));
        assert_eq!(client_ip(&p, true).to_string(), "2001:db8:1:2::");
    }

    #[test]
    fn a_client_over_its_limit_waits_and_others_do_not() {
        let limits = RateLimits::default();
        let a: IpAddr = "10.0.0.1".parse().unwrap();
        let b: IpAddr = "10.0.0.2".parse().unwrap();
        for _ in 0..REQUESTS_PER_CLIENT.burst {
            limits.request(a, "qishan").unwrap();
        }
        let limited = limits.request(a, "qishan").unwrap_err();
        assert!(limited.minutes() >= 1 && limited.minutes() <= 12);
        limits.request(b, "qishan").unwrap();
        assert!(RateLimits::new(false).request(a, "qishan").is_ok());
    }
}
