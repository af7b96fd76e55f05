package dev.orrery.transport;

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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A sandbox host is one folder, for commands, workdirs and uploads alike; its own host key is not in it. */
@Timeout(60)
@Tag("slow")
class SandboxFolderTest {
    private static final Duration T = Duration.ofSeconds(20);

    @TempDir
    Path workspace;
    @TempDir
    Path home;
    @TempDir
    Path files;
    @TempDir
    Path outside;
    private TransportPool pool;
    private Transport box;
    private Path root;

    @BeforeEach
    void open() throws Exception {
        pool = TransportPool.create(workspace, HostKeyPolicy.refuse(), PassphraseProvider.none(),
                TransportSettings.defaults().withUserHome(home));
        box = pool.forHost(Hosts.sandbox("box"));
        root = pool.sandboxes().folderOf("box");
    }

    @AfterEach
    void close() {
        pool.close();
    }

    @Test
    void anAbsoluteWorkdirIsInsideTheFolderSoARunSeesWhatAnAddUploaded() throws Exception {
        // the orchestration shape: WORKDIR /srv/app, ADD app.conf ./, RUN ls
        Files.writeString(files.resolve("app.conf"), "port=80\n");
        box.upload(files.resolve("app.conf"), "./", "/srv/app", null, null, T);
        Output out = new Output();

        int exit = box.exec("pwd; ls", Map.of(), "/srv/app", out, T);

        assertThat(exit).isZero();
        assertThat(out.out()).containsExactly(root.resolve("srv/app").toString(), "app.conf");
        assertThat(root.resolve("srv/app/app.conf")).hasContent("port=80\n");
        assertThat(Path.of("/srv/app/app.conf")).doesNotExist();
    }

    @Test
    void aMissingAbsoluteWorkdirIsMissingInsideTheFolderEvenWhenTheRealOneExists() throws Exception {
        Output out = new Output();

        int exit = box.exec("pwd", Map.of(), outside.toString(), out, T);

        assertThat(exit).isNotZero();
        assertThat(out.err()).containsExactly("cannot enter workdir " + outside);
    }

    @Test
    void workdirsAndUploadsThatClimbOutOfTheFolderAreRefused() throws Exception {
        Files.writeString(files.resolve("f"), "x");

        assertThatThrownBy(() -> box.exec("touch escaped", Map.of(), "/../" + outside.getFileName(), new Output(), T))
                .isInstanceOf(TransportException.class)
                .hasMessage("workdir /../" + outside.getFileName() + " leaves the sandbox host's folder");
        assertThatThrownBy(() -> box.exec("touch escaped", Map.of(), "a/../..", new Output(), T))
                .hasMessage("workdir a/../.. leaves the sandbox host's folder");
        assertThatThrownBy(() -> box.upload(files.resolve("f"), "../../f", "sub", null, null, T))
                .isInstanceOf(TransportException.class)
                .hasMessage("upload destination sub/../../f leaves the sandbox host's folder");
        assertThat(box.exec("true", Map.of(), "a/../b/..", new Output(), T)).isZero();
        assertThat(workspace.resolve(".orrery/sandbox/escaped")).doesNotExist();
        assertThat(workspace.resolve(".orrery/sandbox/f")).doesNotExist();
    }

    @Test
    void uploadsDoNotFollowASymlinkOutOfTheFolder() throws Exception {
        Files.writeString(files.resolve("f"), "planted");
        box.exec("true", Map.of(), null, new Output(), T);
        Files.createSymbolicLink(root.resolve("link"), outside);
        Files.createSymbolicLink(root.resolve("file-link"), outside.resolve("target"));

        Files.createDirectories(root.resolve("real"));
        Files.createSymbolicLink(root.resolve("inner-link"), root.resolve("real"));

        assertThatThrownBy(() -> box.upload(files.resolve("f"), "/link/f", null, null, null, T))
                .isInstanceOf(TransportException.class).hasMessageContaining("/link/f");
        assertThatThrownBy(() -> box.upload(files.resolve("f"), "file-link", null, null, null, T))
                .isInstanceOf(TransportException.class).hasMessageContaining("file-link");
        box.upload(files.resolve("f"), "/inner-link/f", null, null, null, T);

        assertThat(root.resolve("real/f")).hasContent("planted");
        assertThat(outside.resolve("f")).doesNotExist();
        assertThat(outside.resolve("target")).doesNotExist();
    }

    @Test
    void theHostKeyIsKeptOutsideTheFolderAndAnOldOneMovesThereUnchanged() throws Exception {
        Path keys = workspace.resolve(".orrery/sandbox/.host-keys");
        assertThat(box.exec("ls -a", Map.of(), null, new Output(), T)).isZero();
        assertThat(keys.resolve("box_host_key")).exists();
        assertThat(root.resolve("host_key")).doesNotExist();
        pool.close();

        // a workspace from before: the key inside the host's folder
        Path oldRoot = Files.createDirectories(workspace.resolve(".orrery/sandbox/old"));
        Files.copy(keys.resolve("box_host_key"), oldRoot.resolve("host_key"));
        Files.copy(keys.resolve("box_host_key.pub"), oldRoot.resolve("host_key.pub"));
        String key = Files.readString(oldRoot.resolve("host_key"));
        pool = TransportPool.create(workspace, HostKeyPolicy.refuse(), PassphraseProvider.none(),
                TransportSettings.defaults().withUserHome(home));

        assertThat(pool.forHost(Hosts.sandbox("old")).exec("true", Map.of(), null, new Output(), T)).isZero();

        assertThat(keys.resolve("old_host_key")).hasContent(key);
        assertThat(keys.resolve("old_host_key.pub")).exists();
        assertThat(oldRoot.resolve("host_key")).doesNotExist();
        assertThat(oldRoot.resolve("host_key.pub")).doesNotExist();
    }
}
