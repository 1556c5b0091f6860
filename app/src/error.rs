//! The error type every server function returns. It crosses the wire, so it carries only
//! what the client may see: an internal error's details are logged on the server, never
//! sent.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use leptos::server_fn::{Bytes, Encodes};
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

    /// Encodes the error for the client. On the server this is also where the answer's
    /// status is set from the error, once for every server function, so none has to
    /// remember to (a database outage answers 503, never the transport's default 500).
    fn ser(&self) -> Bytes {
        #[cfg(feature = "ssr")]
        if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
            response.set_status(self.status());
        }
        <JsonEncoding as Encodes<AppError>>::encode(self).unwrap_or_else(|error| {
            let fallback = AppError::Transport(ServerFnErrorErr::Serialization(error.to_string()));
            <JsonEncoding as Encodes<AppError>>::encode(&fallback).unwrap_or_default()
        })
    }
}

impl AppError {
    /// The HTTP status this error answers with (a page rendering it sets it too).
    pub fn http_status(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::Unauthorized => 401,
            AppError::Forbidden => 403,
            AppError::Invalid(_) => 400,
            AppError::Conflict => 409,
            AppError::TooManyRequests => 429,
            AppError::Unavailable => 503,
            AppError::Internal | AppError::Transport(_) => 500,
        }
    }

    #[cfg(feature = "ssr")]
    pub fn status(&self) -> http::StatusCode {
        http::StatusCode::from_u16(self.http_status())
            .unwrap_or(http::StatusCode::INTERNAL_SERVER_ERROR)
    }
}
