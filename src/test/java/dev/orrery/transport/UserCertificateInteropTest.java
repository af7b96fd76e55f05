package dev.orrery.transport;

import dev.orrery.model.Host;
import dev.orrery.model.SourceRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

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
 * OpenSSH user certificates against a real sshd that trusts a user CA made with {@code ssh-keygen} and has no
 * authorized_keys entry at all: only a certificate signed by that CA for the login user gets in.
 */
@Tag("slow")
class UserCertificateInteropTest {
    private static final Duration T = Duration.ofSeconds(20);

    private static Path dir;
    private static OpenSshServer sshd;

    @TempDir
    Path workspace;
    @TempDir
    Path home;
    private final List<TransportPool> pools = new ArrayList<>();

    @BeforeAll
    static void startServerTrustingACa() throws Exception {
        assumeTrue(OpenSshServer.installed(), OpenSshServer.NOT_INSTALLED);
        dir = Files.createTempDirectory("orrery-usercert");
        keygen("-q", "-t", "ed25519", "-N", "", "-C", "orrery-test-user-ca", "-f", dir.resolve("user_ca").toString());
        sshd = OpenSshServer.start(dir.resolve("sshd"), "TrustedUserCAKeys " + dir.resolve("user_ca.pub"));
        Files.writeString(dir.resolve("sshd/authorized_keys"), ""); // certificates only from here on
    }

    @AfterAll
    static void stop() {
        if (sshd != null) {
            sshd.close();
        }
    }

    @AfterEach
    void closePools() {
        pools.forEach(TransportPool::close);
    }

    private static void keygen(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("/usr/bin/ssh-keygen"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("ssh-keygen %s: %s", command, out).isZero();
    }

    /** A fresh key pair in {@code home}, with a certificate for {@code principal} beside it (FILE-cert.pub). */
    private Path certifiedKey(String name, String principal) throws Exception {
        Path key = home.resolve(name);
        keygen("-q", "-t", "ed25519", "-N", "", "-f", key.toString());
        keygen("-q", "-s", dir.resolve("user_ca").toString(), "-I", "orrery-test", "-n", principal, "-V", "+1h",
                key + ".pub");
        return key;
    }

    private String echo(Host host, String text) throws Exception {
        TransportPool pool = TransportPool.create(workspace, HostKeyPolicy.refuse(), PassphraseProvider.none(),
                TransportSettings.defaults().withUserHome(home));
        pools.add(pool);
        Output out = new Output();
        assertThat(pool.forHost(host).exec("echo " + text, Map.of(), null, out, T)).isZero();
        return String.join("\n", out.out());
    }

    private static Host host(String name, Path key) throws Exception {
        return new Host(name, "127.0.0.1", sshd.port(), sshd.user(), key == null ? null : key.toString(),
                sshd.knownHostsFile().toString(), Set.of(), false, false, SourceRef.NONE);
    }

    @Test
    void aCertificateBesideTheKeyLogsInWithNoAuthorizedKey() throws Exception {
        Path key = certifiedKey("id_deploy", sshd.user());

        assertThat(echo(host("web-1", key), "certified")).isEqualTo("certified");
        assertThat(sshd.log()).contains("Accepted publickey").contains("ED25519-CERT");
    }

    @Test
    void certificateFileFromSshConfigIsUsed() throws Exception {
        Path key = certifiedKey("id_other", sshd.user());
        Path elsewhere = Files.createDirectories(home.resolve("certs")).resolve("deploy-cert.pub");
        Files.move(Path.of(key + "-cert.pub"), elsewhere);
        Files.createDirectories(home.resolve(".ssh"));
        Files.writeString(home.resolve(".ssh/config"), String.join("\n",
                "Host certified",
                "  HostName 127.0.0.1",
                "  IdentityFile " + key,
                "  CertificateFile ~/certs/deploy-cert.pub",
                ""));
        Host viaConfig = new Host("web-2", "certified", sshd.port(), sshd.user(), null,
                sshd.knownHostsFile().toString(), Set.of(), false, false, SourceRef.NONE);

        assertThat(echo(viaConfig, "from config")).isEqualTo("from config");
    }

    @Test
    void withoutTheCertificateOrForAnotherPrincipalTheKeyAloneIsRefused() throws Exception {
        Path plain = home.resolve("id_plain");
        keygen("-q", "-t", "ed25519", "-N", "", "-f", plain.toString());
        Path wrongPrincipal = certifiedKey("id_wrong", "someone-else");

        assertThatThrownBy(() -> echo(host("web-3", plain), "x")).hasMessageContaining("authentication failed");
        assertThatThrownBy(() -> echo(host("web-4", wrongPrincipal), "x")).hasMessageContaining("authentication failed");
    }
}
