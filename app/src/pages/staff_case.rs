//! `/staff/cases/{reference}`: one case for staff. The facts, the resident's text, the
//! contact details (masked, never the name of an anonymous resident; shown on request,
//! with a reason, to those who may see them, and audited), the change waiting for
//! approval, the whole timeline with internal notes marked, and the forms of the actions
//! the caller may take. Each form posts to `/staff/cases/{reference}/{action}`; a refused
//! one comes back here with what was typed and the error.

use crate::cases::Finding;
use crate::cases::details;
use crate::cases::proposal::Awaiting;
use crate::cases::{CaseKind, EventKind, Outcome};
use crate::components::case_details::{DetailForms, recorded_facts};
use crate::components::form_errors::field_error;
use crate::components::rating_form::textarea_text;
use crate::components::staff_frame::{StaffNav, after_sign_in, load_error, signed_in};
use crate::i18n::{Lang, Text, messages as m, use_lang};
use crate::staff::api::current_staff;
use crate::workspace::actions::{CaseActionForm, CaseActionState, MAX_TEXT_CHARS};
use crate::workspace::api::get_staff_case;
use crate::workspace::{ContactDetails, PendingView, StaffCase};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_params_map;

/// Put in context by the POST that reveals the contact details (with a reason, audited):
/// the page shows them in that one answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RevealedContact(pub ContactDetails);

