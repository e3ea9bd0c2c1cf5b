//! Talking to a running Panelkit over HTTP as a person would: signing in
//! and calling server functions by name.
//!
//! Shared by the durability test and the benchmarks through `#[path]`
//! (benches cannot import test modules); the API tests call server
//! functions through their generated types instead.

#![allow(dead_code, reason = "each user takes a part")]

/// Signs in at `base` and returns the session token.
pub async fn login(base: &str, email: &str, password: &str) -> String {
    let res = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .post(format!("{base}/auth/login"))
        .form(&[("email", email), ("password", password)])
        .send()
        .await
        .unwrap();
    res.headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok()?.strip_prefix("panelkit_session="))
        .map(|v| v.split(';').next().unwrap_or_default().to_owned())
        .find(|v| !v.is_empty())
        .unwrap_or_else(|| panic!("no session for {email}"))
}

/// Calls the server function `name` as the holder of `token` and returns
/// the raw response (or the transport error).
pub async fn send(
    c: &reqwest::Client,
    base: &str,
    name: &str,
    token: &str,
    body: &serde_json::Value,
) -> reqwest::Result<reqwest::Response> {
    c.post(format!("{base}/api/{name}"))
        .header("cookie", format!("panelkit_session={token}"))
        .json(body)
        .send()
        .await
}

/// [`send`], expecting success, decoding the answer.
pub async fn call<T: serde::de::DeserializeOwned>(
    c: &reqwest::Client,
    base: &str,
    name: &str,
    token: &str,
    body: &serde_json::Value,
) -> T {
    let res = send(c, base, name, token, body).await.unwrap();
    let status = res.status();
    let text = res.text().await.unwrap();
    assert!(status.is_success(), "{name}: {status} {text}");
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}: {text}"))
}
