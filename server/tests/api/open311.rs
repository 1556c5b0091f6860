//! Open311 GeoReport v2 (issue 6): discovery, services, requests as a list and one by
//! one in JSON and XML with the specification's field names, only public requests and
//! fields, error lists, and POST with an admin-issued API key filing as the web form does.

use crate::helpers::{TestApp, browse, count, enc, post_form, spawn_app, staff_session};
use crate::workspace::file;
use quick_xml::Reader;
use quick_xml::events::Event;
use reqwest::StatusCode;
use serde_json::Value;

/// The fields of a request in the specification's example, in its order.
const REQUEST_FIELDS: [&str; 17] = [
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
];

async fn get(app: &TestApp, path: &str) -> (StatusCode, String, String) {
    let response = app.get(path).await;
    let status = response.status();
    let content_type = response.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_string();
    (status, content_type, response.text().await.unwrap())
}

async fn get_json(app: &TestApp, path: &str) -> (StatusCode, Value) {
    let (status, content_type, body) = get(app, path).await;
    assert_eq!(content_type, "application/json; charset=utf-8", "{path}");
    (status, serde_json::from_str(&body).unwrap())
}

/// The XML's root and the names of the root's children, checking that it parses.
fn xml_outline(xml: &str) -> (String, Vec<String>) {
    assert!(
        xml.starts_with(r#"<?xml version="1.0" encoding="utf-8"?>"#),
        "{xml}"
    );
    let mut reader = Reader::from_str(xml);
    let mut depth = 0;
    let mut root = String::new();
    let mut children = Vec::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => {
                let name = e.name().as_ref().to_string();
                if depth == 0 {
                    root = name;
                } else if depth == 1 {
                    children.push(name);
                }
                depth += 1;
            }
            Event::Empty(e) if depth == 1 => children.push(e.name().as_ref().to_string()),
            Event::End(_) => depth -= 1,
            Event::Eof => break,
            _ => {}
        }
    }
    (root, children)
}

/// The text of every `<name>` element.
fn xml_texts(xml: &str, name: &str) -> Vec<String> {
    let mut reader = Reader::from_str(xml);
    let mut inside = false;
    let mut texts = Vec::new();
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) if e.name().as_ref() == name => inside = true,
            Event::Text(t) if inside => texts.push(t.into_inner().into_owned()),
            Event::End(_) => inside = false,
            Event::Eof => break,
            _ => {}
        }
    }
    texts
}

