//! `/staff/cases/{reference}`: one case for staff. The facts, the resident's text, the
//! contact details (masked; shown on request to those who may see them, and audited),
//! the whole timeline with internal notes marked, and the forms of the actions the
//! caller may take. Each form posts to `/staff/cases/{reference}/{action}`; a refused one
//! comes back here with what was typed and the error.

use crate::cases::{CaseKind, Outcome};
use crate::components::form_errors::field_error;
use crate::components::rating_form::textarea_text;
use crate::components::staff_frame::{StaffNav, after_sign_in, load_error, signed_in};
use crate::i18n::{Lang, Text, messages as m, use_lang};
use crate::staff::api::current_staff;
use crate::workspace::actions::{CaseActionForm, CaseActionState, MAX_TEXT_CHARS};
use crate::workspace::api::{case_contact, get_staff_case};
use crate::workspace::{ContactDetails, StaffCase};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn StaffCasePage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let query = use_query_map();
    let reference = move || params.read().get("reference").unwrap_or_default();
    let staff = Resource::new(|| (), |_| current_staff());
    let case = Resource::new(reference, |reference| {
        after_sign_in(get_staff_case(reference))
    });
    // Unmasking is a separate, audited call, made only when asked for.
    let contact = Resource::new(
        move || {
            (
                reference(),
                query.read().get("contact").as_deref() == Some("show"),
            )
        },
        |(reference, show)| async move {
            if show {
                Some(after_sign_in(case_contact(reference)).await)
            } else {
                None
            }
        },
    );
    view! {
        <Meta name="robots" content="noindex" />
        <Suspense fallback=move || view! { <p>{m::LOADING.get(lang)}</p> }>
            {move || Suspend::new(async move {
                let member = match signed_in(staff.await, lang) {
                    Ok(member) => member,
                    Err(view) => return view,
                };
                let body = match case.await {
                    Ok(case) => {
                        let contact = match contact.await {
                            Some(Ok(shown)) => shown,
                            _ => case.contact.clone(),
                        };
                        view! { <CaseView case contact lang /> }.into_any()
                    }
                    Err(error) => load_error(error, lang),
                };
                view! { <StaffNav member lang /> {body} }.into_any()
            })}
        </Suspense>
    }
}

