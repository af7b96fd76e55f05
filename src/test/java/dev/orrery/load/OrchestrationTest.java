package dev.orrery.load;

import dev.orrery.model.Resource;
import dev.orrery.model.ResourceKind;
import dev.orrery.model.Step;
import dev.orrery.model.Workspace;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.orrery.load.Fixtures.inventory;
import static dev.orrery.load.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

class OrchestrationTest {
    @TempDir
    Path dir;

    private Workspace load() {
        LoadResult result = WorkspaceLoader.load(dir);
        assertThat(result.problems()).isEmpty();
        return result.workspace().orElseThrow();
    }

    @Test
    void directordsExampleBecomesOneJobResourcePerJob() {
        inventory(dir);
        write(dir, "keys/id.pub", "ssh-ed25519 AAAA test");
        write(dir, "keys.yaml",
                "---",
                "- jobs:",
                "  - WORKDIR: /home/centos/.ssh",
                "  - RUN: chmod 600 /home/centos/.ssh/* && chmod 700 /home/centos/.ssh",
                "  - ADD: --chown=centos:centos keys/id.pub keys/* ./",
                "- targets:",
                "  - web-1",
                "  jobs:",
                "  - ENV: MODE=prod LEVEL=\"very high\"",
                "  - ARG: VERSION=1.2",
                "  - RUN: dnf install -y wget");

        Workspace workspace = load();

        assertThat(workspace.resources()).extracting(Resource::name)
                .containsExactly("keys.1.1", "keys.1.2", "keys.1.3", "keys.2.1", "keys.2.2", "keys.2.3");
        assertThat(workspace.resources()).allMatch(r -> r.kind() == ResourceKind.JOB);
        Resource workdir = workspace.resource("keys.1.1").orElseThrow();
        assertThat(workdir.actions()).containsOnlyKeys("workdir");
        assertThat(workdir.actions().get("workdir").steps()).containsExactly(new Step.Exec("mkdir -p home/centos/.ssh"));
        assertThat(workdir.workdir()).isEqualTo("/");
        assertThat(workdir.targets()).containsExactly("web-1", "db-1");
        Resource add = workspace.resource("keys.1.3").orElseThrow();
        assertThat(add.workdir()).isEqualTo("/home/centos/.ssh");
        assertThat(add.actions().get("add").steps()).containsExactly(
                new Step.Transfer("keys/id.pub", "./", "centos:centos", null),
                new Step.Transfer("keys/*", "./", "centos:centos", null));
        assertThat(add.attributes()).containsEntry("verb", "ADD").containsEntry("entry", "1").containsEntry("index", "3")
                .containsEntry("value", "--chown=centos:centos keys/id.pub keys/* ./");
        Resource install = workspace.resource("keys.2.3").orElseThrow();
        assertThat(install.targets()).containsExactly("web-1");
        assertThat(install.env()).containsExactly(java.util.Map.entry("MODE", "prod"),
                java.util.Map.entry("LEVEL", "very high"), java.util.Map.entry("VERSION", "1.2"));
        assertThat(install.actions().get("run").steps()).containsExactly(new Step.Exec("dnf install -y wget"));
        assertThat(install.workdir()).isNull();
    }

    @Test
    void anEntryWithNoTargetsOrNoJobsIsAcceptedAndDoesNothing() {
        inventory(dir);
        write(dir, "empty.yaml",
                "- targets: []",
                "  jobs:",
                "  - RUN: echo never",
                "- targets: [web-1]",
                "  jobs: []",
                "- jobs:",
                "  - RUN: echo everywhere");

        Workspace workspace = load();

        assertThat(workspace.resources()).extracting(Resource::name).containsExactly("empty.3.1");
        assertThat(workspace.resource("empty.3.1").orElseThrow().targets()).containsExactly("web-1", "db-1");
    }

    @Test
    void theJobsOfAnEntryWithNoTargetsAreStillChecked() {
        inventory(dir);
        write(dir, "empty.yaml",
                "- targets: []",
                "  jobs:",
                "  - DANCE: now");

        assertThat(WorkspaceLoader.load(dir).problems()).extracting(Object::toString)
                .anyMatch(p -> p.contains("empty.yaml:3") && p.contains("DANCE"));
    }

    @Test
    void fingerprintsAreStableAndDependOnTheContext() {
        inventory(dir);
        write(dir, "a.yaml",
                "- jobs:",
                "  - RUN: make",
                "  - WORKDIR: one",
                "  - RUN: make",
                "- jobs:",
                "  - WORKDIR: two",
                "  - RUN: make",
                "- async: true",
                "  jobs:",
                "  - RUN: make");

        List<String> first = load().resources().stream().map(r -> r.attributes().get("fingerprint")).toList();
        List<String> second = load().resources().stream().map(r -> r.attributes().get("fingerprint")).toList();

        assertThat(first).isEqualTo(second).allMatch(f -> f.matches("[0-9a-f]{12}"));
        assertThat(first.get(0)).isNotEqualTo(first.get(2)).isEqualTo(first.get(5));
        assertThat(first.get(2)).isNotEqualTo(first.get(4));
        assertThat(load().resource("a.3.1").orElseThrow().attributes()).containsEntry("async", "true");
        assertThat(load().resource("a.1.1").orElseThrow().attributes()).doesNotContainKey("async");
    }

    @Test
    void badJobsAreReportedWithTheirPlaces() {
        inventory(dir);
        write(dir, "a.yaml",
                "- jobs:",
                "  - ADD: only-one-path",
                "  - ENV: 1BAD=x",
                "  - COPY: --from=builder x y",
                "  - RUN:",
                "  - {RUN: a, ENV: B=1}",
                "- targets: [nowhere]");

        LoadResult result = WorkspaceLoader.load(dir);

        assertThat(Fixtures.places(result)).containsExactly("a.yaml:2:5", "a.yaml:3:5", "a.yaml:4:5", "a.yaml:5:9",
                "a.yaml:6:5", "a.yaml:7:3", "a.yaml:7:13");
        assertThat(result.problems().get(0).message()).startsWith("ADD needs a source and a destination");
        assertThat(result.problems().get(2).message()).contains("'--from=builder' is not supported");
        assertThat(result.problems().get(5).message()).contains("has no 'jobs:'");
    }
}
