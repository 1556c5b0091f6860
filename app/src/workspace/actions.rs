//! What staff do with a case, as posted by the case page's forms
//! (`POST /staff/cases/{reference}/{action}`), parsed into [`CaseAction`] before anything
//! touches the database.

use crate::cases::Finding;
use crate::cases::details::Detail;
use crate::cases::{CaseKind, Outcome, Reference};
use crate::i18n::Text;
use crate::stations::StationSlug;
use serde::{Deserialize, Serialize};

/// The longest reply, note or summary.
pub const MAX_TEXT_CHARS: usize = 4000;
/// The longest extension a leader can grant at once, in working days.
pub const MAX_EXTENSION_DAYS: u32 = 30;

/// Every field any case form sends; each action reads its own.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseActionForm {
    #[serde(default)]
    pub assignee: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub outcome: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub department: String,
    #[serde(default)]
    pub contact: String,
    #[serde(default)]
    pub days: String,
    #[serde(default)]
    pub decision: String,
    #[serde(default)]
    pub into: String,
    #[serde(default)]
    pub finding: String,
    #[serde(default)]
    pub station: String,
    #[serde(default)]
    pub note: String,
    /// Which detail (a code of [`crate::cases::details::DETAILS`]) and its value.
    #[serde(default)]
    pub detail: String,
    #[serde(default)]
    pub value: String,
}

/// A validated action. Serialised when it waits for approval.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum CaseAction {
    Assign {
        account_id: i64,
    },
    Classify {
        kind: CaseKind,
    },
    /// A public reply: the resident sees it on `/track`.
    Reply {
        body: String,
    },
    /// Staff only.
    Note {
        body: String,
    },
    Resolve {
        outcome: Outcome,
        /// The public answer; for 无法解决 it ends with the reason.
        summary: String,
        /// For 转办: the department and how to reach it.
        referral: Option<(String, String)>,
        /// For a complaint or a 差评核实: what checking it found (the leader's or the
        /// inspector's word; an officer may suggest it).
        finding: Option<Finding>,
    },
    RequestExtension {
        days: u32,
        reason: String,
    },
    DecideExtension {
        approve: bool,
    },
    Merge {
        into: Reference,
    },
    /// Not a genuine request: closed with a reason the resident sees, listed for the
    /// inspectors, never deleted.
    Hide {
        reason: String,
    },
    /// Bureau intake places a case filed without a station at the station it belongs to.
    Place {
        station: StationSlug,
    },
    /// The leader's or the inspectors' decision on the change waiting for it.
    Decide {
        approve: bool,
        /// Why it goes back (required then), or a remark with an approval.
        note: String,
        finding: Option<Finding>,
    },
    /// Records a detail (by its code), or clears it (`None`).
    SetDetail {
        detail: String,
        value: Option<String>,
    },
}

impl CaseAction {
    /// The audit log's name for it.
    pub fn audit_name(&self) -> &'static str {
        match self {
            CaseAction::Assign { .. } => "case_assigned",
            CaseAction::Classify { .. } => "case_classified",
            CaseAction::Reply { .. } => "case_replied",
            CaseAction::Note { .. } => "case_noted",
            CaseAction::Resolve { .. } => "case_resolved",
            CaseAction::RequestExtension { .. } => "extension_requested",
            CaseAction::DecideExtension { .. } => "extension_decided",
            CaseAction::Merge { .. } => "case_merged",
            CaseAction::Hide { .. } => "case_hidden",
            CaseAction::Place { .. } => "case_placed",
            CaseAction::Decide { .. } => "proposal_decided",
            CaseAction::SetDetail { .. } => "case_detail_set",
        }
    }
}

/// Why an action was refused; each belongs to one field of its form.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ActionError {
    UnknownAction,
    ChooseOfficer,
    /// Not an officer of the station, or the officer the case names.
    NotAssignable,
    ChooseKind,
    TextRequired,
    TextTooLong,
    SummaryRequired,
    SummaryTooLong,
    ChooseOutcome,
    ReasonRequired,
    DepartmentRequired,
    Days,
    NoExtensionPending,
    ExtensionPending,
    MergeTarget,
    /// Resolved, closed or merged already.
    NotOpen,
    /// The database could not store it just now; nothing was changed.
    SaveFailed,
    /// A complaint or a 差评核实 is closed with a finding.
    ChooseFinding,
    ChooseStation,
    /// Another change already waits for approval on this case.
    ProposalPending,
    /// Nothing waits for a decision (or not for the caller's).
    NoProposal,
    /// A proposal goes back with a note saying why.
    NoteRequired,
    /// A detail's value does not have its shape.
    DetailMisshapen,
    /// The detail already has that value.
    DetailUnchanged,
    /// A 差评核实 stays one, and nothing becomes one: its kind is what 差评整改率 counts.
    ReviewKindFixed,
}