#[component]
pub fn StaffCasePage() -> impl IntoView {
    let lang = use_lang();
    let params = use_params_map();
    let reference = move || params.read().get("reference").unwrap_or_default();
    let staff = Resource::new(|| (), |_| current_staff());
    let case = Resource::new(reference, |reference| {
        after_sign_in(get_staff_case(reference))
    });
    let revealed = use_context::<RevealedContact>();
    view! {
        <Meta name="robots" content="noindex" />
        <Suspense fallback=move || view! { <p>{m::LOADING.get(lang)}</p> }>
            {move || {
                let revealed = revealed.clone();
                Suspend::new(async move {
                let member = match signed_in(staff.await, lang) {
                    Ok(member) => member,
                    Err(view) => return view,
                };
                let body = match case.await {
                    Ok(case) => {
                        let contact = match revealed.clone() {
                            Some(RevealedContact(shown)) => shown,
                            None => case.contact.clone(),
                        };
                        view! { <CaseView case contact lang /> }.into_any()
                    }
                    Err(error) => load_error(error, lang),
                };
                view! { <StaffNav member lang /> {body} }.into_any()
            })
            }}
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
            <dd class="status" data-status=case.summary.status.code() data-hidden=case.hidden.then_some("")>
                {case.summary.status.label().get(lang)}
                {case.summary.overdue.then(|| view! { " · " <strong class="alert">{m::STAFF_OVERDUE.get(lang)}</strong> })}
                {case.hidden.then(|| format!(" · {}", m::STAFF_HIDDEN.get(lang)))}
                {case.summary.oversight.then(|| view! { " · " <strong data-oversight="">{m::STAFF_OVERSIGHT.get(lang)}</strong> })}
            </dd>
            <dt>{m::STAFF_CHANNEL.get(lang)}</dt>
            <dd>{case.channel.label().get(lang)}</dd>
            <dt>{m::STAFF_ACK_DUE.get(lang)}</dt>
            <dd>
                {if case.acknowledged {
                    m::STAFF_ACKNOWLEDGED.get(lang).to_string()
                } else {
                    case.ack_due_on.clone()
                }}
                {case.summary.ack_overdue.then(|| view! { " · " <strong class="alert">{m::STAFF_INTAKE_OVERDUE.get(lang)}</strong> })}
            </dd>
            {case.finding.map(|finding| view! {
                <dt>{m::STAFF_FINDING.get(lang)}</dt>
                <dd>{finding.label().get(lang)}</dd>
            })}
            {case.hidden_reason.clone().map(|reason| view! {
                <dt>{m::STAFF_HIDDEN_REASON.get(lang)}</dt>
                <dd>{reason}{case.objected.then(|| format!(" · {}", m::STAFF_OBJECTED.get(lang)))}</dd>
            })}
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
                <dd><a href=crate::paths::STAFF_CASE.to(&[&into])>{into.clone()}</a></dd>
            })}
            {recorded_facts(&case.details, lang)}
        </dl>
        <section aria-labelledby="description-heading">
            <h2 id="description-heading">{m::STAFF_DESCRIPTION.get(lang)}</h2>
            <p class="case-description">{case.description.clone()}</p>
        </section>
        {(!contact.is_empty()).then(|| view! {
            <ContactView contact=contact.clone() may_unmask=rights.unmask_contact reference=reference.clone() state=forms.state.clone() lang />
        })}
        {case.pending.clone().map(|pending| forms.pending(pending))}
        {case.outcome.map(|outcome| view! {
            <section class="answer" aria-labelledby="outcome-heading">
                <h2 id="outcome-heading">{m::TRACK_OUTCOME.get(lang)} {lang.colon()} {outcome.label().get(lang)}</h2>
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
                {rights.work.then(|| forms.resolve(case.summary.kind, case.resolve_needs))}
                {(rights.work && case.extension.is_none()).then(|| forms.request_extension())}
                {(rights.triage && !case.stations.is_empty()).then(|| forms.place(&case))}
                {rights.triage.then(|| forms.assign(&case))}
                {rights.triage.then(|| forms.classify(case.summary.kind, case.triage_needs))}
                {(rights.triage && !rights.work).then(|| forms.refer(case.resolve_needs))}
                {rights.triage.then(|| forms.merge(case.triage_needs))}
                {rights.triage.then(|| forms.hide(case.triage_needs))}
            </div>
        })}
        {rights.note.then(|| forms.note())}
        {(rights.triage || rights.work).then(|| view! {
            <DetailForms reference=reference.clone() details=case.details.clone() state=forms.state.clone() lang />
        })}
        <section aria-labelledby="timeline-heading">
            <h2 id="timeline-heading">{m::TRACK_TIMELINE.get(lang)}</h2>
            <ol class="timeline">
                {case.timeline.into_iter().map(|mut event| {
                    if event.kind == EventKind::DetailRecorded {
                        event.body = details::describe(&event.body, lang);
                    }
                    view! {
                    <li class="timeline__entry" class:timeline__entry--internal=!event.public>
                        <time class="timeline__at">{event.at}</time>
                        <span class="timeline__kind">{event.kind.label().get(lang)}</span>
                        {(!event.public).then(|| view! { <span class="tag">{m::STAFF_INTERNAL.get(lang)}</span> })}
                        {event.by.map(|by| view! { <span class="timeline__by">{by}</span> })}
                        {(!event.body.is_empty()).then(|| view! { <p class="timeline__body">{event.body}</p> })}
                    </li>
                }}).collect_view()}
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
    state: CaseActionState,
    lang: Lang,
) -> AnyView {
    let rows = [
        (m::REQUEST_NAME_LABEL, contact.name.clone()),
        (m::REQUEST_PHONE_LABEL, contact.phone.clone()),
        (m::REQUEST_EMAIL_LABEL, contact.email.clone()),
    ];
    let error = state
        .error
        .filter(|_| state.action == "contact")
        .map(|e| e.text());
    let typed = if state.action == "contact" {
        state.form.reason.clone()
    } else {
        String::new()
    };
    view! {
        <section class="contact" aria-labelledby="contact-heading">
            <h2 id="contact-heading">{m::STAFF_CONTACT.get(lang)}</h2>
            {contact.anonymous.then(|| view! { <p data-anonymous="">{m::STAFF_ANONYMOUS.get(lang)}</p> })}
            <dl class="facts">
                {rows.into_iter().filter_map(|(label, value)| value.map(|value| view! {
                    <dt>{label.get(lang)}</dt>
                    <dd class="contact__value">{value}</dd>
                })).collect_view()}
            </dl>
            {(contact.masked && may_unmask && contact.has_means()).then(|| view! {
                <form class="form" method="post" action=crate::paths::STAFF_CASE_ACTION.to(&[&reference, "contact"]) novalidate>
                    <div class="field">
                        <label for="contact-reason">{m::STAFF_REVEAL_REASON.get(lang)}</label>
                        {field_error("reason", error, lang)}
                        <input id="contact-reason" type="text" name="reason" maxlength="200" required
                            value=typed />
                    </div>
                    <button type="submit" class="button button--secondary">{m::STAFF_SHOW_CONTACT.get(lang)}</button>
                    " " <span class="field__hint">{m::STAFF_SHOW_CONTACT_HINT.get(lang)}</span>
                </form>
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
            <form class="form case-form" method="post" action=crate::paths::STAFF_CASE_ACTION.to(&[&self.reference, action])
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

    /// The note under a form whose change waits for someone's approval.
    fn needs(&self, needs: Option<Awaiting>) -> Option<AnyView> {
        let lang = self.lang;
        needs.map(|awaiting| {
            let text = match awaiting {
                Awaiting::Leader => m::STAFF_NEEDS_LEADER,
                Awaiting::Inspector => m::STAFF_NEEDS_INSPECTOR,
            };
            view! { <p class="field__hint" data-needs-approval=awaiting.code()>{text.get(lang)}</p> }
                .into_any()
        })
    }

    /// The finding of a complaint or a 差评核实.
    fn finding(&self, action: &'static str, chosen: &str) -> AnyView {
        let lang = self.lang;
        let id = format!("{action}-finding");
        view! {
            <div class="field">
                <label for=id.clone()>{m::STAFF_FINDING.get(lang)}</label>
                <p class="field__hint">{m::STAFF_FINDING_HINT.get(lang)}</p>
                {field_error("finding", self.error(action, "finding"), lang)}
                <select id=id name="finding">
                    <option value="">{m::STAFF_CHOOSE.get(lang)}</option>
                    {Finding::ALL.iter().map(|f| view! {
                        <option value=f.code() selected=chosen == f.code()>{f.label().get(lang)}</option>
                    }).collect_view()}
                </select>
            </div>
        }
        .into_any()
    }

    fn resolve(&self, kind: CaseKind, needs: Option<Awaiting>) -> AnyView {
        let lang = self.lang;
        let typed = self.typed("resolve");
        let fields = view! {
            {self.needs(needs)}
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
            {kind.accuses().then(|| self.finding("resolve", &typed.finding))}
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

    fn refer(&self, needs: Option<Awaiting>) -> AnyView {
        let typed = self.typed("refer");
        let fields = view! {
            {self.needs(needs)}
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

    /// The change waiting on the case, and the decision form for whoever may decide.
    fn pending(&self, pending: PendingView) -> AnyView {
        let lang = self.lang;
        let typed = self.typed("decide");
        let (yes, no) = if pending.objection {
            (m::STAFF_RESTORE, m::STAFF_KEEP_CLOSED)
        } else {
            (m::STAFF_APPROVE, m::STAFF_SEND_BACK)
        };
        let summary = if pending.objection {
            m::STAFF_OBJECTION.get(lang).to_string()
        } else {
            pending.summary.clone()
        };
        view! {
            <section class="pending" aria-labelledby="pending-heading" data-awaiting=pending.awaiting.code()>
                <h2 id="pending-heading">{m::STAFF_PENDING_HEADING.get(lang)}</h2>
                <p><strong>{pending.awaiting.label().get(lang)}</strong></p>
                <p class="pending__summary">{summary}</p>
                <p class="field__hint">
                    {pending.by.clone().map(|by| format!("{}：{by} · ", m::STAFF_PENDING_BY.get(lang)))}
                    {pending.at.clone()}
                </p>
                {pending.may_decide.then(|| view! {
                    <form class="form case-form" method="post"
                        action=crate::paths::STAFF_CASE_ACTION.to(&[&self.reference, "decide"]) novalidate>
                        {self.summary("decide")}
                        {pending.needs_finding.then(|| self.finding("decide", &typed.finding))}
                        {self.line_field("decide", "note", m::STAFF_DECISION_NOTE, &typed.note)}
                        <button type="submit" class="button" name="decision" value="approve">{yes.get(lang)}</button>
                        " "
                        <button type="submit" class="button button--secondary" name="decision" value="return">{no.get(lang)}</button>
                    </form>
                })}
            </section>
        }
        .into_any()
    }

    fn place(&self, case: &StaffCase) -> AnyView {
        let lang = self.lang;
        let typed = self.typed("place");
        let stations = case.stations.clone();
        let fields = view! {
            <div class="field">
                <label for="place-station">{m::STAFF_PLACE_STATION.get(lang)}</label>
                {field_error("station", self.error("place", "station"), lang)}
                <select id="place-station" name="station">
                    <option value="">{m::STAFF_CHOOSE.get(lang)}</option>
                    {stations.into_iter().map(|(slug, names)| {
                        let selected = typed.station == slug;
                        view! { <option value=slug selected=selected>{names.get(lang).to_string()}</option> }
                    }).collect_view()}
                </select>
            </div>
        }
        .into_any();
        self.form(
            "place",
            m::STAFF_PLACE_HEADING,
            fields,
            m::STAFF_PLACE_SUBMIT,
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
                action=crate::paths::STAFF_CASE_ACTION.to(&[&self.reference, "extension-decision"])>
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
                            format!("{}{} · {}", officer.name, lang.bracket(&officer.badge), m::STAFF_SUGGESTED.get(lang))
                        } else {
                            format!("{}{}", officer.name, lang.bracket(&officer.badge))
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

    fn classify(&self, current: CaseKind, needs: Option<Awaiting>) -> AnyView {
        let lang = self.lang;
        let fields = view! {
            {self.needs(needs)}
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

    fn merge(&self, needs: Option<Awaiting>) -> AnyView {
        let typed = self.typed("merge");
        let fields = view! {
            {self.needs(needs)}
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

    fn hide(&self, needs: Option<Awaiting>) -> AnyView {
        let typed = self.typed("hide");
        let fields = view! {
            {self.needs(needs)}
            <p class="field__hint">{m::STAFF_HIDE_HINT.get(self.lang)}</p>
            {self.line_field("hide", "reason", m::STAFF_HIDE_REASON, &typed.reason)}
        }
        .into_any();
        self.form("hide", m::STAFF_HIDE_HEADING, fields, m::STAFF_HIDE_SUBMIT)
    }
}
