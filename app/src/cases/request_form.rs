//! The request form (诉求) at `/request/new`: what it sends, and its validation into a
//! [`RequestSubmission`] with errors per field, in both languages.

use super::CaseKind;
use crate::i18n::Text;
use crate::stations::{BadgeNumber, StationSlug};
use serde::{Deserialize, Serialize};

pub const MAX_SUBJECT_CHARS: usize = 100;
pub const MAX_DESCRIPTION_CHARS: usize = 4000;
pub const MAX_PLACE_CHARS: usize = 200;
pub const MAX_NAME_CHARS: usize = 50;
pub const MAX_PHONE_CHARS: usize = 20;
pub const MAX_EMAIL_CHARS: usize = 254;
/// The station choice that sends a request to the bureau's triage.
pub const STATION_NOT_SURE: &str = "unsure";

/// The form's fields as typed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestForm {
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub station: String,
    #[serde(default)]
    pub place: String,
    #[serde(default)]
    pub subject: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub badge: String,
    #[serde(default)]
    pub contact_name: String,
    #[serde(default)]
    pub contact_phone: String,
    #[serde(default)]
    pub contact_email: String,
    /// A checkbox: present when ticked.
    #[serde(default)]
    pub anonymous: Option<String>,
    /// A checkbox, for a commendation naming an officer: the resident agrees to its
    /// publication with the officer's name. Never ticked in advance.
    #[serde(default)]
    pub publish_name: Option<String>,
    #[serde(default)]
    pub token: String,
}

impl Default for RequestForm {
    /// A fresh form: anonymous unless the resident says otherwise.
    fn default() -> Self {
        RequestForm {
            kind: String::new(),
            station: String::new(),
            place: String::new(),
            subject: String::new(),
            description: String::new(),
            badge: String::new(),
            contact_name: String::new(),
            contact_phone: String::new(),
            contact_email: String::new(),
            anonymous: Some("on".into()),
            publish_name: None,
            token: String::new(),
        }
    }
}

/// A valid request, ready to store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestSubmission {
    pub kind: CaseKind,
    /// `None`: the resident was not sure; the bureau triages it.
    pub station: Option<StationSlug>,
    pub place: String,
    pub subject: String,
    pub description: String,
    pub badge: Option<BadgeNumber>,
    pub contact_name: Option<String>,
    pub contact_phone: Option<String>,
    pub contact_email: Option<String>,
    pub anonymous: bool,
    /// A commendation naming an officer that may be published with the name.
    pub publish_name: bool,
    pub token: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RequestField {
    Kind,
    Station,
    Place,
    Subject,
    Description,
    Badge,
    ContactName,
    ContactPhone,
    ContactEmail,
}

