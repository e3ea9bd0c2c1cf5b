//! The document title every page sets through `leptos_meta::Title`.
//!
//! leptos_meta 0.8.7 writes the title the server knows when it sends the
//! first chunk of a page straight into `<head>` as `<title>{text}</title>`,
//! without escaping it (`ServerMetaContextOutput::inject_meta_context`).
//! Titles carry stored text (a candidate's name, a role's title, an
//! interviewer's name), so a saved `</title><img onerror=…>` closed the
//! title and became markup in the reader's page. Every title passes
//! through the app's one title formatter, [`page_title`], which escapes the
//! text on the server. In the browser the title is set through
//! `document.title`, which takes text, so it is left as is there.
//! **When upgrading leptos_meta to one that escapes the title, drop the
//! escaping here**; the test `hostile_title_is_escaped_exactly_once` fails
//! on that upgrade (it would see the text escaped twice) to say so.

/// A page's title, through the app's formatter. Islands are hydrated
/// without the app root's title context, so each title brings the
/// formatter along: the browser then writes the same title the server sent.
#[leptos::component]
pub fn PageTitle(
    /// The page's own part of the title.
    #[prop(into)]
    text: leptos::text_prop::TextProp,
) -> impl leptos::IntoView {
    leptos::view! { <leptos_meta::Title formatter=page_title text /> }
}

/// The app's title formatter: `"{title} · Panelkit"`, escaped on the server.
pub fn page_title(title: String) -> String {
    let full = format!("{title} · Panelkit");
    #[cfg(not(feature = "hydrate"))]
    let full = super::text_area::escape_text(&full);
    full
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;
    use leptos::prelude::*;
    use leptos_meta::{ServerMetaContext, Title};

    /// The `<head>` the server sends for a page titled `text`, through
    /// leptos_meta's own injection.
    fn head_for(text: &str) -> String {
        let owner = Owner::new();
        owner.set();
        let (meta, output) = ServerMetaContext::new();
        provide_context(meta);
        let text = text.to_owned();
        let _body = view! {
            <Title formatter=page_title />
            <Title text=text />
        }
        .to_html();
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        // leptos_meta waits a tick of the executor before it reads the page.
        let _ = any_spawner::Executor::init_tokio();
        let head = rt.block_on(async move {
            use futures::StreamExt;
            let first =
                futures::stream::iter(vec!["<html><head><!--HEAD--></head><body>".to_owned()]);
            let mut out = Box::pin(output.inject_meta_context(first).await);
            out.next().await.unwrap_or_default()
        });
        drop(owner);
        head
    }

    #[test]
    fn hostile_title_is_escaped_exactly_once() {
        let head = head_for("\"'></title><img src=x onerror=alert(1)> & &amp;");
        assert!(
            !head.contains("<img"),
            "no element may come from the title: {head}"
        );
        assert_eq!(head.matches("</title>").count(), 1, "one title: {head}");
        // Escaped once: what the browser decodes is the text as saved.
        assert!(
            head.contains(
                "<title>\"'&gt;&lt;/title&gt;&lt;img src=x onerror=alert(1)&gt; &amp; \
                 &amp;amp; · Panelkit</title>"
            ),
            "the title is escaped exactly once: {head}"
        );
    }

    #[test]
    fn plain_titles_read_as_written() {
        let head = head_for("Scoring Ada Lovelace");
        assert!(
            head.contains("<title>Scoring Ada Lovelace · Panelkit</title>"),
            "{head}"
        );
    }

    #[test]
    fn every_title_passes_through_the_escaping_formatter() {
        // A second formatter would replace this one for the titles under it.
        let mut found = Vec::new();
        for (path, text) in crate::components::sources_except("components/page_title.rs") {
            for line in text.lines().filter(|l| l.contains("formatter=")) {
                if !line.contains("formatter=page_title") {
                    found.push(format!("{}: {}", path.display(), line.trim()));
                }
            }
        }
        assert!(
            found.is_empty(),
            "titles formatted without escaping: {found:?}"
        );
    }
}
