//! The form extractor: an `application/x-www-form-urlencoded` body with repeated keys
//! (checkboxes), read whole or refused.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;

/// A form body, decoded into `T`.
pub struct Form<T>(pub T);

/// Why a body was not read. The page is not rendered again: what was sent cannot be
/// shown back.
#[derive(Debug)]
pub enum FormRejection {
    /// 413: over the body limit.
    TooLarge,
    /// 400: not readable as this form (cut off, bad percent-encoding, invalid UTF-8).
    Unreadable,
}

impl IntoResponse for FormRejection {
    fn into_response(self) -> Response {
        let (status, text) = match self {
            FormRejection::TooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "提交的内容太长。请返回，缩短后再提交。\nThe form was too large. Go back, shorten it and send it again.",
            ),
            FormRejection::Unreadable => (
                StatusCode::BAD_REQUEST,
                "无法读取提交的表单。请返回重新提交。\nThe form could not be read. Go back and send it again.",
            ),
        };
        (status, text).into_response()
    }
}

impl<T, S> FromRequest<S> for Form<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = FormRejection;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let body = Bytes::from_request(request, state)
            .await
            .map_err(|rejection| {
                if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                    FormRejection::TooLarge
                } else {
                    FormRejection::Unreadable
                }
            })?;
        parse_form(&body).map(Form).ok_or(FormRejection::Unreadable)
    }
}

/// Decodes a urlencoded body, or `None` when it is not one.
pub fn parse_form<T: DeserializeOwned>(body: &[u8]) -> Option<T> {
    if !decodes_to_utf8(body) {
        return None;
    }
    serde_html_form::from_bytes(body).ok()
}

/// Whether a urlencoded body decodes to valid UTF-8. The form parser would quietly turn
/// `%FF` into U+FFFD; such a body is refused instead, like raw invalid bytes.
fn decodes_to_utf8(body: &[u8]) -> bool {
    let hex = |b: u8| (b as char).to_digit(16).map(|d| d as u8);
    let mut decoded = Vec::with_capacity(body.len());
    let mut i = 0;
    while i < body.len() {
        match body[i] {
            b'%' if i + 2 < body.len() => match (hex(body[i + 1]), hex(body[i + 2])) {
                (Some(high), Some(low)) => {
                    decoded.push(high << 4 | low);
                    i += 3;
                    continue;
                }
                _ => decoded.push(b'%'),
            },
            b'+' => decoded.push(b' '),
            byte => decoded.push(byte),
        }
        i += 1;
    }
    std::str::from_utf8(&decoded).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug, Default, PartialEq)]
    struct Sample {
        #[serde(default)]
        body: String,
        #[serde(default)]
        tag: Vec<String>,
    }

    #[test]
    fn percent_encoded_bytes_must_decode_to_utf8() {
        assert!(decodes_to_utf8(b"body=%E4%BD%A0%E5%A5%BD+ok&x=100%"));
        assert!(decodes_to_utf8(b"a=%zz"));
        assert!(!decodes_to_utf8(b"body=%FF%FE"));
        assert!(!decodes_to_utf8(b"body=%E4%BD"));
        assert!(!decodes_to_utf8(&[b'a', b'=', 0xff]));
    }

    #[test]
    fn a_form_reads_whole_or_not_at_all() {
        let read: Sample = parse_form(b"body=%E4%BD%A0&tag=a&tag=b").unwrap();
        assert_eq!(read.body, "你");
        assert_eq!(read.tag, ["a", "b"]);
        assert!(parse_form::<Sample>(b"body=%FF").is_none());
        assert_eq!(parse_form::<Sample>(b"").unwrap(), Sample::default());
    }
}
