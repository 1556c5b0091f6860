//! `opendoor bench-seed --ratings N`: a deterministic dataset for `make bench`. The demo
//! bureau, then N ratings spread over the twelve months that ended last, with the level
//! mix, tags and channels of a real year, and one case for every ten ratings (the brief's
//! 2 million ratings to 200,000 cases), then the rollups rebuilt from them. The same N
//! and seed give the same rows. Rows go in as multi-row INSERTs of generated numbers and
//! fixed codes (no user text), in large transactions, so 10 million take minutes.

use app::db::{Backend, Db, now_millis};
use app::reports::Month;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use std::fmt::Write;
use std::time::Instant;

const ROWS_PER_STATEMENT: usize = 500;
const ROWS_PER_TRANSACTION: usize = 50_000;
const SERVICES: [&str; 7] = [
    "household",
    "emergency",
    "case_filing",
    "counter",
    "community_visit",
    "patrol",
    "other",
];
const PROBLEMS: [&str; 6] = [
    "hard_to_reach",
    "unfriendly",
    "rude",
    "runaround",
    "not_by_the_rules",
    "unfair",
];
const PRAISE: [&str; 4] = ["attitude", "efficiency", "professionalism", "fairness"];
const KINDS: [&str; 7] = [
    "help",
    "complaint",
    "suggestion",
    "question",
    "commendation",
    "tip",
    "rating_review",
];

#[derive(Debug)]
pub struct Seeded {
    pub ratings: u64,
    pub tags: u64,
    pub cases: u64,
    pub first_month: Month,
    pub last_month: Month,
    pub seconds: f64,
}

impl std::fmt::Display for Seeded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "bench data: {} ratings, {} tags, {} cases from {} to {} in {:.1} s",
            self.ratings, self.tags, self.cases, self.first_month, self.last_month, self.seconds
        )
    }
}

/// A level from the mix of a good station: 55 % 非常满意, 25 % 满意, 10 % 基本满意,
/// 6 % 不满意, 4 % 非常不满意.
fn level(rng: &mut StdRng) -> i64 {
    match rng.random_range(0..100) {
        0..55 => 5,
        55..80 => 4,
        80..90 => 3,
        90..96 => 2,
        _ => 1,
    }
}

