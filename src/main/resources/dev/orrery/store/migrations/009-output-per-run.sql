-- Schema 9: output is kept per run. A restarted plan starts its attempts at 1 again, so (task, attempt) no longer
-- tells one run's lines from another's; run_id names the run (runs.id) that recorded them. Rows recorded before
-- this schema cannot be told apart and are given to the plan's first run (NULL when the plan never ran).
ALTER TABLE output ADD COLUMN run_id INTEGER;                -- runs.id; no foreign key: rows go with their plan
UPDATE output SET run_id = (SELECT MIN(r.id) FROM runs r WHERE r.plan_id = output.plan_id) WHERE run_id IS NULL;
