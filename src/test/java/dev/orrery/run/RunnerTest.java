package dev.orrery.run;

import dev.orrery.model.Plan;
import dev.orrery.model.ResourceKind;
import dev.orrery.model.RunSummary;
import dev.orrery.model.Step;
import dev.orrery.model.Task;
import dev.orrery.model.TaskState;
import dev.orrery.model.Transition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.orrery.model.TaskState.ERROR;
import static dev.orrery.model.TaskState.ERROR_RETRY;
import static dev.orrery.model.TaskState.PENDING;
import static dev.orrery.model.TaskState.RUNNING;
import static dev.orrery.model.TaskState.SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;

@Tag("slow")
class RunnerTest {
    @TempDir
    Path root;
    RunFixture f;

    @BeforeEach
    void setUp() {
        f = new RunFixture(root, "h1", "h2", "h3");
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void runsAPlanAcrossSandboxHostsInDependencyOrder() throws Exception {
        PlanSketch s = new PlanSketch();
        String a = s.task("a", "h1", "echo a > a.txt");
        String b = s.task("b", "h2", "echo b > b.txt");
        String c = s.task("c", "h3", "echo c > c.txt");
        String d = s.task("d", "h1", "echo d > d.txt");
        Plan plan = s.edge(a, b).edge(a, c).edge(b, d).edge(c, d).save(f.store);

        RunResult result = f.run(plan);

        assertThat(result.result()).isEqualTo(SUCCESS);
        assertThat(result.counts()).containsEntry(SUCCESS, 4);
        assertThat(f.statuses(plan).values()).allSatisfy(st -> {
            assertThat(st.state()).isEqualTo(SUCCESS);
            assertThat(st.attempt()).isEqualTo(1);
            assertThat(st.started()).isNotNull();
            assertThat(st.finished()).isNotNull();
        });
        assertThat(Files.readString(f.folder("h1").resolve("a.txt"))).isEqualTo("a\n");
        assertThat(Files.readString(f.folder("h2").resolve("b.txt"))).isEqualTo("b\n");
        assertThat(Files.readString(f.folder("h3").resolve("c.txt"))).isEqualTo("c\n");
        assertThat(Files.readString(f.folder("h1").resolve("d.txt"))).isEqualTo("d\n");
        List<Transition> log = f.store.tasks().transitions(plan.uid());
        for (var edge : plan.edges()) {
            assertThat(seq(log, edge.child(), RUNNING)).as(edge.toString()).isGreaterThan(seq(log, edge.parent(), SUCCESS));
        }
        List<RunSummary> runs = f.store.runs().ofPlan(plan.uid());
        assertThat(runs).hasSize(1);
        assertThat(runs.get(0).result()).isEqualTo(SUCCESS);
        assertThat(runs.get(0).finished()).isNotNull();
        assertThat(f.store.locks().holder(plan.uid())).isEmpty();
    }

    @Test
    void heaviestReadyTaskStartsFirst() {
        PlanSketch s = new PlanSketch();
        String light = s.task("light", "h1", "true");
        String heavy = s.task("heavy", "h1", "true");
        String child1 = s.task("child1", "h2", "true");
        String child2 = s.task("child2", "h3", "true");
        Plan plan = s.edge(heavy, child1).edge(heavy, child2).save(f.store);

        f.run(plan);

        List<Transition> log = f.store.tasks().transitions(plan.uid());
        assertThat(seq(log, heavy, RUNNING)).isLessThan(seq(log, light, RUNNING));
    }

    @Test
    void failedTaskBlocksItsDescendantsWhileOtherBranchesGoOn() {
        PlanSketch s = new PlanSketch();
        String bad = s.task("bad", "h1", "echo working; echo boom >&2; exit 3");
        String blocked = s.task("blocked", "h1", "true");
        String good = s.task("good", "h2", "true");
        String after = s.task("after", "h3", "true");
        Plan plan = s.edge(bad, blocked).edge(good, after).save(f.store);

        RunResult result = f.run(plan);

        assertThat(result.result()).isEqualTo(ERROR);
        assertThat(f.statuses(plan).get(bad).error()).isEqualTo("exit 3: boom");
        assertThat(f.state(plan, bad)).isEqualTo(ERROR);
        assertThat(f.state(plan, blocked)).isEqualTo(PENDING);
        assertThat(f.state(plan, good)).isEqualTo(SUCCESS);
        assertThat(f.state(plan, after)).isEqualTo(SUCCESS);
        assertThat(result.release()).isEmpty();
        assertThat(f.store.runs().ofPlan(plan.uid()).get(0).result()).isEqualTo(ERROR);
    }

    @Test
    void commandNotFoundIsAReadableError() {
        PlanSketch s = new PlanSketch();
        String missing = s.task("missing", "h1", "orrery-no-such-command --now");
        Plan plan = s.save(f.store);

        f.run(plan);

        assertThat(f.statuses(plan).get(missing).error()).matches("exit 127: .*orrery-no-such-command.*not found.*");
    }

    @Test
    void retriesAfterBackoffUntilTheTaskSucceeds() {
        Path counter = root.resolve("attempts");
        PlanSketch s = new PlanSketch();
        String flaky = s.add("flaky", ResourceKind.RESOURCE, "run", "h1", 2, null, List.of(),
                "n=$(cat " + RunFixture.q(counter) + " 2>/dev/null || echo 0); n=$((n+1)); echo $n > "
                        + RunFixture.q(counter) + "; [ $n -ge 3 ] || { echo \"try $n failed\" >&2; exit 1; }");
        Plan plan = s.save(f.store);

        RunResult result = f.run(plan);

        assertThat(result.result()).isEqualTo(SUCCESS);
        assertThat(f.journey(plan, flaky)).containsExactly(PENDING, RUNNING, ERROR_RETRY, PENDING, RUNNING,
                ERROR_RETRY, PENDING, RUNNING, SUCCESS);
        assertThat(f.statuses(plan).get(flaky).attempt()).isEqualTo(3);
        List<Transition> retries = f.store.tasks().transitions(plan.uid()).stream()
                .filter(t -> t.to() == ERROR_RETRY).toList();
        assertThat(retries.get(0).reason()).isEqualTo("exit 1: try 1 failed (retry 1 of 2 in 30ms)");
        assertThat(retries.get(1).reason()).isEqualTo("exit 1: try 2 failed (retry 2 of 2 in 60ms)");
        // the back-off is observable in the recorded times: each PENDING comes at least the pause after ERROR_RETRY
        List<Transition> log = f.store.tasks().transitions(plan.uid());
        for (int i = 0; i < log.size() - 1; i++) {
            if (log.get(i).to() == ERROR_RETRY) {
                assertThat(Duration.between(log.get(i).at(), log.get(i + 1).at())).isGreaterThanOrEqualTo(Duration.ofMillis(25));
            }
        }
        assertThat(f.store.tasks().output(plan.uid(), flaky)).extracting(c -> c.attempt()).contains(1, 2, 3);
    }

    @Test
    void retriesRunOutIntoError() {
        PlanSketch s = new PlanSketch();
        String broken = s.add("broken", ResourceKind.RESOURCE, "run", "h1", 1, null, List.of(), "exit 9");
        Plan plan = s.save(f.store);

        RunResult result = f.run(plan);

        assertThat(result.result()).isEqualTo(ERROR);
        assertThat(f.journey(plan, broken)).containsExactly(PENDING, RUNNING, ERROR_RETRY, PENDING, RUNNING, ERROR);
        assertThat(f.statuses(plan).get(broken).error()).isEqualTo("exit 9");
    }

    @Test
    void timeoutEndsTheTaskWhileOthersFinish() {
        PlanSketch s = new PlanSketch();
        String slow = s.add("slow", ResourceKind.RESOURCE, "run", "h1", 0, Duration.ofMillis(400), List.of(), "sleep 20");
        String quick = s.task("quick", "h2", "true");
        Plan plan = s.save(f.store);

        RunResult result = f.run(plan);

        assertThat(result.result()).isEqualTo(ERROR);
        assertThat(f.statuses(plan).get(slow).error()).isEqualTo("timed out after 400ms");
        assertThat(f.state(plan, quick)).isEqualTo(SUCCESS);
    }

    @Test
    void aTimedOutTaskLeavesNothingRunningOnItsHost() throws Exception {
        Path done = root.resolve("done");
        PlanSketch s = new PlanSketch();
        String slow = s.add("slow", ResourceKind.RESOURCE, "run", "h1", 0, Duration.ofSeconds(1), List.of(),
                "sleep 3; touch " + RunFixture.q(done));
        Plan plan = s.save(f.store);
        long start = System.nanoTime();

        f.run(plan);

        assertThat(f.statuses(plan).get(slow).error()).isEqualTo("timed out after 1s");
        // the step would have touched the file 3 s after it started: wait past that, it must not appear
        java.util.concurrent.TimeUnit.NANOSECONDS.sleep(Math.max(0, start + Duration.ofMillis(3_500).toNanos()
                - System.nanoTime()));
        assertThat(done).doesNotExist();
    }

    @Test
    void defaultTimeoutFromOptions() {
        PlanSketch s = new PlanSketch();
        String slow = s.task("slow", "h1", "sleep 20");
        Plan plan = s.save(f.store);

        f.runner(RunFixture.fast().withDefaultTimeout(Duration.ofMillis(300))).run(plan.uid());

        assertThat(f.statuses(plan).get(slow).error()).isEqualTo("timed out after 300ms");
    }

    @Test
    void transferStepCopiesAWorkspaceFileBeforeTheNextStep() throws Exception {
        Files.createDirectories(root.resolve("files"));
        Files.writeString(root.resolve("files/app.conf"), "port=8080\n");
        PlanSketch s = new PlanSketch();
        String id = s.add(new Task(Task.idOf("conf", "run", "h1"), "conf", ResourceKind.JOB, "copy", "h1",
                List.of(new Step.Exec("mkdir -p conf"), new Step.Transfer("files/app.conf", "conf/", null, "0640"),
                        new Step.Exec("cat conf/app.conf")), Map.of("GREETING", "hi"), null, 0, null, List.of(), 0));
        Plan plan = s.save(f.store);

        RunResult result = f.run(plan);

        assertThat(result.result()).as(String.valueOf(f.statuses(plan).get(id).error())).isEqualTo(SUCCESS);
        assertThat(Files.readString(f.folder("h1").resolve("conf/app.conf"))).isEqualTo("port=8080\n");
        assertThat(f.store.tasks().output(plan.uid(), id)).anySatisfy(c -> {
            assertThat(c.step()).isEqualTo(2);
            assertThat(c.text()).isEqualTo("port=8080\n");
        });
    }

    @Test
    void unknownHostIsAnErrorOfThatTaskOnly() {
        PlanSketch s = new PlanSketch();
        String lost = s.task("lost", "nowhere", "true");
        String fine = s.task("fine", "h1", "true");
        Plan plan = s.save(f.store);

        f.run(plan);

        assertThat(f.statuses(plan).get(lost).error()).isEqualTo("host nowhere is not in the inventory");
        assertThat(f.state(plan, fine)).isEqualTo(SUCCESS);
    }

    @Test
    void emptyPlanSucceedsWithoutARelease() {
        Plan plan = new PlanSketch().save(f.store);

        RunResult result = f.run(plan);

        assertThat(result.result()).isEqualTo(SUCCESS);
        assertThat(result.release()).isEmpty();
    }

    private static long seq(List<Transition> log, String taskId, TaskState to) {
        return log.stream().filter(t -> t.taskId().equals(taskId) && t.to() == to).mapToLong(Transition::seq)
                .findFirst().orElseThrow(() -> new AssertionError(taskId + " never went " + to));
    }
}
