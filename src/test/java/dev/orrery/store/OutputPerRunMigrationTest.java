package dev.orrery.store;

import dev.orrery.model.OutputChunk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;

import static org.assertj.core.api.Assertions.assertThat;

/** Schema 9: output rows carry their run; rows written before it belong to the plan's first run. */
@Tag("slow")
class OutputPerRunMigrationTest {
    @TempDir
    Path root;

    @Test
    void olderOutputIsGivenToThePlansFirstRunAndNewOutputKeepsItsOwn() throws Exception {
        Path file = root.resolve(".orrery/history.db");
        Files.createDirectories(file.getParent());
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            c.createStatement().execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
            for (int version = 1; version <= 8; version++) {
                for (String sql : Migrations.statements(Migrations.SCRIPTS.get(version - 1))) {
                    c.createStatement().execute(sql);
                }
                c.createStatement().execute("INSERT INTO schema_version VALUES (" + version + ", 'then')");
            }
            c.createStatement().execute("INSERT INTO plans (id, uid, created, environment) VALUES (1, 'old', '2024-01-01T00:00:00Z', '')");
            c.createStatement().execute("INSERT INTO plans (id, uid, created, environment) VALUES (2, 'never-ran', '2024-01-01T00:00:00Z', '')");
            c.createStatement().execute("INSERT INTO runs (id, plan_id, environment, started) VALUES (7, 1, '', '2024-01-01T00:00:01Z')");
            c.createStatement().execute("INSERT INTO runs (id, plan_id, environment, started) VALUES (9, 1, '', '2024-01-01T00:00:02Z')");
            c.createStatement().execute("INSERT INTO output (plan_id, task_id, attempt, step, stream, text) "
                    + "VALUES (1, 'a.run@h', 1, 0, 'STDOUT', 'before\n')");
            c.createStatement().execute("INSERT INTO output (plan_id, task_id, attempt, step, stream, text) "
                    + "VALUES (2, 'a.run@h', 1, 0, 'STDOUT', 'orphan\n')");
        }
        try (SqliteStore store = SqliteStore.open(root)) {
            assertThat(store.schemaVersion()).isEqualTo(9);
            store.tasks().appendOutput(new OutputChunk("old", "a.run@h", 1, 0, OutputChunk.Stream.STDOUT, "after\n", 9));
            assertThat(store.tasks().output("old", "a.run@h")).extracting(OutputChunk::text, OutputChunk::runId)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("before\n", 7L),
                            org.assertj.core.groups.Tuple.tuple("after\n", 9L));
            assertThat(store.tasks().output("never-ran", "a.run@h")).extracting(OutputChunk::runId).containsExactly(0L);
        }
    }
}
