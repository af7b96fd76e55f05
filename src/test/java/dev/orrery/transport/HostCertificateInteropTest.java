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
 * Host certificates against a real sshd whose host key is signed by a host CA made with {@code ssh-keygen -s -h}:
 * a known_hosts that holds only {@code @cert-authority} for the CA lets Orrery in with no prompt, as OpenSSH does;
 * a CA line for other hosts, or another CA, leaves the host unknown and refused.
 */
@Tag("slow")
class HostCertificateInteropTest {
    private static final Duration T = Duration.ofSeconds(20);

    private static Path dir;
    private static OpenSshServer sshd;

    @TempDir
    Path workspace;
    @TempDir
    Path home;
    private final List<TransportPool> pools = new ArrayList<>();

    @BeforeAll
    static void startServerWithACertifiedHostKey() throws Exception {
        assumeTrue(OpenSshServer.installed(), OpenSshServer.NOT_INSTALLED);
        dir = Files.createTempDirectory("orrery-hostcert");
        Path server = Files.createDirectories(dir.resolve("sshd"));
        keygen("-q", "-t", "ed25519", "-N", "", "-C", "host-ca", "-f", dir.resolve("host_ca").toString());
        keygen("-q", "-t", "ed25519", "-N", "", "-C", "other-ca", "-f", dir.resolve("other_ca").toString());
        // the harness keeps a host key it finds, so this one is the key sshd serves, with its certificate
        keygen("-q", "-t", "ed25519", "-N", "", "-C", "orrery-test-host", "-f", server.resolve("host_ed25519").toString());
        keygen("-q", "-s", dir.resolve("host_ca").toString(), "-h", "-I", "test-host", "-n", "127.0.0.1,localhost",
                "-V", "+1h", server.resolve("host_ed25519.pub").toString());
        sshd = OpenSshServer.start(server, "HostCertificate " + server.resolve("host_ed25519-cert.pub"));
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

    private String echo(Path knownHosts, String text) throws Exception {
        TransportPool pool = TransportPool.create(workspace, HostKeyPolicy.refuse(), PassphraseProvider.none(),
                TransportSettings.defaults().withUserHome(home));
        pools.add(pool);
        Host host = new Host("web-1", "127.0.0.1", sshd.port(), sshd.user(), sshd.clientKey().toString(),
                knownHosts.toString(), Set.of(), false, false, SourceRef.NONE);
        Output out = new Output();
        assertThat(pool.forHost(host).exec("echo " + text, Map.of(), null, out, T)).isZero();
        return String.join("\n", out.out());
    }

    private Path knownHosts(String name, String line) throws Exception {
        return Files.writeString(workspace.resolve(name), line + "\n");
    }

    private static String caKey(String ca) throws Exception {
        return Files.readString(dir.resolve(ca + ".pub")).trim();
    }

    @Test
    void aHostCertificateSignedByATrustedCaIsAcceptedWithNoPrompt() throws Exception {
        Path known = knownHosts("ca_only", "@cert-authority [127.0.0.1]:* " + caKey("host_ca"));

        assertThat(echo(known, "certified host")).isEqualTo("certified host");
        assertThat(Files.readString(known)).doesNotContain("ssh-ed25519 AAAA" + "\n" + "[127.0.0.1]");
        assertThat(Files.readAllLines(known)).hasSize(1);
    }

    @Test
    void aCaTrustedForOtherHostsOrAnotherCaLeavesTheHostUnknown() throws Exception {
        Path otherHosts = knownHosts("ca_elsewhere", "@cert-authority *.example.com " + caKey("host_ca"));
        Path otherCa = knownHosts("other_ca", "@cert-authority [127.0.0.1]:* " + caKey("other_ca"));

        assertThatThrownBy(() -> echo(otherHosts, "x")).hasMessageContaining("unknown host key");
        assertThatThrownBy(() -> echo(otherCa, "x")).hasMessageContaining("unknown host key");
    }

    @Test
    void aRevokedCaIsRefused() throws Exception {
        Path known = knownHosts("revoked_ca", "@cert-authority [127.0.0.1]:* " + caKey("host_ca") + "\n"
                + "@revoked * " + caKey("host_ca"));

        assertThatThrownBy(() -> echo(known, "x")).hasMessageContaining("@revoked");
    }
}
