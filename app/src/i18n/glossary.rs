//! `../shared/GLOSSARY.md` as tests: one word for one thing in every Chinese text a
//! resident or officer reads, and full-width punctuation after Chinese characters.
//!
//! Three readings: every string literal with Chinese in it in this crate's source
//! (outside test code), so texts written beside their code (form errors, admin refusals)
//! are held to the glossary as the catalogue is; the catalogue and the coded labels as
//! values; and every mail rendered in Chinese, which is where labels and values are
//! joined at run time.

use crate::i18n::Lang;
use crate::mail::Message;
use crate::mail::templates::{Handler, Links, render};

/// The glossary's "Not" column: words that name something we call otherwise.
const NOT_WORDS: &[&str] = &[
    "案件",
    "工单",
    "事项",
    "核查",
    "复核",
    "评价码",
    "已核实",
    "经核验",
    "居民",
    "用户",
    "所领导",
    "分局",
    "站点代码",
    "事由",
    "转交",
    "转给",
    "结案",
    "延时",
    "放弃发送的邮件",
    "员工登录",
    "我的诉求",
    "督察队列",
];

/// Where a "Not" word is the right word: a rating's service type (案件受理 is filing a
/// criminal or administrative case, which is what 案件 means) and a sign-in's 用户名.
const EXCEPTIONS: &[&str] = &["案件受理", "用户名"];

/// Machine formats shown as examples, whose commas are the format's.
const FORMAT_SAMPLES: &[&str] = &["2027-01-01,holiday,元旦,New Year's Day"];

fn is_chinese(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}')
}

/// What is wrong with a Chinese text, if anything.
fn faults(text: &str) -> Vec<String> {
    let mut faults = Vec::new();
    let mut checked = text.to_string();
    for exception in EXCEPTIONS {
        checked = checked.replace(exception, "");
    }
    for word in NOT_WORDS {
        if checked.contains(word) {
            faults.push(format!("uses {word}"));
        }
    }
    // An English text naming something in Chinese (`OpenDoor (开门评警): …`) keeps
    // its own punctuation.
    let han = text.chars().filter(|c| is_chinese(*c)).count();
    let latin = text.chars().filter(char::is_ascii_alphabetic).count();
    if latin > 4 * han {
        return faults;
    }
    let chars: Vec<char> = text.chars().collect();
    for pair in chars.windows(2) {
        if is_chinese(pair[0]) && matches!(pair[1], ':' | ',' | '(' | ')') {
            faults.push(format!("half-width “{}” after “{}”", pair[1], pair[0]));
        }
    }
    faults
}

/// The string literals of Rust source, without comments and test code: `(line, text)`.
/// Escapes are kept as written; they never stand for Chinese text here.
fn literals(source: &str) -> Vec<(usize, String)> {
    // A file's unit tests sit at its end, in `mod tests { … }`.
    let source = match source.find("\n#[cfg(test)]\nmod tests {") {
        Some(end) => &source[..end],
        None => source,
    };
    let chars: Vec<char> = source.chars().collect();
    let mut found = Vec::new();
    let (mut i, mut line) = (0, 1);
    while i < chars.len() {
        match chars[i] {
            '\n' => line += 1,
            '/' if chars.get(i + 1) == Some(&'/') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
                continue;
            }
            // A char literal such as '"' is not the start of a string.
            '\'' if chars.get(i + 2) == Some(&'\'') => i += 2,
            '\'' if chars.get(i + 1) == Some(&'\\') && chars.get(i + 3) == Some(&'\'') => i += 3,
            'r' if matches!(chars.get(i + 1), Some('#') | Some('"'))
                && !chars
                    .get(i.wrapping_sub(1))
                    .is_some_and(|c| c.is_alphanumeric() || *c == '_') =>
            {
                let hashes = chars[i + 1..].iter().take_while(|c| **c == '#').count();
                let start = i + 2 + hashes;
                if chars.get(start - 1) != Some(&'"') {
                    i += 1;
                    continue;
                }
                let close: String = std::iter::once('"')
                    .chain(std::iter::repeat_n('#', hashes))
                    .collect();
                let rest: String = chars[start..].iter().collect();
                let end = rest.find(&close).map_or(rest.len(), |end| end);
                let text: String = rest[..end].to_string();
                found.push((line, text.clone()));
                line += text.matches('\n').count();
                i = start + text.chars().count() + close.chars().count();
                continue;
            }
            '"' => {
                let mut text = String::new();
                i += 1;
                while i < chars.len() && chars[i] != '"' {
                    if chars[i] == '\\' {
                        text.push(chars[i]);
                        i += 1;
                    }
                    if chars[i] == '\n' {
                        line += 1;
                    }
                    text.push(chars[i]);
                    i += 1;
                }
                found.push((line, text));
            }
            _ => {}
        }
        i += 1;
    }
    found
}

fn rust_files(dir: &std::path::Path, files: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("the source folder") {
        let path = entry.expect("a folder entry").path();
        if path.is_dir() {
            // Unit tests of their own (cases/decide/tests).
            if path.file_name().is_some_and(|name| name != "tests") {
                rust_files(&path, files);
            }
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            files.push(path);
        }
    }
}

