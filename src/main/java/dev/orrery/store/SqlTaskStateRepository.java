package dev.orrery.store;

import dev.orrery.model.OutputChunk;
import dev.orrery.model.TaskState;
import dev.orrery.model.TaskStatus;
import dev.orrery.model.Transition;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Task states (compare-and-set in SQL), the transitions log and captured output. */
final class SqlTaskStateRepository implements TaskStateRepository {
    /**
     * The compare-and-set UPDATE for each target state (the trigger of schema 2 logs the transition when the row
     * moves): ?1 state, ?2 time, ?3 reason, ?4 plan, ?5 task, ?6 expected
     * state. One statement per target instead of one with CASEs over ?1: the row is then rewritten with only the
     * columns that change, which makes recording a transition about a third cheaper.
     */
    private static final Map<TaskState, String> MOVES = moves();

    private static Map<TaskState, String> moves() {
        Map<TaskState, String> sets = new EnumMap<>(TaskState.class);
        sets.put(TaskState.PENDING, "finished = NULL, error = NULL");
        sets.put(TaskState.RUNNING, "attempt = attempt + 1, started = ?2, finished = NULL");
        sets.put(TaskState.SUCCESS, "finished = ?2");
        sets.put(TaskState.NOOP, "finished = ?2");
        sets.put(TaskState.SKIPPED, "finished = ?2");
        sets.put(TaskState.ERROR, "finished = ?2, error = ?3");
        sets.put(TaskState.ERROR_RETRY, "error = ?3");
        Map<TaskState, String> out = new EnumMap<>(TaskState.class);
        for (TaskState to : TaskState.values()) {
            out.put(to, "UPDATE task_states SET state = ?1, " + sets.get(to) + ", changed_at = ?2, reason = ?3 "
                    + "WHERE plan_id = ?4 AND task_id = ?5 AND state = ?6");
        }
        return Map.copyOf(out);
    }

    private final SqliteStore store;
    private final Db db;

    SqlTaskStateRepository(SqliteStore store) {
        this.store = store;
        this.db = store.db();
    }

