package dev.orrery.transport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("slow")
class ShellTest {
    @Test
    void quotesAnythingForPosixShells() {
        assertThat(Shell.quote("plain")).isEqualTo("'plain'");
        assertThat(Shell.quote("it's")).isEqualTo("'it'\\''s'");
        assertThat(Shell.quote("")).isEqualTo("''");
    }

    @Test
    void theStepScriptExportsChangesFolderThenEvaluatesTheQuotedCommandInOneBlock() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("A", "1 2");
        env.put("B_2", "$x");

        String script = Shell.stepScript("make 'all'", env, "/srv/app");

        assertThat(script).startsWith("{\nexport A='1 2'\nexport B_2='$x'\n"
                + "CDPATH= cd -- '/srv/app' 2>/dev/null || { printf '%s\\n' 'cannot enter workdir /srv/app' >&2; exit 1; }\n");
        assertThat(script).endsWith("eval 'make '\\''all'\\'''\nexit\n}\n");
        assertThat(Shell.stepScript("make", Map.of(), null)).doesNotContain("cd --");
    }

    @Test
    void refusesNamesThatAreNotVariables() {
        assertThatThrownBy(() -> Shell.stepScript("true", Map.of("X;rm", "1"), null))
                .hasMessage("not a valid environment variable name: 'X;rm'");
    }

    @Test
    @org.junit.jupiter.api.Timeout(60)
    void withoutItsOwnProcessGroupTheWatchdogStillStopsTheStepAndNothingElse(@org.junit.jupiter.api.io.TempDir
                                                                             java.nio.file.Path dir) throws Exception {
        // sh started straight from this JVM shares the JVM's process group: the watchdog must not signal the
        // group (it would kill the JVM), only the step's shell and its children
        String sleep = SafeExecutionTest.uniqueSleep(3);
        java.nio.file.Path done = dir.resolve("done");
        Process sh = new ProcessBuilder("sh", "-s").directory(dir.toFile()).start();
        sh.getOutputStream().write(Shell.stepScript(sleep + "; touch " + Shell.quote(done.toString()), Map.of(), null)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        sh.getOutputStream().flush();
        SafeExecutionTest.awaitInProcessList(sleep);
        long start = System.nanoTime();

        sh.getOutputStream().close();

        assertThat(sh.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        SafeExecutionTest.awaitGone(sleep);
        SafeExecutionTest.waitUntil(start, java.time.Duration.ofMillis(3_500));
        assertThat(done).doesNotExist();
    }
}
