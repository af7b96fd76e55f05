package dev.orrery.store;

import dev.orrery.model.RunSummary;
import dev.orrery.model.TaskState;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runs of plans; the per-state counts are computed from the task states when the run finishes. */
final class SqlRunRepository implements RunRepository {
    private static final String SELECT = "SELECT r.id, p.uid, r.environment, r.started, r.finished, r.result, r.counts, r.outcome "
            + "FROM runs r JOIN plans p ON p.id = r.plan_id ";

    private final SqliteStore store;
    private final Db db;

    SqlRunRepository(SqliteStore store) {
        this.store = store;
        this.db = store.db();
    }

    @Override
    public long start(String planUid, String environment, Instant at) {
        return db.write("start a run of " + planUid, d -> {
            PreparedStatement ps = d.prepare("INSERT INTO runs (plan_id, environment, started) VALUES (?, ?, ?)");
            ps.setLong(1, store.planId(d, planUid));
            ps.setString(2, SqlChangeRepository.env(environment));
            ps.setString(3, Codec.time(at));
            ps.executeUpdate();
            return d.lastId();
        });
    }

    @Override
    public void finish(long runId, TaskState result, Instant at) {
        db.write("finish run " + runId, d -> {
            PreparedStatement counts = d.prepare("SELECT s.state, COUNT(*) FROM task_states s "
                    + "JOIN runs r ON r.plan_id = s.plan_id WHERE r.id = ? GROUP BY s.state");
            counts.setLong(1, runId);
            PreparedStatement ps = d.prepare("UPDATE runs SET finished = ?, result = ?, counts = ? WHERE id = ?");
            ps.setString(1, Codec.time(at));
            ps.setString(2, result.name());
            ps.setString(3, countsJson(counts));
            ps.setLong(4, runId);
            if (ps.executeUpdate() != 1) {
                throw new StoreException("no run " + runId + " in " + d.file());
            }
            return null;
        });
    }

    @Override
    public int closeUnfinished(String planUid, String outcome, Instant at) {
        return db.write("close the unfinished runs of " + planUid, d -> {
            long planId = store.planId(d, planUid);
            PreparedStatement counts = d.prepare("SELECT state, COUNT(*) FROM task_states WHERE plan_id = ? "
                    + "GROUP BY state");
            counts.setLong(1, planId);
            PreparedStatement ps = d.prepare("UPDATE runs SET finished = ?, result = ?, counts = ?, outcome = ? "
                    + "WHERE plan_id = ? AND finished IS NULL");
            ps.setString(1, Codec.time(at));
            ps.setString(2, TaskState.ERROR.name());
            ps.setString(3, countsJson(counts));
            ps.setString(4, outcome);
            ps.setLong(5, planId);
            return ps.executeUpdate();
        });
    }

    @Override
    public boolean hasUnfinished(String planUid) {
        return db.read("look for unfinished runs of " + planUid, d -> {
            PreparedStatement ps = d.prepare("SELECT 1 FROM runs WHERE plan_id = ? AND finished IS NULL LIMIT 1");
            ps.setLong(1, store.planId(d, planUid));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        });
    }

    private static String countsJson(PreparedStatement counts) throws SQLException {
        Map<String, Object> byState = new LinkedHashMap<>();
        try (ResultSet rs = counts.executeQuery()) {
            while (rs.next()) {
                byState.put(rs.getString(1), rs.getLong(2));
            }
        }
        return Json.write(byState);
    }

    @Override
    public List<RunSummary> list(int limit) {
        return db.read("list runs", d -> {
            PreparedStatement ps = d.prepare(SELECT + "ORDER BY r.id DESC LIMIT ?");
            ps.setInt(1, limit < 0 ? -1 : limit);
            return runs(ps);
        });
    }

    @Override
    public List<RunSummary> ofPlan(String planUid) {
        return db.read("list runs of " + planUid, d -> {
            PreparedStatement ps = d.prepare(SELECT + "WHERE r.plan_id = ? ORDER BY r.id DESC");
            ps.setLong(1, store.planId(d, planUid));
            return runs(ps);
        });
    }

    @Override
    public Optional<RunSummary> find(long runId) {
        return db.read("read run " + runId, d -> {
            PreparedStatement ps = d.prepare(SELECT + "WHERE r.id = ?");
            ps.setLong(1, runId);
            List<RunSummary> runs = runs(ps);
            return runs.isEmpty() ? Optional.empty() : Optional.of(runs.get(0));
        });
    }

    private static List<RunSummary> runs(PreparedStatement ps) throws SQLException {
        List<RunSummary> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Map<TaskState, Integer> counts = new EnumMap<>(TaskState.class);
                String json = rs.getString(7);
                if (json != null) {
                    Json.readMap(json).forEach((k, v) -> counts.put(TaskState.valueOf(k), ((Long) v).intValue()));
                }
                String result = rs.getString(6);
                out.add(new RunSummary(rs.getLong(1), rs.getString(2), rs.getString(3), Codec.instant(rs.getString(4)),
                        Codec.instant(rs.getString(5)), result == null ? null : TaskState.valueOf(result),
                        Collections.unmodifiableMap(counts), rs.getString(8)));
            }
        }
        return out;
    }
}
