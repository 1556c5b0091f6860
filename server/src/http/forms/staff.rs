//! POST `/staff/login`, `/staff/logout` and `/staff/logout-everywhere`.

use super::{
    accepted, failed_status, read_request, render_page, render_page_at, see_other, too_many,
    with_cookie,
};
use app::audit::Entry;
use app::components::form_errors::FormProblem;
use app::cookies::read;
use app::db::now_millis;
use app::staff::auth::{SignInError, check_password};
use app::staff::sessions::{self, SESSION_COOKIE};
use app::staff::{LoginError, LoginForm, LoginFormState};
use app::state::AppState;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::Response;

pub async fn login(State(state): State<AppState>, request: Request) -> Response {
    let (parts, form): (Parts, LoginForm) = read_request(request).await;
    let again = |form_state: LoginFormState, status: StatusCode| {
        render_page(&state, &parts, form_state, status)
    };
    let username = form.username.trim().to_string();
    let client = state.client_ip(&parts);
    // Password spraying across accounts from one address meets this limit; guessing one
    // account's password meets its lock-out.
    if let Err(limited) = state.limits.sign_in(client) {
        let refused = LoginFormState {
            username,
            error: None,
            problem: Some(FormProblem::RateLimited {
                minutes: limited.minutes(),
            }),
        };
        return too_many(again(refused, StatusCode::TOO_MANY_REQUESTS).await, limited);
    }
    let now = now_millis();
    let client_text = client.to_string();
    // What was typed, bounded: the audit log records failed sign-ins by name too.
    let typed: String = username.chars().take(64).collect();
    match check_password(&state.db, &username, form.password, now).await {
        Ok(account_id) => {
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
            match session.await {
                Ok((token, member)) => {
                    tracing::info!(account = account_id, "password accepted");
                    let next = member.as_ref().map_or("/staff/login", |m| m.next_page());
                    with_cookie(
                        accepted(&parts, next),
                        &sessions::cookie(Some(&token), state.https),
                    )
                }
                Err(error) => {
                    let status = failed_status(&state, &error, "signing in");
                    unavailable(again, username, status).await
                }
            }
        }
        Err(SignInError::Refused(error)) => {
            let status = refused_status(error);
            state
                .audit(Entry {
                    actor: &typed,
                    action: "sign_in_failed",
                    detail: refusal(error),
                    client: &client_text,
                    ..Entry::default()
                })
                .await;
            let refused = LoginFormState {
                username,
                error: Some(error),
                problem: None,
            };
            again(refused, status).await
        }
        Err(SignInError::Database(error)) => {
            let status = failed_status(&state, &error, "signing in");
            unavailable(again, username, status).await
        }
    }
}

/// A locked account waits (429); anything else is wrong input (422).
fn refused_status(error: LoginError) -> StatusCode {
    match error {
        LoginError::Locked { .. } => StatusCode::TOO_MANY_REQUESTS,
        _ => StatusCode::UNPROCESSABLE_ENTITY,
    }
}

fn refusal(error: LoginError) -> &'static str {
    match error {
        LoginError::Wrong => "wrong password",
        LoginError::WrongCode => "wrong code",
        LoginError::Locked { .. } => "locked",
        LoginError::SignInAgain => "session ended",
    }
}

/// The sign-in form again after a database failure: 503 for an outage, 500 for a fault.
async fn unavailable<F, Fut>(again: F, username: String, status: StatusCode) -> Response
where
    F: Fn(LoginFormState, StatusCode) -> Fut,
    Fut: std::future::Future<Output = Response>,
{
    let refused = LoginFormState {
        username,
        error: None,
        problem: Some(FormProblem::SaveFailed),
    };
    again(refused, status).await
}

