package dev.orrery.load;

import dev.orrery.model.Action;
import dev.orrery.model.Resource;
import dev.orrery.model.ResourceKind;
import dev.orrery.model.Step;
import dev.orrery.model.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.orrery.load.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

class ComponentsTest {
    /** Toolforge's file exactly as its documentation prints it (no indentation), with a local repository folder. */
    static final String[] FLAT = {
            "config-version: 0.1",
            "components:",
            "toolhunt-cleanup:",
            "description: cleanup job",
            "type: scheduled",
            "build:",
            "repository: https://github.com/wikimedia/toolhunt-cleanup",
            "wait-for:",
            "- toolhunt-api",
            "run:",
            "command: cleanup",
            "schedule: \"00 * * * *\"",
            "toolhunt-api:",
            "description: a python-flask api",
            "type: continuous",
            "build:",
            "repository: repos/toolhunt",
            "toolhunt-flower:",
            "description: dashboard for monitoring and managing celery",
            "type: continuous",
            "build:",
            "reuse-from: toolhunt-api",
            "run:",
            "command: flower",
            "wait-for:",
            "- toolhunt-api"};

    /** The same file, indented as YAML is usually written. */
    static final String[] INDENTED = {
            "config-version: 0.1",
            "components:",
            "  toolhunt-cleanup:",
            "    description: cleanup job",
            "    type: scheduled",
            "    build:",
            "      repository: https://github.com/wikimedia/toolhunt-cleanup",
            "    wait-for:",
            "      - toolhunt-api",
            "    run:",
            "      command: cleanup",
            "      schedule: \"00 * * * *\"",
            "  toolhunt-api:",
            "    description: a python-flask api",
            "    type: continuous",
            "    build:",
            "      repository: repos/toolhunt",
            "  toolhunt-flower:",
            "    description: dashboard for monitoring and managing celery",
            "    type: continuous",
            "    build:",
            "      reuse-from: toolhunt-api",
            "    run:",
            "      command: flower",
            "    wait-for: [toolhunt-api]"};

    static final String HOSTS = String.join("\n",
            "hosts:",
            "  builder: {sandbox: true, tags: [build]}",
            "  node-1: {sandbox: true, tags: [components]}",
            "  node-2: {sandbox: true, tags: [components]}",
            "  other: {sandbox: true}");

    @TempDir
    Path flatDir;
    @TempDir
    Path indentedDir;

    private Workspace load(Path dir, String[] lines) {
        write(dir, "hosts.yaml", HOSTS);
        write(dir, "repos/toolhunt/app.py", "print('hi')");
        write(dir, "mytool.yaml", lines);
        LoadResult result = WorkspaceLoader.load(dir);
        assertThat(result.problems()).isEmpty();
        return result.workspace().orElseThrow();
    }

    /** Everything but the source places, which differ between the two layouts by design. */
    private static List<Object> shape(Resource r) {
        return List.of(r.name(), r.kind(), r.targets(), r.tags(), r.inputs(), r.waitFor(), r.env(),
                r.workdir() == null ? "" : r.workdir(), r.attributes(),
                r.actions().values().stream().map(a -> List.of(a.name(), a.steps(), a.retries())).toList());
    }

    @Test
    void theSeedsFlatFormAndTheIndentedFormGiveTheSameModel() {
        Workspace flat = load(flatDir, FLAT);
        Workspace indented = load(indentedDir, INDENTED);

        assertThat(flat.resources()).extracting(Resource::name)
                .containsExactly("toolhunt-cleanup", "toolhunt-api", "toolhunt-flower");
        assertThat(flat.resources().stream().map(ComponentsTest::shape).toList())
                .isEqualTo(indented.resources().stream().map(ComponentsTest::shape).toList());
        assertThat(flat.resource("toolhunt-flower").orElseThrow().source().line()).isEqualTo(18);
    }

