package dev.orrery.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Numbered schema migrations: resource {@code migrations/NNN-name.sql} brings the schema to version NNN.
 * The applied version is the highest row of {@code schema_version}. Runs in one write transaction, so two
 * processes opening a new file at once apply each migration exactly once.
 */
final class Migrations {
    /** In order; append new files, never edit a released one. */
    static final List<String> SCRIPTS = List.of("001-initial.sql", "002-transition-trigger.sql",
            "003-staged-lookup.sql", "004-edge-lists.sql", "005-partial-status-indexes.sql",
            "006-processed-plan-index.sql", "007-run-outcome.sql", "008-plan-base.sql",
            "009-output-per-run.sql");

    private Migrations() {
    }

    static int latest() {
        return SCRIPTS.size();
    }

    /** Applies every missing migration; returns the schema version now in the file. */
    static int apply(Db db) {
        if (db.readOnly()) {
            int current = db.read("read the schema version", Migrations::current);
            if (current != latest()) {
                throw new StoreException("disk full: cannot update the schema of history file " + db.file()
                        + " (version " + current + ", this Orrery writes " + latest() + "); free some space, then retry");
            }
            return current;
        }
        return db.write("update the history schema", d -> {
            d.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
            int current = current(d);
            if (current > latest()) {
                throw new StoreException("history file " + d.file() + " has schema version " + current
                        + ", newer than this Orrery understands (" + latest() + "); use a newer Orrery");
            }
            for (int version = current + 1; version <= latest(); version++) {
                for (String statement : statements(SCRIPTS.get(version - 1))) {
                    d.execute(statement);
                }
                var ps = d.prepare("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)");
                ps.setInt(1, version);
                ps.setString(2, Instant.now().toString());
                ps.executeUpdate();
            }
            return latest();
        });
    }

    static int current(Db d) throws SQLException {
        try (ResultSet rs = d.prepare("SELECT COALESCE(MAX(version), 0) FROM schema_version").executeQuery()) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    /** The statements of a script: comments dropped, split at semicolons that end a line. */
    static List<String> statements(String script) {
        String text;
        try (InputStream in = Migrations.class.getResourceAsStream("migrations/" + script)) {
            if (in == null) {
                throw new StoreException("migration " + script + " is missing from the application");
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StoreException("cannot read migration " + script + ": " + e.getMessage(), e);
        }
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n")) {
            int comment = line.indexOf("--");
            String code = comment >= 0 ? line.substring(0, comment) : line;
            current.append(code).append('\n');
            if (code.strip().endsWith(";")) {
                out.add(current.toString().strip());
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            out.add(current.toString().strip());
        }
        return out;
    }
}
