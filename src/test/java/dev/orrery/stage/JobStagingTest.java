package dev.orrery.stage;

import dev.orrery.model.Change;
import dev.orrery.model.Plan;
import dev.orrery.model.ResourceKind;
import dev.orrery.model.Task;
import dev.orrery.model.Workspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

@Tag("slow")
class JobStagingTest extends WebstackStoreTest {
    Workspace workspace;

    @BeforeEach
    void writeOrchestration() {
        ws.write("orch.yaml", """
                ---
                - jobs:
                  - WORKDIR: /tmp/orch
                  - RUN: echo hello
                - targets:
                  - db-1
                  jobs:
                  - RUN: echo world
                """);
        workspace = ws.load();
    }

    private List<Change> jobs(StageRequest request) {
        return Stager.preview(workspace, store, request).stream().filter(c -> c.kind() == ResourceKind.JOB).toList();
    }

    private String fingerprint(String job) {
        return Fingerprints.of(workspace.resource(job).orElseThrow());
    }

    @Test
    void jobsAreStagedWhereTheyHaveNotSucceededYet() {
        assertThat(jobs(StageRequest.all())).extracting(Change::resource, Change::action, Change::reason)
                .containsExactly(tuple("orch.1.1", "workdir", "not yet succeeded on db-1, app-1, edge-1"),
                        tuple("orch.1.2", "run", "not yet succeeded on db-1, app-1, edge-1"),
                        tuple("orch.2.1", "run", "not yet succeeded on db-1"));
        for (String host : List.of("db-1", "app-1", "edge-1")) {
            store.jobCache().recordSuccess(host, fingerprint("orch.1.1"), "p", Instant.now());
        }
        store.jobCache().recordSuccess("db-1", fingerprint("orch.1.2"), "p", Instant.now());
        assertThat(jobs(StageRequest.all())).extracting(Change::resource, Change::reason)
                .containsExactly(tuple("orch.1.2", "not yet succeeded on app-1, edge-1"),
                        tuple("orch.2.1", "not yet succeeded on db-1"));
        assertThat(jobs(StageRequest.all().withIgnoreCache(true))).extracting(Change::reason)
                .containsOnly("ignore cache").hasSize(3);
    }

    @Test
    void theProcessedPlanRunsAJobOnlyWhereItIsMissingUnlessTheCacheIsIgnored() {
        store.jobCache().recordSuccess("db-1", fingerprint("orch.1.2"), "p", Instant.now());
        Stager.stage(workspace, store, StageRequest.all().withRestrict(Set.of()).withTags(Set.of()));
        store.changes().discard(store.changes().staged().stream()
                .filter(c -> c.kind() != ResourceKind.JOB).map(Change::id).toList());
        Plan plan = Processor.process(workspace, store, Set.of(), "");
        assertThat(plan.tasks()).extracting(Task::id).containsExactlyInAnyOrder(
                "orch.1.1.workdir@db-1", "orch.1.1.workdir@app-1", "orch.1.1.workdir@edge-1",
                "orch.1.2.run@app-1", "orch.1.2.run@edge-1", "orch.2.1.run@db-1");

        TestWorkspace.succeed(store, plan);
        assertThat(store.jobCache().succeeded("edge-1", fingerprint("orch.1.2"))).isTrue();
        assertThat(jobs(StageRequest.all())).isEmpty();
        assertThat(store.changes().history(-1)).hasSize(3);
        assertThat(store.committed().all("")).as("jobs commit no resource state").isEmpty();

        Stager.stage(workspace, store, StageRequest.all().withIgnoreCache(true).withRestrict(Set.of(fingerprint("orch.1.2"))));
        Plan again = Processor.process(workspace, store, Set.of(), "");
        assertThat(again.tasks()).extracting(Task::id)
                .containsExactly("orch.1.2.run@db-1", "orch.1.2.run@app-1", "orch.1.2.run@edge-1");
    }

    @Test
    void restrictStagesOnlyTheNamedFingerprintsEvenWhenCached() {
        String fp = fingerprint("orch.2.1");
        store.jobCache().recordSuccess("db-1", fp, "p", Instant.now());
        List<Change> changes = Stager.preview(workspace, store, StageRequest.all().withRestrict(Set.of(fp.substring(0, 6))));
        assertThat(changes).extracting(Change::resource, Change::reason)
                .containsExactly(tuple("orch.2.1", "restricted to fingerprint " + fp));
        assertThatThrownBy(() -> Stager.preview(workspace, store, StageRequest.all().withRestrict(Set.of("ffffffffffff"))))
                .isInstanceOf(StageException.class).hasMessageContaining("no job has fingerprint ffffffffffff");
    }

    @Test
    void fingerprintListingStoresNothing() {
        List<Change> listed = Stager.stage(workspace, store, StageRequest.all().withFingerprintsOnly(true));
        assertThat(listed).isNotEmpty();
        assertThat(store.changes().staged()).isEmpty();
        store.jobCache().recordSuccess("db-1", fingerprint("orch.2.1"), "p", Instant.now());
        assertThat(Fingerprints.list(workspace, store.jobCache(), "")).extracting(
                Fingerprints.JobFingerprint::job, Fingerprints.JobFingerprint::verb,
                Fingerprints.JobFingerprint::value, Fingerprints.JobFingerprint::cachedEverywhere)
                .containsExactly(tuple("orch.1.1", "WORKDIR", "/tmp/orch", false),
                        tuple("orch.1.2", "RUN", "echo hello", false), tuple("orch.2.1", "RUN", "echo world", true));
        assertThat(Fingerprints.list(workspace, store.jobCache(), "").get(0).fingerprint()).hasSize(12);
    }

    @Test
    void theRunnersCommitHookCachesSucceededJobTasksOnceAndWritesNoCommittedState() {
        Stager.stage(workspace, store, StageRequest.all().withRestrict(Set.of(fingerprint("orch.1.2"))));
        Plan plan = Processor.process(workspace, store, Set.of(), "");
        Instant at = Instant.now();
        for (Task t : plan.tasks()) {
            store.tasks().transition(plan.uid(), t.id(), dev.orrery.model.TaskState.PENDING,
                    t.host().equals("edge-1") ? dev.orrery.model.TaskState.NOOP : dev.orrery.model.TaskState.RUNNING, null, at);
            store.tasks().transition(plan.uid(), t.id(), dev.orrery.model.TaskState.RUNNING,
                    dev.orrery.model.TaskState.SUCCESS, null, at);
        }
        Change change = store.changes().ofPlan(plan.uid()).get(0);
        assertThat(Commits.commit(store, plan, change, plan.tasks(), at)).isTrue();
        assertThat(Commits.commit(store, plan, change, plan.tasks(), at)).isFalse();
        String fp = fingerprint("orch.1.2");
        assertThat(store.jobCache().succeeded("db-1", fp)).isTrue();
        assertThat(store.jobCache().succeeded("app-1", fp)).isTrue();
        assertThat(store.jobCache().succeeded("edge-1", fp)).as("marked NOOP by hand: it did not run").isFalse();
        assertThat(store.committed().all("")).isEmpty();
        assertThat(store.changes().history(-1)).extracting(e -> e.change().resource()).containsExactly("orch.1.2");
    }
}
