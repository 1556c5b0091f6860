//! A month's figures as the public page, the printed notice and the leader's draft show
//! them: headline, charts each with its data table, services, tags, requests,
//! commendations, "you said, we did" and how it was computed.

use crate::cases::{CaseKind, Finding};
use crate::components::charts::{DistributionChart, TrendChart, interval, percent};
use crate::i18n::{Lang, Text, messages as m};
use crate::ratings::{PraiseTag, ProblemTag, RatingChannel, RatingLevel, ServiceType};
use crate::reports::counting::ExclusionReason;
use crate::reports::model::{Count, MonthReport, RatingFigures};
use leptos::prelude::*;

/// 2026年10月 / October 2026.
pub fn month_label(month: &str, lang: Lang) -> String {
    let Some(m) = crate::reports::Month::parse(month) else {
        return month.to_string();
    };
    match lang {
        Lang::Zh => format!("{}年{}月", m.year(), m.number()),
        Lang::En => format!(
            "{} {}",
            crate::i18n::lang::MONTHS_EN[usize::from(m.number()) - 1],
            m.year()
        ),
    }
}

/// A code's label in the page's language, or the code itself if it is no longer known.
fn label_of(code: &str, lang: Lang, find: impl Fn(&str) -> Option<Text>) -> String {
    find(code)
        .map(|t| t.get(lang).to_string())
        .unwrap_or_else(|| code.to_string())
}

