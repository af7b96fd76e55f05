package dev.orrery.cli;

import dev.orrery.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole staged-change → plan → run → history workflow of Solar on the web stack sample. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@Tag("slow")
class WorkflowTest {
    private static final String UID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @TempDir
    Path tmp;

    @Test
    void stageProcessRunThenNothingLeftToStage() {
        Path ws = TestFiles.copySample("webstack", tmp);

        CliRun detailedFirst = CliRun.in(ws, "changes", "stage", "--detailed-exitcode", "-d");
        assertThat(detailedFirst.exitCode()).as(detailedFirst.toString()).isEqualTo(ExitCodes.INVALID);
        assertThat(detailedFirst.out()).contains("Staged 4 changes:", "run", "database", "load-balancer",
                "+ inputs.port: 5432");
        assertThat(detailedFirst.out()).doesNotContain("correct-horse-battery");

        CliRun staged = CliRun.in(ws, "changes", "staged");
        assertThat(staged.out()).contains("database", "cache", "app", "load-balancer");

        CliRun process = CliRun.in(ws, "changes", "process");
        assertThat(process.exitCode()).as(process.toString()).isZero();
        assertThat(process.out().strip()).matches(UID);
        String uid = process.out().strip();

        CliRun report = CliRun.in(ws, "orch", "report", "last");
        assertThat(report.exitCode()).as(report.toString()).isZero();
        assertThat(report.out()).contains("Plan " + uid, "database.run@db-1", "app.run@app-1",
                "load-balancer.run@edge-1", "PENDING");
        assertThat(report.out().indexOf("database.run@db-1")).isLessThan(report.out().indexOf("app.run@app-1"));

        CliRun dg = CliRun.in(ws, "orch", "dg", "last");
        assertThat(dg.exitCode()).as(dg.toString()).isZero();
        assertThat(dg.out()).contains("digraph", "app.run@app-1");

        CliRun run = CliRun.in(ws, "orch", "run-once", uid.substring(0, 8));
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("database.run@db-1  PENDING → RUNNING", "app.run@app-1  RUNNING → SUCCESS",
                "SUCCESS, 4 tasks: 4 SUCCESS");
        assertThat(run.out()).doesNotContain("correct-horse-battery");
        assertThat(ws.resolve(".orrery/sandbox/edge-1/lb/lb.conf")).content().contains("backend app-1:8080");

        CliRun after = CliRun.in(ws, "changes", "stage", "--detailed-exitcode");
        assertThat(after.exitCode()).as(after.toString()).isZero();
        assertThat(after.out()).contains("No changes.");

        CliRun history = CliRun.in(ws, "changes", "history", "-n", "2");
        assertThat(history.out().lines()).hasSize(2);
        assertThat(history.out()).contains("plan " + uid.substring(0, 8));

        CliRun releases = CliRun.in(ws, "releases");
        assertThat(releases.exitCode()).as(releases.toString()).isZero();
        assertThat(releases.out()).contains(uid.substring(0, 8));
    }

    @Test
    void discardOneByIdThenAll() {
        Path ws = TestFiles.copySample("webstack", tmp);
        CliRun stage = CliRun.in(ws, "changes", "stage", "-t", "frontend");
        assertThat(stage.out()).contains("app", "load-balancer").doesNotContain("database");
        String firstId = stage.out().lines().filter(l -> l.strip().startsWith("#")).findFirst().orElseThrow()
                .strip().split("\\s+")[0].substring(1);

        CliRun discard = CliRun.in(ws, "changes", "discard", firstId);
        assertThat(discard.exitCode()).as(discard.toString()).isZero();
        assertThat(discard.out()).isEqualTo("Discarded 1 staged change.\n");

        CliRun unknown = CliRun.in(ws, "changes", "discard", "999");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(unknown.err()).isEqualTo("error: no staged change with id 999 (see 'orrery changes staged');"
                + " nothing was discarded\n");

        CliRun all = CliRun.in(ws, "changes", "discard", "--all");
        assertThat(all.out()).isEqualTo("Discarded 1 staged change.\n");
        assertThat(CliRun.in(ws, "changes", "staged").out()).isEqualTo("Nothing staged.\n");
    }

