package dev.orrery.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("slow")
class CheckpointerTest {
    private static final int ROWS_PER_WRITE = 1_500;
    private static final String ROW = "x".repeat(4_000); // about a page per row: ~6 MB of log per write

    @Test
    void largeWritesAreCopiedBackInTheBackgroundSoTheLogDoesNotGrow(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("history.db");
        Path wal = dir.resolve("history.db-wal");
        long largest = 0;
        try (Db db = new Db(file)) {
            db.write("create", d -> {
                d.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, text TEXT NOT NULL)");
                return null;
            });
            for (int write = 0; write < 5; write++) {
                db.write("fill", d -> {
                    PreparedStatement ps = d.prepare("INSERT INTO t (text) VALUES (?)");
                    for (int i = 0; i < ROWS_PER_WRITE; i++) {
                        ps.setString(1, ROW);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                    return null;
                });
                db.awaitCheckpoint();
                largest = Math.max(largest, Files.size(wal));
            }
            // Without the background checkpoint the log would hold all five writes (~30 MB): SQLite's inline
            // limit is 16,000 pages. With it, each write starts the log over.
            assertThat(largest).isLessThan(3L * ROWS_PER_WRITE * 4_096);
            try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
                 Statement s = other.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COUNT(*), MIN(length(text)) FROM t")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(5 * ROWS_PER_WRITE);
                assertThat(rs.getInt(2)).isEqualTo(ROW.length());
            }
        }
        assertThat(wal).doesNotExist(); // the last close copied the rest back and removed the log
    }
}
