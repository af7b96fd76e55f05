package dev.orrery.gui.history;

import dev.orrery.model.Dependency;
import dev.orrery.model.Plan;
import dev.orrery.model.ResourceKind;
import dev.orrery.model.Step;
import dev.orrery.model.Task;
import dev.orrery.model.TaskState;
import dev.orrery.model.TaskStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class GanttModelTest {
    static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private static Task task(String resource, String host) {
        return new Task(Task.idOf(resource, "run", host), resource, ResourceKind.RESOURCE, "run", host,
                List.of(new Step.Exec("true")), Map.of(), null, 0, null, List.of(), 0);
    }

    private static TaskStatus st(Task t, TaskState state, long startMs, Long endMs) {
        return new TaskStatus("p", t.id(), state, 1, T0.plusMillis(startMs), endMs == null ? null : T0.plusMillis(endMs), null);
    }

    @Test
    void oneRowPerHostInPlanOrderAndBarsFromTheFirstStart() {
        Task db = task("db", "db-1");
        Task app = task("app", "app-1");
        Task cache = task("cache", "db-1");
        Task lb = task("lb", "edge-1");
        Plan plan = new Plan("p", T0, null, List.of(db, app, cache, lb),
                List.of(new Dependency(db.id(), app.id())), List.of(), List.of());
        Map<String, TaskStatus> statuses = Map.of(
                db.id(), st(db, TaskState.SUCCESS, 1000, 3000L),
                app.id(), st(app, TaskState.RUNNING, 3000, null),
                cache.id(), st(cache, TaskState.ERROR, 3000, 3500L));

        GanttModel g = GanttModel.of(plan, statuses, List.of(db.id(), app.id()), T0.plusMillis(6000));

        assertThat(g.hosts()).containsExactly("db-1", "app-1", "edge-1");
        assertThat(g.bars()).extracting(GanttModel.Bar::taskId).containsExactly(db.id(), app.id(), cache.id());
        GanttModel.Bar first = g.bars().get(0);
        assertThat(first.startMillis()).isZero();
        assertThat(first.durationMillis()).isEqualTo(2000);
        assertThat(first.critical()).isTrue();
        GanttModel.Bar running = g.bars().get(1);
        assertThat(running.row()).isEqualTo(1);
        assertThat(running.endMillis()).isEqualTo(5000);
        assertThat(g.bars().get(2).critical()).isFalse();
        assertThat(g.totalMillis()).isEqualTo(5000);
    }

    @Test
    void nothingStartedMeansAnEmptyTimeline() {
        Task db = task("db", "db-1");
        Plan plan = new Plan("p", T0, null, List.of(db), List.of(), List.of(), List.of());
        assertThat(GanttModel.of(plan, Map.of(), List.of(), T0)).isEqualTo(GanttModel.EMPTY);
    }

    @Test
    void durationsWeighTheCriticalPath() {
        Task db = task("db", "db-1");
        Map<String, Long> d = GanttModel.durations(Map.of(db.id(), st(db, TaskState.SUCCESS, 0, 1500L)), T0);
        assertThat(d).containsEntry(db.id(), 1500L);
    }
}