#[component]
fn CaseView(case: StaffCase, contact: ContactDetails, lang: Lang) -> AnyView {
    let reference = case.summary.reference.clone();
    let rights = case.rights;
    let open = case.is_open();
    let station = case
        .summary
        .station
        .as_ref()
        .map(|s| s.get(lang).to_string())
        .unwrap_or_else(|| m::STAFF_BUREAU_TRIAGE.get(lang).to_string());
    let state = use_context::<CaseActionState>().unwrap_or_default();
    let forms = Forms {
        reference: reference.clone(),
        state,
        lang,
    };
    view! {
        <Title text=reference.clone() />
        <h1><span class="reference">{reference.clone()}</span> " " {case.summary.subject.clone()}</h1>
        <dl class="facts">
            <dt>{m::TRACK_KIND.get(lang)}</dt>
            <dd>{case.summary.kind.label().get(lang)}</dd>
            <dt>{m::TRACK_STATUS.get(lang)}</dt>
            <dd class="status">
                {case.summary.status.label().get(lang)}
                {case.summary.overdue.then(|| view! { " · " <strong class="alert">{m::STAFF_OVERDUE.get(lang)}</strong> })}
                {case.hidden.then(|| format!(" · {}", m::STAFF_HIDDEN.get(lang)))}
            </dd>
            <dt>{m::TRACK_STATION.get(lang)}</dt>
            <dd>{station}</dd>
            <dt>{m::TRACK_FILED.get(lang)}</dt>
            <dd>{case.summary.filed_on.clone()}</dd>
            <dt>{m::STAFF_DUE.get(lang)}</dt>
            <dd>{case.summary.due_on.clone()}</dd>
            <dt>{m::STAFF_ASSIGNEE.get(lang)}</dt>
            <dd>{case.summary.assignee.clone().unwrap_or_else(|| m::STAFF_UNASSIGNED.get(lang).to_string())}</dd>
            {case.summary.named_badge.clone().map(|badge| view! {
                <dt>{m::STAFF_ABOUT_OFFICER.get(lang)}</dt>
                <dd>{badge}</dd>
            })}
            {(!case.place.is_empty()).then(|| view! {
                <dt>{m::REQUEST_PLACE_LABEL.get(lang)}</dt>
                <dd>{case.place.clone()}</dd>
            })}
            {case.merged_into.clone().map(|into| view! {
                <dt>{m::STAFF_MERGED_INTO.get(lang)}</dt>
                <dd><a href=format!("/staff/cases/{into}")>{into.clone()}</a></dd>
            })}
        </dl>
        <section aria-labelledby="description-heading">
            <h2 id="description-heading">{m::STAFF_DESCRIPTION.get(lang)}</h2>
            <p class="case-description">{case.description.clone()}</p>
        </section>
        {(!contact.is_empty()).then(|| view! {
            <ContactView contact=contact.clone() may_unmask=rights.unmask_contact reference=reference.clone() lang />
        })}
        {case.outcome.map(|outcome| view! {
            <section class="answer" aria-labelledby="outcome-heading">
                <h2 id="outcome-heading">{m::TRACK_OUTCOME.get(lang)} ": " {outcome.label().get(lang)}</h2>
                <p class="answer__body">{case.outcome_summary.clone().unwrap_or_default()}</p>
            </section>
        })}
        {case.extension.clone().map(|extension| view! {
            <section class="extension" aria-labelledby="extension-heading">
                <h2 id="extension-heading">{m::STAFF_EXTENSION_PENDING.get(lang)}</h2>
                <p>{extension.days} " " {m::STAFF_WORKING_DAYS.get(lang)} " · " {extension.reason}</p>
                {(rights.decide_extension && open).then(|| forms.decide_extension())}
            </section>
        })}
        {open.then(|| view! {
            <div class="case-actions">
                {rights.work.then(|| forms.reply())}
                {rights.work.then(|| forms.resolve())}
                {(rights.work && case.extension.is_none()).then(|| forms.request_extension())}
                {rights.triage.then(|| forms.assign(&case))}
                {rights.triage.then(|| forms.classify(case.summary.kind))}
                {(rights.triage && !rights.work).then(|| forms.refer())}
                {rights.triage.then(|| forms.merge())}
                {rights.triage.then(|| forms.hide())}
            </div>
        })}
        {rights.note.then(|| forms.note())}
        <section aria-labelledby="timeline-heading">
            <h2 id="timeline-heading">{m::TRACK_TIMELINE.get(lang)}</h2>
            <ol class="timeline">
                {case.timeline.into_iter().map(|event| view! {
                    <li class="timeline__entry" class:timeline__entry--internal=!event.public>
                        <time class="timeline__at">{event.at}</time>
                        <span class="timeline__kind">{event.kind.label().get(lang)}</span>
                        {(!event.public).then(|| view! { <span class="tag">{m::STAFF_INTERNAL.get(lang)}</span> })}
                        {event.by.map(|by| view! { <span class="timeline__by">{by}</span> })}
                        {(!event.body.is_empty()).then(|| view! { <p class="timeline__body">{event.body}</p> })}
                    </li>
                }).collect_view()}
            </ol>
        </section>
    }
    .into_any()
}

#[component]
fn ContactView(
    contact: ContactDetails,
    may_unmask: bool,
    reference: String,
    lang: Lang,
) -> AnyView {
    let rows = [
        (m::REQUEST_NAME_LABEL, contact.name.clone()),
        (m::REQUEST_PHONE_LABEL, contact.phone.clone()),
        (m::REQUEST_EMAIL_LABEL, contact.email.clone()),
    ];
    view! {
        <section class="contact" aria-labelledby="contact-heading">
            <h2 id="contact-heading">{m::STAFF_CONTACT.get(lang)}</h2>
            <dl class="facts">
                {rows.into_iter().filter_map(|(label, value)| value.map(|value| view! {
                    <dt>{label.get(lang)}</dt>
                    <dd class="contact__value">{value}</dd>
                })).collect_view()}
            </dl>
            {(contact.masked && may_unmask).then(|| view! {
                <p>
                    <a class="button button--secondary" href=format!("/staff/cases/{reference}?contact=show")>
                        {m::STAFF_SHOW_CONTACT.get(lang)}
                    </a>
                    " " <span class="field__hint">{m::STAFF_SHOW_CONTACT_HINT.get(lang)}</span>
                </p>
            })}
        </section>
    }
    .into_any()
}

/// The action forms of one case, each refilled after a refusal of its own.
struct Forms {
    reference: String,
    state: CaseActionState,
    lang: Lang,
}

impl Forms {
    /// What was typed into `action`'s form before it was refused, or an empty form.
    fn typed(&self, action: &str) -> CaseActionForm {
        if self.state.action == action {
            self.state.form.clone()
        } else {
            CaseActionForm::default()
        }
    }

