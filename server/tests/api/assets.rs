use crate::helpers::{Options, spawn_app_with};
use reqwest::StatusCode;

/// A site folder holding a hashed and an unhashed file, each with compressed variants.
fn site_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let pkg = dir.path().join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    for name in ["opendoor.Ab3x9Kq2mP0z.css", "opendoor.css"] {
        std::fs::write(pkg.join(name), "body{color:black}").unwrap();
        std::fs::write(pkg.join(format!("{name}.br")), "brotli bytes").unwrap();
        std::fs::write(pkg.join(format!("{name}.gz")), "gzip bytes").unwrap();
    }
    dir
}

#[tokio::test]
async fn bundle_files_are_served_precompressed_and_hashed_names_cached_for_a_year() {
    let site = site_folder();
    let app = spawn_app_with(Options {
        site_root: Some(site.path().to_path_buf()),
        ..Options::default()
    })
    .await;
    let response = app
        .client
        .get(app.url("/pkg/opendoor.Ab3x9Kq2mP0z.css"))
        .header("accept-encoding", "br, gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["content-encoding"], "br");
    assert_eq!(
        response.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(response.text().await.unwrap(), "brotli bytes");

    let response = app
        .client
        .get(app.url("/pkg/opendoor.css"))
        .header("accept-encoding", "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()["content-encoding"], "gzip");
    assert_eq!(response.headers()["cache-control"], "public, no-cache");

    let response = app.get("/pkg/opendoor.css").await;
    assert!(response.headers().get("content-encoding").is_none());
    assert_eq!(response.text().await.unwrap(), "body{color:black}");
}

#[tokio::test]
async fn missing_bundle_files_are_404() {
    let site = site_folder();
    let app = spawn_app_with(Options {
        site_root: Some(site.path().to_path_buf()),
        ..Options::default()
    })
    .await;
    assert_eq!(
        app.get("/pkg/nothing.js").await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.get("/pkg/../Cargo.toml").await.status(),
        StatusCode::NOT_FOUND
    );
}
