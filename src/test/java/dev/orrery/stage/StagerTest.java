package dev.orrery.stage;

import dev.orrery.model.Change;
import dev.orrery.model.FieldDiff;
import dev.orrery.model.Plan;
import dev.orrery.model.ResourceKind;
import dev.orrery.model.Secrets;
import dev.orrery.model.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

@Tag("slow")
class StagerTest extends WebstackStoreTest {
    @Test
    void newResourcesAreStagedAsRunWithEveryFieldAdded() {
        List<Change> changes = Stager.preview(ws.load(), store, StageRequest.all());
        assertThat(changes).extracting(Change::resource, Change::action, Change::reason).containsExactly(
                tuple("database", "run", "new"), tuple("cache", "run", "new"), tuple("app", "run", "new"),
                tuple("load-balancer", "run", "new"));
        Change db = changes.get(0);
        assertThat(db.tags()).containsExactlyInAnyOrder("backend", "data");
        assertThat(db.diff()).allMatch(d -> d.kind() == FieldDiff.Kind.ADDED)
                .contains(new FieldDiff("inputs.port", FieldDiff.Kind.ADDED, null, "5432"),
                        new FieldDiff("inputs.password", FieldDiff.Kind.ADDED, null, Secrets.MASK),
                        new FieldDiff("targets", FieldDiff.Kind.ADDED, null, "db-1"));
        assertThat(db.diff().toString()).doesNotContain("correct-horse-battery");
        assertThat(store.changes().staged()).as("preview writes nothing").isEmpty();
    }

    @Test
    void afterADeploymentNothingDiffersAndAChangedResourceIsStagedAsUpdate() {
        deployAll("");
        assertThat(Stager.preview(ws.load(), store, StageRequest.all())).isEmpty();

        ws.edit("memory: 64mb", "memory: 128mb");
        List<Change> changes = Stager.preview(ws.load(), store, StageRequest.all());
        assertThat(changes).extracting(Change::resource, Change::action, Change::reason)
                .containsExactly(tuple("cache", "update", "changed"));
        assertThat(changes.get(0).diff()).contains(
                new FieldDiff("inputs.memory", FieldDiff.Kind.CHANGED, "64mb", "128mb"));
        assertThat(changes.get(0).diff().get(0).field()).isEqualTo("actions.run.1");
    }

    @Test
    void aResourceTakenOutOfTheFilesIsStagedAsRemoveAndRemovedByItsCommittedSteps() {
        deployAll("");
        ws.write("resources.yaml", java.util.regex.Pattern.compile("\n  load-balancer:.*", java.util.regex.Pattern.DOTALL)
                .matcher(read("resources.yaml")).replaceAll("\n"));
        Workspace w = ws.load();
        assertThat(w.resource("load-balancer")).isEmpty();
        List<Change> changes = Stager.stage(w, store, StageRequest.all());
        assertThat(changes).extracting(Change::resource, Change::action, Change::reason)
                .containsExactly(tuple("load-balancer", "remove", "gone"));
        assertThat(changes.get(0).diff()).allMatch(d -> d.kind() == FieldDiff.Kind.REMOVED);
        Plan plan = Processor.process(w, store, Set.of(), "");
        assertThat(plan.tasks()).extracting(t -> t.id()).containsExactly("load-balancer.remove@edge-1");
        assertThat(plan.tasks().get(0).steps()).containsExactly(new dev.orrery.model.Step.Exec("rm -rf lb"));
        TestWorkspace.succeed(store, plan);
        assertThat(store.committed().all("")).doesNotContainKey("load-balancer");
        assertThat(Stager.preview(w, store, StageRequest.all())).isEmpty();
    }

    @Test
    void tagsRestrictWhatIsStagedAndAreCopiedIntoTheChange() {
        List<Change> backend = Stager.stage(ws.load(), store, StageRequest.all().withTags(Set.of("backend")));
        assertThat(backend).extracting(Change::resource).containsExactly("database", "cache");
        List<Change> two = Stager.preview(ws.load(), store, StageRequest.all().withTags(Set.of("data", "edge")));
        assertThat(two).extracting(Change::resource).containsExactly("database", "load-balancer");
        assertThat(store.changes().staged()).extracting(Change::tags)
                .containsExactly(Set.of("backend", "data"), Set.of("backend"));
    }

    @Test
    void anyActionCanBeStagedExplicitlyEvenWithoutADiff() {
        deployAll("");
        List<Change> restart = Stager.stage(ws.load(), store, StageRequest.all().withResource("app", "restart"));
        assertThat(restart).extracting(Change::resource, Change::action, Change::reason, Change::diff)
                .containsExactly(tuple("app", "restart", "explicit", List.of()));
        Plan plan = Processor.process(ws.load(), store, Set.of(), "");
        assertThat(plan.tasks()).extracting(t -> t.id()).containsExactly("app.restart@app-1");
        assertThat(plan.tasks().get(0).retries()).isEqualTo(2);
        assertThatThrownBy(() -> Stager.preview(ws.load(), store, StageRequest.all().withResource("app", "dance")))
                .isInstanceOf(StageException.class).hasMessageContaining("has no action 'dance'")
                .hasMessageContaining("restart");
        assertThatThrownBy(() -> Stager.preview(ws.load(), store, StageRequest.all().withResource("ap", "test")))
                .hasMessageContaining("no resource 'ap'").hasMessageContaining("did you mean 'app'");
        assertThatThrownBy(() -> Stager.preview(ws.load(), store, StageRequest.all().withResource(null, "test")))
                .hasMessageContaining("needs a resource");
    }

