//! The messages as people read them: subject, plain text and HTML, in Chinese or
//! English, with absolute links from the configured public URL. Everything a resident
//! or staff member typed is escaped in the HTML part.

use super::Message;
use crate::cases::{CaseKind, Outcome};
use crate::i18n::{Lang, Text};

/// A message ready to send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// Where links point: the site's public base URL (no trailing slash) and, for resident
/// messages, the unsubscribe link of the recipient's address and who to call.
#[derive(Clone, Copy, Debug)]
pub struct Links<'a> {
    pub base: &'a str,
    pub unsubscribe: Option<&'a str>,
    /// The station handling the resident's request (the bureau while it is unplaced).
    pub handler: Option<Handler<'a>>,
}

/// Who a resident's message comes from: a name in the message's language and a phone
/// (empty when none is on file).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Handler<'a> {
    pub name: &'a str,
    pub phone: &'a str,
}

impl Handler<'_> {
    /// The line that ends a resident's message: the name, and the phone to call.
    fn line(&self, lang: Lang) -> String {
        match (lang, self.phone.is_empty()) {
            (_, true) => self.name.to_string(),
            (Lang::Zh, false) => format!("{}　电话：{}", self.name, self.phone),
            (Lang::En, false) => format!("{}, telephone {}", self.name, self.phone),
        }
    }
}

impl Links<'_> {
    pub fn unsubscribe_url(&self) -> Option<String> {
        self.unsubscribe
            .map(|token| format!("{}/mail/unsubscribe/{token}", self.base))
    }
}

