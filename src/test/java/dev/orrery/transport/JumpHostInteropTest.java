package dev.orrery.transport;

import dev.orrery.model.Host;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Jump hosts against real OpenSSH servers on loopback: a bastion (and a second one for chains) whose log, at
 * DEBUG1, shows every {@code direct-tcpip} forward it makes, and targets behind it. Inventory {@code jump:} and
 * ssh_config {@code ProxyJump} both work, each hop's host key is checked, and one bastion session serves every
 * host behind it.
 */
@Tag("slow")
class JumpHostInteropTest {
    private static final Duration T = Duration.ofSeconds(20);
    private static final Pattern FORWARD = Pattern.compile("target 127\\.0\\.0\\.1 port (\\d+)");

    private static Path servers;
    private static OpenSshServer bastion;
    private static OpenSshServer inner;
    private static OpenSshServer target1;
    private static OpenSshServer target2;

    @TempDir
    Path workspace;
    @TempDir
    Path home;
    private final List<TransportPool> pools = new ArrayList<>();

    @BeforeAll
    static void startServers() throws Exception {
        assumeTrue(OpenSshServer.installed(), OpenSshServer.NOT_INSTALLED);
        servers = Files.createTempDirectory("orrery-jump");
        bastion = OpenSshServer.start(servers.resolve("bastion"), "LogLevel DEBUG1");
        inner = OpenSshServer.start(servers.resolve("inner"), "LogLevel DEBUG1");
        target1 = OpenSshServer.start(servers.resolve("target1"));
        target2 = OpenSshServer.start(servers.resolve("target2"));
    }

    @AfterAll
    static void stopServers() {
        for (OpenSshServer s : new OpenSshServer[] {bastion, inner, target1, target2}) {
            if (s != null) {
                s.close();
            }
        }
    }

    @AfterEach
    void closePools() {
        pools.forEach(TransportPool::close);
    }

    private TransportPool pool(HostKeyPolicy policy, Host... inventory) {
        TransportPool pool = TransportPool.create(workspace, policy, PassphraseProvider.none(),
                TransportSettings.defaults().withUserHome(home)).withInventory(List.of(inventory));
        pools.add(pool);
        return pool;
    }

    private static Host behind(OpenSshServer server, String name, String jump) throws IOException {
        Host h = server.host(name);
        return new Host(h.name(), h.address(), h.port(), h.user(), h.identityFile(), h.knownHostsFile(), h.tags(),
                false, false, h.source(), jump);
    }

    private static String run(Transport t, String command) throws Exception {
        Output out = new Output();
        int exit = t.exec(command, Map.of(), null, out, T);
        assertThat(exit).as("exit of %s (stderr %s)", command, out.err()).isZero();
        return String.join("\n", out.out());
    }

    private static List<Integer> forwardedPorts(OpenSshServer jump) throws IOException {
        List<Integer> ports = new ArrayList<>();
        for (String line : jump.log().split("\n")) {
            Matcher m = FORWARD.matcher(line);
            if (line.contains("direct") && m.find()) {
                ports.add(Integer.parseInt(m.group(1)));
            }
        }
        return ports;
    }

    private static long logins(OpenSshServer server) throws IOException {
        return server.log().lines().filter(l -> l.contains("Accepted publickey")).count();
    }

    @Test
    void aTargetIsReachedThroughTheInventorysJumpHostAndTheBastionLogsTheForward() throws Exception {
        Host jump = bastion.host("bastion");
        Host web = behind(target1, "web-1", "bastion");
        int before = forwardedPorts(bastion).size();

        String answer = run(pool(HostKeyPolicy.refuse(), jump, web).forHost(web), "echo behind the bastion");

        assertThat(answer).isEqualTo("behind the bastion");
        assertThat(forwardedPorts(bastion).subList(before, forwardedPorts(bastion).size()))
                .containsExactly(target1.port());
    }

    @Test
    void oneBastionSessionServesEveryHostBehindIt() throws Exception {
        Host jump = bastion.host("bastion");
        Host web1 = behind(target1, "web-1", "bastion");
        Host web2 = behind(target2, "web-2", "bastion");
        long loginsBefore = logins(bastion);
        int forwardsBefore = forwardedPorts(bastion).size();
        TransportPool pool = pool(HostKeyPolicy.refuse(), jump, web1, web2);

        run(pool.forHost(web1), "true");
        run(pool.forHost(web2), "true");
        run(pool.forHost(web1), "true");

        assertThat(logins(bastion) - loginsBefore).isEqualTo(1);
        List<Integer> all = forwardedPorts(bastion);
        assertThat(all.subList(forwardsBefore, all.size())).containsExactlyInAnyOrder(target1.port(), target2.port());
    }

