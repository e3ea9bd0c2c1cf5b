-- Roles (openings) with their competency profile and hiring team; the
-- interview and reference-check guide of each role as an editable draft plus
-- immutable published versions; candidates and their scheduled interviews.

CREATE TABLE roles (
    org_id TEXT NOT NULL REFERENCES organizations (id),
    id TEXT NOT NULL,
    title TEXT NOT NULL,
    department TEXT NOT NULL,
    description TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (org_id, id)
);

CREATE TABLE role_competencies (
    org_id TEXT NOT NULL,
    role_id TEXT NOT NULL,
    competency_id TEXT NOT NULL,
    required_level BIGINT NOT NULL CHECK (required_level BETWEEN 1 AND 5),
    weight BIGINT NOT NULL CHECK (weight BETWEEN 1 AND 5),
    position BIGINT NOT NULL,
    PRIMARY KEY (org_id, role_id, competency_id),
    FOREIGN KEY (org_id, role_id) REFERENCES roles (org_id, id) ON DELETE CASCADE,
    FOREIGN KEY (org_id, competency_id) REFERENCES competencies (org_id, id)
);

CREATE TABLE role_team (
    org_id TEXT NOT NULL,
    role_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    member_role TEXT NOT NULL CHECK (member_role IN ('recruiter', 'hiring-manager', 'interviewer')),
    PRIMARY KEY (org_id, role_id, user_id, member_role),
    FOREIGN KEY (org_id, role_id) REFERENCES roles (org_id, id) ON DELETE CASCADE,
    FOREIGN KEY (org_id, user_id) REFERENCES users (org_id, id)
);

CREATE INDEX role_team_by_user ON role_team (org_id, user_id);

-- The guide being edited: JSON of app::model::Guide. `revision` grows with
-- every save so two editors cannot silently overwrite each other.
CREATE TABLE guide_drafts (
    org_id TEXT NOT NULL,
    role_id TEXT NOT NULL,
    draft_json TEXT NOT NULL,
    revision BIGINT NOT NULL,
    updated_by TEXT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (org_id, role_id),
    FOREIGN KEY (org_id, role_id) REFERENCES roles (org_id, id) ON DELETE CASCADE
);

-- A published guide: JSON of app::model::PublishedGuide, never updated.
CREATE TABLE guide_versions (
    org_id TEXT NOT NULL,
    id TEXT NOT NULL,
    role_id TEXT NOT NULL,
    version BIGINT NOT NULL,
    snapshot_json TEXT NOT NULL,
    published_by TEXT NOT NULL,
    published_at BIGINT NOT NULL,
    PRIMARY KEY (org_id, id),
    UNIQUE (org_id, role_id, version),
    FOREIGN KEY (org_id, role_id) REFERENCES roles (org_id, id)
);

CREATE TABLE candidates (
    org_id TEXT NOT NULL,
    id TEXT NOT NULL,
    role_id TEXT NOT NULL,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    notes TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (org_id, id),
    FOREIGN KEY (org_id, role_id) REFERENCES roles (org_id, id)
);

CREATE INDEX candidates_by_role ON candidates (org_id, role_id);

-- One stage of the published guide held with one candidate.
CREATE TABLE interviews (
    org_id TEXT NOT NULL,
    id TEXT NOT NULL,
    candidate_id TEXT NOT NULL,
    guide_version_id TEXT NOT NULL,
    stage_id TEXT NOT NULL,
    stage_name TEXT NOT NULL,
    scheduled_at BIGINT,
    created_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (org_id, id),
    FOREIGN KEY (org_id, candidate_id) REFERENCES candidates (org_id, id),
    FOREIGN KEY (org_id, guide_version_id) REFERENCES guide_versions (org_id, id)
);

CREATE INDEX interviews_by_candidate ON interviews (org_id, candidate_id);

-- Who sits on an interview's panel, and the competencies each focuses on
-- (space-separated competency ids; empty means all of the stage's).
CREATE TABLE interview_panel (
    org_id TEXT NOT NULL,
    interview_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    focus TEXT NOT NULL,
    PRIMARY KEY (org_id, interview_id, user_id),
    FOREIGN KEY (org_id, interview_id) REFERENCES interviews (org_id, id) ON DELETE CASCADE,
    FOREIGN KEY (org_id, user_id) REFERENCES users (org_id, id)
);

CREATE INDEX interview_panel_by_user ON interview_panel (org_id, user_id);
