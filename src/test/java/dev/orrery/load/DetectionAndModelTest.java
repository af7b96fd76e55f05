package dev.orrery.load;

import dev.orrery.model.Action;
import dev.orrery.model.Input;
import dev.orrery.model.Resource;
import dev.orrery.model.ResourceKind;
import dev.orrery.model.Step;
import dev.orrery.model.Workspace;
import dev.orrery.model.Workspace.FileKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static dev.orrery.load.Fixtures.INVENTORY;
import static dev.orrery.load.Fixtures.inventory;
import static dev.orrery.load.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

class DetectionAndModelTest {
    @TempDir
    Path dir;

    @Test
    void filesAreRecognisedByContentWhateverTheirNamesAndFolders() {
        write(dir, "zz/machines.yml", INVENTORY);
        write(dir, "deep/er/stack.yaml",
                "resources:",
                "  api:",
                "    target: web",
                "    actions: {run: [echo api]}");
        write(dir, "tool.yml",
                "config-version: 0.1",
                "components:",
                "  worker:",
                "    type: continuous",
                "    build: {repository: https://example.org/w.git}");
        write(dir, "a.yaml",
                "- jobs:",
                "  - RUN: echo hi");
        write(dir, ".hidden/broken.yaml", "this: [is not");
        write(dir, ".orrery/broken.yaml", "this: [is not");
        write(dir, "readme.txt", "resources: [not yaml we read]");

        LoadResult result = WorkspaceLoader.load(dir);

        assertThat(result.problems()).isEmpty();
        Workspace workspace = result.workspace().orElseThrow();
        assertThat(workspace.files()).containsExactly(
                Map.entry(dir.resolve("a.yaml"), FileKind.ORCHESTRATION),
                Map.entry(dir.resolve("deep/er/stack.yaml"), FileKind.RESOURCES),
                Map.entry(dir.resolve("tool.yml"), FileKind.COMPONENTS),
                Map.entry(dir.resolve("zz/machines.yml"), FileKind.INVENTORY));
        assertThat(workspace.resources()).extracting(Resource::name, Resource::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple("a.1.1", ResourceKind.JOB),
                org.assertj.core.groups.Tuple.tuple("api", ResourceKind.RESOURCE),
                org.assertj.core.groups.Tuple.tuple("worker", ResourceKind.COMPONENT));
    }

    @Test
    void aMixedWorkspaceLetsAResourceWaitForAComponent() {
        inventory(dir);
        write(dir, "tool.yaml",
                "config-version: 0.1",
                "components:",
                "  worker:",
                "    type: continuous",
                "    build: {repository: https://example.org/w.git}");
        write(dir, "res.yaml",
                "resources:",
                "  api:",
                "    target: web",
                "    wait-for: [worker]",
                "    actions: {run: [echo api]}");

        Workspace workspace = WorkspaceLoader.load(dir).workspace().orElseThrow();

        assertThat(workspace.resource("api").orElseThrow().waitFor()).containsExactly("worker");
        assertThat(workspace.resource("api").orElseThrow().source()).hasToString(dir.resolve("res.yaml") + ":2:3");
    }

