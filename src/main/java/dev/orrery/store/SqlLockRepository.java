package dev.orrery.store;

import dev.orrery.model.LockHolder;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * Plan locks: one row per locked plan. A holder on this machine whose pid is no longer alive
 * ({@link ProcessHandle#of}) is stale and taken over; a holder on another machine is trusted to be alive.
 */
final class SqlLockRepository implements LockRepository {
    private final SqliteStore store;
    private final Db db;

    SqlLockRepository(SqliteStore store) {
        this.store = store;
        this.db = store.db();
    }

    @Override
    public LockResult tryLock(String planUid, long pid, String hostname, Instant at) {
        return db.write("lock plan " + planUid, d -> {
            long planId = store.planId(d, planUid);
            Optional<LockHolder> existing = read(d, planId, planUid);
            LockHolder me = new LockHolder(planUid, pid, hostname, at);
            if (existing.isEmpty()) {
                insert(d, planId, me);
                return new LockResult(true, me, Optional.empty());
            }
            LockHolder holder = existing.get();
            if (holder.pid() == pid && holder.hostname().equals(hostname)) {
                return new LockResult(true, holder, Optional.empty());
            }
            if (holder.hostname().equals(hostname) && !alive(holder.pid())) {
                PreparedStatement del = d.prepare("DELETE FROM locks WHERE plan_id = ?");
                del.setLong(1, planId);
                del.executeUpdate();
                insert(d, planId, me);
                return new LockResult(true, me, Optional.of(holder));
            }
            return new LockResult(false, holder, Optional.empty());
        });
    }

    @Override
    public void unlock(String planUid, long pid) {
        db.write("unlock plan " + planUid, d -> {
            PreparedStatement ps = d.prepare("DELETE FROM locks WHERE plan_id = ? AND pid = ?");
            ps.setLong(1, store.planId(d, planUid));
            ps.setLong(2, pid);
            ps.executeUpdate();
            return null;
        });
    }

    @Override
    public Optional<LockHolder> holder(String planUid) {
        String here = localHostname();
        return db.read("read the lock of " + planUid, d -> read(d, store.planId(d, planUid), planUid)
                .filter(h -> !h.hostname().equals(here) || alive(h.pid())));
    }

    private static Optional<LockHolder> read(Db d, long planId, String planUid) throws SQLException {
        PreparedStatement ps = d.prepare("SELECT pid, hostname, since FROM locks WHERE plan_id = ?");
        ps.setLong(1, planId);
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next()
                    ? Optional.of(new LockHolder(planUid, rs.getLong(1), rs.getString(2), Codec.instant(rs.getString(3))))
                    : Optional.empty();
        }
    }

    private static void insert(Db d, long planId, LockHolder h) throws SQLException {
        PreparedStatement ps = d.prepare("INSERT INTO locks (plan_id, pid, hostname, since) VALUES (?, ?, ?, ?)");
        ps.setLong(1, planId);
        ps.setLong(2, h.pid());
        ps.setString(3, h.hostname());
        ps.setString(4, Codec.time(h.since()));
        ps.executeUpdate();
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** This machine's name as lock holders record it. */
    static String localHostname() {
        return LocalHost.name();
    }
}
