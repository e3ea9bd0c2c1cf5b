-- Candidates still in the pipeline (not erased, not hired, rejected or
-- withdrawn), in the order the home page lists them: its to-do lists read
-- the open pipeline, not every candidate the organisation ever had (see
-- BENCHMARKS.md, "Growth"; app/src/db/plans.rs checks the plans). The
-- condition repeats `db::home::open_candidates` word for word, as SQLite
-- uses a partial index only for queries that state its condition.
CREATE INDEX candidates_open ON candidates (org_id, name, created_at, id)
    WHERE erased_at IS NULL AND status NOT IN ('hired', 'rejected', 'withdrawn');

-- "Not erased" is true of nearly every candidate there ever was: as an
-- index key it bounded nothing, and it drew the planner away from the
-- index above. The retention sweep, the one reader left, reads the
-- organisation's candidates in id order, as the primary key holds them.
DROP INDEX candidates_by_erasure;
