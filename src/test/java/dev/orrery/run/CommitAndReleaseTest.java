package dev.orrery.run;

import dev.orrery.TestFiles;
import dev.orrery.model.Change;
import dev.orrery.model.Plan;
import dev.orrery.model.Release;
import dev.orrery.load.WorkspaceLoader;
import dev.orrery.model.TaskState;
import dev.orrery.model.Workspace;
import dev.orrery.stage.Processor;
import dev.orrery.stage.Snapshots;
import dev.orrery.stage.StageRequest;
import dev.orrery.stage.Stager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

@Tag("slow")
class CommitAndReleaseTest {
    @TempDir
    Path root;
    RunFixture f;

    @BeforeEach
    void setUp() {
        f = new RunFixture(root, "h1", "h2");
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void theWebstackSampleRunsToSuccessCommitsItsChangesAndTheNextPreviewIsEmpty() throws Exception {
        TestFiles.copyTree(Path.of("samples/webstack"), root);
        Workspace ws = WorkspaceLoader.load(root).workspace().orElseThrow();
        StageRequest staging = StageRequest.all().withEnvironment("staging");
        List<Change> staged = Stager.stage(ws, f.store, staging);
        assertThat(staged).isNotEmpty();
        Plan plan = Processor.process(ws, f.store, Set.of(), "staging");

        RunResult result = new Runner(f.store, f.transports, ws, RunFixture.fast()).run(plan.uid());

        assertThat(result.result()).as(f.statuses(plan).toString()).isEqualTo(TaskState.SUCCESS);
        assertThat(Stager.preview(ws, f.store, staging)).isEmpty();
        assertThat(f.store.changes().history(-1)).hasSize(staged.size());
        Release release = result.release().orElseThrow();
        assertThat(release.environment()).isEqualTo("staging");
        assertThat(release.planUid()).isEqualTo(plan.uid());
        assertThat(release.summary()).startsWith(plan.tasks().size() + " tasks: " + plan.tasks().size() + " success; resources: ");
        assertThat(release.deployedFingerprint()).matches("sha256:[0-9a-f]{64}");
        assertThat(f.store.releases().list("staging")).extracting(Release::id).containsExactly(release.id());
        for (var task : plan.tasks()) {
            assertThat(f.store.tasks().output(plan.uid(), task.id()))
                    .allSatisfy(c -> assertThat(c.text()).doesNotContain("correct-horse-battery"));
        }
        // a plan records one release, however often it is run again
        new Control(f.store).restart(plan.uid());
        assertThat(new Runner(f.store, f.transports, ws, RunFixture.fast()).run(plan.uid()).release()).isEmpty();
    }

    @Test
    void nothingIsCommittedForAChangeWhoseTasksDidNotAllSucceed() throws Exception {
        TestFiles.copyTree(Path.of("samples/webstack"), root);
        Workspace ws = WorkspaceLoader.load(root).workspace().orElseThrow();
        StageRequest staging = StageRequest.all().withEnvironment("staging");
        Stager.stage(ws, f.store, staging);
        Plan plan = Processor.process(ws, f.store, Set.of(), "staging");
        String app = plan.tasks().stream().filter(t -> t.resource().equals("app")).findFirst().orElseThrow().id();
        new Control(f.store).skip(plan.uid(), app);

        RunResult result = new Runner(f.store, f.transports, ws, RunFixture.fast()).run(plan.uid());

        assertThat(result.result()).isEqualTo(TaskState.SKIPPED);
        assertThat(result.release()).isEmpty();
        assertThat(f.store.committed().all("staging")).doesNotContainKey("app").containsKey("database");
        assertThat(Stager.preview(ws, f.store, staging)).extracting(Change::resource).contains("app");
    }

    @Test
    void aResourceCommitsOnlyWhenEveryTaskOfItInThePlanSucceeded() throws Exception {
        TestFiles.copyTree(Path.of("samples/webstack"), root);
        Workspace ws = WorkspaceLoader.load(root).workspace().orElseThrow();
        Stager.stage(ws, f.store, StageRequest.all().withTags(Set.of("backend")));
        Stager.stage(ws, f.store, StageRequest.all().withResource("database", "restart"));
        Plan plan = Processor.process(ws, f.store, Set.of(), "");
        String restart = plan.tasks().stream().filter(t -> t.action().equals("restart")).findFirst().orElseThrow().id();
        new Control(f.store).skip(plan.uid(), restart);

        RunResult first = new Runner(f.store, f.transports, ws, RunFixture.fast()).run(plan.uid());

        assertThat(first.result()).isEqualTo(TaskState.SKIPPED);
        assertThat(f.store.committed().all("")).as("database's run succeeded, its restart did not run")
                .containsKey("cache").doesNotContainKey("database");
        assertThat(f.store.changes().history(-1)).extracting(e -> e.change().resource()).containsOnly("cache");

        new Control(f.store).noop(plan.uid(), restart);
        RunResult second = new Runner(f.store, f.transports, ws, RunFixture.fast()).run(plan.uid());

        assertThat(second.result()).isEqualTo(TaskState.SUCCESS);
        assertThat(f.store.committed().all("")).containsKeys("cache", "database");
        assertThat(f.store.changes().history(-1)).extracting(e -> e.change().action())
                .containsExactlyInAnyOrder("run", "run", "restart");
    }

    @Test
    void aReleaseRecordsWhatThePlanDeployedNotTheFilesAsTheyAreWhenTheRunEnds() throws Exception {
        TestFiles.copyTree(Path.of("samples/webstack"), root);
        Workspace first = WorkspaceLoader.load(root).workspace().orElseThrow();
        Stager.stage(first, f.store, StageRequest.all());
        Plan deployAll = Processor.process(first, f.store, Set.of(), "");
        Release one = new Runner(f.store, f.transports, first, RunFixture.fast()).run(deployAll.uid()).release()
                .orElseThrow();

        Path resources = root.resolve("resources.yaml");
        Files.writeString(resources, Files.readString(resources).replace("port: 8080", "port: 8081"));
        Workspace v8081 = WorkspaceLoader.load(root).workspace().orElseThrow();
        Stager.stage(v8081, f.store, StageRequest.all());
        Plan plan = Processor.process(v8081, f.store, Set.of(), "");
        // the files move on before the plan runs; the release must still say what the plan put on the hosts
        Files.writeString(resources, Files.readString(resources).replace("port: 8081", "port: 8082"));
        Release two = new Runner(f.store, f.transports, v8081, RunFixture.fast()).run(plan.uid()).release()
                .orElseThrow();

        var committed = f.store.committed().all("");
        assertThat(committed.get("app").fields()).containsEntry("inputs.port", "8081");
        String expected = Snapshots.digest("app=" + Snapshots.fingerprint(committed.get("app")) + "\n"
                + "load-balancer=" + Snapshots.fingerprint(committed.get("load-balancer")) + "\n");
        assertThat(two.deployedFingerprint()).isEqualTo(expected).isNotEqualTo(one.deployedFingerprint());
    }

    @Test
    void aPlanOfCustomActionsIsARunInTheHistoryButNotARelease() throws Exception {
        TestFiles.copyTree(Path.of("samples/webstack"), root);
        Workspace ws = WorkspaceLoader.load(root).workspace().orElseThrow();
        Stager.stage(ws, f.store, StageRequest.all());
        Plan deploy = Processor.process(ws, f.store, Set.of(), "");
        assertThat(new Runner(f.store, f.transports, ws, RunFixture.fast()).run(deploy.uid()).release()).isPresent();
        Stager.stage(ws, f.store, StageRequest.all().withResource("app", "restart"));
        Stager.stage(ws, f.store, StageRequest.all().withResource("app", "test"));
        Plan custom = Processor.process(ws, f.store, Set.of(), "");

        RunResult result = new Runner(f.store, f.transports, ws, RunFixture.fast()).run(custom.uid());

        assertThat(result.result()).isEqualTo(TaskState.SUCCESS);
        assertThat(result.release()).isEmpty();
        assertThat(f.store.releases().list(null)).extracting(Release::planUid).containsExactly(deploy.uid());
        assertThat(f.store.runs().ofPlan(custom.uid())).hasSize(1);
        assertThat(f.store.changes().history(-1)).extracting(e -> e.change().action()).contains("restart", "test");
    }
}
