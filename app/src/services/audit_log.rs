//! Reading the audit log: admins read every entry; recruiters the entries
//! about roles and candidates (not account administration or settings).
//! Entries are only ever appended (see `db::audit`); reading them for an
//! export is itself recorded.

use crate::db::Db;
use crate::db::audit::AuditQuery;
use crate::errors::AppError;
use crate::model::{AUDIT_PAGE_SIZE, AuditFilter, AuditPage, AuditRow, CurrentUser, Role};

/// The most entries one CSV export holds.
pub const CSV_LIMIT: i64 = 100_000;

/// Checks the caller and turns the filter into a query.
fn query<'a>(user: &CurrentUser, f: &'a AuditFilter) -> Result<AuditQuery<'a>, AppError> {
    if !user.has_role(&[Role::Admin, Role::Recruiter]) {
        return Err(AppError::Forbidden);
    }
    let day = |field: &str, text: &str| -> Result<Option<i64>, AppError> {
        let text = text.trim();
        if text.is_empty() {
            return Ok(None);
        }
        if text.len() != 10 {
            return Err(AppError::invalid(field, "expected a day as YYYY-MM-DD"));
        }
        crate::model::parse_utc(text)
            .map(Some)
            .ok_or_else(|| AppError::invalid(field, "expected a day as YYYY-MM-DD"))
    };
    let from_ms = day("from", &f.from)?;
    let until_ms = day("to", &f.to)?.map(|ms| ms + crate::model::datetime::DAY_MS);
    let some = |s: &'a str| Some(s.trim()).filter(|s| !s.is_empty());
    Ok(AuditQuery {
        candidate_id: some(&f.candidate_id),
        role_id: some(&f.role_id),
        actor_id: some(&f.actor_id),
        action_prefix: some(&f.action),
        from_ms,
        until_ms,
        hiring_only: !user.has_role(&[Role::Admin]),
    })
}

/// One page of the entries `user` may read that match `filter`.
pub async fn page(
    db: &Db,
    user: &CurrentUser,
    filter: &AuditFilter,
) -> Result<AuditPage, AppError> {
    let q = query(user, filter)?;
    let total = crate::db::audit::count(db, &user.org_id, &q).await?;
    let last = ((total + AUDIT_PAGE_SIZE - 1) / AUDIT_PAGE_SIZE).max(1);
    let page = filter.page.clamp(1, last);
    let rows = crate::db::audit::list(
        db,
        &user.org_id,
        &q,
        AUDIT_PAGE_SIZE,
        (page - 1) * AUDIT_PAGE_SIZE,
    )
    .await?;
    Ok(AuditPage {
        rows,
        total,
        page,
        per_page: AUDIT_PAGE_SIZE,
    })
}

/// Every entry `user` may read that matches `filter` (up to
/// [`CSV_LIMIT`]) as CSV; the export itself is recorded.
pub async fn csv(db: &Db, user: &CurrentUser, filter: &AuditFilter) -> Result<String, AppError> {
    let q = query(user, filter)?;
    let rows = crate::db::audit::list(db, &user.org_id, &q, CSV_LIMIT, 0).await?;
    let detail = serde_json::json!({ "filter": filter, "rows": rows.len() }).to_string();
    crate::db::audit::append(
        db,
        &crate::db::audit::AuditEntry {
            org_id: &user.org_id,
            actor_id: Some(&user.id),
            action: "audit.export",
            subject: &user.org_id,
            detail: &detail,
        },
    )
    .await?;
    Ok(to_csv(&rows))
}

/// RFC 4180 CSV of `rows` with a header line. Cells a spreadsheet would
/// run as a formula are prefixed with a quote.
pub fn to_csv(rows: &[AuditRow]) -> String {
    let mut out = String::from("id,at,actor_id,actor_name,action,subject,detail,client_addr\r\n");
    for r in rows {
        let cells = [
            r.id.clone(),
            crate::model::format_utc(r.at),
            r.actor_id.clone(),
            r.actor_name.clone(),
            r.action.clone(),
            r.subject.clone(),
            r.detail.clone(),
            r.client_addr.clone(),
        ];
        let line: Vec<String> = cells.iter().map(|c| cell(c)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

fn cell(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_owned()
    };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

/// Records a sensitive read by `user`: `action` (e.g. `summary.view`) on
/// `subject`.
pub async fn record_read(
    db: &Db,
    user: &CurrentUser,
    action: &str,
    subject: &str,
) -> Result<(), AppError> {
    crate::db::audit::append(
        db,
        &crate::db::audit::AuditEntry {
            org_id: &user.org_id,
            actor_id: Some(&user.id),
            action,
            subject,
            detail: "{}",
        },
    )
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quotes_and_defuses_formulas() {
        let row = AuditRow {
            id: "1".into(),
            at: 0,
            actor_id: String::new(),
            actor_name: "=HYPERLINK(\"x\")".into(),
            action: "a,b".into(),
            subject: "s".into(),
            detail: "{\"k\":\"v\"}".into(),
            client_addr: String::new(),
        };
        let csv = to_csv(&[row]);
        let line = csv.lines().nth(1).unwrap();
        assert!(line.contains("\"'=HYPERLINK(\"\"x\"\")\""), "{line}");
        assert!(line.contains("\"a,b\""), "{line}");
        assert!(line.contains("\"{\"\"k\"\":\"\"v\"\"}\""), "{line}");
    }
}
