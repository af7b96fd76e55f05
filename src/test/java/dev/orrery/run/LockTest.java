package dev.orrery.run;

import dev.orrery.model.Plan;
import dev.orrery.model.TaskState;
import dev.orrery.store.LocalHost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.orrery.model.TaskState.ERROR;
import static dev.orrery.model.TaskState.PENDING;
import static dev.orrery.model.TaskState.RUNNING;
import static dev.orrery.model.TaskState.SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("slow")
class LockTest {
    @TempDir
    Path root;
    RunFixture f;

    @BeforeEach
    void setUp() {
        f = new RunFixture(root, "h1", "h2");
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void aSecondRunnerInThisProcessIsRefused() throws Exception {
        Path gate = root.resolve("gate");
        PlanSketch s = new PlanSketch();
        String a = s.task("a", "h1", RunFixture.waitFor(gate));
        Plan plan = s.save(f.store);
        Future<RunResult> first = f.runInBackground(f.runner(RunFixture.fast()), plan.uid());
        f.awaitState(plan, a, RUNNING);

        assertThatThrownBy(() -> f.runner(RunFixture.fast()).run(plan.uid()))
                .isInstanceOf(PlanLockedException.class)
                .hasMessage("plan " + plan.uid() + " is being run by pid " + ProcessHandle.current().pid()
                        + " on host " + LocalHost.name());

        Files.writeString(gate, "open");
        assertThat(first.get(30, TimeUnit.SECONDS).result()).isEqualTo(SUCCESS);
        assertThat(f.store.locks().holder(plan.uid())).isEmpty();
    }

    @Test
    void aLiveProcessHoldingTheLockRefusesTheRunnerAndControlLeavesItToThatProcess() throws Exception {
        PlanSketch s = new PlanSketch();
        String a = s.task("a", "h1", "true");
        Plan plan = s.save(f.store);
        Process holder = new ProcessBuilder("sleep", "60").start();
        try {
            assertThat(f.store.locks().tryLock(plan.uid(), holder.pid(), LocalHost.name(), Instant.now()).acquired()).isTrue();

            assertThatThrownBy(() -> f.run(plan)).isInstanceOf(PlanLockedException.class)
                    .hasMessage("plan " + plan.uid() + " is being run by pid " + holder.pid() + " on host " + LocalHost.name())
                    .satisfies(e -> assertThat(((PlanLockedException) e).holder().pid()).isEqualTo(holder.pid()));
            ControlResult stopped = new Control(f.store).stop(plan.uid());
            ControlResult resumed = new Control(f.store).resume(plan.uid());
            assertThat(resumed.runner()).get().satisfies(h -> assertThat(h.pid()).isEqualTo(holder.pid()));
            assertThat(resumed.runnerNeeded()).isFalse();
            assertThat(stopped.moved()).containsExactly(a);
            assertThat(f.state(plan, a)).isEqualTo(PENDING);
        } finally {
            holder.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aDeadRunnersLockIsTakenOverAndItsRunningTasksBecomeInterruptedErrors() throws Exception {
        PlanSketch s = new PlanSketch();
        String a = s.task("a", "h1", "echo again > a.txt");
        String b = s.task("b", "h1", "true");
        String c = s.task("c", "h2", "true");
        Plan plan = s.edge(a, b).save(f.store);
        long deadPid = deadPid();
        assertThat(f.store.locks().tryLock(plan.uid(), deadPid, LocalHost.name(), Instant.now()).acquired()).isTrue();
        assertThat(f.store.tasks().transition(plan.uid(), a, PENDING, RUNNING, null, Instant.now())).isTrue();

        RunResult result = f.run(plan);

        assertThat(result.result()).isEqualTo(ERROR);
        assertThat(f.state(plan, a)).isEqualTo(ERROR);
        assertThat(f.statuses(plan).get(a).error())
                .isEqualTo("interrupted (runner pid " + deadPid + " on " + LocalHost.name() + " died)");
        assertThat(f.state(plan, b)).isEqualTo(PENDING);
        assertThat(f.state(plan, c)).isEqualTo(SUCCESS);

        assertThat(new Control(f.store).retry(plan.uid()).runnerNeeded()).isTrue();
        assertThat(f.run(plan).result()).isEqualTo(SUCCESS);
        assertThat(f.folder("h1").resolve("a.txt")).exists();
    }

    @Test
    void tasksLeftRunningWithoutAnyLockAreInterruptedToo() {
        PlanSketch s = new PlanSketch();
        String a = s.task("a", "h1", "true");
        Plan plan = s.save(f.store);
        f.store.tasks().transition(plan.uid(), a, PENDING, RUNNING, null, Instant.now());

        f.run(plan);

        assertThat(f.statuses(plan).get(a).error()).isEqualTo("interrupted (no runner was driving the plan)");
    }

    @Test
    void waitingRetriesOfADeadRunnerArePendingAgain() {
        PlanSketch s = new PlanSketch();
        String a = s.task("a", "h1", "true");
        Plan plan = s.save(f.store);
        Instant now = Instant.now();
        f.store.tasks().transition(plan.uid(), a, PENDING, RUNNING, null, now);
        f.store.tasks().transition(plan.uid(), a, RUNNING, TaskState.ERROR_RETRY, "exit 1", now);

        assertThat(f.run(plan).result()).isEqualTo(SUCCESS);
    }

    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor(10, TimeUnit.SECONDS);
        return p.pid();
    }
}
