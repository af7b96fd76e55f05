package dev.orrery.cli;

import dev.orrery.Orrery;
import dev.orrery.model.OutputChunk;
import dev.orrery.model.RunSummary;
import dev.orrery.model.TaskState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A runner JVM ({@code orch run-once last --output}) prints a task's numbered lines on its console and is
 * killed with SIGKILL right after one of them appears. Every line the console showed must be in the history,
 * and the next look at the plan closes the dead run's row as interrupted.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@Tag("slow")
class CrashKeepsOutputTest {
    private static final Pattern NUMBERED = Pattern.compile("counter\\.run@box-1 \\| line-(\\d+)$");

    @TempDir
    Path tmp;

    @Test
    void everyLineShownBeforeKill9IsInTheHistoryAndTheRunIsClosedInterrupted() throws Exception {
        Path ws = tmp.resolve("ws");
        Workspaces.write(ws.resolve("inventory.yaml"), """
                hosts:
                  box-1:
                    sandbox: true
                """);
        // a steady trickle, so the kill always lands between two lines with more on the way
        Workspaces.write(ws.resolve("resources.yaml"), """
                resources:
                  counter:
                    target: [box-1]
                    actions:
                      run:
                        - run: i=0; while [ $i -lt 100000 ]; do i=$((i+1)); echo line-$i; sleep 0.01; done
                """);
        assertThat(CliRun.in(ws, "changes", "stage").exitCode()).isZero();
        assertThat(CliRun.in(ws, "changes", "process").exitCode()).isZero();

        Process runner = new ProcessBuilder(javaBinary(), "-cp", System.getProperty("java.class.path"),
                "dev.orrery.cli.Main", "-w", ws.toString(), "orch", "run-once", "last", "--output")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<Integer> shown = Collections.synchronizedList(new ArrayList<>());
        List<String> console = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch enough = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(runner.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    console.add(line);
                    Matcher m = NUMBERED.matcher(line);
                    if (m.find()) {
                        shown.add(Integer.parseInt(m.group(1)));
                        if (shown.size() >= 40) {
                            enough.countDown();
                        }
                    }
                }
            } catch (java.io.IOException ignored) {
                // the pipe closes when the process dies
            }
        });
        reader.start();
        try {
            boolean reached = enough.await(60, TimeUnit.SECONDS);
            assertThat(reached).as("40 lines on the runner's console; it printed %s", console).isTrue();
            runner.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
            assertThat(runner.waitFor(30, TimeUnit.SECONDS)).isTrue();
        } finally {
            runner.destroyForcibly();
        }
        reader.join(10_000); // what the console had already received is still in the pipe

        try (Orrery orrery = Orrery.open(ws)) {
            String stored = String.join("", orrery.output("last", "counter.run@box-1").stream()
                    .filter(c -> c.stream() == OutputChunk.Stream.STDOUT).map(OutputChunk::text).toList());
            List<Integer> shownNow = List.copyOf(shown);
            assertThat(shownNow).hasSizeGreaterThanOrEqualTo(40);
            for (int n : shownNow) {
                assertThat(stored).as("line-%d was on the console", n).contains("line-" + n + "\n");
            }

            List<RunSummary> before = orrery.runs(1);
            assertThat(before.get(0).finished()).as("the killed run has no end yet").isNull();
            orrery.report("last"); // a look at the plan recovers it: the runner is dead
            RunSummary run = orrery.runs(1).get(0);
            assertThat(run.id()).isEqualTo(before.get(0).id());
            assertThat(run.finished()).isNotNull();
            assertThat(run.result()).isEqualTo(TaskState.ERROR);
            assertThat(run.outcome()).matches("interrupted \\(runner pid " + runner.pid() + " on .+ died\\)");
            assertThat(orrery.statuses(orrery.resolve("last")).get("counter.run@box-1").error())
                    .isEqualTo(run.outcome());
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java" + (File.separatorChar == '\\' ? ".exe" : ""))
                .toString();
    }
}
