//! The answer to an accepted POST.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// 303 to the next page, with the cookies it needs. The enhanced form island gets 204
/// naming the page instead ([`super::answers`]).
#[must_use]
pub struct Accepted {
    location: String,
    cookies: Vec<String>,
}

impl Accepted {
    pub fn to(location: impl Into<String>) -> Accepted {
        Accepted {
            location: location.into(),
            cookies: Vec::new(),
        }
    }

    /// Adds a `Set-Cookie` header.
    pub fn with_cookie(mut self, cookie: String) -> Accepted {
        self.cookies.push(cookie);
        self
    }
}

impl IntoResponse for Accepted {
    fn into_response(self) -> Response {
        let mut response = StatusCode::SEE_OTHER.into_response();
        let headers = response.headers_mut();
        if let Ok(value) = HeaderValue::from_str(&self.location) {
            headers.insert(header::LOCATION, value);
        }
        for cookie in self.cookies {
            if let Ok(value) = HeaderValue::from_str(&cookie) {
                headers.append(header::SET_COOKIE, value);
            }
        }
        response
    }
}
