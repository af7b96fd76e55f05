package dev.orrery.stage;

import dev.orrery.model.Change;
import dev.orrery.model.FieldDiff;
import dev.orrery.model.Plan;
import dev.orrery.model.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** {@code changes stage -r RES -a ACTION} with the meanings of Solar's workflow. */
@Tag("slow")
class ExplicitActionsTest extends WebstackStoreTest {
    @Test
    void runOfAResourceNotYetDeployedIsARun() {
        List<Change> run = Stager.preview(ws.load(), store, StageRequest.all().withResource("app", "run"));
        assertThat(run).extracting(Change::action, Change::reason).containsExactly(tuple("run", "explicit"));
    }

    @Test
    void runOfAnAlreadyDeployedResourceBecomesUpdateAndSaysWhy() {
        deployAll("");
        ws.edit("memory: 64mb", "memory: 128mb");

        List<Change> staged = Stager.stage(ws.load(), store, StageRequest.all().withResource("cache", "run"));

        assertThat(staged).extracting(Change::resource, Change::action, Change::reason)
                .containsExactly(tuple("cache", "update", "already deployed: run becomes update"));
        assertThat(staged.get(0).diff()).contains(new FieldDiff("inputs.memory", FieldDiff.Kind.CHANGED, "64mb", "128mb"));
        Plan plan = Processor.process(ws.load(), store, Set.of(), "");
        // cache has no update action: the update runs its run steps
        assertThat(plan.tasks()).extracting(Task::id).containsExactly("cache.update@db-1");
        TestWorkspace.succeed(store, plan);
        assertThat(store.committed().all("").get("cache").fields()).containsEntry("inputs.memory", "128mb");
    }

    @Test
    void removeForgetsADeployedResourceThatHasNoRemoveAction() {
        ws.edit("      remove:\n        - run: rm -rf cache\n", "");
        deployAll("");

        List<Change> staged = Stager.stage(ws.load(), store, StageRequest.all().withResource("cache", "remove"));

        assertThat(staged).extracting(Change::resource, Change::action).containsExactly(tuple("cache", "remove"));
        assertThat(staged.get(0).diff()).isNotEmpty().allMatch(d -> d.kind() == FieldDiff.Kind.REMOVED);
        Plan plan = Processor.process(ws.load(), store, Set.of(), "");
        assertThat(plan.tasks()).extracting(Task::id).containsExactly("cache.remove@db-1");
        assertThat(plan.tasks().get(0).steps()).isEmpty();
        TestWorkspace.succeed(store, plan);
        assertThat(store.committed().all("")).doesNotContainKey("cache").containsKey("app");
        // as after deleting it from the files: the files still define it, so it is new again
        assertThat(Stager.preview(ws.load(), store, StageRequest.all()))
                .extracting(Change::resource, Change::action, Change::reason).contains(tuple("cache", "run", "new"));
    }

    @Test
    void removeOfAResourceNeitherDeployedNorRemovableSaysThereIsNothingToRemove() {
        ws.edit("      remove:\n        - run: rm -rf cache\n", "");
        assertThatThrownBy(() -> Stager.preview(ws.load(), store, StageRequest.all().withResource("cache", "remove")))
                .isInstanceOf(StageException.class)
                .hasMessage("resource 'cache' is not deployed and has no remove action: there is nothing to remove");
        assertThatThrownBy(() -> Stager.preview(ws.load(), store, StageRequest.all().withResource("cahce", "remove")))
                .isInstanceOf(StageException.class).hasMessageContaining("no resource 'cahce'");
    }

    @Test
    void removeWorksOnAResourceOnlyTheCommittedStateStillHas() {
        deployAll("");
        ws.write("resources.yaml", java.util.regex.Pattern.compile("\n  load-balancer:.*",
                java.util.regex.Pattern.DOTALL).matcher(read("resources.yaml")).replaceAll("\n"));

        List<Change> staged = Stager.stage(ws.load(), store, StageRequest.all().withResource("load-balancer", "remove"));

        assertThat(staged).extracting(Change::resource, Change::action).containsExactly(tuple("load-balancer", "remove"));
        Plan plan = Processor.process(ws.load(), store, Set.of(), "");
        assertThat(plan.tasks()).extracting(Task::id).containsExactly("load-balancer.remove@edge-1");
    }

    private String read(String name) {
        try {
            return java.nio.file.Files.readString(ws.root().resolve(name));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
