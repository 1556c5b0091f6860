//! What a database error means for the person waiting: an outage (the database cannot
//! serve now; answer 503 and keep what they typed, a retry later works) or a fault in our
//! own code or data (answer 500 and log it).

use std::fmt;

/// Why the database cannot serve a request now.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Outage {
    /// SQLITE_FULL, PostgreSQL 53100: no room left on the disk (or under the database's
    /// size cap).
    DiskFull,
    /// SQLITE_IOERR, SQLITE_CANTOPEN, SQLITE_NOMEM, PostgreSQL 58030 and 53200: the disk
    /// or the memory refused.
    Io,
    /// SQLITE_READONLY, PostgreSQL 25006: the database refuses writes (a read-only file
    /// or mount, a standby server).
    ReadOnly,
    /// SQLITE_BUSY and SQLITE_LOCKED, PostgreSQL 40001, 40P01, 55P03, 57014: another
    /// writer held a lock too long, or the statement ran out of time.
    Busy,
    /// No connection: the server is down, restarting, refusing connections or out of
    /// them, the network failed, or the pool waited in vain.
    Unreachable,
}

impl Outage {
    /// The outage `error` reports, or `None` when it is a fault to fix (a constraint, a
    /// bad query, a corrupt file, a decoding error).
    pub fn of(error: &sqlx::Error) -> Option<Outage> {
        match error {
            sqlx::Error::Database(error) => {
                let code = error.code()?;
                // PostgreSQL reports a five-character SQLSTATE (often all digits), SQLite
                // a number: the extended code, whose low byte is the primary code.
                if error
                    .try_downcast_ref::<sqlx::postgres::PgDatabaseError>()
                    .is_some()
                {
                    postgres_outage(&code)
                } else {
                    sqlite_outage(code.parse::<i32>().ok()? & 0xff)
                }
            }
            sqlx::Error::Io(_)
            | sqlx::Error::Tls(_)
            | sqlx::Error::Protocol(_)
            | sqlx::Error::PoolTimedOut
            | sqlx::Error::PoolClosed
            | sqlx::Error::WorkerCrashed => Some(Outage::Unreachable),
            _ => None,
        }
    }

    /// Whether writes fail while reads may still work: the state `/readyz` reports until
    /// a write succeeds again.
    pub fn is_storage(self) -> bool {
        matches!(self, Outage::DiskFull | Outage::Io | Outage::ReadOnly)
    }

    /// A short name for logs, metrics and `/readyz`.
    pub fn label(self) -> &'static str {
        match self {
            Outage::DiskFull => "disk_full",
            Outage::Io => "io_error",
            Outage::ReadOnly => "read_only",
            Outage::Busy => "busy",
            Outage::Unreachable => "unreachable",
        }
    }
}

impl fmt::Display for Outage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Outage::DiskFull => "the database or its disk is full",
            Outage::Io => "the disk refused a read or write",
            Outage::ReadOnly => "the database is read-only",
            Outage::Busy => "the database is busy",
            Outage::Unreachable => "the database cannot be reached",
        })
    }
}

/// What a failed database step means for the answer: the one map from a database error
/// to a status, used by the forms and the server functions alike.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Failure {
    /// The database cannot serve now: 503, "try again in a moment", input kept.
    Outage(Outage),
    /// A unique key was already taken (two submissions raced past a check): 409.
    Conflict,
    /// Another constraint refused the row (a reference to nothing, a value out of
    /// range) that validation should have caught: 422.
    Refused,
    /// A fault in our code or data (a bad query, a row that does not decode): 500,
    /// logged as an error with the request's id.
    Fault,
}

impl Failure {
    pub fn of(error: &sqlx::Error) -> Failure {
        if let Some(outage) = Outage::of(error) {
            return Failure::Outage(outage);
        }
        let sqlx::Error::Database(error) = error else {
            return Failure::Fault;
        };
        match error.kind() {
            sqlx::error::ErrorKind::UniqueViolation => Failure::Conflict,
            sqlx::error::ErrorKind::ForeignKeyViolation
            | sqlx::error::ErrorKind::NotNullViolation
            | sqlx::error::ErrorKind::CheckViolation => Failure::Refused,
            _ => Failure::Fault,
        }
    }

