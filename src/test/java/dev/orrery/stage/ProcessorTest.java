package dev.orrery.stage;

import dev.orrery.model.Change;
import dev.orrery.model.Plan;
import dev.orrery.model.Step;
import dev.orrery.model.Task;
import dev.orrery.model.TaskState;
import dev.orrery.model.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("slow")
class ProcessorTest extends WebstackStoreTest {
    @Test
    void nothingStagedIsAClearError() {
        Workspace w = ws.load();
        assertThatThrownBy(() -> Processor.process(w, store, Set.of(), ""))
                .isInstanceOf(StageException.class).hasMessage("nothing is staged: run `changes stage` first");
        Stager.stage(w, store, StageRequest.all());
        assertThatThrownBy(() -> Processor.process(w, store, Set.of("nope"), "prod"))
                .hasMessage("nothing is staged for environment 'prod' with tag nope: run `changes stage` first");
    }

    @Test
    void theStoredPlanReadsBackAsProcessedAndItsChangesLeaveTheBucket() {
        Workspace w = ws.load();
        List<Change> staged = Stager.stage(w, store, StageRequest.all());
        Stager.stage(w, store, StageRequest.all().withResource("cache", "test"));
        Plan plan = Processor.process(w, store, Set.of(), "");

        assertThat(store.plans().resolve("last")).isEqualTo(plan.uid());
        assertThat(store.plans().find(plan.uid())).contains(plan);
        assertThat(plan.changeIds()).hasSize(5).containsAll(staged.stream().map(Change::id).toList());
        assertThat(store.changes().staged()).isEmpty();
        assertThat(store.changes().ofPlan(plan.uid())).hasSize(5);
        assertThat(plan.tasks()).extracting(Task::id).startsWith("database.run@db-1", "cache.run@db-1")
                .contains("cache.test@db-1", "app.run@app-1", "load-balancer.run@edge-1");
        assertThat(store.plans().desiredAll(plan.uid())).containsOnlyKeys("app", "cache", "database", "load-balancer");
        assertThat(store.plans().desired(plan.uid(), "database")).contains(Snapshots.of(w.resource("database").orElseThrow()));
        assertThat(store.tasks().statuses(plan.uid()).values()).allMatch(s -> s.state() == TaskState.PENDING);
        // the stored tasks carry the secret (sealed in the file) so the runner can mask it
        assertThat(store.plans().find(plan.uid()).orElseThrow().tasksById().get("app.run@app-1").secrets())
                .containsExactly("correct-horse-battery");
        assertThat(ws.historyBytes()).doesNotContain("correct-horse-battery");
    }

    @Test
    void processingByTagLeavesTheOtherChangesStaged() {
        Workspace w = ws.load();
        Stager.stage(w, store, StageRequest.all());
        Plan backend = Processor.process(w, store, Set.of("backend"), "");
        assertThat(backend.tasks()).extracting(Task::resource).containsExactly("database", "cache");
        assertThat(store.changes().staged()).extracting(Change::resource).containsExactly("app", "load-balancer");
    }

    @Test
    void aResourceWithoutRemoveActionIsForgottenByAnEmptyRemove() {
        ws.write("extra.yaml", """
                resources:
                  note:
                    target: [db-1]
                    actions:
                      run:
                        - run: echo note > note.txt
                """);
        Workspace w = ws.load();
        Stager.stage(w, store, StageRequest.all().withResource("note", null));
        TestWorkspace.succeed(store, Processor.process(w, store, Set.of(), ""));
        assertThat(store.committed().all("")).containsOnlyKeys("note");
        ws.write("extra.yaml", "resources: {}\n");
        Workspace without = ws.load();
        List<Change> gone = Stager.stage(without, store, StageRequest.all().withResource("note", null));
        assertThat(gone).extracting(Change::action, Change::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple("remove", "gone"));
        Plan plan = Processor.process(without, store, Set.of(), "");
        assertThat(plan.tasks()).extracting(Task::id, Task::steps)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("note.remove@db-1", List.<Step>of()));
        TestWorkspace.succeed(store, plan);
        assertThat(store.committed().all("")).isEmpty();
    }
}
