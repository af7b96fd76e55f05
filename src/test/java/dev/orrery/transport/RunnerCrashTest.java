package dev.orrery.transport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A runner killed with SIGKILL takes the steps it started on sandbox and local hosts with it: the pipe to each
 * step's shell closes with the JVM, and the step script's watchdog ends the step's process group.
 */
@Timeout(120)
@Tag("slow")
class RunnerCrashTest {
    private Path workspace;
    private Path home;
    private Path marks;
    private Process runner;

    @BeforeEach
    void folders() throws IOException {
        workspace = Files.createTempDirectory("orrery-ws");
        home = Files.createTempDirectory("orrery-home");
        marks = Files.createTempDirectory("orrery-marks");
    }

    @AfterEach
    void cleanUp() throws IOException {
        if (runner != null) {
            runner.destroyForcibly();
        }
        SafeExecutionTest.deleteTree(workspace);
        SafeExecutionTest.deleteTree(home);
        SafeExecutionTest.deleteTree(marks);
    }

    @ParameterizedTest
    @EnumSource(value = StepHosts.class, names = {"SANDBOX", "LOCAL"})
    void aStepDiesWithItsRunner(StepHosts kind) throws Exception {
        String sleep = SafeExecutionTest.uniqueSleep(3);
        Path started = marks.resolve("started");
        Path done = marks.resolve("done");
        String command = "touch " + Shell.quote(started.toString()) + "; " + sleep + "; touch "
                + Shell.quote(done.toString());
        runner = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), StepInChildJvm.class.getName(),
                workspace.toString(), home.toString(), kind.name(), command))
                .redirectErrorStream(true).redirectOutput(marks.resolve("runner.log").toFile()).start();
        SafeExecutionTest.awaitFile(started);
        long start = System.nanoTime();

        runner.destroyForcibly(); // SIGKILL: no shutdown hook, no finally
        assertThat(runner.waitFor(10, TimeUnit.SECONDS)).isTrue();

        SafeExecutionTest.awaitGone(sleep);
        SafeExecutionTest.waitUntil(start, Duration.ofMillis(3_500));
        assertThat(done).doesNotExist();
    }
}
