package dev.orrery.transport;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * ssh_config as OpenSSH reads it: for each config file and host, what {@link SshConfig} resolves must equal what
 * {@code ssh -G -F FILE HOST} prints. {@code ssh -G} uses the real home folder and user, so the resolver gets
 * them too; the config files live in a temporary folder and are named with absolute paths.
 */
@Tag("slow")
class SshConfigInteropTest {
    private static final Path SSH = Path.of("/usr/bin/ssh");
    private static final Path HOME = Path.of(System.getProperty("user.home"));
    private static final String USER = System.getProperty("user.name");

    @TempDir
    static Path dir;

    @BeforeAll
    static void sshClientInstalled() {
        assumeTrue(Files.isExecutable(SSH), "the OpenSSH client (/usr/bin/ssh) is not installed: "
                + "apt-get install openssh-client to run the ssh -G comparison");
    }

    @Test
    void wildcardsNegationsAndHostNameWithTheHostToken() throws Exception {
        Path config = write("wildcards", """
                Host web-* !web-bad
                  HostName %h.example.com
                  Port 2222
                Host db? db-*.internal
                  User postgres
                Host *
                  User deploy
                  Port 2200
                  ServerAliveInterval 30
                  IdentityFile ~/.ssh/a
                  IdentityFile %d/b_%h_%r
                """);
        sameAsOpenSsh(config, "web-1", "web-bad", "Web-BAD", "db1", "db-7.internal", "db10", "other");
    }

    @Test
    void matchHostOriginalHostUserAndLocalUser() throws Exception {
        Path config = write("match", """
                Host b1
                  HostName B1.EXAMPLE.com
                  User Deploy
                Match originalhost b1 !user Deploy
                  Port 1111
                Match user Deploy
                  Port 3333
                Match host *.example.com,!skip.example.com
                  ConnectTimeout 7
                Match localuser %s
                  IdentitiesOnly yes
                Match !localuser %s
                  IdentitiesOnly no
                Host c1
                  HostName skip.example.com
                Match all
                  ServerAliveInterval 1m30s
                """.formatted(USER, USER));
        sameAsOpenSsh(config, "b1", "c1", "x.example.com", "plain");
    }

    @Test
    void matchFinalSeesTheHostNameOfTheFirstPass() throws Exception {
        Path config = write("final", """
                Host a1
                  HostName %h.example.com
                  ConnectTimeout 1m
                Match final host *.example.com
                  Port 2022
                Host *
                  HostKeyAlias zz
                """);
        sameAsOpenSsh(config, "a1", "a2");
    }

    @Test
    void includeWithGlobsAndInsideABlock() throws Exception {
        Path confd = Files.createDirectories(dir.resolve("conf.d"));
        Files.writeString(confd.resolve("10-web.conf"), "Host web-*\n  Port 10\n  User fromten\n");
        Files.writeString(confd.resolve("20-web.conf"), "Host web-*\n  Port 20\n  ProxyJump bastion\n");
        Files.writeString(confd.resolve("ignored.txt"), "Host *\n  Port 99\n");
        Path onlyDb = write("only-db.conf", "Port 5432\nUser dbadmin\n");
        Path config = write("include", """
                Include %s/conf.d/*.conf
                Host db-*
                  Include %s
                Host *
                  Port 2200
                  User fallback
                """.formatted(dir, onlyDb));
        sameAsOpenSsh(config, "web-1", "db-1", "other");
    }

    @Test
    void equalsSignsQuotesCommentsAndCaseOfKeywords() throws Exception {
        Path config = write("syntax", """
                # a comment
                HOST quoted
                  hostname="quoted.example.com"
                  PORT=2201   # trailing comment
                  IdentityFile "~/.ssh/with space"
                  CertificateFile ~/.ssh/c-cert.pub
                  IdentityAgent ~/agent.sock
                  UserKnownHostsFile ~/.ssh/known_one ~/.ssh/known_two
                Host *
                  Port 2300
                  IdentityFile ~/.ssh/second
                """);
        sameAsOpenSsh(config, "quoted", "other");
    }

    @Test
    void unsupportedMatchCriteriaAreNamedWithFileAndLine() throws Exception {
        Path config = write("exec", "Host *\n  Port 22\nMatch exec \"true\"\n  Port 23\n");
        assertThatThrownBy(() -> new SshConfig(config, HOME, USER).resolve("x"))
                .hasMessageContaining(config + ":3: Match exec is not supported");
    }

    @Test
    void timesAreReadAsOpenSshReadsThem() throws Exception {
        assertThat(SshTargets.seconds("90", "ConnectTimeout")).isEqualTo(Duration.ofSeconds(90));
        assertThat(SshTargets.seconds("1m30s", "ConnectTimeout")).isEqualTo(Duration.ofSeconds(90));
        assertThat(SshTargets.seconds("none", "ConnectTimeout")).isNull();
        assertThatThrownBy(() -> SshTargets.seconds("soon", "ConnectTimeout"))
                .hasMessageContaining("ConnectTimeout soon is not a time");
    }

