package dev.orrery.transport;

import dev.orrery.model.Host;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Key files of every type, encrypted keys, and hosts found through ~/.ssh/config. */
@Timeout(60)
@Tag("slow")
class AuthenticationTest {
    private static final Duration T = Duration.ofSeconds(20);

    @TempDir
    Path home;
    @TempDir
    Path serverHome;
    @TempDir
    Path workspace;
    private TestSshServer server;
    private TransportPool pool;

    @AfterEach
    void stop() throws Exception {
        if (pool != null) {
            pool.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private void startServer(KeyPair client) throws Exception {
        server = TestSshServer.start(serverHome, client.getPublic());
        new KnownHosts(home.resolve(".ssh/known_hosts")).append("127.0.0.1", server.port(), server.hostKey());
    }

    private TransportPool pool(PassphraseProvider passphrases) {
        pool = TransportPool.create(workspace, HostKeyPolicy.refuse(), passphrases,
                TransportSettings.defaults().withUserHome(home));
        return pool;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"ssh-ed25519, 256, id_ed25519", "ecdsa-sha2-nistp256, 256, id_ecdsa", "ssh-rsa, 2048, id_rsa"})
    void defaultKeyFilesOfEveryTypeLogIn(String type, int bits, String file) throws Exception {
        KeyPair key = KeyUtils.generateKeyPair(type, bits);
        KeyFiles.write(home.resolve(".ssh").resolve(file), key, "me");
        startServer(key);

        Host host = Hosts.ssh("web-1", "127.0.0.1", server.port(), "tester", null, null);
        assertThat(pool(PassphraseProvider.none()).forHost(host).exec("true", Map.of(), null, new Output(), T)).isZero();
    }

    @Test
    void anEncryptedKeyAsksForItsPassphraseOnceAndWorks() throws Exception {
        KeyPair key = TestSshServer.newKey();
        Path keyFile = workspace.resolve("deploy_key");
        writeEncrypted(keyFile, key, "s3cret");
        startServer(key);
        List<String> asked = new ArrayList<>();
        PassphraseProvider provider = file -> {
            asked.add(file);
            return Optional.of("s3cret".toCharArray());
        };
        Host host = Hosts.ssh("web-1", "127.0.0.1", server.port(), "tester", "deploy_key", null);
        Transport t = pool(provider).forHost(host);

        assertThat(t.exec("true", Map.of(), null, new Output(), T)).isZero();
        server.dropSessions();
        assertThat(t.exec("true", Map.of(), null, new Output(), T)).isZero();

        assertThat(asked).containsExactly(keyFile.toString());
        assertThat(pool.connectCount(host)).isEqualTo(2);
    }

    @Test
    void anEncryptedKeyWithoutPassphraseFailsAuthenticationSayingWhy() throws Exception {
        KeyPair key = TestSshServer.newKey();
        Path keyFile = workspace.resolve("deploy_key");
        writeEncrypted(keyFile, key, "s3cret");
        startServer(key);
        Host host = Hosts.ssh("web-1", "127.0.0.1", server.port(), "tester", "deploy_key", null);

        assertThatThrownBy(() -> pool(PassphraseProvider.none()).forHost(host).exec("true", Map.of(), null, new Output(), T))
                .isInstanceOf(TransportException.class)
                .hasMessage("authentication failed for tester@web-1 with keys [" + keyFile
                        + " (encrypted, no passphrase given)]");
    }

    @Test
    void aWrongPassphraseIsAskedAgainThenReported() throws Exception {
        KeyPair key = TestSshServer.newKey();
        Path keyFile = workspace.resolve("deploy_key");
        writeEncrypted(keyFile, key, "s3cret");
        startServer(key);
        List<String> asked = new ArrayList<>();
        PassphraseProvider wrong = file -> {
            asked.add(file);
            return Optional.of("guess".toCharArray());
        };
        Host host = Hosts.ssh("web-1", "127.0.0.1", server.port(), "tester", "deploy_key", null);

        assertThatThrownBy(() -> pool(wrong).forHost(host).exec("true", Map.of(), null, new Output(), T))
                .hasMessageContaining(keyFile + " (encrypted, wrong passphrase)");
        assertThat(asked).hasSize(3);
    }

    @Test
    void hostNamePortUserAndKeyComeFromSshConfig() throws Exception {
        KeyPair key = TestSshServer.newKey();
        KeyFiles.write(home.resolve(".ssh/keys/web_key"), key, "me");
        startServer(key);
        Files.writeString(home.resolve(".ssh/config"), String.join("\n",
                "Host other",
                "  HostName 10.9.9.9",
                "",
                "Host web",
                "  HostName 127.0.0.1",
                "  Port " + server.port(),
                "  User configured-user",
                "  IdentityFile ~/.ssh/keys/web_key",
                ""));
        Host host = Hosts.ssh("web-1", "web", 0, null, null, null);
        Transport t = pool(PassphraseProvider.none()).forHost(host);

        assertThat(t.exec("true", Map.of(), null, new Output(), T)).isZero();
        assertThat(server.users()).containsExactly("configured-user");
        assertThat(t.describe()).isEqualTo("ssh configured-user@127.0.0.1:" + server.port());
    }

    @Test
    void theInventoryWinsOverSshConfig() throws Exception {
        KeyPair key = TestSshServer.newKey();
        KeyFiles.write(workspace.resolve("inventory_key"), key, "me");
        startServer(key);
        Files.writeString(home.resolve(".ssh/config"), "Host web\n  HostName 127.0.0.1\n  Port 1\n  User nobody\n"
                + "  IdentityFile ~/.ssh/missing\n");
        Host host = Hosts.ssh("web-1", "web", server.port(), "inventory-user", "inventory_key", null);

        assertThat(pool(PassphraseProvider.none()).forHost(host).exec("true", Map.of(), null, new Output(), T)).isZero();
        assertThat(server.users()).containsExactly("inventory-user");
    }

    private static void writeEncrypted(Path file, KeyPair key, String passphrase) throws Exception {
        OpenSSHKeyEncryptionContext encryption = new OpenSSHKeyEncryptionContext();
        encryption.setPassword(passphrase);
        encryption.setCipherName("AES");
        encryption.setCipherMode("CTR");
        encryption.setCipherType("256");
        try (OutputStream out = Files.newOutputStream(file)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(key, "encrypted", encryption, out);
        }
    }
}
