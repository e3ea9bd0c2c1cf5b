//! The scoring page served again from the cache of rendered pages: only to
//! the session it was rendered for, with a nonce of its own, and never
//! once anything changed.

use super::*;

/// One view of `path` by `who`: whether the cache answered, the nonce of
/// the page policy, and the page.
async fn view(f: &Fixture, who: &str, path: &str) -> (String, String, String) {
    let res = f.app.get(path, Some(f.token(who))).await;
    assert_eq!(res.status(), StatusCode::OK, "{who} {path}");
    let header = |name: &str| {
        res.headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
            .unwrap_or_default()
    };
    let cache = header("x-panelkit-cache");
    let policy = header("content-security-policy");
    let nonce = policy
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a page policy with a nonce")
        .to_owned();
    (cache, nonce, res.text().await.unwrap())
}

#[tokio::test]
async fn a_kept_page_is_its_sessions_own_and_ends_with_any_change() {
    for backend in backends() {
        let f = fixture(&backend).await;
        saved(
            f.save(
                "ivan",
                &f.panel_id,
                0,
                "page-cache-01",
                notes("First thoughts"),
            )
            .await,
        );
        let path = format!("/interviews/{}", f.panel_id);
        let (first_from, first_nonce, first) = view(&f, "ivan", &path).await;
        let (second_from, second_nonce, second) = view(&f, "ivan", &path).await;
        assert_eq!(
            (first_from.as_str(), second_from.as_str()),
            ("miss", "hit"),
            "{backend:?}"
        );
        // The same page, each answer with its own nonce in the page and the
        // policy alike.
        assert_ne!(first_nonce, second_nonce);
        assert!(second.contains(&format!("nonce=\"{second_nonce}\"")));
        assert!(!second.contains(&first_nonce));
        assert_eq!(
            first.replace(&first_nonce, "N"),
            second.replace(&second_nonce, "N")
        );
        assert!(first.contains("First thoughts"), "{backend:?}");

        // Iris sits on the same panel: the same address is her own page.
        let (iris_from, _, iris) = view(&f, "iris", &path).await;
        assert_eq!(iris_from, "miss", "{backend:?}");
        assert!(!iris.contains("First thoughts"), "{backend:?}");

        // Ivan's next save shows on his next view.
        saved(
            f.save(
                "ivan",
                &f.panel_id,
                1,
                "page-cache-02",
                notes("Second thoughts"),
            )
            .await,
        );
        let (after_from, _, after) = view(&f, "ivan", &path).await;
        assert_eq!(after_from, "miss", "{backend:?}");
        assert!(
            after.contains("Second thoughts") && !after.contains("First thoughts"),
            "{backend:?}"
        );
    }
}
