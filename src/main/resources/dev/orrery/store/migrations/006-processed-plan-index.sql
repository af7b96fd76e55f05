-- Schema 6: the plan index covers only changes that are in a plan. Staged changes have no plan uid, and every
-- one of them had a NULL entry in it: staging 10,000 changes wrote 10,000 entries no query reads, and
-- processing them deleted those entries again. `plan_uid = ?` implies `plan_uid IS NOT NULL`, so every query
-- by plan still uses the index.
DROP INDEX changes_plan;
CREATE INDEX changes_plan ON changes (plan_uid) WHERE plan_uid IS NOT NULL;
