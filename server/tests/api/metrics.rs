//! `/metrics` (issue 14, item 6): a request's method is a label only when it is a
//! standard one; any other counts as `OTHER`, so a client cannot add series by inventing
//! methods.

use crate::helpers::spawn_app;
use reqwest::Method;

#[tokio::test]
async fn an_invented_method_counts_as_other() {
    let app = spawn_app().await;
    for invented in ["FOOBAR", "X-ONE-SERIES-EACH"] {
        let method = Method::from_bytes(invented.as_bytes()).unwrap();
        let response = app
            .client
            .request(method, app.url("/healthz"))
            .send()
            .await
            .unwrap();
        assert!(response.status().is_client_error(), "{invented}");
    }
    app.get("/healthz").await;
    let (_, metrics) = app.get_page("/metrics").await;
    assert!(metrics.contains("method=\"OTHER\""), "{metrics}");
    assert!(metrics.contains("method=\"GET\""), "{metrics}");
    assert!(
        !metrics.contains("FOOBAR") && !metrics.contains("X-ONE-SERIES"),
        "{metrics}"
    );
}