async fn execute_batches(db: &Db, statements: &[String]) -> anyhow::Result<()> {
    let mut tx = db.begin_write().await?;
    for sql in statements {
        sqlx::query(sql).execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Collects rows into multi-row INSERT statements and writes them a transaction at a time.
struct Inserter {
    head: &'static str,
    rows: Vec<String>,
    statements: Vec<String>,
    pending_rows: usize,
}

impl Inserter {
    fn new(head: &'static str) -> Inserter {
        Inserter {
            head,
            rows: Vec::new(),
            statements: Vec::new(),
            pending_rows: 0,
        }
    }

    fn push(&mut self, row: String) {
        self.rows.push(row);
        if self.rows.len() == ROWS_PER_STATEMENT {
            self.cut();
        }
    }

    /// Enough rows wait for a transaction of their own.
    fn full(&self) -> bool {
        self.pending_rows >= ROWS_PER_TRANSACTION
    }

    fn cut(&mut self) {
        if !self.rows.is_empty() {
            self.pending_rows += self.rows.len();
            self.statements
                .push(format!("{} VALUES {}", self.head, self.rows.join(",")));
            self.rows.clear();
        }
    }

    async fn flush(&mut self, db: &Db) -> anyhow::Result<()> {
        self.cut();
        execute_batches(db, &self.statements).await?;
        self.statements.clear();
        self.pending_rows = 0;
        Ok(())
    }
}

pub async fn seed(
    db: &Db,
    ratings: u64,
    seed: u64,
    password: Option<&crate::cli::Secret>,
) -> anyhow::Result<Seeded> {
    let started = Instant::now();
    crate::demo::seed(db, password, crate::demo::Past::Bare).await?;
    let stations: Vec<(i64,)> = sqlx::query_as("SELECT id FROM stations ORDER BY id")
        .fetch_all(db.reader())
        .await?;
    let officers: Vec<(i64, i64)> =
        sqlx::query_as("SELECT id, station_id FROM officers ORDER BY id")
            .fetch_all(db.reader())
            .await?;
    anyhow::ensure!(
        !stations.is_empty() && !officers.is_empty(),
        "no stations or officers to rate"
    );
    let (first_id,): (i64,) = sqlx::query_as("SELECT COALESCE(MAX(id), 0) + 1 FROM ratings")
        .fetch_one(db.reader())
        .await?;
    let (first_case,): (i64,) = sqlx::query_as("SELECT COALESCE(MAX(id), 0) + 1 FROM cases")
        .fetch_one(db.reader())
        .await?;

    let last_month = Month::of(now_millis()).previous();
    let first_month = last_month.last_twelve()[0];
    let (from, to) = (first_month.start_millis(), last_month.end_millis());
    let mut rng = StdRng::seed_from_u64(seed);
    let mut rating_rows = Inserter::new(
        "INSERT INTO ratings (id, station_id, officer_id, level, service_type, channel, verified, lang, created_at)",
    );
    let mut tag_rows = Inserter::new("INSERT INTO rating_tags (rating_id, tag)");
    let mut tags = 0;
    for n in 0..ratings {
        let id = first_id + n as i64;
        let (officer, station) = officers[rng.random_range(0..officers.len())];
        let (officer, channel, verified) = match rng.random_range(0..100) {
            0..80 => (officer.to_string(), "officer_qr", 0),
            80..90 => ("NULL".to_string(), "station_qr", 0),
            90..98 => (officer.to_string(), "service_code", 1),
            _ => (officer.to_string(), "visit", 0),
        };
        let level = level(&mut rng);
        let service = SERVICES[rng.random_range(0..SERVICES.len())];
        let at = rng.random_range(from..to);
        let mut row = String::with_capacity(96);
        let _ = write!(
            row,
            "({id},{station},{officer},{level},'{service}','{channel}',{verified},'zh',{at})"
        );
        rating_rows.push(row);
        let tag = if level <= 3 {
            Some(PROBLEMS[rng.random_range(0..PROBLEMS.len())])
        } else if level == 5 && rng.random_bool(0.3) {
            Some(PRAISE[rng.random_range(0..PRAISE.len())])
        } else {
            None
        };
        if let Some(tag) = tag {
            tags += 1;
            tag_rows.push(format!("({id},'{tag}')"));
        }
        // Tags only after the ratings they point to.
        if rating_rows.full() {
            rating_rows.flush(db).await?;
            tag_rows.flush(db).await?;
        }
    }
    rating_rows.flush(db).await?;
    tag_rows.flush(db).await?;

    let cases = ratings / 10;
    let mut case_rows = Inserter::new(
        "INSERT INTO cases (id, reference, access_code_hash, kind, status, station_id, subject, description, ack_due_on, due_on,
                            outcome, satisfaction, first_answer_at, resolved_at, created_at, updated_at)",
    );
    for n in 0..cases {
        let id = first_case + n as i64;
        let (station,) = stations[rng.random_range(0..stations.len())];
        let kind = KINDS[rng.random_range(0..KINDS.len())];
        let created = rng.random_range(from..to);
        let due = app::calendar::format_date(app::calendar::local_date(created + 21 * 86_400_000));
        let answered = created + rng.random_range(1..72) * 3_600_000;
        let resolved = rng
            .random_bool(0.9)
            .then(|| answered + rng.random_range(0..25) * 86_400_000);
        let satisfaction = match (resolved, rng.random_range(0..10)) {
            (None, _) => "NULL",
            (_, 0..5) => "'satisfied'",
            (_, 5..7) => "'basically_satisfied'",
            (_, 7) => "'dissatisfied'",
            _ => "NULL",
        };
        let (status, outcome, resolved) = match resolved {
            Some(at) => ("closed", "'resolved'", at.to_string()),
            None => ("in_progress", "NULL", "NULL".to_string()),
        };
        case_rows.push(format!(
            "({id},'BENCH-{seed}-{id}','-','{kind}','{status}',{station},'-','-','{due}','{due}',{outcome},{satisfaction},{answered},{resolved},{created},{created})"
        ));
        if case_rows.full() {
            case_rows.flush(db).await?;
        }
    }
    case_rows.flush(db).await?;
    if db.backend() == Backend::Postgres {
        // Explicit ids leave the identity sequences behind; later inserts continue after them.
        for table in ["ratings", "cases"] {
            sqlx::query(&format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
            ))
            .execute(db.writer())
            .await?;
        }
        sqlx::query("ANALYZE").execute(db.writer()).await?;
    }
    app::reports::rollups::rebuild(db).await?;
    Ok(Seeded {
        ratings,
        tags,
        cases,
        first_month,
        last_month,
        seconds: started.elapsed().as_secs_f64(),
    })
}

