package dev.orrery.run;

import dev.orrery.model.Plan;
import dev.orrery.model.TaskStatus;
import dev.orrery.store.SqliteStore;
import dev.orrery.store.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.orrery.model.TaskState.ERROR;
import static dev.orrery.model.TaskState.NOOP;
import static dev.orrery.model.TaskState.PENDING;
import static dev.orrery.model.TaskState.RUNNING;
import static dev.orrery.model.TaskState.SKIPPED;
import static dev.orrery.model.TaskState.SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every control verb, issued through a second Store instance (as another process would) where it matters. */
@Tag("slow")
class ControlTest {
    @TempDir
    Path root;
    RunFixture f;
    Store other;
    Control control;

    @BeforeEach
    void setUp() {
        f = new RunFixture(root, "h1", "h2");
        other = SqliteStore.open(root);
        control = new Control(other);
    }

    @AfterEach
    void tearDown() {
        other.close();
        f.close();
    }

    @Test
    void stopWhileRunningLetsTheRunningTaskFinishThenResumeContinues() throws Exception {
        Path gate = root.resolve("gate");
        PlanSketch s = new PlanSketch();
        String a = s.task("a", "h1", RunFixture.waitFor(gate));
        String b = s.task("b", "h1", "true");
        String c = s.task("c", "h2", "true");
        Plan plan = s.edge(a, b).edge(b, c).save(f.store);
        Future<RunResult> run = f.runInBackground(f.runner(RunFixture.fast()), plan.uid());
        f.awaitState(plan, a, RUNNING);

        ControlResult stopped = control.stop("last");

        assertThat(stopped.moved()).containsExactly(b, c);
        assertThat(stopped.runner()).isPresent();
        assertThat(stopped.runnerNeeded()).isFalse();
        Files.writeString(gate, "open");
        RunResult result = run.get(30, TimeUnit.SECONDS);
        assertThat(result.result()).isEqualTo(SKIPPED);
        assertThat(f.state(plan, a)).isEqualTo(SUCCESS);
        assertThat(f.state(plan, b)).isEqualTo(SKIPPED);

        ControlResult resumed = control.resume(plan.uid());

        assertThat(resumed.moved()).containsExactly(b, c);
        assertThat(resumed.runner()).isEmpty();
        assertThat(resumed.runnerNeeded()).isTrue();
        RunResult second = f.runner(RunFixture.fast()).run(plan.uid());
        assertThat(second.result()).isEqualTo(SUCCESS);
        assertThat(second.release()).isPresent();
        assertThat(f.store.runs().ofPlan(plan.uid())).hasSize(2);
    }

    @Test
    void retryFromAnotherProcessIsPickedUpByTheLiveRunner() throws Exception {
        Path fixed = root.resolve("fixed");
        Path gate = root.resolve("gate");
        PlanSketch s = new PlanSketch();
        String broken = s.task("broken", "h1", "test -f " + RunFixture.q(fixed) + " || { echo not yet >&2; exit 1; }");
        String slow = s.task("slow", "h2", RunFixture.waitFor(gate));
        Plan plan = s.save(f.store);
        Future<RunResult> run = f.runInBackground(f.runner(RunFixture.fast()), plan.uid());
        f.awaitState(plan, broken, ERROR);
        Files.writeString(fixed, "yes");

        ControlResult retried = control.retry(plan.uid());

        assertThat(retried.moved()).containsExactly(broken);
        assertThat(retried.runnerNeeded()).isFalse();
        f.awaitState(plan, broken, SUCCESS);
        Files.writeString(gate, "open");
        assertThat(run.get(30, TimeUnit.SECONDS).result()).isEqualTo(SUCCESS);
        assertThat(f.store.runs().ofPlan(plan.uid())).hasSize(1);
    }

