//! What a write transaction locks (see the data layer's docs in `db`), and
//! telling a write refused for a concurrent one from a failure.

/// What a write transaction locks before it reads or writes anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lock<'a> {
    /// The organization: work over a whole tenant, such as a bank import.
    Organization(&'a str),
    /// A role: its fields, competency profile, hiring team, guide draft and
    /// published versions, and the list of its candidates.
    Role {
        /// The organization.
        org_id: &'a str,
        /// The role.
        role_id: &'a str,
    },
    /// A candidate: their pipeline status, interviews and decisions.
    Candidate {
        /// The organization.
        org_id: &'a str,
        /// The candidate.
        candidate_id: &'a str,
    },
    /// No parent: every statement inserts rows under new ids, or is one
    /// conditional update whose own row lock and condition decide who wins
    /// (a version or status check), so there is nothing read-then-written.
    OwnRows,
}

impl Lock<'_> {
    /// The query selecting the parent's row (locking it when `for_update`),
    /// and its keys.
    pub(super) fn parent_query(&self, for_update: bool) -> Option<(&'static str, Vec<&str>)> {
        macro_rules! select {
            ($sql:literal) => {
                if for_update {
                    concat!($sql, " FOR NO KEY UPDATE")
                } else {
                    $sql
                }
            };
        }
        match *self {
            Lock::Organization(org_id) => Some((
                select!("SELECT id FROM organizations WHERE id = $1"),
                vec![org_id],
            )),
            Lock::Role { org_id, role_id } => Some((
                select!("SELECT id FROM roles WHERE org_id = $1 AND id = $2"),
                vec![org_id, role_id],
            )),
            Lock::Candidate {
                org_id,
                candidate_id,
            } => Some((
                select!("SELECT id FROM candidates WHERE org_id = $1 AND id = $2"),
                vec![org_id, candidate_id],
            )),
            Lock::OwnRows => None,
        }
    }
}

/// Whether `err` is a concurrent write the database refused rather than a
/// failure: a unique-key violation, a serialization failure or a deadlock.
/// Callers answer it as a conflict (409), never as an internal error.
pub fn is_write_conflict(err: &sqlx::Error) -> bool {
    let sqlx::Error::Database(db) = err else {
        return false;
    };
    if db.kind() == sqlx::error::ErrorKind::UniqueViolation {
        return true;
    }
    // 40001 serialization failure, 40P01 deadlock, 23505 unique (PostgreSQL);
    // 2067 unique and 1555 primary key (SQLite extended codes).
    matches!(
        db.code().as_deref(),
        Some("40001" | "40P01" | "23505" | "2067" | "1555")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locks_select_their_parent_and_lock_it_only_on_postgres() {
        let role = Lock::Role {
            org_id: "o",
            role_id: "r",
        };
        let (sql, keys) = role.parent_query(true).unwrap();
        assert!(sql.starts_with("SELECT id FROM roles") && sql.ends_with(" FOR NO KEY UPDATE"));
        assert_eq!(keys, ["o", "r"]);
        let (sql, _) = role.parent_query(false).unwrap();
        assert!(!sql.contains("FOR"), "SQLite has no row locks: {sql}");
        assert!(Lock::OwnRows.parent_query(true).is_none());
    }
}