impl ActionError {
    /// The form field the error belongs to.
    pub fn field(self) -> &'static str {
        match self {
            ActionError::ChooseOfficer | ActionError::NotAssignable => "assignee",
            ActionError::ChooseKind | ActionError::ReviewKindFixed => "kind",
            ActionError::ChooseOutcome => "outcome",
            ActionError::ReasonRequired => "reason",
            ActionError::DepartmentRequired => "department",
            ActionError::Days | ActionError::ExtensionPending => "days",
            ActionError::MergeTarget => "into",
            ActionError::TextRequired | ActionError::TextTooLong => "body",
            ActionError::SummaryRequired | ActionError::SummaryTooLong => "summary",
            ActionError::ChooseFinding => "finding",
            ActionError::ChooseStation => "station",
            ActionError::NoteRequired => "note",
            ActionError::DetailMisshapen | ActionError::DetailUnchanged => "value",
            ActionError::UnknownAction
            | ActionError::NoExtensionPending
            | ActionError::NotOpen
            | ActionError::SaveFailed
            | ActionError::ProposalPending
            | ActionError::NoProposal => "action",
        }
    }

    pub fn text(self) -> Text {
        match self {
            ActionError::UnknownAction => {
                Text::new("无法执行该操作。", "That action does not exist.")
            }
            ActionError::ChooseOfficer => {
                Text::new("请选择承办民警。", "Please choose an officer.")
            }
            ActionError::NotAssignable => Text::new(
                "不能分派给该民警：须为本所民警，且不得是诉求所涉及的民警。",
                "This officer cannot take the request: they must serve at the station and must not be the officer it names.",
            ),
            ActionError::ChooseKind => Text::new("请选择诉求类型。", "Please choose a kind."),
            ActionError::TextRequired => Text::new("请填写内容。", "Please write something."),
            ActionError::TextTooLong => Text::new(
                "内容不能超过 4000 字。",
                "Please keep it to 4,000 characters.",
            ),
            ActionError::SummaryRequired => Text::new(
                "请填写给群众的答复。",
                "Please write the answer the resident will read.",
            ),
            ActionError::SummaryTooLong => Text::new(
                "答复不能超过 4000 字。",
                "Please keep the answer to 4,000 characters.",
            ),
            ActionError::ChooseOutcome => {
                Text::new("请选择办理结果。", "Please choose an outcome.")
            }
            ActionError::ReasonRequired => Text::new("请说明原因。", "Please give the reason."),
            ActionError::DepartmentRequired => Text::new(
                "转办须写明承办部门及其联系方式。",
                "A referral names the department and how to reach it.",
            ),
            ActionError::Days => Text::new(
                "延期天数须为 1 至 30 个工作日。",
                "An extension is 1 to 30 working days.",
            ),
            ActionError::NoExtensionPending => Text::new(
                "没有待审批的延期申请。",
                "There is no extension request to decide.",
            ),
            ActionError::ExtensionPending => Text::new(
                "已有延期申请等待所长审批。",
                "An extension request is already waiting for the leader.",
            ),
            ActionError::MergeTarget => Text::new(
                "请填写另一件仍在办理中、且您有权处理的诉求编号。",
                "Enter the reference of another open request you may handle.",
            ),
            ActionError::NotOpen => Text::new(
                "该诉求已办结、已关闭或已合并，不能再操作。",
                "This request is resolved, closed or merged: it cannot be changed.",
            ),
            ActionError::SaveFailed => crate::i18n::messages::SAVE_FAILED,
            ActionError::ChooseFinding => Text::new(
                "请选择核实结论：属实、部分属实或不属实。",
                "Choose the finding: substantiated, partly substantiated or not substantiated.",
            ),
            ActionError::ChooseStation => Text::new("请选择派出所。", "Please choose a station."),
            ActionError::ProposalPending => Text::new(
                "该诉求已有一项待审批的办理意见，请等待审批结果。",
                "A change to this request already waits for approval.",
            ),
            ActionError::NoProposal => Text::new(
                "没有等待您审批的办理意见。",
                "Nothing on this request waits for your decision.",
            ),
            ActionError::NoteRequired => Text::new("退回时请写明原因。", "Say why it goes back."),
            ActionError::DetailMisshapen => Text::new(
                "请按说明的格式填写。",
                "Please write it as the hint describes.",
            ),
            ActionError::DetailUnchanged => Text::new(
                "与已登记的内容相同，未作更改。",
                "That is what is recorded already: nothing changed.",
            ),
            ActionError::ReviewKindFixed => Text::new(
                "差评核实由群众的差评生成，不能改为其他类型，其他诉求也不能改为差评核实。",
                "A bad-rating review comes from a resident's bad rating: it cannot become another kind, and no request can become one.",
            ),
        }
    }
}