impl RequestField {
    /// The form control's id, for labels and the error summary's links.
    pub fn id(self) -> &'static str {
        match self {
            RequestField::Kind => "kind",
            RequestField::Station => "station",
            RequestField::Place => "place",
            RequestField::Subject => "subject",
            RequestField::Description => "description",
            RequestField::Badge => "badge",
            RequestField::ContactName => "contact_name",
            RequestField::ContactPhone => "contact_phone",
            RequestField::ContactEmail => "contact_email",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RequestFieldError {
    ChooseAKind,
    UnknownStation,
    PlaceTooLong,
    SubjectMissing,
    SubjectTooLong,
    DescriptionMissing,
    DescriptionTooLong,
    BadgeInvalid,
    UnknownBadge,
    NameTooLong,
    PhoneInvalid,
    EmailInvalid,
    /// The hidden token is missing or malformed.
    StaleForm,
}

impl RequestFieldError {
    pub fn field(self) -> RequestField {
        use RequestFieldError::*;
        match self {
            ChooseAKind | StaleForm => RequestField::Kind,
            UnknownStation => RequestField::Station,
            PlaceTooLong => RequestField::Place,
            SubjectMissing | SubjectTooLong => RequestField::Subject,
            DescriptionMissing | DescriptionTooLong => RequestField::Description,
            BadgeInvalid | UnknownBadge => RequestField::Badge,
            NameTooLong => RequestField::ContactName,
            PhoneInvalid => RequestField::ContactPhone,
            EmailInvalid => RequestField::ContactEmail,
        }
    }

    pub fn text(self) -> Text {
        use RequestFieldError::*;
        match self {
            ChooseAKind => Text::new(
                "请选择诉求类型。",
                "Please choose what kind of request this is.",
            ),
            UnknownStation => Text::new(
                "请从列表中选择派出所。",
                "Please choose a station from the list.",
            ),
            PlaceTooLong => Text::new(
                "地点最多 200 字。",
                "The place can be at most 200 characters.",
            ),
            SubjectMissing => Text::new("请填写标题。", "Please give your request a subject."),
            SubjectTooLong => Text::new(
                "标题最多 100 字。",
                "The subject can be at most 100 characters.",
            ),
            DescriptionMissing => Text::new("请描述具体情况。", "Please describe what happened."),
            DescriptionTooLong => Text::new(
                "具体情况最多 4000 字。",
                "The description can be at most 4,000 characters.",
            ),
            BadgeInvalid => Text::new("警号为 6 位数字。", "A badge number has 6 digits."),
            UnknownBadge => Text::new(
                "没有这个警号的民警，请核对或留空。",
                "There is no officer with this badge number. Check it or leave it empty.",
            ),
            NameTooLong => Text::new("称呼最多 50 字。", "The name can be at most 50 characters."),
            PhoneInvalid => Text::new(
                "电话号码只能包含数字、空格、+ 和 -，最多 20 位。",
                "A phone number has only digits, spaces, + and -, at most 20 characters.",
            ),
            EmailInvalid => Text::new(
                "邮箱地址格式不正确。",
                "This does not look like an email address.",
            ),
            StaleForm => Text::new(
                "页面已过期，请重新提交。",
                "This page has expired. Please submit again.",
            ),
        }
    }
}

/// Trims, and refuses more than `max` characters.
fn bounded(value: &str, max: usize) -> Result<&str, ()> {
    let value = value.trim();
    if value.chars().count() > max {
        Err(())
    } else {
        Ok(value)
    }
}

fn optional(value: &str) -> Option<String> {
    (!value.is_empty()).then(|| value.to_string())
}

fn valid_phone(phone: &str) -> bool {
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    phone.chars().count() <= MAX_PHONE_CHARS
        && digits >= 5
        && phone
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '+' | '-'))
}

/// Deliberately loose: one `@`, something before it, a dotted domain after, no spaces.
/// The confirmation email (issue "notifications") is the real check.
pub fn valid_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    email.len() <= MAX_EMAIL_CHARS
        && !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// A form token: 16 to 64 letters, digits or hyphens.
