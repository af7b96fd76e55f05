package dev.orrery.graph;

import dev.orrery.model.Host;
import dev.orrery.model.Workspace;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.orrery.graph.Fixtures.component;
import static dev.orrery.graph.Fixtures.host;
import static dev.orrery.graph.Fixtures.job;
import static dev.orrery.graph.Fixtures.linked;
import static dev.orrery.graph.Fixtures.resource;
import static dev.orrery.graph.Fixtures.workspace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResourceGraphTest {
    private static final List<Host> HOSTS = List.of(host("h1"));

    private static final Workspace STACK = workspace(HOSTS,
            resource("lb", List.of("h1"), "app", "db"),
            linked("app", List.of("h1"), "db"),
            resource("db", List.of("h1")),
            resource("cache", List.of("h1")));

    @Test
    void nodesInTopologicalOrderAndEdgesReduced() {
        ResourceGraph graph = ResourceGraph.of(STACK);
        assertThat(graph.nodes()).containsExactly("db", "app", "lb", "cache"); // ties in workspace order
        assertThat(graph.edges()).containsExactly(
                new ResourceEdge("db", "app", ResourceEdge.Kind.LINK),
                new ResourceEdge("app", "lb", ResourceEdge.Kind.WAIT_FOR));
        assertThat(graph.declaredEdges()).hasSize(3)
                .contains(new ResourceEdge("db", "lb", ResourceEdge.Kind.WAIT_FOR));
        assertThat(graph.graph().edgeSet()).hasSize(2);
    }

    @Test
    void componentsAndJobs() {
        Workspace ws = workspace(HOSTS, component("api", null), component("flower", "api"),
                job("site", 1, 1, "run", false), job("site", 1, 2, "run", false), job("site", 2, 1, "run", true),
                job("site", 3, 1, "run", false));
        ResourceGraph graph = ResourceGraph.of(ws);
        assertThat(graph.edges()).containsExactlyInAnyOrder(
                new ResourceEdge("api", "flower", ResourceEdge.Kind.REUSE_FROM),
                new ResourceEdge("site.1.1", "site.1.2", ResourceEdge.Kind.JOB_ORDER),
                new ResourceEdge("site.1.2", "site.3.1", ResourceEdge.Kind.JOB_ORDER));
    }

    @Test
    void tellsWhetherANewWaitForWouldCloseACycle() {
        ResourceGraph graph = ResourceGraph.of(STACK);
        assertThat(graph.cycleIfWaitFor("db", "lb")).contains(List.of("db", "lb", "app", "db"));
        assertThat(graph.cycleIfWaitFor("db", "db")).contains(List.of("db", "db"));
        assertThat(graph.cycleIfWaitFor("cache", "lb")).isEmpty();
        assertThat(graph.cycleIfWaitFor("lb", "db")).isEmpty();
        assertThatThrownBy(() -> graph.requireNoCycleIfWaitFor("db", "app"))
                .isInstanceOf(CycleException.class).hasMessage("db → app → db");
        assertThatThrownBy(() -> graph.cycleIfWaitFor("db", "nope")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCyclicWorkspaceIsReportedWhole() {
        Workspace ws = workspace(HOSTS, resource("a", List.of("h1"), "b"), resource("b", List.of("h1"), "c"),
                resource("c", List.of("h1"), "a"), resource("d", List.of("h1"), "a"));
        assertThatThrownBy(() -> ResourceGraph.of(ws)).isInstanceOf(CycleException.class)
                .hasMessage("a → b → c → a")
                .satisfies(e -> assertThat(((CycleException) e).cycle()).containsExactly("a", "b", "c", "a"));
    }
}