    /// The error of `action`'s form on `field`, if that is where it was refused.
    fn error(&self, action: &str, field: &str) -> Option<Text> {
        self.state
            .error
            .filter(|e| self.state.action == action && e.field() == field)
            .map(|e| e.text())
    }

    /// The refused form's error, above its fields, linking to the field.
    fn summary(&self, action: &'static str) -> Option<AnyView> {
        let lang = self.lang;
        let error = self.state.error.filter(|_| self.state.action == action)?;
        Some(
            view! {
                <div class="error-summary" role="alert" tabindex="-1">
                    <h3>{m::FORM_ERRORS_HEADING.get(lang)}</h3>
                    <p><a href=format!("#{action}-{}", error.field())>{error.text().get(lang)}</a></p>
                </div>
            }
            .into_any(),
        )
    }

    fn form(&self, action: &'static str, heading: Text, fields: AnyView, submit: Text) -> AnyView {
        let lang = self.lang;
        let id = format!("{action}-heading");
        let labelled_by = id.clone();
        view! {
            <form class="form case-form" method="post" action=format!("/staff/cases/{}/{action}", self.reference)
                aria-labelledby=labelled_by novalidate>
                <h2 id=id>{heading.get(lang)}</h2>
                {self.summary(action)}
                {fields}
                <button type="submit" class="button">{submit.get(lang)}</button>
            </form>
        }
        .into_any()
    }

    fn text_field(
        &self,
        action: &'static str,
        name: &'static str,
        label: Text,
        value: &str,
    ) -> AnyView {
        let lang = self.lang;
        let id = format!("{action}-{name}");
        view! {
            <div class="field">
                <label for=id.clone()>{label.get(lang)}</label>
                {field_error(name, self.error(action, name), lang)}
                <textarea id=id name=name rows="4" maxlength=MAX_TEXT_CHARS>{textarea_text(value)}</textarea>
            </div>
        }
        .into_any()
    }

    fn line_field(
        &self,
        action: &'static str,
        name: &'static str,
        label: Text,
        value: &str,
    ) -> AnyView {
        let lang = self.lang;
        let id = format!("{action}-{name}");
        view! {
            <div class="field">
                <label for=id.clone()>{label.get(lang)}</label>
                {field_error(name, self.error(action, name), lang)}
                <input id=id type="text" name=name maxlength="200" value=value.to_string() />
            </div>
        }
        .into_any()
    }

    fn reply(&self) -> AnyView {
        let typed = self.typed("reply");
        let fields = view! {
            <p class="field__hint">{m::STAFF_REPLY_HINT.get(self.lang)}</p>
            {self.text_field("reply", "body", m::STAFF_REPLY_LABEL, &typed.body)}
        }
        .into_any();
        self.form(
            "reply",
            m::STAFF_REPLY_HEADING,
            fields,
            m::STAFF_REPLY_SUBMIT,
        )
    }

    fn note(&self) -> AnyView {
        let typed = self.typed("note");
        let fields = view! {
            <p class="field__hint">{m::STAFF_NOTE_HINT.get(self.lang)}</p>
            {self.text_field("note", "body", m::STAFF_NOTE_LABEL, &typed.body)}
        }
        .into_any();
        self.form("note", m::STAFF_NOTE_HEADING, fields, m::STAFF_NOTE_SUBMIT)
    }

    fn resolve(&self) -> AnyView {
        let lang = self.lang;
        let typed = self.typed("resolve");
        let fields = view! {
            <div class="field">
                <label for="resolve-outcome">{m::TRACK_OUTCOME.get(lang)}</label>
                {field_error("outcome", self.error("resolve", "outcome"), lang)}
                <select id="resolve-outcome" name="outcome">
                    <option value="">{m::STAFF_CHOOSE.get(lang)}</option>
                    {Outcome::ALL.iter().map(|o| view! {
                        <option value=o.code() selected=typed.outcome == o.code()>{o.label().get(lang)}</option>
                    }).collect_view()}
                </select>
            </div>
            {self.text_field("resolve", "summary", m::STAFF_SUMMARY_LABEL, &typed.summary)}
            {self.line_field("resolve", "reason", m::STAFF_REASON_UNRESOLVABLE, &typed.reason)}
            {self.line_field("resolve", "department", m::STAFF_REFER_DEPARTMENT, &typed.department)}
            {self.line_field("resolve", "contact", m::STAFF_REFER_CONTACT, &typed.contact)}
        }
        .into_any();
        self.form(
            "resolve",
            m::STAFF_RESOLVE_HEADING,
            fields,
            m::STAFF_RESOLVE_SUBMIT,
        )
    }

