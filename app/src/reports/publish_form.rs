//! The leader's publish form: the "you said, we did" items and, for a correction, the
//! public note. Parsed here, on both sides, so the page can show what was typed.

use super::model::SaidDid;
use crate::i18n::Text;
use serde::{Deserialize, Serialize};

/// How many "you said, we did" items a report carries.
pub const MAX_ITEMS: usize = 5;
pub const MAX_ITEM_CHARS: usize = 300;
pub const MAX_NOTE_CHARS: usize = 500;

/// The form as typed: `said` and `did` repeat, one pair per item.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishForm {
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub said: Vec<String>,
    #[serde(default)]
    pub did: Vec<String>,
}

/// Why a publication was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PublishError {
    MonthNotOver,
    NoteRequired,
    NoteTooLong,
    ItemTooLong,
    ItemHalf,
    /// Someone published this month meanwhile: look again before publishing.
    PublishedMeanwhile,
    /// The fraud signals job has not yet read the whole month.
    SignalsNotChecked,
    /// A signal about the month's ratings waits for the inspectors.
    SignalsOpen,
    /// The database could not store it just now; nothing was published.
    SaveFailed,
}

impl PublishError {
    pub fn text(self) -> Text {
        match self {
            PublishError::MonthNotOver => Text::new(
                "本月尚未结束，月度报告须待月底之后发布。",
                "This month is not over yet: a month's report is published after it ends.",
            ),
            PublishError::NoteRequired => Text::new(
                "更正须填写公开说明：改了什么、为什么改。",
                "A correction needs a public note: what changed and why.",
            ),
            PublishError::NoteTooLong => Text::new(
                "说明不能超过 500 字。",
                "The note may be at most 500 characters.",
            ),
            PublishError::ItemTooLong => Text::new(
                "每条“群众说、我们改”不能超过 300 字。",
                "Each \"you said, we did\" entry may be at most 300 characters.",
            ),
            PublishError::ItemHalf => Text::new(
                "每条“群众说、我们改”须同时填写群众意见和整改措施。",
                "Each \"you said, we did\" item needs both what residents said and what was done.",
            ),
            PublishError::PublishedMeanwhile => Text::new(
                "刚有人发布了本月报告，请查看最新版本后再发布。",
                "Someone has just published this month: look at the latest version before publishing again.",
            ),
            PublishError::SignalsNotChecked => Text::new(
                "本月评价的异常检查尚未完成：服务器每 10 分钟检查一次，月末最后一天的评价要到次月 2 日才能查完，请稍后再发布。",
                "This month's ratings have not all been checked for fraud signals yet: the server checks every 10 minutes, and the month's last day is checked in full on the 2nd of the next month. Please publish a little later.",
            ),
            PublishError::SignalsOpen => Text::new(
                "本月有评价异常信号等待督察审查；审查完毕后方可发布，发布后的数字不再更改。",
                "Rating signals about this month wait for the inspectors: the month can be published once they are reviewed, since published figures do not change.",
            ),
            PublishError::SaveFailed => crate::i18n::messages::SAVE_FAILED,
        }
    }
}

impl PublishForm {
    /// The items and the note, checked. `correction` is true when a version exists.
    pub fn parse(&self, correction: bool) -> Result<(Vec<SaidDid>, String), PublishError> {
        let note = self.note.trim().to_string();
        if note.chars().count() > MAX_NOTE_CHARS {
            return Err(PublishError::NoteTooLong);
        }
        if correction && note.is_empty() {
            return Err(PublishError::NoteRequired);
        }
        let mut items = Vec::new();
        for i in 0..self.said.len().max(self.did.len()).min(MAX_ITEMS) {
            let said = self.said.get(i).map(|s| s.trim()).unwrap_or_default();
            let did = self.did.get(i).map(|s| s.trim()).unwrap_or_default();
            if said.chars().count() > MAX_ITEM_CHARS || did.chars().count() > MAX_ITEM_CHARS {
                return Err(PublishError::ItemTooLong);
            }
            match (said.is_empty(), did.is_empty()) {
                (true, true) => {}
                (false, false) => items.push(SaidDid {
                    said: said.to_string(),
                    did: did.to_string(),
                }),
                _ => return Err(PublishError::ItemHalf),
            }
        }
        Ok((items, note))
    }
}

/// What the draft page shows after a refused publication.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PublishFormState {
    pub form: PublishForm,
    pub error: Option<PublishError>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(note: &str, pairs: &[(&str, &str)]) -> PublishForm {
        PublishForm {
            note: note.into(),
            said: pairs.iter().map(|p| p.0.to_string()).collect(),
            did: pairs.iter().map(|p| p.1.to_string()).collect(),
        }
    }

    #[test]
    fn empty_pairs_are_skipped_and_half_pairs_refused() {
        let (items, note) = form("", &[("路灯坏了", "已报修"), ("", "")])
            .parse(false)
            .unwrap();
        assert_eq!(items.len(), 1);
        assert_eq!(note, "");
        assert_eq!(
            form("", &[("路灯坏了", " ")]).parse(false),
            Err(PublishError::ItemHalf)
        );
    }

    #[test]
    fn a_correction_needs_a_note_and_limits_hold() {
        assert_eq!(form("  ", &[]).parse(true), Err(PublishError::NoteRequired));
        assert!(form("更正了统计口径", &[]).parse(true).is_ok());
        assert_eq!(
            form(&"字".repeat(501), &[]).parse(true),
            Err(PublishError::NoteTooLong)
        );
        assert_eq!(
            form("", &[(&"字".repeat(301), "x")]).parse(false),
            Err(PublishError::ItemTooLong)
        );
    }
}
