package dev.orrery.cli;

import dev.orrery.TestFiles;
import dev.orrery.model.TaskState;
import dev.orrery.model.TaskStatus;
import dev.orrery.store.SqliteStore;
import dev.orrery.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/** The control verbs restart, noop, filter and retry -t, checked against the real store and sandbox hosts. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@Tag("slow")
class OrchControlTest {
    @TempDir
    Path tmp;

    private static String process(Path ws) {
        CliRun stage = CliRun.in(ws, "changes", "stage");
        assertThat(stage.exitCode()).as(stage.toString()).isIn(ExitCodes.OK, ExitCodes.INVALID);
        CliRun process = CliRun.in(ws, "changes", "process");
        assertThat(process.exitCode()).as(process.toString()).isZero();
        return process.out().strip();
    }

    private static Map<String, TaskState> states(Path ws, String uid) {
        Store store = SqliteStore.open(ws);
        try {
            Map<String, TaskState> out = new TreeMap<>();
            for (TaskStatus s : store.tasks().statuses(uid).values()) {
                out.put(s.taskId(), s.state());
            }
            return out;
        } finally {
            store.close();
        }
    }

    @Test
    void restartRunsEveryTaskAgain() throws Exception {
        Path ws = TestFiles.copySample("webstack", tmp);
        String uid = process(ws);
        assertThat(CliRun.in(ws, "orch", "run-once", "last").exitCode()).isZero();
        Path lb = ws.resolve(".orrery/sandbox/edge-1/lb/lb.conf");
        Files.delete(lb);

        CliRun restart = CliRun.in(ws, "orch", "restart", "last");
        assertThat(restart.exitCode()).as(restart.toString()).isZero();
        assertThat(restart.out()).contains("Restarted plan " + uid + ": 4 tasks PENDING again",
                "load-balancer.run@edge-1  PENDING → RUNNING", "SUCCESS, 4 tasks: 4 SUCCESS");
        assertThat(states(ws, uid)).hasSize(4).allSatisfy((id, state) -> assertThat(state).isEqualTo(TaskState.SUCCESS));
        assertThat(lb).content().contains("backend app-1:8080");
    }

    @Test
    void noopMarksOneTaskDoneWithoutRunningIt() {
        Path ws = TestFiles.copySample("webstack", tmp);
        String uid = process(ws);

        CliRun noop = CliRun.in(ws, "orch", "noop", "last", "-t", "cache.run@db-1");
        assertThat(noop.exitCode()).as(noop.toString()).isZero();
        assertThat(noop.out()).contains("Marked cache.run@db-1 NOOP in plan " + uid);
        assertThat(states(ws, uid)).contains(entry("cache.run@db-1", TaskState.NOOP),
                entry("database.run@db-1", TaskState.PENDING));
        assertThat(CliRun.in(ws, "orch", "report", "last").out()).contains("cache.run@db-1", "NOOP");

        CliRun run = CliRun.in(ws, "orch", "run-once", "last");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(states(ws, uid)).containsOnly(entry("cache.run@db-1", TaskState.NOOP),
                entry("database.run@db-1", TaskState.SUCCESS), entry("app.run@app-1", TaskState.SUCCESS),
                entry("load-balancer.run@edge-1", TaskState.SUCCESS));
        assertThat(ws.resolve(".orrery/sandbox/db-1/cache")).doesNotExist();
        assertThat(ws.resolve(".orrery/sandbox/db-1/db/db.conf")).exists();

        CliRun again = CliRun.in(ws, "orch", "noop", "last", "-t", "cache.run@db-1");
        assertThat(again.out()).contains("Task cache.run@db-1 was already done");
    }

    @Test
    void filterSkipsTheTasksOutsideStartAndEnd() {
        Path ws = TestFiles.copySample("webstack", tmp);
        String uid = process(ws);

        CliRun filter = CliRun.in(ws, "orch", "filter", "last", "-s", "database.run@db-1", "-e", "app.run@app-1");
        assertThat(filter.exitCode()).as(filter.toString()).isZero();
        assertThat(filter.out()).startsWith("Filtered plan " + uid + ": ");
        Map<String, TaskState> states = states(ws, uid);
        assertThat(states).contains(entry("database.run@db-1", TaskState.PENDING),
                entry("app.run@app-1", TaskState.PENDING), entry("load-balancer.run@edge-1", TaskState.SKIPPED));
        long kept = states.values().stream().filter(s -> s != TaskState.SKIPPED).count();
        assertThat(filter.out()).contains(kept + " of 4 tasks kept");

        assertThat(states).containsEntry("cache.run@db-1", TaskState.SKIPPED); // does not follow the start
        assertThat(filter.out()).contains("Note: app.run@app-1 waits for filtered-out cache.run@db-1");

        CliRun.in(ws, "orch", "run-once", "last");
        // app waits for its SKIPPED parent cache, so only database runs
        assertThat(states(ws, uid)).containsOnly(entry("database.run@db-1", TaskState.SUCCESS),
                entry("cache.run@db-1", TaskState.SKIPPED), entry("app.run@app-1", TaskState.PENDING),
                entry("load-balancer.run@edge-1", TaskState.SKIPPED));
        assertThat(ws.resolve(".orrery/sandbox/db-1/db/db.conf")).exists();
        assertThat(ws.resolve(".orrery/sandbox/db-1/cache")).doesNotExist();
        assertThat(ws.resolve(".orrery/sandbox/edge-1/lb")).doesNotExist();

        // as the note says: marking the filtered-out parent done lets app run
        CliRun noop = CliRun.in(ws, "orch", "noop", "last", "-t", "cache.run@db-1");
        assertThat(noop.exitCode()).as(noop.toString()).isZero();
        CliRun.in(ws, "orch", "run-once", "last");
        assertThat(states(ws, uid)).containsEntry("app.run@app-1", TaskState.SUCCESS)
                .containsEntry("load-balancer.run@edge-1", TaskState.SKIPPED);
    }

    @Test
    void retryOfOneTaskRunsItAndWhatItBlocked() throws Exception {
        Path ws = tmp.resolve("flaky");
        Workspaces.write(ws.resolve("inventory.yaml"), """
                hosts:
                  box-1:
                    sandbox: true
                """);
        Workspaces.write(ws.resolve("resources.yaml"), """
                resources:
                  flaky:
                    target: [box-1]
                    actions:
                      run:
                        - run: test -f ok
                  after:
                    target: [box-1]
                    wait-for: [flaky]
                    actions:
                      run:
                        - run: echo done > after.txt
                """);
        String uid = process(ws);
        CliRun first = CliRun.in(ws, "orch", "run-once", "last");
        assertThat(first.exitCode()).as(first.toString()).isEqualTo(ExitCodes.ERROR);
        assertThat(states(ws, uid)).containsEntry("flaky.run@box-1", TaskState.ERROR)
                .doesNotContainEntry("after.run@box-1", TaskState.SUCCESS);
        Path box = ws.resolve(".orrery/sandbox/box-1");
        assertThat(box.resolve("after.txt")).doesNotExist();

        Files.writeString(box.resolve("ok"), "");
        CliRun retry = CliRun.in(ws, "orch", "retry", "last", "-t", "flaky.run@box-1");
        assertThat(retry.exitCode()).as(retry.toString()).isZero();
        assertThat(retry.out()).contains("Retrying plan " + uid + ": ", "flaky.run@box-1  RUNNING → SUCCESS",
                "after.run@box-1  RUNNING → SUCCESS");
        assertThat(states(ws, uid)).containsOnly(entry("flaky.run@box-1", TaskState.SUCCESS),
                entry("after.run@box-1", TaskState.SUCCESS));
        assertThat(box.resolve("after.txt")).content().isEqualTo("done\n");
    }
}
