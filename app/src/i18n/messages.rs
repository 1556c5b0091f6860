//! The message catalogue, one constant per message, grouped by the page that shows it.

use super::Text;

macro_rules! messages {
    ($($name:ident => ($zh:literal, $en:literal),)*) => {
        $(pub const $name: Text = Text::new($zh, $en);)*

        /// Every message, so tests can check the catalogue as a whole.
        #[cfg(test)]
        pub const ALL: &[(&str, Text)] = &[$((stringify!($name), $name),)*];
    };
}

messages! {
    // The frame around every page.
    SITE_NAME => ("开门评警", "OpenDoor"),
    SITE_TAGLINE => ("评民警 · 提诉求 · 查进度", "Rate officers · Make a request · Track it"),
    SKIP_TO_CONTENT => ("跳到正文", "Skip to content"),
    SWITCH_LANGUAGE => ("English", "中文"),
    SWITCH_LANGUAGE_LABEL => ("Switch to English", "切换到中文"),
    LARGE_TEXT_ON => ("大字", "Large text"),
    LARGE_TEXT_OFF => ("标准字号", "Normal text"),
    LARGE_TEXT_ON_LABEL => ("切换到大字模式", "Switch to large text"),
    LARGE_TEXT_OFF_LABEL => ("切换到标准字号", "Switch to normal text"),
    SETTINGS_NAV => ("显示设置", "Display settings"),
    FOOTER_NOTE => (
        "您的意见将由派出所核实并答复。匿名提交亦可。",
        "Your feedback is checked and answered by the station. You may stay anonymous."
    ),
    LOADING => ("正在加载…", "Loading…"),
    LOAD_FAILED => ("暂时无法加载，请稍后再试。", "This could not be loaded. Please try again later."),

    // Home page.
    HOME_TITLE => ("开门评警", "OpenDoor"),
    HOME_INTRO => (
        "为民警和派出所的服务打分，提出求助、投诉或建议，并随时查看办理进度。每一条意见都有编号、有人负责、有期限、有答复。",
        "Rate the service of police officers and stations, ask for help, complain or suggest, and follow each request until it is answered. Every submission gets a reference, an owner, a deadline and an answer."
    ),
    HOME_STATIONS => ("派出所", "Police stations"),
    HOME_NO_STATIONS => ("暂无派出所。", "No stations yet."),
    HOME_STATION_LINK => ("查看派出所", "View station"),

    // Station page.
    STATION_ADDRESS => ("地址", "Address"),
    STATION_PHONE => ("电话", "Phone"),
    STATION_OFFICES => ("警务室与民警", "Community offices and officers"),
    STATION_NO_OFFICERS => ("暂无民警信息。", "No officers listed."),
    STATION_BADGE => ("警号", "Badge"),
    STATION_AREA => ("辖区", "Area"),
    STATION_UNASSIGNED => ("所部", "Station headquarters"),

    // Rating an officer or a station.
    RATE_OFFICER_TITLE => ("评价民警", "Rate an officer"),
    RATE_INTRO => (
        "您的评价将如实统计并公开发布。默认匿名。",
        "Your rating is counted as given and published. You stay anonymous unless you leave contact details."
    ),
    RATE_STATION => ("所属派出所", "Station"),
    RATE_OFFICE => ("警务室", "Community office"),
    RATE_LEVEL_LEGEND => ("您对这次服务满意吗？", "How satisfied are you with this service?"),
    RATE_SERVICE_LABEL => ("服务类型", "Service received"),
    RATE_SERVICE_CHOOSE => ("请选择", "Choose…"),
    RATE_PROBLEMS_LEGEND => ("如不满意，问题出在哪里？（可多选）", "If not satisfied, what went wrong? (choose any)"),
    RATE_PRAISE_LEGEND => ("如满意，好在哪里？（可多选）", "If satisfied, what went well? (choose any)"),
    RATE_COMMENT_LABEL => ("意见或建议（选填，1000 字以内）", "Comments (optional, up to 1,000 characters)"),
    RATE_CONTACT_LABEL => ("联系方式（选填）", "Contact details (optional)"),
    RATE_CONTACT_HINT => (
        "留下电话或邮箱，我们会回访；不留则完全匿名。",
        "Leave a phone number or email and we will call you back; leave it empty to stay anonymous."
    ),
    RATE_SUBMIT => ("提交评价", "Submit rating"),
    FORM_ERRORS_HEADING => ("请检查以下内容：", "Please check the following:"),
    OFFICER_NOT_FOUND_TITLE => ("找不到这位民警", "Officer not found"),
    OFFICER_NOT_FOUND_BODY => (
        "没有这个警号的民警。请核对警号，或从下面的派出所中选择民警。",
        "There is no officer with this badge number. Check the number, or choose an officer from a station below."
    ),
    RATED_TITLE => ("感谢您的评价", "Thank you for your rating"),
    RATED_BODY => ("您的评价已记录，将计入本月的满意度统计。", "Your rating has been recorded and counts in this month's satisfaction figures."),
    RATED_REVIEW => (
        "派出所将核实您反映的问题并整改。核实编号：",
        "The station will look into what went wrong and put it right. Review reference: "
    ),
    RATED_CALLBACK => (
        "如您留下了联系方式，派出所会在 15 个工作日内回访。",
        "If you left contact details, the station will call you back within 15 working days."
    ),
    SAVE_FAILED => ("暂时无法保存，请稍后再试。您填写的内容仍在下方。", "This could not be saved just now. Please try again; what you entered is below."),

    // Not found.
    NOT_FOUND_TITLE => ("页面不存在", "Page not found"),
    NOT_FOUND_BODY => (
        "您要找的页面不存在或已移动。请检查地址，或从首页重新开始。",
        "The page you are looking for does not exist or has moved. Check the address, or start again from the home page."
    ),
    NOT_FOUND_HOME => ("返回首页", "Back to the home page"),
    STATION_NOT_FOUND_TITLE => ("找不到这个派出所", "Station not found"),
    STATION_NOT_FOUND_BODY => (
        "没有这个派出所。请从下面的列表中选择。",
        "There is no station at this address. Please choose one from the list below."
    ),
}

#[cfg(test)]
mod tests {
    use super::ALL;

    #[test]
    fn every_message_exists_in_both_languages() {
        for (name, text) in ALL {
            assert!(!text.zh.trim().is_empty(), "{name} has no Chinese text");
            assert!(!text.en.trim().is_empty(), "{name} has no English text");
        }
    }

    #[test]
    fn chinese_texts_are_chinese() {
        // Catches an English string pasted into the Chinese slot. The language switch is
        // the exception: it speaks the language it switches to.
        let han = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
        for (name, text) in ALL {
            if !name.starts_with("SWITCH_LANGUAGE") {
                assert!(
                    han(text.zh),
                    "{name}'s Chinese text has no Chinese characters"
                );
            }
        }
    }
}