    fn refer(&self) -> AnyView {
        let typed = self.typed("refer");
        let fields = view! {
            {self.line_field("refer", "department", m::STAFF_REFER_DEPARTMENT, &typed.department)}
            {self.line_field("refer", "contact", m::STAFF_REFER_CONTACT, &typed.contact)}
            {self.text_field("refer", "summary", m::STAFF_REFER_EXPLANATION, &typed.summary)}
        }
        .into_any();
        self.form(
            "refer",
            m::STAFF_REFER_HEADING,
            fields,
            m::STAFF_REFER_SUBMIT,
        )
    }

    fn request_extension(&self) -> AnyView {
        let lang = self.lang;
        let typed = self.typed("extension");
        let fields = view! {
            <div class="field">
                <label for="extension-days">{m::STAFF_EXTENSION_DAYS.get(lang)}</label>
                {field_error("days", self.error("extension", "days"), lang)}
                <input id="extension-days" type="number" inputmode="numeric" name="days" min="1" max="30"
                    value=typed.days.clone() />
            </div>
            {self.line_field("extension", "reason", m::STAFF_EXTENSION_REASON, &typed.reason)}
        }
        .into_any();
        self.form(
            "extension",
            m::STAFF_EXTENSION_HEADING,
            fields,
            m::STAFF_EXTENSION_SUBMIT,
        )
    }

    fn decide_extension(&self) -> AnyView {
        let lang = self.lang;
        view! {
            <form class="form" method="post"
                action=format!("/staff/cases/{}/extension-decision", self.reference)>
                {self.summary("extension-decision")}
                <button type="submit" class="button" name="decision" value="approve">
                    {m::STAFF_EXTENSION_APPROVE.get(lang)}
                </button>
                " "
                <button type="submit" class="button button--secondary" name="decision" value="refuse">
                    {m::STAFF_EXTENSION_REFUSE.get(lang)}
                </button>
            </form>
        }
        .into_any()
    }

    fn assign(&self, case: &StaffCase) -> AnyView {
        let lang = self.lang;
        let typed = self.typed("assign");
        let officers = case.assignable.clone();
        let fields = view! {
            <div class="field">
                <label for="assign-assignee">{m::STAFF_ASSIGN_TO.get(lang)}</label>
                {field_error("assignee", self.error("assign", "assignee"), lang)}
                <select id="assign-assignee" name="assignee">
                    <option value="">{m::STAFF_CHOOSE.get(lang)}</option>
                    {officers.into_iter().map(|officer| {
                        let value = officer.account_id.to_string();
                        let selected = typed.assignee == value;
                        let label = if officer.suggested {
                            format!("{} ({}) · {}", officer.name, officer.badge, m::STAFF_SUGGESTED.get(lang))
                        } else {
                            format!("{} ({})", officer.name, officer.badge)
                        };
                        view! { <option value=value selected=selected>{label}</option> }
                    }).collect_view()}
                </select>
            </div>
        }
        .into_any();
        self.form(
            "assign",
            m::STAFF_ASSIGN_HEADING,
            fields,
            m::STAFF_ASSIGN_SUBMIT,
        )
    }

    fn classify(&self, current: CaseKind) -> AnyView {
        let lang = self.lang;
        let fields = view! {
            <div class="field">
                <label for="classify-kind">{m::TRACK_KIND.get(lang)}</label>
                {field_error("kind", self.error("classify", "kind"), lang)}
                <select id="classify-kind" name="kind">
                    {[CaseKind::RatingReview].into_iter().chain(CaseKind::FILED_BY_RESIDENTS).map(|k| view! {
                        <option value=k.code() selected=k == current>{k.label().get(lang)}</option>
                    }).collect_view()}
                </select>
            </div>
        }
        .into_any();
        self.form(
            "classify",
            m::STAFF_CLASSIFY_HEADING,
            fields,
            m::STAFF_CLASSIFY_SUBMIT,
        )
    }

    fn merge(&self) -> AnyView {
        let typed = self.typed("merge");
        let fields = view! {
            <p class="field__hint">{m::STAFF_MERGE_HINT.get(self.lang)}</p>
            {self.line_field("merge", "into", m::STAFF_MERGE_INTO, &typed.into)}
        }
        .into_any();
        self.form(
            "merge",
            m::STAFF_MERGE_HEADING,
            fields,
            m::STAFF_MERGE_SUBMIT,
        )
    }

    fn hide(&self) -> AnyView {
        let fields =
            view! { <p class="field__hint">{m::STAFF_HIDE_HINT.get(self.lang)}</p> }.into_any();
        self.form("hide", m::STAFF_HIDE_HEADING, fields, m::STAFF_HIDE_SUBMIT)
    }
}