#[test]
fn every_chinese_text_in_the_source_follows_the_glossary() {
    // This crate and the server's (its form handlers and command line speak too).
    let crate_root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = crate_root.parent().expect("the workspace");
    let mut files = Vec::new();
    rust_files(&crate_root.join("src"), &mut files);
    rust_files(&root.join("server").join("src"), &mut files);
    assert!(files.len() > 100, "both crates are read");
    let this_file = crate_root.join("src").join("i18n").join("glossary.rs");
    let mut wrong = Vec::new();
    let mut read = 0;
    for file in files.iter().filter(|file| **file != this_file) {
        let source = std::fs::read_to_string(file).expect("a source file");
        for (line, text) in literals(&source) {
            if !text.chars().any(is_chinese) || FORMAT_SAMPLES.contains(&text.as_str()) {
                continue;
            }
            read += 1;
            for fault in faults(&text) {
                let at = file.strip_prefix(root).unwrap_or(file).display();
                wrong.push(format!("{at}:{line}: {fault}: {text}"));
            }
        }
    }
    assert!(read > 500, "the Chinese texts are found ({read})");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_catalogue_and_the_coded_labels_follow_the_glossary() {
    use crate::cases::{CaseKind, CaseStatus, EventKind, Finding, Outcome, Satisfaction};
    let mut texts: Vec<(String, &str)> = super::messages::ALL
        .iter()
        .map(|(name, text)| (name.to_string(), text.zh))
        .collect();
    let labels = CaseKind::ALL
        .iter()
        .map(|k| ("CaseKind", k.label()))
        .chain(CaseStatus::ALL.iter().map(|s| ("CaseStatus", s.label())))
        .chain(EventKind::ALL.iter().map(|e| ("EventKind", e.label())))
        .chain(Outcome::ALL.iter().map(|o| ("Outcome", o.label())))
        .chain(Finding::ALL.iter().map(|f| ("Finding", f.label())))
        .chain(
            Satisfaction::ALL
                .iter()
                .map(|s| ("Satisfaction", s.label())),
        );
    texts.extend(labels.map(|(name, text)| (name.to_string(), text.zh)));
    let mut wrong: Vec<String> = texts
        .iter()
        .flat_map(|(name, text)| {
            faults(text)
                .into_iter()
                .map(move |fault| format!("{name}: {fault}: {text}"))
        })
        .collect();
    // In English, too, what a resident files is a request: a case (案件) is the
    // police's criminal or administrative matter.
    for (name, text) in super::messages::ALL {
        let en = text.en.replace("lower-case", "");
        let words = en.split(|c: char| !c.is_ascii_alphabetic());
        if words
            .clone()
            .any(|w| w.eq_ignore_ascii_case("case") || w.eq_ignore_ascii_case("cases"))
        {
            wrong.push(format!("{name}: says case in English: {}", text.en));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_mail_in_chinese_follows_the_glossary() {
    let text = || "x".to_string();
    let messages = [
        Message::ConfirmAddress {
            token: text(),
            reference: text(),
        },
        Message::Receipt {
            reference: text(),
            access_code: text(),
            case_kind: "help".into(),
            subject: text(),
            due_on: text(),
        },
        Message::Reply {
            reference: text(),
            body: text(),
        },
        Message::Resolved {
            reference: text(),
            outcome: "explained".into(),
            summary: text(),
        },
        Message::Referred {
            reference: text(),
            department: text(),
            contact: text(),
            summary: text(),
        },
        Message::Assigned {
            reference: text(),
            case_kind: "complaint".into(),
            subject: text(),
            due_on: text(),
        },
        Message::DueTomorrow {
            reference: text(),
            subject: text(),
            due_on: text(),
        },
        Message::Overdue {
            reference: text(),
            subject: text(),
            due_on: text(),
        },
        Message::Digest {
            station_zh: "祁山派出所".into(),
            station_en: text(),
            date: text(),
            open: 1,
            overdue: 1,
            new_bad_ratings: 1,
            officer_complaints: 1,
        },
        Message::ReportReady {
            station_zh: "祁山派出所".into(),
            station_en: text(),
            station_slug: text(),
            month: text(),
        },
    ];
    let links = Links {
        base: "https://feedback.example.cn",
        unsubscribe: Some("token"),
        handler: Some(Handler {
            name: "祁山派出所",
            phone: "0000-1100001",
        }),
    };
    let mut wrong = Vec::new();
    for message in &messages {
        let mail = render(message, Lang::Zh, links);
        for part in [&mail.subject, &mail.text, &mail.html] {
            for fault in faults(part) {
                wrong.push(format!("{message:?}: {fault}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_checks_find_what_they_look_for() {
    assert_eq!(faults("打开案件"), ["uses 案件"]);
    assert!(faults("服务类型：案件受理").is_empty());
    assert_eq!(faults("编号: 1"), ["half-width “:” after “号”"]);
    assert!(faults("编号：1 (KM)").is_empty());
    assert!(faults("OpenDoor (开门评警): public feedback portal").is_empty());
    let source = "let a = \"经核验\"; // \"复核\"\nlet b = r#\"x=\"事由\"\"#;\nlet c = '\"';\n#[cfg(test)]\nmod tests { \"案件\" }";
    assert_eq!(
        literals("#[cfg(test)]\nmod glossary;\nconst A: &str = \"工单\";").len(),
        1
    );
    let found: Vec<(usize, String)> = literals(source);
    assert_eq!(
        found,
        [(1, "经核验".to_string()), (2, "x=\"事由\"".to_string())]
    );
}
