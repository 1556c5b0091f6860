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

    // What each public page is for (its meta description).
    DESC_HOME => ("为派出所和民警的服务打分，提出求助、投诉或建议，查看办理进度和各派出所每月的群众满意度。", "Rate the service of police stations and officers, make a request and follow it, and read each station's monthly satisfaction."),
    DESC_STATION => ("本派出所的地址、电话和社区民警；评价本所的服务，或向本所提出诉求。", "This station's address, phone and community officers; rate its service or make a request."),
    DESC_STATION_REPORTS => ("本派出所已发布的每月群众满意度报告。", "The station's published monthly satisfaction reports."),
    DESC_STATION_MONTH => ("派出所一个月的群众满意度：评价数量、好评率及其置信区间、诉求办理情况。", "A station's satisfaction for one month: the ratings, the share of good ones with its confidence interval, and how requests were handled."),
    DESC_METHOD => ("月度满意度报告中每项数据的计算方法、不计入的内容及原因。", "How every figure of the monthly reports is computed, what is left out and why."),
    DESC_REPORTS => ("各派出所每月公开的群众满意度和诉求办理情况。", "Every station's published monthly satisfaction and request handling."),
    DESC_OFFICER => ("评价这位民警的服务：五级满意度，可选填意见。", "Rate this officer's service: five levels, with an optional comment."),
    DESC_RATED => ("感谢您的评价。", "Thank you for your rating."),
    DESC_MAIL => ("确认或停止接收开门评警的邮件通知。", "Confirm or stop OpenDoor's email notices."),
    DESC_RATE => ("输入办事后拿到的服务码，评价这次服务。", "Enter the service code you were given to rate that service."),
    DESC_REQUEST_NEW => ("向派出所提出求助、投诉、建议、咨询、表扬或线索；每件诉求都有编号、承办人和办理期限。", "Ask a police station for help, complain, suggest, ask, commend or give a tip; every request gets a reference, an owner and a deadline."),
    DESC_RECEIPT => ("您的诉求编号和查询码。", "Your request's reference and access code."),
    DESC_TRACK => ("凭编号和查询码查看诉求的办理进度和答复。", "Follow your request's progress and answers with its reference and access code."),
    DESC_NOT_FOUND => ("找不到这个页面。", "This page could not be found."),

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
        "给出差评时，承办民警可据此回电核实；其他评价不保存联系方式。评价从不显示您的姓名。",
        "With a bad rating, the officer reviewing it can call you back on this; with any other rating it is not kept. Ratings never show your name."
    ),
    RATE_SUBMIT => ("提交评价", "Submit rating"),
    FORM_ERRORS_HEADING => ("请检查以下内容：", "Please check the following:"),
    OFFICER_NOT_FOUND_TITLE => ("找不到这位民警", "Officer not found"),
    OFFICER_NOT_FOUND_BODY => (
        "没有这个警号的民警。请核对警号，或从下面的派出所中选择民警。",
        "There is no officer with this badge number. Check the number, or choose an officer from a station below."
    ),
    // Links in residents' mail: confirm an address, stop mail.
    MAIL_CONFIRM_TITLE => ("确认邮箱地址", "Confirm your email address"),
    MAIL_CONFIRM_BODY => (
        "确认后，我们会把诉求的回执、答复和办理结果发到这个邮箱。",
        "Once confirmed, we send your request's receipt, replies and outcome to this address."
    ),
    MAIL_CONFIRM_BUTTON => ("确认", "Confirm"),
    MAIL_CONFIRMED_TITLE => ("邮箱地址已确认", "Address confirmed"),
    MAIL_CONFIRMED_BODY => (
        "谢谢。诉求的回执和后续消息将发到您的邮箱；每封邮件都可以退订。",
        "Thank you. Your receipt and further news will come by email; every message lets you stop them."
    ),
    MAIL_UNSUBSCRIBE_TITLE => ("不再接收邮件", "Stop emails"),
    MAIL_UNSUBSCRIBE_BODY => (
        "退订后，我们不再给这个邮箱发送任何邮件。办理进度仍可凭编号和查询码查看。",
        "After this, nothing more is sent to this address. You can still track your requests with reference and access code."
    ),
    MAIL_UNSUBSCRIBE_BUTTON => ("退订", "Stop emails"),
    MAIL_UNSUBSCRIBED_TITLE => ("已退订", "Emails stopped"),
    MAIL_UNSUBSCRIBED_BODY => (
        "我们不会再给这个邮箱发送邮件。再次提交诉求并留下邮箱时，我们会重新请您确认。",
        "We will not write to this address again. If you give it with a new request, we will ask you to confirm it first."
    ),
    MAIL_LINK_INVALID => (
        "这个链接无效或已经用过。请使用最新邮件中的链接。",
        "This link is not valid or was already used. Please use the link in the newest message."
    ),
    RATED_TITLE => ("感谢您的评价", "Thank you for your rating"),
    RATED_BODY => ("您的评价已记录，将计入本月的满意度统计。", "Your rating has been recorded and counts in this month's satisfaction figures."),
    RATED_REVIEW => (
        "派出所将对您的差评进行核实，在 {within}答复办理结果。差评核实的编号和查询码如下：",
        "The station will review your bad rating and answer {within}. The review's reference and access code:"
    ),
    RATED_SAVE => (
        "请保存编号和查询码：凭它们可查看核实进度，并在答复后评价办理结果。查询码只显示这一次。",
        "Keep the reference and the access code: with them you can follow the review and give your feedback on its outcome. The access code is shown only this once."
    ),
    RATED_CALLBACK => (
        "如您留下了联系方式，承办民警可据此回电联系您。",
        "If you left contact details, the officer handling the review can call you back on them."
    ),
    SAVE_FAILED => ("暂时无法保存，请稍后再试。您填写的内容仍在下方。", "This could not be saved just now. Please try again; what you entered is below."),
    SIGN_OUT_FAILED => ("暂时无法退出登录，您仍处于登录状态，请稍后再试。", "Signing out did not finish just now: you are still signed in. Please try again."),

    // Actions offered on the home and station pages.
    HOME_ACTIONS => ("办事入口", "What you can do"),
    HOME_ACTION_REQUEST => ("提诉求", "Make a request"),
    HOME_ACTION_TRACK => ("查进度", "Track a request"),
    HOME_ACTION_CODE => ("凭服务码评价", "Rate with a service code"),
    RATE_STATION_HEADING => ("评价本所", "Rate this station"),
    RATE_LIMITED_BEFORE => ("提交过于频繁。为防止滥用，请 ", "Too many submissions from this connection. To prevent abuse, please try again in "),
    RATE_LIMITED_AFTER => (" 分钟后再试。您填写的内容仍在下方。", " minutes. What you entered is below."),

    // Service codes.
    CODE_TITLE => ("凭服务码评价", "Rate with a service code"),
    CODE_INTRO => (
        "办完业务后，民警会给您一张印有服务码的小票。输入服务码即可评价这次服务，评价将计为“已核验”。",
        "After a service at the counter you receive a slip with a service code. Enter it to rate that service; your rating counts as verified."
    ),
    CODE_LABEL => ("服务码（10 位字母或数字）", "Service code (10 letters or digits)"),
    CODE_SUBMIT => ("下一步", "Continue"),
    CODE_RATE_TITLE => ("评价这次服务", "Rate this service"),
    CODE_OFFICER => ("经办民警", "Officer"),
    CODE_VERIFIED_NOTE => ("此评价凭服务码提交，计为已核验评价。", "This rating is made with a service code and counts as verified."),
    CODE_USED_TITLE => ("这个服务码已经用过了", "This service code has been used"),
    CODE_USED_BODY => (
        "每个服务码只能评价一次，这次服务已经评价过。如有新的意见，可以直接评价民警或提出诉求。",
        "Each code rates one service once, and this one has been used. You can still rate an officer directly or make a request."
    ),
    CODE_EXPIRED_TITLE => ("这个服务码已过期", "This service code has expired"),
    CODE_EXPIRED_BODY => (
        "服务码在有效期内才能使用。您仍可直接评价民警或派出所（计为未核验评价），或提出诉求。",
        "Service codes work only for a limited time. You can still rate the officer or the station directly (counted as unverified), or make a request."
    ),
    CODE_UNKNOWN_TITLE => ("找不到这个服务码", "Service code not found"),
    CODE_UNKNOWN_BODY => ("请核对小票上的服务码后重新输入。", "Please check the code on your slip and enter it again."),
    CODE_RATE_WITHOUT => ("不用服务码，直接评价民警或派出所", "Rate an officer or a station without a code"),

    // Requests.
    REQUEST_TITLE => ("提诉求", "Make a request"),
    REQUEST_INTRO => (
        "求助、投诉、建议、咨询、表扬或提供线索。提交后您会得到编号和查询码，凭此查看办理进度。紧急情况请拨打 110。",
        "Ask for help, complain, suggest, ask, commend, or give a tip. You will get a reference and an access code to follow it. In an emergency call 110."
    ),
    REQUEST_KIND_LEGEND => ("诉求类型", "Kind of request"),
    REQUEST_HINT_HELP => ("需要民警帮忙解决的事", "Something you need the police to help with"),
    REQUEST_HINT_COMPLAINT => ("对民警或派出所工作的不满", "Dissatisfied with an officer or the station"),
    REQUEST_HINT_SUGGESTION => ("改进工作的意见", "An idea to improve the work"),
    REQUEST_HINT_QUESTION => ("想了解的政策或手续", "A question about rules or procedures"),
    REQUEST_HINT_COMMENDATION => ("表扬民警或派出所", "Praise for an officer or the station"),
    REQUEST_HINT_TIP => ("违法犯罪线索，严格保密", "Information about a crime, kept confidential"),
    REQUEST_STATION_LABEL => ("派出所", "Station"),
    REQUEST_STATION_NOT_SURE => ("不确定，由公安局受理中心分送", "Not sure: bureau intake sends it to the right station"),
    REQUEST_PLACE_LABEL => ("地点（选填）", "Place (optional)"),
    REQUEST_SUBJECT_LABEL => ("标题", "Subject"),
    REQUEST_DESCRIPTION_LABEL => ("具体情况（4000 字以内）", "Description (up to 4,000 characters)"),
    REQUEST_BADGE_LABEL => ("涉及民警的警号（选填）", "Badge number of an officer involved (optional)"),
    RATE_STAFF_SIGNED_IN => (
        "这台设备已登录工作人员账号，不能提交评价。评价须由群众本人在自己的手机上完成；工作人员可以出示服务码。",
        "This device is signed in to a staff account and cannot submit a rating. Residents rate on their own phones; staff can show them a service code."
    ),
    COMMEND_STAFF_SIGNED_IN => (
        "这台设备已登录工作人员账号，不能提交表扬。表扬须由群众本人提交。",
        "This device is signed in to a staff account and cannot submit a commendation: residents commend officers themselves."
    ),
    REQUEST_PUBLISH_NAME_LABEL => (
        "如是表扬：同意在派出所的月度报告中公开被表扬民警的姓名",
        "For a commendation: you agree that the station's monthly report names the officer you commend"
    ),
    REQUEST_BADGE_HINT => ("6 位数字，印在警官证和服务卡上。", "Six digits, printed on the officer's card."),
    REQUEST_CONTACT_LEGEND => ("联系方式（选填）", "How to reach you (optional)"),
    REQUEST_CONTACT_HINT => (
        "您的电话和邮箱只有承办民警能查看（诉求涉及民警时，只有所长和督察能查看），每次查看都须写明原因并记录在案。",
        "Only the officer handling your request can see your phone and email (if it names an officer: only the station leader and the inspectors); each look needs a reason and is logged."
    ),
    REQUEST_NAME_LABEL => ("称呼", "Name"),
    REQUEST_PHONE_LABEL => ("电话", "Phone"),
    REQUEST_EMAIL_LABEL => ("邮箱", "Email"),
    REQUEST_ANONYMOUS_LABEL => ("匿名（不向派出所显示您的姓名）", "Anonymous (your name is not shown to the station)"),
    REQUEST_SUBMIT => ("提交诉求", "Submit request"),

    // The receipt.
    RECEIPT_TITLE => ("诉求已提交", "Request received"),
    RECEIPT_BODY => (
        "我们已收到您的诉求，将在 {within}答复。凭下面的编号和查询码可以随时查看进度。",
        "We have received your request and will answer it {within}. Use the reference and access code below to follow it."
    ),
    RECEIPT_WITHIN_UNKNOWN => ("规定的工作日内", "within the set number of working days"),
    RECEIPT_SAVE => (
        "请现在记下或截图保存查询码：它只显示这一次，我们也无法找回。",
        "Write down or screenshot the access code now: it is shown only this once and we cannot recover it."
    ),
    RECEIPT_TRACK => ("查看进度", "Track your request"),
    RECEIPT_ALREADY_TITLE => ("这条诉求已经提交过", "This request was submitted already"),
    RECEIPT_ALREADY_BODY => (
        "您刚才已经提交了同样的内容，我们只记录了一次。编号如下；查询码在第一次提交后已显示，不会再次发放。",
        "You sent the same request a moment ago and it was recorded once. Its reference is below; its access code was shown the first time and is not issued again."
    ),
    RECEIPT_GONE_TITLE => ("回执已显示过", "This receipt has been shown"),
    RECEIPT_GONE_BODY => (
        "为保护您的隐私，查询码只显示一次。请用您保存的编号和查询码查看进度。",
        "To protect your privacy the access code is shown only once. Use the reference and code you saved to track your request."
    ),

    // Tracking.
    TRACK_TITLE => ("查进度", "Track a request"),
    TRACK_INTRO => ("输入回执上的编号和查询码。", "Enter the reference and access code from your receipt."),
    TRACK_REFERENCE_LABEL => ("编号", "Reference"),
    TRACK_REFERENCE_HINT => ("例如 KM-2026-000123", "For example KM-2026-000123"),
    TRACK_CODE_LABEL => ("查询码", "Access code"),
    TRACK_SUBMIT => ("查看进度", "Show progress"),
    TRACK_CASE_TITLE => ("诉求", "Request"),
    TRACK_KIND => ("类型", "Kind"),
    TRACK_STATION => ("承办单位", "Handled by"),
    TRACK_BUREAU => ("公安局受理中心（分送派出所中）", "Bureau intake (choosing the station)"),
    TRACK_ACK_DUE => ("受理时限", "To be taken up by"),
    TRACK_ACK_DUE_AFTER => (" 前受理（1 个工作日内）", " (within 1 working day)"),
    TRACK_CLOSED_HIDDEN => ("已关闭：非有效诉求", "Closed: not a genuine request"),
    TRACK_CLOSED_REASON => ("关闭原因", "Why"),
    TRACK_OBJECT_INTRO => (
        "如果您认为这是一件真实的诉求，可以提出一次异议，由督察审核。",
        "If this was a genuine request, you may object once; the inspectors will review it."
    ),
    TRACK_OBJECT_SUBMIT => ("提出异议", "Object"),
    TRACK_OBJECTED => ("您已提出异议，督察将审核。", "You objected; the inspectors will review it."),
    TRACK_MERGED => ("已关闭：与同一问题的诉求合并办理，后续进展见", "Closed: handled together with a request about the same matter; follow it at"),
    TRACK_CONTINUES => ("合并后的办理过程", "Progress of the request it continues in"),
    TRACK_FILED => ("提交日期", "Filed on"),
    TRACK_STATUS => ("状态", "Status"),
    TRACK_DUE => ("答复期限", "Answer due"),
    TRACK_DAYS_LEFT_BEFORE => ("还有 ", "in "),
    TRACK_DAYS_LEFT_AFTER => (" 个工作日", " working days"),
    TRACK_OVERDUE_BEFORE => ("已超期 ", "overdue by "),
    TRACK_OUTCOME => ("办理结果", "Outcome"),
    TRACK_REFERRAL => ("已转办", "Referred to"),
    TRACK_YOUR_ANSWER => ("您的回访意见", "Your feedback on the outcome"),
    TRACK_ANSWER => ("答复", "Answer"),
    TRACK_TIMELINE => ("办理过程", "Timeline"),
    TRACK_FEEDBACK_HEADING => ("您对办理结果满意吗？", "Are you satisfied with the outcome?"),
    TRACK_FEEDBACK_INTRO => (
        "选择“不满意”，诉求将重新办理并提交所长督办。",
        "If you choose Dissatisfied, the request is reopened and the station leader supervises it."
    ),

    // Staff sign-in and workspace.
    STAFF_LOGIN_TITLE => ("工作人员登录", "Staff sign-in"),
    STAFF_USERNAME => ("用户名", "Username"),
    STAFF_PASSWORD => ("密码", "Password"),
    STAFF_SIGN_IN => ("登录", "Sign in"),
    STAFF_HOME_TITLE => ("工作台", "Workspace"),
    STAFF_SIGNED_IN_AS => ("已登录：", "Signed in as "),
    STAFF_ROLES => ("您的角色", "Your roles"),
    STAFF_SIGN_OUT => ("退出登录", "Sign out"),
    STAFF_SIGN_OUT_EVERYWHERE => ("在所有设备上退出", "Sign out everywhere"),
    STAFF_CODE_TITLE => ("输入验证码", "Enter your code"),
    STAFF_CODE_INTRO => ("打开手机上的验证器应用，输入当前显示的 6 位验证码。", "Open the authenticator app on your phone and enter the six-digit code it shows."),
    STAFF_CODE_LABEL => ("6 位验证码", "Six-digit code"),
    STAFF_TOTP_TITLE => ("设置两步验证", "Set up two-step sign-in"),
    STAFF_TOTP_INTRO => (
        "所长、督察和管理员登录时必须使用两步验证。请用验证器应用扫描下面的二维码（或手动输入密钥），再输入应用显示的验证码。",
        "Leaders, inspectors and administrators must sign in with a second step. Scan the QR code below with an authenticator app (or type the key), then enter the code it shows."
    ),
    STAFF_TOTP_QR_LABEL => ("两步验证二维码", "QR code for two-step sign-in"),
    STAFF_TOTP_SECRET => ("密钥：", "Key: "),
    STAFF_TOTP_CONFIRM => ("启用两步验证", "Turn on two-step sign-in"),
    STAFF_TOTP_ON => ("两步验证已启用。", "Two-step sign-in is on."),

    // The workspace: navigation and lists.
    STAFF_NAV => ("工作台导航", "Workspace navigation"),
    STAFF_INTAKE_TITLE => ("待受理", "Intake"),
    STAFF_INTAKE_INTRO => (
        "新提交、尚未分派的诉求，按提交时间排列，最早的在前。请核对类型后分派给承办民警；群众未选派出所的诉求由公安局受理中心分送。",
        "New requests not yet assigned, oldest first. Check the kind, then assign each to an officer; bureau intake sends requests filed without a station to the right one."
    ),
    STAFF_INTAKE_OVERDUE => ("超时未受理", "Not taken up in time"),
    STAFF_MY_CASES_TITLE => ("我承办的诉求", "My requests"),
    STAFF_MY_CASES_INTRO => ("分派给您的诉求，按办理期限排列。", "Requests assigned to you, by deadline."),
    STAFF_DASHBOARD_TITLE => ("所长工作台", "Leader's dashboard"),
    STAFF_INSPECTOR_TITLE => ("督察待办", "Inspector's queue"),
    STAFF_INSPECTOR_INTRO => (
        "各所涉及民警的投诉和差评核实在办结前始终在此；更正类型、关闭、合并或办结须经督察审批。另有群众两次不满意提交督察的诉求，以及所有以“非有效诉求”关闭的诉求。",
        "Complaints and bad-rating reviews about officers stay here until closed; correcting their kind, closing, merging or resolving them needs the inspectors' approval. Also here: requests the resident escalated twice, and every request closed as not genuine."
    ),
    STAFF_INSPECTOR_AWAITING => ("待督察审批", "Waiting for the inspectors' approval"),
    STAFF_INSPECTOR_OVERSIGHT => ("督察监督中的诉求", "Under the inspectors' oversight"),
    STAFF_INSPECTOR_ESCALATED => ("群众不满意、提交督察的诉求", "Escalated by the resident"),
    STAFF_INSPECTOR_HIDDEN => ("以“非有效诉求”关闭的诉求", "Closed as not genuine"),
    STAFF_CLOSED_BY => ("关闭人", "Closed by"),
    STAFF_NO_CASES => ("目前没有诉求。", "No requests at the moment."),
    STAFF_BUREAU_TRIAGE => ("公安局受理中心待分送", "With bureau intake"),
    STAFF_FILED => ("提交于", "filed"),
    STAFF_DAYS_AGO => (" 天前", " days ago"),
    STAFF_DUE => ("办理期限", "Due"),
    STAFF_OVERDUE => ("已超期", "Overdue"),
    STAFF_SUPERVISED => ("督办", "Supervised"),
    STAFF_ABOUT_OFFICER => ("涉及民警警号 ", "About officer "),
    STAFF_ASSIGNEE => ("承办人：", "Assigned to "),
    STAFF_UNASSIGNED => ("未分派", "Unassigned"),
    STAFF_FILTER_KIND => ("类型", "Kind"),
    STAFF_ALL_KINDS => ("全部类型", "All kinds"),
    STAFF_FILTER => ("筛选", "Filter"),
    STAFF_NOT_FOUND_TITLE => ("找不到该诉求", "Request not found"),
    STAFF_NOT_FOUND_BODY => (
        "没有这个诉求，或您无权查看。",
        "There is no such request, or it is not yours to see."
    ),
    STAFF_FORBIDDEN_TITLE => ("无权操作", "Not permitted"),
    STAFF_FORBIDDEN_BODY => (
        "您的角色不能打开此页面或执行此操作。",
        "Your role does not allow this page or this action."
    ),

    // The staff case page.
    STAFF_HIDDEN => ("已关闭（非有效诉求）", "Closed as not genuine"),
    STAFF_OVERSIGHT => ("督察监督", "Under oversight"),
    STAFF_ACK_DUE => ("受理时限", "Take up by"),
    STAFF_ACKNOWLEDGED => ("已受理", "Taken up"),
    STAFF_CHANNEL => ("来源", "Came by"),
    STAFF_FINDING => ("核实结论", "Finding"),
    STAFF_FINDING_HINT => ("投诉和差评核实办结时须有核实结论，由所长或督察确定。", "A complaint or bad-rating review closes with a finding, the leader's or the inspectors' word."),
    STAFF_HIDDEN_REASON => ("关闭原因", "Why it was closed"),
    STAFF_OBJECTED => ("群众已提出异议", "The resident objected"),
    STAFF_PENDING_HEADING => ("待审批的办理意见", "Waiting for approval"),
    STAFF_PENDING_BY => ("提出人", "Proposed by"),
    STAFF_OBJECTION => ("群众对以“非有效诉求”关闭提出异议，请审核：恢复办理或维持关闭。", "The resident objects to the request being closed as not genuine: restore it or keep it closed."),
    STAFF_APPROVE => ("同意", "Approve"),
    STAFF_SEND_BACK => ("退回", "Send back"),
    STAFF_RESTORE => ("恢复办理", "Restore"),
    STAFF_KEEP_CLOSED => ("维持关闭", "Keep closed"),
    STAFF_DECISION_NOTE => ("审批意见（退回或维持关闭时必填，将写入办理记录）", "Note (required to send it back or keep it closed; it goes in the timeline)"),
    STAFF_NEEDS_LEADER => ("提交后须经所长审批方生效。", "Once sent, this takes effect when the station leader approves it."),
    STAFF_NEEDS_INSPECTOR => ("提交后须经督察审批方生效。", "Once sent, this takes effect when the inspectors approve it."),
    STAFF_PLACE_HEADING => ("分送派出所", "Send to a station"),
    STAFF_PLACE_STATION => ("派出所", "Station"),
    STAFF_PLACE_SUBMIT => ("分送", "Send"),
    STAFF_REVEAL_REASON => ("查看原因（连同查看记录写入审计日志）", "Why you need them (recorded in the audit log with the look)"),
    STAFF_ANONYMOUS => ("匿名：群众要求不向派出所显示姓名。", "Anonymous: the resident asked not to be named to the station."),
    STAFF_MERGED_INTO => ("已合并到", "Merged into"),
    STAFF_DESCRIPTION => ("群众反映的情况", "What the resident wrote"),
    STAFF_CONTACT => ("联系方式", "Contact details"),
    STAFF_SHOW_CONTACT => ("查看完整联系方式", "Show the full contact details"),
    STAFF_SHOW_CONTACT_HINT => ("须写明原因；每次查看连同原因记入审计日志。", "Give the reason; each look is recorded in the audit log with it."),
    STAFF_INTERNAL => ("内部", "Internal"),
    STAFF_CHOOSE => ("请选择", "Choose"),
    STAFF_WORKING_DAYS => ("个工作日", "working days"),
    STAFF_REPLY_HEADING => ("答复群众", "Reply to the resident"),
    STAFF_REPLY_HINT => ("群众可在查询页面看到此答复。", "The resident sees this reply on the tracking page."),
    STAFF_REPLY_LABEL => ("答复内容", "Reply"),
    STAFF_REPLY_SUBMIT => ("发送答复", "Send reply"),
    STAFF_NOTE_HEADING => ("内部备注", "Internal note"),
    STAFF_NOTE_HINT => ("仅工作人员可见。", "Seen by staff only."),
    STAFF_NOTE_LABEL => ("备注内容", "Note"),
    STAFF_NOTE_SUBMIT => ("保存备注", "Save note"),
    STAFF_DETAILS_HEADING => ("登记信息", "Recorded details"),
    STAFF_DETAILS_HINT => ("工作人员登记，群众不可见；清空后保存即删除。", "Recorded by staff, not shown to the resident; save it empty to remove it."),
    STAFF_DETAIL_SUBMIT => ("保存", "Save"),
    DETAIL_HOTLINE_ORDER => ("12345 转办编号", "12345 work-order number"),
    DETAIL_HOTLINE_ORDER_HINT => (
        "12345 热线转来的诉求，填写转办单上的编号：字母、数字或“-”，最多 32 位。",
        "For a request the 12345 hotline passed on: the number on its work order (letters, digits or “-”, up to 32)."
    ),
    STAFF_RESOLVE_HEADING => ("办结", "Resolve"),
    STAFF_SUMMARY_LABEL => ("办理结果（群众可见）", "What was done (the resident sees this)"),
    STAFF_REASON_UNRESOLVABLE => ("无法解决的原因（选“无法解决”时必填）", "Why it cannot be resolved (for “Could not be resolved”)"),
    STAFF_REFER_DEPARTMENT => ("承办部门（转办时必填）", "Department (for a referral)"),
    STAFF_REFER_CONTACT => ("承办部门联系方式（转办时必填）", "How to reach the department (for a referral)"),
    STAFF_RESOLVE_SUBMIT => ("办结", "Resolve"),
    STAFF_REFER_HEADING => ("转办", "Refer"),
    STAFF_REFER_EXPLANATION => ("给群众的说明", "Explanation for the resident"),
    STAFF_REFER_SUBMIT => ("转办并告知群众", "Refer and tell the resident"),
    STAFF_EXTENSION_HEADING => ("申请延期", "Ask for more time"),
    STAFF_EXTENSION_DAYS => ("延长的工作日数（1–30）", "Working days to add (1–30)"),
    STAFF_EXTENSION_REASON => ("延期理由", "Reason"),
    STAFF_EXTENSION_SUBMIT => ("提交所长审批", "Send to the leader"),
    STAFF_EXTENSION_PENDING => ("延期申请待审批", "Extension request waiting"),
    STAFF_EXTENSION_APPROVE => ("批准延期", "Approve"),
    STAFF_EXTENSION_REFUSE => ("不予批准", "Refuse"),
    STAFF_ASSIGN_HEADING => ("分派", "Assign"),
    STAFF_ASSIGN_TO => ("承办民警", "Officer"),
    STAFF_SUGGESTED => ("建议：社区民警", "suggested: community officer"),
    STAFF_ASSIGN_SUBMIT => ("分派", "Assign"),
    STAFF_CLASSIFY_HEADING => ("更正类型", "Correct the kind"),
    STAFF_CLASSIFY_SUBMIT => ("保存类型", "Save kind"),
    STAFF_MERGE_HEADING => ("合并重复诉求", "Merge a duplicate"),
    STAFF_MERGE_HINT => (
        "本诉求将关闭，并入另一件同一问题的诉求一并办理；群众在查询页面可看到并入的诉求编号及其答复。",
        "This request closes and is handled together with another request about the same matter; the resident sees which one on the tracking page, with its replies."
    ),
    STAFF_MERGE_INTO => ("并入的诉求编号", "Reference of the request to merge into"),
    STAFF_MERGE_SUBMIT => ("合并", "Merge"),
    STAFF_HIDE_HEADING => ("作为非有效诉求关闭", "Close as not a genuine request"),
    STAFF_HIDE_HINT => (
        "群众可在查询页面看到关闭原因，并可提出一次异议，异议交督察审核。督察可查看所有以此关闭的诉求；不会删除。",
        "The resident sees the reason on the tracking page and may object once; objections go to the inspectors, who see every request closed this way. Nothing is deleted."
    ),
    STAFF_HIDE_REASON => ("关闭原因（群众可见）", "Reason (the resident sees it)"),
    STAFF_HIDE_SUBMIT => ("关闭", "Close"),

    // The leader's dashboard.
    STAFF_OPEN => ("办理中", "Open"),
    STAFF_SUPERVISED_CASES => ("督办（超期或群众不满意）", "Supervised (overdue or the resident was dissatisfied)"),
    STAFF_EXTENSION_REQUESTS => ("待审批的延期申请", "Extension requests"),
    STAFF_APPROVALS => ("待所长审批的办理意见", "Waiting for the leader's approval"),
    STAFF_BAD_RATINGS => ("差评核实", "Reviews of bad ratings"),
    STAFF_COMPLAINTS_ABOUT_OFFICERS => ("涉及民警的投诉", "Complaints about officers"),
    STAFF_WORKLOAD => ("民警工作量", "Workload per officer"),
    STAFF_OFFICER => ("民警", "Officer"),

    // Printing: officer cards and service-code sheets.
    STAFF_PRINTING => ("打印二维码", "Print QR codes"),
    PRINT_OFFICERS_TITLE => ("民警服务卡", "Officer cards"),
    PRINT_OFFICERS_INTRO => (
        "打印民警服务卡：群众扫描卡上的二维码即可评价该民警。",
        "Print an officer's card: residents scan its QR code to rate the officer."
    ),
    PRINT_CARD_TITLE => ("服务卡", "Card"),
    PRINT_CARD_HEADING => ("扫码评价我的服务", "Scan to rate my service"),
    PRINT_BADGE => ("警号", "Badge"),
    PRINT_QR_LABEL => ("评价页面的二维码", "QR code of the rating page"),
    PRINT_CODES_TITLE => ("打印服务码", "Print service codes"),
    PRINT_CODES_INTRO => (
        "每张服务码只能使用一次，办完事交给群众，评价会标记为“已核验”。服务码只在生成时显示一次，请立即打印。",
        "Each code works once: hand it to the resident after the service and their rating counts as verified. The codes are shown only once, when issued: print them straight away."
    ),
    PRINT_CODES_OFFICER => ("民警（选填）", "Officer (optional)"),
    PRINT_CODES_ANY_OFFICER => ("不指定民警（评价派出所）", "No officer (rate the station)"),
    PRINT_CODES_COUNT => ("数量（1–200）", "How many (1–200)"),
    PRINT_CODES_DAYS => ("有效天数", "Valid for (days)"),
    PRINT_CODES_SUBMIT => ("生成并打印", "Issue and print"),
    PRINT_CODES_ISSUED => ("服务码已生成", "Service codes issued"),
    PRINT_CODES_ONCE => (
        "此页面只显示这一次：请现在打印（浏览器菜单中的“打印”）。",
        "This page is shown only once: print it now (Print in the browser menu)."
    ),
    PRINT_SLIP_TEXT => ("扫码或访问本站输入服务码：", "Scan, or enter this code on our site:"),
    PRINT_VALID_UNTIL => ("有效期至", "valid until"),

    // Visits (走访) and campaigns.
    // /staff/inspector/signals
    SIGNALS_TITLE => ("评价异常信号", "Rating signals"),
    SIGNALS_INTRO => (
        "系统每 10 分钟检查新的评价，标记可能刷评、滥用服务码或集中差评的情况。信号只是标记，不删除任何评价，被标记的评价照常计入，直到督察审查决定。排除的评价不计入已发布的数字，在报告中按原因单独列出；该月报告发布前可以恢复。每项决定都记入审计日志。",
        "Every 10 minutes the new ratings are checked for patterns of inflated ratings, misused service codes and bursts of bad ratings. A signal is only a flag: it deletes nothing, and the ratings it names keep counting until an inspector decides. Excluded ratings are in no published figure and are listed by reason in the report; they can be restored until the month is published. Every decision goes into the audit log."
    ),
    SIGNALS_OPEN => ("待审查", "To review"),
    SIGNALS_MORE => (
        "以下列出最早的待审查信号；处理后会列出更多。尚未列出的：",
        "The oldest signals to review are listed below; more are listed as these are decided. Not yet listed:"
    ),
    SIGNALS_NONE_OPEN => ("没有待审查的信号。", "No signal to review."),
    SIGNALS_REVIEWED => ("最近审查", "Recently reviewed"),
    SIGNALS_NONE_REVIEWED => ("还没有审查过的信号。", "No signal reviewed yet."),
    SIGNALS_TARGET => ("对象", "About"),
    SIGNALS_STATION_WIDE => ("全所", "the station"),
    SIGNALS_WHEN => ("时间", "When"),
    SIGNALS_RATINGS => ("涉及评价", "Ratings named"),
    SIGNALS_EXCLUDED => ("其中已排除", "Of which excluded"),
    SIGNALS_OFFICER_CODES => ("该民警当月服务码：发出 / 兑换", "This officer's codes that month: issued / redeemed"),
    SIGNALS_STATION_CODES => ("本所当月服务码：发出 / 兑换", "The station's codes that month: issued / redeemed"),
    SIGNALS_REVIEWED_BY => ("审查", "Reviewed"),
    SIGNALS_FROZEN_TAG => ("已发布", "Published"),
    SIGNALS_FROZEN => (
        "该月报告已发布，发布后的数字不再更改：这些评价不能再排除或恢复。",
        "This month's report is published and its figures do not change: these ratings can no longer be excluded or restored."
    ),
    SIGNALS_NOTE => ("审查理由", "Reason"),
    SIGNALS_NOTE_HINT => ("必填，最多 300 字，记入审计日志。", "Required, at most 300 characters; it goes into the audit log."),
    SIGNALS_EXCLUDE => ("排除这些评价", "Exclude these ratings"),
    SIGNALS_LEAVE => ("保留：未发现问题", "Keep them: nothing wrong found"),
    SIGNALS_RESTORE => ("恢复已排除的评价", "Restore the excluded ratings"),
    VISITS_TITLE => ("走访记录", "Household visits"),
    VISITS_LOG => ("记录一次走访", "Log a visit"),
    VISITS_DAY => ("走访日期", "Day of the visit"),
    VISITS_HOUSEHOLD => ("住户或地址", "Household or address"),
    VISITS_OPINIONS => ("听到的意见", "Opinions heard"),
    VISITS_OPINIONS_HINT => ("每行一条意见，最多 20 条。", "One opinion per line, at most 20."),
    VISITS_NOTES => ("备注（选填）", "Notes (optional)"),
    VISITS_CAMPAIGN => ("所属活动", "Campaign"),
    VISITS_NO_CAMPAIGN => ("不属于活动", "No campaign"),
    VISITS_SAVE => ("保存走访记录", "Save the visit"),
    VISITS_MINE => ("我的走访", "My visits"),
    VISITS_NONE => ("还没有走访记录。", "No visits logged yet."),
    VISITS_AS_CASE => ("转为诉求：", "As a request:"),
    VISITS_MAKE_CASE => ("转为诉求", "Make a request"),
    VISITS_BECAME_CASE => ("已转为诉求", "Became a request"),
    VISITS_BECAME_RATING => ("曾代群众录入评价", "Once recorded for the resident as"),
    VISITS_RATING_EXCLUDED => ("不计入统计", "in no figure"),
    VISITS_RATE_TITLE => ("请住户评价本次走访", "Ask the household to rate the visit"),
    VISITS_RATE_HINT => (
        "民警不能代群众评价。点一下，手机上会出示一个一次性服务码和二维码，请住户用自己的手机扫码评价。走访评价单独统计，不计入好评率和您的个人数据。",
        "Officers do not rate for residents. One tap shows a one-time service code and QR code on your phone; the household rates on its own phone. Visit ratings are counted apart, outside the headline and your own figures."
    ),
    VISITS_RATE_BUTTON => ("出示走访服务码", "Show a visit code"),
    SHOW_CODE_TITLE => ("出示服务码", "Show a service code"),
    SHOW_CODE_INTRO => (
        "办完一项服务后，选择服务类型并点一下，手机上会出示一个一次性服务码和二维码，请群众用自己的手机扫码或输入服务码评价。服务码记在您的名下，只能使用一次，4 小时内有效。",
        "After a service, choose it and tap: your phone shows a one-time service code and QR code, and the resident rates on their own phone by scanning it or typing the code. The code is tied to you, works once and is valid for 4 hours."
    ),
    SHOW_CODE_INTRO_TABLET => (
        "办完一项窗口服务后，选择服务类型并点一下，屏幕上会出示一个一次性服务码和二维码，请群众用自己的手机扫码或输入服务码评价。窗口终端出示的服务码记在派出所名下，只能使用一次，4 小时内有效。",
        "After a counter service, choose it and tap: the screen shows a one-time service code and QR code, and the resident rates on their own phone by scanning it or typing the code. A counter tablet's code is tied to the station, works once and is valid for 4 hours."
    ),
    SHOW_CODE_SUBMIT => ("出示服务码", "Show a code"),
    SHOW_CODE_SHOWN => ("请群众用自己的手机扫码评价", "Ask the resident to scan this with their own phone"),
    SHOW_CODE_TYPED => ("也可以打开评价页，输入服务码：", "Or open the rating page and type the code:"),
    SHOW_CODE_ANOTHER => ("为下一位群众出示服务码", "Show a code for the next resident"),
    SHOW_CODE_OTHER_SERVICE => ("选择其他服务类型", "Choose another service"),
    VISITS_CASE_OPENED => ("诉求已建立", "Request opened"),
    VISITS_CASE_OPENED_HINT => (
        "请打印下方回执或抄写后交给群众本人。查询码只显示这一次；走访转来诉求的回访意见在月度报告中另计。",
        "Print the slip below, or copy it, and hand it to the resident. The access code is shown only this once; feedback on requests opened from visits is counted apart in the monthly report."
    ),
    VISITS_SLIP_TITLE => ("诉求回执", "Request receipt"),
    VISITS_SLIP_BODY => (
        "您在民警走访时反映的问题已登记为诉求。请凭编号和查询码在“查进度”页面查看办理进度，并在办结后由您本人评价办理结果。",
        "What you told the officer on their visit is now a request. Use the reference and access code on the “Track a request” page to follow it, and give your own feedback on the outcome once it is resolved."
    ),
    CAMPAIGNS_TITLE => ("开门评警活动", "Campaigns"),
    CAMPAIGNS_NEW => ("发起活动", "Start a campaign"),
    CAMPAIGNS_NAME => ("活动名称", "Title"),
    CAMPAIGNS_STARTS => ("开始日期", "First day"),
    CAMPAIGNS_ENDS => ("结束日期", "Last day"),
    CAMPAIGNS_TARGET => ("每名民警走访目标（户）", "Visits per officer"),
    CAMPAIGNS_CREATE => ("发起", "Start"),
    CAMPAIGNS_DONE => ("已走访 / 目标", "Visits / target"),

    // Administration.
    ADMIN_TITLE => ("系统管理", "Administration"),
    ADMIN_ACCOUNT_EMAIL => ("通知邮箱（留空则不发邮件）", "Notification email (empty: no mail)"),
    ADMIN_SET_EMAIL => ("设置通知邮箱", "Set the notification address"),
    ADMIN_MAIL => ("邮件", "Mail"),
    ADMIN_MAIL_COUNTS => ("待发送 / 待群众确认 / 已发送", "To send / awaiting the resident's confirmation / sent"),
    ADMIN_MAIL_DEAD => ("发送失败的邮件", "Undeliverable mail"),
    ADMIN_MAIL_NONE_DEAD => ("没有发送失败的邮件。", "No undeliverable mail."),
    ADMIN_MAIL_RETRY => ("重新发送", "Send again"),
    ADMIN_MAIL_KIND => ("类型", "Kind"),
    ADMIN_MAIL_TO => ("收件人", "Recipient"),
    ADMIN_MAIL_ATTEMPTS => ("尝试次数", "Attempts"),
    ADMIN_MAIL_ERROR => ("最后的错误", "Last error"),
    ADMIN_MAIL_TEST_HINT => (
        "检查邮件设置：在服务器上运行 opendoor smtp-test --to 地址。",
        "To check the mail settings, run opendoor smtp-test --to ADDRESS on the server."
    ),
    ADMIN_SAVE => ("保存", "Save"),
    ADMIN_STATIONS => ("派出所、警务室和民警", "Stations, offices and officers"),
    ADMIN_NEW_STATION => ("新增派出所", "Add a station"),
    ADMIN_SLUG => ("派出所代码（小写字母，用于网址）", "Station code (lower-case letters, used in addresses)"),
    ADMIN_NAME_ZH => ("中文名称", "Chinese name"),
    ADMIN_NAME_EN => ("英文名称", "English name"),
    ADMIN_NEW_OFFICE => ("新增警务室", "Add a community office"),
    ADMIN_NEW_OFFICER => ("新增民警", "Add an officer"),
    ADMIN_NO_OFFICE => ("不属于警务室", "No office"),
    ADMIN_DUTY => ("岗位", "Duty"),
    ADMIN_ACTIVATE => ("恢复", "Reactivate"),
    ADMIN_DEACTIVATE => ("停用", "Deactivate"),
    ADMIN_ACCOUNTS => ("账号和角色", "Accounts and roles"),
    ADMIN_NEW_ACCOUNT => ("新建账号", "Create an account"),
    ADMIN_DISPLAY_NAME => ("显示名称", "Display name"),
    ADMIN_FIRST_PASSWORD => ("初始密码（至少 12 位）", "First password (at least 12 characters)"),
    ADMIN_ACCOUNT_BADGE => ("本人的警号（派出所民警必填）", "The officer's own badge (required for a sworn officer at a station)"),
    ADMIN_NOT_SWORN => ("非民警（文职或辅助人员、窗口终端，不关联民警记录）", "Not a sworn officer (civilian staff or a counter tablet: no officer record)"),
    ADMIN_LINK_OFFICER => ("关联民警记录", "Link to an officer's record"),
    ADMIN_LINK_HINT => ("一名民警只能有一个账号；涉及该民警的投诉不会让此账号看到。", "One officer, one account; complaints about the officer are kept from it."),
    ADMIN_OFFICER_LINK => ("民警", "Officer"),
    ADMIN_ROLE => ("角色", "Role"),
    ADMIN_ACCOUNT => ("账号", "Account"),
    ADMIN_GRANT_ROLE => ("授予角色", "Grant a role"),
    ADMIN_WITHDRAW_ROLE => ("撤销角色", "Withdraw a role"),
    ADMIN_STATUS => ("状态", "Status"),
    ADMIN_ACTIVE => ("正常", "Active"),
    ADMIN_DISABLED => ("已停用", "Disabled"),
    ADMIN_DISABLE => ("停用账号", "Disable"),
    ADMIN_ENABLE => ("启用账号", "Enable"),
    ADMIN_RULES => ("期限和节假日", "Deadlines and holidays"),
    ADMIN_DEADLINES => ("各类诉求的办理期限（工作日）", "Deadlines per kind (working days)"),
    ADMIN_ACK_DAYS => ("受理", "Acknowledge"),
    ADMIN_RESOLVE_DAYS => ("办结", "Resolve"),
    ADMIN_HOLIDAYS => ("导入节假日", "Load holidays"),
    ADMIN_HOLIDAY_YEARS => ("已导入的年份：", "Years loaded:"),
    ADMIN_HOLIDAY_FILE => ("节假日文件（CSV，替换文件中各年份的数据）", "Holiday file (CSV; replaces the years it covers)"),

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

    // Monthly reports: public pages.
    REPORTS_TITLE => ("满意度月报", "Monthly satisfaction reports"),
    REPORTS_INTRO => (
        "各派出所每月公开群众满意度：评价数量、五级分布、好评率及其 95% 置信区间、诉求办理情况。已发布的报告不可更改，更正以新版本公开。",
        "Each station publishes its residents' satisfaction every month: how many ratings, the five levels, the share of good ratings with its 95 % interval, and how requests were handled. A published report never changes; corrections are published as new versions."
    ),
    REPORTS_MONTH => ("月份", "Month"),
    REPORTS_SHOW => ("查看", "Show"),
    REPORTS_NONE_PUBLISHED => ("尚无已发布的月报。", "No monthly report has been published yet."),
    REPORTS_NOT_PUBLISHED => ("尚未发布", "Not published yet"),
    REPORTS_BUREAU_REPORT => ("全局月度报告", "The bureau's monthly report"),
    REPORTS_BUREAU_REPORT_NOTE => (
        "以下为各所本月最新发布版本的合计：数量相加，比率和区间按合计重新计算，不取平均；首次答复用时的中位数无法相加，不列出；按旧口径（第 1 版）发布的报告单独查看，不计入合计。“群众说、我们改”和表扬见各所报告。计入合计的派出所：",
        "Below, the latest published version of each station's report for the month, summed: counts are added, and every rate and interval is computed again from the sums, never averaged; a median cannot be summed and is left out; reports published under the old rules (format 1) are shown on their own and not added. What residents said and each station did is on its own report. Stations summed:"
    ),
    REPORTS_BUREAU_JSON => ("JSON（含各所报告的校验值）", "JSON (with each station report's hash)"),
    REPORTS_BUREAU_TOTAL => ("全局合计（已发布的派出所）", "Bureau total (stations that have published)"),
    REPORTS_STATION => ("派出所", "Station"),
    REPORTS_RATINGS => ("评价数", "Ratings"),
    REPORTS_VERIFIED => ("已核验", "Verified"),
    REPORTS_UNVERIFIED => ("未核验", "Unverified"),
    REPORTS_ALL => ("全部", "All"),
    REPORTS_VERIFIED_N => ("已核验评价", "Verified ratings"),
    REPORTS_VERIFIED_RATE => ("好评率（已核验）", "Good ratings (verified)"),
    REPORTS_UNVERIFIED_N => ("未核验评价", "Unverified ratings"),
    REPORTS_UNVERIFIED_RATE => ("好评率（未核验）", "Good ratings (unverified)"),
    REPORT_VISITS => ("入户走访评价", "Ratings from household visits"),
    REPORT_UNVERIFIED_NOTE => (
        "扫描民警或派出所二维码即可评价，这些是未核验评价，单独列出，不计入好评率。",
        "Anyone can rate by scanning an officer's or a station's QR code: these are unverified, shown apart and not in the headline."
    ),
    REPORT_VISITS_NOTE => (
        "群众在走访民警出示的服务码上自行评价；走访对象由民警选择，故单独列出，不计入好评率和民警个人数据。",
        "Residents rate on their own phones with a code the visiting officer shows; the officer chose the household, so these are shown apart, outside the headline and the officer's own figures."
    ),
    REPORT_EXCLUDED => ("不计入统计的评价", "Ratings not counted"),
    REPORT_CODES_RATE => ("服务码使用率", "Service codes used"),
    REPORT_CODES_DETAIL => ("已用于评价 / 本月发放", "Used to rate / issued this month"),
    REPORT_CODES_PRINTED => ("其中打印发放", "Of those, printed"),
    REPORT_CODES_NOTE => (
        "每次服务后都应向群众发放服务码。打印的服务码大量未用，或发放的服务码远少于办理的业务，都说明服务码没有发给每一位群众。",
        "A service code should follow every service. Many printed codes left unused, or far fewer codes than services given, both mean codes did not reach every resident."
    ),
    REPORT_OLD_FORMAT => (
        "本报告按第 1 版统计口径发布：“评价数”和近 12 个月趋势含全部评价（含民警代录的走访评价），差评核实只统计是否已处理。",
        "This report was published under the first way of counting: the number of ratings and the 12-month trend include every rating (ratings officers recorded on visits among them), and bad-rating reviews were counted only as dealt with or not."
    ),
    REPORTS_GOOD_RATE => ("好评率", "Good ratings"),
    REPORTS_INTERVAL => ("95% 置信区间", "95 % interval"),
    REPORTS_ARCHIVE_TITLE => ("历月满意度报告", "Monthly reports"),
    REPORTS_ARCHIVE_LINK => ("历月满意度报告", "Monthly satisfaction reports"),
    REPORTS_VERSION => ("版本", "Version"),
    REPORTS_NO_SUCH_TITLE => ("找不到这份报告", "Report not found"),
    REPORTS_NO_SUCH_BODY => (
        "这个月份的报告尚未发布，或地址有误。请从报告列表中选择。",
        "This month's report has not been published, or the address is wrong. Choose one from the list of reports."
    ),
    REPORT_HEADING_SUFFIX => ("满意度月报", "satisfaction report"),
    REPORT_PUBLISHED_AT => ("发布时间", "Published"),
    REPORT_CORRECTION_NOTE => ("更正说明", "Correction note"),
    REPORT_VERSIONS => ("全部版本", "All versions"),
    REPORT_LATEST => ("最新", "latest"),
    REPORT_SHOWN => ("当前显示", "shown"),
    REPORT_HASH_HELP => (
        "下载的 JSON 文件的 SHA-256 值应与此一致，可用于核对报告未被改动。",
        "The SHA-256 of the JSON download matches this value, so anyone can check that the report has not been altered."
    ),
    REPORT_HEADLINE => ("本月概况", "This month"),
    REPORT_DISTRIBUTION => ("五级评价分布", "The five levels"),
    REPORT_LEVEL => ("评价", "Rating"),
    REPORT_SHARE => ("占比", "Share"),
    REPORT_TREND_ALL => ("近 12 个月好评率（全部评价）", "Good ratings over 12 months (every rating)"),
    REPORT_TREND_ALL_DESC => (
        "每月好评率（非常满意与满意之和占全部评价的比例），竖线为 95% 置信区间；无评价的月份不画点。",
        "The share of good ratings (very satisfied and satisfied) among each month's ratings; the vertical lines are 95 % intervals. Months without ratings have no point."
    ),
    REPORT_TREND => ("近 12 个月好评率（已核验）", "Good ratings over 12 months (verified)"),
    REPORT_TREND_DESC => (
        "每月已核验评价的好评率（非常满意与满意之和占已核验评价的比例），竖线为 95% 置信区间；无已核验评价的月份不画点。",
        "The share of good ratings (very satisfied and satisfied) among each month's verified ratings; the vertical lines are 95 % intervals. Months without verified ratings have no point."
    ),
    REPORT_NO_RATINGS => ("本月没有评价。", "No ratings this month."),
    REPORT_BY_SERVICE => ("按服务类型", "By service"),
    REPORT_PROBLEMS => ("群众反映的问题", "What went wrong"),
    REPORT_PRAISE => ("群众肯定的方面", "What went well"),
    REPORT_CHANNELS => ("评价渠道", "How ratings came in"),
    REPORT_CASES => ("诉求办理", "Requests"),
    REPORT_CASES_FILED => ("本月提交", "Filed this month"),
    REPORT_CASES_SPAM => ("作为无效信息隐藏", "Hidden as spam"),
    REPORT_CASES_RESOLVED => ("本月办结", "Resolved this month"),
    REPORT_ON_TIME => ("按期办结率", "Resolved on time"),
    REPORT_FIRST_ANSWER => ("首次答复用时（中位数）", "Time to first answer (median)"),
    REPORT_HOURS => ("小时", "hours"),
    REPORT_BY_KIND => ("按诉求类型", "By kind"),
    REPORT_FEEDBACK => ("办结后回访", "Residents' answers after resolution"),
    REPORT_FEEDBACK_NONE => ("未答复", "No answer"),
    REPORT_FEEDBACK_RATE => ("满意及基本满意（未答复计入分母）", "Satisfied or basically satisfied (no answer counts in the total)"),
    REPORT_FEEDBACK_VISITS => ("走访转来诉求的回访意见（满意及基本满意 / 已办结，另计，不计入上方比例）", "Feedback on requests opened from visits (satisfied or basically / resolved; counted apart, not in the rate above)"),
    REPORT_REFERRALS => ("转办其他部门", "Referred to other departments"),
    REPORT_DEPARTMENT => ("部门", "Department"),
    REPORT_REQUESTS_COUNT => ("件数", "Requests"),
    REPORT_BAD_REVIEWS => ("差评整改率", "Bad ratings rectified"),
    REPORT_BAD_REVIEWS_DETAIL => ("已整改 / 核实属实或部分属实", "Rectified / found substantiated in full or in part"),
    REPORT_BAD_REVIEWS_DEALT => ("差评核实已处理率", "Bad-rating reviews dealt with"),
    REPORT_BAD_REVIEWS_DEALT_DETAIL => ("已处理 / 本月差评核实", "Dealt with / reviews of bad ratings opened this month"),
    REPORT_FINDINGS => ("本月差评核实结论", "Findings of this month's bad-rating reviews"),
    REPORT_FINDING => ("结论", "Finding"),
    REPORT_NO_FINDING => ("未记录结论", "No finding recorded"),
    REPORT_REVIEWS_OPEN => ("尚未办结", "Not dealt with yet"),
    REPORT_COMMENDATIONS => ("群众表扬", "Commendations"),
    REPORT_NO_COMMENDATIONS => ("本月没有经群众同意公开姓名的表扬。", "No commendation this month whose resident agreed to name the officer."),
    REPORT_COMMENDATIONS_UNASKED => (
        "本报告发布时尚未征求群众是否同意公开民警姓名，被表扬民警的姓名不再在此显示。",
        "This report was published before residents were asked whether the officer may be named, so the names are no longer shown here."
    ),
    REPORT_SAID_DID => ("群众说，我们改", "You said, we did"),
    REPORT_SAID => ("群众说", "You said"),
    REPORT_DID => ("我们改", "We did"),
    REPORT_METHOD => ("统计方法", "How these figures are computed"),
    REPORT_METHOD_BODY_V1 => (
        "月份按北京时间划分。好评率 = （非常满意 + 满意）÷ 全部评价，95% 置信区间按 Wilson 方法计算。已核验的评价来自一次性服务码，每次服务只能评价一次；其余评价为未核验，分开列出。入户走访时由民警代录的评价计入未核验。群众未答复的回访记为未答复，不计为满意。",
        "Months are counted in Beijing time. Good ratings = (very satisfied + satisfied) ÷ all ratings, with a 95 % Wilson score interval. Verified ratings come with one-time service codes, one rating per service; the others are unverified and shown apart. Ratings an officer records for a resident on a household visit count as unverified. A resident who does not answer after a resolution is counted as no answer, never as satisfied."
    ),
    REPORT_METHOD_BODY => (
        "月份按北京时间划分。好评率 = （非常满意 + 满意）÷ 已核验评价，95% 置信区间按 Wilson 方法计算。已核验的评价来自群众办事后领取的一次性服务码，每个服务码只能评价一次；扫描二维码的评价为未核验评价，入户走访评价由民警选择对象，二者单独列出，不计入好评率；以往由民警代录的走访评价不计入任何统计。差评整改率 = 已整改 ÷ 核实属实或部分属实的差评，不属实的单独列出。群众未答复的回访记为未答复，不计为满意。",
        "Months are counted in Beijing time. Good ratings = (very satisfied + satisfied) ÷ verified ratings, with a 95 % Wilson score interval. Verified ratings come with the one-time service code a resident receives after a service, one rating per code; QR-code ratings are unverified and household-visit ratings come from households the officer chose, so both are shown apart and are not in the headline; ratings officers once recorded for residents on visits are in no figure. Bad ratings rectified = rectified ÷ reviews that found the bad rating substantiated in full or in part; those found not substantiated are shown apart. A resident who does not answer after a resolution is counted as no answer, never as satisfied."
    ),
    METHOD_TITLE => ("统计方法", "How we count"),
    STATION_PUBLISHED => ("最近公开的满意度", "Latest published satisfaction"),
    STATION_FULL_REPORT => ("查看完整月报", "The full monthly report"),
    METHOD_INTRO => (
        "月度报告中的每项数据都按下面的方法计算。报告的数据文件（CSV 和 JSON）写明本页地址和所用的口径版本。",
        "Every figure in the monthly reports is computed as below. Each report's data files (CSV and JSON) name this page and the version of the counting they used."
    ),
    METHOD_CONTENTS => ("目录", "Contents"),
    REPORT_DOWNLOADS => ("下载数据", "Download the data"),
    REPORT_DOWNLOAD_CSV => ("CSV 表格", "CSV"),
    REPORT_DOWNLOAD_JSON => ("JSON（含校验值）", "JSON (the hashed snapshot)"),

    // Monthly reports: the leader's drafts.
    STAFF_REPORTS_TITLE => ("月度报告", "Monthly reports"),
    STAFF_REPORTS_INTRO => (
        "月份结束后，请核对草稿并发布。发布后的报告不可更改；如需更正，发布新版本并写明公开说明。",
        "After a month ends, review its draft and publish it. A published report cannot change; to correct it, publish a new version with a public note."
    ),
    STAFF_REPORT_DRAFT => ("草稿", "Draft"),
    STAFF_REPORT_PUBLISHED_V => ("已发布，版本", "Published, version"),
    STAFF_REPORT_OPEN => ("核对", "Review"),
    STAFF_REPORT_DRAFT_NOTE => (
        "以下为按当前数据计算的草稿，发布时将重新计算并冻结。",
        "This draft is computed from the data as it is now; publishing computes it again and freezes it."
    ),
    STAFF_REPORT_NOT_OVER => ("本月尚未结束，暂不能发布。", "This month is not over yet, so it cannot be published."),
    STAFF_REPORT_PUBLISH => ("发布本月报告", "Publish this month's report"),
    STAFF_REPORT_CORRECT => ("发布更正版本", "Publish a correction"),
    STAFF_REPORT_NOTE_LABEL => ("更正说明（公开，500 字以内）", "Correction note (public, up to 500 characters)"),
    STAFF_REPORT_ITEM => ("第 {n} 条", "Item {n}"),
    STAFF_REPORT_SAID_LABEL => ("群众意见（300 字以内）", "What residents said (up to 300 characters)"),
    STAFF_REPORT_DID_LABEL => ("整改措施（300 字以内）", "What was done (up to 300 characters)"),
    STAFF_REPORT_VIEW_PUBLIC => ("查看公开页面", "View the public page"),
    ADMIN_API_KEYS => ("开放接口（Open311）密钥", "Open311 API keys"),
    ADMIN_API_KEYS_HINT => (
        "持有密钥的第三方应用可通过 /open311/v2/requests 提交诉求，与网页表单相同。密钥只在生成时显示一次。",
        "Apps holding a key may file requests through /open311/v2/requests, as the web form does. A key is shown once, when it is issued."
    ),
    ADMIN_API_KEY_ISSUE => ("生成新密钥", "Issue a key"),
    ADMIN_API_KEY_NAME => ("使用方名称", "Who the key is for"),
    ADMIN_API_KEY_ISSUED => ("新密钥如下，请立即复制保存，此后不再显示：", "The new key is below. Copy it now: it is not shown again."),
    ADMIN_API_KEY_REVOKE => ("停用", "Revoke"),
    ADMIN_API_KEY_REVOKED => ("已停用", "Revoked"),
    STAFF_RATINGS_TITLE => ("民警评价", "Officers' ratings"),
    STAFF_RATINGS_INTRO => (
        "按民警统计的评价仅供内部使用：民警本人查看自己的数据，所长查看本所民警的数据。对外只公开表扬次数。",
        "Figures per officer are internal: officers see their own, leaders their station's. Only commendations are ever published."
    ),
    STAFF_RATINGS_OWN => ("我的评价", "My ratings"),
    STAFF_RATINGS_BAD => ("差评", "Bad ratings"),
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
