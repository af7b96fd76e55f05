package dev.orrery.stage;

import dev.orrery.model.Change;
import dev.orrery.model.FieldDiff;
import dev.orrery.model.Plan;
import dev.orrery.model.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Components built from a repository URL (a real git repository on disk, reached through file://). */
@Tag("slow")
class ComponentRepositoryTest extends WebstackStoreTest {
    @TempDir
    Path repoDir;

    private String components(String schedule) {
        return """
                config-version: 0.1
                components:
                  cleanup:
                    type: scheduled
                    build:
                      repository: %s
                    run:
                      command: cleanup
                      schedule: "%s"
                """.formatted(repoDir.toUri(), schedule);
    }

    @Test
    void theImageCarriesTheCommitANewCommitRebuildsAScheduleChangeOnlyRedeploys() throws Exception {
        String first = commit("cleanup.sh", "echo one");
        ws.write("components.yaml", components("00 * * * *"));

        Change staged = component(Stager.preview(ws.load(), store, StageRequest.all()));
        assertThat(staged.diff()).contains(new FieldDiff("attributes.image", FieldDiff.Kind.ADDED, null,
                "cleanup:" + first.substring(0, 12)));
        Plan initial = deployAll("");
        assertThat(actions(initial)).contains("build", "deploy");
        Task build = initial.tasks().stream().filter(t -> t.action().equals("build")).findFirst().orElseThrow();
        assertThat(build.steps().toString()).contains("git clone --depth 1", first);

        ws.write("components.yaml", components("30 * * * *"));
        Change schedule = component(Stager.stage(ws.load(), store, StageRequest.all()));
        assertThat(schedule.diff()).extracting(FieldDiff::field).contains("attributes.schedule")
                .doesNotContain("attributes.image");
        Plan redeploy = Processor.process(ws.load(), store, Set.of(), "");
        assertThat(actions(redeploy)).as("no rebuild for a schedule change").containsOnly("deploy");
        TestWorkspace.succeed(store, redeploy);
        assertThat(store.committed().all("").get("cleanup").fields())
                .as("the committed state keeps the build steps").containsKey("actions.build.1");
        assertThat(Stager.preview(ws.load(), store, StageRequest.all())).isEmpty();

        String second = commit("cleanup.sh", "echo two");
        Change moved = component(Stager.stage(ws.load(), store, StageRequest.all()));
        assertThat(moved.diff()).contains(new FieldDiff("attributes.image", FieldDiff.Kind.CHANGED,
                "cleanup:" + first.substring(0, 12), "cleanup:" + second.substring(0, 12)));
        assertThat(actions(Processor.process(ws.load(), store, Set.of(), ""))).contains("build", "deploy");
    }

    @Test
    void anUnreachableRepositoryIsAStagingErrorThatNamesIt() {
        ws.write("components.yaml", components("00 * * * *").replace(repoDir.toUri().toString(),
                repoDir.resolve("missing").toUri().toString()));
        assertThatThrownBy(() -> Stager.preview(ws.load(), store, StageRequest.all()))
                .isInstanceOf(StageException.class)
                .hasMessageContaining("cannot read the current commit of repository")
                .hasMessageContaining("missing").hasMessageContaining("(component cleanup)");
    }

    private static Change component(List<Change> changes) {
        return changes.stream().filter(c -> c.resource().equals("cleanup")).findFirst().orElseThrow();
    }

    private static List<String> actions(Plan plan) {
        return plan.tasks().stream().filter(t -> t.resource().equals("cleanup")).map(Task::action).distinct().toList();
    }

    /** Writes a file in the repository, commits it, returns the new HEAD. */
    private String commit(String file, String text) throws IOException, InterruptedException {
        if (!Files.isDirectory(repoDir.resolve(".git"))) {
            git("init", "-q");
        }
        Files.writeString(repoDir.resolve(file), text);
        git("add", "-A");
        git("-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", text);
        return git("rev-parse", "HEAD").strip();
    }

    private String git(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("git", "-C", repoDir.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }
}
