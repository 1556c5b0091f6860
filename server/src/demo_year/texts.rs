//! What the demo's residents and staff write: requests with the replies and resolutions
//! that answer them, comments, visit notes and the monthly "you said, we did". Plain
//! words a resident or an officer would type, in the product's glossary (no 案件, 居民,
//! 结案 and the rest). Urgent matters (a missing person, a fraud under way) go to 110,
//! not to a web form: the demo's requests are the kind that can wait a day.

use app::cases::CaseKind;

/// A request a resident might file (`{place}` is where they live), with the reply staff
/// give while they work on it and the resolution they close it with.
pub struct Request {
    pub subject: &'static str,
    pub description: &'static str,
    pub reply: &'static str,
    pub done: &'static str,
    /// For a matter another department handles: its name, how to reach it, and what the
    /// station tells the resident.
    pub referral: Option<(&'static str, &'static str, &'static str)>,
}

/// A complaint, with what the station answers when checking finds it true (in whole or
/// in part) and when it does not.
pub struct Complaint {
    pub subject: &'static str,
    pub description: &'static str,
    pub rectified: &'static str,
    pub explained: &'static str,
}

const fn request(
    subject: &'static str,
    description: &'static str,
    reply: &'static str,
    done: &'static str,
) -> Request {
    Request {
        subject,
        description,
        reply,
        done,
        referral: None,
    }
}

const fn referred(
    subject: &'static str,
    description: &'static str,
    reply: &'static str,
    to: (&'static str, &'static str, &'static str),
) -> Request {
    Request {
        subject,
        description,
        reply,
        done: to.2,
        referral: Some(to),
    }
}

/// The requests of `kind` (complaints are [`COMPLAINTS`]; a 差评核实 is opened by a
/// rating, not typed).
pub fn requests(kind: CaseKind) -> &'static [Request] {
    match kind {
        CaseKind::Help => HELP,
        CaseKind::Suggestion => SUGGESTIONS,
        CaseKind::Question => QUESTIONS,
        CaseKind::Commendation => COMMENDATIONS,
        CaseKind::Tip => TIPS,
        CaseKind::Complaint | CaseKind::RatingReview => &[],
    }
}

pub const NAMES: &[&str] = &[
    "王女士",
    "李先生",
    "刘先生",
    "陈女士",
    "赵先生",
    "周女士",
    "吴先生",
    "郑女士",
];

const HELP: &[Request] = &[
    request(
        "楼道电动车充电，担心起火",
        "{place}有住户把电动车推进楼道充电，多次劝说无效，请民警上门处理。",
        "您好，已收到，社区民警近两天会同物业上门处理。",
        "民警已会同物业上门劝导，楼道内电动车已移出，物业已在楼下增设充电桩。",
    ),
    request(
        "邻居深夜噪音扰民",
        "{place}楼上住户连续几晚深夜大声放音乐，影响老人和孩子休息。",
        "您好，民警今晚会上门了解情况。",
        "民警已上门调解，对方承诺晚上十点后不再放音乐，民警之后会再上门看看。",
    ),
    request(
        "小区门口车辆堵住消防通道",
        "{place}小区门口每天晚上都有车停在消防通道上，救护车进不来。",
        "您好，已联系物业，民警会在晚上到现场查看。",
        "已联系物业施划禁停标线，对长期占用通道的车主逐一提醒，近一周未再发现占用。",
    ),
    request(
        "网购被骗，想问怎么办",
        "在网上买东西付款后对方不发货还把我拉黑了，金额八百元，聊天记录和付款截图都在。",
        "您好，请带上身份证、聊天记录和付款凭证到派出所登记。",
        "已登记您的被骗情况并开具受理回执，请保留聊天记录和付款凭证，有进展民警会电话告知您。",
    ),
    referred(
        "与楼上邻居因漏水赔偿起纠纷",
        "{place}楼上漏水泡坏了我家天花板，协商赔偿不成，希望有人出面调解。",
        "您好，已收到，民警会先了解双方情况。",
        (
            "司法所",
            "电话 0000-1200001，工作日 9:00–17:00",
            "属于邻里纠纷调解，已转司法所，调解员会与您联系。",
        ),
    ),
    referred(
        "路边摊占道，行人只能走马路",
        "{place}路口每天傍晚摆满小摊，人行道被占，老人孩子只能走机动车道。",
        "您好，已收到，民警会到现场查看。",
        (
            "城管",
            "电话 0000-1200002",
            "占道经营由城管部门处理，已转城管，巡逻民警也会留意路口的通行安全。",
        ),
    ),
    referred(
        "小超市卖过期食品",
        "{place}一家小超市货架上有好几样过期的牛奶和面包，跟店主说了也不下架。",
        "您好，已收到。",
        (
            "市场监管 12315",
            "拨打 12315，或在全国 12315 平台投诉",
            "食品安全由市场监管部门处理，已转市场监管所，也可拨打 12315 跟进。",
        ),
    ),
];

const SUGGESTIONS: &[Request] = &[
    request(
        "建议周末开放户籍窗口",
        "上班族工作日请假不便，建议周六上午开放户籍窗口。",
        "感谢建议，所里正在研究窗口排班。",
        "感谢建议，已安排每周六上午开放一个户籍窗口，试行三个月。",
    ),
    request(
        "建议在{place}增加夜间巡逻",
        "{place}晚上路灯少，最近有几起电动车被盗，建议加强夜间巡逻。",
        "感谢建议，巡逻组会研究落实。",
        "已调整巡逻路线，晚上增加一次巡逻，并协调社区增设路灯。",
    ),
    request(
        "建议公布警务室值班电话",
        "{place}警务室门口没有值班电话，有事找不到人。",
        "感谢建议。",
        "已在警务室门口公示值班电话和社区民警联系卡。",
    ),
    request(
        "建议学校门口上下学时段安排警力",
        "学校门口上下学时段车辆乱停，孩子过马路很危险。",
        "感谢建议，民警会先到现场看看。",
        "上下学时段已安排民警和辅警在校门口值守，并设置了临时停车点。",
    ),
];

const QUESTIONS: &[Request] = &[
    request(
        "居住证怎么办理",
        "在{place}租房半年，想问办理居住证需要哪些材料，在哪里办。",
        "您好，已收到。",
        "您好，办理居住证需携带身份证、租房合同或房产证明，到户籍窗口办理，工作日 8:30–17:30。",
    ),
    request(
        "新生儿落户需要什么材料",
        "孩子上个月出生，父母户口都在本市，想问落户需要带哪些材料。",
        "您好，已收到。",
        "您好，请携带出生医学证明、父母双方的户口簿、身份证和结婚证，到户籍窗口办理。",
    ),
    request(
        "无犯罪记录证明能否网上申请",
        "单位要求开具无犯罪记录证明，想问能否网上申请，多久能拿到。",
        "您好，已收到。",
        "您好，可在“公安政务服务”平台网上申请，也可到户籍窗口申请，材料齐全的一般五个工作日内办好。",
    ),
    request(
        "电动车上牌在哪里办",
        "新买的电动自行车，想问上牌要去哪里，需要带发票吗。",
        "您好，已收到。",
        "您好，电动自行车上牌请到车管所或指定登记点办理，需携带购车发票、合格证和身份证。",
    ),
    request(
        "身份证快到期了，户口在外省能否在这里换",
        "身份证下个月到期，户口在外省，能否在这里换领。",
        "您好，已收到。",
        "您好，身份证可在本市任一户籍窗口异地换领，带上原身份证，现场拍照即可。",
    ),
];

const COMMENDATIONS: &[Request] = &[
    request(
        "感谢民警帮忙找回孩子",
        "孩子在{place}走丢了，民警很快找到并送回家，非常感谢。",
        "感谢您的表扬。",
        "感谢您的表扬，已转达民警本人并在所务会上通报。",
    ),
    request(
        "感谢民警热心帮助",
        "老人在{place}摔倒，巡逻民警及时送医并联系家属，特此表扬。",
        "感谢您的表扬。",
        "感谢您的表扬，已转达民警本人并在所务会上通报。",
    ),
    request(
        "窗口民警耐心细致",
        "办理户口迁移时民警一次性讲清楚所有材料，还帮忙复印，效率很高。",
        "感谢您的表扬。",
        "感谢您的表扬，已转达民警本人并在所务会上通报。",
    ),
];

const TIPS: &[Request] = &[
    request(
        "疑似有人在出租屋内聚赌",
        "{place}一处出租屋每晚人员进出频繁，声音嘈杂，疑似聚众赌博。",
        "感谢您提供的线索。",
        "感谢您提供的线索，已依法处理。",
    ),
    request(
        "发现有人散发诈骗传单",
        "在{place}看到有人散发“高息理财”传单，疑似诈骗。",
        "感谢您提供的线索。",
        "感谢您提供的线索，民警已到现场处置，并在小区开展了防骗宣传。",
    ),
    request(
        "路边一辆无牌摩托车停了一个多月",
        "{place}路边一辆无牌摩托车停放一个多月无人问津，怀疑是被盗车辆。",
        "感谢您提供的线索。",
        "感谢您提供的线索，经查该车为被盗车辆，已联系车主领回。",
    ),
];

pub const COMPLAINTS: &[Complaint] = &[
    Complaint {
        subject: "窗口办事等候时间过长",
        description: "上午在户籍窗口排队近两个小时，只开了一个窗口，工作人员中途离开较久。",
        rectified: "经了解情况属实，已调整窗口人员安排，高峰期增开窗口，并对当班人员批评教育。",
        explained: "经了解，当天上午窗口系统故障，暂停办理约半小时，已向您说明原因，对给您带来的不便表示歉意。",
    },
    Complaint {
        subject: "出警太慢",
        description: "在{place}报警称有人打架，四十分钟后才有民警到场。",
        rectified: "经了解，当晚警力调度不当，到场延迟，已调整夜间巡逻车辆驻点，并对当班民警批评教育。",
        explained: "经调取出警记录，民警接警后十二分钟到场，处置符合规范，特此说明。",
    },
    Complaint {
        subject: "民警说话态度生硬",
        description: "去派出所问开证明的事，接待民警很不耐烦，也没说清楚要带什么材料。",
        rectified: "情况属实，已对当事民警批评教育，并组织全所学习接待规范。",
        explained: "经调取执法记录仪，民警接待用语规范，因材料不全未能当场办理，已向您说明所需材料。",
    },
    Complaint {
        subject: "办事要求反复提交材料",
        description: "为孩子办户口迁入跑了三次，每次都被告知缺一样材料，没有一次性告知。",
        rectified: "经了解部分属实，已要求窗口一次性告知所需材料，并在窗口和网上公示办事指南。",
        explained: "经了解，前两次缺少的是迁出地出具的证明，并非本所另加的要求，已向您说明办理流程。",
    },
];

/// What a 差评核实 finds and says: the resident left no words to answer beyond the rating.
pub const REVIEW_RECTIFIED: &[&str] = &[
    "经了解情况属实，已对当事民警批评教育，并在全所通报。",
    "经了解部分属实，已提醒相关民警规范服务用语，并加强窗口管理。",
];

pub const REVIEW_EXPLAINED: &[&str] = &[
    "经调取执法记录仪和服务记录，民警处置符合规范，未发现所反映的问题。",
    "经了解，当时因系统故障暂停办理，并非民警个人原因，已加强设备维护。",
];

pub const BAD_COMMENTS: &[&str] = &[
    "等了很久没人理。",
    "说话很冲，不耐烦。",
    "跑了两趟还没办成。",
    "出警太慢。",
];

pub const GOOD_COMMENTS: &[&str] = &[
    "办事很快，态度很好。",
    "民警很耐心，谢谢！",
    "解释得很清楚。",
];

pub const VISIT_NOTES: &[&str] = &[
    "了解家庭情况，宣传防诈骗知识。",
    "发放警民联系卡，登记出租屋信息。",
    "看望独居老人，检查用电安全。",
];

pub const VISIT_OPINIONS: &[&str] = &[
    "希望小区门口多安装几个监控。",
    "晚上常有人在路口飙车，希望管一管。",
    "希望警务室周末也能有人值班。",
];

/// What residents said and what the station did, for the monthly reports.
pub const SAID_DID: &[(&str, &str)] = &[
    ("户籍窗口排队时间长", "高峰期增开一个窗口，午间不间断办理"),
    ("夜间路灯少，担心治安", "调整巡逻路线，协调社区增设路灯"),
    ("警务室找不到人", "在警务室门口公示值班电话和社区民警联系卡"),
    (
        "办事材料要求说不清",
        "在窗口和网上公示办事指南，一次性告知所需材料",
    ),
    (
        "学校门口上下学时段拥堵",
        "上下学时段安排民警和辅警在校门口值守",
    ),
    ("电动车被盗多发", "开展电动车防盗登记，在重点小区加装监控"),
    ("出警慢", "优化接警派警流程，巡逻车辆就近驻点"),
];
