-- Orrery history, schema 1. Times are ISO-8601 instants (Instant.toString); lists and maps are JSON text.

-- Staged / processed / executed changes (Solar's StagedResources bucket and the history).
CREATE TABLE changes (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    resource    TEXT    NOT NULL,
    kind        TEXT    NOT NULL,
    action      TEXT    NOT NULL,
    tags        TEXT    NOT NULL,            -- JSON array, copied at staging time
    diff        TEXT    NOT NULL,            -- JSON array of [field, kind, old, new]; secrets already masked
    reason      TEXT    NOT NULL,
    environment TEXT    NOT NULL,
    staged_at   TEXT    NOT NULL,
    status      TEXT    NOT NULL CHECK (status IN ('STAGED', 'PROCESSED', 'EXECUTED')),
    plan_uid    TEXT,
    executed_at TEXT
);
CREATE INDEX changes_status ON changes (status, id);
CREATE INDEX changes_plan ON changes (plan_uid);

-- What was last deployed, per environment ('' = default).
CREATE TABLE committed (
    environment TEXT NOT NULL,
    resource    TEXT NOT NULL,
    kind        TEXT NOT NULL,
    fields      TEXT NOT NULL,               -- JSON object; secrets as sha256 digests
    tags        TEXT NOT NULL,
    PRIMARY KEY (environment, resource)
);

CREATE TABLE plans (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,   -- creation order: last = max(id)
    uid         TEXT    NOT NULL UNIQUE,
    created     TEXT    NOT NULL,
    environment TEXT    NOT NULL
);

CREATE TABLE plan_tasks (
    plan_id  INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    ord      INTEGER NOT NULL,
    task_id  TEXT    NOT NULL,
    resource TEXT    NOT NULL,
    kind     TEXT    NOT NULL,
    action   TEXT    NOT NULL,
    host     TEXT    NOT NULL,
    workdir  TEXT,
    retries  INTEGER NOT NULL,
    timeout  TEXT,                           -- java.time.Duration text, NULL = runner default
    weight   INTEGER NOT NULL,
    payload  TEXT    NOT NULL,               -- JSON {steps, env, secrets}, sealed (AES-GCM) when the task has secrets
    PRIMARY KEY (plan_id, task_id)
);
CREATE UNIQUE INDEX plan_tasks_order ON plan_tasks (plan_id, ord);

CREATE TABLE plan_edges (
    plan_id  INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    declared INTEGER NOT NULL,               -- 0 = reduced edge set, 1 = every declared edge
    ord      INTEGER NOT NULL,
    parent   TEXT    NOT NULL,
    child    TEXT    NOT NULL,
    PRIMARY KEY (plan_id, declared, ord)
);

CREATE TABLE plan_changes (
    plan_id   INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    ord       INTEGER NOT NULL,
    change_id INTEGER NOT NULL,
    PRIMARY KEY (plan_id, ord)
);

CREATE TABLE plan_desired (
    plan_id  INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    resource TEXT    NOT NULL,
    kind     TEXT    NOT NULL,
    fields   TEXT    NOT NULL,
    tags     TEXT    NOT NULL,
    PRIMARY KEY (plan_id, resource)
);

CREATE TABLE task_states (
    plan_id  INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    task_id  TEXT    NOT NULL,
    ord      INTEGER NOT NULL,
    state    TEXT    NOT NULL,
    attempt  INTEGER NOT NULL DEFAULT 0,
    started  TEXT,
    finished TEXT,
    error    TEXT,
    PRIMARY KEY (plan_id, task_id)
);

CREATE TABLE transitions (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,
    plan_id    INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    task_id    TEXT    NOT NULL,
    from_state TEXT    NOT NULL,
    to_state   TEXT    NOT NULL,
    at         TEXT    NOT NULL,
    reason     TEXT
);
CREATE INDEX transitions_plan ON transitions (plan_id, seq);

CREATE TABLE output (
    seq     INTEGER PRIMARY KEY AUTOINCREMENT,
    plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    task_id TEXT    NOT NULL,
    attempt INTEGER NOT NULL,
    step    INTEGER NOT NULL,
    stream  TEXT    NOT NULL,
    text    TEXT    NOT NULL
);
CREATE INDEX output_task ON output (plan_id, task_id, seq);

CREATE TABLE runs (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    plan_id     INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    environment TEXT    NOT NULL,
    started     TEXT    NOT NULL,
    finished    TEXT,
    result      TEXT,
    counts      TEXT                         -- JSON object state -> count, set when the run finishes
);
CREATE INDEX runs_plan ON runs (plan_id, id);

CREATE TABLE locks (
    plan_id  INTEGER PRIMARY KEY REFERENCES plans (id) ON DELETE CASCADE,
    pid      INTEGER NOT NULL,
    hostname TEXT    NOT NULL,
    since    TEXT    NOT NULL
);

CREATE TABLE releases (
    id                    INTEGER PRIMARY KEY AUTOINCREMENT,
    at                    TEXT NOT NULL,
    environment           TEXT NOT NULL,
    plan_uid              TEXT NOT NULL,
    workspace_fingerprint TEXT NOT NULL,
    summary               TEXT NOT NULL
);

-- Copy of the environment's committed state when the release was recorded (what rollback goes back to).
CREATE TABLE release_state (
    release_id INTEGER NOT NULL REFERENCES releases (id) ON DELETE CASCADE,
    resource   TEXT    NOT NULL,
    kind       TEXT    NOT NULL,
    fields     TEXT    NOT NULL,
    tags       TEXT    NOT NULL,
    PRIMARY KEY (release_id, resource)
);

-- Orchestration jobs that succeeded, by target and fingerprint (Directord's client-side cache).
CREATE TABLE job_cache (
    host        TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    plan_uid    TEXT NOT NULL,
    at          TEXT NOT NULL,
    PRIMARY KEY (host, fingerprint)
);
