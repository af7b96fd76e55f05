package dev.orrery.graph;

import dev.orrery.load.LoadResult;
import dev.orrery.load.WorkspaceLoader;
import dev.orrery.model.Change;
import dev.orrery.model.Dependency;
import dev.orrery.model.Plan;
import dev.orrery.model.Resource;
import dev.orrery.model.Task;
import dev.orrery.model.Workspace;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The graph rules on the workspaces of samples/, as the loader reads them. */
class SamplesPlanTest {

    private static Workspace load(String sample) {
        LoadResult result = WorkspaceLoader.load(Path.of("samples", sample));
        assertThat(result.problems()).isEmpty();
        return result.workspace().orElseThrow();
    }

    private static List<Change> stageAll(Workspace ws, String action) {
        return ws.resources().stream().map(r -> Fixtures.change(r.name(), action(r, action))).toList();
    }

    private static String action(Resource r, String fallback) {
        return switch (r.kind()) {
            case COMPONENT -> "deploy";
            case JOB -> r.actions().keySet().iterator().next();
            case RESOURCE -> fallback;
        };
    }

    private static List<String> ids(Plan plan) {
        return plan.tasks().stream().map(Task::id).toList();
    }

    @Test
    void webStackRunsDataFirstAndRemovesItLast() {
        Workspace ws = load("webstack");
        Plan run = PlanBuilder.build(ws, stageAll(ws, "run"), null, "u", Fixtures.CREATED);
        assertThat(ids(run)).containsExactly("database.run@db-1", "cache.run@db-1", "app.run@app-1",
                "load-balancer.run@edge-1");
        assertThat(run.edges()).contains(new Dependency("database.run@db-1", "app.run@app-1"),
                new Dependency("app.run@app-1", "load-balancer.run@edge-1"));
        Plan remove = PlanBuilder.build(ws, stageAll(ws, "remove"), null, "u", Fixtures.CREATED);
        assertThat(ids(remove)).containsExactly("load-balancer.remove@edge-1", "app.remove@app-1",
                "database.remove@db-1", "cache.remove@db-1");
        assertThat(ResourceGraph.of(ws).cycleIfWaitFor("database", "load-balancer"))
                .contains(List.of("database", "load-balancer", "app", "database"));
    }

    @Test
    void webStackStagingLeavesTheProdOnlyEdgeOut() {
        Workspace ws = load("webstack");
        Plan plan = PlanBuilder.build(ws, stageAll(ws, "run"), "staging", "u", Fixtures.CREATED);
        assertThat(ids(plan)).doesNotContain("load-balancer.run@edge-1").contains("app.run@app-1");
        assertThat(plan.environment()).isEqualTo("staging");
    }

    @Test
    void componentSampleBuildsOnTheBuilderAndDeploysOnComponentHosts() {
        Workspace ws = load("components");
        Plan plan = PlanBuilder.build(ws, stageAll(ws, "deploy"), null, "u", Fixtures.CREATED);
        assertThat(ids(plan)).filteredOn(id -> id.contains(".build@"))
                .containsExactly("toolhunt-cleanup.build@builder", "toolhunt-api.build@builder");
        assertThat(ids(plan)).filteredOn(id -> id.contains(".deploy@")).hasSize(6)
                .allMatch(id -> id.endsWith("@node-1") || id.endsWith("@node-2"));
        TaskGraph graph = TaskGraph.of(plan);
        assertThat(graph.ancestors("toolhunt-flower.deploy@node-1"))
                .contains("toolhunt-api.build@builder", "toolhunt-api.deploy@node-1", "toolhunt-api.deploy@node-2");
        assertThat(graph.ancestors("toolhunt-cleanup.deploy@node-2")).contains("toolhunt-cleanup.build@builder",
                "toolhunt-api.deploy@node-1");
    }

    @Test
    void orchestrationSampleRunsEntriesInOrder() {
        Workspace ws = load("orchestration");
        Plan plan = PlanBuilder.build(ws, stageAll(ws, null), null, "u", Fixtures.CREATED);
        TaskGraph graph = TaskGraph.of(plan);
        List<String> secondEntry = ids(plan).stream().filter(id -> id.startsWith("ssh-keys.2.")).toList();
        List<String> firstEntry = ids(plan).stream().filter(id -> id.startsWith("ssh-keys.1.")).toList();
        assertThat(firstEntry).hasSize(9);
        assertThat(secondEntry).hasSize(4).allMatch(id -> id.endsWith("@client-2") || id.endsWith("@client-3"));
        for (String later : secondEntry) {
            assertThat(graph.ancestors(later)).containsAll(firstEntry);
        }
        assertThat(graph.parents("ssh-keys.1.2.add@client-1")).containsExactly("ssh-keys.1.1.workdir@client-1");
    }
}
