//! Brings a demo played into a scratch SQLite database into the real one, in one
//! transaction: every table's rows with their ids, in an order that satisfies the foreign
//! keys, by multi-row inserts. Tens of thousands of rows cost a few hundred statements,
//! where playing the year into the real database cost hundreds of thousands of round
//! trips (and a commit each) to a PostgreSQL server or a SQLite file.
//!
//! Both schemas hold only 64-bit integers and text (see the core migration), so a value
//! is one or the other, read by the scratch column's declared type.

use anyhow::{Context, anyhow, bail};
use app::db::{Backend, Db};
use sqlx::any::AnyArguments;
use sqlx::{Any, Arguments, Row, Transaction};
use std::collections::{BTreeMap, BTreeSet};

/// Rows read from the scratch database at a time.
const ROWS_PER_READ: i64 = 2_000;
/// Values bound by one insert: under PostgreSQL's limit of 65,535; SQLite looks each
/// `$N` up among the statement's names, which costs the square of their number.
fn values_per_insert(backend: Backend) -> usize {
    match backend {
        Backend::Sqlite => 1_000,
        Backend::Postgres => 30_000,
    }
}

/// The tables to copy, each after the tables it refers to.
async fn tables_in_order(from: &Db) -> anyhow::Result<Vec<String>> {
    let names: Vec<(String,)> = sqlx::query_as(
        "SELECT name FROM sqlite_master
         WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
           AND name <> '_sqlx_migrations'
         ORDER BY name",
    )
    .fetch_all(from.reader())
    .await?;
    let mut needs: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (name,) in names {
        let refers: Vec<(String,)> =
            sqlx::query_as("SELECT DISTINCT \"table\" FROM pragma_foreign_key_list($1)")
                .bind(&name)
                .fetch_all(from.reader())
                .await?;
        let refers = refers.into_iter().map(|(t,)| t).filter(|t| *t != name);
        needs.insert(name.clone(), refers.collect());
    }
    let mut order = Vec::new();
    while !needs.is_empty() {
        let ready: Vec<String> = needs
            .iter()
            .filter(|(_, refers)| refers.iter().all(|t| !needs.contains_key(t)))
            .map(|(name, _)| name.clone())
            .collect();
        if ready.is_empty() {
            bail!("the tables {:?} refer to each other", needs.keys());
        }
        for name in ready {
            needs.remove(&name);
            order.push(name);
        }
    }
    Ok(order)
}

/// A column and whether it holds integers (else text).
struct Column {
    name: String,
    integer: bool,
}

/// The columns of `table` the target has (generated ones excluded), typed by the scratch
/// database's declaration.
async fn columns(
    from: &Db,
    to: &mut Transaction<'_, Any>,
    backend: Backend,
    table: &str,
) -> anyhow::Result<Vec<Column>> {
    let declared: Vec<(String, String)> =
        sqlx::query_as("SELECT name, type FROM pragma_table_info($1)")
            .bind(table)
            .fetch_all(from.reader())
            .await?;
    let declared: BTreeMap<String, String> = declared.into_iter().collect();
    let target: Vec<(String,)> = match backend {
        Backend::Sqlite => {
            sqlx::query_as("SELECT name FROM pragma_table_xinfo($1) WHERE hidden = 0 ORDER BY cid")
                .bind(table)
                .fetch_all(&mut **to)
                .await?
        }
        Backend::Postgres => {
            sqlx::query_as(
                "SELECT column_name::text FROM information_schema.columns
                 WHERE table_schema = current_schema() AND table_name = $1
                   AND is_generated = 'NEVER'
                 ORDER BY ordinal_position",
            )
            .bind(table)
            .fetch_all(&mut **to)
            .await?
        }
    };
    if target.is_empty() {
        bail!("the database has no table {table}");
    }
    target
        .into_iter()
        .map(|(name,)| {
            let kind = declared
                .get(&name)
                .ok_or_else(|| anyhow!("the scratch table {table} has no column {name}"))?
                .to_ascii_uppercase();
            let integer = kind.contains("INT");
            if !integer && !kind.contains("TEXT") {
                bail!("{table}.{name} is {kind}: only integers and text are copied");
            }
            Ok(Column { name, integer })
        })
        .collect()
}

