package dev.orrery.cli;

import dev.orrery.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --limit} on staging, processing and the run verbs, on the web stack sample's sandbox hosts. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@Tag("slow")
class LimitTest {
    @TempDir
    Path tmp;

    @Test
    void runOnceWithALimitSkipsTheOtherHostsAndResumeRunsThemLater() {
        Path ws = TestFiles.copySample("webstack", tmp);
        assertThat(CliRun.in(ws, "changes", "stage").exitCode()).isZero();
        assertThat(CliRun.in(ws, "changes", "process").exitCode()).isZero();

        CliRun limited = CliRun.in(ws, "orch", "run-once", "last", "--limit", "all:!edge-1");
        assertThat(limited.exitCode()).as("everything inside the limit succeeded: " + limited).isZero();
        assertThat(limited.out()).contains("Limited to all:!edge-1: 1 task on other hosts SKIPPED (outside --limit)",
                "app.run@app-1  RUNNING → SUCCESS").doesNotContain("load-balancer.run@edge-1  PENDING → RUNNING");
        assertThat(ws.resolve(".orrery/sandbox/app-1/app/app.conf")).exists();
        assertThat(ws.resolve(".orrery/sandbox/edge-1/lb/lb.conf")).doesNotExist();

        CliRun report = CliRun.in(ws, "orch", "report", "last");
        assertThat(report.out()).containsPattern("load-balancer\\.run@edge-1\\s+SKIPPED");
        CliRun history = CliRun.in(ws, "changes", "history");
        assertThat(history.out()).contains("database", "app").doesNotContain("load-balancer");

        CliRun resume = CliRun.in(ws, "orch", "resume", "last");
        assertThat(resume.exitCode()).as(resume.toString()).isZero();
        assertThat(resume.out()).contains("load-balancer.run@edge-1  RUNNING → SUCCESS");
        assertThat(ws.resolve(".orrery/sandbox/edge-1/lb/lb.conf")).content().contains("backend app-1:8080");
        assertThat(CliRun.in(ws, "changes", "stage").out()).contains("No changes.");
    }

    @Test
    void stagingAndProcessingWithALimitPlanOnlyItsHosts() {
        Path ws = TestFiles.copySample("webstack", tmp);
        CliRun stage = CliRun.in(ws, "changes", "stage", "--limit", "data");
        assertThat(stage.exitCode()).as(stage.toString()).isZero();
        assertThat(stage.out()).contains("Staged 2 changes:", "database", "cache").doesNotContain("load-balancer", " app ");

        CliRun more = CliRun.in(ws, "changes", "stage");
        assertThat(more.out()).contains("Staged 4 changes:");
        CliRun process = CliRun.in(ws, "changes", "process", "--limit", "db-*");
        assertThat(process.exitCode()).as(process.toString()).isZero();
        CliRun report = CliRun.in(ws, "orch", "report", "last");
        assertThat(report.out()).contains("database.run@db-1", "cache.run@db-1").doesNotContain("app.run", "edge-1");
        assertThat(CliRun.in(ws, "changes", "staged").out()).as("changes outside the limit stay staged")
                .contains("app", "load-balancer").doesNotContain("database");

        assertThat(CliRun.in(ws, "orch", "run-once", "last").exitCode()).isZero();
        CliRun after = CliRun.in(ws, "changes", "stage");
        assertThat(after.out()).as("db-1's resources are committed").contains("Staged 2 changes:", "app", "load-balancer")
                .doesNotContain("database", "cache");
    }