    @Test
    void aChainOfTwoHopsGoesThroughBothInOrder() throws Exception {
        Host first = bastion.host("bastion");
        Host second = inner.host("inner");
        Host web = behind(target1, "web-1", "bastion,inner");
        int bastionBefore = forwardedPorts(bastion).size();
        int innerBefore = forwardedPorts(inner).size();

        assertThat(run(pool(HostKeyPolicy.refuse(), first, second, web).forHost(web), "echo two hops"))
                .isEqualTo("two hops");

        List<Integer> viaBastion = forwardedPorts(bastion);
        List<Integer> viaInner = forwardedPorts(inner);
        assertThat(viaBastion.subList(bastionBefore, viaBastion.size())).containsExactly(inner.port());
        assertThat(viaInner.subList(innerBefore, viaInner.size())).containsExactly(target1.port());
    }

    @Test
    void proxyJumpFromSshConfigIsFollowed() throws Exception {
        Files.createDirectories(home.resolve(".ssh"));
        Files.writeString(home.resolve(".ssh/config"), String.join("\n",
                "Host web-behind",
                "  HostName 127.0.0.1",
                "  Port " + target1.port(),
                "  User " + target1.user(),
                "  IdentityFile " + target1.clientKey(),
                "  UserKnownHostsFile " + target1.knownHostsFile(),
                "  ProxyJump jumpbox",
                "Host jumpbox",
                "  HostName 127.0.0.1",
                "  Port " + bastion.port(),
                "  User " + bastion.user(),
                "  IdentityFile " + bastion.clientKey(),
                "  UserKnownHostsFile " + bastion.knownHostsFile(),
                ""));
        Host web = new Host("web-1", "web-behind", 0, null, null, null, java.util.Set.of(), false, false,
                dev.orrery.model.SourceRef.NONE);
        int before = forwardedPorts(bastion).size();

        assertThat(run(pool(HostKeyPolicy.refuse(), web).forHost(web), "echo via config")).isEqualTo("via config");

        List<Integer> all = forwardedPorts(bastion);
        assertThat(all.subList(before, all.size())).containsExactly(target1.port());
    }

    @Test
    void aPlainProxyCommandCarriesTheConnection() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/ssh")), "the OpenSSH client is not installed");
        Files.createDirectories(home.resolve(".ssh"));
        Files.writeString(home.resolve(".ssh/config"), String.join("\n",
                "Host web-proxied",
                "  HostName 127.0.0.1",
                "  Port " + target1.port(),
                "  User " + target1.user(),
                "  IdentityFile " + target1.clientKey(),
                "  UserKnownHostsFile " + target1.knownHostsFile(),
                "  ProxyCommand /usr/bin/ssh -F none -o BatchMode=yes -o UserKnownHostsFile=" + bastion.knownHostsFile()
                        + " -i " + bastion.clientKey() + " -p " + bastion.port() + " -W %h:%p " + bastion.user()
                        + "@127.0.0.1",
                ""));
        Host web = new Host("web-1", "web-proxied", 0, null, null, null, java.util.Set.of(), false, false,
                dev.orrery.model.SourceRef.NONE);
        int before = forwardedPorts(bastion).size();

        assertThat(run(pool(HostKeyPolicy.refuse(), web).forHost(web), "echo via a command")).isEqualTo("via a command");

        List<Integer> all = forwardedPorts(bastion);
        assertThat(all.subList(before, all.size())).containsExactly(target1.port());
    }

    @Test
    void aProxyCommandThatFailsSaysWhy() throws Exception {
        Files.createDirectories(home.resolve(".ssh"));
        Files.writeString(home.resolve(".ssh/config"), String.join("\n",
                "Host web-broken",
                "  HostName 127.0.0.1",
                "  ProxyCommand echo no route to %h >&2; exit 3",
                ""));
        Host web = new Host("web-1", "web-broken", 0, null, null, null, java.util.Set.of(), false, false,
                dev.orrery.model.SourceRef.NONE);

        assertThatThrownBy(() -> run(pool(HostKeyPolicy.refuse(), web).forHost(web), "true"))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("no route to 127.0.0.1");
    }

    @Test
    void anUnknownBastionKeyIsRefusedLikeAnyHostsKey() throws Exception {
        Host known = bastion.host("bastion");
        Path empty = Files.writeString(workspace.resolve("empty_known_hosts"), "");
        Host unknownKey = new Host("bastion", known.address(), known.port(), known.user(), known.identityFile(),
                empty.toString(), known.tags(), false, false, known.source());
        Host web = behind(target1, "web-1", "bastion");

        assertThatThrownBy(() -> run(pool(HostKeyPolicy.refuse(), unknownKey, web).forHost(web), "true"))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("SHA256:");
        assertThat(Files.readString(empty)).isEmpty();
    }

    @Test
    void aJumpLoopIsNamedInsteadOfRecursingForever() throws Exception {
        Host a = behind(bastion, "a", "b");
        Host b = behind(inner, "b", "a");
        Host web = behind(target1, "web-1", "a");

        assertThatThrownBy(() -> run(pool(HostKeyPolicy.refuse(), a, b, web).forHost(web), "true"))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("loop in jump");
    }
}
