//! Storing a resident's request (诉求) from the form at `/request/new`.

use super::opening::{Contact, NewCase};
use super::persist::Actor;
use super::pipeline::Executor;
use super::request_form::RequestSubmission;
use super::{AccessCode, Reference};
use crate::db::is_unique_violation;
use crate::i18n::Lang;
use crate::mail::{Message, consent, outbox};

/// A repeated submission key within this time is the same submission (a double tap, a
/// reload of the POST); later, the old page is stale.
const REPEAT_WINDOW_MILLIS: i64 = 60 * 60 * 1000;

#[derive(Debug, thiserror::Error)]
pub enum RequestError {
    #[error("there is no such station")]
    UnknownStation,
    #[error("there is no officer with that badge")]
    UnknownBadge,
    /// The form's token was used long ago: the page is stale.
    #[error("the form is stale")]
    StaleForm,
    /// The same browser sent this very request before: it was filed once, under this
    /// reference. Its code was shown then and is never issued again.
    #[error("already filed as {0}")]
    AlreadyFiled(Reference),
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

/// A filed request: the reference, and the access code, which exists only here and on
/// the receipt (the database keeps its hash).
#[derive(Debug)]
pub struct Filed {
    pub reference: Reference,
    pub access_code: AccessCode,
}

/// Files a request in one transaction. `submission.token` is the submission's key (the
/// form's token, the browser and the content, see [`crate::submissions`]): a repeat of
/// the same key within an hour is refused as [`RequestError::AlreadyFiled`], naming the
/// first request, and never issues a second code (which would void the first one's).
#[tracing::instrument(skip_all, fields(kind = submission.kind.code()))]
pub async fn file_request(
    cases: &Executor<'_>,
    submission: &RequestSubmission,
    lang: Lang,
) -> Result<Filed, RequestError> {
    match file_once(cases, submission, lang).await {
        // Two taps racing on PostgreSQL: the loser finds the winner's case.
        Err(RequestError::Database(error))
            if is_unique_violation(&error, "cases_idempotency_key", "cases.idempotency_key") =>
        {
            file_once(cases, submission, lang).await
        }
        outcome => outcome,
    }
}

async fn file_once(
    cases: &Executor<'_>,
    submission: &RequestSubmission,
    lang: Lang,
) -> Result<Filed, RequestError> {
    let now = cases.now;
    let access_code = AccessCode::generate();
    let mut tx = cases.db.begin_write().await?;
    let existing: Option<(i64, String, i64)> =
        sqlx::query_as("SELECT id, reference, created_at FROM cases WHERE idempotency_key = $1")
            .bind(&submission.token)
            .fetch_optional(&mut *tx)
            .await?;
    if let Some((_, reference, created_at)) = existing {
        if now - created_at > REPEAT_WINDOW_MILLIS {
            return Err(RequestError::StaleForm);
        }
        let reference = Reference::parse(&reference).ok_or(RequestError::StaleForm)?;
        return Err(RequestError::AlreadyFiled(reference));
    }
    let station_id = match &submission.station {
        None => None,
        Some(slug) => Some(
            sqlx::query_as::<_, (i64,)>("SELECT id FROM stations WHERE slug = $1 AND active = 1")
                .bind(slug.as_ref())
                .fetch_optional(&mut *tx)
                .await?
                .ok_or(RequestError::UnknownStation)?
                .0,
        ),
    };
    let officer = match &submission.badge {
        None => None,
        Some(badge) => Some(
            sqlx::query_as::<_, (i64, i64)>(
                "SELECT id, station_id FROM officers WHERE badge = $1 AND active = 1",
            )
            .bind(badge.as_ref())
            .fetch_optional(&mut *tx)
            .await?
            .ok_or(RequestError::UnknownBadge)?,
        ),
    };
    // "Not sure" about the station but naming an officer: the officer's station it is.
    let station_id = station_id.or(officer.map(|(_, station)| station));
    let opened = cases
        .open(
            &mut tx,
            Actor::Resident,
            NewCase {
                channel: crate::cases::proposal::Channel::Web,
                kind: submission.kind,
                station_id,
                named_officer_id: officer.map(|(id, _)| id),
                rating_id: None,
                subject: &submission.subject,
                description: &submission.description,
                place: &submission.place,
                contact: Contact {
                    name: submission.contact_name.as_deref(),
                    phone: submission.contact_phone.as_deref(),
                    email: submission.contact_email.as_deref(),
                },
                anonymous: submission.anonymous,
                publish_consent: submission.publish_name,
                lang: lang.code(),
                access_code: &access_code,
                idempotency_key: Some(&submission.token),
            },
        )
        .await?;
    mail_receipt(
        &mut tx,
        opened.id,
        &opened.reference,
        &access_code,
        submission,
        lang,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(Filed {
        reference: opened.reference,
        access_code,
    })
}

/// With an address given: asks for its confirmation (unless done before) and writes the
/// receipt, which goes once the address is confirmed.
async fn mail_receipt(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    case_id: i64,
    reference: &Reference,
    access_code: &AccessCode,
    submission: &RequestSubmission,
    lang: Lang,
    now: i64,
) -> Result<(), sqlx::Error> {
    let Some(email) = submission.contact_email.as_deref() else {
        return Ok(());
    };
    consent::register(tx, email, case_id, reference.as_ref(), lang, now).await?;
    let (due_on,): (String,) = sqlx::query_as("SELECT due_on FROM cases WHERE id = $1")
        .bind(case_id)
        .fetch_one(&mut **tx)
        .await?;
    let receipt = Message::Receipt {
        reference: reference.to_string(),
        access_code: access_code.display(),
        case_kind: submission.kind.code().to_string(),
        subject: submission.subject.clone(),
        due_on,
    };
    outbox::to_resident(tx, case_id, &receipt, now).await
}
