package dev.orrery.gui.workspace;

import dev.orrery.model.Action;
import dev.orrery.model.Change;
import dev.orrery.model.FieldDiff;
import dev.orrery.model.Host;
import dev.orrery.model.Input;
import dev.orrery.model.Plan;
import dev.orrery.model.Resource;
import dev.orrery.model.ResourceKind;
import dev.orrery.model.SourceRef;
import dev.orrery.model.Step;
import dev.orrery.model.Task;
import dev.orrery.model.TaskState;
import dev.orrery.model.TaskStatus;
import dev.orrery.model.Workspace;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DetailsBuilderTest {
    static final String SECRET = "correct-horse";
    static final Path FILE = Path.of("/ws/resources.yaml");

    static Workspace workspace() {
        Host db1 = new Host("db-1", "127.0.0.1", 0, null, null, null, Set.of("staging"), true, false,
                new SourceRef(Path.of("/ws/inventory.yaml"), 3, 3));
        Host db2 = new Host("db-2", "10.0.0.2", 22, "deploy", null, null, Set.of("prod"), false, false,
                new SourceRef(Path.of("/ws/inventory.yaml"), 6, 3));
        Map<String, Input> inputs = new LinkedHashMap<>();
        inputs.put("port", new Input("port", "5432", null, null, false, SourceRef.NONE));
        inputs.put("password", new Input("password", SECRET, null, null, true, SourceRef.NONE));
        Resource db = new Resource("database", ResourceKind.RESOURCE, List.of("db-1", "db-2"), Set.of("data"), inputs,
                Map.of("run", new Action("run", List.of(new Step.Exec("echo 'correct-horse' > pw")), 0, null, SourceRef.NONE)),
                List.of("network"), Map.of(), null, Map.of(), new SourceRef(FILE, 2, 3));
        Map<Path, Workspace.FileKind> files = new LinkedHashMap<>();
        files.put(Path.of("/ws/inventory.yaml"), Workspace.FileKind.INVENTORY);
        files.put(FILE, Workspace.FileKind.RESOURCES);
        return new Workspace(Path.of("/ws"), List.of(db1, db2), List.of(db), files);
    }

    private static String allText(Details d) {
        StringBuilder sb = new StringBuilder(d.title()).append(d.subtitle());
        d.sections().forEach(s -> s.rows().forEach(r -> sb.append(r.key()).append(r.value())));
        return sb.toString();
    }

    @Test
    void aResourceShowsInputsMaskedStepsTargetsAndWaitFor() {
        Workspace ws = workspace();
        Details d = DetailsBuilder.resource(ws, ws.resource("database").orElseThrow(), "staging");

        assertThat(allText(d)).doesNotContain(SECRET);
        assertThat(d.section("Inputs").orElseThrow().rows()).extracting(Details.Row::value).containsExactly("5432", "******");
        assertThat(d.section("Action run").orElseThrow().rows().get(0).value()).isEqualTo("echo '******' > pw");
        assertThat(d.section("Target hosts").orElseThrow().rows()).extracting(Details.Row::key).containsExactly("db-1");
        assertThat(d.section("Wait for").orElseThrow().rows()).extracting(Details.Row::value).containsExactly("network");
    }

    @Test
    void aTaskShowsItsStateTimingsParentsAndTheDiffThatStagedIt() {
        Workspace ws = workspace();
        Task task = new Task("database.run@db-1", "database", ResourceKind.RESOURCE, "run", "db-1",
                List.of(new Step.Exec("echo 'correct-horse' > pw")), Map.of(), null, 0, null, List.of(SECRET), 0);
        Task parent = new Task("network.run@db-1", "network", ResourceKind.RESOURCE, "run", "db-1", List.of(),
                Map.of(), null, 0, null, List.of(), 1);
        Plan plan = new Plan("p", Instant.EPOCH, null, List.of(parent, task),
                List.of(new dev.orrery.model.Dependency(parent.id(), task.id())), List.of(), List.of(1L));
        TaskStatus status = new TaskStatus("p", task.id(), TaskState.ERROR, 2, Instant.EPOCH, Instant.EPOCH.plusMillis(1500),
                "exit 1: could not write correct-horse");
        Change change = new Change(1, "database", ResourceKind.RESOURCE, "update", Set.of("data"),
                List.of(new FieldDiff("inputs.port", FieldDiff.Kind.CHANGED, "5432", "5433")), "changed", "", Instant.EPOCH);

        Details d = DetailsBuilder.task(ws, plan, task, status, List.of(change));

        assertThat(d.state()).isEqualTo(TaskState.ERROR);
        assertThat(allText(d)).doesNotContain(SECRET);
        assertThat(d.section("State and timings").orElseThrow().rows()).extracting(Details.Row::value)
                .contains("ERROR", "2", "1.5 s", "exit 1: could not write ******");
        assertThat(d.section("Wait for").orElseThrow().rows()).extracting(Details.Row::value).containsExactly(parent.id());
        assertThat(d.section("Diff that staged it (changed)").orElseThrow().rows())
                .extracting(Details.Row::value).containsExactly("inputs.port: 5432 → 5433");
    }

    @Test
    void durationsReadLikeAPersonWouldSayThem() {
        assertThat(DetailsBuilder.humanDuration(java.time.Duration.ofMillis(850))).isEqualTo("850 ms");
        assertThat(DetailsBuilder.humanDuration(java.time.Duration.ofSeconds(185))).isEqualTo("3 min 05 s");
    }

    @Test
    void theTreeGroupsByFileAndFiltersKeepingTheFile() {
        WorkspaceTree tree = WorkspaceTree.of(workspace());
        assertThat(tree.files()).extracting(WorkspaceTree.Entry::label).containsExactly("inventory.yaml", "resources.yaml");
        assertThat(tree.files().get(0).children()).extracting(WorkspaceTree.Entry::label).containsExactly("db-1", "db-2");

        WorkspaceTree filtered = tree.filter("DATA");
        assertThat(filtered.files()).extracting(WorkspaceTree.Entry::label).containsExactly("resources.yaml");
        assertThat(filtered.leaves()).extracting(WorkspaceTree.Entry::label).containsExactly("database");
        assertThat(tree.filter("prod").leaves()).extracting(WorkspaceTree.Entry::label).containsExactly("db-2");
        assertThat(tree.filter("nothing-like-this").files()).isEmpty();
    }
}
