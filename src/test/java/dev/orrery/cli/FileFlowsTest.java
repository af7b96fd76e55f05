package dev.orrery.cli;

import dev.orrery.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code deploy FILE} (seed 004) and {@code orchestrate FILE} (seed 001) on the samples. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
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