    @Test
    void componentsBuildOnTheBuildHostAndDeployOnComponentsHosts() {
        Workspace workspace = load(flatDir, FLAT);
        Resource api = workspace.resource("toolhunt-api").orElseThrow();
        Resource cleanup = workspace.resource("toolhunt-cleanup").orElseThrow();
        Resource flower = workspace.resource("toolhunt-flower").orElseThrow();
        String image = "toolhunt-api:" + ComponentResources.contentHash(flatDir.resolve("repos/toolhunt"));

        assertThat(api.kind()).isEqualTo(ResourceKind.COMPONENT);
        assertThat(workspace.targetsOf(api)).extracting(h -> h.name()).containsExactly("node-1", "node-2");
        assertThat(api.attributes()).containsEntry("build-host", "builder").containsEntry("type", "continuous")
                .containsEntry("repository", "repos/toolhunt").containsEntry("image", image);
        assertThat(api.actions().keySet()).containsExactly("build", "deploy", "remove");
        assertThat(api.actions().get("build").steps()).containsExactly(
                new Step.Exec("rm -rf builds/toolhunt-api && mkdir -p builds/toolhunt-api"),
                new Step.Transfer("repos/toolhunt", "builds/toolhunt-api/", null, null),
                new Step.Exec("printf '%s\\n' " + image + " > builds/toolhunt-api/IMAGE"));
        assertThat(cleanup.actions().get("build").steps().get(0)).isEqualTo(new Step.Exec(
                "rm -rf builds/toolhunt-cleanup && mkdir -p builds/toolhunt-cleanup && git clone --depth 1"
                        + " https://github.com/wikimedia/toolhunt-cleanup builds/toolhunt-cleanup/src"));
        assertThat(cleanup.actions().get("deploy").steps()).containsExactly(new Step.Exec(
                "mkdir -p deployments && printf '%s\\n' type=scheduled command=cleanup 'schedule=00 * * * *'"
                        + " image=toolhunt-cleanup:latest > deployments/toolhunt-cleanup.conf.tmp"
                        + " && mv deployments/toolhunt-cleanup.conf.tmp deployments/toolhunt-cleanup.conf"));
        assertThat(cleanup.actions().get(Action.REMOVE).steps())
                .containsExactly(new Step.Exec("rm -f deployments/toolhunt-cleanup.conf"));
        assertThat(cleanup.waitFor()).containsExactly("toolhunt-api");
        assertThat(flower.actions()).doesNotContainKey("build");
        assertThat(flower.attributes()).containsEntry("reuse-from", "toolhunt-api").containsEntry("image", image);
    }

    @Test
    void editingTheRepositoryChangesTheImage() throws Exception {
        String before = load(flatDir, FLAT).resource("toolhunt-api").orElseThrow().attributes().get("image");
        Files.writeString(flatDir.resolve("repos/toolhunt/app.py"), "print('changed')");
        String after = WorkspaceLoader.load(flatDir).workspace().orElseThrow().resource("toolhunt-api").orElseThrow()
                .attributes().get("image");

        assertThat(after).isNotEqualTo(before).startsWith("toolhunt-api:");
    }

    @Test
    void withoutBuildOrComponentsTagsTheFirstHostBuildsAndAllDeploy(@TempDir Path dir) {
        write(dir, "hosts.yaml", "hosts:", "  a: {sandbox: true}", "  b: {sandbox: true}");
        write(dir, "tool.yaml", "config-version: 0.1", "components:", "  w:", "    type: continuous",
                "    build: {repository: https://example.org/w.git}");

        Resource w = WorkspaceLoader.load(dir).workspace().orElseThrow().resource("w").orElseThrow();

        assertThat(w.targets()).containsExactly("a", "b");
        assertThat(w.attributes()).containsEntry("build-host", "a");
        assertThat(Map.copyOf(w.attributes())).doesNotContainKey("reuse-from");
    }

    @Test
    void flatFormTyposAreReportedWhereTheyAre(@TempDir Path dir) {
        write(dir, "hosts.yaml", HOSTS);
        write(dir, "tool.yaml",
                "config-version: 0.1",
                "components:",
                "api:",
                "type: continuous",
                "build:",
                "repositry: https://example.org/api.git");

        LoadResult result = WorkspaceLoader.load(dir);

        assertThat(Fixtures.places(result)).containsExactly("tool.yaml:5:1", "tool.yaml:6:1");
        assertThat(result.problems().get(1).message()).contains("unknown key 'repositry' in 'build' of component 'api';"
                + " did you mean 'repository'?");
    }
}
