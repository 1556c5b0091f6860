//! `opendoor seed-demo`: the demo bureau of PRODUCT.md ("Demo data"): 演示市公安局 with
//! three stations, two community offices each, eight officers each, and staff accounts:
//! `admin`, `inspector`, `intake` (bureau intake), and per station `leader.<station>`
//! (officer x00007's account, leader and officer), `clerk.<station>` (a civilian clerk,
//! not a sworn officer), `window.<station>` (the counter tablet, which shows service
//! codes) and `officer.<badge>` for the other seven officers.

use anyhow::Context;
use app::accounts::server::{NewAccount, hash_password, insert_account};
use app::accounts::{Role, Username};
use app::audit::AuditKey;
use app::db::{DatabaseUrl, Db, Durability, now_millis};
use app::stations::Duty;
use sqlx::{Any, Transaction};
use std::time::Instant;

struct DemoStation {
    slug: &'static str,
    name: (&'static str, &'static str),
    address: (&'static str, &'static str),
    phone: &'static str,
    badge_prefix: u32,
    offices: [DemoOffice; 2],
    officers: [(&'static str, &'static str); 8],
}

struct DemoOffice {
    name: (&'static str, &'static str),
    area: (&'static str, &'static str),
}

const STATIONS: [DemoStation; 3] = [
    DemoStation {
        slug: "qishan",
        name: ("祁山派出所", "Qishan Police Station"),
        address: ("祁山路 18 号", "18 Qishan Road"),
        phone: "0000-1100001",
        badge_prefix: 100,
        offices: [
            DemoOffice {
                name: ("祁山路警务室", "Qishan Road Community Office"),
                area: ("祁山路、北坡社区", "Qishan Road, Beipo Community"),
            },
            DemoOffice {
                name: ("南坪警务室", "Nanping Community Office"),
                area: ("南坪村、果园新村", "Nanping Village, Guoyuan New Village"),
            },
        ],
        officers: [
            ("张伟", "Zhang Wei"),
            ("王芳", "Wang Fang"),
            ("李强", "Li Qiang"),
            ("刘洋", "Liu Yang"),
            ("陈静", "Chen Jing"),
            ("杨磊", "Yang Lei"),
            ("赵敏", "Zhao Min"),
            ("黄勇", "Huang Yong"),
        ],
    },
    DemoStation {
        slug: "yuewang",
        name: ("月望派出所", "Yuewang Police Station"),
        address: ("月望湖大道 6 号", "6 Yuewang Lake Avenue"),
        phone: "0000-1100002",
        badge_prefix: 200,
        offices: [
            DemoOffice {
                name: ("月望湖警务室", "Yuewang Lake Community Office"),
                area: (
                    "月望湖社区、湖滨花园",
                    "Yuewang Lake Community, Hubin Garden",
                ),
            },
            DemoOffice {
                name: ("西街警务室", "West Street Community Office"),
                area: ("西街、老槐树巷", "West Street, Old Locust Lane"),
            },
        ],
        officers: [
            ("周杰", "Zhou Jie"),
            ("吴霞", "Wu Xia"),
            ("徐斌", "Xu Bin"),
            ("孙丽", "Sun Li"),
            ("马超", "Ma Chao"),
            ("朱红", "Zhu Hong"),
            ("胡军", "Hu Jun"),
            ("郭玲", "Guo Ling"),
        ],
    },
    DemoStation {
        slug: "dadongmen",
        name: ("大东门派出所", "Dadongmen Police Station"),
        address: ("东门街 1 号", "1 Dongmen Street"),
        phone: "0000-1100003",
        badge_prefix: 300,
        offices: [
            DemoOffice {
                name: ("大东门警务室", "Dadongmen Community Office"),
                area: ("大东门社区、城东市场", "Dadongmen Community, East Market"),
            },
            DemoOffice {
                name: ("老城警务室", "Old Town Community Office"),
                area: ("老城区、文庙街", "Old Town, Wenmiao Street"),
            },
        ],
        officers: [
            ("何平", "He Ping"),
            ("高峰", "Gao Feng"),
            ("林娜", "Lin Na"),
            ("罗刚", "Luo Gang"),
            ("郑爽", "Zheng Shuang"),
            ("梁辉", "Liang Hui"),
            ("宋佳", "Song Jia"),
            ("谢涛", "Xie Tao"),
        ],
    },
];

