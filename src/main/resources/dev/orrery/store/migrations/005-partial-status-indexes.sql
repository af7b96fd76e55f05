-- Schema 5: the status index covers only the two statuses that are listed (the staged bucket, the history), so
-- processing a change (STAGED → PROCESSED) touches one index entry less per change; for a 10,000-change plan
-- that is 10,000 index deletions and insertions saved.
DROP INDEX changes_status;
CREATE INDEX changes_staged ON changes (id) WHERE status = 'STAGED';
CREATE INDEX changes_executed ON changes (executed_at, id) WHERE status = 'EXECUTED';
