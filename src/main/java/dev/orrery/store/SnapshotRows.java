package dev.orrery.store;

import dev.orrery.model.ResourceKind;
import dev.orrery.model.ResourceSnapshot;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads and writes snapshot rows (columns resource, kind, fields, tags) of the snapshot tables. */
final class SnapshotRows {
    private SnapshotRows() {
    }

    /** Binds resource, kind, fields, tags at {@code first}, {@code first+1}, ... */
    static void bind(PreparedStatement ps, int first, ResourceSnapshot s) throws SQLException {
        Db.bind(ps, first, values(s));
    }

    /** The snapshot's resource, kind, fields and tags columns, encoded (thread-safe, so it can run beside others). */
    static String[] values(ResourceSnapshot s) {
        return new String[] {s.name(), s.kind().name(), Json.write(s.fields()), Codec.tags(s.tags())};
    }

    static ResourceSnapshot read(ResultSet rs) throws SQLException {
        return new ResourceSnapshot(rs.getString("resource"), ResourceKind.valueOf(rs.getString("kind")),
                Json.readStringMap(rs.getString("fields")), Codec.tagsOf(rs.getString("tags")));
    }

    /** Every row of the query, by resource name, in resource order. */
    static Map<String, ResourceSnapshot> all(PreparedStatement ps) throws SQLException {
        Map<String, ResourceSnapshot> out = new LinkedHashMap<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                ResourceSnapshot s = read(rs);
                out.put(s.name(), s);
            }
        }
        return out;
    }
}
