package dev.orrery.transport;

import dev.orrery.model.Host;
import org.apache.sshd.client.config.hosts.KnownHostHashValue;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Host keys: known, unknown (refused or accepted), hashed entries, changed keys (always refused). */
@Timeout(60)
@Tag("slow")
class HostKeyVerificationTest {
    private static final Duration T = Duration.ofSeconds(20);

    @TempDir
    Path home;
    @TempDir
    Path serverHome;
    @TempDir
    Path workspace;
    private TestSshServer server;
    private Path knownHosts;
    private final List<TransportPool> pools = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        KeyPair clientKey = TestSshServer.newKey();
        KeyFiles.write(home.resolve(".ssh/id_ed25519"), clientKey, "tester@test");
        server = TestSshServer.start(serverHome, clientKey.getPublic());
        knownHosts = home.resolve(".ssh/known_hosts");
    }

    @AfterEach
    void stop() throws Exception {
        pools.forEach(TransportPool::close);
        server.close();
    }

    private Transport transport(HostKeyPolicy policy) {
        TransportPool pool = TransportPool.create(workspace, policy, PassphraseProvider.none(),
                TransportSettings.defaults().withUserHome(home));
        pools.add(pool);
        Host host = Hosts.ssh("web-1", "127.0.0.1", server.port(), "tester", null, null);
        return pool.forHost(host);
    }

    private String fingerprint() {
        return KeyUtils.getFingerPrint(server.hostKey());
    }

    @Test
    void anUnknownHostIsRefusedWithItsFingerprintAndHowToAcceptIt() {
        assertThatThrownBy(() -> transport(HostKeyPolicy.refuse()).exec("true", Map.of(), null, new Output(), T))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("unknown host key for web-1 (127.0.0.1:" + server.port() + ")")
                .hasMessageContaining("ED25519 key " + fingerprint())
                .hasMessageContaining("--accept-new-host-keys");
        assertThat(knownHosts).doesNotExist();
    }

    @Test
    void thePolicySeesTheHostAndFingerprint() throws Exception {
        List<String> asked = new ArrayList<>();
        HostKeyPolicy once = (name, address, port, type, fp) -> {
            asked.add(name + " " + address + ":" + port + " " + type + " " + fp);
            return HostKeyPolicy.Decision.ACCEPT_ONCE;
        };
        assertThat(transport(once).exec("true", Map.of(), null, new Output(), T)).isZero();
        assertThat(asked).containsExactly("web-1 127.0.0.1:" + server.port() + " ED25519 " + fingerprint());
        assertThat(knownHosts).doesNotExist();
    }

    @Test
    void timeSpentDecidingDoesNotCountAgainstTheLoginTimeout() throws Exception {
        HostKeyPolicy slowPerson = (name, address, port, type, fp) -> {
            try {
                Thread.sleep(2500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return HostKeyPolicy.Decision.ACCEPT_ONCE;
        };
        TransportPool pool = TransportPool.create(workspace, slowPerson, PassphraseProvider.none(),
                TransportSettings.defaults().withUserHome(home).withTimeouts(Duration.ofSeconds(5), Duration.ofSeconds(1)));
        pools.add(pool);
        Host host = Hosts.ssh("web-1", "127.0.0.1", server.port(), "tester", null, null);

        assertThat(pool.forHost(host).exec("true", Map.of(), null, new Output(), T)).isZero();
    }

    @Test
    void acceptNewRecordsTheKeySoTheNextConnectionNeedsNoDecision() throws Exception {
        assertThat(transport(HostKeyPolicy.acceptNew()).exec("true", Map.of(), null, new Output(), T)).isZero();

        assertThat(Files.readAllLines(knownHosts)).containsExactly(
                "[127.0.0.1]:" + server.port() + " " + PublicKeyEntry.toString(server.hostKey()));
        assertThat(transport(HostKeyPolicy.refuse()).exec("true", Map.of(), null, new Output(), T)).isZero();
    }

    @Test
    void hashedEntriesAreRecognised() throws Exception {
        byte[] salt = new byte[20];
        new SecureRandom().nextBytes(salt);
        byte[] hash = KnownHostHashValue.calculateHashValue("127.0.0.1", server.port(),
                KnownHostHashValue.DEFAULT_DIGEST, salt);
        StringBuilder line = KnownHostHashValue.append(new StringBuilder(), KnownHostHashValue.DEFAULT_DIGEST, salt, hash);
        Files.createDirectories(knownHosts.getParent());
        Files.writeString(knownHosts, "# comment\n" + line + " " + PublicKeyEntry.toString(server.hostKey()) + "\n");

        assertThat(transport(HostKeyPolicy.refuse()).exec("true", Map.of(), null, new Output(), T)).isZero();
    }

    @Test
    void aChangedKeyIsRefusedEvenWhenNewKeysWouldBeAcceptedAndTheLineIsNamed() throws Exception {
        KeyPair old = TestSshServer.newKey();
        Files.createDirectories(knownHosts.getParent());
        Files.writeString(knownHosts, "other.example ssh-ed25519 " + PublicKeyEntry.toString(old.getPublic()).split(" ")[1]
                + "\n[127.0.0.1]:" + server.port() + " " + PublicKeyEntry.toString(old.getPublic()) + "\n");
        String before = Files.readString(knownHosts);

        assertThatThrownBy(() -> transport(HostKeyPolicy.acceptNew()).exec("true", Map.of(), null, new Output(), T))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("HOST KEY CHANGED for web-1 (127.0.0.1:" + server.port() + ")")
                .hasMessageContaining(knownHosts + " line 2 records ED25519 key "
                        + KeyUtils.getFingerPrint(old.getPublic()))
                .hasMessageContaining("now presents " + fingerprint())
                .hasMessageContaining("man-in-the-middle")
                .hasMessageContaining("remove line 2 of " + knownHosts);
        assertThat(Files.readString(knownHosts)).isEqualTo(before);
    }

    @Test
    void withSeveralHostKeysTheTypeAlreadyKnownIsNegotiated() throws Exception {
        KeyPair clientKey = TestSshServer.newKey();
        KeyFiles.write(home.resolve(".ssh/id_ed25519"), clientKey, "tester@test");
        KeyPair ecdsa = KeyUtils.generateKeyPair("ecdsa-sha2-nistp256", 256);
        KeyPair ed25519 = TestSshServer.newKey();
        try (TestSshServer multi = TestSshServer.start(serverHome, List.of(ecdsa, ed25519), clientKey.getPublic())) {
            new KnownHosts(knownHosts).append("127.0.0.1", multi.port(), ed25519.getPublic());
            TransportPool pool = TransportPool.create(workspace, HostKeyPolicy.refuse(), PassphraseProvider.none(),
                    TransportSettings.defaults().withUserHome(home));
            pools.add(pool);
            Host host = Hosts.ssh("multi", "127.0.0.1", multi.port(), "tester", null, null);

            assertThat(pool.forHost(host).exec("true", Map.of(), null, new Output(), T)).isZero();
        }
    }

    @Test
    void theInventoryCanNameItsOwnKnownHostsFile() throws Exception {
        Path own = workspace.resolve("inventory_known_hosts");
        new KnownHosts(own).append("127.0.0.1", server.port(), server.hostKey());
        TransportPool pool = TransportPool.create(workspace, HostKeyPolicy.refuse(), PassphraseProvider.none(),
                TransportSettings.defaults().withUserHome(home));
        pools.add(pool);
        Host host = Hosts.ssh("web-1", "127.0.0.1", server.port(), "tester", null, "inventory_known_hosts");

        assertThat(pool.forHost(host).exec("true", Map.of(), null, new Output(), T)).isZero();
        assertThat(knownHosts).doesNotExist();
    }
}
