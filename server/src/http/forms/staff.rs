//! POST `/staff/login`, `/staff/logout` and `/staff/logout-everywhere`.

use crate::http::edge::{Accepted, Form, Refusal};
use app::audit::Entry;
use app::components::form_errors::FormProblem;
use app::cookies::read;
use app::db::now_millis;
use app::paths;
use app::staff::auth::{SignInError, check_password};
use app::staff::sessions::{self, SESSION_COOKIE};
use app::staff::{LoginError, LoginForm, LoginFormState};
use app::state::AppState;
use axum::extract::State;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Response};

type Refused = Refusal<LoginFormState>;

/// The sign-in form again after a database failure (`doing` something).
fn unavailable(state: &AppState, error: &sqlx::Error, doing: &str, username: String) -> Refused {
    let page = LoginFormState {
        username,
        error: None,
        problem: Some(FormProblem::SaveFailed),
    };
    Refusal::failed(state, error, doing, page)
}

/// A wrong password or code (422), or a locked account, which waits (429).
fn wrong(error: LoginError, username: String) -> Refused {
    let page = LoginFormState {
        username,
        error: Some(error),
        problem: None,
    };
    match error {
        LoginError::Locked { minutes } => Refusal::wait_minutes(page, minutes),
        _ => Refusal::invalid(page),
    }
}

pub async fn login(
    State(state): State<AppState>,
    parts: Parts,
    Form(form): Form<LoginForm>,
) -> Result<Accepted, Refused> {
    let username = form.username.trim().to_string();
    let client = state.client_ip(&parts);
    // Password spraying across accounts from one address meets this limit; guessing one
    // account's password meets its lock-out.
    state.limits.sign_in(client).map_err(|limited| {
        let page = LoginFormState {
            username: username.clone(),
            error: None,
            problem: Some(FormProblem::RateLimited {
                minutes: limited.minutes(),
            }),
        };
        Refusal::limited(page, limited)
    })?;
    let now = now_millis();
    let client_text = client.to_string();
    // What was typed, bounded: the audit log records sign-ins by name.
    let typed: String = username.chars().take(64).collect();
    // A failed one by a keyed tag of what was typed, never the text: people type their
    // password into the name field. Repeated attempts with one name share the tag.
    let typed_tag = format!("typed:{}", state.audit_key.tag("sign-in name", &typed));
    let account_id = match check_password(&state.db, &username, form.password, now).await {
        Ok(account_id) => account_id,
        Err(SignInError::Refused(error)) => {
            state
                .audit(Entry {
                    actor: &typed_tag,
                    action: "sign_in_failed",
                    detail: refusal(error),
                    client: &client_text,
                    ..Entry::default()
                })
                .await;
            return Err(wrong(error, username));
        }
        Err(SignInError::Database(error)) => {
            return Err(unavailable(&state, &error, "signing in", username));
        }
    };
    let entry = Entry {
        actor_account_id: Some(account_id),
        actor: &typed,
        action: "sign_in",
        client: &client_text,
        ..Entry::default()
    };
    // A new session every time: a session id planted before sign-in is dropped.
    let old = read(&parts.headers, SESSION_COOKIE);
    let session = async {
        let token = sessions::create(
            &state.db,
            account_id,
            &client_text,
            old.as_deref(),
            (&state.audit_key, entry),
            now,
        )
        .await?;
        let member = sessions::load(&state.db, &token, state.sessions, now).await?;
        Ok::<_, sqlx::Error>((token, member))
    };
    let (token, member) = session
        .await
        .map_err(|error| unavailable(&state, &error, "signing in", username.clone()))?;
    tracing::info!(account = account_id, "password accepted");
    let next = member
        .as_ref()
        .map_or(paths::STAFF_LOGIN.as_str(), |m| m.next_page());
    Ok(Accepted::to(next).with_cookie(sessions::cookie(Some(&token), state.https)))
}

fn refusal(error: LoginError) -> &'static str {
    match error {
        LoginError::Wrong => "wrong password",
        LoginError::WrongCode => "wrong code",
        LoginError::Locked { .. } => "locked",
        LoginError::SignInAgain => "session ended",
    }
}

/// Signing out: the session ends first, and an entry saying "signed out" is written only
/// once it is true. The body is not read (the button sends none that matters).
pub async fn logout(State(state): State<AppState>, parts: Parts) -> Result<Accepted, Refused> {
    if let Some(token) = read(&parts.headers, SESSION_COOKIE) {
        let member = state.staff_member(&parts).await.ok().flatten();
        sessions::end(&state.db, &token)
            .await
            .map_err(|error| sign_out_failed(&state, &error))?;
        if let Some(member) = member {
            state
                .audit(Entry {
                    actor_account_id: Some(member.account_id),
                    actor: &member.username,
                    action: "sign_out",
                    ..Entry::default()
                })
                .await;
        }
    }
    Ok(signed_out(&state))
}

