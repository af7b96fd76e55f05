package dev.orrery.gui.graph;

import dev.orrery.model.Plan;
import dev.orrery.model.ResourceKind;
import dev.orrery.model.Workspace;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GraphModelsTest {
    private final Plan plan = SamplePlans.deployment();

    @Test
    void taskViewHasOneNodePerTaskAndThePlansEdges() {
        GraphModel m = GraphModels.tasks(plan, null);

        assertThat(m.view()).isEqualTo(ViewKind.TASKS);
        assertThat(m.nodes()).extracting(GraphNode::id).containsExactlyElementsOf(
                plan.tasks().stream().map(t -> t.id()).toList());
        assertThat(m.edges()).hasSize(plan.edges().size())
                .contains(new GraphEdge("api.build@build-1", "api.deploy@web-2"));
        assertThat(m.allEdges()).hasSize(plan.declaredEdges().size())
                .contains(new GraphEdge("firewall.run@db-1", "api.deploy@web-1"));
        GraphNode deploy = m.node("api.deploy@web-1").orElseThrow();
        assertThat(deploy.isTask()).isTrue();
        assertThat(deploy.label()).isEqualTo("api");
        assertThat(deploy.detail()).isEqualTo("deploy @ web-1");
        assertThat(deploy.kind()).isEqualTo(ResourceKind.COMPONENT);
        assertThat(m.editable()).isFalse();
    }

    @Test
    void resourceViewOfAPlanJoinsTasksAndReducesTheResourceEdges() {
        GraphModel m = GraphModels.resources(plan, null);

        assertThat(m.nodes()).extracting(GraphNode::id)
                .containsExactly("firewall", "postgres", "redis", "api", "worker", "frontend");
        assertThat(m.node("api").orElseThrow().taskIds())
                .containsExactly("api.build@build-1", "api.deploy@web-1", "api.deploy@web-2");
        assertThat(m.node("api").orElseThrow().detail()).isEqualTo("component · 3 tasks");
        // firewall → api is implied by firewall → postgres → api: drawn only with all edges
        assertThat(m.edges()).doesNotContain(new GraphEdge("firewall", "api"))
                .contains(new GraphEdge("postgres", "api"), new GraphEdge("api", "worker"));
        assertThat(m.allEdges()).contains(new GraphEdge("firewall", "api"));
    }

    @Test
    void tasksOfOneResourceKeepOnlyItsTasksAndTheEdgesBetweenThem() {
        GraphModel m = GraphModels.tasksOf(plan, "api", null);

        assertThat(m.title()).isEqualTo("api");
        assertThat(m.nodes()).extracting(GraphNode::id)
                .containsExactly("api.build@build-1", "api.deploy@web-1", "api.deploy@web-2");
        assertThat(m.edges()).containsExactly(new GraphEdge("api.build@build-1", "api.deploy@web-1"),
                new GraphEdge("api.build@build-1", "api.deploy@web-2"));
    }

    @Test
    void hostViewIsTheTaskViewMarkedForLanes() {
        GraphModel m = GraphModels.hosts(plan, null);

        assertThat(m.view()).isEqualTo(ViewKind.HOSTS);
        assertThat(m.nodes()).allMatch(n -> n.host() != null);
        assertThat(m.nodes()).extracting(GraphNode::host).contains("db-1", "cache-1", "build-1", "web-1", "web-2");
    }

    @Test
    void resourceViewOfAWorkspaceComesFromTheResourceGraphAndKnowsTheWaitForLists() {
        Workspace ws = Fixtures.chain();

        GraphModel m = GraphModels.resources(ws);

        assertThat(m.nodes()).extracting(GraphNode::id).contains("db", "api", "web", "cache");
        assertThat(m.edges()).containsExactlyInAnyOrder(new GraphEdge("db", "api"), new GraphEdge("api", "web"));
        assertThat(m.node("web").orElseThrow().detail()).isEqualTo("resource · 2 hosts");
        assertThat(m.editable()).isTrue();
        assertThat(m.declaresWaitFor("web", "api")).isTrue();
        assertThat(m.declaresWaitFor("api", "web")).isFalse();
    }

    @Test
    void aModelRefusesEdgesToUnknownNodes() {
        GraphNode a = new GraphNode("a", "a", "", ResourceKind.RESOURCE, "a", null, List.of());
        assertThatThrownBy(() -> new GraphModel(ViewKind.RESOURCES, "x", List.of(a), List.of(),
                List.of(new GraphEdge("a", "b")), java.util.Map.of()))
                .hasMessageContaining("a → b");
    }
}
