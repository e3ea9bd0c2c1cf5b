//! The consent text referees read before they answer, set in the data
//! settings.

use super::data_settings;
use crate::access_matrix::world::World;
use crate::helpers::*;
use app::model::RetentionRule;
use app::server_fns::referee::LoadRefereeForm;
use reqwest::StatusCode;

#[tokio::test]
async fn referees_read_the_configured_consent_text() {
    for backend in backends() {
        let w = World::build(&backend).await;
        let app = &w.app;
        let form = LoadRefereeForm {
            token: w.referee_token.clone(),
        };
        let before = app.run_anonymous(form.clone()).await;
        assert_eq!(before.consent_text, app::model::DEFAULT_CONSENT_TEXT);
        let long = "x".repeat(app::model::MAX_CONSENT_CHARS + 1);
        let res = app
            .attempt(
                w.token("ada"),
                &data_settings(RetentionRule::Off, 365, &long),
            )
            .await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(res.text().await.unwrap().contains("referee_consent_text"));
        let text = "We keep your answers for 6 months. Only the hiring team reads them.";
        app.run(
            w.token("ada").unwrap(),
            data_settings(RetentionRule::Off, 365, text),
        )
        .await;
        let after = app.run_anonymous(form).await;
        assert_eq!(after.consent_text, text);
    }
}