pub fn valid_token(token: &str) -> bool {
    (16..=64).contains(&token.len())
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

impl RequestForm {
    pub fn validate(&self) -> Result<RequestSubmission, Vec<RequestFieldError>> {
        use RequestFieldError::*;
        let mut errors = Vec::new();
        let kind =
            CaseKind::parse(self.kind.trim()).filter(|k| CaseKind::FILED_BY_RESIDENTS.contains(k));
        if kind.is_none() {
            errors.push(ChooseAKind);
        }
        let station = match self.station.trim() {
            "" | STATION_NOT_SURE => None,
            slug => {
                let parsed = StationSlug::parse(slug);
                if parsed.is_none() {
                    errors.push(UnknownStation);
                }
                parsed
            }
        };
        let place = bounded(&self.place, MAX_PLACE_CHARS).unwrap_or_else(|()| {
            errors.push(PlaceTooLong);
            ""
        });
        let subject = match bounded(&self.subject, MAX_SUBJECT_CHARS) {
            Ok("") => {
                errors.push(SubjectMissing);
                ""
            }
            Ok(subject) => subject,
            Err(()) => {
                errors.push(SubjectTooLong);
                ""
            }
        };
        let description = match bounded(&self.description, MAX_DESCRIPTION_CHARS) {
            Ok("") => {
                errors.push(DescriptionMissing);
                ""
            }
            Ok(description) => description,
            Err(()) => {
                errors.push(DescriptionTooLong);
                ""
            }
        };
        let badge = match self.badge.trim() {
            "" => None,
            badge => {
                let parsed = BadgeNumber::parse(badge);
                if parsed.is_none() {
                    errors.push(BadgeInvalid);
                }
                parsed
            }
        };
        let name = bounded(&self.contact_name, MAX_NAME_CHARS).unwrap_or_else(|()| {
            errors.push(NameTooLong);
            ""
        });
        let phone = self.contact_phone.trim();
        if !phone.is_empty() && !valid_phone(phone) {
            errors.push(PhoneInvalid);
        }
        let email = self.contact_email.trim();
        if !email.is_empty() && !valid_email(email) {
            errors.push(EmailInvalid);
        }
        if !valid_token(self.token.trim()) {
            errors.push(StaleForm);
        }
        let Some(kind) = kind.filter(|_| errors.is_empty()) else {
            return Err(errors);
        };
        // Consent to name an officer means something only on a commendation naming one.
        let publish_name =
            kind == CaseKind::Commendation && badge.is_some() && self.publish_name.is_some();
        Ok(RequestSubmission {
            kind,
            station,
            place: place.to_string(),
            subject: subject.to_string(),
            description: description.to_string(),
            badge,
            contact_name: optional(name),
            contact_phone: optional(phone),
            contact_email: optional(email),
            anonymous: self.anonymous.is_some(),
            publish_name,
            token: self.token.trim().to_string(),
        })
    }
}

impl RequestSubmission {
    /// Everything the resident submitted, for the submission's key.
    pub fn content(&self) -> Vec<String> {
        vec![
            self.kind.code().to_string(),
            self.station
                .as_ref()
                .map(|s| s.to_string())
                .unwrap_or_default(),
            self.place.clone(),
            self.subject.clone(),
            self.description.clone(),
            self.badge
                .as_ref()
                .map(|b| b.to_string())
                .unwrap_or_default(),
            self.contact_name.clone().unwrap_or_default(),
            self.contact_phone.clone().unwrap_or_default(),
            self.contact_email.clone().unwrap_or_default(),
            self.anonymous.to_string(),
            self.publish_name.to_string(),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> RequestForm {
        RequestForm {
            kind: "help".into(),
            station: "qishan".into(),
            subject: "路灯坏了".into(),
            description: "东街路口的路灯一周没亮。".into(),
            token: "0123456789abcdef0123".into(),
            ..RequestForm::default()
        }
    }

    #[test]
    fn a_complete_form_is_valid_and_anonymous_by_default() {
        let submission = form().validate().unwrap();
        assert_eq!(submission.kind, CaseKind::Help);
        assert_eq!(submission.station.unwrap().as_ref(), "qishan");
        assert!(submission.anonymous);
        assert_eq!(submission.contact_email, None);
    }

    #[test]
    fn only_a_commendation_naming_an_officer_is_published_and_only_when_ticked() {
        let mut f = form();
        f.kind = "commendation".into();
        f.badge = "100001".into();
        assert!(!f.validate().unwrap().publish_name, "never assumed");
        f.publish_name = Some("on".into());
        assert!(f.validate().unwrap().publish_name);
        f.badge = String::new();
        assert!(!f.validate().unwrap().publish_name, "no officer, no name");
        f.badge = "100001".into();
        f.kind = "complaint".into();
        assert!(!f.validate().unwrap().publish_name);
    }

    #[test]
    fn not_sure_goes_to_the_bureau() {
        let mut f = form();
        f.station = STATION_NOT_SURE.into();
        assert_eq!(f.validate().unwrap().station, None);
    }

    #[test]
    fn every_bad_field_is_named() {
        let f = RequestForm {
            kind: "rating_review".into(),
            station: "Not A Slug!".into(),
            place: "x".repeat(201),
            subject: "  ".into(),
            description: "字".repeat(4001),
            badge: "12".into(),
            contact_name: "n".repeat(51),
            contact_phone: "call me".into(),
            contact_email: "nobody@".into(),
            anonymous: None,
            publish_name: None,
            token: String::new(),
        };
        let errors = f.validate().unwrap_err();
        use RequestFieldError::*;
        assert_eq!(
            errors,
            [
                ChooseAKind,
                UnknownStation,
                PlaceTooLong,
                SubjectMissing,
                DescriptionTooLong,
                BadgeInvalid,
                NameTooLong,
                PhoneInvalid,
                EmailInvalid,
                StaleForm
            ]
        );
    }

    #[test]
    fn limits_count_characters_not_bytes() {
        let mut f = form();
        f.description = "字".repeat(MAX_DESCRIPTION_CHARS);
        f.subject = "题".repeat(MAX_SUBJECT_CHARS);
        assert!(f.validate().is_ok());
    }

    #[test]
    fn contact_formats() {
        assert!(valid_phone("+86 138-0013-8000"));
        assert!(!valid_phone("12"));
        assert!(valid_email("li.lei@example.cn"));
        assert!(!valid_email("li lei@example.cn"));
        assert!(!valid_email("li@localhost"));
    }
}
