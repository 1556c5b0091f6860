//! Strict decoding of what a row holds: a coded value that names nothing we know, or a
//! number stored as text that is not one, is an error, never a default. A permissive
//! read once turned an unknown case kind into 咨询 on the rights path, which fails open.

use crate::UnknownCode;
use sqlx::Row;
use sqlx::any::AnyRow;

/// The error for a column whose value does not decode, named by the column.
pub fn column_error(
    column: &str,
    error: impl std::error::Error + Send + Sync + 'static,
) -> sqlx::Error {
    sqlx::Error::ColumnDecode {
        index: column.to_string(),
        source: Box::new(error),
    }
}

/// An optional coded column in a derived row:
/// `#[sqlx(try_from = "Option<String>")] awaiting: MaybeCode<Awaiting>`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MaybeCode<T>(pub Option<T>);

impl<T> TryFrom<Option<String>> for MaybeCode<T>
where
    T: TryFrom<String, Error = UnknownCode>,
{
    type Error = UnknownCode;

    fn try_from(value: Option<String>) -> Result<Self, Self::Error> {
        value.map(T::try_from).transpose().map(MaybeCode)
    }
}

/// A coded value read as text (from a tuple row): `code::<CaseKind>("kind", kind)?`.
pub fn code<T>(column: &str, value: String) -> Result<T, sqlx::Error>
where
    T: TryFrom<String, Error = UnknownCode>,
{
    T::try_from(value).map_err(|error| column_error(column, error))
}

/// A coded column of a row.
pub fn coded<T>(row: &AnyRow, column: &str) -> Result<T, sqlx::Error>
where
    T: TryFrom<String, Error = UnknownCode>,
{
    code(column, row.try_get(column)?)
}

/// A coded column that may be empty.
pub fn coded_opt<T>(row: &AnyRow, column: &str) -> Result<Option<T>, sqlx::Error>
where
    T: TryFrom<String, Error = UnknownCode>,
{
    let value: Option<String> = row.try_get(column)?;
    value.map(|value| code(column, value)).transpose()
}

/// A value stored as a number (a rating's level).
pub fn scored<T>(column: &str, value: i64) -> Result<T, sqlx::Error>
where
    T: TryFrom<i64, Error = UnknownCode>,
{
    T::try_from(value).map_err(|error| column_error(column, error))
}

/// A whole number stored as text (a rollup's item: an officer id, tenths of an hour).
pub fn number(column: &str, value: &str) -> Result<i64, sqlx::Error> {
    value
        .parse()
        .map_err(|error: std::num::ParseIntError| column_error(column, error))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cases::CaseKind;

    #[test]
    fn a_known_code_decodes_and_an_unknown_one_is_an_error() {
        assert_eq!(
            code::<CaseKind>("kind", "help".into()).unwrap(),
            CaseKind::Help
        );
        let error = code::<CaseKind>("kind", "helpp".into()).unwrap_err();
        assert!(error.to_string().contains("kind"), "{error}");
        assert!(number("item", "12").is_ok_and(|n| n == 12));
        assert!(number("item", "12a").is_err());
        assert!(number("item", "").is_err());
    }
}