    @Test
    void inputsAreShellQuotedInCommandsAndRawElsewhere() {
        inventory(dir);
        write(dir, "files/motd", "hi");
        write(dir, "res.yaml",
                "resources:",
                "  api:",
                "    target: [web-1]",
                "    workdir: srv/{{name}}",
                "    env: {GREETING: '{{message}}'}",
                "    inputs:",
                "      name: api",
                "      message: it's a \"test\" $HOME",
                "      empty:",
                "    actions:",
                "      run:",
                "        - run: echo {{ message }} {{name}} {{empty}}",
                "        - copy: {src: files/motd, dest: '{{name}}/motd', owner: 'app:app'}",
                "      restart:",
                "        retry: 3",
                "        timeout: 2m",
                "        steps: [\"kill -HUP 1\"]");

        Resource api = WorkspaceLoader.load(dir).workspace().orElseThrow().resource("api").orElseThrow();

        assertThat(api.actions().get("run").steps()).containsExactly(
                new Step.Exec("echo 'it'\\''s a \"test\" $HOME' api ''"),
                new Step.Transfer("files/motd", "api/motd", "app:app", null));
        assertThat(api.actions().get("update").steps()).isEqualTo(api.actions().get("run").steps());
        assertThat(api.actions().keySet()).containsExactly("run", "update", "restart");
        Action restart = api.actions().get("restart");
        assertThat(restart.retries()).isEqualTo(3);
        assertThat(restart.timeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(api.workdir()).isEqualTo("srv/api");
        assertThat(api.env()).containsEntry("GREETING", "it's a \"test\" $HOME");
        assertThat(api.actions()).doesNotContainKey("remove");
    }

    @Test
    void linksResolveThroughChainsAndCarrySecrecy() {
        inventory(dir);
        write(dir, "res.yaml",
                "resources:",
                "  vault:",
                "    target: data",
                "    inputs:",
                "      password: {value: hunter2, secret: true}",
                "    actions: {run: [echo vault]}",
                "  db:",
                "    target: data",
                "    inputs:",
                "      password: {link: vault.password}",
                "    actions: {run: [echo db]}",
                "  api:",
                "    target: web",
                "    inputs:",
                "      db_password: {link: db.password}",
                "    actions: {run: ['use {{db_password}}']}");

        Resource api = WorkspaceLoader.load(dir).workspace().orElseThrow().resource("api").orElseThrow();

        Input input = api.inputs().get("db_password");
        assertThat(input.value()).isEqualTo("hunter2");
        assertThat(input.secret()).isTrue();
        assertThat(input.linkResource()).isEqualTo("db");
        assertThat(input.linkInput()).isEqualTo("password");
        assertThat(input.displayValue()).isEqualTo("******");
        assertThat(api.secretValues()).containsExactly("hunter2");
        assertThat(api.actions().get("run").steps()).containsExactly(new Step.Exec("use hunter2"));
        assertThat(api.waitFor()).isEmpty();
    }

    @Test
    void hostsKeepEveryInventorySetting() {
        write(dir, "hosts.yaml",
                "hosts:",
                "  web-1:",
                "    address: 10.0.0.5",
                "    port: 2222",
                "    user: deploy",
                "    key: ~/.ssh/deploy",
                "    known-hosts: ~/.ssh/known_hosts",
                "    tags: prod",
                "  laptop:",
                "    local: true",
                "  bastion:");

        Workspace workspace = WorkspaceLoader.load(dir).workspace().orElseThrow();

        var web = workspace.host("web-1").orElseThrow();
        assertThat(web.address()).isEqualTo("10.0.0.5");
        assertThat(web.port()).isEqualTo(2222);
        assertThat(web.user()).isEqualTo("deploy");
        assertThat(web.identityFile()).isEqualTo("~/.ssh/deploy");
        assertThat(web.knownHostsFile()).isEqualTo("~/.ssh/known_hosts");
        assertThat(web.tags()).containsExactly("prod");
        assertThat(workspace.host("laptop").orElseThrow().local()).isTrue();
        assertThat(workspace.host("bastion").orElseThrow().address()).isEqualTo("bastion");
        assertThat(workspace.host("bastion").orElseThrow().port()).isZero();
    }

    @Test
    void onlyFileLoadsTheInventoryAndThatFileAlone() {
        inventory(dir);
        write(dir, "broken.yaml", "resources: [nope");
        write(dir, "other.yaml",
                "resources:",
                "  api:",
                "    target: nowhere",
                "    actions: {run: [echo api]}");
        Path play = write(dir, "plays/setup.yaml",
                "- jobs:",
                "  - RUN: echo hi");

        LoadResult result = WorkspaceLoader.load(dir, play);

        assertThat(result.problems()).isEmpty();
        Workspace workspace = result.workspace().orElseThrow();
        assertThat(workspace.files().keySet()).containsExactly(dir.resolve("inventory.yaml"), play);
        assertThat(WorkspaceLoader.load(dir, Path.of("plays/setup.yaml")).workspace().orElseThrow().files().keySet())
                .containsExactly(dir.resolve("inventory.yaml"), play);
        assertThat(workspace.resources()).extracting(Resource::name).containsExactly("setup.1.1");
        assertThat(WorkspaceLoader.load(dir).problems()).hasSize(2);
    }

    @Test
    void aMissingFolderIsAProblemNotAnException() {
        LoadResult result = WorkspaceLoader.load(dir.resolve("nope"));

        assertThat(result.ok()).isFalse();
        assertThat(result.problems().get(0).message()).contains("does not exist");
    }
}