/// The parts every message is made of.
struct Draft {
    subject: String,
    paragraphs: Vec<String>,
    facts: Vec<(&'static str, String)>,
    action: Option<(&'static str, String)>,
}

const BRAND: Text = Text::new("开门评警", "OpenDoor");

fn kind_label(code: &str, lang: Lang) -> String {
    CaseKind::parse(code)
        .map(|kind| kind.label().get(lang).to_string())
        .unwrap_or_else(|| code.to_string())
}

fn outcome_label(code: &str, lang: Lang) -> String {
    Outcome::parse(code)
        .map(|outcome| outcome.label().get(lang).to_string())
        .unwrap_or_else(|| code.to_string())
}

fn t(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    Text::new(zh, en).get(lang)
}

fn draft(message: &Message, lang: Lang, base: &str) -> Draft {
    let track = |reference: &str| format!("{base}/track/{reference}");
    let staff_case = |reference: &str| format!("{base}/staff/cases/{reference}");
    let reference_fact = |reference: &str| (t(lang, "编号", "Reference"), reference.to_string());
    match message {
        Message::ConfirmAddress { token, reference } => Draft {
            subject: match lang {
                Lang::Zh => "请确认您的邮箱地址".to_string(),
                Lang::En => "Please confirm your email address".to_string(),
            },
            paragraphs: vec![
                match lang {
                    Lang::Zh => format!("您在提交诉求 {reference} 时留下了这个邮箱地址。确认后，我们会把回执、答复和办理结果发到这里。"),
                    Lang::En => format!("This address was given with request {reference}. Once you confirm it, we will send its receipt, replies and outcome here."),
                },
                t(lang, "如果不是您本人提交的，请忽略这封邮件，我们不会再给您发信。", "If this was not you, ignore this message: we will not write to you again.").to_string(),
            ],
            facts: vec![],
            action: Some((t(lang, "确认邮箱地址", "Confirm my address"), format!("{base}/mail/confirm/{token}"))),
        },
        Message::Receipt { reference, access_code, case_kind, subject, due_on } => Draft {
            subject: match lang {
                Lang::Zh => format!("已收到您的诉求 {reference}"),
                Lang::En => format!("We received your request {reference}"),
            },
            paragraphs: vec![t(lang, "请保存编号和查询码：凭这两项可以随时查看办理进度。查询码只在这封邮件和回执页上出现。", "Keep the reference and access code: together they show your request's progress at any time. The access code appears only here and on the receipt page.").to_string()],
            facts: vec![
                reference_fact(reference),
                (t(lang, "查询码", "Access code"), access_code.clone()),
                (t(lang, "类别", "Kind"), kind_label(case_kind, lang)),
                (t(lang, "标题", "Subject"), subject.clone()),
                (t(lang, "办理期限", "Due by"), due_on.clone()),
            ],
            action: Some((t(lang, "查看进度", "Track my request"), track(reference))),
        },
        Message::Reply { reference, body } => Draft {
            subject: match lang {
                Lang::Zh => format!("您的诉求 {reference} 有新的答复"),
                Lang::En => format!("A reply on your request {reference}"),
            },
            paragraphs: vec![body.clone()],
            facts: vec![reference_fact(reference)],
            action: Some((t(lang, "查看进度", "Track my request"), track(reference))),
        },
        Message::Resolved { reference, outcome, summary } => Draft {
            subject: match lang {
                Lang::Zh => format!("您的诉求 {reference} 已办结，请您评价办理结果"),
                Lang::En => format!("Your request {reference} is resolved: your feedback please"),
            },
            paragraphs: vec![
                summary.clone(),
                t(lang, "请用编号和查询码打开办理进度，告诉我们您是否满意。不满意的，我们会重新办理。", "Open your request with its reference and access code and tell us whether you are satisfied. If you are not, we will look at it again.").to_string(),
            ],
            facts: vec![reference_fact(reference), (t(lang, "办理结果", "Outcome"), outcome_label(outcome, lang))],
            action: Some((t(lang, "评价办理结果", "Give your feedback on the outcome"), track(reference))),
        },
        Message::Referred { reference, department, contact, summary } => Draft {
            subject: match lang {
                Lang::Zh => format!("您的诉求 {reference} 已转办"),
                Lang::En => format!("Your request {reference} was referred"),
            },
            paragraphs: vec![summary.clone()],
            facts: vec![
                reference_fact(reference),
                (t(lang, "承办部门", "Department"), department.clone()),
                (t(lang, "联系方式", "Contact"), contact.clone()),
            ],
            action: Some((t(lang, "查看进度", "Track my request"), track(reference))),
        },
        Message::Assigned { reference, case_kind, subject, due_on } => Draft {
            subject: match lang {
                Lang::Zh => format!("新分派给您的诉求 {reference}"),
                Lang::En => format!("Request {reference} was assigned to you"),
            },
            paragraphs: vec![],
            facts: vec![
                reference_fact(reference),
                (t(lang, "类别", "Kind"), kind_label(case_kind, lang)),
                (t(lang, "标题", "Subject"), subject.clone()),
                (t(lang, "办理期限", "Due by"), due_on.clone()),
            ],
            action: Some((t(lang, "打开诉求", "Open the request"), staff_case(reference))),
        },
        Message::DueTomorrow { reference, subject, due_on } => Draft {
            subject: match lang {
                Lang::Zh => format!("诉求 {reference} 明天到期"),
                Lang::En => format!("Request {reference} is due tomorrow"),
            },
            paragraphs: vec![],
            facts: vec![reference_fact(reference), (t(lang, "标题", "Subject"), subject.clone()), (t(lang, "办理期限", "Due by"), due_on.clone())],
            action: Some((t(lang, "打开诉求", "Open the request"), staff_case(reference))),
        },
        Message::Overdue { reference, subject, due_on } => Draft {
            subject: match lang {
                Lang::Zh => format!("诉求 {reference} 已超期，已报所长督办"),
                Lang::En => format!("Request {reference} is overdue and escalated to the station leader"),
            },
            paragraphs: vec![],
            facts: vec![reference_fact(reference), (t(lang, "标题", "Subject"), subject.clone()), (t(lang, "办理期限", "Due by"), due_on.clone())],
            action: Some((t(lang, "打开诉求", "Open the request"), staff_case(reference))),
        },
        Message::Digest { station_zh, station_en, date, open, overdue, new_bad_ratings, officer_complaints } => Draft {
            subject: match lang {
                Lang::Zh => format!("{station_zh} 每日简报 {date}"),
                Lang::En => format!("{} daily digest {date}", lang.pick(station_zh, station_en)),
            },
            paragraphs: vec![],
            facts: vec![
                (t(lang, "在办诉求", "Open requests"), open.to_string()),
                (t(lang, "超期诉求", "Overdue"), overdue.to_string()),
                (t(lang, "过去一天新增差评", "New bad ratings in the last day"), new_bad_ratings.to_string()),
                (t(lang, "在办涉警投诉", "Open complaints about officers"), officer_complaints.to_string()),
            ],
            action: Some((t(lang, "打开工作台", "Open the dashboard"), format!("{base}/staff/dashboard"))),
        },
        Message::ReportReady { station_zh, station_en, station_slug, month } => Draft {
            subject: match lang {
                Lang::Zh => format!("{station_zh} {month} 满意度月报草稿已生成"),
                Lang::En => format!("{} report for {month}: the draft is ready", lang.pick(station_zh, station_en)),
            },
            paragraphs: vec![t(
                lang,
                "上月已结束，本所满意度月报草稿已按系统数据生成。请核对后发布；发布后的报告不可更改，如需更正须发布新版本并附公开说明。",
                "Last month is over and the station's satisfaction report has been drafted from the data. Please review and publish it; a published report cannot change, and a correction is a new version with a public note.",
            )
            .to_string()],
            facts: vec![(t(lang, "月份", "Month"), month.clone())],
            action: Some((
                t(lang, "核对并发布", "Review and publish"),
                format!("{base}/staff/reports/{station_slug}/{month}"),
            )),
        },
    }
}

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Renders a message in a language. A resident's opens with a greeting and ends with the
/// station that handles their request and its phone, then the unsubscribe link.
pub fn render(message: &Message, lang: Lang, links: Links<'_>) -> Rendered {
    let mut draft = draft(message, lang, links.base);
    let to_resident = message.to_resident();
    if to_resident {
        draft
            .paragraphs
            .insert(0, t(lang, "您好，", "Hello,").to_string());
    }
    let handler = links.handler.filter(|_| to_resident).map(|h| h.line(lang));
    let brand = BRAND.get(lang);
    let subject = match lang {
        Lang::Zh => format!("【{brand}】{}", draft.subject),
        Lang::En => format!("[{brand}] {}", draft.subject),
    };
    let footer = t(
        lang,
        "这是开门评警系统自动发送的邮件，请勿直接回复。",
        "This message was sent by OpenDoor; replies are not read.",
    );
    let unsubscribe = links.unsubscribe_url();
    let unsubscribe_label = t(lang, "不再接收邮件", "Stop these emails");

    let colon = lang.colon();
    let mut text = String::new();
    for paragraph in &draft.paragraphs {
        text.push_str(paragraph);
        text.push_str("\n\n");
    }
    let facts: Vec<_> = draft.facts.iter().filter(|(_, v)| !v.is_empty()).collect();
    for (label, value) in &facts {
        text.push_str(&format!("{label}{colon}{value}\n"));
    }
    if let Some((label, url)) = &draft.action {
        text.push_str(&format!("\n{label}{colon}{url}\n"));
    }
    text.push_str("\n-- \n");
    if let Some(handler) = &handler {
        text.push_str(&format!("{handler}\n"));
    }
    text.push_str(&format!("{footer}\n"));
    if let Some(url) = &unsubscribe {
        text.push_str(&format!("{unsubscribe_label}{colon}{url}\n"));
    }

    let mut html = format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title></head>\
         <body style=\"font-family:sans-serif;line-height:1.5;color:#1a1a1a;max-width:36em\">\
         <p style=\"font-weight:bold;color:#0b4f8a\">{}</p>",
        lang.html_tag(),
        escape(&subject),
        escape(brand)
    );
    for paragraph in &draft.paragraphs {
        html.push_str("<p>");
        html.push_str(&escape(paragraph).replace('\n', "<br>"));
        html.push_str("</p>");
    }
    if !facts.is_empty() {
        html.push_str("<table role=\"presentation\" style=\"border-collapse:collapse\">");
        for (label, value) in &facts {
            html.push_str(&format!(
                "<tr><th style=\"text-align:left;padding:2px 12px 2px 0\">{}</th><td>{}</td></tr>",
                escape(label),
                escape(value)
            ));
        }
        html.push_str("</table>");
    }
    if let Some((label, url)) = &draft.action {
        html.push_str(&format!(
            "<p><a href=\"{}\" style=\"color:#0b4f8a\">{}</a></p>",
            escape(url),
            escape(label)
        ));
    }
    html.push_str("<hr>");
    if let Some(handler) = &handler {
        html.push_str(&format!("<p>{}</p>", escape(handler)));
    }
    html.push_str(&format!(
        "<p style=\"font-size:small;color:#555\">{}",
        escape(footer)
    ));
    if let Some(url) = &unsubscribe {
        html.push_str(&format!(
            " <a href=\"{}\">{}</a>",
            escape(url),
            escape(unsubscribe_label)
        ));
    }
    html.push_str("</p></body></html>");
    Rendered {
        subject,
        text,
        html,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LINKS: Links<'static> = Links {
        base: "https://feedback.example.cn",
        unsubscribe: Some("UNSUB"),
        handler: Some(Handler {
            name: "祁山派出所",
            phone: "0000-1100001",
        }),
    };

    fn receipt() -> Message {
        Message::Receipt {
            reference: "KM-2026-000123".into(),
            access_code: "ABCDE12345".into(),
            case_kind: "help".into(),
            subject: "<b>路灯</b> & 井盖".into(),
            due_on: "2026-12-04".into(),
        }
    }

    #[test]
    fn a_receipt_in_chinese_has_the_code_the_link_and_the_unsubscribe_link() {
        let mail = render(&receipt(), Lang::Zh, LINKS);
        assert_eq!(mail.subject, "【开门评警】已收到您的诉求 KM-2026-000123");
        assert!(mail.text.contains("查询码：ABCDE12345"));
        assert!(mail.text.contains("类别：求助"));
        assert!(
            mail.text
                .contains("https://feedback.example.cn/track/KM-2026-000123")
        );
        assert!(
            mail.text
                .contains("https://feedback.example.cn/mail/unsubscribe/UNSUB")
        );
        assert!(mail.html.contains("lang=\"zh-CN\""));
    }

    #[test]
    fn english_uses_english_labels() {
        let mail = render(&receipt(), Lang::En, LINKS);
        assert_eq!(
            mail.subject,
            "[OpenDoor] We received your request KM-2026-000123"
        );
        assert!(mail.text.contains("Kind: Help"));
        assert!(mail.text.contains("Stop these emails: https://"));
    }

    #[test]
    fn typed_text_is_escaped_in_html_and_kept_in_plain_text() {
        let mail = render(&receipt(), Lang::Zh, LINKS);
        assert!(mail.html.contains("&lt;b&gt;路灯&lt;/b&gt; &amp; 井盖"));
        assert!(!mail.html.contains("<b>路灯"));
        assert!(mail.text.contains("<b>路灯</b> & 井盖"));
    }

    #[test]
    fn staff_messages_have_no_unsubscribe_link() {
        let message = Message::Assigned {
            reference: "KM-2026-000001".into(),
            case_kind: "complaint".into(),
            subject: "s".into(),
            due_on: "2026-12-01".into(),
        };
        let mail = render(
            &message,
            Lang::Zh,
            Links {
                base: "http://x",
                unsubscribe: None,
                handler: LINKS.handler,
            },
        );
        assert!(mail.text.contains("http://x/staff/cases/KM-2026-000001"));
        assert!(!mail.text.contains("unsubscribe"));
        assert!(!mail.text.contains("您好") && !mail.text.contains("祁山派出所"));
        assert!(!message.to_resident());
    }

    #[test]
    fn outcomes_and_referrals_are_named() {
        let resolved = Message::Resolved {
            reference: "KM-2026-000002".into(),
            outcome: "explained".into(),
            summary: "已电话说明".into(),
        };
        assert!(
            render(&resolved, Lang::Zh, LINKS)
                .text
                .contains("办理结果：解释说明")
        );
        let referred = Message::Referred {
            reference: "KM-2026-000002".into(),
            department: "市场监管局".into(),
            contact: "12315".into(),
            summary: "属市场监管职责".into(),
        };
        let text = render(&referred, Lang::En, LINKS).text;
        assert!(text.contains("Department: 市场监管局"));
        assert!(text.contains("Contact: 12315"));
    }

    #[test]
    fn a_residents_message_greets_them_and_ends_with_who_to_call() {
        let mail = render(&receipt(), Lang::Zh, LINKS);
        assert!(mail.text.starts_with("您好，\n\n"), "{}", mail.text);
        let end = &mail.text[mail.text.find("\n-- \n").expect("a signature")..];
        assert!(end.contains("祁山派出所　电话：0000-1100001"), "{end}");
        assert!(end.find("祁山派出所") < end.find("不再接收邮件"));
        assert!(mail.html.contains("<p>您好，</p>"));
        assert!(mail.html.contains("<p>祁山派出所　电话：0000-1100001</p>"));
        let english = render(&receipt(), Lang::En, LINKS);
        assert!(english.text.starts_with("Hello,\n\n"));
        assert!(english.text.contains("祁山派出所, telephone 0000-1100001"));
        let no_phone = Links {
            handler: Some(Handler {
                name: "演示市公安局",
                phone: "",
            }),
            ..LINKS
        };
        let mail = render(&receipt(), Lang::Zh, no_phone);
        assert!(mail.text.contains("\n演示市公安局\n") && !mail.text.contains("电话："));
    }
}
