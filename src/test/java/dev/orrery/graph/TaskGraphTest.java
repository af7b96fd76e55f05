package dev.orrery.graph;

import dev.orrery.model.Dependency;
import dev.orrery.model.Plan;
import dev.orrery.model.ResourceKind;
import dev.orrery.model.Task;
import dev.orrery.model.TaskState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TaskGraphTest {
    /**
     * <pre>
     *   db → app1 → lb
     *   db → app2 → lb
     *   cache (alone)
     * </pre>
     */
    private static final Plan STACK = plan(List.of("db", "cache", "app1", "app2", "lb"),
            "db>app1", "db>app2", "app1>lb", "app2>lb");

    static Plan plan(List<String> ids, String... edges) {
        List<Task> tasks = ids.stream().map(id -> new Task(id, id, ResourceKind.RESOURCE, "run", "h", List.of(),
                Map.of(), null, 0, null, List.of(), 0)).toList();
        List<Dependency> dependencies = Arrays.stream(edges).map(e -> e.split(">"))
                .map(p -> new Dependency(p[0], p[1])).toList();
        return new Plan("p", Fixtures.CREATED, "", tasks, dependencies, dependencies, List.of());
    }

    @Test
    void keepsThePlansTopologicalOrder() {
        TaskGraph graph = TaskGraph.of(STACK);
        assertThat(graph.topologicalOrder()).containsExactly("db", "cache", "app1", "app2", "lb");
        assertThat(graph.graph().vertexSet()).hasSize(5);
        assertThat(graph.graph().edgeSet()).hasSize(4);
    }

    @Test
    void reordersAPlanWhoseOrderIsNotTopological() {
        TaskGraph graph = TaskGraph.of(plan(List.of("child", "parent"), "parent>child"));
        assertThat(graph.topologicalOrder()).containsExactly("parent", "child");
    }

    @Test
    void parentsChildrenDescendantsAncestors() {
        TaskGraph graph = TaskGraph.of(STACK);
        assertThat(graph.parents("lb")).containsExactly("app1", "app2");
        assertThat(graph.children("db")).containsExactly("app1", "app2");
        assertThat(graph.descendants("db")).containsExactly("app1", "app2", "lb");
        assertThat(graph.ancestors("lb")).containsExactly("db", "app1", "app2");
        assertThat(graph.descendants("cache")).isEmpty();
        assertThatThrownBy(() -> graph.parents("nope")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'nope'");
    }

    @Test
    void filterKeepsTasksOnPathsFromStartsToEnds() {
        TaskGraph graph = TaskGraph.of(STACK);
        assertThat(graph.filter(List.of("app1"), List.of("lb"))).containsExactly("app1", "lb");
        assertThat(graph.filter(List.of("db"), List.of("app2"))).containsExactly("db", "app2");
        assertThat(graph.filter(List.of("db"), List.of())).containsExactly("db", "app1", "app2", "lb");
        assertThat(graph.filter(List.of(), List.of("app1"))).containsExactly("db", "app1");
        assertThat(graph.filter(List.of("cache"), List.of("lb"))).isEmpty();
    }

    @Test
    void blockedAreThePendingTasksBehindAnError() {
        TaskGraph graph = TaskGraph.of(STACK);
        assertThat(graph.blocked(Map.of("db", TaskState.SUCCESS, "app1", TaskState.ERROR)))
                .containsExactly("lb");
        assertThat(graph.blocked(Map.of("db", TaskState.ERROR, "app2", TaskState.SKIPPED)))
                .containsExactly("app1", "lb");
        assertThat(graph.blocked(Map.of("db", TaskState.ERROR_RETRY))).isEmpty();
    }

    @Test
    void criticalPathIsTheLongestChainByDuration() {
        TaskGraph graph = TaskGraph.of(STACK);
        TaskGraph.CriticalPath path = graph.criticalPath(Map.of("db", Duration.ofSeconds(2),
                "app1", Duration.ofSeconds(1), "app2", Duration.ofSeconds(5), "lb", Duration.ofSeconds(1),
                "cache", Duration.ofSeconds(7)));
        assertThat(path.tasks()).containsExactly("db", "app2", "lb");
        assertThat(path.length()).isEqualTo(Duration.ofSeconds(8));
        assertThat(graph.criticalPath(Map.of("cache", Duration.ofSeconds(9))).tasks()).containsExactly("cache");
        assertThat(TaskGraph.of(plan(List.of())).criticalPath(Map.of()).length()).isZero();
    }

    @Test
    void refusesBrokenPlans() {
        assertThatThrownBy(() -> TaskGraph.of(plan(List.of("a"), "a>ghost")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ghost");
        assertThatThrownBy(() -> TaskGraph.of(plan(List.of("a", "b"), "a>b", "b>a")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cycle");
    }
}
