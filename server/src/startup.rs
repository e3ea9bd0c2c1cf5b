//! Opening the database and serving the app.

use crate::config::ServeConfig;
use crate::{demo, routes, security, session};
use anyhow::Context;
use app::app::{App, shell};
use app::db::Db;
use app::state::AppState;
use axum::Router;
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
    let router = build_router(db.clone(), &config, addr);
    tracing::info!("Panelkit is serving http://{addr}");
    println!("Panelkit is serving http://{addr}");
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
    .context("serving")?;
    db.close().await;
    Ok(())
}

/// The whole HTTP surface: pages, server functions, auth routes, health and
/// static files, behind the session, origin and header middleware.
pub fn build_router(db: Db, config: &ServeConfig, addr: SocketAddr) -> Router {
    let leptos_options = LeptosOptions::builder()
        .output_name("panelkit")
        .site_root(config.site_root.display().to_string())
        .site_pkg_dir("pkg")
        .site_addr(addr)
        .build();
    let state = AppState {
        leptos_options: leptos_options.clone(),
        db: db.clone(),
        references: crate::mail::reference_settings(&config.references),
    };
    let routes = generate_route_list(App);
    let context_state = state.clone();
    let auth_state = routes::auth::AuthState {
        db: db.clone(),
        login_rate_per_minute: config.login_rate_per_minute,
    };

    Router::new()
        .leptos_routes_with_context(
            &state,
            routes,
            move || provide_context(context_state.clone()),
            {
                let options = leptos_options.clone();
                move || shell(options.clone())
            },
        )
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .with_state(state)
        .merge(routes::auth::router(auth_state))
        .merge(routes::health::router(db.clone()))
        .merge(routes::export::router(db.clone()))
        .merge(routes::packet::router(db.clone()))
        .merge(routes::summary::router(db.clone(), config))
        .layer(axum::middleware::from_fn_with_state(
            db,
            session::resolve_session,
        ))
        .layer(axum::middleware::from_fn(security::reject_cross_origin))
        .layer(axum::middleware::from_fn(security::set_security_headers))
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
