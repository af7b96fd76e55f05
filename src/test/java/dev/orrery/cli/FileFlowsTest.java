package dev.orrery.cli;

import dev.orrery.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code deploy FILE} (the Toolforge components format) and {@code orchestrate FILE} (the Directord orchestration format) on the samples. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@Tag("slow")
class FileFlowsTest {
    @TempDir
    Path tmp;

    @Test
    void deployOnlyPlanPrintsThePlanInTheSeedsStyleAndStagesNothing() {
        Path ws = TestFiles.copySample("components", tmp);
        CliRun plan = CliRun.of("deploy", ws.resolve("mytool.yaml").toString(), "--only-plan");
        assertThat(plan.exitCode()).as(plan.toString()).isZero();
        assertThat(plan.out()).isEqualTo("""
                Deployment plan for mytool:
                Building images:
                [ ] toolhunt-cleanup
                [ ] toolhunt-api
                Deploying components:
                [ ] toolhunt-api
                [ ] toolhunt-cleanup (waiting for toolhunt-api)
                [ ] toolhunt-flower (waiting for toolhunt-api)
                """);
        assertThat(CliRun.in(ws, "changes", "staged").out()).isEqualTo("Nothing staged.\n");
        assertThat(CliRun.in(ws, "orch", "report", "last").err()).startsWith("error: ");
    }

