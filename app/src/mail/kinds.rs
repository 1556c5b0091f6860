//! The coded values of the outbox: what a message is and where it stands. Stored as
//! their codes; read back strictly (`TryFrom<String>`), so a row this version does not
//! know is an error, not "other".

coded_enum! {
    /// What a message is (the outbox's `kind` column; the admin page's dead letters).
    MessageKind {
        ConfirmAddress => ("confirm_address", "确认邮箱", "Address confirmation"),
        Receipt => ("receipt", "回执", "Receipt"),
        Reply => ("reply", "答复", "Reply"),
        Resolved => ("resolved", "办结", "Resolution"),
        Referred => ("referred", "转办", "Referral"),
        Assigned => ("assigned", "分派", "Assignment"),
        DueTomorrow => ("due_tomorrow", "明日到期", "Due tomorrow"),
        Overdue => ("overdue", "超期", "Overdue"),
        Digest => ("digest", "每日简报", "Daily digest"),
        ReportReady => ("report_ready", "月报待发布", "Report ready"),
    }
}

coded_enum! {
    /// Where a message stands (the outbox's `status` column).
    OutboxStatus {
        Held => ("held", "待确认邮箱", "Waiting for confirmation"),
        Pending => ("pending", "待发送", "Waiting to be sent"),
        Sent => ("sent", "已发送", "Sent"),
        Dead => ("dead", "发送失败", "Failed"),
        Dropped => ("dropped", "已取消", "Dropped"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_reads_back_as_itself() {
        for kind in MessageKind::ALL {
            assert_eq!(MessageKind::parse(kind.code()), Some(*kind));
        }
        for status in OutboxStatus::ALL {
            assert_eq!(OutboxStatus::parse(status.code()), Some(*status));
        }
        assert_eq!(MessageKind::parse("other"), None);
    }
}
