package dev.orrery.cli;

import dev.orrery.Orrery;
import dev.orrery.api.PlanReport;
import dev.orrery.api.TaskReport;
import dev.orrery.model.TaskState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runner is a separate JVM ({@code orrery orch run-once last}), killed while a task runs; this process
 * then finds the task ERROR "interrupted" and retries it to SUCCESS. Also control verbs from a second store
 * while a run goes on.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@Tag("slow")
class CrashRecoveryTest {
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    @Test
    void killedRunnerLeavesInterruptedTaskThatRetrySucceeds() throws Exception {
        Path ws = Workspaces.slowWorkspace(tmp.resolve("ws"), 20);
        assertThat(CliRun.in(ws, "changes", "stage").exitCode()).isZero();
        assertThat(CliRun.in(ws, "changes", "process").exitCode()).isZero();

        Path log = tmp.resolve("runner.log");
        Process runner = new ProcessBuilder(javaBinary(), "-cp", System.getProperty("java.class.path"),
                "dev.orrery.cli.Main", "-w", ws.toString(), "orch", "run-once", "last")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try (Orrery observer = Orrery.open(ws)) {
            Path marker = ws.resolve(".orrery/sandbox/box-1/slept");
            waitFor(observer, r -> stateOf(r, "slow.run@box-1") == TaskState.RUNNING && Files.exists(marker), runner, log);
            runner.destroyForcibly();
            assertThat(runner.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            runner.destroyForcibly();
        }

        CliRun report = CliRun.in(ws, "orch", "report", "last");
        assertThat(report.exitCode()).as(report.toString()).isZero();
        assertThat(report.out()).containsPattern("slow\\.run@box-1\\s+ERROR\\s+box-1\\s+\\S+\\s+interrupted \\(runner pid "
                + runner.pid() + " on .* died\\)");
        assertThat(report.out()).containsPattern("after\\.run@box-1\\s+PENDING \\(blocked\\)");

        CliRun retry = CliRun.in(ws, "orch", "retry", "last");
        assertThat(retry.exitCode()).as(retry.toString()).isZero();
        assertThat(retry.out()).contains("Retrying plan", "1 task PENDING again", "slow.run@box-1  PENDING → RUNNING",
                "after.run@box-1  RUNNING → SUCCESS",
                "SUCCESS, 2 tasks: 2 SUCCESS");
        assertThat(ws.resolve(".orrery/sandbox/box-1/after.txt")).content().isEqualTo("done\n");
    }

    @Test
    void stopFromASecondStoreDuringARunThenResume() throws Exception {
        Path ws = Workspaces.slowWorkspace(tmp.resolve("ws"), 3);
        CliRun.in(ws, "changes", "stage");
        CliRun.in(ws, "changes", "process");

        CliRun[] firstRun = new CliRun[1];
        Thread run = new Thread(() -> firstRun[0] = CliRun.in(ws, "orch", "run-once", "last"));
        run.start();
        try (Orrery observer = Orrery.open(ws)) {
            waitFor(observer, r -> stateOf(r, "slow.run@box-1") == TaskState.RUNNING, null, null);
        }
        CliRun stop = CliRun.in(ws, "orch", "stop", "last");
        assertThat(stop.exitCode()).as(stop.toString()).isZero();
        assertThat(stop.out()).contains("1 task SKIPPED", "the running tasks finish in pid " + ProcessHandle.current().pid());
        run.join(PATIENCE.toMillis());

        assertThat(firstRun[0].exitCode()).as(firstRun[0].toString()).isEqualTo(ExitCodes.ERROR);
        assertThat(firstRun[0].out()).contains("after.run@box-1  PENDING → SKIPPED", "slow.run@box-1  RUNNING → SUCCESS");

        CliRun resume = CliRun.in(ws, "orch", "resume", "last");
        assertThat(resume.exitCode()).as(resume.toString()).isZero();
        assertThat(resume.out()).contains("Resumed plan", "1 task PENDING again", "after.run@box-1  RUNNING → SUCCESS");
    }

    @Test
    void reportWaitFollowsARunOfAnotherStoreUntilItSettles() throws Exception {
        Path ws = Workspaces.slowWorkspace(tmp.resolve("ws"), 2);
        CliRun.in(ws, "changes", "stage");
        CliRun.in(ws, "changes", "process");
        Thread run = new Thread(() -> CliRun.in(ws, "orch", "run-once", "last"));
        run.start();
        try (Orrery observer = Orrery.open(ws)) {
            waitFor(observer, r -> stateOf(r, "slow.run@box-1") == TaskState.RUNNING, null, null);
        }
        CliRun report = CliRun.in(ws, "orch", "report", "last", "--wait");
        run.join(PATIENCE.toMillis());
        assertThat(report.exitCode()).as(report.toString()).isZero();
        assertThat(report.out()).contains("slow.run@box-1  RUNNING → SUCCESS", "after.run@box-1  RUNNING → SUCCESS");
        assertThat(report.out()).containsPattern("after\\.run@box-1\\s+SUCCESS\\s+box-1");
        assertThat(report.out().indexOf("RUNNING → SUCCESS")).isLessThan(report.out().indexOf("TASK"));
    }

    private static TaskState stateOf(PlanReport report, String taskId) {
        return report.tasks().stream().filter(t -> t.task().id().equals(taskId)).map(TaskReport::state)
                .findFirst().orElseThrow();
    }

    private static void waitFor(Orrery orrery, Predicate<PlanReport> condition, Process process, Path log)
            throws Exception {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            if (hasPlan(orrery) && condition.test(orrery.report("last"))) {
                return;
            }
            if (process != null && !process.isAlive()) {
                throw new AssertionError("the runner ended early: " + Files.readString(log));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("timed out waiting; last report: " + orrery.report("last"));
    }

    private static boolean hasPlan(Orrery orrery) {
        List<?> plans = orrery.plans(1);
        return !plans.isEmpty();
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java" + (File.separatorChar == '\\' ? ".exe" : "")).toString();
    }
}
