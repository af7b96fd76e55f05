package dev.orrery.stage;

import dev.orrery.model.Change;
import dev.orrery.model.Plan;
import dev.orrery.model.Release;
import dev.orrery.model.ResourceSnapshot;
import dev.orrery.model.Task;
import dev.orrery.model.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

@Tag("slow")
class RollbackTest extends WebstackStoreTest {
    private Release deployAndRelease(String env) {
        Plan plan = deployAll(env);
        return store.releases().record(env, plan.uid(), "test", plan.tasks().size() + " tasks", Instant.now());
    }

    @Test
    void rollingBackUpdatesChangedResourcesAndRemovesNewOnesToTheReleaseState() {
        Release first = deployAndRelease("staging");
        Map<String, ResourceSnapshot> atFirst = store.committed().all("staging");
        ws.edit("      port: 5432", "      port: 6000").write("queue.yaml", """
                resources:
                  queue:
                    target: [db-1]
                    actions:
                      run:
                        - run: mkdir -p queue
                      remove:
                        - run: rm -rf queue
                """);
        deployAndRelease("staging");
        assertThat(store.committed().all("staging")).containsKey("queue");

        Plan plan = Rollback.plan(ws.load(), store, first.id(), null);
        assertThat(store.changes().ofPlan(plan.uid()))
                .extracting(Change::resource, Change::action, Change::reason)
                .containsExactlyInAnyOrder(tuple("queue", "remove", "rollback to release 1"),
                        tuple("database", "update", "rollback to release 1"),
                        tuple("app", "update", "rollback to release 1"));
        assertThat(store.changes().ofPlan(plan.uid())).filteredOn(c -> c.resource().equals("database"))
                .flatExtracting(Change::diff).extracting(Object::toString).contains("~ inputs.port: 6000 → 5432");
        assertThat(plan.tasks()).extracting(Task::id).contains("queue.remove@db-1", "database.update@db-1",
                "app.update@app-1");
        assertThat(store.plans().desired(plan.uid(), "database")).contains(atFirst.get("database"));
        assertThat(store.changes().staged()).isEmpty();

        TestWorkspace.succeed(store, plan);
        assertThat(store.committed().all("staging")).isEqualTo(atFirst);
        // the files still say 6000: the next stage proposes it again
        assertThat(Stager.preview(ws.load(), store, StageRequest.all().withEnvironment("staging")))
                .extracting(Change::resource).contains("database", "queue");
        assertThatThrownBy(() -> Rollback.plan(ws.load(), store, first.id(), "staging"))
                .isInstanceOf(StageException.class).hasMessageContaining("nothing to roll back");
    }

    @Test
    void aResourceTheReleaseHadAndTheFilesDoNotIsRunAgainFromItsSnapshot() {
        ws.write("queue.yaml", """
                resources:
                  queue:
                    target: [db-1]
                    actions:
                      run:
                        - run: mkdir -p queue
                """);
        Release first = deployAndRelease("");
        ws.write("queue.yaml", "resources: {}\n");
        Workspace without = ws.load();
        Stager.stage(without, store, StageRequest.all());
        TestWorkspace.succeed(store, Processor.process(without, store, Set.of(), ""));
        assertThat(store.committed().all("")).doesNotContainKey("queue");

        Plan plan = Rollback.plan(without, store, first.id(), "");
        assertThat(plan.tasks()).extracting(Task::id, Task::steps).containsExactly(
                tuple("queue.run@db-1", java.util.List.of(new dev.orrery.model.Step.Exec("mkdir -p queue"))));
        TestWorkspace.succeed(store, plan);
        assertThat(store.committed().all("")).containsKey("queue");
    }

    @Test
    void unknownReleasesAndOtherEnvironmentsAreRefused() {
        Release first = deployAndRelease("staging");
        assertThatThrownBy(() -> Rollback.plan(ws.load(), store, 42, null)).hasMessageContaining("no release 42");
        assertThatThrownBy(() -> Rollback.plan(ws.load(), store, first.id(), "prod"))
                .hasMessageContaining("is for environment 'staging', not 'prod'");
    }

    @Test
    void theTasksRunTheReleasesStepsWithTheSecretsOfTheFiles() {
        Release first = deployAndRelease("");
        ws.edit("      port: 8080", "      port: 8081");
        deployAndRelease("");

        Plan plan = Rollback.plan(ws.load(), store, first.id(), "");
        Task app = plan.tasks().stream().filter(t -> t.id().equals("app.update@app-1")).findFirst().orElseThrow();
        assertThat(app.steps()).extracting(dev.orrery.model.Step::summary).anySatisfy(s -> assertThat(s)
                .contains("8080").doesNotContain("8081"));
        assertThat(app.steps()).extracting(dev.orrery.model.Step::summary)
                .anySatisfy(s -> assertThat(s).contains("correct-horse-battery"))
                .noneSatisfy(s -> assertThat(s).contains(dev.orrery.model.Secrets.MASK));
        Task lb = plan.tasks().stream().filter(t -> t.id().equals("load-balancer.update@edge-1")
                || t.id().equals("load-balancer.run@edge-1")).findFirst().orElseThrow();
        assertThat(lb.steps().get(0).summary()).contains("8080").doesNotContain("8081");
    }

    @Test
    void aSecretChangedSinceTheReleaseIsRefused() {
        Release first = deployAndRelease("");
        ws.edit("      port: 8080", "      port: 8081").edit("correct-horse-battery", "another-secret");
        deployAndRelease("");
        assertThatThrownBy(() -> Rollback.plan(ws.load(), store, first.id(), ""))
                .isInstanceOf(StageException.class)
                .hasMessageMatching("secret input (password of database|db_password of app) changed since release 1;"
                        + " restore it in the files first");
        assertThat(store.changes().staged()).isEmpty();
    }
}
