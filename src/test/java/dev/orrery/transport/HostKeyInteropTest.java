package dev.orrery.transport;

import dev.orrery.model.Host;
import dev.orrery.model.SourceRef;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
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
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Host-key decisions against a real sshd, each compared with what OpenSSH's own {@code ssh} decides for the same
 * known_hosts file: Orrery's accept-new must refuse exactly what {@code StrictHostKeyChecking=accept-new} refuses.
 */
@Timeout(90)
@Tag("slow")
class HostKeyInteropTest {
    private static final Duration T = Duration.ofSeconds(20);
    private static final Path SSH = Path.of("/usr/bin/ssh");
    private static OpenSshServer sshd;
    private static Path serverDir;

    @TempDir
    Path home;
    @TempDir
    Path workspace;
    private Path known;
    private final List<TransportPool> pools = new ArrayList<>();

    @BeforeAll
    static void startSshd() throws Exception {
        assumeTrue(OpenSshServer.installed() && Files.isExecutable(SSH), OpenSshServer.NOT_INSTALLED + " openssh-client");
        serverDir = Files.createTempDirectory("orrery-sshd-keys");
        sshd = OpenSshServer.start(serverDir);
    }

    @AfterAll
    static void stopSshd() {
        if (sshd != null) {
            sshd.close();
        }
    }

    @AfterEach
    void closePools() {
        pools.forEach(TransportPool::close);
    }

    private String serverKey() throws IOException {
        String[] parts = sshd.hostKeyLine().split(" ");
        return parts[0] + " " + parts[1];
    }

    private void knownHosts(String... lines) throws IOException {
        known = workspace.resolve("known_hosts");
        Files.writeString(known, String.join("\n", lines) + "\n");
    }

    private int orrery(HostKeyPolicy policy) throws Exception {
        TransportPool pool = TransportPool.create(workspace, policy, PassphraseProvider.none(),
                TransportSettings.defaults().withUserHome(home));
        pools.add(pool);
        Host host = new Host("real-1", "127.0.0.1", sshd.port(), sshd.user(), sshd.clientKey().toString(),
                known.toString(), Set.of(), false, false, SourceRef.NONE);
        return pool.forHost(host).exec("true", Map.of(), null, new Output(), T);
    }

    /** OpenSSH's client on the same file: exit code and stderr. */
    private Result openssh(String strictHostKeyChecking) throws Exception {
        Process p = new ProcessBuilder(SSH.toString(), "-F", "/dev/null", "-i", sshd.clientKey().toString(),
                "-p", String.valueOf(sshd.port()), "-o", "UserKnownHostsFile=" + known,
                "-o", "GlobalKnownHostsFile=/dev/null", "-o", "StrictHostKeyChecking=" + strictHostKeyChecking,
                "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes", sshd.user() + "@127.0.0.1", "true")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }

    private record Result(int code, String output) {
    }

    @Test
    void aHostKnownOnlyByAnotherKeyTypeHasAChangedKeyForAcceptNewAsForOpenSsh() throws Exception {
        var ecdsa = KeyUtils.generateKeyPair("ecdsa-sha2-nistp256", 256).getPublic();
        knownHosts("[127.0.0.1]:" + sshd.port() + " " + PublicKeyEntry.toString(ecdsa));
        String before = Files.readString(known);

        Result ssh = openssh("accept-new");
        assertThat(ssh.code()).as(ssh.output()).isEqualTo(255);
        assertThat(ssh.output()).contains("REMOTE HOST IDENTIFICATION HAS CHANGED");
        assertThat(Files.readString(known)).isEqualTo(before);

        assertThatThrownBy(() -> orrery(HostKeyPolicy.acceptNew()))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("HOST KEY CHANGED for real-1 (127.0.0.1:" + sshd.port() + ")")
                .hasMessageContaining("line 1 records only ECDSA key " + KeyUtils.getFingerPrint(ecdsa))
                .hasMessageContaining("no ED25519 key")
                .hasMessageContaining("remove line 1 of " + known)
                .hasMessageNotContaining("--accept-new-host-keys");
        assertThat(Files.readString(known)).isEqualTo(before);
    }

    @Test
    void patternEntriesAcceptTheHostAsOpenSshDoes() throws Exception {
        // A bare name counts for any port when the bracketed name finds nothing, in OpenSSH as here.
        for (String hosts : List.of("[127.0.0.1]:*", "127.0.0.1", "!127.0.0.1,[127.0.0.1]:*", "[127.0.0.?]:" + sshd.port(), "web.example.com,[127.0.0.1]:*",
                "*")) {
            knownHosts("# entry", hosts + " " + serverKey());
            Result ssh = openssh("yes");
            assertThat(ssh.code()).as(hosts + ": " + ssh.output()).isZero();
            assertThat(orrery(HostKeyPolicy.refuse())).as(hosts).isZero();
        }
    }

    @Test
    void entriesHashedBySshKeygenAreRecognised() throws Exception {
        knownHosts("[127.0.0.1]:" + sshd.port() + " " + serverKey());
        Process hash = new ProcessBuilder("/usr/bin/ssh-keygen", "-H", "-f", known.toString())
                .redirectErrorStream(true).start();
        hash.getInputStream().readAllBytes();
        assertThat(hash.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(known)).startsWith("|1|").doesNotContain("127.0.0.1");

        assertThat(openssh("yes").code()).isZero();
        assertThat(orrery(HostKeyPolicy.refuse())).isZero();
    }

    @Test
    void aNegatedPatternLeavesTheHostUnknownAsOpenSshDoes() throws Exception {
        knownHosts("![127.0.0.1]:" + sshd.port() + ",[127.0.0.1]:* " + serverKey());
        Result ssh = openssh("yes");
        assertThat(ssh.code()).isEqualTo(255);
        assertThat(ssh.output()).contains("No ED25519 host key is known");

        assertThatThrownBy(() -> orrery(HostKeyPolicy.refuse()))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("unknown host key for real-1");
    }

    @Test
    void aRevokedKeyIsRefusedEvenWithAcceptNewAsOpenSshRefusesIt() throws Exception {
        knownHosts("[127.0.0.1]:* " + serverKey(), "@revoked * " + serverKey());
        String before = Files.readString(known);
        Result ssh = openssh("accept-new");
        assertThat(ssh.code()).isEqualTo(255);
        assertThat(ssh.output()).contains("REVOKED");

        assertThatThrownBy(() -> orrery(HostKeyPolicy.acceptNew()))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("is marked @revoked at line 2 of " + known)
                .hasMessageNotContaining("--accept-new-host-keys");
        assertThat(Files.readString(known)).isEqualTo(before);
    }

    @Test
    void aCertificateAuthorityLineIsNotAHostKeyForEither() throws Exception {
        knownHosts("@cert-authority * " + serverKey());
        Result ssh = openssh("yes");
        assertThat(ssh.code()).isEqualTo(255);

        assertThatThrownBy(() -> orrery(HostKeyPolicy.refuse()))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("unknown host key for real-1");
    }
}
