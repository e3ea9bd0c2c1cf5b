//! Concurrent calls on guides: saving the draft and publishing versions.

use super::fixtures::*;
use super::support::*;
use app::server_fns::guides::{GetGuideDraft, PublishGuide, SaveGuideDraft};

pub async fn save_guide_draft(w: &World) {
    let role = w.profiled_role().await;
    let save = |revision: i64, stage: &str| SaveGuideDraft {
        role_id: role.clone(),
        revision,
        guide: guide(stage),
    };
    let answers = w
        .identical("save_guide_draft identical", "rita", save(1, "Panel"))
        .await;
    for a in &answers {
        assert!(
            a.ok(),
            "save_guide_draft: a repeated save is not a conflict: {a:?}"
        );
        assert_eq!(a.value::<i64>(), 2);
    }

    let stages: Vec<String> = (0..AT_ONCE).map(|i| format!("Stage {i}")).collect();
    let calls = stages.iter().map(|s| call("rita", save(2, s))).collect();
    let answers = w.burst("save_guide_draft conflicting", calls).await;
    let winners: Vec<usize> = (0..AT_ONCE).filter(|&i| answers[i].ok()).collect();
    assert_eq!(
        winners.len(),
        1,
        "save_guide_draft: one save wins: {answers:?}"
    );
    for (i, a) in answers.iter().enumerate() {
        if i != winners[0] {
            assert_eq!(a.status, 409, "save_guide_draft: {a:?}");
            assert!(
                a.message().contains("Someone else saved this guide"),
                "{}",
                a.message()
            );
        }
    }
    let draft = w.run("rita", GetGuideDraft { role_id: role }).await;
    assert_eq!(draft.revision, 3);
    assert_eq!(draft.guide.stages[0].name, stages[winners[0]]);
}

pub async fn publish_guide(w: &World) {
    let role = w.published_role().await;
    let revision = w.save_draft(&role, guide("Panel, second edition")).await;
    let publish = |revision: i64| PublishGuide {
        role_id: role.clone(),
        revision,
    };
    let answers = w
        .identical("publish_guide identical", "rita", publish(revision))
        .await;
    let published: Vec<&Answer> = answers.iter().filter(|a| a.ok()).collect();
    assert_eq!(
        published.len(),
        1,
        "publish_guide: one version: {answers:?}"
    );
    assert_eq!(published[0].value::<i64>(), 2);
    for a in answers.iter().filter(|a| !a.ok()) {
        assert_eq!(a.status, 409, "publish_guide: {a:?}");
        assert!(
            a.message().contains("Nothing changed since version 2"),
            "{}",
            a.message()
        );
    }

    // Two publish the current draft while two publish a stale revision.
    let revision = w.save_draft(&role, guide("Panel, third edition")).await;
    let calls = [revision, revision, revision - 1, revision - 1]
        .iter()
        .map(|r| call("rita", publish(*r)))
        .collect();
    let answers = w.burst("publish_guide conflicting", calls).await;
    assert_eq!(
        answers.iter().filter(|a| a.ok()).count(),
        1,
        "publish_guide: {answers:?}"
    );
    for a in &answers[2..] {
        assert_eq!(a.status, 409);
        assert!(
            a.message().contains("changed since you opened it"),
            "{}",
            a.message()
        );
    }
    let versions = w
        .texts(
            "SELECT CAST(version AS TEXT) FROM guide_versions WHERE role_id = $1",
            &[&role],
        )
        .await;
    assert_gapless(
        "publish_guide",
        versions.iter().map(|v| v.parse().unwrap()).collect(),
    );
    assert_eq!(
        w.audits("guide.publish", &role).await,
        3,
        "publish_guide: one entry per version"
    );
}