    @Test
    void deployBuildsThenDeploysWithOneLinePerComponentThenNothingIsLeft() {
        Path ws = TestFiles.copySample("components", tmp);
        CliRun deploy = CliRun.in(ws, "deploy", "mytool.yaml");
        assertThat(deploy.exitCode()).as(deploy.toString()).isZero();
        assertThat(deploy.out()).isEqualTo("""
                Starting deploy for mytool...
                Building images:
                [✅] toolhunt-cleanup
                [✅] toolhunt-api
                Deploying components:
                [✅] toolhunt-api
                [✅] toolhunt-cleanup (waiting for toolhunt-api)
                [✅] toolhunt-flower (waiting for toolhunt-api)
                All components deployed
                """);
        assertThat(ws.resolve(".orrery/sandbox/node-2/deployments/toolhunt-flower.conf")).exists();

        CliRun again = CliRun.in(ws, "deploy", "mytool.yaml");
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).isEqualTo("Nothing to deploy for mytool: every component is up to date\n");
    }

    @Test
    void aComponentDeletedFromTheFileIsRemovedAndOnlyPlanShowsIt() throws Exception {
        Path ws = TestFiles.copySample("components", tmp);
        assertThat(CliRun.in(ws, "deploy", "mytool.yaml").exitCode()).isZero();
        Workspaces.write(ws.resolve("other.yaml"), """
                config-version: 0.1
                components:
                  other-tool:
                    type: continuous
                    build:
                      reuse-from: toolhunt-api
                """);
        assertThat(CliRun.in(ws, "changes", "stage").exitCode()).isZero();
        assertThat(CliRun.in(ws, "changes", "process").exitCode()).isZero();
        assertThat(CliRun.in(ws, "orch", "run-once", "last").exitCode()).isZero();
        Path file = ws.resolve("mytool.yaml");
        String text = java.nio.file.Files.readString(file);
        java.nio.file.Files.writeString(file, text.substring(0, text.indexOf("toolhunt-flower:")));

        CliRun plan = CliRun.in(ws, "deploy", "mytool.yaml", "--only-plan");
        assertThat(plan.out()).as(plan.toString()).isEqualTo("""
                Deployment plan for mytool:
                Deploying components:
                [ ] toolhunt-flower removed
                """);
        CliRun deploy = CliRun.in(ws, "deploy", "mytool.yaml");
        assertThat(deploy.exitCode()).as(deploy.toString()).isZero();
        assertThat(deploy.out()).contains("[✅] toolhunt-flower removed").doesNotContain("other-tool");
        assertThat(ws.resolve(".orrery/sandbox/node-2/deployments/toolhunt-flower.conf")).doesNotExist();
        assertThat(ws.resolve(".orrery/sandbox/node-2/deployments/other-tool.conf"))
                .as("another file's component stays").exists();
        assertThat(CliRun.in(ws, "deploy", "mytool.yaml").out())
                .isEqualTo("Nothing to deploy for mytool: every component is up to date\n");
    }

    @Test
    void aComponentFromARepositoryUrlIsRedeployedWhenTheCommitMovesAndNotRebuiltForAScheduleChange() throws Exception {
        Path ws = TestFiles.copySample("components", tmp.resolve("ws"));
        Path repo = tmp.resolve("repo");
        String first = commit(repo, "echo one");
        Path file = ws.resolve("mytool.yaml");
        String original = java.nio.file.Files.readString(file);
        String url = repo.toUri().toString();
        java.nio.file.Files.writeString(file, original.replace("repository: repos/toolhunt-cleanup", "repository: " + url));

        CliRun deploy = CliRun.in(ws, "deploy", "mytool.yaml");
        assertThat(deploy.exitCode()).as(deploy.toString()).isZero();
        Path descriptor = ws.resolve(".orrery/sandbox/node-1/deployments/toolhunt-cleanup.conf");
        assertThat(java.nio.file.Files.readString(descriptor)).contains("image=toolhunt-cleanup:" + first.substring(0, 12));

        java.nio.file.Files.writeString(file, java.nio.file.Files.readString(file).replace("00 * * * *", "30 * * * *"));
        CliRun schedule = CliRun.in(ws, "deploy", "mytool.yaml");
        assertThat(schedule.exitCode()).as(schedule.toString()).isZero();
        assertThat(schedule.out()).doesNotContain("Building images").contains("[✅] toolhunt-cleanup");
        assertThat(java.nio.file.Files.readString(descriptor)).contains("schedule=30 * * * *");

        String second = commit(repo, "echo two");
        CliRun moved = CliRun.in(ws, "deploy", "mytool.yaml");
        assertThat(moved.exitCode()).as(moved.toString()).isZero();
        assertThat(moved.out()).contains("Building images:\n[✅] toolhunt-cleanup\n");
        assertThat(java.nio.file.Files.readString(descriptor)).contains("image=toolhunt-cleanup:" + second.substring(0, 12));
        assertThat(CliRun.in(ws, "deploy", "mytool.yaml").out()).contains("every component is up to date");
    }

    /** Commits {@code text} as cleanup.sh in a git repository (created on first use); returns the new HEAD. */
    private static String commit(Path repo, String text) throws Exception {
        java.nio.file.Files.createDirectories(repo);
        if (!java.nio.file.Files.isDirectory(repo.resolve(".git"))) {
            git(repo, "init", "-q");
        }
        java.nio.file.Files.writeString(repo.resolve("cleanup.sh"), text);
        git(repo, "add", "-A");
        git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", text);
        return git(repo, "rev-parse", "HEAD").strip();
    }

    private static String git(Path repo, String... args) throws Exception {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("git", "-C", repo.toString()));
        command.addAll(java.util.List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }

    @Test
    void deployShowsTheFailedComponentAndWhatItBlocks() throws Exception {
        Path ws = TestFiles.copySample("components", tmp);
        // node-2's deployments folder is a file: every deploy there fails, and whatever waits for api is blocked
        Workspaces.write(ws.resolve(".orrery/sandbox/node-2/deployments"), "not a folder\n");
        CliRun deploy = CliRun.in(ws, "deploy", "mytool.yaml");
        assertThat(deploy.exitCode()).as(deploy.toString()).isEqualTo(ExitCodes.ERROR);
        assertThat(deploy.out()).startsWith("""
                Starting deploy for mytool...
                Building images:
                [✅] toolhunt-cleanup
                [✅] toolhunt-api
                Deploying components:
                [❌] toolhunt-api: exit""");
        assertThat(deploy.out()).contains("(on node-2)", "[❌] toolhunt-cleanup: not deployed, waits for a failed task",
                "Deploy failed: 0 of 3 components deployed");
    }

    @Test
    void orchestratePrintsOneIdPerJobAndTargetThenOutcomesAndCachesThem() {
        Path ws = TestFiles.copySample("orchestration", tmp);
        CliRun fingerprints = CliRun.in(ws, "orchestrate", "ssh-keys.yaml", "--finger-print");
        assertThat(fingerprints.exitCode()).as(fingerprints.toString()).isZero();
        assertThat(fingerprints.out()).containsPattern("[0-9a-f]{12}  ssh-keys\\.1\\.1  WORKDIR home/centos/\\.ssh");
        assertThat(ws.resolve(".orrery/sandbox")).doesNotExist();

        CliRun run = CliRun.in(ws, "orchestrate", "ssh-keys.yaml");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("ssh-keys.1.1.workdir@client-1  WORKDIR home/centos/.ssh",
                "ssh-keys.2.2.run@client-3", "[✅] ssh-keys.2.2.run@client-3  SUCCESS", "13 of 13 jobs succeeded");
        assertThat(run.out()).doesNotContain("ssh-keys.2.1.env@client-1");
        assertThat(ws.resolve(".orrery/sandbox/client-2/var/lib/pkgs/wget")).content().isEqualTo("wget installed\n");

        CliRun cached = CliRun.in(ws, "orchestrate", "ssh-keys.yaml");
        assertThat(cached.exitCode()).as(cached.toString()).isZero();
        assertThat(cached.out()).startsWith("Nothing to run: every job already succeeded");
    }
}
