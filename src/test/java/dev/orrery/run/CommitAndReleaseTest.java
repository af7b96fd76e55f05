package dev.orrery.run;

import dev.orrery.model.Change;
import dev.orrery.model.Plan;
import dev.orrery.model.Release;
import dev.orrery.model.ResourceKind;
import dev.orrery.model.ResourceSnapshot;
import dev.orrery.model.TaskState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

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
    void aChangeIsCommittedWhenAllItsTasksSucceedAndOnlyThen() throws Exception {
        Files.writeString(root.resolve("inventory.yaml"), "hosts: {}\n");
        Change db = stage("db", "run");
        Change app = stage("app", "run");
        Change job = new Change(0, "setup.1.1", ResourceKind.JOB, "run", Set.of(), List.of(), "new", "staging", Instant.now());
        job = f.store.changes().stage(job);
        PlanSketch s = new PlanSketch().env("staging");
        String db1 = s.task("db", "h1", "true");
        String db2 = s.task("db", "h2", "true");
        String app1 = s.task("app", "h1", "exit 1");
        String setup = s.add("setup.1.1", ResourceKind.JOB, "run", "h2", 0, null, List.of(), "true");
        Plan built = s.edge(db1, app1).build();
        Plan plan = new Plan(built.uid(), built.created(), "staging", built.tasks(), built.edges(), built.declaredEdges(),
                List.of(db.id(), app.id(), job.id()));
        Map<String, ResourceSnapshot> desired = Map.of(
                "db", snapshot("db", ResourceKind.RESOURCE, Map.of("inputs.port", "5432")),
                "app", snapshot("app", ResourceKind.RESOURCE, Map.of("inputs.port", "8080")),
                "setup.1.1", snapshot("setup.1.1", ResourceKind.JOB, Map.of("fingerprint", "abc123def456")));
        f.store.plans().save(plan, desired);
        f.store.changes().markProcessed(List.of(db.id(), app.id(), job.id()), plan.uid());

        RunResult failed = f.run(plan);

        assertThat(failed.result()).isEqualTo(TaskState.ERROR);
        assertThat(f.store.committed().all("staging")).containsOnlyKeys("db", "setup.1.1");
        assertThat(f.store.committed().all("staging").get("db").fields()).containsEntry("inputs.port", "5432");
        assertThat(f.store.changes().history(-1)).extracting(e -> e.change().resource())
                .containsExactlyInAnyOrder("db", "setup.1.1");
        assertThat(f.store.jobCache().succeeded("h2", "abc123def456")).isTrue();
        assertThat(f.store.jobCache().succeeded("h1", "abc123def456")).isFalse();
        assertThat(f.store.releases().list("staging")).isEmpty();

        new Control(f.store).noop(plan.uid(), app1);
        RunResult done = f.run(plan);

        assertThat(done.result()).isEqualTo(TaskState.SUCCESS);
        assertThat(f.store.committed().all("staging")).containsOnlyKeys("db", "app", "setup.1.1");
        Release release = done.release().orElseThrow();
        assertThat(release.environment()).isEqualTo("staging");
        assertThat(release.planUid()).isEqualTo(plan.uid());
        assertThat(release.summary()).isEqualTo("4 tasks: 3 success, 1 noop; resources: db, app, setup.1.1");
        assertThat(release.workspaceFingerprint()).matches("sha256:[0-9a-f]{64}");
        assertThat(f.store.releases().list("staging")).extracting(Release::id).containsExactly(release.id());
        // a plan records one release, however often it is run again
        new Control(f.store).restart(plan.uid());
        assertThat(f.run(plan).release()).isEmpty();
        assertThat(f.store.committed().atRelease(release.id())).containsOnlyKeys("db", "app", "setup.1.1");
        assertThat(List.of(db2, setup)).allSatisfy(id -> assertThat(f.state(plan, id)).isEqualTo(TaskState.SUCCESS));
    }

    @Test
    void fingerprintIsTheGitCommitWhenTheWorkspaceIsARepository() throws Exception {
        Files.writeString(root.resolve("inventory.yaml"), "hosts: {}\n");
        git("init", "-q");
        git("-c", "user.email=t@example.org", "-c", "user.name=t", "add", "inventory.yaml");
        git("-c", "user.email=t@example.org", "-c", "user.name=t", "commit", "-q", "-m", "first");
        String head = git("rev-parse", "HEAD").strip();
        Files.createDirectories(root.resolve(".orrery"));
        Files.writeString(root.resolve(".orrery/ignored-by-fingerprint"), "x");

        assertThat(WorkspaceFingerprint.of(root)).isEqualTo(head);
        Files.writeString(root.resolve("inventory.yaml"), "hosts: {a: {}}\n");
        assertThat(WorkspaceFingerprint.of(root)).isEqualTo(head + "-dirty");
    }

    @Test
    void fingerprintOutsideGitHashesTheYamlFiles() throws Exception {
        Files.writeString(root.resolve("a.yaml"), "one\n");
        Files.writeString(root.resolve("notes.txt"), "not part of it\n");
        String first = WorkspaceFingerprint.of(root);
        Files.writeString(root.resolve("notes.txt"), "changed\n");
        assertThat(WorkspaceFingerprint.of(root)).isEqualTo(first);
        Files.writeString(root.resolve("a.yaml"), "two\n");
        assertThat(WorkspaceFingerprint.of(root)).isNotEqualTo(first).startsWith("sha256:");
    }

    private Change stage(String resource, String action) {
        return f.store.changes().stage(new Change(0, resource, ResourceKind.RESOURCE, action, Set.of(), List.of(), "new",
                "staging", Instant.now()));
    }

    private static ResourceSnapshot snapshot(String name, ResourceKind kind, Map<String, String> fields) {
        return new ResourceSnapshot(name, kind, fields, Set.of());
    }

    private String git(String... args) throws Exception {
        var command = new java.util.ArrayList<>(List.of("git", "-C", root.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
