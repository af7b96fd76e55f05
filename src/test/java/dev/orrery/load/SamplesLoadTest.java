package dev.orrery.load;

import dev.orrery.model.ResourceKind;
import dev.orrery.model.Step;
import dev.orrery.model.Workspace;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class SamplesLoadTest {
    private static final Path SAMPLES = Path.of("samples");

    @Test
    void webstackLoadsWithLinksResolvedAndSecretsMarked() {
        LoadResult result = WorkspaceLoader.load(SAMPLES.resolve("webstack"));

        assertThat(result.problems()).isEmpty();
        Workspace workspace = result.workspace().orElseThrow();
        assertThat(workspace.hosts()).extracting(h -> h.name()).containsExactly("db-1", "app-1", "edge-1");
        assertThat(workspace.hosts()).allMatch(h -> h.sandbox());
        var app = workspace.resource("app").orElseThrow();
        assertThat(app.kind()).isEqualTo(ResourceKind.RESOURCE);
        assertThat(app.waitFor()).containsExactly("database", "cache");
        assertThat(app.inputs().get("db_password").secret()).isTrue();
        assertThat(app.inputs().get("db_password").linkResource()).isEqualTo("database");
        assertThat(app.secretValues()).containsExactly("correct-horse-battery");
        assertThat(app.actions()).containsKeys("run", "update", "remove", "restart", "test");
        assertThat(app.actions().get("restart").retries()).isEqualTo(2);
        assertThat(app.actions().get("run").steps()).contains(new Step.Transfer("files/index.html", "app/public/", null, "0644"));
        assertThat(workspace.targetsOf(workspace.resource("load-balancer").orElseThrow(), "staging")).isEmpty();
        assertThat(workspace.targetsOf(workspace.resource("database").orElseThrow(), "staging"))
                .extracting(h -> h.name()).containsExactly("db-1");
    }
}
