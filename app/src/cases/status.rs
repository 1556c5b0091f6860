//! Where a case stands, how it ended, and what the resident said about it.

coded_enum! {
    /// What checking a complaint or a bad rating found.
    Finding {
        Substantiated => ("substantiated", "属实", "Substantiated"),
        Partly => ("partly", "部分属实", "Partly substantiated"),
        Unsubstantiated => ("unsubstantiated", "不属实", "Not substantiated"),
    }
}

coded_enum! {
    /// A case's state. `Resolved` waits for the resident's answer (回访); `Reopened`
    /// is back with staff after a 不满意.
    CaseStatus {
        New => ("new", "已提交，待受理", "Submitted"),
        Assigned => ("assigned", "已受理", "In progress"),
        InProgress => ("in_progress", "办理中", "In progress"),
        Resolved => ("resolved", "已办结，请您评价办理结果", "Resolved, your feedback please"),
        Reopened => ("reopened", "重新办理", "Reopened"),
        Closed => ("closed", "已办结", "Closed"),
    }
}

coded_enum! {
    /// How staff resolved a case.
    Outcome {
        Resolved => ("resolved", "已解决", "Resolved"),
        Explained => ("explained", "解释说明", "Explained"),
        Referred => ("referred", "转办", "Referred"),
        Unresolvable => ("unresolvable", "无法解决", "Could not be resolved"),
    }
}

coded_enum! {
    /// The resident's answer after a resolution (回访).
    Satisfaction {
        Satisfied => ("satisfied", "满意", "Satisfied"),
        BasicallySatisfied => ("basically_satisfied", "基本满意", "Basically satisfied"),
        Dissatisfied => ("dissatisfied", "不满意", "Dissatisfied"),
    }
}

coded_enum! {
    /// An entry in a case's timeline. Some are public (shown on `/track`), some internal.
    EventKind {
        Opened => ("opened", "已提交", "Submitted"),
        Assigned => ("assigned", "已分派承办人", "Assigned to an officer"),
        Reply => ("reply", "答复", "Reply"),
        Note => ("note", "内部备注", "Internal note"),
        Resolved => ("resolved", "已办结", "Resolved"),
        Feedback => ("feedback", "回访意见", "Feedback on the outcome"),
        Reopened => ("reopened", "重新办理", "Reopened"),
        EscalatedToLeader => ("escalated_leader", "已提交所长督办", "Escalated to the station leader"),
        EscalatedToInspector => ("escalated_inspector", "已提交督察部门", "Escalated to the inspectors"),
        Closed => ("closed", "已办结", "Closed"),
        Overdue => ("overdue", "已超期，所长督办", "Overdue: the station leader supervises"),
        Classified => ("classified", "已更正诉求类型", "Kind corrected"),
        Merged => ("merged", "已关闭：与同一问题的诉求合并办理", "Closed: merged with a request about the same matter"),
        Hidden => ("hidden", "已关闭：非有效诉求", "Closed: not a genuine request"),
        ExtensionRequested => ("extension_requested", "申请延期", "Extension requested"),
        ExtensionGranted => ("extension_granted", "已延长办理期限", "Deadline extended"),
        ExtensionRefused => ("extension_refused", "延期申请未获批准", "Extension refused"),
        Proposed => ("proposed", "提请审批", "Sent for approval"),
        ProposalForwarded => ("proposal_forwarded", "所长同意，提请督察审批", "Approved by the station leader, sent to the inspectors"),
        ProposalApproved => ("proposal_approved", "审批同意", "Approved"),
        ProposalReturned => ("proposal_returned", "审批退回", "Sent back"),
        Placed => ("placed", "已分送派出所办理", "Sent to a station"),
        Objected => ("objected", "群众提出异议，已提交督察审核", "Objection received: the inspectors will review it"),
        Restored => ("restored", "经督察审核，恢复办理", "Reopened after the inspectors' review"),
        ObjectionRefused => ("objection_refused", "经督察审核，维持关闭", "Kept closed after the inspectors' review"),
        AckOverdue => ("ack_overdue", "未按时受理，已督办", "Not taken up in time: escalated"),
        DetailRecorded => ("detail_recorded", "登记信息", "Detail recorded"),
    }
}

/// Who handles a case beyond its assignee.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Escalation {
    None = 0,
    Leader = 1,
    Inspector = 2,
}

/// What a 回访 answer does to a resolved case: closes it, or (不满意) sends it back, first
/// to the leader and then to the inspectors; after that a 不满意 is recorded and the case
/// closes, since nobody is left to escalate to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FeedbackEffect {
    Close,
    ReopenWith(Escalation),
}

pub fn feedback_effect(answer: Satisfaction, reopen_count: i64) -> FeedbackEffect {
    match (answer, reopen_count) {
        (Satisfaction::Dissatisfied, 0) => FeedbackEffect::ReopenWith(Escalation::Leader),
        (Satisfaction::Dissatisfied, 1) => FeedbackEffect::ReopenWith(Escalation::Inspector),
        _ => FeedbackEffect::Close,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dissatisfied_goes_to_the_leader_then_the_inspector_then_closes() {
        use FeedbackEffect::*;
        assert_eq!(
            feedback_effect(Satisfaction::Dissatisfied, 0),
            ReopenWith(Escalation::Leader)
        );
        assert_eq!(
            feedback_effect(Satisfaction::Dissatisfied, 1),
            ReopenWith(Escalation::Inspector)
        );
        assert_eq!(feedback_effect(Satisfaction::Dissatisfied, 2), Close);
        assert_eq!(feedback_effect(Satisfaction::Satisfied, 0), Close);
        assert_eq!(feedback_effect(Satisfaction::BasicallySatisfied, 1), Close);
    }

    #[test]
    fn labels_match_the_brief() {
        let answers: Vec<&str> = Satisfaction::ALL.iter().map(|s| s.label().zh).collect();
        assert_eq!(answers, ["满意", "基本满意", "不满意"]);
        let outcomes: Vec<&str> = Outcome::ALL.iter().map(|o| o.label().zh).collect();
        assert_eq!(outcomes, ["已解决", "解释说明", "转办", "无法解决"]);
        for status in CaseStatus::ALL {
            assert_eq!(CaseStatus::parse(status.code()), Some(*status));
        }
    }
}
