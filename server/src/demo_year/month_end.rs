//! The month's end: on the 4th an inspector reviews the signals the nightly job found in
//! the month, then each station's leader publishes it with what residents said and what
//! the station did.

use super::*;

impl super::Year<'_> {
    /// The inspector keeps what looks ordinary and excludes the planted burst of 好评 from
    /// one network (the demo's example of what the signals are for).
    pub(super) async fn review(&mut self, at: i64, month: Month) -> anyhow::Result<()> {
        let open: Vec<(i64, String)> = sqlx::query_as(
            "SELECT id, kind FROM rating_signals WHERE reviewed_at IS NULL AND month = $1 ORDER BY id",
        )
        .bind(month.to_string())
        .fetch_all(self.db.reader())
        .await?;
        for (id, kind) in open {
            let (decision, note) = if kind == "burst_source" {
                (
                    app::signals::store::Decision::Exclude,
                    "同一网络一晚六条好评，经了解为该民警亲友所评，不计入公开数据。",
                )
            } else {
                (
                    app::signals::store::Decision::Leave,
                    "已了解，属正常服务评价，予以保留。",
                )
            };
            app::signals::store::decide(
                self.db,
                self.key,
                &self.people.inspector,
                id,
                decision,
                note,
                at,
            )
            .await
            .map_err(|e| anyhow!("reviewing signal {id}: {e:?}"))?;
        }
        Ok(())
    }

    pub(super) async fn publish(
        &mut self,
        at: i64,
        month: Month,
        station: usize,
    ) -> anyhow::Result<()> {
        let here = &self.people.stations[station];
        let pairs: Vec<&(&str, &str)> = (0..2)
            .map(|i| &SAID_DID[(month.number() as usize * 2 + station * 5 + i) % SAID_DID.len()])
            .collect();
        let form = app::reports::publish_form::PublishForm {
            note: String::new(),
            said: pairs.iter().map(|p| p.0.to_string()).collect(),
            did: pairs.iter().map(|p| p.1.to_string()).collect(),
        };
        app::reports::publish::publish(
            self.db,
            self.key,
            &here.leader,
            here.slug.as_ref(),
            month,
            &form,
            at,
        )
        .await
        .map_err(|e| anyhow!("publishing {} {month}: {e:?}", here.slug))?;
        self.history.published += 1;
        Ok(())
    }
}