    @Test
    void theInventoryWinsAndTheConfigFillsTheRestOfTheTarget(@TempDir Path home) throws Exception {
        Files.createDirectories(home.resolve(".ssh"));
        Files.writeString(home.resolve(".ssh/config"), """
                Host web-*
                  HostName %h.example.com
                  User deploy
                  Port 2222
                  ConnectTimeout 3
                  ServerAliveInterval 1m
                  IdentityFile ~/.ssh/web_key
                """);
        TransportSettings settings = TransportSettings.defaults().withUserHome(home);
        SshTarget fromConfig = new SshTargets(home, settings).resolve(Hosts.ssh("web-1", null, 0, null, null, null));
        assertThat(fromConfig.address()).isEqualTo("web-1.example.com");
        assertThat(fromConfig.port()).isEqualTo(2222);
        assertThat(fromConfig.user()).isEqualTo("deploy");
        assertThat(fromConfig.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(fromConfig.keepAlive()).isEqualTo(Duration.ofMinutes(1));
        assertThat(fromConfig.identities()).containsExactly(home.resolve(".ssh/web_key"));

        SshTarget inventoryFirst = new SshTargets(home, settings).resolve(Hosts.ssh("web-2", null, 2022, "ops", null, null));
        assertThat(inventoryFirst.port()).isEqualTo(2022);
        assertThat(inventoryFirst.user()).isEqualTo("ops");
    }

    private static Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    private static void sameAsOpenSsh(Path config, String... hosts) throws Exception {
        for (String host : hosts) {
            Map<String, List<String>> openssh = sshG(config, host);
            SshConfig.Options ours = new SshConfig(config, HOME, USER).resolve(host);
            assertThat(ours(ours)).as("%s for %s", config.getFileName(), host)
                    .isEqualTo(comparable(openssh, !ours.all("identityfile").isEmpty()));
        }
    }

    /** The keywords Orrery uses, in ssh -G's spelling, with OpenSSH's defaults where the config says nothing. */
    private static Map<String, List<String>> ours(SshConfig.Options o) throws TransportException {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("hostname", List.of(o.hostName()));
        m.put("user", List.of(o.first("user") != null ? o.first("user") : USER));
        m.put("port", List.of(o.first("port") != null ? o.first("port") : "22"));
        Duration connect = SshTargets.seconds(o.first("connecttimeout"), "ConnectTimeout");
        m.put("connecttimeout", List.of(connect == null ? "none" : Long.toString(connect.toSeconds())));
        Duration alive = SshTargets.seconds(o.first("serveraliveinterval"), "ServerAliveInterval");
        m.put("serveraliveinterval", List.of(alive == null ? "0" : Long.toString(alive.toSeconds())));
        m.put("identitiesonly", List.of(o.first("identitiesonly") != null ? o.first("identitiesonly") : "no"));
        if (!o.all("identityfile").isEmpty()) {
            m.put("identityfile", o.all("identityfile"));
        }
        optional(m, "certificatefile", o.all("certificatefile"));
        optional(m, "proxyjump", single(o.first("proxyjump")));
        optional(m, "hostkeyalias", single(o.first("hostkeyalias")));
        optional(m, "identityagent", single(tilde(o.first("identityagent"))));
        String known = o.first("userknownhostsfile");
        m.put("userknownhostsfile", List.of(known == null ? HOME + "/.ssh/known_hosts " + HOME + "/.ssh/known_hosts2"
                : String.join(" ", java.util.Arrays.stream(known.split(" ")).map(SshConfigInteropTest::tilde).toList())));
        return m;
    }

    private static Map<String, List<String>> comparable(Map<String, List<String>> g, boolean identityFilesConfigured) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (String key : List.of("hostname", "user", "port", "connecttimeout", "serveraliveinterval", "identitiesonly")) {
            m.put(key, g.getOrDefault(key, List.of()));
        }
        if (identityFilesConfigured) {
            m.put("identityfile", g.get("identityfile"));
        }
        for (String key : List.of("certificatefile", "proxyjump", "hostkeyalias", "identityagent")) {
            if (g.containsKey(key)) {
                m.put(key, g.get(key));
            }
        }
        m.put("userknownhostsfile", g.get("userknownhostsfile"));
        return m;
    }

    private static void optional(Map<String, List<String>> m, String key, List<String> values) {
        if (!values.isEmpty()) {
            m.put(key, values);
        }
    }

    private static List<String> single(String value) {
        return value == null ? List.of() : List.of(value);
    }

    private static String tilde(String path) {
        return path != null && path.startsWith("~/") ? HOME + path.substring(1) : path;
    }

    private static Map<String, List<String>> sshG(Path config, String host) throws Exception {
        Process p = new ProcessBuilder(SSH.toString(), "-G", "-F", config.toString(), host)
                .redirectErrorStream(false).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("ssh -G %s: %s", host, err).isZero();
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            int space = line.indexOf(' ');
            if (space > 0) {
                values.computeIfAbsent(line.substring(0, space), k -> new ArrayList<>()).add(line.substring(space + 1));
            }
        }
        return values;
    }
}