/// `opendoor bench-publish --month M`: publishes `month` for every station as its leader
/// would (a correction when it is published already) and times each publication.
pub async fn publish_all(
    db: &Db,
    key: &app::audit::AuditKey,
    month: Month,
) -> anyhow::Result<String> {
    use app::accounts::Role;
    use app::staff::{RoleGrant, SecondFactor, StaffMember};
    let leaders: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT a.id, a.username, s.slug FROM staff_roles r
         JOIN staff_accounts a ON a.id = r.account_id JOIN stations s ON s.id = r.station_id
         WHERE r.role = 'leader' ORDER BY s.id",
    )
    .fetch_all(db.reader())
    .await?;
    let mut lines = Vec::new();
    // A month is published once its signals are reviewed: the bench's inspector keeps
    // the ratings of every open one (seeded data has no sources, so only bursts within
    // minutes can fire), timed apart from the publications.
    let reviewed = Instant::now();
    let open: Vec<(i64,)> =
        sqlx::query_as("SELECT id FROM rating_signals WHERE reviewed_at IS NULL ORDER BY id")
            .fetch_all(db.reader())
            .await?;
    if !open.is_empty() {
        let (inspector_id,): (i64,) = sqlx::query_as(
            "SELECT account_id FROM staff_roles WHERE role = 'inspector' ORDER BY account_id LIMIT 1",
        )
        .fetch_one(db.reader())
        .await?;
        let inspector = StaffMember {
            account_id: inspector_id,
            username: "inspector".into(),
            display_name: "inspector".into(),
            officer_id: None,
            roles: vec![RoleGrant {
                role: Role::Inspector,
                station: None,
            }],
            second_factor: SecondFactor::Done,
        };
        for (id,) in &open {
            app::signals::store::decide(
                db,
                key,
                &inspector,
                *id,
                app::signals::store::Decision::Leave,
                "bench: reviewed",
                now_millis(),
            )
            .await
            .map_err(|e| anyhow::anyhow!("reviewing signal {id}: {e}"))?;
        }
    }
    lines.push(format!(
        "{} open signals reviewed in {:.1} ms",
        open.len(),
        reviewed.elapsed().as_secs_f64() * 1000.0
    ));
    let started = Instant::now();
    for (account_id, username, slug) in leaders {
        let member = StaffMember {
            account_id,
            username: username.clone(),
            display_name: username,
            officer_id: None,
            roles: vec![RoleGrant {
                role: Role::Leader,
                station: Some(slug.clone()),
            }],
            second_factor: SecondFactor::Done,
        };
        let form = app::reports::publish_form::PublishForm {
            note: "bench: published again".into(),
            ..Default::default()
        };
        let one = Instant::now();
        let published =
            app::reports::publish::publish(db, key, &member, &slug, month, &form, now_millis())
                .await
                .map_err(|e| anyhow::anyhow!("publishing {slug} {month}: {e}"))?;
        lines.push(format!(
            "{slug} {month} v{} in {:.1} ms (sha256 {})",
            published.version,
            one.elapsed().as_secs_f64() * 1000.0,
            &published.sha256[..16]
        ));
    }
    lines.push(format!(
        "published {} stations in {:.1} ms",
        lines.len() - 1,
        started.elapsed().as_secs_f64() * 1000.0
    ));
    Ok(lines.join("\n"))
}