    @Test
    void retryAfterTheRunEndedAsksForARunner() {
        Path fixed = root.resolve("fixed");
        PlanSketch s = new PlanSketch();
        String broken = s.task("broken", "h1", "test -f " + RunFixture.q(fixed));
        String child = s.task("child", "h2", "true");
        Plan plan = s.edge(broken, child).save(f.store);
        assertThat(f.run(plan).result()).isEqualTo(ERROR);

        ControlResult retried = control.retry("last");

        assertThat(retried.moved()).containsExactly(broken);
        assertThat(retried.runnerNeeded()).isTrue();
        assertThat(f.statuses(plan).get(broken).error()).isNull();
        // still failing: back to ERROR; fixed: SUCCESS and the blocked child runs
        assertThat(f.run(plan).result()).isEqualTo(ERROR);
        control.retry("last");
        try {
            Files.writeString(fixed, "yes");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        assertThat(f.run(plan).result()).isEqualTo(SUCCESS);
        assertThat(f.state(plan, child)).isEqualTo(SUCCESS);
    }

    @Test
    void retryTaskMovesTheTaskAndItsBlockedDescendantsOnly() {
        PlanSketch s = new PlanSketch();
        String a = s.task("a", "h1", "exit 1");
        String b = s.task("b", "h1", "true");
        String c = s.task("c", "h2", "exit 2");
        String d = s.task("d", "h2", "true");
        Plan plan = s.edge(a, b).edge(c, d).save(f.store);
        f.run(plan);
        control.skip(plan.uid(), b);

        ControlResult retried = control.retryTask(plan.uid(), a);

        assertThat(retried.moved()).containsExactly(a, b);
        assertThat(f.state(plan, c)).isEqualTo(ERROR);
        assertThat(f.state(plan, d)).isEqualTo(PENDING);
        assertThatThrownBy(() -> control.retryTask(plan.uid(), d)).isInstanceOf(IllegalStateException.class)
                .hasMessage("task " + d + " is PENDING; only ERROR or SKIPPED tasks can be retried");
        assertThatThrownBy(() -> control.retryTask(plan.uid(), "nope.run@h1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no task nope.run@h1");
    }

    @Test
    void noopMarksAFailedTaskDoneSoItsChildrenRun() {
        PlanSketch s = new PlanSketch();
        String a = s.task("a", "h1", "exit 1");
        String b = s.task("b", "h2", "echo ran > b.txt");
        Plan plan = s.edge(a, b).save(f.store);
        assertThat(f.run(plan).result()).isEqualTo(ERROR);

        ControlResult noop = control.noop(plan.uid(), a);

        assertThat(noop.moved()).containsExactly(a);
        assertThat(noop.runnerNeeded()).isTrue();
        RunResult result = f.run(plan);
        assertThat(result.result()).isEqualTo(SUCCESS);
        assertThat(f.state(plan, a)).isEqualTo(NOOP);
        assertThat(f.folder("h2").resolve("b.txt")).exists();
        assertThat(result.release()).get().satisfies(r -> assertThat(r.summary()).isEqualTo("2 tasks: 1 success, 1 noop; resources: a, b"));
    }

    @Test
    void noopOrSkipOfARunningTaskIsRefused() throws Exception {
        Path gate = root.resolve("gate");
        PlanSketch s = new PlanSketch();
        String a = s.task("a", "h1", RunFixture.waitFor(gate));
        Plan plan = s.save(f.store);
        Future<RunResult> run = f.runInBackground(f.runner(RunFixture.fast()), plan.uid());
        f.awaitState(plan, a, RUNNING);

        assertThatThrownBy(() -> control.noop(plan.uid(), a)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is running");
        assertThatThrownBy(() -> control.skip(plan.uid(), a)).isInstanceOf(IllegalStateException.class);

        Files.writeString(gate, "open");
        assertThat(run.get(30, TimeUnit.SECONDS).result()).isEqualTo(SUCCESS);
    }

    @Test
    void skipTakesOneTaskOutAndItsDescendantsWait() {
        PlanSketch s = new PlanSketch();
        String a = s.task("a", "h1", "true");
        String b = s.task("b", "h1", "true");
        String c = s.task("c", "h2", "true");
        Plan plan = s.edge(a, b).save(f.store);

        assertThat(control.skip(plan.uid(), a).moved()).containsExactly(a);
        RunResult result = f.run(plan);

        assertThat(result.result()).isEqualTo(SKIPPED);
        assertThat(f.state(plan, b)).isEqualTo(PENDING);
        assertThat(f.state(plan, c)).isEqualTo(SUCCESS);
        assertThat(result.release()).isEmpty();
    }

    @Test
    void restartRunsEverythingAgainWithTimesReset() throws Exception {
        Path counter = root.resolve("count");
        PlanSketch s = new PlanSketch();
        String a = s.task("a", "h1", "echo x >> " + RunFixture.q(counter));
        String b = s.task("b", "h2", "true");
        Plan plan = s.edge(a, b).save(f.store);
        f.run(plan);

        ControlResult restarted = control.restart(plan.uid());

        assertThat(restarted.moved()).containsExactly(a, b);
        assertThat(f.statuses(plan).values()).allSatisfy(st -> {
            assertThat(st.state()).isEqualTo(PENDING);
            assertThat(st.attempt()).isZero();
            assertThat(st.started()).isNull();
            assertThat(st.finished()).isNull();
        });
        assertThat(f.run(plan).result()).isEqualTo(SUCCESS);
        assertThat(Files.readAllLines(counter)).hasSize(2);
        assertThat(f.statuses(plan).get(a).attempt()).isEqualTo(1);
    }

    @Test
    void restartWhileRunningStartsTheRunningTaskOverOnceItEnds() throws Exception {
        Path gate = root.resolve("gate");
        Path counter = root.resolve("count");
        PlanSketch s = new PlanSketch();
        String a = s.task("a", "h1", "echo x >> " + RunFixture.q(counter) + "; " + RunFixture.waitFor(gate));
        Plan plan = s.save(f.store);
        Future<RunResult> run = f.runInBackground(f.runner(RunFixture.fast()), plan.uid());
        f.awaitState(plan, a, RUNNING);

        control.restart(plan.uid());
        Files.writeString(gate, "open");

        assertThat(run.get(30, TimeUnit.SECONDS).result()).isEqualTo(SUCCESS);
        assertThat(Files.readAllLines(counter)).hasSize(2);
    }

    @Test
    void filterSkipsTasksOutsideTheSubGraph() {
        PlanSketch s = new PlanSketch();
        String a = s.task("a", "h1", "true");
        String b = s.task("b", "h1", "true");
        String c = s.task("c", "h1", "true");
        String d = s.task("d", "h2", "true");
        Plan plan = s.edge(a, b).edge(b, c).save(f.store);

        ControlResult filtered = control.filter(plan.uid(), List.of(), List.of(b));

        assertThat(filtered.moved()).containsExactly(c, d);
        RunResult result = f.run(plan);
        assertThat(result.result()).isEqualTo(SKIPPED);
        assertThat(f.statuses(plan).values()).extracting(TaskStatus::state)
                .containsExactly(SUCCESS, SUCCESS, SKIPPED, SKIPPED);
        // widening the filter again brings them back
        assertThat(control.filter(plan.uid(), List.of(a), List.of()).moved()).containsExactly(c);
        assertThatThrownBy(() -> control.filter(plan.uid(), List.of("zz.run@h1"), List.of()))
                .hasMessageContaining("has no task zz.run@h1");
    }

    @Test
    void stopFromAnotherProcessBeforeAnyTaskStartsMeansNothingStarts() {
        PlanSketch s = new PlanSketch();
        s.task("a", "h1", "true");
        Plan plan = s.save(f.store);

        control.stop(plan.uid());
        RunResult result = f.run(plan);

        assertThat(result.result()).isEqualTo(SKIPPED);
        assertThat(f.statuses(plan).values()).allSatisfy(st -> assertThat(st.attempt()).isZero());
    }
}
