package dev.orrery.cli;

import dev.orrery.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** What records a release, and rolling back to the previous one or one module only (web stack sample). */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@Tag("slow")
class ReleasesAndRollbackTest {
    @TempDir
    Path tmp;

    @Test
    void customActionsAreRunsNotReleasesAndRollbackGoesBackToThePreviousReleaseWholeOrInPart() throws IOException {
        Path ws = TestFiles.copySample("webstack", tmp);
        assertThat(stageProcessRun(ws)).contains("Release 1 recorded");
        edit(ws, "port: 8080", "port: 8081");
        edit(ws, "memory: 64mb", "memory: 128mb");
        assertThat(stageProcessRun(ws)).contains("Release 2 recorded");

        CliRun restart = CliRun.in(ws, "changes", "stage", "-r", "app", "-a", "restart");
        assertThat(restart.exitCode()).as(restart.toString()).isZero();
        String restarted = run(ws, CliRun.in(ws, "changes", "process").out().strip());
        assertThat(restarted).contains("SUCCESS").doesNotContain("Release");
        assertThat(CliRun.in(ws, "releases").out().lines()).as("header and two releases").hasSize(3);
        assertThat(CliRun.in(ws, "changes", "history", "-n", "1").out()).contains("restart", "app");

        CliRun backend = CliRun.in(ws, "rollback", "-t", "backend");
        assertThat(backend.exitCode()).as(backend.toString()).isZero();
        assertThat(backend.err()).isEqualTo("Rolling back to release 1, the newest that differs from what is deployed\n");
        String partial = backend.out().strip();
        assertThat(CliRun.in(ws, "orch", "report", partial).out()).contains("cache.update@db-1")
                .doesNotContain("app.", "database.", "load-balancer.");
        assertThat(run(ws, partial)).contains("Release 3 recorded");
        assertThat(ws.resolve(".orrery/sandbox/db-1/cache/cache.conf")).content().contains("maxmemory 64mb");
        assertThat(ws.resolve(".orrery/sandbox/app-1/app/app.conf")).as("the rest stays").content()
                .contains("listen=8081");

        CliRun previous = CliRun.in(ws, "rollback");
        assertThat(previous.exitCode()).as(previous.toString()).isZero();
        assertThat(previous.err()).startsWith("Rolling back to release 2,");
        assertThat(run(ws, previous.out().strip())).contains("Release 4 recorded");
        assertThat(ws.resolve(".orrery/sandbox/db-1/cache/cache.conf")).content().contains("maxmemory 128mb");

        // one module: app, and load-balancer because it links app's port; cache stays at 128mb
        CliRun app = CliRun.in(ws, "rollback", "1", "-r", "app");
        assertThat(app.exitCode()).as(app.toString()).isZero();
        assertThat(CliRun.in(ws, "orch", "report", app.out().strip()).out())
                .contains("app.update@app-1", "load-balancer.update@edge-1").doesNotContain("cache.", "database.");
        assertThat(run(ws, app.out().strip())).contains("Release 5 recorded");
        assertThat(ws.resolve(".orrery/sandbox/app-1/app/app.conf")).content().contains("listen=8080");
        assertThat(ws.resolve(".orrery/sandbox/edge-1/lb/lb.conf")).content().contains("backend app-1:8080");
        assertThat(ws.resolve(".orrery/sandbox/db-1/cache/cache.conf")).content().contains("maxmemory 128mb");

        CliRun nothing = CliRun.in(ws, "rollback", "-r", "database");
        assertThat(nothing.exitCode()).as(nothing.toString()).isEqualTo(ExitCodes.INVALID);
        assertThat(nothing.err()).isEqualTo("error: no earlier release of the default environment differs from what"
                + " is deployed now (resource database): nothing to roll back to (see `releases`)\n");
    }

    @Test
    void runOfADeployedResourceIsStagedAsUpdate() {
        Path ws = TestFiles.copySample("webstack", tmp);
        stageProcessRun(ws);

        CliRun stage = CliRun.in(ws, "changes", "stage", "-r", "database", "-a", "run");

        assertThat(stage.exitCode()).as(stage.toString()).isZero();
        assertThat(stage.out()).contains("update  database", "already deployed: run becomes update");
    }

    private static String stageProcessRun(Path ws) {
        CliRun stage = CliRun.in(ws, "changes", "stage");
        assertThat(stage.exitCode()).as(stage.toString()).isZero();
        return run(ws, CliRun.in(ws, "changes", "process").out().strip());
    }

    private static String run(Path ws, String plan) {
        CliRun run = CliRun.in(ws, "orch", "run-once", plan);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        return run.out();
    }

    private static void edit(Path ws, String from, String to) throws IOException {
        Path resources = ws.resolve("resources.yaml");
        String text = Files.readString(resources);
        assertThat(text).contains(from);
        Files.writeString(resources, text.replace(from, to));
    }
}
