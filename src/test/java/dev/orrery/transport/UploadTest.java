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
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SFTP uploads (embedded server), the same semantics for sandbox and local hosts. */
@Timeout(60)
@Tag("slow")
class UploadTest {
    private static final Duration T = Duration.ofSeconds(20);

    @TempDir
    Path home;
    @TempDir
    Path serverHome;
    @TempDir
    Path workspace;
    @TempDir
    Path files;
    private TestSshServer server;
    private TransportPool pool;
    private Transport ssh;

    @BeforeEach
    void start() throws Exception {
        KeyPair clientKey = TestSshServer.newKey();
        KeyFiles.write(home.resolve(".ssh/id_ed25519"), clientKey, "tester@test");
        server = TestSshServer.start(serverHome, clientKey.getPublic());
        new KnownHosts(home.resolve(".ssh/known_hosts")).append("127.0.0.1", server.port(), server.hostKey());
        pool = TransportPool.create(workspace, HostKeyPolicy.refuse(), PassphraseProvider.none(),
                TransportSettings.defaults().withUserHome(home));
        ssh = pool.forHost(Hosts.ssh("web-1", "127.0.0.1", server.port(), "tester", null, null));
        Files.writeString(files.resolve("app.conf"), "port=80\n");
        Files.writeString(files.resolve("db.conf"), "db=1\n");
        Files.writeString(files.resolve("notes.txt"), "notes\n");
        Files.createDirectories(files.resolve("site/css"));
        Files.writeString(files.resolve("site/index.html"), "<h1>hi</h1>");
        Files.writeString(files.resolve("site/css/main.css"), "body{}");
    }

    @AfterEach
    void stop() throws Exception {
        pool.close();
        server.close();
    }

    @Test
    void aFileGoesToItsPathRelativeToTheWorkdirWithItsMode() throws Exception {
        ssh.upload(files.resolve("app.conf"), "etc/app.conf", "srv", null, "640", T);

        Path copied = serverHome.resolve("srv/etc/app.conf");
        assertThat(copied).hasContent("port=80");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(copied))).isEqualTo("rw-r-----");
    }

    @Test
    void aTrailingSlashMeansIntoThatFolder() throws Exception {
        ssh.upload(files.resolve("app.conf"), "conf/", null, null, null, T);
        assertThat(serverHome.resolve("conf/app.conf")).hasContent("port=80");
    }

    @Test
    void aFolderIsCopiedRecursively() throws Exception {
        ssh.upload(files.resolve("site"), "www", null, null, "644", T);
        ssh.upload(files.resolve("site"), "nested/", null, null, null, T);

        assertThat(serverHome.resolve("www/index.html")).hasContent("<h1>hi</h1>");
        assertThat(serverHome.resolve("www/css/main.css")).hasContent("body{}");
        assertThat(serverHome.resolve("nested/site/css/main.css")).hasContent("body{}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(serverHome.resolve("www/css/main.css"))))
                .isEqualTo("rw-r--r--");
    }

    @Test
    void aGlobCopiesEveryMatchIntoTheFolderAndChownRuns() throws Exception {
        String me = System.getProperty("user.name");
        ssh.upload(files.resolve("*.conf"), "conf/", null, me + ":" + groupOf(files), null, T);

        assertThat(serverHome.resolve("conf/app.conf")).hasContent("port=80");
        assertThat(serverHome.resolve("conf/db.conf")).hasContent("db=1");
        assertThat(serverHome.resolve("conf/notes.txt")).doesNotExist();
    }

    @Test
    void aChownThatFailsIsReported() throws Exception {
        assertThatThrownBy(() -> ssh.upload(files.resolve("app.conf"), "x.conf", null, "no-such-user-xyz", null, T))
                .isInstanceOf(TransportException.class)
                .hasMessageStartingWith("chown no-such-user-xyz failed on web-1");
    }

    @Test
    void badInputIsRefusedBeforeAnythingIsCopied() {
        assertThatThrownBy(() -> ssh.upload(files.resolve("missing.txt"), "x", null, null, null, T))
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> ssh.upload(files.resolve("*.none"), "x/", null, null, null, T))
                .hasMessageContaining("no file matches");
        assertThatThrownBy(() -> ssh.upload(files.resolve("app.conf"), "x", null, null, "rwx", T))
                .hasMessageContaining("invalid mode 'rwx'");
        assertThatThrownBy(() -> ssh.upload(files.resolve("app.conf"), "x", null, "a b; rm -rf /", null, T))
                .hasMessageContaining("invalid owner");
        assertThat(serverHome.resolve("x")).doesNotExist();
    }

    @Test
    void sandboxHostsReceiveFilesInTheirFolderAndChownWorksOnAbsolutePaths() throws Exception {
        Host sandbox = Hosts.sandbox("box");
        Transport t = pool.forHost(sandbox);
        t.upload(files.resolve("site"), "/www", null, System.getProperty("user.name"), "600", T);

        Path folder = pool.sandboxes().folderOf("box");
        assertThat(folder.resolve("www/css/main.css")).hasContent("body{}");
        Output out = new Output();
        assertThat(t.exec("cat www/index.html", Map.of(), null, out, T)).isZero();
        assertThat(out.out()).containsExactly("<h1>hi</h1>");
    }

    @Test
    void localHostsCopyFiles() throws Exception {
        Host local = Hosts.local("me");
        Path target = Files.createDirectories(workspace.resolve("local-target"));
        pool.forHost(local).upload(files.resolve("*.conf"), target + "/", null, null, "600", T);

        assertThat(target.resolve("app.conf")).hasContent("port=80");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target.resolve("db.conf"))))
                .isEqualTo("rw-------");
    }

    private static String groupOf(Path p) throws Exception {
        return Files.readAttributes(p, java.nio.file.attribute.PosixFileAttributes.class).group().getName();
    }
}