pub async fn logout(State(state): State<AppState>, request: Request) -> Response {
    let (parts, _): (Parts, LoginForm) = read_request(request).await;
    if let Some(token) = read(&parts.headers, SESSION_COOKIE) {
        let member = state.staff_member(&parts).await.ok().flatten();
        // The session ends first: an entry saying "signed out" is written only once it is
        // true, and a session that could not be ended is not reported as ended.
        if let Err(error) = sessions::end(&state.db, &token).await {
            return sign_out_failed(&state, &parts, &error).await;
        }
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
    with_cookie(
        see_other("/staff/login"),
        &sessions::cookie(None, state.https),
    )
}

pub async fn logout_everywhere(State(state): State<AppState>, request: Request) -> Response {
    let (parts, _): (Parts, LoginForm) = read_request(request).await;
    let member = match state.staff_member(&parts).await {
        Ok(member) => member,
        Err(error) => return sign_out_failed(&state, &parts, &error).await,
    };
    if let Some(member) = member {
        match sessions::end_all(&state.db, member.account_id).await {
            Ok(ended) => {
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
            Err(error) => return sign_out_failed(&state, &parts, &error).await,
        }
    }
    with_cookie(
        see_other("/staff/login"),
        &sessions::cookie(None, state.https),
    )
}

/// Signing out did not happen: say so (503 for an outage) and keep the cookie, rather
/// than clear it here while the session stays valid on the server for whoever else
/// holds it.
async fn sign_out_failed(state: &AppState, parts: &Parts, error: &sqlx::Error) -> Response {
    let status = failed_status(state, error, "signing out");
    let page = LoginFormState {
        username: String::new(),
        error: None,
        problem: Some(FormProblem::SignOutFailed),
    };
    render_page_at(state, parts, "/staff/login", page, status).await
}

#[derive(Debug, Default, serde::Deserialize)]
pub struct CodeForm {
    #[serde(default)]
    code: String,
}

/// POST `/staff/login/code` (the code after the password) and `/staff/totp` (the first
/// code, which turns TOTP on): both check the code against the account's secret.
pub async fn code(State(state): State<AppState>, request: Request) -> Response {
    second_factor(state, request, false).await
}

pub async fn enrol(State(state): State<AppState>, request: Request) -> Response {
    second_factor(state, request, true).await
}

async fn second_factor(state: AppState, request: Request, enrolling: bool) -> Response {
    use app::staff::SecondFactor;
    let (parts, form): (Parts, CodeForm) = read_request(request).await;
    let member = match state.staff_member(&parts).await {
        Ok(member) => member,
        Err(error) => {
            let status = failed_status(&state, &error, "loading a session");
            let page = LoginFormState {
                problem: Some(FormProblem::SaveFailed),
                ..LoginFormState::default()
            };
            return render_page(&state, &parts, page, status).await;
        }
    };
    let expected = if enrolling {
        SecondFactor::MustEnrol
    } else {
        SecondFactor::CodeNeeded
    };
    // Enrolling is also open to staff who need no second factor but want one.
    let allowed = member.filter(|m| {
        m.second_factor == expected || (enrolling && m.second_factor == SecondFactor::NotRequired)
    });
    let (Some(member), Some(token)) = (allowed, read(&parts.headers, SESSION_COOKIE)) else {
        return see_other("/staff");
    };
    let again = |form_state: LoginFormState, status: StatusCode| {
        render_page(&state, &parts, form_state, status)
    };
    let now = now_millis();
    let checked = app::staff::auth::check_code(&state.db, member.account_id, &form.code, now).await;
    let done = match checked {
        Ok(()) => {
            let enabled = if enrolling {
                app::staff::auth::enable_totp(&state.db, member.account_id).await
            } else {
                Ok(())
            };
            match enabled {
                Ok(()) => sessions::second_factor_done(&state.db, &token).await,
                Err(error) => Err(error),
            }
        }
        Err(SignInError::Refused(error)) => {
            let status = refused_status(error);
            state
                .audit(Entry {
                    actor_account_id: Some(member.account_id),
                    actor: &member.username,
                    action: "second_factor_failed",
                    detail: refusal(error),
                    ..Entry::default()
                })
                .await;
            let refused = LoginFormState {
                username: String::new(),
                error: Some(error),
                problem: None,
            };
            return again(refused, status).await;
        }
        Err(SignInError::Database(error)) => Err(error),
    };
    match done {
        Ok(()) => {
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
            accepted(&parts, "/staff")
        }
        Err(error) => {
            let status = failed_status(&state, &error, "a second-factor step");
            unavailable(again, String::new(), status).await
        }
    }
}