#[tokio::test]
async fn discovery_and_services_follow_the_specification() {
    let app = spawn_app().await;
    let (status, discovery) = get_json(&app, "/open311/v2/discovery.json").await;
    assert_eq!(status, StatusCode::OK);
    for field in ["changeset", "contact", "key_service", "endpoints"] {
        assert!(discovery.get(field).is_some(), "discovery lacks {field}");
    }
    let endpoint = &discovery["endpoints"][0];
    assert_eq!(
        endpoint["specification"],
        "http://wiki.open311.org/GeoReport_v2"
    );
    assert!(endpoint["url"].as_str().unwrap().ends_with("/open311/v2"));
    assert_eq!(
        endpoint["formats"],
        serde_json::json!(["text/xml", "application/json"])
    );
    let (_, content_type, xml) = get(&app, "/open311/v2/discovery.xml").await;
    assert_eq!(content_type, "text/xml; charset=utf-8");
    assert_eq!(
        xml_outline(&xml),
        (
            "discovery".into(),
            vec![
                "changeset".into(),
                "contact".into(),
                "key_service".into(),
                "endpoints".into()
            ]
        )
    );
    assert_eq!(xml_texts(&xml, "format"), ["text/xml", "application/json"]);

    let (_, services) = get_json(&app, "/open311/v2/services.json").await;
    let services = services.as_array().unwrap();
    let codes: Vec<&str> = services
        .iter()
        .map(|s| s["service_code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        [
            "help",
            "complaint",
            "suggestion",
            "question",
            "commendation",
            "tip"
        ]
    );
    let mut keys: Vec<&str> = services[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort();
    let mut expected = [
        "service_code",
        "service_name",
        "description",
        "metadata",
        "type",
        "keywords",
        "group",
    ];
    expected.sort();
    assert_eq!(keys, expected);
    assert_eq!(services[0]["metadata"], false);
    assert_eq!(services[0]["type"], "realtime");
    assert_eq!(services[0]["service_name"], "求助");
    let (_, _, xml) = get(&app, "/open311/v2/services.xml").await;
    let (root, children) = xml_outline(&xml);
    assert_eq!((root.as_str(), children.len()), ("services", 6));
    assert_eq!(xml_texts(&xml, "service_code")[5], "tip");

    let (status, errors) = get_json(&app, "/open311/v2/nothing.json").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(errors[0]["code"], 404);
    assert!(errors[0]["description"].is_string());
    let (status, _, xml) = get(&app, "/open311/v2/nothing.xml").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(xml_outline(&xml), ("errors".into(), vec!["error".into()]));
    assert_eq!(xml_texts(&xml, "code"), ["404"]);
}

/// Files what Open311 may and may not show: (public references, private references).
async fn mixed_cases(app: &TestApp) -> (Vec<String>, Vec<String>) {
    let (help, _) = file(app, "help", None, "10.0.0.1").await;
    let (complaint, _) = file(app, "complaint", None, "10.0.0.2").await;
    let (named, _) = file(app, "complaint", Some("100002"), "10.0.0.3").await;
    let (tip, _) = file(app, "tip", None, "10.0.0.4").await;
    let (spam, _) = file(app, "suggestion", None, "10.0.0.5").await;
    sqlx::query("UPDATE cases SET hidden = 1 WHERE reference = $1")
        .bind(&spam)
        .execute(app.db.writer())
        .await
        .unwrap();
    // The complaint is resolved by referral: closed, with the department in the notes.
    sqlx::query(
        "UPDATE cases SET status = 'closed', outcome = 'referred', referral_department = '市场监管局' WHERE reference = $1",
    )
    .bind(&complaint)
    .execute(app.db.writer())
    .await
    .unwrap();
    (vec![help, complaint], vec![named, tip, spam])
}

#[tokio::test]
async fn requests_show_only_public_requests_and_public_fields() {
    let app = spawn_app().await;
    let (public, private) = mixed_cases(&app).await;
    let (status, list) = get_json(&app, "/open311/v2/requests.json").await;
    assert_eq!(status, StatusCode::OK);
    let list = list.as_array().unwrap();
    let mut ids: Vec<&str> = list
        .iter()
        .map(|r| r["service_request_id"].as_str().unwrap())
        .collect();
    ids.sort();
    let mut expected: Vec<&str> = public.iter().map(String::as_str).collect();
    expected.sort();
    assert_eq!(
        ids, expected,
        "tips, complaints naming an officer and spam stay out"
    );
    for request in list {
        let mut keys: Vec<&str> = request
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort();
        let mut fields = REQUEST_FIELDS.to_vec();
        fields.sort();
        assert_eq!(keys, fields);
        assert!(
            request["description"].is_null(),
            "what residents wrote stays private"
        );
        let requested = request["requested_datetime"].as_str().unwrap();
        assert!(
            requested.ends_with("+08:00") && requested.len() == 25,
            "{requested}"
        );
        assert_eq!(request["agency_responsible"], "祁山派出所");
    }
    let body = serde_json::to_string(&list).unwrap();
    for private_text in ["139", "具体情况", "一件事"] {
        assert!(!body.contains(private_text), "{private_text} leaked");
    }
    let complaint = list
        .iter()
        .find(|r| r["service_request_id"] == public[1].as_str())
        .unwrap();
    assert_eq!(
        (
            complaint["status"].as_str(),
            complaint["status_notes"].as_str()
        ),
        (Some("closed"), Some("转办：市场监管局"))
    );
    let help = list
        .iter()
        .find(|r| r["service_request_id"] == public[0].as_str())
        .unwrap();
    assert_eq!(
        (
            help["status"].as_str(),
            help["service_code"].as_str(),
            help["service_name"].as_str()
        ),
        (Some("open"), Some("help"), Some("求助"))
    );
    assert!(help["status_notes"].is_null());

    // XML: the same requests, every field as an element, in the specification's order.
    let (_, content_type, xml) = get(&app, "/open311/v2/requests.xml").await;
    assert_eq!(content_type, "text/xml; charset=utf-8");
    let (root, children) = xml_outline(&xml);
    assert_eq!(
        (root.as_str(), children),
        (
            "service_requests",
            vec!["request".to_string(), "request".to_string()]
        )
    );
    let one = &xml[xml.find("<request>").unwrap()..xml.find("</request>").unwrap()];
    let mut at = 0;
    for field in REQUEST_FIELDS {
        let open = one
            .find(&format!("<{field}"))
            .unwrap_or_else(|| panic!("no <{field}>"));
        assert!(open > at, "{field} out of order");
        at = open;
    }

    // One by one: public ones answer as a list of one; private and unknown ones alike 404.
    let (status, one) = get_json(&app, &format!("/open311/v2/requests/{}.json", public[0])).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(one.as_array().unwrap().len(), 1);
    for reference in private
        .iter()
        .map(String::as_str)
        .chain(["KM-2026-999999", "nonsense"])
    {
        let (status, errors) =
            get_json(&app, &format!("/open311/v2/requests/{reference}.json")).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{reference}");
        assert_eq!(errors[0]["code"], 404);
    }
    let (status, _, xml) = get(&app, &format!("/open311/v2/requests/{}.xml", public[0])).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(xml_texts(&xml, "service_request_id"), [public[0].clone()]);

    // Filters.
    let (_, open) = get_json(&app, "/open311/v2/requests.json?status=open").await;
    assert_eq!(open.as_array().unwrap().len(), 1);
    let (_, complaints) = get_json(&app, "/open311/v2/requests.json?service_code=complaint").await;
    assert_eq!(complaints[0]["service_request_id"], public[1].as_str());
    let (_, by_id) = get_json(
        &app,
        &format!(
            "/open311/v2/requests.json?service_request_id={},{}",
            public[1], private[1]
        ),
    )
    .await;
    assert_eq!(
        by_id.as_array().unwrap().len(),
        1,
        "a listed private id is still left out"
    );
    let (_, future) = get_json(
        &app,
        "/open311/v2/requests.json?start_date=2099-01-01T00:00:00Z",
    )
    .await;
    assert_eq!(future.as_array().unwrap().len(), 0);
    let (_, station) = get_json(&app, "/open311/v2/requests.json?jurisdiction_id=yuewang").await;
    assert_eq!(station.as_array().unwrap().len(), 0);
    for bad in [
        "start_date=yesterday",
        "status=pending",
        "service_code=rating_review",
    ] {
        let (status, errors) = get_json(&app, &format!("/open311/v2/requests.json?{bad}")).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}");
        assert_eq!(errors[0]["code"], 400);
    }
}