pub async fn logout_everywhere(
    State(state): State<AppState>,
    parts: Parts,
) -> Result<Accepted, Refused> {
    let member = state
        .staff_member(&parts)
        .await
        .map_err(|error| sign_out_failed(&state, &error))?;
    if let Some(member) = member {
        let ended = sessions::end_all(&state.db, member.account_id)
            .await
            .map_err(|error| sign_out_failed(&state, &error))?;
        let detail = format!("{ended} sessions ended");
        state
            .audit(Entry {
                actor_account_id: Some(member.account_id),
                actor: &member.username,
                action: "sign_out_everywhere",
                detail: &detail,
                ..Entry::default()
            })
            .await;
    }
    Ok(signed_out(&state))
}

fn signed_out(state: &AppState) -> Accepted {
    Accepted::to(paths::STAFF_LOGIN.as_str()).with_cookie(sessions::cookie(None, state.https))
}

/// Signing out did not happen: say so (503 for an outage) and keep the cookie, rather
/// than clear it here while the session stays valid on the server for whoever else
/// holds it.
fn sign_out_failed(state: &AppState, error: &sqlx::Error) -> Refused {
    let page = LoginFormState {
        username: String::new(),
        error: None,
        problem: Some(FormProblem::SignOutFailed),
    };
    Refusal::failed(state, error, "signing out", page).at(paths::STAFF_LOGIN.as_str())
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    code: String,
}

/// POST `/staff/login/code` (the code after the password) and `/staff/totp` (the first
/// code, which turns TOTP on): both check the code against the account's secret.
pub async fn code(
    State(state): State<AppState>,
    parts: Parts,
    Form(form): Form<CodeForm>,
) -> Result<Response, Refused> {
    second_factor(state, parts, form, false).await
}

pub async fn enrol(
    State(state): State<AppState>,
    parts: Parts,
    Form(form): Form<CodeForm>,
) -> Result<Response, Refused> {
    second_factor(state, parts, form, true).await
}

async fn second_factor(
    state: AppState,
    parts: Parts,
    form: CodeForm,
    enrolling: bool,
) -> Result<Response, Refused> {
    use app::staff::SecondFactor;
    let failed =
        |error: &sqlx::Error, doing: &str| unavailable(&state, error, doing, String::new());
    let member = state
        .staff_member(&parts)
        .await
        .map_err(|error| failed(&error, "loading a session"))?;
    let expected = if enrolling {
        SecondFactor::MustEnrol
    } else {
        SecondFactor::CodeNeeded
    };
    // Enrolling is also open to staff who need no second factor but want one (a
    // counter tablet is no one's to lock).
    let allowed = member.filter(|m| {
        m.second_factor == expected
            || (enrolling
                && m.second_factor == SecondFactor::NotRequired
                && m.may_enrol_second_factor())
    });
    let (Some(member), Some(token)) = (allowed, read(&parts.headers, SESSION_COOKIE)) else {
        return Ok(Accepted::to(paths::STAFF.as_str()).into_response());
    };
    let now = now_millis();
    match app::staff::auth::check_code(&state.db, member.account_id, &form.code, now).await {
        Ok(()) => {}
        Err(SignInError::Refused(error)) => {
            state
                .audit(Entry {
                    actor_account_id: Some(member.account_id),
                    actor: &member.username,
                    action: "second_factor_failed",
                    detail: refusal(error),
                    ..Entry::default()
                })
                .await;
            return Err(wrong(error, String::new()));
        }
        Err(SignInError::Database(error)) => return Err(failed(&error, "checking a code")),
    }
    if enrolling {
        app::staff::auth::enable_totp(&state.db, member.account_id)
            .await
            .map_err(|error| failed(&error, "turning on the second factor"))?;
    }
    sessions::second_factor_done(&state.db, &token)
        .await
        .map_err(|error| failed(&error, "a second-factor step"))?;
    state
        .audit(Entry {
            actor_account_id: Some(member.account_id),
            actor: &member.username,
            action: if enrolling {
                "totp_enabled"
            } else {
                "second_factor"
            },
            ..Entry::default()
        })
        .await;
    Ok(Accepted::to(paths::STAFF.as_str()).into_response())
}
