package dev.orrery.gui.workflow;

import dev.orrery.model.Dependency;
import dev.orrery.model.Plan;
import dev.orrery.model.ResourceKind;
import dev.orrery.model.Step;
import dev.orrery.model.Task;
import dev.orrery.model.TaskState;
import dev.orrery.model.TaskStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RunProgressTest {
    static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    /** db → app → lb, db → cache (a small named fixture, as JGraphT's tests do). */
    static Plan webPlan() {
        List<Task> tasks = List.of(task("db"), task("cache"), task("app"), task("lb"));
        return new Plan("p1", T0, null, tasks,
                List.of(new Dependency(id("db"), id("app")), new Dependency(id("app"), id("lb")),
                        new Dependency(id("db"), id("cache"))),
                List.of(), List.of());
    }

    static Task task(String resource) {
        return new Task(id(resource), resource, ResourceKind.RESOURCE, "run", "h1",
                List.of(new Step.Exec("echo " + resource)), Map.of(), null, 0, null, List.of(), 0);
    }

    static String id(String resource) {
        return Task.idOf(resource, "run", "h1");
    }

    static TaskStatus status(String resource, TaskState state, int startSec, Integer endSec) {
        return new TaskStatus("p1", id(resource), state, startSec < 0 ? 0 : 1,
                startSec < 0 ? null : T0.plusSeconds(startSec), endSec == null ? null : T0.plusSeconds(endSec), null);
    }

    @Test
    void pendingTasksBehindAnErrorAreBlockedOthersAreNot() {
        Plan plan = webPlan();
        Map<String, TaskStatus> statuses = Map.of(
                id("db"), status("db", TaskState.SUCCESS, 0, 2),
                id("app"), status("app", TaskState.ERROR, 2, 3),
                id("lb"), status("lb", TaskState.PENDING, -1, null),
                id("cache"), status("cache", TaskState.PENDING, -1, null));

        RunProgress p = RunProgress.of(plan, statuses);

        assertThat(p.blocked()).containsExactly(id("lb"));
        assertThat(p.count(TaskState.PENDING)).isEqualTo(2);
        assertThat(p.fraction()).isEqualTo(0.5);
        assertThat(p.summary()).isEqualTo("4 tasks · 2 pending (1 blocked) · 1 success · 1 error");
        assertThat(p.active()).isFalse();
        assertThat(p.elapsed(T0.plusSeconds(100))).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void elapsedRunsToNowWhileATaskIsRunning() {
        Plan plan = webPlan();
        Map<String, TaskStatus> statuses = Map.of(
                id("db"), status("db", TaskState.SUCCESS, 0, 2),
                id("app"), status("app", TaskState.RUNNING, 2, null));

        RunProgress p = RunProgress.of(plan, statuses);

        assertThat(p.active()).isTrue();
        assertThat(p.elapsed(T0.plusSeconds(7))).isEqualTo(Duration.ofSeconds(7));
        assertThat(p.blocked()).isEmpty();
    }

    @Test
    void noPlanNoProgress() {
        assertThat(RunProgress.NONE.fraction()).isZero();
        assertThat(RunProgress.NONE.elapsed(T0)).isEqualTo(Duration.ZERO);
    }

    @Test
    void afterAnErrorIsSkippedTheChipTheGraphAndTheBarAgreeOnBlocked() {
        Plan plan = webPlan();
        Map<String, TaskStatus> statuses = Map.of(
                id("db"), status("db", TaskState.SUCCESS, 0, 2),
                id("app"), status("app", TaskState.SKIPPED, 2, 3), // failed, then skipped by hand
                id("lb"), status("lb", TaskState.PENDING, -1, null),
                id("cache"), status("cache", TaskState.SUCCESS, 2, 4));

        RunProgress p = RunProgress.of(plan, statuses);
        Map<String, dev.orrery.gui.graph.DisplayState> graph = new dev.orrery.gui.graph.NodeStates(
                dev.orrery.gui.graph.GraphModels.resources(plan, null)).compute(Map.of(id("db"), TaskState.SUCCESS,
                id("app"), TaskState.SKIPPED, id("lb"), TaskState.PENDING, id("cache"), TaskState.SUCCESS));

        assertThat(p.blocked()).containsExactly(id("lb"));
        assertThat(graph.get("lb")).isEqualTo(dev.orrery.gui.graph.DisplayState.BLOCKED);
        assertThat(p.segments()).containsEntry(RunProgress.Segment.DONE, 2)
                .containsEntry(RunProgress.Segment.SKIPPED, 1).containsEntry(RunProgress.Segment.BLOCKED, 1)
                .containsEntry(RunProgress.Segment.PENDING, 0);
        assertThat(p.complete()).isFalse();
        assertThat(RunProgress.of(plan, Map.of(id("db"), status("db", TaskState.SUCCESS, 0, 1),
                id("app"), status("app", TaskState.NOOP, 1, 1), id("lb"), status("lb", TaskState.SUCCESS, 1, 2),
                id("cache"), status("cache", TaskState.SUCCESS, 1, 2))).complete()).isTrue();
    }
}