/// Trimmed text of 1 to [`MAX_TEXT_CHARS`] characters.
fn text(value: &str) -> Result<String, ActionError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(ActionError::TextRequired);
    }
    if value.chars().count() > MAX_TEXT_CHARS {
        return Err(ActionError::TextTooLong);
    }
    Ok(value.to_string())
}

/// A short required line (department, contact, reason), at most 200 characters.
fn line(value: &str, missing: ActionError) -> Result<String, ActionError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(missing);
    }
    if value.chars().count() > 200 {
        return Err(ActionError::TextTooLong);
    }
    Ok(value.to_string())
}

impl CaseActionForm {
    /// Parses the form posted to `/staff/cases/{reference}/{action}`.
    pub fn parse(&self, action: &str) -> Result<CaseAction, ActionError> {
        match action {
            "assign" => self
                .assignee
                .trim()
                .parse::<i64>()
                .map(|account_id| CaseAction::Assign { account_id })
                .map_err(|_| ActionError::ChooseOfficer),
            "classify" => CaseKind::parse(self.kind.trim())
                .map(|kind| CaseAction::Classify { kind })
                .ok_or(ActionError::ChooseKind),
            "reply" => Ok(CaseAction::Reply {
                body: text(&self.body)?,
            }),
            "note" => Ok(CaseAction::Note {
                body: text(&self.body)?,
            }),
            "resolve" => {
                let outcome =
                    Outcome::parse(self.outcome.trim()).ok_or(ActionError::ChooseOutcome)?;
                self.resolution(outcome)
            }
            // Referral from the intake queue: a resolution with the outcome 转办.
            "refer" => self.resolution(Outcome::Referred),
            "extension" => {
                let days = self
                    .days
                    .trim()
                    .parse::<u32>()
                    .ok()
                    .filter(|d| (1..=MAX_EXTENSION_DAYS).contains(d))
                    .ok_or(ActionError::Days)?;
                Ok(CaseAction::RequestExtension {
                    days,
                    reason: line(&self.reason, ActionError::ReasonRequired)?,
                })
            }
            "extension-decision" => match self.decision.as_str() {
                "approve" => Ok(CaseAction::DecideExtension { approve: true }),
                "refuse" => Ok(CaseAction::DecideExtension { approve: false }),
                _ => Err(ActionError::UnknownAction),
            },
            "merge" => Reference::parse(self.into.trim())
                .map(|into| CaseAction::Merge { into })
                .ok_or(ActionError::MergeTarget),
            "hide" => Ok(CaseAction::Hide {
                reason: line(&self.reason, ActionError::ReasonRequired)?,
            }),
            "place" => StationSlug::parse(self.station.trim())
                .map(|station| CaseAction::Place { station })
                .ok_or(ActionError::ChooseStation),
            "decide" => {
                let note = self.note.trim();
                if note.chars().count() > 200 {
                    return Err(ActionError::TextTooLong);
                }
                let finding = self.finding()?;
                match self.decision.as_str() {
                    "approve" => Ok(CaseAction::Decide {
                        approve: true,
                        note: note.to_string(),
                        finding,
                    }),
                    "return" if note.is_empty() => Err(ActionError::NoteRequired),
                    "return" => Ok(CaseAction::Decide {
                        approve: false,
                        note: note.to_string(),
                        finding: None,
                    }),
                    _ => Err(ActionError::UnknownAction),
                }
            }
            "detail" => {
                let detail = Detail::find(self.detail.trim()).ok_or(ActionError::UnknownAction)?;
                let value = detail
                    .parse(&self.value)
                    .map_err(|_| ActionError::DetailMisshapen)?;
                Ok(CaseAction::SetDetail {
                    detail: detail.code.to_string(),
                    value,
                })
            }
            _ => Err(ActionError::UnknownAction),
        }
    }

    fn resolution(&self, outcome: Outcome) -> Result<CaseAction, ActionError> {
        let summary = text(&self.summary).map_err(|e| match e {
            ActionError::TextTooLong => ActionError::SummaryTooLong,
            _ => ActionError::SummaryRequired,
        })?;
        let summary = match outcome {
            Outcome::Unresolvable => {
                let reason = line(&self.reason, ActionError::ReasonRequired)?;
                format!("{summary}\n\n{reason}")
            }
            _ => summary,
        };
        let referral = match outcome {
            Outcome::Referred => Some((
                line(&self.department, ActionError::DepartmentRequired)?,
                line(&self.contact, ActionError::DepartmentRequired)?,
            )),
            _ => None,
        };
        Ok(CaseAction::Resolve {
            outcome,
            summary,
            referral,
            finding: self.finding()?,
        })
    }

