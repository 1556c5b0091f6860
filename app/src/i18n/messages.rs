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
