//! The rating form, rendered on the server. It posts to its own page; after a refused
//! submission the page is rendered again from [`RatingFormState`], keeping what was typed.

use super::enhanced_form::EnhancedForm;
use super::form_errors::{ErrorSummary, field_error, form_token};
use crate::i18n::{Lang, Text, messages as m};
use crate::ratings::form::{MAX_COMMENT_CHARS, MAX_CONTACT_CHARS, RatingField, RatingFormState};
use crate::ratings::{PraiseTag, ProblemTag, RatingLevel, ServiceType};
use leptos::prelude::*;

#[component]
pub fn RatingFormView(
    /// Where the form posts: the page's own path.
    action: String,
    lang: Lang,
    /// False when a service code already says which service it was.
    ask_service: bool,
) -> impl IntoView {
    let state = use_context::<RatingFormState>().unwrap_or_default();
    let form = state.form.clone();
    let token = form_token(&form.token);
    let error_for = {
        let errors = state.errors.clone();
        move |field: RatingField| {
            let text = errors.iter().find(|e| e.field() == field).map(|e| e.text());
            field_error(field_id(field), text, lang)
        }
    };
    let summary = view! {
        <ErrorSummary
            problem=state.problem
            errors=state.errors.iter().map(|e| (field_id(e.field()), e.text())).collect()
            lang
        />
    };
    let level_error = error_for(RatingField::Level);
    let service_error = error_for(RatingField::ServiceType);
    let comment_error = error_for(RatingField::Comment);
    let contact_error = error_for(RatingField::Contact);
    let chosen_level = form.level.trim().to_string();

    view! {
        <EnhancedForm>
        <form class="form" method="post" action=action novalidate>
            {summary}
            <input type="hidden" name="token" value=token />
            <fieldset class="field" id="level">
                <legend>{m::RATE_LEVEL_LEGEND.get(lang)}</legend>
                {level_error}
                <div class="scale">
                    {RatingLevel::ALL
                        .into_iter()
                        .map(|level| {
                            let value = level.score().to_string();
                            let checked = chosen_level == value;
                            view! {
                                <label class="choice choice--level">
                                    <input type="radio" name="level" value=value checked=checked />
                                    <span>{level.label().get(lang)}</span>
                                </label>
                            }
                        })
                        .collect_view()}
                </div>
            </fieldset>
            {ask_service
                .then(|| {
                    let chosen = form.service_type.clone();
                    view! {
                        <div class="field">
                            <label for="service_type">{m::RATE_SERVICE_LABEL.get(lang)}</label>
                            {service_error}
                            <select id="service_type" name="service_type">
                                <option value="">{m::RATE_SERVICE_CHOOSE.get(lang)}</option>
                                {ServiceType::ALL
                                    .iter()
                                    .map(|service| {
                                        let selected = chosen == service.code();
                                        view! {
                                            <option value=service.code() selected=selected>
                                                {service.label().get(lang)}
                                            </option>
                                        }
                                    })
                                    .collect_view()}
                            </select>
                        </div>
                    }
                })}
            <TagChoices
                class="tags tags--problems"
                legend=m::RATE_PROBLEMS_LEGEND
                name="problems"
                options=ProblemTag::ALL.iter().map(|t| (t.code(), t.label())).collect()
                chosen=form.problems.clone()
                lang
            />
            <TagChoices
                class="tags tags--praise"
                legend=m::RATE_PRAISE_LEGEND
                name="praise"
                options=PraiseTag::ALL.iter().map(|t| (t.code(), t.label())).collect()
                chosen=form.praise.clone()
                lang
            />
            <div class="field">
                <label for="comment">{m::RATE_COMMENT_LABEL.get(lang)}</label>
                {comment_error}
                <textarea id="comment" name="comment" rows="4" maxlength=MAX_COMMENT_CHARS>
                    {textarea_text(&form.comment)}
                </textarea>
            </div>
            <div class="field">
                <label for="contact">{m::RATE_CONTACT_LABEL.get(lang)}</label>
                <p class="field__hint" id="contact-hint">{m::RATE_CONTACT_HINT.get(lang)}</p>
                {contact_error}
                <input
                    id="contact"
                    name="contact"
                    type="text"
                    maxlength=MAX_CONTACT_CHARS
                    autocomplete="tel"
                    aria-describedby="contact-hint"
                    value=form.contact.clone()
                />
            </div>
            <button type="submit" class="button">{m::RATE_SUBMIT.get(lang)}</button>
        </form>
        </EnhancedForm>
    }
}

/// A group of checkboxes sharing one name, as a labelled fieldset.
#[component]
fn TagChoices(
    /// Lets the stylesheet hide the group that does not fit the chosen level.
    class: &'static str,
    legend: Text,
    name: &'static str,
    options: Vec<(&'static str, Text)>,
    chosen: Vec<String>,
    lang: Lang,
) -> impl IntoView {
    view! {
        <fieldset class=format!("field {class}")>
            <legend>{legend.get(lang)}</legend>
            <div class="choices">
                {options
                    .into_iter()
                    .map(|(code, label)| {
                        let checked = chosen.iter().any(|c| c == code);
                        view! {
                            <label class="choice">
                                <input type="checkbox" name=name value=code checked=checked />
                                <span>{label.get(lang)}</span>
                            </label>
                        }
                    })
                    .collect_view()}
            </div>
        </fieldset>
    }
}

/// Leptos writes a `<textarea>`'s text unescaped when rendering on the server (it is raw
/// text to the HTML parser, yet `</textarea>` still ends it), so what a resident typed is
/// escaped here; the browser decodes the entities back into the text they typed.
pub fn textarea_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn field_id(field: RatingField) -> &'static str {
    match field {
        RatingField::Level => "level",
        RatingField::ServiceType => "service_type",
        RatingField::Comment => "comment",
        RatingField::Contact => "contact",
        RatingField::Form => "level",
    }
}
