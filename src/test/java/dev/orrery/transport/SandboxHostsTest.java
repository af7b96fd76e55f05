package dev.orrery.transport;

import dev.orrery.model.Host;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(60)
@Tag("slow")
class SandboxHostsTest {
    private static final Duration T = Duration.ofSeconds(20);

    @TempDir
    Path workspace;
    @TempDir
    Path home;
    private TransportPool pool;

    @BeforeEach
    void open() {
        pool = TransportPool.create(workspace, HostKeyPolicy.refuse(), PassphraseProvider.none(),
                TransportSettings.defaults().withUserHome(home));
    }

    @AfterEach
    void close() {
        pool.close();
    }

    @Test
    void runsCommandsInTheSandboxFolderOverOneSession() throws Exception {
        Host web = Hosts.sandbox("web-1");
        Transport t = pool.forHost(web);
        Output out = new Output();

        int exit = t.exec("pwd; echo \"$GREETING\" from $HOME; echo oops >&2; exit 3", Map.of("GREETING", "it's me"),
                null, out, T);
        t.exec("mkdir -p sub && echo x > sub/file", Map.of(), null, new Output(), T);
        Output inSub = new Output();
        t.exec("pwd; cat file", Map.of(), "sub", inSub, T);

        Path folder = workspace.resolve(".orrery/sandbox/web-1").toRealPath();
        assertThat(exit).isEqualTo(3);
        assertThat(out.out()).containsExactly(folder.toString(), "it's me from " + folder);
        assertThat(out.err()).containsExactly("oops");
        assertThat(inSub.out()).containsExactly(folder.resolve("sub").toString(), "x");
        assertThat(pool.connectCount(web)).isEqualTo(1);
        assertThat(t.describe()).startsWith("sandbox 127.0.0.1:");
    }

    @Test
    void keysAreGeneratedOnceAndTheHostKeyIsRecordedInTheSandboxKnownHosts() throws Exception {
        pool.forHost(Hosts.sandbox("db")).exec("true", Map.of(), null, new Output(), T);
        Path sandbox = workspace.resolve(".orrery/sandbox");
        String hostKey = Files.readString(sandbox.resolve(".host-keys/db_host_key"));
        String clientKey = Files.readString(sandbox.resolve("client_ed25519"));
        assertThat(Files.readString(sandbox.resolve("known_hosts"))).startsWith("orrery-sandbox-db ssh-ed25519 ");
        pool.close();

        pool = TransportPool.create(workspace, HostKeyPolicy.refuse(), PassphraseProvider.none(),
                TransportSettings.defaults().withUserHome(home));
        assertThat(pool.forHost(Hosts.sandbox("db")).exec("true", Map.of(), null, new Output(), T)).isZero();
        assertThat(Files.readString(sandbox.resolve(".host-keys/db_host_key"))).isEqualTo(hostKey);
        assertThat(Files.readString(sandbox.resolve("client_ed25519"))).isEqualTo(clientKey);
        assertThat(Files.readAllLines(sandbox.resolve("known_hosts"))).hasSize(1);
    }

    @Test
    void aStoppedSandboxComesBackAndTheTransportReconnects() throws Exception {
        Host web = Hosts.sandbox("web-1");
        Transport t = pool.forHost(web);
        assertThat(t.exec("true", Map.of(), null, new Output(), T)).isZero();

        pool.sandboxes().stop("web-1");
        Output out = new Output();
        assertThat(t.exec("echo back", Map.of(), null, out, T)).isZero();

        assertThat(out.out()).containsExactly("back");
        assertThat(pool.connectCount(web)).isEqualTo(2);
        assertThat(pool.sandboxes().runningHosts()).containsExactly("web-1");
    }

    @Test
    void sandboxHostsHaveSeparateFolders() throws Exception {
        pool.forHost(Hosts.sandbox("a")).exec("echo a > who", Map.of(), null, new Output(), T);
        pool.forHost(Hosts.sandbox("b")).exec("echo b > who", Map.of(), null, new Output(), T);

        assertThat(workspace.resolve(".orrery/sandbox/a/who")).hasContent("a");
        assertThat(workspace.resolve(".orrery/sandbox/b/who")).hasContent("b");
    }

    @Test
    void hostNamesThatCouldEscapeTheSandboxFolderAreRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> pool.forHost(Hosts.sandbox("../evil")).exec("true", Map.of(), null, new Output(), T))
                .isInstanceOf(TransportException.class).hasMessageContaining("cannot be a sandbox host name");
    }

    @Test
    void theRawExecLoopRunsOverThePoolsSessions() throws Exception {
        java.util.List<Host> hosts = java.util.List.of(Hosts.sandbox("r1"), Hosts.sandbox("r2"));

        RawExecLoop.Result result = RawExecLoop.run(pool, hosts, 5, "true", 2, T);

        assertThat(result.channels()).isEqualTo(10);
        assertThat(result.failures()).isZero();
        assertThat(pool.connectCount(hosts.get(0))).isEqualTo(1);
        assertThat(pool.connectCount(hosts.get(1))).isEqualTo(1);
    }
}
