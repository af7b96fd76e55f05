package dev.orrery.store;

import dev.orrery.model.Release;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Releases and the copy of the committed state taken with each (one transaction). */
final class SqlReleaseRepository implements ReleaseRepository {
    private final Db db;

    SqlReleaseRepository(Db db) {
        this.db = db;
    }

    @Override
    public Release record(String environment, String planUid, String deployedFingerprint, String summary,
                          Instant at) {
        String env = SqlChangeRepository.env(environment);
        return db.write("record a release", d -> {
            var ps = d.prepare("INSERT INTO releases (at, environment, plan_uid, workspace_fingerprint, summary) "
                    + "VALUES (?, ?, ?, ?, ?)");
            ps.setString(1, Codec.time(at));
            ps.setString(2, env);
            ps.setString(3, planUid);
            ps.setString(4, deployedFingerprint == null ? "" : deployedFingerprint);
            ps.setString(5, summary == null ? "" : summary);
            ps.executeUpdate();
            long id = d.lastId();
            var copy = d.prepare("INSERT INTO release_state (release_id, resource, kind, fields, tags) "
                    + "SELECT ?, resource, kind, fields, tags FROM committed WHERE environment = ?");
            copy.setLong(1, id);
            copy.setString(2, env);
            copy.executeUpdate();
            return new Release(id, at, env, planUid, deployedFingerprint == null ? "" : deployedFingerprint,
                    summary == null ? "" : summary);
        });
    }

    @Override
    public List<Release> list(String environment) {
        return db.read("list releases", d -> {
            var ps = d.prepare("SELECT * FROM releases WHERE ? IS NULL OR environment = ? ORDER BY id DESC");
            ps.setString(1, environment);
            ps.setString(2, environment);
            List<Release> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(release(rs));
                }
            }
            return out;
        });
    }

    @Override
    public Optional<Release> find(long id) {
        return db.read("read release " + id, d -> {
            var ps = d.prepare("SELECT * FROM releases WHERE id = ?");
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(release(rs)) : Optional.empty();
            }
        });
    }

    private static Release release(ResultSet rs) throws SQLException {
        return new Release(rs.getLong("id"), Codec.instant(rs.getString("at")), rs.getString("environment"),
                rs.getString("plan_uid"), rs.getString("workspace_fingerprint"), rs.getString("summary"));
    }
}
