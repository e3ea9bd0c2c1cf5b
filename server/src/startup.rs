//! Opening the database and serving the app.

use crate::config::ServeConfig;
use crate::proxy::TrustedProxies;
use crate::session::Sessions;
use crate::{api_errors, demo, housekeeping, proxy, routes, security, session};
use anyhow::Context;
use app::app::{App, StylesheetHref, shell};
use app::db::Db;
use app::state::AppState;
use axum::Router;
use axum::serve::ListenerExt;
use leptos::prelude::*;
use leptos_axum::{LeptosRoutes, generate_route_list};
use std::net::SocketAddr;
use tokio::net::TcpListener;

/// Connects to `url` and applies pending migrations.
pub async fn open_database(url: &str) -> anyhow::Result<Db> {
    let db = Db::connect(url)
        .await
        .with_context(|| format!("opening {url}"))?;
    db.migrate().await.context("migrating the database")?;
    Ok(db)
}

/// Serves the app on `config.addr` until Ctrl-C or SIGTERM.
pub async fn serve(db: Db, config: ServeConfig) -> anyhow::Result<()> {
    config.validate().map_err(anyhow::Error::msg)?;
    if config.references.public_url.is_none() && !config.addr.ip().is_loopback() {
        tracing::warn!(
            "no --public-url: cookies are not marked Secure and no HSTS is sent; \
             set it to the https address people reach Panelkit at"
        );
    }
    routes::assets::SiteAssets::load(&config.site_root)?;
    let report = crate::banks::import_shipped(&db).await?;
    if !report.added.is_empty() || !report.changed.is_empty() {
        tracing::info!(added = ?report.added, changed = ?report.changed, "imported the shipped question banks");
    }
    if config.demo {
        if let Some(logins) = demo::load(&db).await? {
            demo::print_logins(&logins);
        } else {
            demo::print_logins(&demo::logins());
        }
    }
    let listener = TcpListener::bind(config.addr)
        .await
        .with_context(|| format!("listening on {}", config.addr))?;
    let addr = listener.local_addr()?;
    // Pages stream in several chunks (the frame, then each part as its data
    // arrives). With Nagle's algorithm on, a chunk after the first waited
    // for the client's delayed acknowledgement: 40 ms added to every
    // streamed page, whatever its size.
    let listener = listener.tap_io(|tcp| {
        if let Err(e) = tcp.set_nodelay(true) {
            tracing::warn!("TCP_NODELAY not set: {e}");
        }
    });
    let router = build_router(db.clone(), &config, addr);
    let housekeeping = housekeeping::spawn(db.clone(), config.session_policy());
    let retention = housekeeping::spawn_retention(
        db.clone(),
        std::time::Duration::from_secs(config.retention_every_secs),
    );
    let reminders = housekeeping::spawn_reminders(
        db.clone(),
        std::time::Duration::from_secs(u64::from(config.reminders.reminders_every_secs)),
        crate::mail::reference_settings(&config.references),
        config.reminders.settings(),
    );
    tracing::info!("Panelkit is serving http://{addr}");
    println!("Panelkit is serving http://{addr}");
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
    .context("serving")?;
    housekeeping.abort();
    retention.abort();
    reminders.abort();
    db.close().await;
    Ok(())
}

/// The whole HTTP surface: pages, server functions, auth routes and health
/// behind the session, client address, origin and error-status layers;
/// static files (the bundle, the favicon) ahead of them; the security
/// headers on everything.
pub fn build_router(db: Db, config: &ServeConfig, addr: SocketAddr) -> Router {
    let assets = routes::assets::SiteAssets::load_or_plain(&config.site_root);
    let leptos_options = LeptosOptions::builder()
        .output_name(routes::assets::OUTPUT_NAME)
        .site_root(config.site_root.display().to_string())
        .site_pkg_dir("pkg")
        .site_addr(addr)
        // hash.txt, for any of Leptos's components that address the bundle
        // through it; the island scripts are given `BundleHrefs` below.
        .hash_files(assets.hash_file.is_some())
        .hash_file(assets.hash_file.as_ref().map_or_else(
            || routes::assets::HASH_FILE.into(),
            |p| p.display().to_string().into(),
        ))
        .build();
    let stylesheet = StylesheetHref(assets.stylesheet_href().into());
    let bundle = assets.bundle_hrefs();
    let state = AppState::new(
        leptos_options.clone(),
        db.clone(),
        crate::mail::reference_settings(&config.references),
    );
    let routes = generate_route_list(App);
    let sessions = Sessions {
        db: db.clone(),
        policy: config.session_policy(),
        secure: config.is_https(),
    };
    let pages = crate::page_cache::PageCache::new(
        db.clone(),
        sessions.cookie_name(),
        usize::from(config.page_cache_mb) << 20,
    );
    let auth_state = routes::auth::AuthState {
        sessions: sessions.clone(),
        login_rate_per_minute: config.login_rate_per_minute,
        failures_per_account: config.login_failures_per_account,
    };
    // Every render (pages and the not-found page) gets the app state and its
    // Content-Security-Policy for the nonce of that response.
    let context = {
        let state = state.clone();
        move || {
            provide_context(state.clone());
            provide_context(stylesheet.clone());
            provide_context(bundle.clone());
            security::provide_page_policy();
        }
    };

    let app = Router::new()
        .leptos_routes_with_context(&state, routes, context.clone(), {
            let options = leptos_options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(context, shell))
        .with_state(state)
        .merge(routes::auth::router(auth_state))
        .merge(routes::health::router(db.clone()))
        .merge(routes::export::router(db.clone()))
        .merge(routes::packet::router(db.clone()))
        .merge(routes::calendar::router(db.clone(), config))
        .merge(routes::candidate_data::router(db.clone(), config))
        .merge(routes::summary::router(db, config))
        .layer(axum::middleware::from_fn_with_state(
            pages,
            crate::page_cache::serve_pages,
        ))
        .layer(axum::middleware::from_fn_with_state(
            sessions,
            session::resolve_session,
        ))
        .layer(axum::middleware::from_fn(api_errors::status_from_error))
        .layer(axum::middleware::from_fn_with_state(
            TrustedProxies::new(config.trusted_proxies.clone()),
            proxy::resolve_client_addr,
        ))
        .layer(axum::middleware::from_fn_with_state(
            config.references.public_url.clone(),
            security::reject_cross_origin,
        ));
    let router = routes::assets::router(&config.site_root, &assets).merge(app);
    let router = crate::telemetry::with_request_tracing(router);
    security::with_security_headers(router, config.is_https())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut sig) =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            sig.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
