//! The demo's staff, as the year's steps act as them.

use super::*;

/// One officer of a station, with their account.
pub(super) struct Officer {
    pub(super) id: i64,
    pub(super) badge: BadgeNumber,
    pub(super) duty: String,
    pub(super) member: StaffMember,
    /// The keyed hash of the officer's phone's network: where the codes they show come from.
    pub(super) phone: String,
}

pub(super) struct Station {
    pub(super) slug: StationSlug,
    /// Areas residents write from (the offices' streets and villages).
    pub(super) places: Vec<String>,
    pub(super) leader: StaffMember,
    pub(super) clerk: StaffMember,
    /// The counter tablet, which shows codes for counter services at the window.
    pub(super) window: StaffMember,
    /// The keyed hash of the station's counter network, where the tablet's codes come from.
    pub(super) counter: String,
    pub(super) officers: Vec<Officer>,
    /// The share of 好评 its residents give, at the start of the year and at its end.
    pub(super) good: (f64, f64),
}

/// Who the year's staff are.
pub(super) struct People {
    pub(super) stations: Vec<Station>,
    pub(super) inspector: StaffMember,
    pub(super) intake: StaffMember,
}

/// The demo's staff, as signed in.
pub(super) async fn people(db: &Db) -> anyhow::Result<People> {
    let stations: Vec<(i64, String)> = sqlx::query_as("SELECT id, slug FROM stations ORDER BY id")
        .fetch_all(db.reader())
        .await?;
    let mut result = Vec::new();
    for (index, (station_id, slug)) in stations.into_iter().enumerate() {
        // Where its residents live: its offices' areas, as a list of places.
        let areas: Vec<(String,)> =
            sqlx::query_as("SELECT area_zh FROM offices WHERE station_id = $1 ORDER BY id")
                .bind(station_id)
                .fetch_all(db.reader())
                .await?;
        let officers: Vec<(i64, String, String, String)> = sqlx::query_as(
            "SELECT o.id, o.badge, o.duty, a.username FROM officers o
             JOIN staff_accounts a ON a.officer_id = o.id WHERE o.station_id = $1 ORDER BY o.badge",
        )
        .bind(station_id)
        .fetch_all(db.reader())
        .await?;
        let mut list = Vec::new();
        for (id, badge, duty, username) in officers {
            list.push(Officer {
                id,
                badge: BadgeNumber::parse(&badge).context("a demo badge")?,
                duty,
                member: member(db, &username).await?,
                phone: format!("{:016x}", 0x0ff1_ce00_0000_u64 + id as u64),
            });
        }
        let places = areas
            .iter()
            .flat_map(|(area,)| area.split('、'))
            .map(str::to_string)
            .collect();
        result.push(Station {
            slug: StationSlug::parse(&slug).context("a demo station")?,
            places,
            leader: member(db, &format!("leader.{slug}")).await?,
            clerk: member(db, &format!("clerk.{slug}")).await?,
            window: member(db, &format!("window.{slug}")).await?,
            counter: format!("{:016x}", 0x0c0c_0000_0000_u64 + station_id as u64),
            officers: list,
            good: [(0.9, 0.93), (0.84, 0.86), (0.7, 0.88)][index % 3],
        });
    }
    Ok(People {
        stations: result,
        inspector: member(db, "inspector").await?,
        intake: member(db, "intake").await?,
    })
}

pub(super) async fn member(db: &Db, username: &str) -> anyhow::Result<StaffMember> {
    let (account_id, display_name, officer_id): (i64, String, Option<i64>) = sqlx::query_as(
        "SELECT id, display_name, officer_id FROM staff_accounts WHERE username = $1",
    )
    .bind(username)
    .fetch_one(db.reader())
    .await
    .with_context(|| format!("the demo account {username}"))?;
    let roles = app::staff::sessions::roles_of(db, account_id).await?;
    // Those whose roles need the second factor enrolled it; they act signed in with it.
    let second_factor = if app::staff::requires_second_factor(&roles) {
        SecondFactor::Done
    } else {
        SecondFactor::NotRequired
    };
    Ok(StaffMember {
        account_id,
        username: username.to_string(),
        display_name,
        officer_id,
        roles,
        second_factor,
    })
}
