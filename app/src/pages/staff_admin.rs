//! `/staff/admin`: stations, offices and officers; staff accounts and roles; deadlines
//! per kind of case; holiday calendars. Every form posts to `/staff/admin/{action}`; a
//! refused one comes back here with its error above it.

use crate::accounts::Role;
use crate::admin::api::get_admin_overview;
use crate::admin::{AdminOverview, AdminPageState};
use crate::components::staff_frame::{after_sign_in, staff_page};
use crate::i18n::{Lang, Text, messages as m};
use leptos::prelude::*;

#[component]
pub fn AdminPage() -> impl IntoView {
    let overview = Resource::new(|| (), |_| after_sign_in(get_admin_overview()));
    let state = use_context::<AdminPageState>().unwrap_or_default();
    staff_page(m::ADMIN_TITLE, overview, move |_, overview, lang| {
        view! { <Admin overview state=state.clone() lang /> }.into_any()
    })
}

/// A form posting to `/staff/admin/{action}` with its heading and, when it was the one
/// refused, the error.
fn admin_form(
    action: &'static str,
    heading: Text,
    state: &AdminPageState,
    fields: AnyView,
    lang: Lang,
) -> AnyView {
    let error = state.error.filter(|_| state.action == action);
    let id = format!("admin-{action}");
    let labelled_by = id.clone();
    view! {
        <form class="form case-form" method="post" action=crate::paths::STAFF_ADMIN_ACTION.to(&[action]) aria-labelledby=labelled_by novalidate>
            <h3 id=id>{heading.get(lang)}</h3>
            {error.map(|error| view! {
                <div class="error-summary" role="alert" tabindex="-1"><p>{error.get(lang)}</p></div>
            })}
            {fields}
            <button type="submit" class="button">{m::ADMIN_SAVE.get(lang)}</button>
        </form>
    }
    .into_any()
}

fn input(
    action: &str,
    name: &'static str,
    label: Text,
    kind: &'static str,
    lang: Lang,
) -> impl IntoView {
    let id = format!("{action}-{name}");
    view! {
        <div class="field">
            <label for=id.clone()>{label.get(lang)}</label>
            <input id=id name=name type=kind />
        </div>
    }
}

fn not_sworn_box(action: &str, lang: Lang) -> impl IntoView {
    let id = format!("{action}-not-sworn");
    let label_for = id.clone();
    view! {
        <div class="field">
            <label class="choice" for=label_for>
                <input id=id type="checkbox" name="not_sworn" value="1" />
                <span>{m::ADMIN_NOT_SWORN.get(lang)}</span>
            </label>
        </div>
    }
}

fn station_select(action: &str, overview: &AdminOverview, lang: Lang) -> impl IntoView {
    let id = format!("{action}-station");
    view! {
        <div class="field">
            <label for=id.clone()>{m::REQUEST_STATION_LABEL.get(lang)}</label>
            <select id=id name="station">
                <option value="">{m::STAFF_CHOOSE.get(lang)}</option>
                {overview.stations.iter().map(|s| view! {
                    <option value=s.slug.clone()>{s.name.get(lang).to_string()}</option>
                }).collect_view()}
            </select>
        </div>
    }
}

fn account_select(action: &str, overview: &AdminOverview, lang: Lang) -> impl IntoView {
    let id = format!("{action}-account");
    view! {
        <div class="field">
            <label for=id.clone()>{m::ADMIN_ACCOUNT.get(lang)}</label>
            <select id=id name="account">
                {overview.accounts.iter().map(|a| view! {
                    <option value=a.id.to_string()>{format!("{}{}", a.username, lang.bracket(&a.display_name))}</option>
                }).collect_view()}
            </select>
        </div>
    }
}

fn role_select(action: &str, lang: Lang) -> impl IntoView {
    let id = format!("{action}-role");
    view! {
        <div class="field">
            <label for=id.clone()>{m::ADMIN_ROLE.get(lang)}</label>
            <select id=id name="role">
                {Role::ALL.into_iter().map(|role| view! {
                    <option value=role.as_str()>{role.label().get(lang)}</option>
                }).collect_view()}
            </select>
        </div>
    }
}

