-- Schema 4: a plan's edges are stored as one list per edge set (pairs of task positions), not one row per edge:
-- saving a 10,000-task plan writes 2 rows instead of ~80,000. Plans saved before keep their plan_edges rows.
CREATE TABLE plan_edge_lists (
    plan_id  INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    declared INTEGER NOT NULL,               -- 0 = reduced edge set, 1 = every declared edge
    edges    TEXT    NOT NULL,               -- "p,c,p,c,...": positions of parent and child in plan_tasks.ord
    PRIMARY KEY (plan_id, declared)
);
