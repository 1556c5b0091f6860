//! `opendoor smtp-test --to ADDRESS`: one message through the configured transport,
//! outside the outbox, to check the SMTP settings; prints the server's answer.

use super::config::{MailArgs, Sender};
use anyhow::Context;
use lettre::message::Mailbox;

pub async fn send_test(args: &MailArgs, to: &str) -> anyhow::Result<String> {
    let to: Mailbox = to
        .parse()
        .with_context(|| format!("{to:?} is not an email address"))?;
    let sender = Sender::from_args(args)?;
    let message = lettre::Message::builder()
        .from(args.from_mailbox()?)
        .to(to)
        .subject("【开门评警】测试邮件 / [OpenDoor] Test message")
        .body(
            "这是开门评警的测试邮件：邮件设置可以使用。\n\
             This is a test message from OpenDoor: the mail settings work.\n"
                .to_string(),
        )
        .context("building the test message")?;
    sender
        .send(message)
        .await
        .map_err(|error| anyhow::anyhow!("the message was not sent: {}", error.reason))
}
