package dev.orrery.transport;

import dev.orrery.model.Host;
import dev.orrery.model.SourceRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Keys from a real OpenSSH {@code ssh-agent} on its Unix socket, against a real {@code sshd}: the agent holding
 * the only usable key is enough, a key the agent holds never asks for its file's passphrase, and
 * {@code IdentitiesOnly} / {@code IdentityAgent none} keep the agent's other keys out as OpenSSH does.
 */
@Tag("slow")
class AgentInteropTest {
    private static final Duration T = Duration.ofSeconds(20);

    private static Path dir;
    private static OpenSshServer sshd;
    private static Process agent;
    private static Path socket;

    @TempDir
    Path workspace;
    @TempDir
    Path home;
    private final List<TransportPool> pools = new ArrayList<>();

    @BeforeAll
    static void startAgentAndServer() throws Exception {
        assumeTrue(OpenSshServer.installed() && Files.isExecutable(Path.of("/usr/bin/ssh-agent")),
                OpenSshServer.NOT_INSTALLED + " (and ssh-agent from openssh-client)");
        dir = Files.createTempDirectory("orrery-agent");
        sshd = OpenSshServer.start(dir.resolve("sshd"));
        socket = dir.resolve("agent.sock");
        agent = new ProcessBuilder("/usr/bin/ssh-agent", "-D", "-a", socket.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("agent.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!Files.exists(socket) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(socket).exists();
    }

    @AfterAll
    static void stop() {
        if (agent != null) {
            agent.destroyForcibly();
        }
        if (sshd != null) {
            sshd.close();
        }
    }

    @AfterEach
    void closePools() throws Exception {
        pools.forEach(TransportPool::close);
        sshAdd("-D");
    }

    private static void sshAdd(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("/usr/bin/ssh-add"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("SSH_AUTH_SOCK", socket.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("ssh-add %s: %s", args, out).isIn(0, 1);
    }

    /** A key pair with a passphrase (or none), made by ssh-keygen. */
    private Path keygen(String name, String passphrase) throws Exception {
        Path key = home.resolve(name);
        Process p = new ProcessBuilder("/usr/bin/ssh-keygen", "-q", "-t", "ed25519", "-N", passphrase, "-f",
                key.toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        return key;
    }

    private TransportPool pool(PassphraseProvider passphrases) {
        TransportPool pool = TransportPool.create(workspace, HostKeyPolicy.refuse(), passphrases,
                TransportSettings.defaults().withUserHome(home).withAgent(socket));
        pools.add(pool);
        return pool;
    }

    /** The server, but with no key file named anywhere: only the agent can log in. */
    private static Host hostWithoutKey(String name) throws IOException {
        return new Host(name, "127.0.0.1", sshd.port(), sshd.user(), null, sshd.knownHostsFile().toString(), Set.of(),
                false, false, SourceRef.NONE);
    }

    private static String echo(Transport t, String text) throws Exception {
        Output out = new Output();
        assertThat(t.exec("echo " + text, Map.of(), null, out, T)).isZero();
        return String.join("\n", out.out());
    }

    @Test
    void theAgentHoldingTheOnlyUsableKeyLogsIn() throws Exception {
        sshAdd(sshd.clientKey().toString());

        assertThat(echo(pool(PassphraseProvider.none()).forHost(hostWithoutKey("web-1")), "from the agent"))
                .isEqualTo("from the agent");
    }

    @Test
    void aKeyTheAgentHoldsNeverAsksForItsFilesPassphrase() throws Exception {
        // the authorised key, encrypted on disk, named as the identity file; its clear copy is in the agent
        Path encrypted = home.resolve("deploy_key");
        Files.copy(sshd.clientKey(), encrypted);
        Files.copy(Path.of(sshd.clientKey() + ".pub"), Path.of(encrypted + ".pub"));
        Process p = new ProcessBuilder("/usr/bin/ssh-keygen", "-q", "-p", "-N", "s3cret", "-P", "", "-f",
                encrypted.toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        sshAdd(sshd.clientKey().toString());
        AtomicInteger asked = new AtomicInteger();
        PassphraseProvider counting = file -> {
            asked.incrementAndGet();
            return Optional.empty();
        };
        Host host = new Host("web-1", "127.0.0.1", sshd.port(), sshd.user(), encrypted.toString(),
                sshd.knownHostsFile().toString(), Set.of(), false, false, SourceRef.NONE);

        assertThat(echo(pool(counting).forHost(host), "no prompt")).isEqualTo("no prompt");
        assertThat(asked).hasValue(0);
    }

    @Test
    void identitiesOnlyKeepsTheAgentsOtherKeysOut() throws Exception {
        sshAdd(sshd.clientKey().toString());
        Path other = keygen("other_key", "");
        Files.createDirectories(home.resolve(".ssh"));
        Files.writeString(home.resolve(".ssh/config"), String.join("\n",
                "Host strict",
                "  HostName 127.0.0.1",
                "  IdentitiesOnly yes",
                "  IdentityFile " + other,
                "Host agent-off",
                "  HostName 127.0.0.1",
                "  IdentityAgent none",
                ""));
        Host strict = new Host("web-1", "strict", sshd.port(), sshd.user(), null, sshd.knownHostsFile().toString(),
                Set.of(), false, false, SourceRef.NONE);
        Host agentOff = new Host("web-2", "agent-off", sshd.port(), sshd.user(), null,
                sshd.knownHostsFile().toString(), Set.of(), false, false, SourceRef.NONE);
        TransportPool pool = pool(PassphraseProvider.none());

        assertThatThrownBy(() -> echo(pool.forHost(strict), "x"))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("authentication failed")
                .hasMessageContaining("0 offered")
                .hasMessageContaining(other.toString());
        assertThatThrownBy(() -> echo(pool.forHost(agentOff), "x"))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("authentication failed");
    }

    @Test
    void aMissingAgentIsNamedInTheFailureNotFatalOnItsOwn() throws Exception {
        TransportPool pool = TransportPool.create(workspace, HostKeyPolicy.refuse(), PassphraseProvider.none(),
                TransportSettings.defaults().withUserHome(home).withAgent(dir.resolve("no-such.sock")));
        pools.add(pool);
        Host withKey = sshd.host("web-1");

        assertThat(echo(pool.forHost(withKey), "key file still works")).isEqualTo("key file still works");
        assertThatThrownBy(() -> echo(pool.forHost(hostWithoutKey("web-2")), "x"))
                .hasMessageContaining("not reachable");
    }
}
