package dev.orrery.cli;

import dev.orrery.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code orrery wait-for add|remove|move} on the web stack sample: only the wait-for lines change. */
@Tag("slow")
class WaitForCommandTest {
    @TempDir
    Path tmp;

    @Test
    void addThenRemoveGivesBackTheOriginalBytes() throws Exception {
        Path ws = TestFiles.copySample("webstack", tmp);
        Path file = ws.resolve("resources.yaml");
        byte[] original = Files.readAllBytes(file);

        CliRun add = CliRun.in(ws, "wait-for", "add", "cache", "database");
        assertThat(add.exitCode()).as(add.toString()).isZero();
        assertThat(add.out()).startsWith("cache now waits for database (");
        assertThat(Files.readString(file)).isNotEqualTo(new String(original));
        assertThat(CliRun.in(ws, "changes", "stage", "-r", "cache", "-a", "run").exitCode()).isZero();
        CliRun process = CliRun.in(ws, "changes", "process");
        assertThat(process.exitCode()).as(process.toString()).isZero();

        CliRun remove = CliRun.in(ws, "wait-for", "remove", "cache", "database");
        assertThat(remove.exitCode()).as(remove.toString()).isZero();
        assertThat(Files.readAllBytes(file)).isEqualTo(original);
    }

    @Test
    void moveChangesWhatAResourceWaitsFor() throws Exception {
        Path ws = TestFiles.copySample("webstack", tmp);
        Path file = ws.resolve("resources.yaml");
        byte[] original = Files.readAllBytes(file);

        CliRun move = CliRun.in(ws, "wait-for", "move", "load-balancer", "app", "cache");
        assertThat(move.exitCode()).as(move.toString()).isZero();
        assertThat(move.out()).startsWith("load-balancer now waits for cache instead of app");
        assertThat(CliRun.in(ws, "validate").exitCode()).isZero();

        assertThat(CliRun.in(ws, "wait-for", "move", "load-balancer", "cache", "app").exitCode()).isZero();
        assertThat(Files.readAllBytes(file)).isEqualTo(original);
    }

    @Test
    void aCycleThroughReuseFromIsRefusedAsTheGuiRefusesIt() throws Exception {
        Path ws = TestFiles.copySample("components", tmp);
        Path file = ws.resolve("mytool.yaml");
        // flower reuses api's image but does not name api in wait-for: only the graph knows they are linked
        Files.writeString(file, Files.readString(file).replace("reuse-from: toolhunt-api\nrun:\ncommand: flower\n"
                + "wait-for:\n- toolhunt-api\n", "reuse-from: toolhunt-api\nrun:\ncommand: flower\n"));
        assertThat(Files.readString(file)).doesNotContain("command: flower\nwait-for");
        byte[] before = Files.readAllBytes(file);

        CliRun cycle = CliRun.in(ws, "wait-for", "add", "toolhunt-api", "toolhunt-flower");

        assertThat(cycle.exitCode()).as(cycle.toString()).isEqualTo(ExitCodes.INVALID);
        assertThat(cycle.err()).contains("toolhunt-api → toolhunt-flower → toolhunt-api");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
    }

    @Test
    void aCycleIsRefusedWithTheWholeCycleAndNothingWritten() throws Exception {
        Path ws = TestFiles.copySample("webstack", tmp);
        Path file = ws.resolve("resources.yaml");
        byte[] original = Files.readAllBytes(file);

        CliRun cycle = CliRun.in(ws, "wait-for", "add", "database", "load-balancer");
        assertThat(cycle.exitCode()).as(cycle.toString()).isEqualTo(ExitCodes.INVALID);
        assertThat(cycle.err().lines()).hasSize(1);
        assertThat(cycle.err()).startsWith("error: ").contains("database → load-balancer → app → database");
        assertThat(Files.readAllBytes(file)).isEqualTo(original);

        CliRun unknown = CliRun.in(ws, "wait-for", "add", "database", "nothing-like-this");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(Files.readAllBytes(file)).isEqualTo(original);
    }
}
