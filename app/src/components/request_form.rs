//! The request form at `/request/new`, rendered on the server. After a refused submission
//! the page is rendered again from [`RequestFormState`], keeping what was typed.

use super::enhanced_form::EnhancedForm;
use super::form_errors::{ErrorSummary, FormProblem, field_error, form_token};
use super::rating_form::textarea_text;
use crate::cases::CaseKind;
use crate::cases::request_form::*;
use crate::i18n::{Lang, Text, messages as m};
use crate::stations::StationSummary;
use leptos::prelude::*;

/// What the page shows after a refused submission.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RequestFormState {
    pub form: RequestForm,
    pub errors: Vec<RequestFieldError>,
    pub problem: Option<FormProblem>,
}

#[component]
pub fn RequestFormView(stations: Vec<StationSummary>, lang: Lang) -> impl IntoView {
    let state = use_context::<RequestFormState>().unwrap_or_default();
    let form = state.form;
    let errors = state.errors;
    let error = |field: RequestField| {
        let text = errors.iter().find(|e| e.field() == field).map(|e| e.text());
        field_error(field.id(), text, lang)
    };
    let summary = view! {
        <ErrorSummary
            problem=state.problem
            errors=errors.iter().map(|e| (e.field().id(), e.text())).collect()
            lang
        />
    };
    let kind_error = error(RequestField::Kind);
    let station_error = error(RequestField::Station);
    let place_error = error(RequestField::Place);
    let subject_error = error(RequestField::Subject);
    let description_error = error(RequestField::Description);
    let badge_error = error(RequestField::Badge);
    let name_error = error(RequestField::ContactName);
    let phone_error = error(RequestField::ContactPhone);
    let email_error = error(RequestField::ContactEmail);
    let chosen_kind = form.kind.clone();
    let chosen_station = form.station.clone();
    let not_sure = chosen_station.is_empty() || chosen_station == STATION_NOT_SURE;

    view! {
        <EnhancedForm>
            <form class="form" method="post" action={crate::paths::REQUEST_NEW.as_str()} novalidate>
                {summary}
                <input type="hidden" name="token" value=form_token(&form.token) />
                <fieldset class="field" id="kind">
                    <legend>{m::REQUEST_KIND_LEGEND.get(lang)}</legend>
                    {kind_error}
                    <div class="choices">
                        {CaseKind::FILED_BY_RESIDENTS
                            .into_iter()
                            .map(|kind| {
                                let checked = chosen_kind == kind.code();
                                view! {
                                    <label class="choice">
                                        <input type="radio" name="kind" value=kind.code() checked=checked />
                                        <span>
                                            <strong>{kind.label().get(lang)}</strong>
                                            <small class="choice__hint">{kind_hint(kind).get(lang)}</small>
                                        </span>
                                    </label>
                                }
                            })
                            .collect_view()}
                    </div>
                </fieldset>
                <div class="field">
                    <label for="station">{m::REQUEST_STATION_LABEL.get(lang)}</label>
                    {station_error}
                    <select id="station" name="station">
                        <option value=STATION_NOT_SURE selected=not_sure>
                            {m::REQUEST_STATION_NOT_SURE.get(lang)}
                        </option>
                        {stations
                            .into_iter()
                            .map(|station| {
                                let selected = chosen_station == station.slug;
                                view! {
                                    <option value=station.slug.clone() selected=selected>
                                        {station.name.get(lang).to_string()}
                                    </option>
                                }
                            })
                            .collect_view()}
                    </select>
                </div>
                <TextField id="place" label=m::REQUEST_PLACE_LABEL max=MAX_PLACE_CHARS value=form.place error=place_error lang />
                <TextField id="subject" label=m::REQUEST_SUBJECT_LABEL max=MAX_SUBJECT_CHARS value=form.subject error=subject_error lang />
                <div class="field">
                    <label for="description">{m::REQUEST_DESCRIPTION_LABEL.get(lang)}</label>
                    {description_error}
                    <textarea id="description" name="description" rows="6" maxlength=MAX_DESCRIPTION_CHARS>
                        {textarea_text(&form.description)}
                    </textarea>
                </div>
                <div class="field">
                    <label for="badge">{m::REQUEST_BADGE_LABEL.get(lang)}</label>
                    <p class="field__hint" id="badge-hint">{m::REQUEST_BADGE_HINT.get(lang)}</p>
                    {badge_error}
                    <input id="badge" name="badge" type="text" inputmode="numeric" maxlength="6"
                        aria-describedby="badge-hint" value=form.badge />
                    <label class="choice">
                        <input type="checkbox" name="publish_name" value="on" checked=form.publish_name.is_some() />
                        <span>{m::REQUEST_PUBLISH_NAME_LABEL.get(lang)}</span>
                    </label>
                </div>
                <fieldset class="field">
                    <legend>{m::REQUEST_CONTACT_LEGEND.get(lang)}</legend>
                    <p class="field__hint">{m::REQUEST_CONTACT_HINT.get(lang)}</p>
                    <TextField id="contact_name" label=m::REQUEST_NAME_LABEL max=MAX_NAME_CHARS value=form.contact_name error=name_error lang autocomplete="name" />
                    <TextField id="contact_phone" label=m::REQUEST_PHONE_LABEL max=MAX_PHONE_CHARS value=form.contact_phone error=phone_error lang autocomplete="tel" />
                    <TextField id="contact_email" label=m::REQUEST_EMAIL_LABEL max=MAX_EMAIL_CHARS value=form.contact_email error=email_error lang autocomplete="email" />
                    <label class="choice">
                        <input type="checkbox" name="anonymous" value="on" checked=form.anonymous.is_some() />
                        <span>{m::REQUEST_ANONYMOUS_LABEL.get(lang)}</span>
                    </label>
                </fieldset>
                <button type="submit" class="button">{m::REQUEST_SUBMIT.get(lang)}</button>
            </form>
        </EnhancedForm>
    }
}

/// A labelled one-line text input with its inline error.
#[component]
fn TextField(
    id: &'static str,
    label: Text,
    max: usize,
    value: String,
    error: AnyView,
    lang: Lang,
    #[prop(optional)] autocomplete: Option<&'static str>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label.get(lang)}</label>
            {error}
            <input id=id name=id type="text" maxlength=max autocomplete=autocomplete value=value />
        </div>
    }
}

fn kind_hint(kind: CaseKind) -> Text {
    match kind {
        CaseKind::Help => m::REQUEST_HINT_HELP,
        CaseKind::Complaint => m::REQUEST_HINT_COMPLAINT,
        CaseKind::Suggestion => m::REQUEST_HINT_SUGGESTION,
        CaseKind::Question => m::REQUEST_HINT_QUESTION,
        CaseKind::Commendation => m::REQUEST_HINT_COMMENDATION,
        CaseKind::Tip | CaseKind::RatingReview => m::REQUEST_HINT_TIP,
    }
}
