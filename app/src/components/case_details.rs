//! The details staff record on a case (see [`crate::cases::details`]), on the staff case
//! page: the recorded ones among the case's facts, and a form per detail for those who
//! may record them. Both follow the details table, so a new detail needs nothing here.

use crate::cases::details::{DETAILS, Detail, Details};
use crate::components::form_errors::field_error;
use crate::i18n::{Lang, messages as m};
use crate::workspace::actions::CaseActionState;
use leptos::prelude::*;

/// The recorded details as `<dt>`/`<dd>` pairs, for the case's facts list.
pub fn recorded_facts(details: &Details, lang: Lang) -> AnyView {
    DETAILS
        .iter()
        .filter_map(|detail| {
            let value = details.get(detail.code)?.clone();
            Some(view! {
                <dt>{detail.label.get(lang)}</dt>
                <dd data-detail=detail.code>{value}</dd>
            })
        })
        .collect_view()
        .into_any()
}

/// One form per detail, each refilled after a refusal of its own.
#[component]
pub fn DetailForms(
    reference: String,
    details: Details,
    state: CaseActionState,
    lang: Lang,
) -> AnyView {
    if DETAILS.is_empty() {
        return ().into_any();
    }
    let forms = DETAILS
        .iter()
        .map(|detail| detail_form(&reference, detail, &details, &state, lang))
        .collect_view();
    view! {
        <section class="case-details" aria-labelledby="details-heading">
            <h2 id="details-heading">{m::STAFF_DETAILS_HEADING.get(lang)}</h2>
            <p class="field__hint">{m::STAFF_DETAILS_HINT.get(lang)}</p>
            {forms}
        </section>
    }
    .into_any()
}

fn detail_form(
    reference: &str,
    detail: &'static Detail,
    details: &Details,
    state: &CaseActionState,
    lang: Lang,
) -> AnyView {
    let refused = state.action == "detail" && state.form.detail.trim() == detail.code;
    let error = state.error.filter(|_| refused).map(|error| error.text());
    let value = if refused {
        state.form.value.clone()
    } else {
        details.get(detail.code).cloned().unwrap_or_default()
    };
    let id = format!("detail-{}", detail.code);
    let hint_id = format!("{id}-hint");
    view! {
        <form class="form case-form case-form--detail" method="post"
            action=crate::paths::STAFF_CASE_ACTION.to(&[reference, "detail"]) novalidate>
            <input type="hidden" name="detail" value=detail.code />
            <div class="field">
                <label for=id.clone()>{detail.label.get(lang)}</label>
                <p class="field__hint" id=hint_id.clone()>{detail.hint.get(lang)}</p>
                {field_error("value", error, lang)}
                <input id=id type="text" name="value" maxlength=detail.max_chars()
                    aria-describedby=hint_id aria-invalid=error.map(|_| "true") value=value />
            </div>
            <button type="submit" class="button button--secondary">{m::STAFF_DETAIL_SUBMIT.get(lang)}</button>
        </form>
    }
    .into_any()
}