    @Test
    void explicitActionIsStagedWithoutADiff() {
        Path ws = TestFiles.copySample("webstack", tmp);
        CliRun stage = CliRun.in(ws, "changes", "stage", "-r", "app", "-a", "test");
        assertThat(stage.exitCode()).as(stage.toString()).isZero();
        assertThat(stage.out()).contains("test", "app");

        CliRun half = CliRun.in(ws, "changes", "stage", "-r", "app");
        assertThat(half.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(half.err()).isEqualTo("error: -r RESOURCE and -a ACTION go together\n");
    }

    @Test
    void errorsAreOneLineWithoutStackTrace() {
        Path ws = TestFiles.copySample("webstack", tmp);
        CliRun unknownPlan = CliRun.in(ws, "orch", "report", "last");
        assertThat(unknownPlan.exitCode()).as(unknownPlan.toString()).isEqualTo(ExitCodes.INVALID);
        assertThat(unknownPlan.err().lines()).hasSize(1);
        assertThat(unknownPlan.err()).startsWith("error: ").doesNotContain("Exception", "\tat ");

        CliRun debug = CliRun.of("-w", ws.toString(), "--debug", "orch", "report", "last");
        assertThat(debug.err()).contains("\tat ");

        CliRun missing = CliRun.of("-w", tmp.resolve("nowhere").toString(), "changes", "staged");
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(missing.err()).isEqualTo("error: workspace folder not found: " + tmp.resolve("nowhere") + "\n");
    }

    @Test
    void releasesListCompletedRunsAndRollbackPlansTheWayBack() throws Exception {
        Path ws = TestFiles.copySample("webstack", tmp);
        CliRun.in(ws, "changes", "stage");
        CliRun.in(ws, "changes", "process");
        CliRun first = CliRun.in(ws, "orch", "run-once", "last");
        assertThat(first.out()).as(first.toString()).contains("Release 1 recorded");

        Path resources = ws.resolve("resources.yaml");
        java.nio.file.Files.writeString(resources, java.nio.file.Files.readString(resources)
                .replace("port: 8080", "port: 8081"));
        CliRun stage = CliRun.in(ws, "changes", "stage", "-d");
        assertThat(stage.out()).as(stage.toString()).contains("update", "app", "8080 → 8081");
        CliRun.in(ws, "changes", "process");
        assertThat(CliRun.in(ws, "orch", "run-once", "last").out()).contains("Release 2 recorded");
        assertThat(ws.resolve(".orrery/sandbox/edge-1/lb/lb.conf")).content().contains("backend app-1:8081");

        CliRun releases = CliRun.in(ws, "releases");
        assertThat(releases.out().lines()).hasSize(3);
        assertThat(releases.out().lines().toList().get(1)).startsWith("2  ");

        CliRun rollback = CliRun.in(ws, "rollback", "1");
        assertThat(rollback.exitCode()).as(rollback.toString()).isZero();
        assertThat(rollback.out().strip()).matches(UID);
        assertThat(CliRun.in(ws, "orch", "report", "last").out()).contains("app.update@app-1");
        CliRun back = CliRun.in(ws, "orch", "run-once", "last");
        assertThat(back.exitCode()).as(back.toString()).isZero();
        assertThat(back.out()).contains("Release 3 recorded");
        // the hosts get the release's version back, not the files' current one
        assertThat(ws.resolve(".orrery/sandbox/edge-1/lb/lb.conf")).content().contains("backend app-1:8080")
                .doesNotContain("8081");
        assertThat(ws.resolve(".orrery/sandbox/app-1/app/app.conf")).content().contains("listen=8080");
        assertThat(ws.resolve(".orrery/sandbox/app-1/app/db-password")).content().isEqualTo("correct-horse-battery\n");
        // the committed state is release 1's again, so the files' 8081 shows as a change once more
        assertThat(CliRun.in(ws, "changes", "stage", "-d").out()).contains("update", "app", "8080 → 8081");

        CliRun none = CliRun.in(ws, "rollback", "42");
        assertThat(none.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(none.err()).startsWith("error: no release 42");
    }
}