#[component]
fn Admin(overview: AdminOverview, state: AdminPageState, lang: Lang) -> AnyView {
    let names = |action: &'static str| {
        view! {
            {input(action, "name_zh", m::ADMIN_NAME_ZH, "text", lang)}
            {input(action, "name_en", m::ADMIN_NAME_EN, "text", lang)}
        }
    };
    let station_form = admin_form(
        "station",
        m::ADMIN_NEW_STATION,
        &state,
        view! {
            {input("station", "slug", m::ADMIN_SLUG, "text", lang)}
            {names("station")}
        }
        .into_any(),
        lang,
    );
    let office_form = admin_form(
        "office",
        m::ADMIN_NEW_OFFICE,
        &state,
        view! {
            {station_select("office", &overview, lang)}
            {names("office")}
        }
        .into_any(),
        lang,
    );
    let officer_form = admin_form("officer", m::ADMIN_NEW_OFFICER, &state, view! {
        {input("officer", "badge", m::PRINT_BADGE, "text", lang)}
        {names("officer")}
        {station_select("officer", &overview, lang)}
        <div class="field">
            <label for="officer-office">{m::RATE_OFFICE.get(lang)}</label>
            <select id="officer-office" name="office">
                <option value="">{m::ADMIN_NO_OFFICE.get(lang)}</option>
                {overview.stations.iter().flat_map(|s| s.offices.iter().map(move |(id, name)| (s.name.clone(), *id, name.clone()))).map(|(station, id, name)| view! {
                    <option value=id.to_string()>{format!("{} · {}", station.get(lang), name.get(lang))}</option>
                }).collect_view()}
            </select>
        </div>
        <div class="field">
            <label for="officer-duty">{m::ADMIN_DUTY.get(lang)}</label>
            <select id="officer-duty" name="duty">
                {crate::stations::Duty::ALL.iter().map(|duty| view! {
                    <option value=duty.code()>{duty.label().get(lang)}</option>
                }).collect_view()}
            </select>
        </div>
    }.into_any(), lang);
    let account_form = admin_form(
        "account",
        m::ADMIN_NEW_ACCOUNT,
        &state,
        view! {
            {input("account", "username", m::STAFF_USERNAME, "text", lang)}
            {input("account", "display_name", m::ADMIN_DISPLAY_NAME, "text", lang)}
            {input("account", "password", m::ADMIN_FIRST_PASSWORD, "password", lang)}
            {input("account", "badge", m::ADMIN_ACCOUNT_BADGE, "text", lang)}
            {not_sworn_box("account", lang)}
            {role_select("account", lang)}
            {station_select("account", &overview, lang)}
        }
        .into_any(),
        lang,
    );
    let link_form = admin_form(
        "account-officer",
        m::ADMIN_LINK_OFFICER,
        &state,
        view! {
            <p class="field__hint">{m::ADMIN_LINK_HINT.get(lang)}</p>
            {account_select("account-officer", &overview, lang)}
            {input("account-officer", "badge", m::ADMIN_ACCOUNT_BADGE, "text", lang)}
            {not_sworn_box("account-officer", lang)}
        }
        .into_any(),
        lang,
    );
    let role_form = |action: &'static str, heading: Text| {
        admin_form(
            action,
            heading,
            &state,
            view! {
                {account_select(action, &overview, lang)}
                {role_select(action, lang)}
                {station_select(action, &overview, lang)}
            }
            .into_any(),
            lang,
        )
    };
    let email_form = admin_form(
        "account-email",
        m::ADMIN_SET_EMAIL,
        &state,
        view! {
            {account_select("account-email", &overview, lang)}
            {input("account-email", "email", m::ADMIN_ACCOUNT_EMAIL, "email", lang)}
        }
        .into_any(),
        lang,
    );
    let mail = &overview.outbox;
    let mail_section = view! {
        <section aria-labelledby="admin-mail">
            <h2 id="admin-mail">{m::ADMIN_MAIL.get(lang)}</h2>
            <p>{m::ADMIN_MAIL_COUNTS.get(lang)} {lang.colon()} {format!("{} / {} / {}", mail.pending, mail.held, mail.sent)}</p>
            <p class="field__hint">{m::ADMIN_MAIL_TEST_HINT.get(lang)}</p>
            <h3>{m::ADMIN_MAIL_DEAD.get(lang)}</h3>
            {if mail.dead.is_empty() {
                view! { <p>{m::ADMIN_MAIL_NONE_DEAD.get(lang)}</p> }.into_any()
            } else {
                view! {
                    <div class="table-scroll">
                    <table class="workload">
                        <thead><tr>
                            <th scope="col">{m::ADMIN_MAIL_KIND.get(lang)}</th>
                            <th scope="col">{m::ADMIN_MAIL_TO.get(lang)}</th>
                            <th scope="col">{m::ADMIN_MAIL_ATTEMPTS.get(lang)}</th>
                            <th scope="col">{m::ADMIN_MAIL_ERROR.get(lang)}</th>
                        </tr></thead>
                        <tbody>
                            {mail.dead.iter().map(|dead| view! {
                                <tr>
                                    <th scope="row">{crate::mail::MessageKind::parse(&dead.kind).map_or(dead.kind.clone(), |kind| kind.label().get(lang).to_string())} <br /> <small>{dead.created_at.clone()}</small></th>
                                    <td>{dead.recipient_domain.clone()}</td>
                                    <td>{dead.attempts}</td>
                                    <td>
                                        {dead.last_error.clone()}
                                        <form method="post" action=crate::paths::STAFF_ADMIN_ACTION.to(&["mail-retry"]) class="inline-form">
                                            <input type="hidden" name="id" value=dead.id.to_string() />
                                            <button type="submit" class="button button--secondary">{m::ADMIN_MAIL_RETRY.get(lang)}</button>
                                        </form>
                                    </td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    </div>
                }.into_any()
            }}
        </section>
    }.into_any();
    let key_form = admin_form(
        "api-key",
        m::ADMIN_API_KEY_ISSUE,
        &state,
        view! { {input("api-key", "name", m::ADMIN_API_KEY_NAME, "text", lang)} }.into_any(),
        lang,
    );
    let api_keys_section = view! {
        <section aria-labelledby="admin-api-keys">
            <h2 id="admin-api-keys">{m::ADMIN_API_KEYS.get(lang)}</h2>
            <p class="field__hint">{m::ADMIN_API_KEYS_HINT.get(lang)}</p>
            {state.issued_key.clone().map(|key| view! {
                <div class="notice" role="status">
                    <p>{m::ADMIN_API_KEY_ISSUED.get(lang)}</p>
                    <p><code class="hash" id="issued-key">{key}</code></p>
                </div>
            })}
            <ul>
                {overview.api_keys.iter().map(|key| view! {
                    <li class:muted=key.revoked>
                        {key.name.clone()} " · " {key.created_at.clone()}
                        {if key.revoked {
                            view! { " · " {m::ADMIN_API_KEY_REVOKED.get(lang)} }.into_any()
                        } else {
                            view! {
                                <form method="post" action=crate::paths::STAFF_ADMIN_ACTION.to(&["api-key-revoke"]) class="inline-form">
                                    <input type="hidden" name="id" value=key.id.to_string() />
                                    <button type="submit" class="button button--secondary">{m::ADMIN_API_KEY_REVOKE.get(lang)}</button>
                                </form>
                            }.into_any()
                        }}
                    </li>
                }).collect_view()}
            </ul>
            <div class="case-actions">{key_form}</div>
        </section>
    }.into_any();
    let grant_form = role_form("role-add", m::ADMIN_GRANT_ROLE);
    let withdraw_form = role_form("role-remove", m::ADMIN_WITHDRAW_ROLE);
    let deadlines_form = admin_form("deadlines", m::ADMIN_DEADLINES, &state, view! {
        <table class="workload">
            <thead><tr>
                <th scope="col">{m::TRACK_KIND.get(lang)}</th>
                <th scope="col">{m::ADMIN_ACK_DAYS.get(lang)}</th>
                <th scope="col">{m::ADMIN_RESOLVE_DAYS.get(lang)}</th>
            </tr></thead>
            <tbody>
                {overview.deadlines.iter().map(|(kind, ack, resolve)| view! {
                    <tr>
                        <th scope="row">{kind.label().get(lang)}</th>
                        <td><input type="number" min="1" max="90" name=format!("ack_{}", kind.code())
                            value=ack.to_string() aria-label=format!("{} {}", kind.label().get(lang), m::ADMIN_ACK_DAYS.get(lang)) /></td>
                        <td><input type="number" min="1" max="90" name=format!("resolve_{}", kind.code())
                            value=resolve.to_string() aria-label=format!("{} {}", kind.label().get(lang), m::ADMIN_RESOLVE_DAYS.get(lang)) /></td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }.into_any(), lang);
    let holidays_form = admin_form("holidays", m::ADMIN_HOLIDAYS, &state, view! {
        <p>{m::ADMIN_HOLIDAY_YEARS.get(lang)} " "
            {overview.holiday_years.iter().map(|(year, days)| format!("{year} ({days})")).collect::<Vec<_>>().join(", ")}
        </p>
        <div class="field">
            <label for="holidays-csv">{m::ADMIN_HOLIDAY_FILE.get(lang)}</label>
            <p class="field__hint"><code>"date,kind,name_zh,name_en"</code> " · " <code>"2027-01-01,holiday,元旦,New Year's Day"</code></p>
            <textarea id="holidays-csv" name="csv" rows="6"></textarea>
        </div>
    }.into_any(), lang);
    // The buttons in the lists have no form of their own to show a refusal in.
    let list_error = state.error.filter(|_| {
        matches!(
            state.action.as_str(),
            "officer-active" | "account-disable" | "account-enable" | "mail-retry"
        )
    });
    view! {
        {list_error.map(|error| view! {
            <div class="error-summary" role="alert" tabindex="-1"><p>{error.get(lang)}</p></div>
        })}
        <section aria-labelledby="admin-stations">
            <h2 id="admin-stations">{m::ADMIN_STATIONS.get(lang)}</h2>
            {overview.stations.iter().map(|station| view! {
                <details class="case-card">
                    <summary>{station.name.get(lang).to_string()} {lang.bracket(&station.slug)} " · "
                        {station.officers.len()} " " {m::STAFF_OFFICER.get(lang)}</summary>
                    <ul>
                        {station.offices.iter().map(|(_, name)| view! { <li>{name.get(lang).to_string()}</li> }).collect_view()}
                    </ul>
                    <ul class="officer-links">
                        {station.officers.iter().map(|officer| view! {
                            <li class:muted=!officer.active>
                                {officer.name.get(lang).to_string()} " · " {officer.badge.clone()} " · " {officer.duty.label().get(lang)}
                                <form method="post" action=crate::paths::STAFF_ADMIN_ACTION.to(&["officer-active"]) class="inline-form">
                                    <input type="hidden" name="badge" value=officer.badge.clone() />
                                    <input type="hidden" name="active" value=if officer.active { "0" } else { "1" } />
                                    <button type="submit" class="button button--secondary">
                                        {if officer.active { m::ADMIN_DEACTIVATE.get(lang) } else { m::ADMIN_ACTIVATE.get(lang) }}
                                    </button>
                                </form>
                            </li>
                        }).collect_view()}
                    </ul>
                </details>
            }).collect_view()}
            <div class="case-actions">{station_form}{office_form}{officer_form}</div>
        </section>
        <section aria-labelledby="admin-accounts">
            <h2 id="admin-accounts">{m::ADMIN_ACCOUNTS.get(lang)}</h2>
            <table class="workload">
                <thead><tr>
                    <th scope="col">{m::STAFF_USERNAME.get(lang)}</th>
                    <th scope="col">{m::STAFF_ROLES.get(lang)}</th>
                    <th scope="col">{m::ADMIN_OFFICER_LINK.get(lang)}</th>
                    <th scope="col">{m::ADMIN_STATUS.get(lang)}</th>
                </tr></thead>
                <tbody>
                    {overview.accounts.iter().map(|account| {
                        let roles = account.roles.iter()
                            .map(|(role, station)| format!("{}{}", role.label().get(lang), station.as_ref().map(|s| format!(" · {s}")).unwrap_or_default()))
                            .collect::<Vec<_>>()
                            .join(lang.pick("、", ", "));
                        let (action, label) = if account.disabled {
                            ("account-enable", m::ADMIN_ENABLE)
                        } else {
                            ("account-disable", m::ADMIN_DISABLE)
                        };
                        view! {
                            <tr>
                                <th scope="row">{account.username.clone()} <br /> <small>{account.display_name.clone()}</small>
                                    {account.email.clone().map(|email| view! { <br /> <small>{email}</small> })}</th>
                                <td>{roles}</td>
                                <td>
                                    {match (&account.badge, account.not_sworn) {
                                        (Some(badge), _) => badge.clone(),
                                        (None, true) => m::ADMIN_NOT_SWORN.get(lang).to_string(),
                                        (None, false) => "—".to_string(),
                                    }}
                                </td>
                                <td>
                                    {if account.disabled { m::ADMIN_DISABLED.get(lang) } else { m::ADMIN_ACTIVE.get(lang) }}
                                    <form method="post" action=crate::paths::STAFF_ADMIN_ACTION.to(&[action]) class="inline-form">
                                        <input type="hidden" name="account" value=account.id.to_string() />
                                        <button type="submit" class="button button--secondary">{label.get(lang)}</button>
                                    </form>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <div class="case-actions">{account_form}{link_form}{grant_form}{withdraw_form}{email_form}</div>
        </section>
        {mail_section}
        {api_keys_section}
        <section aria-labelledby="admin-rules">
            <h2 id="admin-rules">{m::ADMIN_RULES.get(lang)}</h2>
            <div class="case-actions">{deadlines_form}{holidays_form}</div>
        </section>
    }
    .into_any()
}