/// What loading the demo data did.
#[derive(Debug)]
pub enum Seeded {
    Loaded {
        stations: usize,
        officers: usize,
        accounts: usize,
        generated_password: Option<String>,
        /// The past year played into it, unless it was loaded bare.
        year: Option<crate::demo_year::History>,
    },
    AlreadyPresent,
}

/// Whether the demo bureau comes with a past year of ratings, cases and published
/// reports (`seed-demo`, the first `make run`), or bare (the tests' starting point,
/// `--demo-bare`).
#[derive(Clone, Copy)]
pub enum Past<'a> {
    /// Played up to now, signed with this audit key, into the database at this address.
    Year(&'a AuditKey, &'a DatabaseUrl),
    Bare,
}

/// Loads the demo data unless a bureau exists already.
pub async fn seed(
    db: &Db,
    password: Option<&crate::cli::Secret>,
    past: Past<'_>,
) -> anyhow::Result<Seeded> {
    Ok(load_if_empty(db, password, past)
        .await?
        .unwrap_or(Seeded::AlreadyPresent))
}

/// Loads the demo data into an empty database and, unless `past` is bare, plays its
/// past year into it; `None` when there is data already.
///
/// The year is played into a scratch SQLite database beside the bare demo, then copied
/// into the database in one transaction: its tens of thousands of statements cost no
/// round trip to a database server and no commit to the disk, and the database gets the
/// whole demo or nothing.
pub async fn load_if_empty(
    db: &Db,
    password: Option<&crate::cli::Secret>,
    past: Past<'_>,
) -> anyhow::Result<Option<Seeded>> {
    let Past::Year(key, url) = past else {
        return seed_if_empty(db, password).await;
    };
    if has_bureau(db).await? {
        return Ok(None);
    }
    let (key, url, password) = (key.clone(), url.clone(), password.cloned());
    let (sender, played) = tokio::sync::oneshot::channel();
    std::thread::Builder::new()
        .name("demo-year".into())
        .spawn(move || {
            // Each statement hands work to a connection's thread and waits for its answer:
            // between two processors each hand-off costs several times what it costs on
            // one (on a 2-core machine, 7–9 s against 4 s for the whole year). So the
            // year is played on one processor, by this thread and the connection threads
            // it starts (they inherit where it may run).
            if let Some(core) = core_affinity::get_core_ids().and_then(|ids| ids.last().copied()) {
                core_affinity::set_for_current(core);
            }
            let outcome = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(anyhow::Error::from)
                .and_then(|runtime| runtime.block_on(play_and_copy(&url, &key, password.as_ref())));
            let _ = sender.send(outcome);
        })
        .context("starting the demo year's thread")?;
    played
        .await
        .context("the demo year's thread stopped")?
        .context("playing the demo's past year (nothing was loaded)")
}

/// Plays the bare demo and its year into a scratch database, then copies it into the
/// database at `url`; `None` when another instance loaded it meanwhile.
async fn play_and_copy(
    url: &DatabaseUrl,
    key: &AuditKey,
    password: Option<&crate::cli::Secret>,
) -> anyhow::Result<Option<Seeded>> {
    let started = Instant::now();
    let folder = tempfile::Builder::new()
        .prefix("opendoor-demo-year-")
        .tempdir()
        .context("creating a scratch folder")?;
    let scratch_url = DatabaseUrl::Sqlite {
        path: folder.path().join("demo-year.db"),
    };
    let scratch = Db::connect_with(&scratch_url, Durability::Scratch).await?;
    let loaded = async {
        scratch.migrate(&scratch_url).await?;
        crate::holidays::load_bundled(&scratch).await?;
        let Some(mut seeded) = seed_if_empty(&scratch, password).await? else {
            anyhow::bail!("the scratch database held a bureau");
        };
        let mut played = crate::demo_year::generate(&scratch, key, now_millis(), YEAR_SEED).await?;
        tracing::info!(
            seconds = started.elapsed().as_secs_f64(),
            "played the demo year"
        );
        let target = Db::connect(url).await?;
        let copied = crate::demo_year::copy::copy_all(&scratch, &target).await;
        target.close().await;
        if !copied? {
            return Ok(None);
        }
        played.seconds = started.elapsed().as_secs_f64();
        tracing::info!(seconds = played.seconds, "copied the demo year");
        if let Seeded::Loaded { year, .. } = &mut seeded {
            *year = Some(played);
        }
        Ok(Some(seeded))
    }
    .await;
    scratch.close().await;
    loaded
}