#[component]
fn CountTable(
    caption: Text,
    head: Text,
    /// What is counted: ratings, or requests.
    counted: Text,
    counts: Vec<Count>,
    labels: fn(&str) -> Option<Text>,
    lang: Lang,
) -> impl IntoView {
    view! {
        <table class="figures-table">
            <caption>{caption.get(lang)}</caption>
            <thead><tr><th scope="col">{head.get(lang)}</th><th scope="col">{counted.get(lang)}</th></tr></thead>
            <tbody>
                {counts.into_iter().map(|c| view! {
                    <tr><th scope="row">{label_of(&c.code, lang, labels)}</th><td>{c.n}</td></tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// One line of figures: n, 好评率 and its interval.
fn rate_cells(f: &RatingFigures) -> impl IntoView + use<> {
    view! {
        <td>{f.n}</td>
        <td>{percent(f.good_rate)}</td>
        <td>{interval(f.good_rate_low, f.good_rate_high)}</td>
    }
}

#[component]
pub fn ReportBody(report: MonthReport, lang: Lang) -> impl IntoView {
    let level_labels = RatingLevel::ALL.map(|l| l.label().get(lang).to_string());
    let r = report.ratings.clone();
    let v = report.verified.clone();
    let u = report.unverified.clone();
    let visits = report.visits.clone();
    let c = report.cases.clone();
    let old_format = report.format < 2;
    let excluded: i64 = report.excluded.iter().map(|e| e.n).sum();
    let headline = view! {
        <section aria-labelledby="headline">
            <h2 id="headline">{m::REPORT_HEADLINE.get(lang)}</h2>
            {old_format.then(|| view! { <p class="notice">{m::REPORT_OLD_FORMAT.get(lang)}</p> })}
            <dl class="figures">
                <div>
                    <dt>{m::REPORTS_VERIFIED_RATE.get(lang)}</dt>
                    <dd class="figure" data-figure="good-rate">{percent(v.good_rate)}</dd>
                    <dd class="figure__note">{m::REPORTS_INTERVAL.get(lang)} " " <span data-figure="good-rate-interval">{interval(v.good_rate_low, v.good_rate_high)}</span></dd>
                </div>
                <div><dt>{m::REPORTS_VERIFIED_N.get(lang)}</dt><dd class="figure" data-figure="verified">{v.n}</dd></div>
                <div>
                    <dt>{m::REPORTS_UNVERIFIED_N.get(lang)}</dt>
                    <dd class="figure" data-figure="unverified">{u.n}</dd>
                    <dd class="figure__note">{m::REPORTS_UNVERIFIED_RATE.get(lang)} " " <span data-figure="unverified-good-rate">{percent(u.good_rate)}</span></dd>
                </div>
                {(!old_format).then(|| view! {
                    <div>
                        <dt>{m::REPORT_VISITS.get(lang)}</dt>
                        <dd class="figure" data-figure="visits">{visits.n}</dd>
                        <dd class="figure__note">{m::REPORTS_GOOD_RATE.get(lang)} " " <span data-figure="visits-good-rate">{percent(visits.good_rate)}</span></dd>
                    </div>
                })}
                {(!old_format).then(|| view! {
                    <div>
                        <dt>{m::REPORT_CODES_RATE.get(lang)}</dt>
                        <dd class="figure" data-figure="codes-redeemed-rate">{percent(report.codes.redemption_rate)}</dd>
                        <dd class="figure__note">{m::REPORT_CODES_DETAIL.get(lang)} {lang.colon()} <span data-figure="codes-redeemed">{report.codes.redeemed}</span> " / " <span data-figure="codes-issued">{report.codes.issued}</span></dd>
                        <dd class="figure__note">{m::REPORT_CODES_PRINTED.get(lang)} {lang.colon()} <span data-figure="codes-printed">{report.codes.printed}</span></dd>
                    </div>
                })}
                <div><dt>{m::REPORTS_RATINGS.get(lang)}</dt><dd class="figure" data-figure="ratings">{r.n}</dd></div>
                {(!old_format).then(|| view! {
                    <div><dt>{m::REPORT_EXCLUDED.get(lang)}</dt><dd class="figure" data-figure="excluded">{excluded}</dd>
                        {report.excluded.iter().map(|e| view! {
                            <dd class="figure__note">{label_of(&e.code, lang, |code| ExclusionReason::parse(code).map(|r| r.label()))} {lang.colon()} {e.n}</dd>
                        }).collect_view()}
                    </div>
                })}
            </dl>
            {(!old_format).then(|| view! {
                <p class="figures__note">{m::REPORT_UNVERIFIED_NOTE.get(lang)}</p>
                <p class="figures__note">{m::REPORT_VISITS_NOTE.get(lang)}</p>
                <p class="figures__note">{m::REPORT_CODES_NOTE.get(lang)}</p>
            })}
        </section>
    };
    let distribution = view! {
        <section aria-labelledby="distribution">
            <h2 id="distribution">{m::REPORT_DISTRIBUTION.get(lang)}</h2>
            {(r.n == 0).then(|| view! { <p>{m::REPORT_NO_RATINGS.get(lang)}</p> })}
            <figure>
                <DistributionChart figures=v.clone() labels=level_labels title=format!("{} {}", m::REPORT_DISTRIBUTION.get(lang), lang.bracket(m::REPORTS_VERIFIED.get(lang))) id="distribution-chart" />
            </figure>
            <div class="table-scroll"><table class="figures-table" id="distribution-table">
                <caption>{m::REPORT_DISTRIBUTION.get(lang)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{m::REPORT_LEVEL.get(lang)}</th>
                        <th scope="col">{m::REPORTS_VERIFIED.get(lang)}</th>
                        <th scope="col">{m::REPORTS_UNVERIFIED.get(lang)}</th>
                        {(!old_format).then(|| view! { <th scope="col">{m::REPORT_VISITS.get(lang)}</th> })}
                    </tr>
                </thead>
                <tbody>
                    {v.levels().into_iter().zip(u.levels()).zip(visits.levels()).map(|(((level, verified), (_, unverified)), (_, visited))| view! {
                        <tr><th scope="row">{level.label().get(lang)}</th><td>{verified}</td><td>{unverified}</td>{(!old_format).then(|| view! { <td>{visited}</td> })}</tr>
                    }).collect_view()}
                    <tr>
                        <th scope="row">{m::REPORTS_GOOD_RATE.get(lang)}</th>
                        <td>{percent(v.good_rate)} {lang.bracket(interval(v.good_rate_low, v.good_rate_high))}</td>
                        <td>{percent(u.good_rate)} {lang.bracket(interval(u.good_rate_low, u.good_rate_high))}</td>
                        {(!old_format).then(|| view! { <td>{percent(visits.good_rate)} {lang.bracket(interval(visits.good_rate_low, visits.good_rate_high))}</td> })}
                    </tr>
                </tbody>
            </table>
            </div>
        </section>
    };
    // Format 1 counted every rating in its trend, and says so.
    let (trend_title, trend_description) = if old_format {
        (m::REPORT_TREND_ALL, m::REPORT_TREND_ALL_DESC)
    } else {
        (m::REPORT_TREND, m::REPORT_TREND_DESC)
    };
    let trend = view! {
        <section aria-labelledby="trend">
            <h2 id="trend">{trend_title.get(lang)}</h2>
            <figure>
                <TrendChart points=report.trend.clone() title=trend_title.get(lang).to_string() description=trend_description.get(lang).to_string() id="trend-chart" />
            </figure>
            <div class="table-scroll"><table class="figures-table" id="trend-table">
                <caption>{trend_title.get(lang)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{m::REPORTS_MONTH.get(lang)}</th>
                        <th scope="col">{m::REPORTS_RATINGS.get(lang)}</th>
                        <th scope="col">{m::REPORTS_GOOD_RATE.get(lang)}</th>
                        <th scope="col">{m::REPORTS_INTERVAL.get(lang)}</th>
                    </tr>
                </thead>
                <tbody>
                    {report.trend.iter().map(|p| view! {
                        <tr>
                            <th scope="row">{month_label(&p.month, lang)}</th>
                            <td>{p.n}</td>
                            <td>{percent(p.good_rate)}</td>
                            <td>{interval(p.good_rate_low, p.good_rate_high)}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            </div>
        </section>
    };
    let services = view! {
        <section aria-labelledby="services">
            <h2 id="services">{m::REPORT_BY_SERVICE.get(lang)}</h2>
            <div class="table-scroll">
            <table class="figures-table">
                <thead>
                    <tr>
                        <th scope="col">{m::RATE_SERVICE_LABEL.get(lang)}</th>
                        <th scope="col">{if old_format { m::REPORTS_RATINGS } else { m::REPORTS_VERIFIED_N }.get(lang)}</th>
                        <th scope="col">{if old_format { m::REPORTS_GOOD_RATE } else { m::REPORTS_VERIFIED_RATE }.get(lang)}</th>
                        <th scope="col">{m::REPORTS_INTERVAL.get(lang)}</th>
                        {(!old_format).then(|| view! {
                            <th scope="col">{m::REPORTS_UNVERIFIED_N.get(lang)}</th>
                            <th scope="col">{m::REPORTS_UNVERIFIED_RATE.get(lang)}</th>
                        })}
                    </tr>
                </thead>
                <tbody>
                    {report.by_service.iter().map(|s| view! {
                        <tr>
                            <th scope="row">{label_of(&s.service_type, lang, |c| ServiceType::parse(c).map(|s| s.label()))}</th>
                            {rate_cells(&s.figures)}
                            {(!old_format).then(|| view! {
                                <td>{s.unverified.n}</td>
                                <td>{percent(s.unverified.good_rate)}</td>
                            })}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            </div>
            <div class="figures-pair">
                <CountTable caption=m::REPORT_PROBLEMS head=m::REPORT_PROBLEMS counted=m::REPORTS_RATINGS counts=report.problem_tags.clone() labels=|c| ProblemTag::parse(c).map(|t| t.label()) lang />
                <CountTable caption=m::REPORT_PRAISE head=m::REPORT_PRAISE counted=m::REPORTS_RATINGS counts=report.praise_tags.clone() labels=|c| PraiseTag::parse(c).map(|t| t.label()) lang />
            </div>
            <CountTable caption=m::REPORT_CHANNELS head=m::REPORT_CHANNELS counted=m::REPORTS_RATINGS counts=report.by_channel.clone() labels=|c| RatingChannel::parse(c).map(|ch| ch.label()) lang />
        </section>
    };
    let cases = view! {
        <section aria-labelledby="cases">
            <h2 id="cases">{m::REPORT_CASES.get(lang)}</h2>
            <dl class="figures">
                <div><dt>{m::REPORT_CASES_FILED.get(lang)}</dt><dd class="figure" data-figure="filed">{c.filed}</dd></div>
                <div><dt>{m::REPORT_CASES_RESOLVED.get(lang)}</dt><dd class="figure" data-figure="resolved">{c.resolved}</dd></div>
                <div><dt>{m::REPORT_ON_TIME.get(lang)}</dt><dd class="figure" data-figure="on-time">{percent(c.on_time_rate)}</dd></div>
                <div>
                    <dt>{m::REPORT_FIRST_ANSWER.get(lang)}</dt>
                    <dd class="figure" data-figure="first-answer">
                        {c.median_hours_to_first_answer.map(|h| format!("{h:.1} {}", m::REPORT_HOURS.get(lang))).unwrap_or_else(|| "—".into())}
                    </dd>
                </div>
                {if old_format {
                    view! {
                        <div><dt>{m::REPORT_BAD_REVIEWS_DEALT.get(lang)}</dt><dd class="figure" data-figure="bad-reviews-dealt">{percent(c.bad_rating_review_rate)}</dd>
                            <dd class="figure__note">{m::REPORT_BAD_REVIEWS_DEALT_DETAIL.get(lang)} {lang.colon()} {c.bad_rating_reviews_resolved} " / " {c.bad_rating_reviews}</dd>
                        </div>
                    }.into_any()
                } else {
                    view! {
                        <div><dt>{m::REPORT_BAD_REVIEWS.get(lang)}</dt><dd class="figure" data-figure="bad-reviews">{percent(c.rectification_rate)}</dd>
                            <dd class="figure__note">{m::REPORT_BAD_REVIEWS_DETAIL.get(lang)} {lang.colon()} {c.reviews_rectified} " / " {c.reviews_substantiated + c.reviews_partly}</dd>
                        </div>
                    }.into_any()
                }}
                <div><dt>{m::REPORT_CASES_SPAM.get(lang)}</dt><dd class="figure" data-figure="spam">{c.hidden_as_spam}</dd></div>
            </dl>
            <CountTable caption=m::REPORT_BY_KIND head=m::REPORT_BY_KIND counted=m::REPORT_REQUESTS_COUNT counts=c.by_kind.clone() labels=|code| CaseKind::parse(code).map(|k| k.label()) lang />
            {(!old_format).then(|| view! {
                <table class="figures-table" id="findings-table">
                    <caption>{m::REPORT_FINDINGS.get(lang)}</caption>
                    <thead><tr><th scope="col">{m::REPORT_FINDING.get(lang)}</th><th scope="col">{m::REPORT_REQUESTS_COUNT.get(lang)}</th></tr></thead>
                    <tbody>
                        <tr><th scope="row">{Finding::Substantiated.label().get(lang)}</th><td>{c.reviews_substantiated}</td></tr>
                        <tr><th scope="row">{Finding::Partly.label().get(lang)}</th><td>{c.reviews_partly}</td></tr>
                        <tr><th scope="row">{Finding::Unsubstantiated.label().get(lang)}</th><td>{c.reviews_unsubstantiated}</td></tr>
                        <tr><th scope="row">{m::REPORT_NO_FINDING.get(lang)}</th><td>{c.reviews_no_finding}</td></tr>
                        <tr><th scope="row">{m::REPORT_REVIEWS_OPEN.get(lang)}</th><td>{c.bad_rating_reviews - c.bad_rating_reviews_resolved}</td></tr>
                    </tbody>
                </table>
            })}
            <table class="figures-table" id="feedback-table">
                <caption>{m::REPORT_FEEDBACK.get(lang)}</caption>
                <tbody>
                    <tr><th scope="row">{crate::cases::Satisfaction::Satisfied.label().get(lang)}</th><td>{c.feedback_satisfied}</td></tr>
                    <tr><th scope="row">{crate::cases::Satisfaction::BasicallySatisfied.label().get(lang)}</th><td>{c.feedback_basically_satisfied}</td></tr>
                    <tr><th scope="row">{crate::cases::Satisfaction::Dissatisfied.label().get(lang)}</th><td>{c.feedback_dissatisfied}</td></tr>
                    <tr><th scope="row">{m::REPORT_FEEDBACK_NONE.get(lang)}</th><td>{c.feedback_none}</td></tr>
                    <tr><th scope="row">{m::REPORT_FEEDBACK_RATE.get(lang)}</th><td>{percent(c.feedback_satisfied_rate)}</td></tr>
                    <tr><th scope="row">{m::REPORT_FEEDBACK_VISITS.get(lang)}</th><td>{c.feedback_from_visits_satisfied} " / " {c.feedback_from_visits}</td></tr>
                </tbody>
            </table>
            <table class="figures-table">
                <caption>{m::REPORT_REFERRALS.get(lang)} {lang.bracket(c.referred)}</caption>
                <thead><tr><th scope="col">{m::REPORT_DEPARTMENT.get(lang)}</th><th scope="col">{m::REPORT_REQUESTS_COUNT.get(lang)}</th></tr></thead>
                <tbody>
                    {c.referral_departments.iter().map(|d| view! { <tr><th scope="row">{d.code.clone()}</th><td>{d.n}</td></tr> }).collect_view()}
                </tbody>
            </table>
        </section>
    };
    let commendations = view! {
        <section aria-labelledby="commendations">
            <h2 id="commendations">{m::REPORT_COMMENDATIONS.get(lang)}</h2>
            {report.commendations.is_empty().then(|| view! { <p>{m::REPORT_NO_COMMENDATIONS.get(lang)}</p> })}
            {(old_format && !report.commendations.is_empty()).then(|| view! { <p>{m::REPORT_COMMENDATIONS_UNASKED.get(lang)}</p> })}
            <ul class="commendations">
                {report.commendations.iter().filter(|_| !old_format).map(|c| view! {
                    <li>{lang.pick(&c.name_zh, &c.name_en).to_string()} {lang.bracket(format!("{} {}", m::STATION_BADGE.get(lang), c.badge))} {lang.colon()} {c.n}</li>
                }).collect_view()}
            </ul>
        </section>
    };
    let said_did = (!report.you_said_we_did.is_empty()).then(|| view! {
        <section aria-labelledby="said-did">
            <h2 id="said-did">{m::REPORT_SAID_DID.get(lang)}</h2>
            <ol class="said-did">
                {report.you_said_we_did.iter().map(|item| view! {
                    <li>
                        <p><strong>{m::REPORT_SAID.get(lang)} {lang.colon()}</strong>{item.said.clone()}</p>
                        <p><strong>{m::REPORT_DID.get(lang)} {lang.colon()}</strong>{item.did.clone()}</p>
                    </li>
                }).collect_view()}
            </ol>
        </section>
    });
    view! {
        {headline}
        {distribution}
        {trend}
        {services}
        {cases}
        {commendations}
        {said_did}
        <section aria-labelledby="method" class="method">
            <h2 id="method">{m::REPORT_METHOD.get(lang)}</h2>
            <p>{if old_format { m::REPORT_METHOD_BODY_V1 } else { m::REPORT_METHOD_BODY }.get(lang)}</p>
            <p><a href={crate::paths::REPORTS_METHOD.as_str()} data-figure="method">{m::METHOD_TITLE.get(lang)}</a></p>
        </section>
    }
    .into_any()
}