    @Test
    void childrenOfAChangedLinkedInputAreStagedAsUpdateTransitively() {
        deployAll("");
        ws.edit("    inputs:\n      port: 8080", "    inputs:\n      port: 9090");
        List<Change> changes = Stager.preview(ws.load(), store, StageRequest.all());
        assertThat(changes).extracting(Change::resource, Change::action, Change::reason).containsExactly(
                tuple("app", "update", "changed"), tuple("load-balancer", "update", "linked input of app"));
        assertThat(changes.get(1).diff()).contains(
                new FieldDiff("inputs.backend_port", FieldDiff.Kind.CHANGED, "8080", "9090"));
    }

    @Test
    void partialStagingTakesTheLinkedChildrenWhateverTheirTags() {
        deployAll("");
        ws.edit("      port: 6379", "      port: 6380"); // cache (backend); app (frontend) links cache.port
        ws.edit("memory: 64mb", "memory: 64mb"); // nothing else
        List<Change> backend = Stager.preview(ws.load(), store, StageRequest.all().withTags(Set.of("backend")));
        assertThat(backend).extracting(Change::resource, Change::action, Change::reason).containsExactly(
                tuple("cache", "update", "changed"), tuple("app", "update", "linked input of cache"));
        assertThat(backend.get(1).diff()).contains(
                new FieldDiff("inputs.cache_port", FieldDiff.Kind.CHANGED, "6379", "6380"));

        List<Change> one = Stager.preview(ws.load(), store, StageRequest.all().withResource("cache", null));
        assertThat(one).extracting(Change::resource).containsExactly("cache", "app");

        // a tag that picks nothing that changed pulls in no children either
        assertThat(Stager.preview(ws.load(), store, StageRequest.all().withTags(Set.of("edge")))).isEmpty();

        // the whole way: after processing and running, app listens to the new cache port
        Stager.stage(ws.load(), store, StageRequest.all().withTags(Set.of("backend")));
        TestWorkspace.succeed(store, Processor.process(ws.load(), store, Set.of("backend"), ""));
        assertThat(store.committed().all("").get("app").fields().get("inputs.cache_port")).isEqualTo("6380");
        assertThat(Stager.preview(ws.load(), store, StageRequest.all())).isEmpty();
    }

    @Test
    void aChangedSecretIsStagedMaskedAndItsLinkedChildFollows() {
        deployAll("");
        ws.edit("correct-horse-battery", "new-secret-staple");
        List<Change> changes = Stager.stage(ws.load(), store, StageRequest.all());
        assertThat(changes).extracting(Change::resource, Change::reason)
                .containsExactly(tuple("database", "changed"), tuple("app", "linked input of database"));
        assertThat(changes.get(0).diff()).contains(
                new FieldDiff("inputs.password", FieldDiff.Kind.CHANGED, Secrets.MASK, Secrets.MASK));
        TestWorkspace.succeed(store, Processor.process(ws.load(), store, Set.of(), ""));
        assertThat(store.committed().all("").get("database").fields().get("inputs.password"))
                .isEqualTo(Snapshots.digest("new-secret-staple"));
        String bytes = ws.historyBytes();
        assertThat(bytes).doesNotContain("correct-horse-battery").doesNotContain("new-secret-staple");
        assertThat(bytes).contains("db/db.conf");
    }

    @Test
    void environmentsHaveTheirOwnCommittedState() {
        List<Change> staging = Stager.preview(ws.load(), store, StageRequest.all().withEnvironment("staging"));
        assertThat(staging).extracting(Change::resource).containsExactly("database", "cache", "app");
        assertThat(staging).allMatch(c -> c.environment().equals("staging"));
        deployAll("staging");
        assertThat(Stager.preview(ws.load(), store, StageRequest.all().withEnvironment("staging"))).isEmpty();
        assertThat(Stager.preview(ws.load(), store, StageRequest.all().withEnvironment("prod"))).hasSize(4);
        assertThat(store.committed().all("staging")).containsOnlyKeys("app", "cache", "database");
        assertThat(store.committed().all("")).isEmpty();
    }

    @Test
    void componentsAreStagedAsDeploy() {
        ws.write("components.yaml", """
                config-version: 0.1
                components:
                toolhunt-api:
                description: a python-flask api
                type: continuous
                build:
                repository: files
                """);
        List<Change> changes = Stager.preview(ws.load(), store, StageRequest.all());
        assertThat(changes).filteredOn(c -> c.kind() == ResourceKind.COMPONENT)
                .extracting(Change::resource, Change::action).containsExactly(tuple("toolhunt-api", "deploy"));
    }

    private String read(String name) {
        try {
            return java.nio.file.Files.readString(ws.root().resolve(name));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
