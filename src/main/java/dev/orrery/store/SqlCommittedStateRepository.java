package dev.orrery.store;

import dev.orrery.model.ResourceSnapshot;

import java.util.Map;

/** Committed snapshots per environment, and the copies kept with releases. */
final class SqlCommittedStateRepository implements CommittedStateRepository {
    private final Db db;

    SqlCommittedStateRepository(Db db) {
        this.db = db;
    }

    @Override
    public Map<String, ResourceSnapshot> all(String environment) {
        return db.read("read the committed state", d -> {
            var ps = d.prepare("SELECT resource, kind, fields, tags FROM committed WHERE environment = ? "
                    + "ORDER BY resource");
            ps.setString(1, SqlChangeRepository.env(environment));
            return SnapshotRows.all(ps);
        });
    }

    @Override
    public void put(String environment, ResourceSnapshot snapshot) {
        db.write("commit " + snapshot.name(), d -> {
            var ps = d.prepare("INSERT OR REPLACE INTO committed (environment, resource, kind, fields, tags) "
                    + "VALUES (?, ?, ?, ?, ?)");
            ps.setString(1, SqlChangeRepository.env(environment));
            SnapshotRows.bind(ps, 2, snapshot);
            ps.executeUpdate();
            return null;
        });
    }

    @Override
    public void remove(String environment, String resource) {
        db.write("remove " + resource + " from the committed state", d -> {
            var ps = d.prepare("DELETE FROM committed WHERE environment = ? AND resource = ?");
            ps.setString(1, SqlChangeRepository.env(environment));
            ps.setString(2, resource);
            ps.executeUpdate();
            return null;
        });
    }

    @Override
    public Map<String, ResourceSnapshot> atRelease(long releaseId) {
        return db.read("read the state of release " + releaseId, d -> {
            var check = d.prepare("SELECT 1 FROM releases WHERE id = ?");
            check.setLong(1, releaseId);
            try (var rs = check.executeQuery()) {
                if (!rs.next()) {
                    throw new StoreException("no release " + releaseId + " in " + d.file());
                }
            }
            var ps = d.prepare("SELECT resource, kind, fields, tags FROM release_state WHERE release_id = ? "
                    + "ORDER BY resource");
            ps.setLong(1, releaseId);
            return SnapshotRows.all(ps);
        });
    }
}
