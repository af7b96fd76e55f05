package dev.orrery.graph;

import dev.orrery.model.Change;
import dev.orrery.model.Dependency;
import dev.orrery.model.Host;
import dev.orrery.model.Plan;
import dev.orrery.model.Task;
import dev.orrery.model.Workspace;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.orrery.graph.Fixtures.CREATED;
import static dev.orrery.graph.Fixtures.change;
import static dev.orrery.graph.Fixtures.component;
import static dev.orrery.graph.Fixtures.host;
import static dev.orrery.graph.Fixtures.job;
import static dev.orrery.graph.Fixtures.linked;
import static dev.orrery.graph.Fixtures.resource;
import static dev.orrery.graph.Fixtures.run;
import static dev.orrery.graph.Fixtures.workspace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlanBuilderTest {
    private static final List<Host> WEB_STACK = List.of(host("db-1", "db", "staging"), host("web-1", "web", "staging"),
            host("web-2", "web", "prod"));

    private static Plan build(Workspace ws, List<Change> changes) {
        return PlanBuilder.build(ws, changes, null, "uid-1", CREATED);
    }

    private static Plan build(Workspace ws, List<Change> changes, String env) {
        return PlanBuilder.build(ws, changes, env, "uid-1", CREATED);
    }

    private static List<String> ids(Plan plan) {
        return plan.tasks().stream().map(Task::id).toList();
    }

    private static Dependency edge(String parent, String child) {
        return new Dependency(parent, child);
    }

    @Test
    void oneTaskPerHostAndWaitForOrdersEveryPair() {
        Workspace ws = workspace(WEB_STACK, resource("app", List.of("web"), "db"), resource("db", List.of("db")));
        Plan plan = build(ws, run("app", "db"));
        assertThat(ids(plan)).containsExactly("db.run@db-1", "app.run@web-1", "app.run@web-2");
        assertThat(plan.edges()).containsExactly(edge("db.run@db-1", "app.run@web-1"),
                edge("db.run@db-1", "app.run@web-2"));
        assertThat(plan.uid()).isEqualTo("uid-1");
        assertThat(plan.created()).isEqualTo(CREATED);
        assertThat(plan.environment()).isEmpty();
        assertThat(plan.tasks().get(0).weight()).isEqualTo(2);
        assertThat(plan.tasks().get(1).weight()).isZero();
    }

    @Test
    void everyTaskOfTheWaiterAfterEveryTaskOfTheDependency() {
        Workspace ws = workspace(WEB_STACK, resource("lb", List.of("web"), "app"), resource("app", List.of("web")));
        Plan plan = build(ws, run("lb", "app"));
        assertThat(plan.declaredEdges()).containsExactlyInAnyOrder(
                edge("app.run@web-1", "lb.run@web-1"), edge("app.run@web-1", "lb.run@web-2"),
                edge("app.run@web-2", "lb.run@web-1"), edge("app.run@web-2", "lb.run@web-2"));
        assertThat(ids(plan)).containsExactly("app.run@web-1", "app.run@web-2", "lb.run@web-1", "lb.run@web-2");
    }

    @Test
    void environmentKeepsOnlyItsHosts() {
        Workspace ws = workspace(WEB_STACK, resource("app", List.of("web")));
        Plan plan = build(ws, run("app"), "prod");
        assertThat(ids(plan)).containsExactly("app.run@web-2");
        assertThat(plan.environment()).isEqualTo("prod");
    }

    @Test
    void removalsRunInReverseOrder() {
        Workspace ws = workspace(WEB_STACK, resource("app", List.of("web-1"), "db"), resource("db", List.of("db")));
        Plan plan = build(ws, List.of(change("db", "remove"), change("app", "remove")));
        assertThat(ids(plan)).containsExactly("app.remove@web-1", "db.remove@db-1");
        assertThat(plan.edges()).containsExactly(edge("app.remove@web-1", "db.remove@db-1"));
    }

    @Test
    void removingADependencyWaitsForItsDependentsToChange() {
        Workspace ws = workspace(WEB_STACK, resource("app", List.of("web-1"), "db"), resource("db", List.of("db")));
        Plan plan = build(ws, List.of(change("db", "remove"), change("app", "update")));
        assertThat(plan.edges()).containsExactly(edge("app.update@web-1", "db.remove@db-1"));
    }

    @Test
    void actionsOfOneResourceOnOneHostChainInStagingOrder() {
        Workspace ws = workspace(WEB_STACK, resource("app", List.of("web")));
        Plan plan = build(ws, List.of(change("app", "update"), change("app", "remove")));
        assertThat(plan.edges()).containsExactly(edge("app.update@web-1", "app.remove@web-1"),
                edge("app.update@web-2", "app.remove@web-2"));
    }

    @Test
    void updateFallsBackToRunStepsWhenNotDefined() {
        var onlyRun = new dev.orrery.model.Resource("tool", dev.orrery.model.ResourceKind.RESOURCE, List.of("db-1"),
                java.util.Set.of(), java.util.Map.of(), Fixtures.actions("tool", "run"), List.of(), java.util.Map.of(),
                "/srv", java.util.Map.of(), dev.orrery.model.SourceRef.NONE);
        Plan plan = build(workspace(WEB_STACK, onlyRun), List.of(change("tool", "update")));
        Task task = plan.tasks().get(0);
        assertThat(task.id()).isEqualTo("tool.update@db-1");
        assertThat(task.steps()).extracting(s -> s.summary()).containsExactly("echo tool run");
        assertThat(task.workdir()).isEqualTo("/srv");
    }

    @Test
    void unknownActionsAndResourcesAreClearErrors() {
        Workspace ws = workspace(WEB_STACK, resource("app", List.of("web")));
        assertThatThrownBy(() -> build(ws, List.of(change("app", "restart"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("resource 'app' has no action 'restart' (it has: run, update, remove)");
        assertThatThrownBy(() -> build(ws, run("ghost")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'ghost'");
    }

    @Test
    void linkedInputsOrderLikeWaitFor() {
        Workspace ws = workspace(WEB_STACK, linked("app", List.of("web-1"), "db"), resource("db", List.of("db")));
        Plan plan = build(ws, run("app", "db"));
        assertThat(plan.edges()).containsExactly(edge("db.run@db-1", "app.run@web-1"));
    }

    @Test
    void orderPassesThroughResourcesOutsideThePlan() {
        Workspace ws = workspace(WEB_STACK, resource("lb", List.of("web-1"), "app"),
                resource("app", List.of("web-1"), "db"), resource("db", List.of("db")));
        Plan plan = build(ws, run("lb", "db"));
        assertThat(ids(plan)).containsExactly("db.run@db-1", "lb.run@web-1");
        assertThat(plan.edges()).containsExactly(edge("db.run@db-1", "lb.run@web-1"));
    }

    @Test
    void reducedEdgesDropShortcutsButDeclaredEdgesKeepThem() {
        Workspace ws = workspace(WEB_STACK, resource("lb", List.of("web-1"), "app", "db"),
                resource("app", List.of("web-1"), "db"), resource("db", List.of("db")));
        Plan plan = build(ws, run("lb", "app", "db"));
        assertThat(ids(plan)).containsExactly("db.run@db-1", "app.run@web-1", "lb.run@web-1");
        assertThat(plan.edges()).containsExactly(edge("db.run@db-1", "app.run@web-1"),
                edge("app.run@web-1", "lb.run@web-1"));
        assertThat(plan.declaredEdges()).hasSize(3).contains(edge("db.run@db-1", "lb.run@web-1"));
        assertThat(plan.tasks()).extracting(Task::weight).containsExactly(2, 1, 0);
    }

    @Test
    void cyclesAreReportedWhole() {
        Workspace ws = workspace(WEB_STACK, resource("a", List.of("db-1"), "b"), resource("b", List.of("db-1"), "c"),
                resource("c", List.of("db-1"), "a"));
        assertThatThrownBy(() -> build(ws, run("a", "b", "c")))
                .isInstanceOf(CycleException.class)
                .hasMessage("a.run@db-1 → b.run@db-1 → c.run@db-1 → a.run@db-1");
    }

    @Test
    void cyclesThroughResourcesOutsideThePlanAreReportedWithResourceNames() {
        Workspace ws = workspace(WEB_STACK, resource("a", List.of("db-1"), "b"), resource("b", List.of("db-1"), "c"),
                resource("c", List.of("db-1"), "a"));
        assertThatThrownBy(() -> build(ws, run("a")))
                .isInstanceOf(CycleException.class).hasMessage("a → b → c → a");
    }

    @Test
    void componentsBuildThenDeployAndWaitForOrdersDeploys() {
        List<Host> hosts = List.of(host("builder", "build"), host("node-1", "components"), host("node-2", "components"),
                host("other"));
        Workspace ws = workspace(hosts, component("toolhunt-cleanup", null, "toolhunt-api"),
                component("toolhunt-api", null), component("toolhunt-flower", "toolhunt-api", "toolhunt-api"));
        List<Change> changes = List.of(change("toolhunt-cleanup", "deploy"), change("toolhunt-api", "deploy"),
                change("toolhunt-flower", "deploy"));
        Plan plan = build(ws, changes);
        assertThat(ids(plan)).containsExactly("toolhunt-cleanup.build@builder", "toolhunt-api.build@builder",
                "toolhunt-api.deploy@node-1", "toolhunt-api.deploy@node-2", "toolhunt-cleanup.deploy@node-1",
                "toolhunt-cleanup.deploy@node-2", "toolhunt-flower.deploy@node-1", "toolhunt-flower.deploy@node-2");
        assertThat(plan.declaredEdges()).contains(
                edge("toolhunt-cleanup.build@builder", "toolhunt-cleanup.deploy@node-1"),
                edge("toolhunt-api.deploy@node-2", "toolhunt-cleanup.deploy@node-1"),
                edge("toolhunt-api.build@builder", "toolhunt-flower.deploy@node-2"));
        // builds do not wait for other components' deploys
        assertThat(plan.declaredEdges()).noneMatch(e -> e.child().contains(".build@"));
    }

    @Test
    void componentsWithoutTaggedHostsUseEveryHost() {
        Workspace ws = workspace(List.of(host("h1"), host("h2")), component("api", null));
        Plan plan = build(ws, List.of(change("api", "deploy")));
        assertThat(ids(plan)).containsExactly("api.build@h1", "api.deploy@h1", "api.deploy@h2");
    }

    @Test
    void orchestrationJobsRunInOrderPerTargetWithBarriersBetweenEntries() {
        List<Host> hosts = List.of(host("c1"), host("c2"), host("c3"));
        Workspace ws = workspace(hosts, job("site", 1, 1, "workdir", false), job("site", 1, 2, "run", false),
                job("site", 2, 1, "run", false, "c1", "c2"));
        Plan plan = build(ws, List.of(change("site.1.1", "workdir"), change("site.1.2", "run"),
                change("site.2.1", "run")));
        assertThat(plan.edges()).containsExactlyInAnyOrder(
                edge("site.1.1.workdir@c1", "site.1.2.run@c1"), edge("site.1.1.workdir@c2", "site.1.2.run@c2"),
                edge("site.1.1.workdir@c3", "site.1.2.run@c3"),
                edge("site.1.2.run@c1", "site.2.1.run@c1"), edge("site.1.2.run@c2", "site.2.1.run@c1"),
                edge("site.1.2.run@c3", "site.2.1.run@c1"), edge("site.1.2.run@c1", "site.2.1.run@c2"),
                edge("site.1.2.run@c2", "site.2.1.run@c2"), edge("site.1.2.run@c3", "site.2.1.run@c2"));
    }

    @Test
    void jobsLeftOutOfThePlanAreSkippedOverAndAsyncEntriesStandApart() {
        List<Host> hosts = List.of(host("c1"));
        Workspace ws = workspace(hosts, job("o", 1, 1, "run", false), job("o", 1, 2, "run", false),
                job("o", 1, 3, "run", false), job("o", 2, 1, "run", true), job("o", 3, 1, "run", false));
        Plan plan = build(ws, List.of(change("o.1.1", "run"), change("o.1.3", "run"), change("o.2.1", "run"),
                change("o.3.1", "run")));
        assertThat(plan.edges()).containsExactly(edge("o.1.1.run@c1", "o.1.3.run@c1"),
                edge("o.1.3.run@c1", "o.3.1.run@c1"));
    }

    @Test
    void tasksCarryTheirResourceSettings() {
        var input = new dev.orrery.model.Input("password", "s3cret", null, null, true, dev.orrery.model.SourceRef.NONE);
        var action = new dev.orrery.model.Action("run", List.of(new dev.orrery.model.Step.Exec("start")), 2,
                java.time.Duration.ofSeconds(30), dev.orrery.model.SourceRef.NONE);
        var db = new dev.orrery.model.Resource("db", dev.orrery.model.ResourceKind.RESOURCE, List.of("db-1"),
                java.util.Set.of("data"), java.util.Map.of("password", input), java.util.Map.of("run", action),
                List.of(), java.util.Map.of("PGPORT", "5432"), "/var/db", java.util.Map.of(),
                dev.orrery.model.SourceRef.NONE);
        Task task = build(workspace(WEB_STACK, db), run("db")).tasks().get(0);
        assertThat(task.retries()).isEqualTo(2);
        assertThat(task.timeout()).isEqualTo(java.time.Duration.ofSeconds(30));
        assertThat(task.env()).containsEntry("PGPORT", "5432");
        assertThat(task.workdir()).isEqualTo("/var/db");
        assertThat(task.secrets()).containsExactly("s3cret");
        assertThat(task.host()).isEqualTo("db-1");
        assertThat(task.resource()).isEqualTo("db");
    }

    @Test
    void sameInputGivesTheSamePlanAndRepeatedChangesCountOnce() {
        Workspace ws = workspace(WEB_STACK, resource("lb", List.of("web"), "app"), resource("app", List.of("web")),
                resource("db", List.of("db")));
        List<Change> changes = new ArrayList<>(run("lb", "db", "app"));
        changes.add(change("app", "run"));
        Plan first = build(ws, changes);
        Plan second = build(ws, changes);
        assertThat(first).isEqualTo(second);
        assertThat(ids(first)).containsExactly("db.run@db-1", "app.run@web-1", "app.run@web-2", "lb.run@web-1",
                "lb.run@web-2");
        assertThat(first.changeIds()).hasSize(4);
    }
}
