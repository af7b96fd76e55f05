package dev.orrery.run;

import dev.orrery.model.Host;
import dev.orrery.model.Plan;
import dev.orrery.model.SourceRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.orrery.model.TaskState.ERROR;
import static dev.orrery.model.TaskState.SUCCESS;
import static org.assertj.core.api.Assertions.assertThat;

/** Faults on some hosts are recorded as readable errors of their tasks while the other hosts' tasks go on. */
@Tag("slow")
class FaultsTest {
    @TempDir
    Path root;
    RunFixture f;

    @BeforeEach
    void setUp() {
        f = new RunFixture(root, "good", "victim", "doorman");
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void unreachableHostAuthFailureDroppedConnectionAndMissingCommand() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        f.hosts.add(ssh("gone", closedPort, null, null));
        // an SSH host whose server (a sandbox) knows nothing of our key: its host key is known, login must fail
        int doormanPort = f.transports.sandboxes().start("doorman").port();
        Path knownHosts = root.resolve("known_hosts");
        Files.writeString(knownHosts, run("ssh-keyscan", "-p", Integer.toString(doormanPort), "127.0.0.1"));
        Path strangerKey = root.resolve("stranger_ed25519");
        run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", strangerKey.toString());
        f.hosts.add(ssh("stranger", doormanPort, strangerKey.toString(), knownHosts.toString()));

        PlanSketch s = new PlanSketch();
        String unreachable = s.task("app", "gone", "true");
        String authFailure = s.task("app", "stranger", "true");
        String dropped = s.task("app", "victim", "touch started; sleep 5; echo survived");
        String missing = s.task("tool", "good", "orrery-missing-tool");
        String ok1 = s.task("app", "good", "echo fine");
        String ok2 = s.task("web", "good", "echo fine");
        Plan plan = s.save(f.store);
        Future<RunResult> run = f.runInBackground(
                f.runner(RunFixture.fast().withDefaultTimeout(Duration.ofSeconds(20))), plan.uid());
        RunFixture.await(() -> Files.exists(f.folder("victim").resolve("started")), "the victim's task to start");
        f.transports.sandboxes().stop("victim");

        RunResult result = run.get(60, TimeUnit.SECONDS);

        assertThat(result.result()).isEqualTo(ERROR);
        var st = f.statuses(plan);
        assertThat(st.get(ok1).state()).isEqualTo(SUCCESS);
        assertThat(st.get(ok2).state()).isEqualTo(SUCCESS);
        assertThat(st.get(unreachable).state()).isEqualTo(ERROR);
        assertThat(st.get(unreachable).error()).contains("gone").containsIgnoringCase("unreachable");
        assertThat(st.get(authFailure).state()).isEqualTo(ERROR);
        assertThat(st.get(authFailure).error()).containsIgnoringCase("authentication failed");
        assertThat(st.get(dropped).state()).isEqualTo(ERROR);
        assertThat(st.get(dropped).error()).isNotBlank().doesNotContain("timed out").doesNotContain("Exception");
        assertThat(st.get(missing).error()).matches("exit 127: .*orrery-missing-tool.*not found.*");
        assertThat(f.store.tasks().output(plan.uid(), dropped)).noneMatch(c -> c.text().contains("survived"));
    }

    private static Host ssh(String name, int port, String identityFile, String knownHosts) {
        return new Host(name, "127.0.0.1", port, System.getProperty("user.name"), identityFile, knownHosts, Set.of(),
                false, false, SourceRef.NONE);
    }

    private static String run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command)).isZero();
        return out;
    }
}
