package dev.orrery.transport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(30)
@Tag("slow")
class LocalTransportTest {
    private static final Duration T = Duration.ofSeconds(10);

    @TempDir
    Path home;

    @Test
    void runsShWithEnvironmentAndWorkdirLikeSsh() throws Exception {
        Files.createDirectories(home.resolve("work"));
        Transport local = new LocalTransport("me", home);
        Output out = new Output();

        int exit = local.exec("pwd; echo \"$V\"; echo e >&2; exit 5", Map.of("V", "x y"), "work", out, T);

        assertThat(exit).isEqualTo(5);
        assertThat(out.out()).containsExactly(home.resolve("work").toString(), "x y");
        assertThat(out.err()).containsExactly("e");
        assertThat(local.describe()).isEqualTo("local");
    }

    @Test
    void aMissingWorkdirFailsTheStep() throws Exception {
        Output out = new Output();
        assertThat(new LocalTransport("me", home).exec("echo never", Map.of(), "nope", out, T)).isNotZero();
        assertThat(out.out()).isEmpty();
        assertThat(out.err()).isNotEmpty();
    }

    @Test
    void timesOutAndKillsTheProcess() {
        assertThatThrownBy(() -> new LocalTransport("me", home).exec("sleep 10", Map.of(), null, new Output(),
                Duration.ofMillis(300))).isInstanceOf(TransportException.class).hasMessage("timed out after 300ms");
    }

    @Test
    void unknownCommandsExitWith127() throws Exception {
        Output out = new Output();
        assertThat(new LocalTransport("me", home).exec("no-such-command-xyz", Map.of(), null, out, T)).isEqualTo(127);
        assertThat(String.join("\n", out.err())).contains("not found");
    }
}
