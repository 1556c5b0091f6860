//! How we count (`/reports/method`): every published figure, its formula, what is left out
//! and why, in both languages. Every report page links here, and every snapshot names
//! this page and the counting version it was computed under ([`MethodRef`]).

use crate::i18n::Text;
use serde::{Deserialize, Serialize};

/// Where a snapshot's figures are explained: the page and the counting version
/// ([`super::model::FORMAT`]).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MethodRef {
    pub url: String,
    pub version: u32,
}

impl MethodRef {
    pub fn current() -> MethodRef {
        MethodRef {
            url: crate::paths::REPORTS_METHOD.as_str().to_string(),
            version: super::model::FORMAT,
        }
    }
}

/// One figure (or group of figures) and how it is computed: `(id, heading, body)`; the id
/// is the section's anchor.
pub const SECTIONS: &[(&str, Text, Text)] = &[
    (
        "months",
        Text::new("月份", "Months"),
        Text::new(
            "每份报告统计一个自然月，按北京时间划分：评价和诉求按提交时间计入月份，办结的诉求按办结时间计入。月份结束后，由所长核对草稿并发布。",
            "Each report counts one calendar month in Beijing time: ratings and requests count in the month they were submitted, resolutions in the month they happened. After the month ends, the station leader reviews the draft and publishes it.",
        ),
    ),
    (
        "good-rate",
        Text::new("好评率（已核验）", "Good ratings (verified)"),
        Text::new(
            "好评率 = （非常满意 + 满意）÷ 已核验评价数。已核验的评价来自群众办完事后领取的一次性服务码：服务码由民警当场在手机上出示（窗口服务也可由派出所的窗口终端出示，记在派出所名下），或由派出所打印发放，只能评价一次。这是报告的主要数据，近 12 个月趋势、按服务类型的好评率和全局合计也只用已核验评价；全部评价只报数量，不合并计算好评率。",
            "Good ratings = (very satisfied + satisfied) ÷ verified ratings. A verified rating comes with the one-time service code a resident receives after a service: shown on the spot on the officer's phone (for a counter service, also on the station's counter tablet, counted for the station alone), or printed by the station, good for one rating. This is the headline; the 12-month trend, the rates by service and the bureau total use verified ratings only too; all ratings together are counted, never merged into one rate.",
        ),
    ),
    (
        "interval",
        Text::new("95% 置信区间", "The 95 % interval"),
        Text::new(
            "评价只是部分群众的意见。区间按 Wilson 方法计算，表示在这些评价下真实好评率的合理范围：评价越少，区间越宽。两个派出所的区间重叠时，不宜说谁更好。",
            "Ratings are the opinions of some residents, not all. The interval, computed with Wilson's method, is the range the true share plausibly lies in given these ratings: the fewer the ratings, the wider it is. When two stations' intervals overlap, neither can be said to do better.",
        ),
    ),
    (
        "unverified",
        Text::new("未核验评价", "Unverified ratings"),
        Text::new(
            "扫描民警或派出所二维码的评价无需服务码，任何人都可以提交（同一设备和网络有频率限制）。它们单独列出，有自己的好评率，但不计入主要数据。",
            "Ratings from an officer's or a station's QR code need no service code, and anyone can submit one (limited per device and network). They are shown apart with their own rate, and are not in the headline.",
        ),
    ),
    (
        "visits",
        Text::new("入户走访评价", "Household-visit ratings"),
        Text::new(
            "走访时，住户用自己的手机扫描民警出示的走访服务码评价。走访对象由民警选择，所以这些评价单独列出，不计入好评率，也不计入民警个人数据。民警不能代群众评价。",
            "On a household visit, the household rates on its own phone with a visit code the officer shows. The officer chose the household, so these ratings are shown apart, outside the headline and outside the officer's own figures. Officers cannot rate for residents.",
        ),
    ),
    (
        "excluded",
        Text::new("不计入统计的评价", "Ratings not counted"),
        Text::new(
            "以往由民警在走访时代群众录入的评价仍然保存，但不计入任何数据。系统每 10 分钟检查新评价，标记可能的刷评（同一来源 24 小时内对同一对象 5 条以上未核验好评，或 10 分钟内 10 条以上且达到平常速度的 5 倍）、服务码异常兑换（在本所发过码的网络兑换，或发码后 20 秒内兑换）、同一来源集中差评，以及服务码兑换率不到本所一半的民警。标记不删除、也不排除任何评价；由督察逐条审查，可以说明理由将其排除，排除和恢复都记入审计日志，只能在该月报告发布前进行。报告按原因列出不计入统计的评价数量。",
            "Ratings officers once recorded for residents on visits are kept, but are in no figure. Every 10 minutes the new ratings are checked for likely inflation (five or more unverified good ratings of one target from one source within 24 hours, or ten within 10 minutes and five times its usual pace), codes misused (redeemed from a network the station issued codes from, or within 20 seconds of issue), bursts of bad ratings from one source, and officers whose codes are redeemed at under half their station's rate. A flag deletes and excludes nothing: an inspector reviews each one and may exclude its ratings with a reason; excluding and restoring are audited and possible only until the month is published. The report counts the ratings not counted, by reason.",
        ),
    ),
    (
        "codes",
        Text::new("服务码使用率", "Service codes used"),
        Text::new(
            "服务码使用率 = 本月发放的服务码中已用于评价的数量 ÷ 本月发放的数量（截至发布时），打印发放的另行列出。每次服务后都应发放服务码：打印的服务码大量未用，或发放的服务码远少于办理的业务，都说明服务码没有发给每一位群众。民警在手机上出示的服务码记在该民警名下，4 小时内有效，每人每天最多 200 个；打印的服务码有效期最长 31 天，每个派出所每天最多打印 400 张，不能打印记在自己名下的服务码。",
            "Service codes used = codes issued in the month that have made a rating ÷ codes issued in the month (at publication), printed ones counted apart too. A code should follow every service: many printed codes left unused, or far fewer codes than services given, both mean codes did not reach every resident. A code an officer shows on the phone is tied to that officer and valid for 4 hours, at most 200 a day each; printed codes are valid for at most 31 days, a station prints at most 400 a day, and nobody prints codes tied to themselves.",
        ),
    ),
    (
        "requests",
        Text::new("诉求办理", "Requests"),
        Text::new(
            "本月提交：本月提交的诉求，不含作为无效信息隐藏的（另行列出，从不删除）。按期办结率 = 本月办结且不晚于办理期限的 ÷ 本月办结。首次答复用时为从提交到第一次答复或办结的小时数的中位数。",
            "Filed: requests submitted in the month, without those hidden as spam (counted apart, never deleted). Resolved on time = resolved in the month by their due date ÷ resolved in the month. Time to first answer is the median of the hours from filing to the first reply or resolution.",
        ),
    ),
    (
        "feedback",
        Text::new("办结后回访", "Feedback after resolution"),
        Text::new(
            "回访满意率 = （满意 + 基本满意）÷ 本月办结的诉求。群众未答复的记为未答复，留在分母中，不计为满意。走访转来的诉求由民警持有查询码，其回访意见另行列出。",
            "Satisfied after resolution = (satisfied + basically satisfied) ÷ requests resolved in the month. A resident who does not answer counts as no answer and stays in the total, never as satisfied. Requests opened from a visit, whose access code the officer held, are counted apart.",
        ),
    ),
    (
        "rectified",
        Text::new("差评整改率", "Bad ratings rectified"),
        Text::new(
            "每条差评都会生成差评核实。办结时须写明核实结论：属实、部分属实或不属实。差评整改率 = 核实属实或部分属实且已解决的 ÷ 核实属实或部分属实的。不属实的单独列出；以前未记录结论的单独列为“未记录结论”，不算作已整改。",
            "Every bad rating opens a bad-rating review, which closes with a finding: substantiated, partly substantiated or not substantiated. Bad ratings rectified = reviews found substantiated in full or in part and resolved ÷ reviews found substantiated in full or in part. Those not substantiated are shown apart; older reviews closed without a finding are shown as such, never as rectified.",
        ),
    ),
    (
        "commendations",
        Text::new("群众表扬", "Commendations"),
        Text::new(
            "只有群众在表扬时同意公开的，报告才写出被表扬民警的姓名；其余表扬只在内部计入民警个人数据。",
            "A report names an officer only for the commendations whose residents agreed to it; the others count in the officer's own figures, internally.",
        ),
    ),
    (
        "publishing",
        Text::new("发布与更正", "Publishing and corrections"),
        Text::new(
            "发布后的报告不可更改，页面显示其 JSON 文件的 SHA-256 值，任何人都可以核对。如需更正，发布新版本并写明公开说明，旧版本仍可查看。",
            "A published report never changes; its page shows the SHA-256 of its JSON file, so anyone can check it. A correction is a new version with a public note, and the old version stays available.",
        ),
    ),
    (
        "versions",
        Text::new("统计口径版本", "Versions of the counting"),
        Text::new(
            "每份报告的数据文件写明它所用的口径版本（method.version）。第 2 版起，主要数据只用已核验评价，走访评价单列，代录评价不计入，差评按核实结论统计。第 1 版的报告中，“评价数”和趋势含全部评价，差评核实只统计是否已处理；这些报告保持原样，并在页面上注明。",
            "Each report's data names the version of the counting it used (method.version). From version 2, the headline uses verified ratings only, visit ratings are apart, ratings recorded for residents are not counted, and reviews are counted by finding. In version 1 reports, the number of ratings and the trend included every rating and reviews were counted only as dealt with or not; those reports stay as they were, with a note on the page.",
        ),
    ),
];
