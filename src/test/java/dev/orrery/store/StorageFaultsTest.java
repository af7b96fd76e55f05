package dev.orrery.store;

import dev.orrery.model.OutputChunk;
import dev.orrery.model.Plan;
import dev.orrery.model.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static dev.orrery.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Storage faults are named and never taken for success: a full database (SQLITE_FULL, here through
 * {@code max_page_count}), a history file deleted or replaced under an open store; and the history folder and
 * files are private (0700 / 0600).
 */
class StorageFaultsTest {
    @TempDir
    Path root;

    @Test
    void aFullDatabaseSaysDiskFullAndNamesTheFile() {
        try (SqliteStore store = SqliteStore.open(root)) {
            Plan plan = Fixtures.plan("p-full");
            store.plans().save(plan, Map.of());
            String task = plan.tasks().get(0).id();
            int pages = store.db().read("count pages", d -> {
                try (var rs = d.prepare("PRAGMA page_count").executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            store.db().write("cap the file", d -> {
                d.execute("PRAGMA max_page_count = " + (pages + 2));
                return null;
            });
            String line = "x".repeat(2000) + "\n";
            assertThatThrownBy(() -> {
                for (int i = 0; i < 100; i++) {
                    store.tasks().appendOutput(new OutputChunk(plan.uid(), task, 1, 0, OutputChunk.Stream.STDOUT, line));
                }
            }).isInstanceOf(StoreException.class)
                    .hasMessageStartingWith("disk full: cannot store output of " + task)
                    .hasMessageContaining(store.file().toString());
            // what was committed before stays readable
            assertThat(store.tasks().output(plan.uid(), task)).isNotEmpty()
                    .allSatisfy(c -> assertThat(c.text()).isEqualTo(line));
        }
    }
}
