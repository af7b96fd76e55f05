package dev.orrery.transport;

import dev.orrery.model.Host;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The SSH transport against a real OpenSSH sshd on a loopback port. */
@Timeout(90)
@Tag("slow")
class OpenSshInteropTest {
    private static final Duration T = Duration.ofSeconds(20);
    private static Path serverDir;
    private static OpenSshServer sshd;

    @TempDir
    Path home;
    @TempDir
    Path workspace;
    private final List<TransportPool> pools = new ArrayList<>();

    @BeforeAll
    static void startSshd() throws Exception {
        assumeTrue(OpenSshServer.installed(), OpenSshServer.NOT_INSTALLED);
        serverDir = Files.createTempDirectory("orrery-sshd");
        sshd = OpenSshServer.start(serverDir);
    }

    @AfterAll
    static void stopSshd() throws Exception {
        if (sshd != null) {
            sshd.close();
        }
        deleteTree(serverDir);
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    @AfterEach
    void closePools() {
        pools.forEach(TransportPool::close);
    }

    private TransportPool pool(HostKeyPolicy policy) {
        TransportPool pool = TransportPool.create(workspace, policy, PassphraseProvider.none(),
                TransportSettings.defaults().withUserHome(home));
        pools.add(pool);
        return pool;
    }

    @Test
    void runsCommandsWithEnvironmentAndWorkdirOverOneSession() throws Exception {
        Host host = sshd.host("real-1");
        TransportPool pool = pool(HostKeyPolicy.refuse());
        Transport t = pool.forHost(host);
        Path dir = Files.createDirectories(workspace.resolve("remote dir"));
        Output out = new Output();

        int exit = t.exec("echo \"$GREETING\"; pwd; echo warn >&2; exit 7", Map.of("GREETING", "it's $HOME"),
                dir.toString(), out, T);
        Output missing = new Output();
        int notFound = t.exec("no-such-command-xyz", Map.of(), null, missing, T);

        assertThat(exit).isEqualTo(7);
        assertThat(out.out()).containsExactly("it's $HOME", dir.toString());
        assertThat(out.err()).containsExactly("warn");
        assertThat(notFound).isEqualTo(127);
        assertThat(String.join("\n", missing.err())).contains("no-such-command-xyz");
        assertThat(pool.connectCount(host)).isEqualTo(1);
    }

    @Test
    void uploadsFilesAndFoldersWithModeAndOwner() throws Exception {
        Path source = Files.createDirectories(workspace.resolve("src/site"));
        Files.writeString(source.resolve("index.html"), "hello");
        Files.writeString(workspace.resolve("src/app.conf"), "a=1");
        Path target = workspace.resolve("deployed");
        Transport t = pool(HostKeyPolicy.refuse()).forHost(sshd.host("real-1"));

        t.upload(workspace.resolve("src/app.conf"), "conf/app.conf", target.toString(), sshd.user(), "600", T);
        t.upload(source, target + "/", null, null, null, T);

        assertThat(target.resolve("conf/app.conf")).hasContent("a=1");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target.resolve("conf/app.conf"))))
                .isEqualTo("rw-------");
        assertThat(target.resolve("site/index.html")).hasContent("hello");
    }

    @Test
    void anUnknownHostKeyIsRefusedWithItsFingerprint() throws Exception {
        Host host = new Host("real-1", "127.0.0.1", sshd.port(), sshd.user(), sshd.clientKey().toString(), null,
                java.util.Set.of(), false, false, dev.orrery.model.SourceRef.NONE);

        assertThatThrownBy(() -> pool(HostKeyPolicy.refuse()).forHost(host).exec("true", Map.of(), null, new Output(), T))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("unknown host key for real-1 (127.0.0.1:" + sshd.port() + ")")
                .hasMessageContaining(hostFingerprint())
                .hasMessageContaining("--accept-new-host-keys");
        assertThat(home.resolve(".ssh/known_hosts")).doesNotExist();

        assertThat(pool(HostKeyPolicy.acceptNew()).forHost(host).exec("true", Map.of(), null, new Output(), T)).isZero();
        assertThat(Files.readString(home.resolve(".ssh/known_hosts"))).startsWith("[127.0.0.1]:" + sshd.port() + " ssh-ed25519 ");
    }

    @Test
    void aChangedHostKeyIsRefused() throws Exception {
        KeyPair impostor = TestSshServer.newKey();
        Path known = workspace.resolve("known_hosts");
        Files.writeString(known, "[127.0.0.1]:" + sshd.port() + " " + PublicKeyEntry.toString(impostor.getPublic()) + "\n");
        Host host = new Host("real-1", "127.0.0.1", sshd.port(), sshd.user(), sshd.clientKey().toString(),
                known.toString(), java.util.Set.of(), false, false, dev.orrery.model.SourceRef.NONE);

        assertThatThrownBy(() -> pool(HostKeyPolicy.acceptNew()).forHost(host).exec("true", Map.of(), null, new Output(), T))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("HOST KEY CHANGED for real-1")
                .hasMessageContaining("now presents " + hostFingerprint())
                .hasMessageContaining("remove line 1 of " + known);
    }

    @Test
    void aKeyNotInAuthorizedKeysFailsAuthentication() throws Exception {
        KeyPair stranger = TestSshServer.newKey();
        Path strangerFile = workspace.resolve("stranger");
        KeyFiles.write(strangerFile, stranger, "stranger");
        Host host = new Host("real-1", "127.0.0.1", sshd.port(), sshd.user(), strangerFile.toString(),
                sshd.knownHostsFile().toString(), java.util.Set.of(), false, false, dev.orrery.model.SourceRef.NONE);

        assertThatThrownBy(() -> pool(HostKeyPolicy.refuse()).forHost(host).exec("true", Map.of(), null, new Output(), T))
                .isInstanceOf(TransportException.class)
                .hasMessageStartingWith("authentication failed for " + sshd.user() + "@real-1 with keys [" + strangerFile);
    }

    @Test
    void aConnectionDroppedMidTaskIsReported() throws Exception {
        Path dir = workspace.resolve("sshd-drop");
        try (OpenSshServer own = OpenSshServer.start(dir)) {
            Transport t = pool(HostKeyPolicy.refuse()).forHost(own.host("real-2"));
            Path marker = workspace.resolve("started");
            CompletableFuture<Integer> running = CompletableFuture.supplyAsync(() -> {
                try {
                    return t.exec("touch " + Shell.quote(marker.toString()) + "; sleep 5", Map.of(), null, new Output(), T);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (!Files.exists(marker) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(marker).exists();

            own.kill();

            assertThatThrownBy(() -> running.get(20, TimeUnit.SECONDS)).rootCause()
                    .isInstanceOf(TransportException.class).hasMessage("connection to real-2 dropped while running");
        }
    }

    private static String hostFingerprint() throws Exception {
        PublicKeyEntry entry = PublicKeyEntry.parsePublicKeyEntry(sshd.hostKeyLine());
        return KeyUtils.getFingerPrint(entry.resolvePublicKey(null, Map.of(), PublicKeyEntryResolver.IGNORING));
    }
}
