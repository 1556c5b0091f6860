//! The error type every server function returns. It crosses the wire, so it carries only
//! what the client may see: an internal error's details are logged on the server, never
//! sent.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
pub enum AppError {
    /// 404: the object does not exist (or the caller may not know that it does).
    #[error("not found")]
    NotFound,
    /// 401: sign in first.
    #[error("sign in first")]
    Unauthorized,
    /// 403: signed in, but this is not the caller's to do.
    #[error("forbidden")]
    Forbidden,
    /// 400: the input failed validation; the message names the problem.
    #[error("invalid input: {0}")]
    Invalid(String),
    /// 409: the change collides with one made at the same time (a key already taken).
    #[error("conflict")]
    Conflict,
    /// 429: too many attempts from this client; try again later.
    #[error("too many requests")]
    TooManyRequests,
    /// 503: the database or another dependency is unavailable.
    #[error("service unavailable")]
    Unavailable,
    /// 500: an unexpected failure, already logged with its details.
    #[error("internal error")]
    Internal,
    /// The server-function transport failed (network, encoding); status as it came.
    #[error("{0}")]
    Transport(ServerFnErrorErr),
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        AppError::Transport(value)
    }
}

#[cfg(feature = "ssr")]
impl AppError {
    /// The HTTP status this error answers with.
    pub fn status(&self) -> http::StatusCode {
        use http::StatusCode;
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Unauthorized => StatusCode::UNAUTHORIZED,
            AppError::Forbidden => StatusCode::FORBIDDEN,
            AppError::Invalid(_) => StatusCode::BAD_REQUEST,
            AppError::Conflict => StatusCode::CONFLICT,
            AppError::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
            AppError::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal | AppError::Transport(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// Sets the response status from the error; server functions end with
    /// `.map_err(AppError::with_status)`.
    pub fn with_status(self) -> Self {
        if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(self.status());
        }
        self
    }
}
