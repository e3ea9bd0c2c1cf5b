//! The cross-origin check and the policies of [`super`].

use super::*;

fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
    let mut h = HeaderMap::new();
    for (k, v) in pairs {
        h.insert(*k, HeaderValue::from_static(v));
    }
    h
}

#[test]
fn cross_origin_cases() {
    let cases = [
        (
            "same origin by fetch metadata",
            vec![("sec-fetch-site", "same-origin")],
            None,
            false,
        ),
        (
            "other site by fetch metadata",
            vec![("sec-fetch-site", "cross-site")],
            None,
            true,
        ),
        (
            "sibling subdomain",
            vec![("sec-fetch-site", "same-site")],
            None,
            true,
        ),
        (
            "matching origin",
            vec![
                ("origin", "http://127.0.0.1:3000"),
                ("host", "127.0.0.1:3000"),
            ],
            None,
            false,
        ),
        (
            "foreign origin",
            vec![
                ("origin", "https://evil.example"),
                ("host", "127.0.0.1:3000"),
            ],
            None,
            true,
        ),
        (
            "opaque origin",
            vec![("origin", "null"), ("host", "127.0.0.1:3000")],
            None,
            true,
        ),
        (
            "no browser headers",
            vec![("host", "127.0.0.1:3000")],
            None,
            false,
        ),
        (
            "the public URL, whatever Host a proxy passed on",
            vec![("origin", "https://hire.example.org"), ("host", "app:3000")],
            Some("https://hire.example.org"),
            false,
        ),
        (
            "an origin matching a forged Host but not the public URL",
            vec![("origin", "https://evil.example"), ("host", "evil.example")],
            Some("https://hire.example.org"),
            true,
        ),
    ];
    for (name, pairs, public_url, expected) in cases {
        assert_eq!(
            is_cross_origin(&headers(&pairs), public_url),
            expected,
            "{name}"
        );
    }
}

#[test]
fn the_page_policy_allows_only_own_and_nonced_scripts() {
    let policy = page_policy("abc123");
    for part in [
        "script-src 'self' 'nonce-abc123' 'wasm-unsafe-eval';",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ] {
        assert!(policy.contains(part), "{part}: {policy}");
    }
    assert!(!policy.contains("unsafe-inline"), "{policy}");
}
