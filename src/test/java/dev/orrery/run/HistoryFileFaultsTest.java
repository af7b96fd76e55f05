package dev.orrery.run;

import dev.orrery.model.Plan;
import dev.orrery.model.TaskState;
import dev.orrery.store.SqliteStore;
import dev.orrery.store.StoreException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The history file deleted or replaced while a run goes on: the run stops with an error that names the file
 * instead of finishing SUCCESS into a file nobody will open again, and the tasks after it never start.
 */
@Tag("slow")
class HistoryFileFaultsTest {
    @TempDir
    Path root;
    RunFixture f;

    @BeforeEach
    void setUp() {
        f = new RunFixture(root, "h1");
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void aDeletedHistoryFileStopsTheRun() throws Exception {
        Path history = f.store.file();
        StoreException error = runWhile(plan -> {
            Files.delete(history);
            Files.deleteIfExists(history.resolveSibling("history.db-wal"));
            Files.deleteIfExists(history.resolveSibling("history.db-shm"));
        });
        assertThat(error).hasMessageStartingWith("history file " + history + " was deleted during the run; stopping");
        assertThat(f.folder("h1").resolve("after.txt")).doesNotExist();
        // the next command makes a new history: a stage would then see everything as new, so the run did not
        // pretend it recorded anything
        try (SqliteStore fresh = SqliteStore.open(root)) {
            assertThat(fresh.plans().list(-1)).isEmpty();
        }
    }

    @Test
    void aReplacedHistoryFileStopsTheRun() throws Exception {
        Path history = f.store.file();
        Path copy = root.resolve("copy.db");
        StoreException error = runWhile(plan -> {
            Files.copy(history, copy);
            Files.move(copy, history, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        });
        assertThat(error).hasMessageStartingWith("history file " + history + " was replaced during the run; stopping");
        assertThat(f.folder("h1").resolve("after.txt")).doesNotExist();
    }

    private interface Sabotage {
        void apply(Plan plan) throws Exception;
    }

    /** Runs slow → after, does {@code sabotage} while slow runs; returns how the run ended. */
    private StoreException runWhile(Sabotage sabotage) throws Exception {
        Path started = f.folder("h1").resolve("started");
        Path release = root.resolve("release");
        PlanSketch s = new PlanSketch();
        String slow = s.task("slow", "h1", "touch started; while [ ! -f " + RunFixture.q(release) + " ]; do sleep 0.05; done; "
                + "echo finished");
        String after = s.task("after", "h1", "echo done > after.txt");
        s.edge(slow, after);
        Plan plan = s.save(f.store);

        Future<RunResult> run = f.runInBackground(f.runner(RunFixture.fast()), plan.uid());
        RunFixture.await(() -> Files.exists(started), "the slow task to start");
        sabotage.apply(plan);
        Files.writeString(release, "go");

        Throwable failure = null;
        try {
            RunResult result = run.get(60, TimeUnit.SECONDS);
            assertThat(result.result()).as("a run into a lost history file").isNotEqualTo(TaskState.SUCCESS);
        } catch (ExecutionException e) {
            failure = e.getCause();
        }
        assertThat(failure).isInstanceOf(StoreException.class);
        return (StoreException) failure;
    }
}