    @Test
    void aResourceRunOnPartOfItsHostsIsNotCommitted() {
        Workspaces.write(tmp.resolve("inventory.yaml"), """
                hosts:
                  web-1:
                    sandbox: true
                    tags: [web]
                  web-2:
                    sandbox: true
                    tags: [web]
                """);
        Workspaces.write(tmp.resolve("resources.yaml"), """
                resources:
                  site:
                    target: [web]
                    actions:
                      run:
                        - run: echo v1 > site.txt
                """);
        assertThat(CliRun.in(tmp, "changes", "stage").exitCode()).isZero();
        assertThat(CliRun.in(tmp, "changes", "process", "--limit", "web-1").exitCode()).isZero();
        CliRun run = CliRun.in(tmp, "orch", "run-once", "last");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(tmp.resolve(".orrery/sandbox/web-1/site.txt")).exists();
        assertThat(tmp.resolve(".orrery/sandbox/web-2/site.txt")).doesNotExist();

        CliRun again = CliRun.in(tmp, "changes", "stage", "--detailed-exitcode");
        assertThat(again.exitCode()).as("web-2 still lacks it: " + again).isEqualTo(ExitCodes.INVALID);
        assertThat(again.out()).contains("run", "site", "new");
        assertThat(CliRun.in(tmp, "changes", "process").exitCode()).isZero();
        assertThat(CliRun.in(tmp, "orch", "run-once", "last").exitCode()).isZero();
        assertThat(tmp.resolve(".orrery/sandbox/web-2/site.txt")).exists();
        assertThat(CliRun.in(tmp, "changes", "stage", "--detailed-exitcode").exitCode()).isZero();
    }

    @Test
    void aLimitThatNamesNothingIsRefusedAndChangesNothing() {
        Path ws = TestFiles.copySample("webstack", tmp);
        CliRun typo = CliRun.in(ws, "changes", "stage", "--limit", "db-1,edge-9");
        assertThat(typo.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(typo.err()).contains("--limit 'db-1,edge-9': no host or tag is named 'edge-9' (hosts: app-1, db-1, edge-1");
        assertThat(CliRun.in(ws, "changes", "staged").out()).contains("Nothing staged.");

        assertThat(CliRun.in(ws, "changes", "stage").exitCode()).isZero();
        assertThat(CliRun.in(ws, "changes", "process").exitCode()).isZero();
        CliRun none = CliRun.in(ws, "orch", "run-once", "last", "--limit", "web:&data");
        assertThat(none.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(none.err()).contains("--limit 'web:&data' matches no host");
        assertThat(CliRun.in(ws, "orch", "report", "last").out()).doesNotContain("SKIPPED", "SUCCESS");
    }

    @Test
    void retryWithALimitRetriesThoseHostsAndLeavesTheOthersForResume() {
        Workspaces.write(tmp.resolve("inventory.yaml"), """
                hosts:
                  web-1:
                    sandbox: true
                    tags: [web]
                  web-2:
                    sandbox: true
                    tags: [web]
                """);
        Workspaces.write(tmp.resolve("resources.yaml"), """
                resources:
                  site:
                    target: [web]
                    actions:
                      run:
                        - run: test -f ok || { touch ok; echo first time fails >&2; exit 1; }
                """);
        assertThat(CliRun.in(tmp, "changes", "stage").exitCode()).isZero();
        assertThat(CliRun.in(tmp, "changes", "process").exitCode()).isZero();
        assertThat(CliRun.in(tmp, "orch", "run-once", "last").exitCode()).isEqualTo(ExitCodes.ERROR);

        CliRun retry = CliRun.in(tmp, "orch", "retry", "last", "--limit", "web-1");
        assertThat(retry.exitCode()).as(retry.toString()).isZero();
        assertThat(retry.out()).contains("Limited to web-1: 1 task on other hosts SKIPPED (outside --limit)",
                "site.run@web-1  RUNNING → SUCCESS").doesNotContain("site.run@web-2  PENDING → RUNNING");
        assertThat(CliRun.in(tmp, "orch", "report", "last").out()).containsPattern("site\\.run@web-2\\s+SKIPPED");

        CliRun resume = CliRun.in(tmp, "orch", "resume", "last");
        assertThat(resume.exitCode()).as(resume.toString()).isZero();
        assertThat(resume.out()).contains("site.run@web-2  RUNNING → SUCCESS");
    }
}