/// Copies every row of every table of `from` (a scratch SQLite database) into `to`, in
/// one transaction, unless `to` holds a bureau already (then nothing, and false): a second
/// instance loaded the demo meanwhile. Identity sequences on PostgreSQL continue after
/// the copied ids. Returns whether it copied.
pub async fn copy_all(from: &Db, to: &Db) -> anyhow::Result<bool> {
    let tables = tables_in_order(from).await?;
    let backend = to.backend();
    let mut tx = to.begin_write().await?;
    let (bureaus,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM bureau")
        .fetch_one(&mut *tx)
        .await?;
    if bureaus > 0 {
        return Ok(false);
    }
    for table in &tables {
        // What a new database comes with (its deadline rules, the bundled holiday
        // calendar) the scratch one got from the same migrations and files: kept. Any
        // other row means the database is not new.
        let held = count(&mut tx, table).await?;
        if held > 0 {
            let (scratch,): (i64,) = sqlx::query_as(&format!("SELECT COUNT(*) FROM {table}"))
                .fetch_one(from.reader())
                .await?;
            if held != scratch {
                bail!("the database is not empty: its table {table} holds {held} rows");
            }
            continue;
        }
        copy_table(from, &mut tx, backend, table)
            .await
            .with_context(|| format!("copying the table {table}"))?;
    }
    if backend == Backend::Postgres {
        let identities: Vec<(String, String)> = sqlx::query_as(
            "SELECT table_name::text, column_name::text FROM information_schema.columns
             WHERE table_schema = current_schema() AND is_identity = 'YES'",
        )
        .fetch_all(&mut *tx)
        .await?;
        for (table, column) in identities {
            // The next id follows the largest copied one (1 for an empty table).
            sqlx::query(&format!(
                "SELECT setval(pg_get_serial_sequence('{table}', '{column}'),
                               COALESCE((SELECT MAX({column}) FROM {table}), 0) + 1, false)"
            ))
            .execute(&mut *tx)
            .await?;
        }
    }
    tx.commit().await?;
    Ok(true)
}

async fn count(tx: &mut Transaction<'_, Any>, table: &str) -> anyhow::Result<i64> {
    let (rows,): (i64,) = sqlx::query_as(&format!("SELECT COUNT(*) FROM {table}"))
        .fetch_one(&mut **tx)
        .await?;
    Ok(rows)
}

async fn copy_table(
    from: &Db,
    to: &mut Transaction<'_, Any>,
    backend: Backend,
    table: &str,
) -> anyhow::Result<()> {
    let columns = columns(from, to, backend, table).await?;
    let names = columns
        .iter()
        .map(|c| c.name.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    // Read in rowid order (the order rows were written, parents before children), a
    // slice at a time.
    let read = format!(
        "SELECT rowid, {names} FROM {table} WHERE rowid > $1 ORDER BY rowid LIMIT {ROWS_PER_READ}"
    );
    let rows_per_insert = (values_per_insert(backend) / columns.len()).max(1);
    let mut after = i64::MIN;
    loop {
        let rows = sqlx::query(&read)
            .bind(after)
            .fetch_all(from.reader())
            .await?;
        let Some(last) = rows.last() else {
            return Ok(());
        };
        after = last.try_get(0)?;
        for chunk in rows.chunks(rows_per_insert) {
            let mut arguments = AnyArguments::default();
            let mut sql = format!("INSERT INTO {table} ({names}) VALUES ");
            let mut bound = 0;
            for (r, row) in chunk.iter().enumerate() {
                sql.push_str(if r == 0 { "(" } else { ", (" });
                for (c, column) in columns.iter().enumerate() {
                    bound += 1;
                    if c > 0 {
                        sql.push_str(", ");
                    }
                    sql.push_str(&format!("${bound}"));
                    let bind = if column.integer {
                        arguments.add(row.try_get::<Option<i64>, _>(c + 1)?)
                    } else {
                        arguments.add(row.try_get::<Option<String>, _>(c + 1)?)
                    };
                    bind.map_err(|e| anyhow!("binding {table}.{}: {e}", column.name))?;
                }
                sql.push(')');
            }
            // Each statement is used once: not kept in the connection's cache.
            sqlx::query_with(&sql, arguments)
                .persistent(false)
                .execute(&mut **to)
                .await?;
        }
    }
}
