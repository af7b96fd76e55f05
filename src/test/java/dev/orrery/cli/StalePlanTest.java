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

/** An older plan must not put back what a newer plan deployed (the web stack sample, sandbox hosts). */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@Tag("slow")
class StalePlanTest {
    @TempDir
    Path tmp;

    @Test
    void anOlderPlanIsRefusedOnceANewerPlanChangedItsResourcesAndUnrelatedPlansStillRun() throws IOException {
        Path ws = TestFiles.copySample("webstack", tmp);
        deployEverything(ws);
        Path appConf = ws.resolve(".orrery/sandbox/app-1/app/app.conf");

        String planA = stageAndProcess(ws, "port: 8080", "port: 8081");
        String planB = stageAndProcess(ws, "port: 8081", "port: 8082");
        String cacheOnly = stageAndProcess(ws, "memory: 64mb", "memory: 128mb", "-t", "backend");
        CliRun runB = CliRun.in(ws, "orch", "run-once", planB);
        assertThat(runB.exitCode()).as(runB.toString()).isZero();
        assertThat(runB.out()).contains("Release 2 recorded");
        assertThat(appConf).content().contains("listen=8082");

        CliRun runA = CliRun.in(ws, "orch", "run-once", planA);

        assertThat(runA.exitCode()).as(runA.toString()).isEqualTo(ExitCodes.ERROR);
        assertThat(runA.out()).isEmpty();
        assertThat(runA.err()).isEqualTo("error: plan " + planA.substring(0, 8) + " is stale: app and load-balancer"
                + " were changed by plan " + planB.substring(0, 8) + " (release 2) after it was made; stage and"
                + " process again, or use rollback to go back on purpose\n");
        assertThat(appConf).content().contains("listen=8082").doesNotContain("8081");
        for (String verb : new String[] {"resume", "restart", "retry"}) {
            CliRun refused = CliRun.in(ws, "orch", verb, planA.substring(0, 8));
            assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.ERROR);
            assertThat(refused.out()).as(verb).isEmpty();
            assertThat(refused.err()).as(verb).isEqualTo(runA.err());
        }
        CliRun report = CliRun.in(ws, "orch", "report", planA);
        assertThat(report.out()).as("nothing moved").contains("PENDING").doesNotContain("SUCCESS", "SKIPPED");
        assertThat(report.out()).endsWith("Stale: app and load-balancer were changed by plan " + planB.substring(0, 8)
                + " (release 2) after it was made; stage and process again, or use rollback to go back on purpose\n");
        assertThat(CliRun.in(ws, "orch", "report", planB).out()).doesNotContain("Stale");

        CliRun cache = CliRun.in(ws, "orch", "run-once", cacheOnly);
        assertThat(cache.exitCode()).as("a plan touching none of the moved resources runs: " + cache).isZero();
        assertThat(ws.resolve(".orrery/sandbox/db-1/cache/cache.conf")).content().contains("maxmemory 128mb");
    }

    @Test
    void aPlanThatRanItsOwnChangesCanStillBeRestartedUntilAnotherPlanMovesThem() throws IOException {
        Path ws = TestFiles.copySample("webstack", tmp);
        String first = deployEverything(ws);

        CliRun again = CliRun.in(ws, "orch", "restart", first);
        assertThat(again.exitCode()).as("its own commits do not make a plan stale: " + again).isZero();

        String next = stageAndProcess(ws, "listen: 80", "listen: 8000");
        assertThat(CliRun.in(ws, "orch", "run-once", next).exitCode()).isZero();
        CliRun restart = CliRun.in(ws, "orch", "restart", first);
        assertThat(restart.exitCode()).as(restart.toString()).isEqualTo(ExitCodes.ERROR);
        assertThat(restart.err()).startsWith("error: plan " + first.substring(0, 8) + " is stale: load-balancer was"
                + " changed by plan " + next.substring(0, 8) + " (release 2) after it was made");
        assertThat(ws.resolve(".orrery/sandbox/edge-1/lb/lb.conf")).content().contains("listen 8000");
    }

    private static String deployEverything(Path ws) {
        CliRun.in(ws, "changes", "stage");
        String uid = CliRun.in(ws, "changes", "process").out().strip();
        CliRun run = CliRun.in(ws, "orch", "run-once", uid);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        return uid;
    }

    private static String stageAndProcess(Path ws, String from, String to, String... stageOptions)
            throws IOException {
        Path resources = ws.resolve("resources.yaml");
        String text = Files.readString(resources);
        assertThat(text).contains(from);
        Files.writeString(resources, text.replace(from, to));
        String[] args = new String[stageOptions.length + 2];
        args[0] = "changes";
        args[1] = "stage";
        System.arraycopy(stageOptions, 0, args, 2, stageOptions.length);
        CliRun stage = CliRun.in(ws, args);
        assertThat(stage.exitCode()).as(stage.toString()).isZero();
        CliRun process = CliRun.in(ws, "changes", "process");
        assertThat(process.exitCode()).as(process.toString()).isZero();
        return process.out().strip();
    }
}
