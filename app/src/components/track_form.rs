//! The tracking form (reference and access code) and the 回访 answer form.

use super::enhanced_form::EnhancedForm;
use super::form_errors::{ErrorSummary, FormProblem};
use crate::cases::Satisfaction;
use crate::cases::tracking::{TrackError, TrackForm};
use crate::i18n::{Lang, messages as m};
use leptos::prelude::*;

/// What `/track` shows after a refused look-up.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TrackFormState {
    pub form: TrackForm,
    pub error: Option<TrackError>,
    pub problem: Option<FormProblem>,
}

/// In context when a 回访 answer could not be stored: the answer form says so.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct FeedbackFailed;

#[component]
pub fn TrackFormView(lang: Lang) -> impl IntoView {
    let state = use_context::<TrackFormState>().unwrap_or_default();
    let errors = state
        .error
        .map(|e| vec![("reference", e.text())])
        .unwrap_or_default();
    view! {
        <EnhancedForm>
            <form class="form" method="post" action={crate::paths::TRACK.as_str()} novalidate>
                <ErrorSummary problem=state.problem errors lang />
                <div class="field">
                    <label for="reference">{m::TRACK_REFERENCE_LABEL.get(lang)}</label>
                    <p class="field__hint" id="reference-hint">{m::TRACK_REFERENCE_HINT.get(lang)}</p>
                    <input id="reference" name="reference" type="text" autocomplete="off"
                        autocapitalize="characters" spellcheck="false" maxlength="20"
                        aria-describedby="reference-hint" value=state.form.reference />
                </div>
                <div class="field">
                    <label for="code">{m::TRACK_CODE_LABEL.get(lang)}</label>
                    <input id="code" name="code" type="text" autocomplete="off"
                        autocapitalize="characters" spellcheck="false" maxlength="20"
                        value=state.form.code />
                </div>
                <button type="submit" class="button">{m::TRACK_SUBMIT.get(lang)}</button>
            </form>
        </EnhancedForm>
    }
}

/// 满意 / 基本满意 / 不满意 as three buttons of one form.
#[component]
pub fn FeedbackForm(reference: String, lang: Lang) -> impl IntoView {
    let problem = use_context::<FeedbackFailed>().map(|_| FormProblem::SaveFailed);
    view! {
        <EnhancedForm>
            <form class="form feedback" method="post" action=crate::paths::TRACK_FEEDBACK.to(&[&reference])>
                <ErrorSummary problem errors=Vec::new() lang />
                <h2 id="feedback-heading">{m::TRACK_FEEDBACK_HEADING.get(lang)}</h2>
                <p>{m::TRACK_FEEDBACK_INTRO.get(lang)}</p>
                <div class="feedback__answers" role="group" aria-labelledby="feedback-heading">
                    {Satisfaction::ALL
                        .iter()
                        .map(|answer| {
                            view! {
                                <button type="submit" class="button button--choice" name="answer" value=answer.code()>
                                    {answer.label().get(lang)}
                                </button>
                            }
                        })
                        .collect_view()}
                </div>
            </form>
        </EnhancedForm>
    }
}
