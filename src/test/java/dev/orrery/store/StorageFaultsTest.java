package dev.orrery.store;

import dev.orrery.model.OutputChunk;
import dev.orrery.model.Plan;
import dev.orrery.model.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
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
@Tag("slow")
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

    @Test
    void theHistoryFolderIs0700AndItsFiles0600AndLooserOnesAreNarrowed() throws Exception {
        Path folder = root.resolve(".orrery");
        Files.createDirectories(folder);
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (SqliteStore store = SqliteStore.open(root)) {
            Plan plan = Fixtures.plan("p-modes"); // has a secret: the key file is made
            store.plans().save(plan, Map.of());
            assertThat(store.plans().find("p-modes")).isPresent();
            assertThat(mode(folder)).isEqualTo("rwx------");
            for (String name : List.of("history.db", "history.db-wal", "history.db-shm", "history.key")) {
                assertThat(folder.resolve(name)).exists();
                assertThat(mode(folder.resolve(name))).as(name).isEqualTo("rw-------");
            }
        }
        // an older version's world-readable file is narrowed on the next open
        Path file = folder.resolve("history.db");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        try (SqliteStore store = SqliteStore.open(root)) {
            assertThat(mode(file)).isEqualTo("rw-------");
            assertThat(store.plans().find("p-modes")).isPresent();
        }
    }

    @Test
    void aSecretWorkdirIsSealedAndStillReadsBack() {
        Task base = Fixtures.task("db", "run", "h", List.of("hunter2"), "echo hunter2");
        Task task = new Task(base.id(), base.resource(), base.kind(), base.action(), base.host(), base.steps(),
                base.env(), "/srv/hunter2", base.retries(), base.timeout(), base.secrets(), base.weight());
        Plan plan = new Plan("p-wd", T0, "", List.of(task), List.of(), List.of(), List.of());
        try (SqliteStore store = SqliteStore.open(root)) {
            store.plans().save(plan, Map.of());
            assertThat(store.plans().find("p-wd").orElseThrow().tasks().get(0).workdir()).isEqualTo("/srv/hunter2");
            String column = store.db().read("read the column", d -> {
                try (var rs = d.prepare("SELECT workdir, payload FROM plan_tasks").executeQuery()) {
                    rs.next();
                    return rs.getString(1) + " " + rs.getString(2);
                }
            });
            assertThat(column).startsWith("/srv/****** sealed:").doesNotContain("hunter2");
        }
    }

    @Test
    void aHistoryFileDeletedOrReplacedUnderAnOpenStoreRefusesWrites() throws Exception {
        try (SqliteStore store = SqliteStore.open(root)) {
            store.plans().save(Fixtures.plan("p-1"), Map.of());
            Path file = store.file();
            Path copy = root.resolve("copy.db");
            Files.copy(file, copy);
            Files.move(copy, file, StandardCopyOption.REPLACE_EXISTING);
            assertThatThrownBy(() -> store.plans().save(Fixtures.plan("p-2"), Map.of()))
                    .hasMessage("history file " + file + " was replaced during the run; stopping (cannot save plan p-2)");
            Files.delete(file);
            assertThatThrownBy(() -> store.runs().start("p-1", "", T0))
                    .hasMessage("history file " + file + " was deleted during the run; stopping (cannot start a run of p-1)");
        }
    }

    private static String mode(Path path) throws java.io.IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
