//! The one island every resident form sits in. Without JavaScript the form posts and the
//! server redirects (or answers with the page again, errors inline). With JavaScript this
//! island sends the same POST with `fetch`: an acceptance names the next page, which the
//! browser then opens (see `server/src/http/forms`), and a refusal swaps
//! the form in place with the server's re-rendered one, keeping what was typed and moving
//! focus to the error summary. The server decides everything; the browser only spares a
//! page load, and a second tap while a submission is in flight does nothing.

use leptos::prelude::*;

#[island]
pub fn EnhancedForm(children: Children) -> impl IntoView {
    #[cfg(feature = "hydrate")]
    client::mark_enhanced();
    view! {
        <div class="enhanced-form" on:submit=submit>
            {children()}
        </div>
    }
}

#[cfg(feature = "hydrate")]
use client::submit;

/// On the server the island only renders; nothing is ever submitted to it.
#[cfg(not(feature = "hydrate"))]
fn submit(_event: leptos::ev::SubmitEvent) {}

#[cfg(feature = "hydrate")]
mod client {
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{
        DomParser, Element, FormData, Headers, HtmlButtonElement, HtmlElement, HtmlFormElement,
        RequestInit, Response, SubmitEvent, SupportedType, UrlSearchParams,
    };

    const BUSY: &str = "aria-busy";

    /// `<html data-enhanced>`: the forms on this page are enhanced (tests wait for it).
    /// Set while the island hydrates, in the same turn as its submit listener.
    pub fn mark_enhanced() {
        if let Some(root) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
        {
            let _ = root.set_attribute("data-enhanced", "true");
        }
    }

    pub fn submit(event: SubmitEvent) {
        let Some(form) = event
            .target()
            .and_then(|t| t.dyn_into::<HtmlFormElement>().ok())
        else {
            return;
        };
        if !form.method().eq_ignore_ascii_case("post") {
            return;
        }
        // Found from the form: with delegated events, currentTarget is not the island.
        let Ok(Some(container)) = form.closest(".enhanced-form") else {
            return;
        };
        event.prevent_default();
        if form.get_attribute(BUSY).as_deref() == Some("true") {
            return;
        }
        let _ = form.set_attribute(BUSY, "true");
        let Some(body) = encode(&form, event.submitter()) else {
            form.submit().ok();
            return;
        };
        let action = form.action();
        leptos::task::spawn_local(async move {
            if post(&action, &body, &container).await.is_err() {
                // Network trouble or an unexpected answer: let the browser post it.
                let _ = form.remove_attribute(BUSY);
                let _ = form.submit();
            }
        });
    }

    /// The form as `application/x-www-form-urlencoded`, with the button that was pressed
    /// (the feedback form has one button per answer).
    fn encode(form: &HtmlFormElement, submitter: Option<HtmlElement>) -> Option<UrlSearchParams> {
        let data = FormData::new_with_form(form).ok()?;
        if let Some(button) = submitter.and_then(|s| s.dyn_into::<HtmlButtonElement>().ok())
            && !button.name().is_empty()
        {
            data.append_with_str(&button.name(), &button.value()).ok()?;
        }
        UrlSearchParams::new_with_str_sequence_sequence(&data).ok()
    }

    async fn post(
        action: &str,
        body: &UrlSearchParams,
        container: &Element,
    ) -> Result<(), JsValue> {
        let window = web_sys::window().ok_or(JsValue::NULL)?;
        let headers = Headers::new()?;
        headers.set("x-opendoor-enhanced", "1")?;
        let init = RequestInit::new();
        init.set_method("POST");
        init.set_headers(&headers);
        init.set_body(body);
        let response: Response = JsFuture::from(window.fetch_with_str_and_init(action, &init))
            .await?
            .dyn_into()?;
        // Accepted: the server names the next page instead of redirecting, so that the
        // browser fetches it once, as it would have after a plain POST.
        if let Some(next) = response.headers().get("x-opendoor-redirect")? {
            return window.location().assign(&next);
        }
        let html = JsFuture::from(response.text()?)
            .await?
            .as_string()
            .ok_or(JsValue::NULL)?;
        let page = DomParser::new()?.parse_from_string(&html, SupportedType::TextHtml)?;
        let fresh = page
            .query_selector(".enhanced-form")?
            .ok_or(JsValue::NULL)?;
        container.set_inner_html(&fresh.inner_html());
        if let Some(summary) = container
            .query_selector(".error-summary")?
            .and_then(|el| el.dyn_into::<HtmlElement>().ok())
        {
            summary.focus()?;
        }
        Ok(())
    }
}
