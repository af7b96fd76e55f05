package dev.orrery.run;

import dev.orrery.model.Task;
import dev.orrery.model.TaskState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReadinessTest {
    @Test
    void aTaskIsStartableWhilePendingWithEveryParentSettledWell() {
        PlanSketch s = new PlanSketch();
        String a = s.task("a", "h1", "true");
        String b = s.task("b", "h1", "true");
        String c = s.task("c", "h2", "true");
        Readiness r = new Readiness(new PlanShape(s.edge(a, c).edge(b, c).build()));
        for (String id : new String[] {a, b, c}) {
            r.set(id, TaskState.PENDING);
        }
        assertThat(r.startable()).extracting(Task::id).containsExactlyInAnyOrder(a, b);

        r.set(a, TaskState.RUNNING);
        r.set(a, TaskState.SUCCESS);
        assertThat(r.startable()).extracting(Task::id).containsExactly(b);

        r.set(b, TaskState.NOOP);
        assertThat(r.startable()).extracting(Task::id).containsExactly(c);

        r.set(a, TaskState.PENDING); // restarted from another process: c waits again
        assertThat(r.startable()).extracting(Task::id).containsExactly(a);

        r.set(a, TaskState.ERROR);
        r.set(c, TaskState.SKIPPED);
        assertThat(r.startable()).isEmpty();
        assertThat(r.state(c)).isEqualTo(TaskState.SKIPPED);
    }

    @Test
    void heavierTasksComeFirst() {
        PlanSketch s = new PlanSketch();
        String light = s.task("light", "h1", "true");
        String heavy = s.task("heavy", "h2", "true");
        String child = s.task("child", "h2", "true");
        Readiness r = new Readiness(new PlanShape(s.edge(heavy, child).build()));
        r.set(light, TaskState.PENDING);
        r.set(heavy, TaskState.PENDING);
        r.set(child, TaskState.PENDING);
        assertThat(r.startable()).extracting(Task::id).containsExactly(heavy, light);
    }
}
