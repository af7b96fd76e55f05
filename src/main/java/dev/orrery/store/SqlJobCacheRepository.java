package dev.orrery.store;

import java.time.Instant;

/** The job cache: one row per (host, fingerprint), the latest success. */
final class SqlJobCacheRepository implements JobCacheRepository {
    private final Db db;

    SqlJobCacheRepository(Db db) {
        this.db = db;
    }

    @Override
    public boolean succeeded(String host, String fingerprint) {
        return db.read("read the job cache", d -> {
            var ps = d.prepare("SELECT 1 FROM job_cache WHERE host = ? AND fingerprint = ?");
            ps.setString(1, host);
            ps.setString(2, fingerprint);
            try (var rs = ps.executeQuery()) {
                return rs.next();
            }
        });
    }

    @Override
    public void recordSuccess(String host, String fingerprint, String planUid, Instant at) {
        db.write("record a job success", d -> {
            var ps = d.prepare("INSERT OR REPLACE INTO job_cache (host, fingerprint, plan_uid, at) VALUES (?, ?, ?, ?)");
            ps.setString(1, host);
            ps.setString(2, fingerprint);
            ps.setString(3, planUid);
            ps.setString(4, Codec.time(at));
            ps.executeUpdate();
            return null;
        });
    }
}