async fn has_bureau(db: &Db) -> anyhow::Result<bool> {
    let (bureaus,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM bureau")
        .fetch_one(db.reader())
        .await?;
    Ok(bureaus > 0)
}

/// The demo's year is the same every time it is played at the same moment.
const YEAR_SEED: u64 = 2026;

/// Loads the bare demo data into an empty database, in one transaction; `None` when
/// there is data already.
pub async fn seed_if_empty(
    db: &Db,
    password: Option<&crate::cli::Secret>,
) -> anyhow::Result<Option<Seeded>> {
    if has_bureau(db).await? {
        return Ok(None);
    }
    let (password, generated) = match password {
        Some(secret) => (secret.expose().to_string(), false),
        None => (crate::accounts::random_password(), true),
    };
    // Every demo account has the same password, so one hash serves them all.
    let hash = hash_password(password.clone()).await?;
    let mut tx = db.begin_write().await?;
    let now = now_millis();
    sqlx::query(
        "INSERT INTO bureau (id, name_zh, name_en, phone, created_at) VALUES (1, $1, $2, $3, $4)",
    )
    .bind("演示市公安局")
    .bind("Demo City Public Security Bureau")
    .bind("0000-1100000")
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let mut accounts = 0;
    for (username, display_name, role) in [
        ("admin", "系统管理员", Role::Admin),
        ("inspector", "督察", Role::Inspector),
        ("intake", "公安局受理中心", Role::Intake),
    ] {
        add_account(
            &mut tx,
            username,
            display_name,
            &hash,
            None,
            &[(role, None)],
        )
        .await?;
        accounts += 1;
    }
    let mut officers = 0;
    for station in &STATIONS {
        let (officer_count, account_count) = seed_station(&mut tx, station, &hash, now).await?;
        officers += officer_count;
        accounts += account_count;
    }
    tx.commit().await?;
    Ok(Some(Seeded::Loaded {
        stations: STATIONS.len(),
        officers,
        accounts,
        generated_password: generated.then_some(password),
        year: None,
    }))
}

async fn seed_station(
    tx: &mut Transaction<'_, Any>,
    station: &DemoStation,
    hash: &str,
    now: i64,
) -> anyhow::Result<(usize, usize)> {
    let (station_id,): (i64,) = sqlx::query_as(
        "INSERT INTO stations (slug, name_zh, name_en, address_zh, address_en, phone, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(station.slug)
    .bind(station.name.0)
    .bind(station.name.1)
    .bind(station.address.0)
    .bind(station.address.1)
    .bind(station.phone)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?;
    let mut office_ids = Vec::new();
    for office in &station.offices {
        let (id,): (i64,) = sqlx::query_as(
            "INSERT INTO offices (station_id, name_zh, name_en, area_zh, area_en, created_at)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(station_id)
        .bind(office.name.0)
        .bind(office.name.1)
        .bind(office.area.0)
        .bind(office.area.1)
        .bind(now)
        .fetch_one(&mut **tx)
        .await?;
        office_ids.push(id);
    }
    let station_short = station.name.0.trim_end_matches("派出所");
    add_account(
        tx,
        &format!("clerk.{}", station.slug),
        &format!("{station_short}内勤"),
        hash,
        None,
        &[(Role::Clerk, Some(station_id))],
    )
    .await?;
    // The counter tablet at the station's window: a device, not a person.
    add_account(
        tx,
        &format!("window.{}", station.slug),
        &format!("{station_short}窗口终端"),
        hash,
        None,
        &[(Role::Window, Some(station_id))],
    )
    .await?;
    for (index, (name_zh, name_en)) in station.officers.iter().enumerate() {
        let badge = format!("{}{:03}", station.badge_prefix, index + 1);
        // 1–3 work from the first office, 4–6 from the second (the first of each is its
        // community officer); 7 and 8 are at the station's window and on patrol.
        let (office_id, duty) = match index {
            0 | 3 => (Some(office_ids[index / 3]), Duty::Community),
            1 | 2 | 4 | 5 => (Some(office_ids[index / 3]), Duty::Patrol),
            6 => (None, Duty::Window),
            _ => (None, Duty::Patrol),
        };
        let (officer_id,): (i64,) = sqlx::query_as(
            "INSERT INTO officers (badge, name_zh, name_en, station_id, office_id, duty, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(&badge)
        .bind(*name_zh)
        .bind(*name_en)
        .bind(station_id)
        .bind(office_id)
        .bind(duty.code())
        .bind(now)
        .fetch_one(&mut **tx)
        .await?;
        // Officer 7 leads the station: one officer, one account, with both roles.
        if index == 6 {
            add_account(
                tx,
                &format!("leader.{}", station.slug),
                &format!("{station_short}所长{name_zh}"),
                hash,
                Some(officer_id),
                &[
                    (Role::Leader, Some(station_id)),
                    (Role::Officer, Some(station_id)),
                ],
            )
            .await?;
        } else {
            add_account(
                tx,
                &format!("officer.{badge}"),
                name_zh,
                hash,
                Some(officer_id),
                &[(Role::Officer, Some(station_id))],
            )
            .await?;
        }
    }
    // Every officer's account, the clerk's and the counter tablet's.
    Ok((station.officers.len(), station.officers.len() + 2))
}

/// An account with its roles (role, station id). Without an officer it is bureau-wide
/// or a civilian's: marked as not a sworn officer when it works at a station.
async fn add_account(
    tx: &mut Transaction<'_, Any>,
    username: &str,
    display_name: &str,
    hash: &str,
    officer_id: Option<i64>,
    roles: &[(Role, Option<i64>)],
) -> anyhow::Result<()> {
    let parsed = Username::parse(username).map_err(anyhow::Error::msg)?;
    let (role, station_id) = roles[0];
    let id = insert_account(
        tx,
        NewAccount {
            username: &parsed,
            display_name,
            password_hash: hash,
            officer_id,
            not_sworn: officer_id.is_none() && station_id.is_some(),
            role,
            station_id,
        },
    )
    .await?;
    for (role, station_id) in &roles[1..] {
        sqlx::query(
            "INSERT INTO staff_roles (account_id, role, station_id, created_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(id)
        .bind(role.as_str())
        .bind(station_id)
        .bind(app::db::now_millis())
        .execute(&mut **tx)
        .await?;
    }
    // Notifications of the demo go to a reserved domain (RFC 2606): with no SMTP
    // server set they land as files in data/mail/.
    sqlx::query("UPDATE staff_accounts SET email = $1 WHERE id = $2")
        .bind(format!("{username}@demo.opendoor.test"))
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

pub fn report(outcome: &Seeded) {
    match outcome {
        Seeded::AlreadyPresent => println!("demo data already present: nothing to do"),
        Seeded::Loaded {
            stations,
            officers,
            accounts,
            generated_password,
            year,
        } => {
            println!(
                "demo data loaded: {stations} stations, {officers} officers, {accounts} staff accounts"
            );
            if let Some(year) = year {
                println!("{year}");
            }
            match generated_password {
                Some(password) => println!(
                    "demo password (shown once; set OPENDOOR_DEMO_PASSWORD to choose it): {password}"
                ),
                None => println!("demo password: the value of OPENDOOR_DEMO_PASSWORD"),
            }
        }
    }
}

pub fn print_sign_in_hint() {
    println!(
        "Demo sign-in: admin, inspector, intake, leader.qishan (officer 100007), clerk.qishan, window.qishan (counter tablet), officer.100001 (and the same for yuewang, dadongmen); \
         password: OPENDOOR_DEMO_PASSWORD, or the one printed when the demo data was loaded"
    );
}
