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

/// A table to copy, and its columns that refer to its own rows (a case merged into
/// another): copied empty, then set once every row is in.
struct Table {
    name: String,
    refers_to_itself: Vec<String>,
}

/// The tables to copy, each after the tables it refers to.
async fn tables_in_order(from: &Db) -> anyhow::Result<Vec<Table>> {
    let names: Vec<(String,)> = sqlx::query_as(
        "SELECT name FROM sqlite_master
         WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
           AND name <> '_sqlx_migrations'
         ORDER BY name",
    )
    .fetch_all(from.reader())
    .await?;
    let mut needs: BTreeMap<String, (BTreeSet<String>, Vec<String>)> = BTreeMap::new();
    for (name,) in names {
        let refers: Vec<(String, String)> =
            sqlx::query_as("SELECT \"table\", \"from\" FROM pragma_foreign_key_list($1)")
                .bind(&name)
                .fetch_all(from.reader())
                .await?;
        let (own, others): (Vec<_>, Vec<_>) = refers.into_iter().partition(|(t, _)| *t == name);
        needs.insert(
            name,
            (
                others.into_iter().map(|(t, _)| t).collect(),
                own.into_iter().map(|(_, column)| column).collect(),
            ),
        );
    }
    let mut order = Vec::new();
    while !needs.is_empty() {
        let ready: Vec<String> = needs
            .iter()
            .filter(|(_, (refers, _))| refers.iter().all(|t| !needs.contains_key(t)))
            .map(|(name, _)| name.clone())
            .collect();
        if ready.is_empty() {
            bail!("the tables {:?} refer to each other", needs.keys());
        }
        for name in ready {
            let (_, refers_to_itself) = needs.remove(&name).unwrap_or_default();
            order.push(Table {
                name,
                refers_to_itself,
            });
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
    if let Some(missing) = declared
        .keys()
        .find(|name| !target.iter().any(|(t,)| t == *name))
    {
        bail!("the database's table {table} has no column {missing}");
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

/// What a new database holds before the demo comes: rows the scratch database got from
/// the same migrations and files (the deadline rules, the bundled holiday calendar) or
/// an admin's changes to them, and a running server's own bookkeeping (the scheduler's
/// leases, the write check's probe). The database keeps its own; the scratch's are not
/// copied.
const KEPT: [&str; 4] = ["deadline_rules", "holidays", "leases", "write_probe"];

/// Copies every row of every table of `from` (a scratch SQLite database) into `to`, in
/// one transaction, unless `to` holds a bureau already (then nothing, and false): a second
/// instance loaded the demo meanwhile. Identity sequences on PostgreSQL continue after
/// the copied ids. Refuses a database holding any other row (of [`KEPT`] tables aside):
/// the demo goes only into a new one.
pub async fn copy_all(from: &Db, to: &Db) -> anyhow::Result<bool> {
    let tables = tables_in_order(from).await?;
    let backend = to.backend();
    let mut tx = to.begin_write().await?;
    if backend == Backend::Postgres {
        // Two instances loading at once: the second waits here for the first's commit,
        // then sees its bureau (SQLite's BEGIN IMMEDIATE waits the same way).
        sqlx::query("LOCK TABLE bureau IN EXCLUSIVE MODE")
            .execute(&mut *tx)
            .await?;
    }
    if count(&mut tx, "bureau").await? > 0 {
        return Ok(false);
    }
    for table in &tables {
        let name = table.name.as_str();
        if KEPT.contains(&name) {
            continue;
        }
        let held = count(&mut tx, name).await?;
        if held > 0 {
            bail!(
                "the database is not new: its table {name} holds {held} rows (the demo loads only into a new database)"
            );
        }
        copy_table(from, &mut tx, backend, table)
            .await
            .with_context(|| format!("copying the table {name}"))?;
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
    table: &Table,
) -> anyhow::Result<()> {
    let name = table.name.as_str();
    let columns = columns(from, to, backend, name).await?;
    let names = columns
        .iter()
        .map(|c| c.name.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    // A row may refer to a later row of its own table: those columns are set after.
    let key = match table.refers_to_itself.is_empty() {
        true => None,
        false => Some(primary_key(from, name).await?),
    };
    let key_index = match &key {
        Some(key) => columns
            .iter()
            .position(|c| c.name == *key)
            .ok_or_else(|| anyhow!("{name} has no column {key}"))?,
        None => 0,
    };
    let mut later: Vec<(String, i64, i64)> = Vec::new();
    // Read in rowid order (the order rows were written), a slice at a time.
    let read = format!(
        "SELECT rowid, {names} FROM {name} WHERE rowid > $1 ORDER BY rowid LIMIT {ROWS_PER_READ}"
    );
    let rows_per_insert = (values_per_insert(backend) / columns.len()).max(1);
    let mut after = i64::MIN;
    loop {
        let rows = sqlx::query(&read)
            .bind(after)
            .fetch_all(from.reader())
            .await?;
        let Some(last) = rows.last() else {
            break;
        };
        after = last.try_get(0)?;
        for chunk in rows.chunks(rows_per_insert) {
            let mut arguments = AnyArguments::default();
            let mut sql = format!("INSERT INTO {name} ({names}) VALUES ");
            let mut bound = 0;
            for (r, row) in chunk.iter().enumerate() {
                sql.push_str(if r == 0 { "(" } else { ", (" });
                for (c, column) in columns.iter().enumerate() {
                    bound += 1;
                    if c > 0 {
                        sql.push_str(", ");
                    }
                    sql.push_str(&format!("${bound}"));
                    let bind = if table.refers_to_itself.contains(&column.name) {
                        if let Some(value) = row.try_get::<Option<i64>, _>(c + 1)? {
                            later.push((column.name.clone(), row.try_get(key_index + 1)?, value));
                        }
                        arguments.add(None::<i64>)
                    } else if column.integer {
                        arguments.add(row.try_get::<Option<i64>, _>(c + 1)?)
                    } else {
                        arguments.add(row.try_get::<Option<String>, _>(c + 1)?)
                    };
                    bind.map_err(|e| anyhow!("binding {name}.{}: {e}", column.name))?;
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
    if let Some(key) = key {
        for (column, id, value) in later {
            sqlx::query(&format!("UPDATE {name} SET {column} = $1 WHERE {key} = $2"))
                .bind(value)
                .bind(id)
                .execute(&mut **to)
                .await?;
        }
    }
    Ok(())
}

/// The one column that is `table`'s primary key.
async fn primary_key(from: &Db, table: &str) -> anyhow::Result<String> {
    let keys: Vec<(String,)> =
        sqlx::query_as("SELECT name FROM pragma_table_info($1) WHERE pk > 0")
            .bind(table)
            .fetch_all(from.reader())
            .await?;
    match keys.as_slice() {
        [(key,)] => Ok(key.clone()),
        _ => bail!("{table} refers to itself without a one-column primary key"),
    }
}