async fn issue_key(app: &TestApp, admin: &str) -> String {
    let response = post_form(
        app,
        "/staff/admin/api-key",
        format!("name={}", enc("城市服务 App")),
        Some(admin),
    )
    .await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["cache-control"], "no-store");
    let html = response.text().await.unwrap();
    let marker = html.find(r#"id="issued-key""#).expect("the key is shown");
    let start = marker + html[marker..].find('>').unwrap() + 1;
    html[start..start + html[start..].find('<').unwrap()].to_string()
}

async fn post(app: &TestApp, file: &str, body: &str) -> (StatusCode, String) {
    let response = post_form(app, &format!("/open311/v2/{file}"), body.to_string(), None).await;
    let status = response.status();
    (status, response.text().await.unwrap())
}

#[tokio::test]
async fn posting_a_request_needs_a_live_key_and_files_it_as_the_web_form_does() {
    let app = spawn_app().await;
    let description = enc("路口红绿灯坏了\n早晚高峰很危险");
    let body = |key: &str| {
        format!(
            "api_key={key}&service_code=help&jurisdiction_id=qishan&address_string={}&description={description}&email=&phone={}",
            enc("祁山路口"),
            enc("13900001111")
        )
    };

    let (status, errors) = post(&app, "requests.json", &body("wrong")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let errors: Value = serde_json::from_str(&errors).unwrap();
    assert_eq!(
        errors,
        serde_json::json!([{ "code": 403, "description": "Invalid api_key received -- can't submit requests" }])
    );
    let (status, xml) = post(&app, "requests.xml", &body("wrong")).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_eq!(xml_texts(&xml, "code"), ["403"]);

    // Only an admin issues keys.
    let officer = staff_session(&app, "officer.100001").await;
    let response = post_form(
        &app,
        "/staff/admin/api-key",
        "name=x".into(),
        Some(&officer),
    )
    .await;
    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let admin = staff_session(&app, "admin").await;
    let key = issue_key(&app, &admin).await;
    assert!(key.starts_with("od311_") && key.len() > 40);
    let (_, page) = browse(&app, "/staff/admin", Some(&admin)).await;
    assert!(
        page.contains("城市服务 App") && !page.contains(&key),
        "listed by name; the key is never shown again"
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'api_key_issued'"
        )
        .await,
        1
    );

    // Refused input: no location, no description, unknown service: 400, nothing stored.
    let cases = count(&app, "SELECT COUNT(*) FROM cases").await;
    for bad in [
        format!("api_key={key}&service_code=help&description={description}"),
        format!("api_key={key}&service_code=help&lat=31.2&long=121.5"),
        format!(
            "api_key={key}&service_code=rating_review&lat=31.2&long=121.5&description={description}"
        ),
    ] {
        let (status, errors) = post(&app, "requests.json", &bad).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}: {errors}");
        let errors: Value = serde_json::from_str(&errors).unwrap();
        assert_eq!(errors[0]["code"], 400);
    }
    assert_eq!(count(&app, "SELECT COUNT(*) FROM cases").await, cases);

    // Accepted: the reference and, in the notice, the access code that opens /track.
    let (status, answer) = post(&app, "requests.json", &body(&key)).await;
    assert_eq!(status, StatusCode::CREATED, "{answer}");
    let answer: Value = serde_json::from_str(&answer).unwrap();
    let reference = answer[0]["service_request_id"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(answer[0]["account_id"].is_null());
    let notice = answer[0]["service_notice"].as_str().unwrap();
    let start = notice
        .find("access code ")
        .unwrap_or_else(|| panic!("an access code in {notice}"))
        + "access code ".len();
    let code = &notice[start..start + 11];
    let response = post_form(
        &app,
        "/track",
        format!("reference={reference}&code={code}"),
        None,
    )
    .await;
    assert_eq!(
        response.status(),
        StatusCode::SEE_OTHER,
        "the code opens the timeline"
    );
    let (kind, station, subject, place, phone): (String, String, String, String, Option<String>) = sqlx::query_as(
        "SELECT c.kind, s.slug, c.subject, c.place, c.contact_phone FROM cases c JOIN stations s ON s.id = c.station_id WHERE c.reference = $1",
    )
    .bind(&reference)
    .fetch_one(app.db.reader())
    .await
    .unwrap();
    assert_eq!(
        (
            kind.as_str(),
            station.as_str(),
            subject.as_str(),
            place.as_str(),
            phone.as_deref()
        ),
        (
            "help",
            "qishan",
            "路口红绿灯坏了",
            "祁山路口",
            Some("13900001111")
        )
    );
    let (_, list) = get_json(&app, "/open311/v2/requests.json").await;
    assert_eq!(list[0]["service_request_id"], reference.as_str());

    // XML answers the same way; a revoked key is refused.
    let (status, xml) = post(&app, "requests.xml", &body(&key)).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(xml_outline(&xml).0, "service_requests");
    assert_eq!(xml_texts(&xml, "service_request_id").len(), 1);
    let (id,): (i64,) = sqlx::query_as("SELECT id FROM api_keys")
        .fetch_one(app.db.reader())
        .await
        .unwrap();
    let response = post_form(
        &app,
        "/staff/admin/api-key-revoke",
        format!("id={id}"),
        Some(&admin),
    )
    .await;
    assert_eq!(response.status(), StatusCode::SEE_OTHER);
    let (status, _) = post(&app, "requests.json", &body(&key)).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}