    /// The HTTP status of the answer.
    pub fn status(self) -> http::StatusCode {
        use http::StatusCode;
        match self {
            Failure::Outage(_) => StatusCode::SERVICE_UNAVAILABLE,
            Failure::Conflict => StatusCode::CONFLICT,
            Failure::Refused => StatusCode::UNPROCESSABLE_ENTITY,
            Failure::Fault => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn outage(self) -> Option<Outage> {
        match self {
            Failure::Outage(outage) => Some(outage),
            _ => None,
        }
    }
}

fn sqlite_outage(primary: i32) -> Option<Outage> {
    match primary {
        13 => Some(Outage::DiskFull),    // SQLITE_FULL
        7 | 10 | 14 => Some(Outage::Io), // SQLITE_NOMEM, SQLITE_IOERR, SQLITE_CANTOPEN
        8 => Some(Outage::ReadOnly),     // SQLITE_READONLY
        5 | 6 => Some(Outage::Busy),     // SQLITE_BUSY, SQLITE_LOCKED
        _ => None,
    }
}

fn postgres_outage(sqlstate: &str) -> Option<Outage> {
    match sqlstate {
        "53100" => Some(Outage::DiskFull),
        "58030" | "53200" => Some(Outage::Io),
        "25006" => Some(Outage::ReadOnly),
        "40001" | "40P01" | "55P03" | "57014" => Some(Outage::Busy),
        // Connection exceptions, too many connections, shutting down or starting up.
        state if state.starts_with("08") => Some(Outage::Unreachable),
        "53300" | "57P01" | "57P02" | "57P03" => Some(Outage::Unreachable),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlite_codes_are_read_by_their_primary_byte() {
        assert_eq!(sqlite_outage(13), Some(Outage::DiskFull));
        // SQLITE_IOERR_WRITE is 778 = 10 | 3 << 8.
        assert_eq!(sqlite_outage(778 & 0xff), Some(Outage::Io));
        // SQLITE_BUSY_SNAPSHOT (517) is a busy database too.
        assert_eq!(sqlite_outage(517 & 0xff), Some(Outage::Busy));
        // A constraint (19) or a corrupt file (11) is not an outage: a retry won't help.
        assert_eq!(sqlite_outage(2067 & 0xff), None);
        assert_eq!(sqlite_outage(11), None);
    }

    #[test]
    fn postgres_states_map_by_class() {
        assert_eq!(postgres_outage("53100"), Some(Outage::DiskFull));
        assert_eq!(postgres_outage("08006"), Some(Outage::Unreachable));
        assert_eq!(postgres_outage("57P01"), Some(Outage::Unreachable));
        assert_eq!(postgres_outage("40001"), Some(Outage::Busy));
        assert_eq!(postgres_outage("23505"), None);
        assert_eq!(postgres_outage("42P01"), None);
    }

    #[test]
    fn losing_the_connection_is_an_outage_and_a_decoding_error_is_not() {
        let io = sqlx::Error::Io(std::io::Error::other("reset"));
        assert_eq!(Outage::of(&io), Some(Outage::Unreachable));
        assert_eq!(
            Outage::of(&sqlx::Error::PoolTimedOut),
            Some(Outage::Unreachable)
        );
        assert_eq!(Outage::of(&sqlx::Error::RowNotFound), None);
        assert!(Outage::DiskFull.is_storage());
        assert!(!Outage::Busy.is_storage());
    }

    #[test]
    fn an_outage_is_503_and_anything_unknown_a_fault() {
        let io = sqlx::Error::Io(std::io::Error::other("reset"));
        assert_eq!(Failure::of(&io).status(), 503);
        assert_eq!(Failure::of(&sqlx::Error::RowNotFound), Failure::Fault);
        assert_eq!(Failure::Fault.status(), 500);
        assert_eq!(Failure::Conflict.status(), 409);
        assert_eq!(Failure::Refused.status(), 422);
    }
}