    @Override
    public Map<String, TaskStatus> statuses(String planUid) {
        return db.read("read task states of " + planUid, d -> {
            PreparedStatement ps = d.prepare("SELECT * FROM task_states WHERE plan_id = ? ORDER BY ord");
            ps.setLong(1, store.planId(d, planUid));
            Map<String, TaskStatus> out = new LinkedHashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    TaskStatus s = status(planUid, rs);
                    out.put(s.taskId(), s);
                }
            }
            return out;
        });
    }

    @Override
    public Optional<TaskStatus> status(String planUid, String taskId) {
        return db.read("read the state of " + taskId, d -> {
            PreparedStatement ps = d.prepare("SELECT * FROM task_states WHERE plan_id = ? AND task_id = ?");
            ps.setLong(1, store.planId(d, planUid));
            ps.setString(2, taskId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(status(planUid, rs)) : Optional.empty();
            }
        });
    }

    private static TaskStatus status(String planUid, ResultSet rs) throws SQLException {
        return new TaskStatus(planUid, rs.getString("task_id"), TaskState.valueOf(rs.getString("state")),
                rs.getInt("attempt"), Codec.instant(rs.getString("started")),
                Codec.instant(rs.getString("finished")), rs.getString("error"));
    }

    @Override
    public boolean transition(String planUid, String taskId, TaskState from, TaskState to, String reason,
                              Instant at) {
        return db.write("move " + taskId + " to " + to, d ->
                move(d, store.planId(d, planUid), taskId, from, to, reason, at));
    }

    @Override
    public List<Boolean> transitionBatch(String planUid, List<Move> moves) {
        return db.write("record " + moves.size() + " transitions", d -> {
            long planId = store.planId(d, planUid);
            List<Boolean> out = new ArrayList<>(moves.size());
            for (Move m : moves) {
                out.add(move(d, planId, m.taskId(), m.from(), m.to(), m.reason(), m.at()));
            }
            return out;
        });
    }

    @Override
    public List<String> transitionAll(String planUid, Collection<String> taskIds, Collection<TaskState> from,
                                      TaskState to, String reason, Instant at) {
        Set<String> only = taskIds == null ? null : new HashSet<>(taskIds);
        return db.write("move tasks to " + to, d -> {
            long planId = store.planId(d, planUid);
            List<String[]> candidates = new ArrayList<>();
            PreparedStatement ps = d.prepare("SELECT task_id, state FROM task_states WHERE plan_id = ? ORDER BY ord");
            ps.setLong(1, planId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    if ((only == null || only.contains(id)) && from.contains(TaskState.valueOf(rs.getString(2)))) {
                        candidates.add(new String[] {id, rs.getString(2)});
                    }
                }
            }
            List<String> moved = new ArrayList<>();
            for (String[] c : candidates) {
                if (move(d, planId, c[0], TaskState.valueOf(c[1]), to, reason, at)) {
                    moved.add(c[0]);
                }
            }
            return moved;
        });
    }

    /** The compare-and-set itself; the transition is logged (by trigger) only if the row moved. */
    private static boolean move(Db d, long planId, String taskId, TaskState from, TaskState to, String reason,
                                Instant at) throws SQLException {
        PreparedStatement ps = d.prepare(MOVES.get(to));
        ps.setString(1, to.name());
        ps.setString(2, Codec.time(at));
        ps.setString(3, reason);
        ps.setLong(4, planId);
        ps.setString(5, taskId);
        ps.setString(6, from.name());
        return ps.executeUpdate() == 1;
    }

    @Override
    public void resetTimes(String planUid) {
        db.write("reset task times of " + planUid, d -> {
            PreparedStatement ps = d.prepare("UPDATE task_states SET attempt = 0, started = NULL, finished = NULL, "
                    + "error = NULL WHERE plan_id = ?");
            ps.setLong(1, store.planId(d, planUid));
            ps.executeUpdate();
            return null;
        });
    }

    @Override
    public List<Transition> transitionsSince(String planUid, long afterSeq) {
        return db.read("read transitions of " + planUid, d -> {
            PreparedStatement ps = d.prepare("SELECT * FROM transitions WHERE plan_id = ? AND seq > ? ORDER BY seq");
            ps.setLong(1, store.planId(d, planUid));
            ps.setLong(2, afterSeq);
            List<Transition> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Transition(rs.getLong("seq"), planUid, rs.getString("task_id"),
                            TaskState.valueOf(rs.getString("from_state")), TaskState.valueOf(rs.getString("to_state")),
                            Codec.instant(rs.getString("at")), rs.getString("reason")));
                }
            }
            return out;
        });
    }

    @Override
    public List<Transition> transitions(String planUid) {
        return transitionsSince(planUid, 0);
    }

    @Override
    public long lastSeq(String planUid) {
        return db.read("read the last transition of " + planUid, d -> {
            PreparedStatement ps = d.prepare("SELECT COALESCE(MAX(seq), 0) FROM transitions WHERE plan_id = ?");
            ps.setLong(1, store.planId(d, planUid));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    @Override
    public void appendOutput(OutputChunk chunk) {
        appendOutput(List.of(chunk));
    }

    @Override
    public void appendOutput(List<OutputChunk> chunks) {
        if (chunks.isEmpty()) {
            return;
        }
        db.write("store output of " + chunks.get(0).taskId(), d -> {
            PreparedStatement ps = d.prepare("INSERT INTO output (plan_id, task_id, attempt, step, stream, text, run_id) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?)");
            for (OutputChunk chunk : chunks) {
                ps.setLong(1, store.planId(d, chunk.planUid()));
                ps.setString(2, chunk.taskId());
                ps.setInt(3, chunk.attempt());
                ps.setInt(4, chunk.step());
                ps.setString(5, chunk.stream().name());
                ps.setString(6, chunk.text());
                if (chunk.runId() > 0) {
                    ps.setLong(7, chunk.runId());
                } else {
                    ps.setNull(7, Types.INTEGER);
                }
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public List<OutputChunk> output(String planUid, String taskId) {
        return db.read("read output of " + taskId, d -> {
            PreparedStatement ps = d.prepare("SELECT attempt, step, stream, text, run_id FROM output "
                    + "WHERE plan_id = ? AND task_id = ? ORDER BY seq");
            ps.setLong(1, store.planId(d, planUid));
            ps.setString(2, taskId);
            List<OutputChunk> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new OutputChunk(planUid, taskId, rs.getInt(1), rs.getInt(2),
                            OutputChunk.Stream.valueOf(rs.getString(3)), rs.getString(4), rs.getLong(5)));
                }
            }
            return out;
        });
    }

    @Override
    public List<NumberedOutput> outputSince(String planUid, long afterSeq) {
        return db.read("read output of " + planUid, d -> {
            PreparedStatement ps = d.prepare("SELECT seq, task_id, attempt, step, stream, text, run_id FROM output "
                    + "WHERE plan_id = ? AND seq > ? ORDER BY seq");
            ps.setLong(1, store.planId(d, planUid));
            ps.setLong(2, afterSeq);
            List<NumberedOutput> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new NumberedOutput(rs.getLong(1), new OutputChunk(planUid, rs.getString(2), rs.getInt(3),
                            rs.getInt(4), OutputChunk.Stream.valueOf(rs.getString(5)), rs.getString(6), rs.getLong(7))));
                }
            }
            return out;
        });
    }
}
