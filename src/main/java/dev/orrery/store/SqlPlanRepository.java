package dev.orrery.store;

import dev.orrery.model.Dependency;
import dev.orrery.model.Parallel;
import dev.orrery.model.Plan;
import dev.orrery.model.PlanSummary;
import dev.orrery.model.ResourceKind;
import dev.orrery.model.ResourceSnapshot;
import dev.orrery.model.Secrets;
import dev.orrery.model.Task;
import dev.orrery.model.TaskState;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plans stored so they read back exactly: tasks in order, both edge sets in order, change ids, desired
 * snapshots. A task with secrets has its steps, environment, workdir and secrets sealed ({@link SecretBox});
 * its {@code workdir} column holds the workdir masked.
 */
final class SqlPlanRepository implements PlanRepository {
    private static final Pattern LAST = Pattern.compile("last(\\d*)");

    private final SqliteStore store;
    private final Db db;

    SqlPlanRepository(SqliteStore store) {
        this.store = store;
        this.db = store.db();
    }

    @Override
    public void save(Plan plan, Map<String, ResourceSnapshot> desired) {
        save(plan, desired, Map.of(), false);
    }

    @Override
    public void saveProcessed(Plan plan, Map<String, ResourceSnapshot> desired) {
        save(plan, desired, Map.of(), true);
    }

    @Override
    public void saveProcessed(Plan plan, Map<String, ResourceSnapshot> desired, Map<String, String> base) {
        save(plan, desired, base, true);
    }

