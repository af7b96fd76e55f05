-- Schema 8: the deployed state each plan was built against. A JSON object: resource name → fingerprint of its
-- committed snapshot in the plan's environment when the plan was processed ("" = not deployed then). A plan is
-- stale once another plan changed one of those resources; plans saved before schema 8 have '{}' (unknown).
ALTER TABLE plans ADD COLUMN base TEXT NOT NULL DEFAULT '{}';
