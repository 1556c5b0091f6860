//! `DATABASE_URL`, parsed once at start-up into the backend it names.

use std::fmt;
use std::path::PathBuf;

/// A database location: a SQLite file (the embedded default) or a PostgreSQL server.
#[derive(Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    Sqlite { path: PathBuf },
    Postgres { url: String },
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error(
    "DATABASE_URL {shown:?} is not a database URL OpenDoor can use ({reason}); \
     expected sqlite://path/to/file.db or postgres://user@host:port/database"
)]
pub struct InvalidDatabaseUrl {
    shown: String,
    reason: &'static str,
}

impl DatabaseUrl {
    pub fn parse(value: &str) -> Result<DatabaseUrl, InvalidDatabaseUrl> {
        let value = value.trim();
        let invalid = |reason| InvalidDatabaseUrl {
            shown: redact(value),
            reason,
        };
        if let Some(rest) = value.strip_prefix("sqlite:") {
            let rest = rest.strip_prefix("//").unwrap_or(rest);
            let path = rest.split('?').next().unwrap_or_default();
            if path.is_empty() || path == ":memory:" {
                return Err(invalid("a SQLite URL needs a file path"));
            }
            return Ok(DatabaseUrl::Sqlite {
                path: PathBuf::from(path),
            });
        }
        if value.starts_with("postgres://") || value.starts_with("postgresql://") {
            let after_scheme = value
                .split_once("://")
                .map(|(_, rest)| rest)
                .unwrap_or_default();
            let host_part = after_scheme.split(['/', '?']).next().unwrap_or_default();
            let host = host_part.rsplit('@').next().unwrap_or_default();
            if host.is_empty() {
                return Err(invalid("a PostgreSQL URL needs a host"));
            }
            if let Some((_, port)) = host.rsplit_once(':')
                && !port.is_empty()
                && port.parse::<u16>().is_err()
            {
                return Err(invalid("the port is not a number"));
            }
            return Ok(DatabaseUrl::Postgres {
                url: value.to_string(),
            });
        }
        Err(invalid("unknown scheme"))
    }

    /// The URL sqlx connects to. SQLite files are created when missing (`mode=rwc`).
    pub fn connect_url(&self) -> String {
        match self {
            DatabaseUrl::Sqlite { path } => format!("sqlite://{}?mode=rwc", path.display()),
            DatabaseUrl::Postgres { url } => url.clone(),
        }
    }

    pub fn is_sqlite(&self) -> bool {
        matches!(self, DatabaseUrl::Sqlite { .. })
    }
}

/// Shows a URL without its password.
impl fmt::Display for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DatabaseUrl::Sqlite { path } => write!(f, "sqlite://{}", path.display()),
            DatabaseUrl::Postgres { url } => f.write_str(&redact(url)),
        }
    }
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DatabaseUrl({self})")
    }
}

/// Replaces the password of `scheme://user:password@host` with `***`.
fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    match authority.rsplit_once('@') {
        Some((userinfo, host)) => match userinfo.split_once(':') {
            Some((user, _password)) => format!("{scheme}://{user}:***@{host}{tail}"),
            None => url.to_string(),
        },
        None => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_relative_and_absolute_sqlite_paths() {
        assert_eq!(
            DatabaseUrl::parse("sqlite://data/opendoor.db").unwrap(),
            DatabaseUrl::Sqlite {
                path: "data/opendoor.db".into()
            }
        );
        assert_eq!(
            DatabaseUrl::parse("sqlite:///tmp/x.db?mode=rwc").unwrap(),
            DatabaseUrl::Sqlite {
                path: "/tmp/x.db".into()
            }
        );
        assert_eq!(
            DatabaseUrl::parse("sqlite:x.db").unwrap(),
            DatabaseUrl::Sqlite {
                path: "x.db".into()
            }
        );
    }

    #[test]
    fn parses_postgres() {
        let url = DatabaseUrl::parse("postgres://postgres@127.0.0.1:5432/test").unwrap();
        assert!(!url.is_sqlite());
        assert!(DatabaseUrl::parse("postgresql://u:p@db/x").is_ok());
    }

    #[test]
    fn rejects_what_it_cannot_use() {
        for bad in [
            "",
            "mysql://x/y",
            "sqlite://",
            "sqlite::memory:",
            "postgres:///db",
            "postgres://h:port/db",
            "data/opendoor.db",
        ] {
            assert!(DatabaseUrl::parse(bad).is_err(), "{bad} should be rejected");
        }
    }

    #[test]
    fn never_shows_the_password() {
        let url = DatabaseUrl::parse("postgres://app:s3cret@db:5432/od").unwrap();
        assert_eq!(url.to_string(), "postgres://app:***@db:5432/od");
        assert!(!format!("{url:?}").contains("s3cret"));
        let err = DatabaseUrl::parse("postgres://app:s3cret@db:xx/od").unwrap_err();
        assert!(!err.to_string().contains("s3cret"));
    }
}