    /// The finding, when one was chosen.
    fn finding(&self) -> Result<Option<Finding>, ActionError> {
        match self.finding.trim() {
            "" => Ok(None),
            code => Finding::parse(code)
                .map(Some)
                .ok_or(ActionError::ChooseFinding),
        }
    }
}

/// What the case page shows after a refused action: which form, what was typed, why.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CaseActionState {
    pub action: String,
    pub form: CaseActionForm,
    pub error: Option<ActionError>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> CaseActionForm {
        CaseActionForm::default()
    }

    #[test]
    fn replies_and_notes_need_bounded_text() {
        let mut f = form();
        assert_eq!(f.parse("reply"), Err(ActionError::TextRequired));
        f.body = "  已联系社区，明天上门。 ".into();
        assert_eq!(
            f.parse("reply"),
            Ok(CaseAction::Reply {
                body: "已联系社区，明天上门。".into()
            })
        );
        f.body = "字".repeat(MAX_TEXT_CHARS + 1);
        assert_eq!(f.parse("note"), Err(ActionError::TextTooLong));
    }

    #[test]
    fn an_unresolvable_case_states_its_reason_and_a_referral_its_department() {
        let mut f = form();
        f.summary = "经核实。".into();
        f.outcome = "unresolvable".into();
        assert_eq!(f.parse("resolve"), Err(ActionError::ReasonRequired));
        f.reason = "不属于公安机关职责".into();
        let Ok(CaseAction::Resolve { summary, .. }) = f.parse("resolve") else {
            panic!("resolves");
        };
        assert!(summary.ends_with("不属于公安机关职责"));
        f.outcome = "referred".into();
        assert_eq!(f.parse("resolve"), Err(ActionError::DepartmentRequired));
        f.department = "区市场监管局".into();
        f.contact = "12315".into();
        assert!(matches!(
            f.parse("refer"),
            Ok(CaseAction::Resolve {
                outcome: Outcome::Referred,
                referral: Some(_),
                ..
            })
        ));
        f.outcome = "nonsense".into();
        assert_eq!(f.parse("resolve"), Err(ActionError::ChooseOutcome));
    }

    #[test]
    fn extensions_are_bounded_and_need_a_reason() {
        let mut f = form();
        f.days = "0".into();
        assert_eq!(f.parse("extension"), Err(ActionError::Days));
        f.days = "31".into();
        assert_eq!(f.parse("extension"), Err(ActionError::Days));
        f.days = "5".into();
        assert_eq!(f.parse("extension"), Err(ActionError::ReasonRequired));
        f.reason = "等待鉴定结果".into();
        assert!(f.parse("extension").is_ok());
        f.decision = "maybe".into();
        assert_eq!(
            f.parse("extension-decision"),
            Err(ActionError::UnknownAction)
        );
    }

    #[test]
    fn a_detail_is_one_the_table_declares_in_its_shape() {
        let mut f = form();
        f.detail = "hotline_order".into();
        f.value = " gd-1 ".into();
        assert_eq!(
            f.parse("detail"),
            Ok(CaseAction::SetDetail {
                detail: "hotline_order".into(),
                value: Some("GD-1".into())
            })
        );
        f.value = "".into();
        assert!(matches!(
            f.parse("detail"),
            Ok(CaseAction::SetDetail { value: None, .. })
        ));
        f.value = "GD 1".into();
        assert_eq!(f.parse("detail"), Err(ActionError::DetailMisshapen));
        f.detail = "hotline_order_no".into();
        assert_eq!(f.parse("detail"), Err(ActionError::UnknownAction));
    }

    #[test]
    fn unknown_actions_and_bad_choices_are_refused() {
        let mut f = form();
        assert_eq!(f.parse("delete"), Err(ActionError::UnknownAction));
        f.assignee = "x".into();
        assert_eq!(f.parse("assign"), Err(ActionError::ChooseOfficer));
        f.kind = "spam".into();
        assert_eq!(f.parse("classify"), Err(ActionError::ChooseKind));
        f.into = "KM-20".into();
        assert_eq!(f.parse("merge"), Err(ActionError::MergeTarget));
        assert_eq!(f.parse("hide"), Err(ActionError::ReasonRequired));
        f.reason = "广告".into();
        assert_eq!(
            f.parse("hide"),
            Ok(CaseAction::Hide {
                reason: "广告".into()
            })
        );
        assert_eq!(f.parse("place"), Err(ActionError::ChooseStation));
        f.decision = "return".into();
        assert_eq!(f.parse("decide"), Err(ActionError::NoteRequired));
        f.finding = "maybe".into();
        f.decision = "approve".into();
        assert_eq!(f.parse("decide"), Err(ActionError::ChooseFinding));
    }
}
