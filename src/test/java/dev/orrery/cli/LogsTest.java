package dev.orrery.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code orch logs}: recorded output per run and attempt, from a real history file and sandbox hosts. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@Tag("slow")
class LogsTest {
    @TempDir
    Path tmp;

    /** One sandbox host; {@code counter} prints how many times it ran, {@code quiet} prints nothing. */
    private Path counterWorkspace() {
        Workspaces.write(tmp.resolve("inventory.yaml"), """
                hosts:
                  box-1:
                    sandbox: true
                """);
        Workspaces.write(tmp.resolve("resources.yaml"), """
                resources:
                  counter:
                    target: [box-1]
                    actions:
                      run:
                        - run: n=$(cat count 2>/dev/null || echo 0); n=$((n+1)); echo $n > count; echo "pass $n"
                  quiet:
                    target: [box-1]
                    wait-for: [counter]
                    actions:
                      run:
                        - run: "true"
                """);
        return tmp;
    }

    private static void stageProcessRun(Path ws) {
        assertThat(CliRun.in(ws, "changes", "stage").exitCode()).isZero();
        CliRun process = CliRun.in(ws, "changes", "process");
        assertThat(process.exitCode()).as(process.toString()).isZero();
        CliRun run = CliRun.in(ws, "orch", "run-once", "last");
        assertThat(run.exitCode()).as(run.toString()).isZero();
    }

    @Test
    void eachRunKeepsItsOwnLinesAfterARestart() {
        Path ws = counterWorkspace();
        stageProcessRun(ws);
        CliRun restart = CliRun.in(ws, "orch", "restart", "last");
        assertThat(restart.exitCode()).as(restart.toString()).isZero();

        CliRun first = CliRun.in(ws, "orch", "logs", "last", "--run", "1");
        assertThat(first.exitCode()).as(first.toString()).isZero();
        assertThat(first.out()).contains("── counter.run@box-1 · run 1 · attempt 1 ──\npass 1\n[step 1 exit 0]\n")
                .doesNotContain("pass 2", "run 2");
        assertThat(first.out()).contains("── quiet.run@box-1 · run 1 · attempt 1 ──");

        CliRun second = CliRun.in(ws, "orch", "logs", "last", "--run", "2", "-t", "counter.run@box-1");
        assertThat(second.exitCode()).as(second.toString()).isZero();
        assertThat(second.out()).isEqualTo("── counter.run@box-1 · run 2 · attempt 1 ──\npass 2\n[step 1 exit 0]\n");

        CliRun all = CliRun.in(ws, "orch", "logs", "last", "-t", "counter.run@box-1");
        assertThat(all.out().indexOf("pass 1")).isPositive().isLessThan(all.out().indexOf("pass 2"));

        CliRun none = CliRun.in(ws, "orch", "logs", "last", "--run", "3");
        assertThat(none.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(none.err()).contains("has 2 runs; --run 3 names none");
        CliRun unknown = CliRun.in(ws, "orch", "logs", "last", "-t", "nope@box-1");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(unknown.err()).contains("has no task nope@box-1", "counter.run@box-1");
    }

    @Test
    void automaticRetriesAreAttemptsOfOneRun() {
        Workspaces.write(tmp.resolve("inventory.yaml"), """
                hosts:
                  box-1:
                    sandbox: true
                """);
        Workspaces.write(tmp.resolve("resources.yaml"), """
                resources:
                  flaky:
                    target: [box-1]
                    actions:
                      run:
                        retry: 2
                        steps:
                          - run: n=$(cat tries 2>/dev/null || echo 0); n=$((n+1)); echo $n > tries; echo "try $n"; [ $n -ge 3 ]
                """);
        stageProcessRun(tmp);

        CliRun logs = CliRun.in(tmp, "orch", "logs", "last");
        assertThat(logs.exitCode()).as(logs.toString()).isZero();
        assertThat(logs.out()).containsSubsequence(
                "── flaky.run@box-1 · run 1 · attempt 1 ──\ntry 1\n[step 1 exit 1]\n",
                "── flaky.run@box-1 · run 1 · attempt 2 ──\ntry 2\n[step 1 exit 1]\n",
                "── flaky.run@box-1 · run 1 · attempt 3 ──\ntry 3\n[step 1 exit 0]\n");
        assertThat(logs.out().lines().filter(l -> l.startsWith("── "))).hasSize(3);

        CliRun second = CliRun.in(tmp, "orch", "logs", "last", "--attempt", "2");
        assertThat(second.out()).isEqualTo("── flaky.run@box-1 · run 1 · attempt 2 ──\ntry 2\n[step 1 exit 1]\n");
    }

    @Test
    void secretsNeverPrintInClear() {
        Workspaces.write(tmp.resolve("inventory.yaml"), """
                hosts:
                  box-1:
                    sandbox: true
                """);
        Workspaces.write(tmp.resolve("resources.yaml"), """
                resources:
                  vault:
                    target: [box-1]
                    inputs:
                      token: {value: "tok-93xq-unseen", secret: true}
                    actions:
                      run:
                        - run: echo token={{token}}; echo "again {{token}}" >&2
                """);
        stageProcessRun(tmp);

        CliRun logs = CliRun.in(tmp, "orch", "logs", "last", "-t", "vault.run@box-1");
        assertThat(logs.exitCode()).as(logs.toString()).isZero();
        assertThat(logs.out()).contains("token=******", "! again ******").doesNotContain("tok-93xq-unseen");
    }
}