    @Override
    public Map<String, String> base(String uid) {
        return db.read("read the base of plan " + uid, d -> {
            PreparedStatement ps = d.prepare("SELECT base FROM plans WHERE uid = ?");
            ps.setString(1, uid);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new UnknownPlanException("no plan " + uid + " in " + d.file());
                }
                return Json.readStringMap(rs.getString(1));
            }
        });
    }

    private void save(Plan plan, Map<String, ResourceSnapshot> desired, Map<String, String> base, boolean process) {
        // Encode (and seal) outside the transaction, on every core: the key file may have to be created, and the
        // write lock is then held only for the row writes.
        List<String> payloads = Parallel.map(plan.tasks(), this::payload);
        List<String[]> snapshots = Parallel.map(List.copyOf(desired.values()), SnapshotRows::values);
        String baseJson = Json.write(new java.util.TreeMap<>(base));
        db.write("save plan " + plan.uid(), d -> {
            PreparedStatement p = d.prepare("INSERT INTO plans (uid, created, environment, base) VALUES (?, ?, ?, ?)");
            p.setString(1, plan.uid());
            p.setString(2, Codec.time(plan.created()));
            p.setString(3, SqlChangeRepository.env(plan.environment()));
            p.setString(4, baseJson);
            p.executeUpdate();
            long id = d.lastId();
            insertTasks(d, id, plan.tasks(), payloads);
            Map<String, Integer> position = new java.util.HashMap<>();
            for (int i = 0; i < plan.tasks().size(); i++) {
                position.put(plan.tasks().get(i).id(), i);
            }
            insertEdges(d, id, 0, plan.edges(), position);
            insertEdges(d, id, 1, plan.declaredEdges(), position);
            // One statement over a JSON list instead of a row per change: SQLite expands it without a JNI call per row.
            PreparedStatement c = d.prepare("INSERT INTO plan_changes (plan_id, ord, change_id) "
                    + "SELECT ?, key, value FROM json_each(?)");
            c.setLong(1, id);
            c.setString(2, Json.write(plan.changeIds()));
            c.executeUpdate();
            PreparedStatement s = d.prepare("INSERT INTO plan_desired (plan_id, resource, kind, fields, tags) "
                    + "VALUES (?, ?, ?, ?, ?)");
            for (String[] snapshot : snapshots) {
                s.setLong(1, id);
                Db.bind(s, 2, snapshot);
                s.addBatch();
            }
            s.executeBatch();
            if (process) {
                markProcessed(d, id, plan);
            }
            return null;
        });
    }

    /** One statement over the plan's change list (just stored); any change no longer staged fails the save. */
    private static void markProcessed(Db d, long planId, Plan plan) throws SQLException {
        PreparedStatement ps = d.prepare("UPDATE changes SET status = 'PROCESSED', plan_uid = ? WHERE status = 'STAGED' "
                + "AND id IN (SELECT change_id FROM plan_changes WHERE plan_id = ?)");
        ps.setString(1, plan.uid());
        ps.setLong(2, planId);
        int moved = ps.executeUpdate();
        if (moved != plan.changeIds().size()) {
            throw new StoreException((plan.changeIds().size() - moved) + " of the plan's changes are no longer staged "
                    + "(discarded or processed by another command meanwhile); stage again");
        }
    }

    private static void insertTasks(Db d, long id, List<Task> tasks, List<String> payloads) throws SQLException {
        PreparedStatement t = d.prepare("INSERT INTO plan_tasks (plan_id, ord, task_id, resource, kind, action, "
                + "host, workdir, retries, timeout, weight, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        for (int i = 0; i < tasks.size(); i++) {
            Task task = tasks.get(i);
            t.setLong(1, id);
            t.setInt(2, i);
            t.setString(3, task.id());
            t.setString(4, task.resource());
            t.setString(5, task.kind().name());
            t.setString(6, task.action());
            t.setString(7, task.host());
            t.setString(8, Secrets.mask(task.workdir(), task.secrets())); // the real one is in the sealed payload
            t.setInt(9, task.retries());
            t.setString(10, Codec.duration(task.timeout()));
            t.setInt(11, task.weight());
            t.setString(12, payloads.get(i));
            t.addBatch();
        }
        t.executeBatch();
        // Every task starts PENDING: one statement over the JSON list of ids, as for the plan's changes.
        List<String> ids = new ArrayList<>(tasks.size());
        tasks.forEach(task -> ids.add(task.id()));
        PreparedStatement st = d.prepare("INSERT INTO task_states (plan_id, task_id, ord, state) "
                + "SELECT ?, value, key, ? FROM json_each(?)");
        st.setLong(1, id);
        st.setString(2, TaskState.PENDING.name());
        st.setString(3, Json.write(ids));
        st.executeUpdate();
    }

    private static void insertEdges(Db d, long id, int declared, List<Dependency> edges,
                                    Map<String, Integer> position) throws SQLException {
        StringBuilder text = new StringBuilder(edges.size() * 10);
        for (Dependency e : edges) {
            Integer parent = position.get(e.parent());
            Integer child = position.get(e.child());
            if (parent == null || child == null) {
                throw new StoreException("edge " + e.parent() + " → " + e.child() + " names a task the plan lacks");
            }
            if (!text.isEmpty()) {
                text.append(',');
            }
            text.append(parent).append(',').append(child);
        }
        PreparedStatement ps = d.prepare("INSERT INTO plan_edge_lists (plan_id, declared, edges) VALUES (?, ?, ?)");
        ps.setLong(1, id);
        ps.setInt(2, declared);
        ps.setString(3, text.toString());
        ps.executeUpdate();
    }

    private String payload(Task task) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("steps", Codec.steps(task.steps()));
        m.put("env", task.env());
        m.put("secrets", task.secrets());
        if (!task.secrets().isEmpty() && task.workdir() != null) {
            m.put("workdir", task.workdir()); // sealed with the rest; the column holds it masked
        }
        String json = Json.write(m);
        return task.secrets().isEmpty() ? json : store.secrets().seal(json);
    }

    @Override
    public Optional<Plan> find(String uid) {
        return db.read("read plan " + uid, d -> {
            PreparedStatement p = d.prepare("SELECT id, created, environment FROM plans WHERE uid = ?");
            p.setString(1, uid);
            long id;
            Plan header;
            try (ResultSet rs = p.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                id = rs.getLong("id");
                header = new Plan(uid, Codec.instant(rs.getString("created")), rs.getString("environment"),
                        List.of(), List.of(), List.of(), List.of());
            }
            List<Task> tasks = tasks(d, id);
            return Optional.of(new Plan(uid, header.created(), header.environment(), tasks,
                    edges(d, id, 0, tasks), edges(d, id, 1, tasks), changeIds(d, id)));
        });
    }

    private List<Task> tasks(Db d, long id) throws SQLException {
        PreparedStatement ps = d.prepare("SELECT * FROM plan_tasks WHERE plan_id = ? ORDER BY ord");
        ps.setLong(1, id);
        List<Task> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                String payload = rs.getString("payload");
                Map<String, Object> m = Json.readMap(SecretBox.isSealed(payload)
                        ? store.secrets().open(payload) : payload);
                Map<String, String> env = new LinkedHashMap<>();
                ((Map<?, ?>) m.get("env")).forEach((k, v) -> env.put((String) k, (String) v));
                List<String> secrets = new ArrayList<>();
                for (Object s : (List<?>) m.get("secrets")) {
                    secrets.add((String) s);
                }
                out.add(new Task(rs.getString("task_id"), rs.getString("resource"),
                        ResourceKind.valueOf(rs.getString("kind")), rs.getString("action"), rs.getString("host"),
                        Codec.stepsOf((List<?>) m.get("steps")), env,
                        m.containsKey("workdir") ? (String) m.get("workdir") : rs.getString("workdir"), rs.getInt("retries"),
                        Codec.durationOf(rs.getString("timeout")), secrets, rs.getInt("weight")));
            }
        }
        return out;
    }

    private static List<Dependency> edges(Db d, long id, int declared, List<Task> tasks) throws SQLException {
        PreparedStatement list = d.prepare("SELECT edges FROM plan_edge_lists WHERE plan_id = ? AND declared = ?");
        list.setLong(1, id);
        list.setInt(2, declared);
        try (ResultSet rs = list.executeQuery()) {
            if (rs.next()) {
                return edgesOf(rs.getString(1), tasks);
            }
        }
        // a plan saved before schema 4: one row per edge
        PreparedStatement ps = d.prepare("SELECT parent, child FROM plan_edges WHERE plan_id = ? AND declared = ? "
                + "ORDER BY ord");
        ps.setLong(1, id);
        ps.setInt(2, declared);
        List<Dependency> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Dependency(rs.getString(1), rs.getString(2)));
            }
        }
        return out;
    }

    private static List<Dependency> edgesOf(String text, List<Task> tasks) {
        List<Dependency> out = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            int comma = text.indexOf(',', i);
            int parent = Integer.parseInt(text, i, comma, 10);
            int next = text.indexOf(',', comma + 1);
            int end = next < 0 ? n : next;
            int child = Integer.parseInt(text, comma + 1, end, 10);
            out.add(new Dependency(tasks.get(parent).id(), tasks.get(child).id()));
            i = end + 1;
        }
        return out;
    }

    private static List<Long> changeIds(Db d, long id) throws SQLException {
        PreparedStatement ps = d.prepare("SELECT change_id FROM plan_changes WHERE plan_id = ? ORDER BY ord");
        ps.setLong(1, id);
        List<Long> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }

    @Override
    public String resolve(String reference) {
        if (reference == null || reference.isBlank()) {
            throw new UnknownPlanException("no plan given: name one by uid, uid prefix, last, last1 or last2");
        }
        String ref = reference.strip();
        return db.read("resolve plan " + ref, d -> {
            Matcher last = LAST.matcher(ref);
            if (last.matches()) {
                int n = last.group(1).isEmpty() ? 1 : Integer.parseInt(last.group(1));
                if (n < 1) {
                    throw new UnknownPlanException("'" + ref + "' names no plan: use last, last1, last2, ...");
                }
                PreparedStatement ps = d.prepare("SELECT uid FROM plans ORDER BY id DESC LIMIT 1 OFFSET ?");
                ps.setInt(1, n - 1);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return rs.getString(1);
                    }
                }
                int count = count(d);
                throw new UnknownPlanException(count == 0
                        ? "there is no plan yet: run `changes process` first"
                        : "'" + ref + "' names no plan: there " + (count == 1 ? "is only 1 plan" : "are only " + count + " plans"));
            }
            PreparedStatement ps = d.prepare("SELECT uid FROM plans WHERE substr(uid, 1, ?) = ? ORDER BY id DESC LIMIT 6");
            ps.setInt(1, ref.length());
            ps.setString(2, ref);
            List<String> matches = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    matches.add(rs.getString(1));
                }
            }
            if (matches.contains(ref)) {
                return ref;
            }
            if (matches.size() == 1) {
                return matches.get(0);
            }
            if (matches.isEmpty()) {
                throw new UnknownPlanException("no plan uid starts with '" + ref + "'");
            }
            throw new UnknownPlanException("'" + ref + "' is ambiguous: it starts " + String.join(", ",
                    matches.subList(0, Math.min(5, matches.size()))) + (matches.size() > 5 ? ", ..." : "")
                    + "; give more characters");
        });
    }

    private static int count(Db d) throws SQLException {
        try (ResultSet rs = d.prepare("SELECT COUNT(*) FROM plans").executeQuery()) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    @Override
    public List<PlanSummary> list(int limit) {
        return db.read("list plans", d -> {
            PreparedStatement ps = d.prepare("SELECT p.uid, p.created, p.environment, s.state, COUNT(s.task_id) "
                    + "FROM (SELECT * FROM plans ORDER BY id DESC LIMIT ?) p "
                    + "LEFT JOIN task_states s ON s.plan_id = p.id GROUP BY p.id, s.state ORDER BY p.id DESC");
            ps.setInt(1, limit < 0 ? -1 : limit);
            Map<String, String[]> headers = new LinkedHashMap<>();
            Map<String, Map<TaskState, Integer>> counts = new LinkedHashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String uid = rs.getString(1);
                    headers.putIfAbsent(uid, new String[] {rs.getString(2), rs.getString(3)});
                    Map<TaskState, Integer> c = counts.computeIfAbsent(uid, u -> new EnumMap<>(TaskState.class));
                    if (rs.getString(4) != null) {
                        c.put(TaskState.valueOf(rs.getString(4)), rs.getInt(5));
                    }
                }
            }
            List<PlanSummary> out = new ArrayList<>();
            headers.forEach((uid, h) -> {
                Map<TaskState, Integer> c = counts.get(uid);
                int total = c.values().stream().mapToInt(Integer::intValue).sum();
                out.add(new PlanSummary(uid, Codec.instant(h[0]), h[1], total, Collections.unmodifiableMap(c)));
            });
            return out;
        });
    }

    @Override
    public Optional<ResourceSnapshot> desired(String uid, String resource) {
        return db.read("read the desired state of " + resource, d -> {
            PreparedStatement ps = d.prepare("SELECT resource, kind, fields, tags FROM plan_desired "
                    + "WHERE plan_id = ? AND resource = ?");
            ps.setLong(1, store.planId(d, uid));
            ps.setString(2, resource);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(SnapshotRows.read(rs)) : Optional.empty();
            }
        });
    }

    @Override
    public Map<String, ResourceSnapshot> desiredAll(String uid) {
        return db.read("read the desired state of plan " + uid, d -> {
            PreparedStatement ps = d.prepare("SELECT resource, kind, fields, tags FROM plan_desired "
                    + "WHERE plan_id = ? ORDER BY resource");
            ps.setLong(1, store.planId(d, uid));
            return SnapshotRows.all(ps);
        });
    }
}
