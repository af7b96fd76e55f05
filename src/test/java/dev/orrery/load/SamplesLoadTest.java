package dev.orrery.load;

import dev.orrery.TestFiles;
import dev.orrery.model.Resource;
import dev.orrery.model.ResourceKind;
import dev.orrery.model.Step;
import dev.orrery.model.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class SamplesLoadTest {
    private static final Path SAMPLES = Path.of("samples");

    private static Workspace loadClean(String sample) {
        LoadResult result = WorkspaceLoader.load(SAMPLES.resolve(sample));
        assertThat(result.problems()).isEmpty();
        return result.workspace().orElseThrow();
    }

    @Test
    void webstackLoadsWithLinksResolvedAndSecretsMarked() {
        Workspace workspace = loadClean("webstack");

        assertThat(workspace.hosts()).extracting(h -> h.name()).containsExactly("db-1", "app-1", "edge-1");
        assertThat(workspace.hosts()).allMatch(h -> h.sandbox());
        Resource app = workspace.resource("app").orElseThrow();
        assertThat(app.kind()).isEqualTo(ResourceKind.RESOURCE);
        assertThat(app.waitFor()).containsExactly("database", "cache");
        assertThat(app.inputs().get("db_password").secret()).isTrue();
        assertThat(app.inputs().get("db_password").linkResource()).isEqualTo("database");
        assertThat(app.secretValues()).containsExactly("correct-horse-battery");
        assertThat(app.actions()).containsKeys("run", "update", "remove", "restart", "test");
        assertThat(app.actions().get("restart").retries()).isEqualTo(2);
        assertThat(app.actions().get("run").steps()).contains(new Step.Transfer("files/index.html", "app/public/", null, "0644"));
        assertThat(workspace.resource("load-balancer").orElseThrow().waitFor()).containsExactly("app");
        assertThat(workspace.targetsOf(workspace.resource("load-balancer").orElseThrow(), "staging")).isEmpty();
        assertThat(workspace.targetsOf(workspace.resource("database").orElseThrow(), "staging"))
                .extracting(h -> h.name()).containsExactly("db-1");
    }

    @Test
    void componentsSampleKeepsSeed004sFlatFormAndBuildsFromLocalFolders() throws IOException {
        assertThat(Files.readString(SAMPLES.resolve("components/mytool.yaml")))
                .startsWith("config-version: 0.1\ncomponents:\ntoolhunt-cleanup:\ndescription: cleanup job\n");
        Workspace workspace = loadClean("components");

        assertThat(workspace.resources()).extracting(Resource::name)
                .containsExactly("toolhunt-cleanup", "toolhunt-api", "toolhunt-flower");
        assertThat(workspace.resources()).allMatch(r -> r.kind() == ResourceKind.COMPONENT);
        assertThat(workspace.resource("toolhunt-api").orElseThrow().actions().get("build").steps())
                .contains(new Step.Transfer("repos/toolhunt", "builds/toolhunt-api/", null, null));
        assertThat(workspace.resource("toolhunt-api").orElseThrow().attributes()).containsEntry("build-host", "builder");
        assertThat(workspace.targetsOf(workspace.resource("toolhunt-api").orElseThrow()))
                .extracting(h -> h.name()).containsExactly("node-1", "node-2");
    }

    @Test
    void orchestrationSampleHasTwoEntries() {
        Workspace workspace = loadClean("orchestration");

        assertThat(workspace.resources()).extracting(Resource::name)
                .containsExactly("ssh-keys.1.1", "ssh-keys.1.2", "ssh-keys.1.3", "ssh-keys.2.1", "ssh-keys.2.2");
        assertThat(workspace.resource("ssh-keys.1.2").orElseThrow().actions().get("add").steps())
                .containsExactly(new Step.Transfer("files/authorized_keys", "./", null, null));
        assertThat(workspace.resource("ssh-keys.2.2").orElseThrow().targets()).containsExactly("client-2", "client-3");
        assertThat(workspace.resource("ssh-keys.1.1").orElseThrow().targets())
                .containsExactly("client-1", "client-2", "client-3");
    }

    @Test
    void loadingNeverWritesAnything(@TempDir Path copy) throws IOException {
        TestFiles.copyTree(SAMPLES, copy);
        Map<String, String> before = snapshot(copy);

        for (String sample : new String[]{"webstack", "components", "orchestration", "broken"}) {
            WorkspaceLoader.load(copy.resolve(sample));
            WorkspaceLoader.load(copy.resolve(sample), copy.resolve("orchestration/ssh-keys.yaml"));
        }

        assertThat(snapshot(copy)).isEqualTo(before);
        assertThat(copy.resolve("webstack/.orrery")).doesNotExist();
    }

    /** Every path with its content hash and modification time. */
    private static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> state = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.toList()) {
                String key = root.relativize(path).toString();
                if (Files.isDirectory(path)) {
                    state.put(key + "/", Files.getLastModifiedTime(path).toString());
                } else {
                    byte[] digest = sha256(Files.readAllBytes(path));
                    state.put(key, HexFormat.of().formatHex(digest) + " " + Files.getLastModifiedTime(path));
                }
            }
        }
        return state;
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
