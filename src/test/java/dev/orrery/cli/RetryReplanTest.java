package dev.orrery.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Fix the file, then retry: plain retry runs the stored steps and says the files changed; --replan uses them. */
@Tag("slow")
class RetryReplanTest {
    private static final String RESOURCES = """
            resources:
              base:
                target: [box-1, box-2]
                actions:
                  run:
                    - run: cat need.txt
              app:
                target: [box-1]
                wait-for: [base]
                actions:
                  run:
                    - run: %s
            """;

    @TempDir
    Path dir;

    private Path workspace(String appStep) {
        Workspaces.write(dir.resolve("inventory.yaml"), """
                hosts:
                  box-1:
                    sandbox: true
                  box-2:
                    sandbox: true
                """);
        Workspaces.write(dir.resolve("resources.yaml"), RESOURCES.formatted(appStep));
        Workspaces.write(dir.resolve(".orrery/sandbox/box-1/need.txt"), "here\n");
        return dir;
    }

    @Test
    void retryNamesTheChangedFieldAndReplanRunsTheCurrentFilesKeepingWhatSucceeded() throws Exception {
        Path ws = workspace("ech0 broken");
        assertThat(CliRun.in(ws, "changes", "stage").exitCode()).isZero();
        assertThat(CliRun.in(ws, "changes", "process").exitCode()).isZero();
        CliRun first = CliRun.in(ws, "orch", "run-once", "last");
        assertThat(first.exitCode()).as(first.toString()).isEqualTo(1);
        assertThat(first.out()).contains("cannot progress: 1 task waits for base.run@box-2 (ERROR)");

        // the operator fixes both causes: the file base needs on box-2, and app's step in the YAML
        Workspaces.write(ws.resolve(".orrery/sandbox/box-2/need.txt"), "here too\n");
        Workspaces.write(ws.resolve("resources.yaml"), RESOURCES.formatted("echo fixed > app.txt"));

        CliRun plain = CliRun.in(ws, "orch", "retry", "last");
        assertThat(plain.out()).as(plain.toString()).contains("app.run@box-1: actions.run changed in the workspace"
                + " since this plan was made (retry --replan uses the current files)");
        assertThat(plain.out()).doesNotContain("base.run@box-2: ").contains("1 task failed: app.run@box-1");
        assertThat(plain.exitCode()).isEqualTo(1); // the stored steps: app fails again
        assertThat(plain.out()).contains("ech0: not found");

        CliRun replan = CliRun.in(ws, "orch", "retry", "last", "--replan");
        assertThat(replan.exitCode()).as(replan.toString()).isZero();
        assertThat(replan.out()).contains("1 task, 0 already done"); // base succeeded on the plain retry
        assertThat(Files.readString(ws.resolve(".orrery/sandbox/box-1/app.txt"))).isEqualTo("fixed\n");

        CliRun old = CliRun.in(ws, "orch", "retry", "last2");
        assertThat(old.exitCode()).isEqualTo(1);
        assertThat(old.err()).contains("was re-planned from the current files as plan");
        assertThat(CliRun.in(ws, "changes", "stage").out()).contains("No changes");
    }

    @Test
    void replanKeepsTasksThatAlreadySucceededWithTheSameDefinition() {
        Path ws = workspace("echo ok");
        CliRun.in(ws, "changes", "stage");
        CliRun.in(ws, "changes", "process");
        assertThat(CliRun.in(ws, "orch", "run-once", "last").exitCode()).isEqualTo(1); // base fails on box-2
        Workspaces.write(ws.resolve(".orrery/sandbox/box-2/need.txt"), "here too\n");

        CliRun replan = CliRun.in(ws, "orch", "retry", "last", "--replan");

        assertThat(replan.exitCode()).as(replan.toString()).isZero();
        assertThat(replan.out()).contains("3 tasks, 1 already done (kept)");
        CliRun report = CliRun.in(ws, "orch", "report", "last");
        assertThat(report.out()).containsPattern("base.run@box-1\\s+NOOP").containsPattern("base.run@box-2\\s+SUCCESS")
                .containsPattern("app.run@box-1\\s+SUCCESS");
        assertThat(CliRun.in(ws, "orch", "report", "last2").out()).containsPattern("base.run@box-2\\s+SKIPPED")
                .contains("Re-planned from the current files as plan ");
    }

    @Test
    void replanOfAFinishedPlanSaysThereIsNothingToDo() {
        Path ws = workspace("echo ok");
        Workspaces.write(ws.resolve(".orrery/sandbox/box-2/need.txt"), "x\n");
        CliRun.in(ws, "changes", "stage");
        CliRun.in(ws, "changes", "process");
        assertThat(CliRun.in(ws, "orch", "run-once", "last").exitCode()).isZero();

        CliRun replan = CliRun.in(ws, "orch", "retry", "last", "--replan");

        assertThat(replan.exitCode()).as(replan.toString()).isNotZero();
        assertThat(replan.err()).contains("has nothing unfinished to re-plan");
    }
}
