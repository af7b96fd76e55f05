package dev.orrery.transport;

import dev.orrery.model.Host;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SSH transport against an embedded MINA server: exec, streaming, reuse, reconnect and every fault. */
@Timeout(60)
@Tag("slow")
class SshTransportTest {
    private static final Duration T = Duration.ofSeconds(20);

    @TempDir
    Path home;
    @TempDir
    Path serverHome;
    @TempDir
    Path workspace;
    private KeyPair clientKey;
    private TestSshServer server;
    private TransportPool pool;

    @BeforeEach
    void start() throws Exception {
        clientKey = TestSshServer.newKey();
        KeyFiles.write(home.resolve(".ssh/id_ed25519"), clientKey, "tester@test");
        server = TestSshServer.start(serverHome, clientKey.getPublic());
        new KnownHosts(home.resolve(".ssh/known_hosts")).append("127.0.0.1", server.port(), server.hostKey());
        pool = pool(HostKeyPolicy.refuse());
    }

    @AfterEach
    void stop() throws Exception {
        pool.close();
        server.close();
    }

    private TransportPool pool(HostKeyPolicy policy) {
        return TransportPool.create(workspace, policy, PassphraseProvider.none(),
                TransportSettings.defaults().withUserHome(home).withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(5)));
    }

    private Host web() {
        return Hosts.ssh("web-1", "127.0.0.1", server.port(), "tester", null, null);
    }

    @Test
    void runsStepsWithEnvironmentWorkdirAndExitCodesOverOneSession() throws Exception {
        Files.createDirectories(serverHome.resolve("app"));
        Transport t = pool.forHost(web());
        Output first = new Output();
        Output second = new Output();

        int ok = t.exec("echo \"$NAME\"; pwd; echo warn >&2", Map.of("NAME", "a 'quoted' $value"), "app", first, T);
        int failed = t.exec("exit 42", Map.of(), null, second, T);
        int third = t.exec("true", Map.of(), null, new Output(), T);

        assertThat(ok).isZero();
        assertThat(failed).isEqualTo(42);
        assertThat(third).isZero();
        assertThat(first.out()).containsExactly("a 'quoted' $value", serverHome.resolve("app").toRealPath().toString());
        assertThat(first.err()).containsExactly("warn");
        assertThat(server.sessionsCreated()).isEqualTo(1);
        assertThat(pool.connectCount(web())).isEqualTo(1);
        assertThat(server.users()).containsExactly("tester");
        assertThat(t.describe()).isEqualTo("ssh tester@127.0.0.1:" + server.port());
    }

    @Test
    void streamsLinesWhileTheCommandIsStillRunning() throws Exception {
        Transport t = pool.forHost(web());
        CountDownLatch firstLine = new CountDownLatch(1);
        Output out = new Output();
        OutputSink sink = (stderr, line) -> {
            out.line(stderr, line);
            firstLine.countDown();
        };
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> {
            try {
                return t.exec("echo first; while [ ! -f go ]; do sleep 0.05; done; echo second", Map.of(), null, sink, T);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(firstLine.await(15, TimeUnit.SECONDS)).isTrue();
        assertThat(exit).isNotDone();
        assertThat(out.out()).containsExactly("first");
        Files.writeString(serverHome.resolve("go"), "");
        assertThat(exit.get(15, TimeUnit.SECONDS)).isZero();
        assertThat(out.out()).containsExactly("first", "second");
    }

    @Test
    void reconnectsWhenTheServerDroppedTheSessionBetweenTasks() throws Exception {
        Transport t = pool.forHost(web());
        assertThat(t.exec("true", Map.of(), null, new Output(), T)).isZero();

        server.dropSessions();
        Output out = new Output();
        assertThat(t.exec("echo again", Map.of(), null, out, T)).isZero();

        assertThat(out.out()).containsExactly("again");
        assertThat(server.sessionsCreated()).isEqualTo(2);
        assertThat(pool.connectCount(web())).isEqualTo(2);
    }

    @Test
    void aStepThatRunsTooLongTimesOutAndTheSessionStaysUsable() throws Exception {
        Transport t = pool.forHost(web());

        assertThatThrownBy(() -> t.exec("sleep 10", Map.of(), null, new Output(), Duration.ofMillis(500)))
                .isInstanceOf(TransportException.class).hasMessage("timed out after 500ms");
        assertThat(t.exec("echo still here", Map.of(), null, new Output(), T)).isZero();
        assertThat(server.sessionsCreated()).isEqualTo(1);
    }

    @Test
    void anInvalidEnvironmentNameIsRefusedBeforeAnythingRuns() {
        assertThatThrownBy(() -> pool.forHost(web()).exec("true", Map.of("A B", "x"), null, new Output(), T))
                .isInstanceOf(TransportException.class).hasMessage("not a valid environment variable name: 'A B'");
        assertThat(server.sessionsCreated()).isZero();
    }

    @Test
    void anUnknownCommandExitsWith127AndSaysSoOnStderr() throws Exception {
        Output out = new Output();
        int exit = pool.forHost(web()).exec("no-such-command-xyz", Map.of(), null, out, T);
        assertThat(exit).isEqualTo(127);
        assertThat(String.join("\n", out.err())).contains("no-such-command-xyz").contains("not found");
    }

    @Test
    void aConnectionDroppedMidTaskIsReportedAsSuch() throws Exception {
        Transport t = pool.forHost(web());
        CompletableFuture<Integer> running = CompletableFuture.supplyAsync(() -> {
            try {
                return t.exec("touch started; sleep 5", Map.of(), null, new Output(), T);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!Files.exists(serverHome.resolve("started")) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(serverHome.resolve("started")).exists();

        server.close();

        assertThatThrownBy(() -> running.get(15, TimeUnit.SECONDS)).rootCause()
                .isInstanceOf(TransportException.class).hasMessage("connection to web-1 dropped while running");
    }

    @Test
    void aHandshakeTheServerDropsIsTriedOnceMore() throws Exception {
        try (ServerSocket proxy = new ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> forwarding = CompletableFuture.runAsync(() -> dropFirstThenForward(proxy));
            new KnownHosts(home.resolve(".ssh/known_hosts")).append("127.0.0.1", proxy.getLocalPort(), server.hostKey());
            Host viaProxy = Hosts.ssh("web-3", "127.0.0.1", proxy.getLocalPort(), "tester", null, null);

            assertThat(pool.forHost(viaProxy).exec("true", Map.of(), null, new Output(), T)).isZero();
            assertThat(pool.connectCount(viaProxy)).isEqualTo(1);
            assertThat(server.sessionsCreated()).isEqualTo(1);
            forwarding.cancel(true);
        }
    }

    /** Closes the first connection at once (as sshd's MaxStartups does), forwards the second to the server. */
    private void dropFirstThenForward(ServerSocket proxy) {
        try {
            proxy.accept().close();
            java.net.Socket client = proxy.accept();
            java.net.Socket upstream = new java.net.Socket("127.0.0.1", server.port());
            CompletableFuture.runAsync(() -> pipe(client, upstream));
            pipe(upstream, client);
        } catch (java.io.IOException e) {
            // the test ended
        }
    }

    private static void pipe(java.net.Socket from, java.net.Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
        } catch (java.io.IOException e) {
            // one side closed
        } finally {
            try {
                to.close();
                from.close();
            } catch (java.io.IOException ignored) {
                // already closed
            }
        }
    }

    @Test
    void aClosedPortIsUnreachable() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Host down = Hosts.ssh("web-2", "127.0.0.1", port, "tester", null, null);

        assertThatThrownBy(() -> pool.forHost(down).exec("true", Map.of(), null, new Output(), T))
                .isInstanceOf(TransportException.class)
                .hasMessage("web-2 (127.0.0.1:" + port + ") unreachable: connection refused");
    }

    @Test
    void aKeyTheServerDoesNotAcceptFailsAuthenticationNamingTheKeysTried() throws Exception {
        KeyPair stranger = TestSshServer.newKey();
        Path strangerFile = workspace.resolve("keys/stranger");
        KeyFiles.write(strangerFile, stranger, "stranger");
        Host host = Hosts.ssh("web-1", "127.0.0.1", server.port(), "deploy", "keys/stranger", null);

        assertThatThrownBy(() -> pool.forHost(host).exec("true", Map.of(), null, new Output(), T))
                .isInstanceOf(TransportException.class)
                .hasMessage("authentication failed for deploy@web-1 with keys [" + strangerFile + " (ED25519 "
                        + org.apache.sshd.common.config.keys.KeyUtils.getFingerPrint(stranger.getPublic()) + ")]");
    }
}
