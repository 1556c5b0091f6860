//! The rating form: what it sends, and its validation into a [`RatingSubmission`], with
//! errors per field that the page shows inline in the resident's language.

use super::{PraiseTag, ProblemTag, RatingLevel, ServiceType};
use crate::i18n::Text;
use serde::{Deserialize, Serialize};

pub const MAX_COMMENT_CHARS: usize = 1000;
pub const MAX_CONTACT_CHARS: usize = 100;

/// The form's fields as typed; every field may be missing or wrong.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RatingForm {
    #[serde(default)]
    pub level: String,
    #[serde(default)]
    pub service_type: String,
    #[serde(default)]
    pub problems: Vec<String>,
    #[serde(default)]
    pub praise: Vec<String>,
    #[serde(default)]
    pub comment: String,
    #[serde(default)]
    pub contact: String,
    /// One per rendered form: a double tap stores one rating.
    #[serde(default)]
    pub token: String,
}

/// What the page shows after a refused submission: the values as typed and the errors.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RatingFormState {
    pub form: RatingForm,
    pub errors: Vec<RatingFieldError>,
    /// A problem with the submission as a whole.
    pub problem: Option<crate::components::form_errors::FormProblem>,
}

/// A valid rating, ready to store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RatingSubmission {
    pub level: RatingLevel,
    /// `None` only when a service code supplies it.
    pub service_type: Option<ServiceType>,
    pub problems: Vec<ProblemTag>,
    pub praise: Vec<PraiseTag>,
    pub comment: String,
    pub contact: Option<String>,
    pub token: String,
    /// Where it came from, as [`crate::signals::source_of`] keys it: set by the handler,
    /// never by the form.
    pub source: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RatingField {
    Level,
    ServiceType,
    Comment,
    Contact,
    Form,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RatingFieldError {
    ChooseALevel,
    ChooseAService,
    CommentTooLong,
    ContactTooLong,
    /// The hidden token is missing or malformed: the page was not ours.
    StaleForm,
}

impl RatingFieldError {
    pub fn field(self) -> RatingField {
        match self {
            RatingFieldError::ChooseALevel => RatingField::Level,
            RatingFieldError::ChooseAService => RatingField::ServiceType,
            RatingFieldError::CommentTooLong => RatingField::Comment,
            RatingFieldError::ContactTooLong => RatingField::Contact,
            RatingFieldError::StaleForm => RatingField::Form,
        }
    }

    pub fn text(self) -> Text {
        match self {
            RatingFieldError::ChooseALevel => {
                Text::new("请选择满意程度。", "Please choose how satisfied you are.")
            }
            RatingFieldError::ChooseAService => Text::new(
                "请选择服务类型。",
                "Please choose the service you received.",
            ),
            RatingFieldError::CommentTooLong => Text::new(
                "意见最多 1000 字。",
                "Comments can be at most 1,000 characters.",
            ),
            RatingFieldError::ContactTooLong => Text::new(
                "联系方式最多 100 字。",
                "Contact details can be at most 100 characters.",
            ),
            RatingFieldError::StaleForm => Text::new(
                "页面已过期，请重新提交。",
                "This page has expired. Please submit again.",
            ),
        }
    }
}

impl RatingForm {
    /// Validates the form. `service_known` is true when a service code supplies the service
    /// type, which the form then does not ask for. Tags that do not fit the chosen level
    /// (praise with a 差评, say) are dropped: the form shows both groups without JavaScript.
    pub fn validate(&self, service_known: bool) -> Result<RatingSubmission, Vec<RatingFieldError>> {
        let mut errors = Vec::new();
        let level = self
            .level
            .trim()
            .parse::<i64>()
            .ok()
            .and_then(RatingLevel::from_score);
        if level.is_none() {
            errors.push(RatingFieldError::ChooseALevel);
        }
        let service_type = ServiceType::parse(self.service_type.trim());
        if service_type.is_none() && !service_known {
            errors.push(RatingFieldError::ChooseAService);
        }
        let comment = self.comment.trim();
        if comment.chars().count() > MAX_COMMENT_CHARS {
            errors.push(RatingFieldError::CommentTooLong);
        }
        let contact = self.contact.trim();
        if contact.chars().count() > MAX_CONTACT_CHARS {
            errors.push(RatingFieldError::ContactTooLong);
        }
        let token = self.token.trim();
        if !crate::cases::request_form::valid_token(token) {
            errors.push(RatingFieldError::StaleForm);
        }
        let Some(level) = level.filter(|_| errors.is_empty()) else {
            return Err(errors);
        };
        let mut problems: Vec<ProblemTag> = ProblemTag::ALL
            .iter()
            .copied()
            .filter(|tag| self.problems.iter().any(|code| code == tag.code()))
            .collect();
        let mut praise: Vec<PraiseTag> = PraiseTag::ALL
            .iter()
            .copied()
            .filter(|tag| self.praise.iter().any(|code| code == tag.code()))
            .collect();
        if !level.asks_what_went_wrong() {
            problems.clear();
        }
        if !level.asks_what_went_well() {
            praise.clear();
        }
        Ok(RatingSubmission {
            level,
            service_type: if service_known { None } else { service_type },
            problems,
            praise,
            comment: comment.to_string(),
            contact: (!contact.is_empty()).then(|| contact.to_string()),
            token: token.to_string(),
            source: None,
        })
    }
}

impl RatingSubmission {
    /// Everything the resident submitted, for the submission's key.
    pub fn content(&self) -> Vec<String> {
        let mut parts = vec![
            self.level.score().to_string(),
            self.service_type
                .map(|s| s.code())
                .unwrap_or_default()
                .to_string(),
            self.comment.clone(),
            self.contact.clone().unwrap_or_default(),
        ];
        parts.extend(self.problems.iter().map(|t| t.code().to_string()));
        parts.extend(self.praise.iter().map(|t| t.code().to_string()));
        parts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(level: &str) -> RatingForm {
        RatingForm {
            level: level.into(),
            service_type: "counter".into(),
            token: "0123456789abcdef0123".into(),
            ..RatingForm::default()
        }
    }

    #[test]
    fn a_complete_form_is_valid() {
        let submission = form("5").validate(false).unwrap();
        assert_eq!(submission.level, RatingLevel::VerySatisfied);
        assert_eq!(submission.service_type, Some(ServiceType::Counter));
        assert_eq!(submission.contact, None);
    }

    #[test]
    fn missing_fields_are_named_together() {
        let errors = RatingForm::default().validate(false).unwrap_err();
        assert_eq!(
            errors,
            [
                RatingFieldError::ChooseALevel,
                RatingFieldError::ChooseAService,
                RatingFieldError::StaleForm
            ]
        );
        // With a service code the service type is known.
        let mut with_code = form("3");
        with_code.service_type.clear();
        assert!(with_code.validate(true).is_ok());
    }

    #[test]
    fn out_of_range_levels_and_unknown_services_are_refused() {
        for level in ["0", "6", "-1", "x", "4.5"] {
            assert_eq!(
                form(level).validate(false).unwrap_err(),
                [RatingFieldError::ChooseALevel],
                "{level}"
            );
        }
        let mut unknown = form("4");
        unknown.service_type = "bribe".into();
        assert_eq!(
            unknown.validate(false).unwrap_err(),
            [RatingFieldError::ChooseAService]
        );
    }

    #[test]
    fn length_limits_count_characters_not_bytes() {
        let mut chinese = form("2");
        chinese.comment = "很".repeat(MAX_COMMENT_CHARS);
        assert!(chinese.validate(false).is_ok());
        chinese.comment.push('好');
        assert_eq!(
            chinese.validate(false).unwrap_err(),
            [RatingFieldError::CommentTooLong]
        );
        let mut contact = form("2");
        contact.contact = "1".repeat(MAX_CONTACT_CHARS + 1);
        assert_eq!(
            contact.validate(false).unwrap_err(),
            [RatingFieldError::ContactTooLong]
        );
    }

    #[test]
    fn tags_are_kept_only_where_they_fit_the_level() {
        let mut bad = form("1");
        bad.problems = vec!["rude".into(), "rude".into(), "nonsense".into()];
        bad.praise = vec!["attitude".into()];
        let submission = bad.validate(false).unwrap();
        assert_eq!(submission.problems, [ProblemTag::Rude]);
        assert!(submission.praise.is_empty());

        let mut good = form("5");
        good.problems = vec!["rude".into()];
        good.praise = vec!["efficiency".into(), "fairness".into()];
        let submission = good.validate(false).unwrap();
        assert!(submission.problems.is_empty());
        assert_eq!(
            submission.praise,
            [PraiseTag::Efficiency, PraiseTag::Fairness]
        );
    }

    #[test]
    fn a_missing_or_odd_token_is_a_stale_form() {
        for token in ["", "short", "has spaces in it 123", &"x".repeat(65)] {
            let mut stale = form("4");
            stale.token = token.into();
            assert_eq!(
                stale.validate(false).unwrap_err(),
                [RatingFieldError::StaleForm],
                "{token}"
            );
        }
    }
}
