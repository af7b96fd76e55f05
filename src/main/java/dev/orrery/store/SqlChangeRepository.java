package dev.orrery.store;

import dev.orrery.model.Change;
import dev.orrery.model.ExecutedChange;
import dev.orrery.model.Parallel;
import dev.orrery.model.ResourceKind;
import dev.orrery.model.ResourceSnapshot;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Changes in the {@code changes} table; status STAGED → PROCESSED (in a plan) → EXECUTED. */
final class SqlChangeRepository implements ChangeRepository {
    private static final String COLUMNS =
            "id, resource, kind, action, tags, diff, reason, environment, staged_at, plan_uid, executed_at";
    private static final String INSERT = "INSERT INTO changes (resource, kind, action, tags, diff, reason, "
            + "environment, staged_at, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'STAGED')";

    private final Db db;

    SqlChangeRepository(Db db) {
        this.db = db;
    }

    @Override
    public Change stage(Change change) {
        return db.write("stage a change", d -> insert(d, change));
    }

    @Override
    public List<Change> stageAll(List<Change> changes) {
        // A change staged twice in one call: the later one replaces the earlier, as two calls would.
        Map<String, Change> byKey = new LinkedHashMap<>();
        for (Change change : changes) {
            String key = key(change.resource(), change.action(), env(change.environment()));
            byKey.remove(key);
            byKey.put(key, change);
        }
        List<Change> unique = new ArrayList<>(byKey.values());
        // Encoded before the transaction, on every core: the write lock is held only for the row writes.
        List<String[]> rows = Parallel.map(unique, SqlChangeRepository::row);
        return db.write("stage " + unique.size() + " changes", d -> {
            // Look the bucket up once instead of probing it per change: staging into an empty bucket (the
            // common case) then deletes nothing.
            Set<String> staged = new HashSet<>();
            try (ResultSet rs = d.prepare("SELECT resource, action, environment FROM changes WHERE status = 'STAGED'")
                    .executeQuery()) {
                while (rs.next()) {
                    staged.add(key(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
            for (String[] row : rows) {
                if (staged.contains(key(row[0], row[2], row[6]))) {
                    dropStaged(d, row);
                }
            }
            if (rows.isEmpty()) {
                return List.of();
            }
            PreparedStatement ins = d.prepare(INSERT);
            for (String[] row : rows) {
                Db.bind(ins, 1, row);
                ins.addBatch();
            }
            ins.executeBatch();
            // AUTOINCREMENT ids only grow and this transaction holds the write lock, so the batch's ids are the
            // consecutive run ending at the last one; the count proves it.
            long last = d.lastId();
            long first = last - rows.size() + 1;
            PreparedStatement count = d.prepare("SELECT COUNT(*) FROM changes WHERE id BETWEEN ? AND ?");
            count.setLong(1, first);
            count.setLong(2, last);
            try (ResultSet rs = count.executeQuery()) {
                if (!rs.next() || rs.getLong(1) != rows.size()) {
                    throw new StoreException("staged changes did not get consecutive ids; stage again");
                }
            }
            List<Change> out = new ArrayList<>(unique.size());
            for (int i = 0; i < unique.size(); i++) {
                out.add(unique.get(i).withId(first + i));
            }
            return out;
        });
    }

    private static String key(String resource, String action, String environment) {
        return resource + '\0' + action + '\0' + environment;
    }

    /** The values of {@link #INSERT}'s parameters, in order. */
    private static String[] row(Change change) {
        return new String[] {change.resource(), change.kind().name(), change.action(), Codec.tags(change.tags()),
                Codec.diff(change.diff()), change.reason(), env(change.environment()), Codec.time(change.stagedAt())};
    }

    /** Stages one change, first dropping the staged change of the same resource, action and environment. */
    private static Change insert(Db d, Change change) throws SQLException {
        String[] row = row(change);
        dropStaged(d, row);
        PreparedStatement ins = d.prepare(INSERT);
        Db.bind(ins, 1, row);
        ins.executeUpdate();
        return change.withId(d.lastId());
    }

    /** Drops the staged change with the resource, action and environment of {@code row} (a {@link #row}). */
    private static void dropStaged(Db d, String[] row) throws SQLException {
        PreparedStatement del = d.prepare("DELETE FROM changes WHERE status = 'STAGED' AND resource = ? "
                + "AND action = ? AND environment = ?");
        del.setString(1, row[0]);
        del.setString(2, row[2]);
        del.setString(3, row[6]);
        del.executeUpdate();
    }

    @Override
    public List<Change> staged() {
        return db.read("list staged changes", d ->
                list(d.prepare("SELECT " + COLUMNS + " FROM changes WHERE status = 'STAGED' ORDER BY id")));
    }

    @Override
    public List<Change> stagedWithoutDiffs() {
        return db.read("list staged changes", d -> list(d.prepare("SELECT "
                + COLUMNS.replace("diff,", "'[]' AS diff,") + " FROM changes WHERE status = 'STAGED' ORDER BY id")));
    }

    @Override
    public int discard(Collection<Long> ids) {
        return db.write("discard staged changes", d -> {
            PreparedStatement ps = d.prepare("DELETE FROM changes WHERE status = 'STAGED' AND id = ?");
            int removed = 0;
            for (long id : ids) {
                ps.setLong(1, id);
                removed += ps.executeUpdate();
            }
            return removed;
        });
    }

    @Override
    public int discardAll() {
        return db.write("discard staged changes",
                d -> d.prepare("DELETE FROM changes WHERE status = 'STAGED'").executeUpdate());
    }

    @Override
    public void markProcessed(Collection<Long> ids, String planUid) {
        db.write("mark changes processed", d -> {
            PreparedStatement ps = d.prepare(
                    "UPDATE changes SET status = 'PROCESSED', plan_uid = ? WHERE id = ? AND status = 'STAGED'");
            for (long id : ids) {
                ps.setString(1, planUid);
                ps.setLong(2, id);
                if (ps.executeUpdate() != 1) {
                    throw new StoreException("change " + id + " is not staged (discarded or processed already)");
                }
            }
            return null;
        });
    }

    @Override
    public List<Change> ofPlan(String planUid) {
        return db.read("list the changes of a plan", d -> {
            PreparedStatement ps = d.prepare("SELECT " + COLUMNS + " FROM changes WHERE plan_uid = ? ORDER BY id");
            ps.setString(1, planUid);
            return list(ps);
        });
    }

    @Override
    public List<Change> ofPlan(String planUid, String resource) {
        return db.read("list the changes of " + resource, d -> {
            PreparedStatement ps = d.prepare("SELECT " + COLUMNS + " FROM changes WHERE plan_uid = ? AND resource = ? "
                    + "ORDER BY id");
            ps.setString(1, planUid);
            ps.setString(2, resource);
            return list(ps);
        });
    }

    @Override
    public boolean markExecuted(String planUid, long changeId, Instant at) {
        return execute(planUid, changeId, at, "", null, null);
    }

    @Override
    public boolean execute(String planUid, long changeId, Instant at, String environment, ResourceSnapshot commit,
                           String uncommit) {
        return db.write("mark change " + changeId + " executed", d -> {
            PreparedStatement ps = d.prepare("UPDATE changes SET status = 'EXECUTED', executed_at = ? "
                    + "WHERE id = ? AND plan_uid = ? AND status = 'PROCESSED'");
            ps.setString(1, Codec.time(at));
            ps.setLong(2, changeId);
            ps.setString(3, planUid);
            if (ps.executeUpdate() != 1) {
                return false;
            }
            if (uncommit != null) {
                PreparedStatement del = d.prepare("DELETE FROM committed WHERE environment = ? AND resource = ?");
                del.setString(1, env(environment));
                del.setString(2, uncommit);
                del.executeUpdate();
            }
            if (commit != null) {
                PreparedStatement put = d.prepare("INSERT OR REPLACE INTO committed (environment, resource, kind, "
                        + "fields, tags) VALUES (?, ?, ?, ?, ?)");
                put.setString(1, env(environment));
                SnapshotRows.bind(put, 2, commit);
                put.executeUpdate();
            }
            return true;
        });
    }

    @Override
    public Set<String> executedResources(String planUid, Collection<String> actions) {
        return db.read("list the executed changes of plan " + planUid, d -> {
            PreparedStatement ps = d.prepare("SELECT DISTINCT resource FROM changes WHERE plan_uid = ? "
                    + "AND status = 'EXECUTED' AND action IN (SELECT value FROM json_each(?))");
            ps.setString(1, planUid);
            ps.setString(2, Json.write(List.copyOf(actions)));
            Set<String> out = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    @Override
    public List<ExecutedChange> executedOf(String environment, Collection<String> resources) {
        return db.read("read the executed changes of " + resources.size() + " resources", d -> {
            PreparedStatement ps = d.prepare("SELECT " + COLUMNS + " FROM changes WHERE status = 'EXECUTED' "
                    + "AND environment = ? AND resource IN (SELECT value FROM json_each(?)) "
                    + "ORDER BY executed_at DESC, id DESC");
            ps.setString(1, env(environment));
            ps.setString(2, Json.write(List.copyOf(resources)));
            return executed(ps);
        });
    }

    @Override
    public List<ExecutedChange> history(int limit) {
        return db.read("read the change history", d -> {
            PreparedStatement ps = d.prepare("SELECT " + COLUMNS + " FROM changes WHERE status = 'EXECUTED' "
                    + "ORDER BY executed_at DESC, id DESC LIMIT ?");
            ps.setInt(1, limit < 0 ? -1 : limit);
            return executed(ps);
        });
    }

    private static List<ExecutedChange> executed(PreparedStatement ps) throws SQLException {
        List<ExecutedChange> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new ExecutedChange(change(rs), rs.getString("plan_uid"),
                        Codec.instant(rs.getString("executed_at"))));
            }
        }
        return out;
    }

    private static List<Change> list(PreparedStatement ps) throws SQLException {
        List<Change> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(change(rs));
            }
        }
        return out;
    }

    private static Change change(ResultSet rs) throws SQLException {
        return new Change(rs.getLong("id"), rs.getString("resource"), ResourceKind.valueOf(rs.getString("kind")),
                rs.getString("action"), Codec.tagsOf(rs.getString("tags")), Codec.diffOf(rs.getString("diff")),
                rs.getString("reason"), rs.getString("environment"), Codec.instant(rs.getString("staged_at")));
    }

    static String env(String environment) {
        return environment == null ? "" : environment;
    }
}
