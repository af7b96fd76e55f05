package dev.orrery.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static dev.orrery.load.Fixtures.inventory;
import static dev.orrery.load.Fixtures.places;
import static dev.orrery.load.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

/** One test per problem kind, each checking the exact line and column and the actionable sentence. */
class ValidationProblemsTest {
    @TempDir
    Path dir;

    @Test
    void yamlSyntaxErrorIsReportedWhereTheParserStopped() {
        inventory(dir);
        write(dir, "web.yaml",
                "resources:",
                "  web:",
                "    target: [web-1",
                "    actions: {}");

        LoadResult result = WorkspaceLoader.load(dir);

        assertThat(result.ok()).isFalse();
        assertThat(result.workspace()).isEmpty();
        assertThat(places(result)).containsExactly("web.yaml:4:12");
        assertThat(result.problems().get(0).message())
                .startsWith("YAML syntax error: expected ',' or ']'")
                .contains("flow sequence that starts at line 3, column 13");
    }

    @Test
    void unknownKeysSuggestTheNearestKnownKey() {
        write(dir, "hosts.yaml",
                "hosts:",
                "  web-1:",
                "    adress: 10.0.0.5",
                "    tags: [prod]");
        write(dir, "res.yaml",
                "resources:",
                "  api:",
                "    target: web-1",
                "    wait_for: []",
                "    actions:",
                "      run:",
                "        - run: echo hi");

        LoadResult result = WorkspaceLoader.load(dir);

        assertThat(places(result)).containsExactly("hosts.yaml:3:5", "res.yaml:4:5");
        assertThat(result.problems().get(0).message()).isEqualTo("unknown key 'adress' in host 'web-1'; did you mean"
                + " 'address'? (known keys: address, port, user, key, known-hosts, tags, sandbox, local, jump)");
        assertThat(result.problems().get(1).message()).contains("unknown key 'wait_for'", "did you mean 'wait-for'?");
    }

    @Test
    void wrongTypesSayWhatIsExpected() {
        write(dir, "hosts.yaml",
                "hosts:",
                "  web-1:",
                "    port: twenty-two",
                "    sandbox: maybe",
                "    tags: {prod: true}");
        write(dir, "res.yaml",
                "resources:",
                "  api:",
                "    target: web-1",
                "    actions:",
                "      run:",
                "        retry: many",
                "        timeout: soon",
                "        steps:",
                "          - copy: {src: a.txt, dest: x/, mode: \"999\"}");
        write(dir, "a.txt", "hello");

        LoadResult result = WorkspaceLoader.load(dir);

        assertThat(places(result)).containsExactly("hosts.yaml:3:11", "hosts.yaml:4:14", "hosts.yaml:5:11",
                "res.yaml:6:16", "res.yaml:7:18", "res.yaml:9:48");
        assertThat(result.problems()).extracting(Problem::message).containsExactly(
                "'port' of host 'web-1' must be a whole number from 1 to 65535, not 'twenty-two'",
                "'sandbox' of host 'web-1' must be true or false, not 'maybe'",
                "'tags' of host 'web-1' must be a name or a list of names, not a mapping",
                "'retry' of action 'run' of resource 'api' must be a whole number from 0 to 100, not 'many'",
                "'timeout' of action 'run' of resource 'api' must be a duration such as 30s, 5m, 1h or 500ms, not 'soon'",
                "mode '999' of the copy step of action 'run' of resource 'api' must be octal such as \"0640\""
                        + " (quote it so YAML keeps the leading 0)");
    }

    @Test
    void duplicateNamesAcrossFilesPointAtTheFirstDefinition() {
        inventory(dir);
        write(dir, "more-hosts.yaml",
                "hosts:",
                "  db-1:",
                "    sandbox: true");
        write(dir, "a.yaml",
                "resources:",
                "  api:",
                "    target: web-1",
                "    actions: {run: [echo a]}");
        write(dir, "b.yaml",
                "resources:",
                "  api:",
                "    target: web-1",
                "    actions: {run: [echo b]}");
        write(dir, "c.yaml",
                "config-version: 0.1",
                "components:",
                "  api:",
                "    type: continuous",
                "    build:",
                "      repository: https://example.org/api.git");

        LoadResult result = WorkspaceLoader.load(dir);

        assertThat(places(result)).containsExactly("b.yaml:2:3", "c.yaml:3:3", "more-hosts.yaml:2:3");
        assertThat(result.problems().get(0).message()).isEqualTo("resource name 'api' is already used at "
                + "a.yaml:2:3; names are unique across the workspace, rename one of them");
        assertThat(result.problems().get(1).message()).startsWith("component name 'api' is already used at");
        assertThat(result.problems().get(2).message()).isEqualTo("host 'db-1' is already defined at "
                + "inventory.yaml:5:3; rename or remove one of them");
    }

    @Test
    void duplicateNamesInOneFileAreReported() {
        inventory(dir);
        write(dir, "a.yaml",
                "resources:",
                "  api:",
                "    target: web-1",
                "    actions: {run: [echo a]}",
                "  api:",
                "    target: web-1",
                "    actions: {run: [echo b]}");

        LoadResult result = WorkspaceLoader.load(dir);

        assertThat(places(result)).containsExactly("a.yaml:5:3");
        assertThat(result.problems().get(0).message()).contains("resource 'api' is defined twice in this file");
    }

    @Test
    void unknownReferencesToHostsTagsResourcesAndInputs() {
        inventory(dir);
        write(dir, "res.yaml",
                "resources:",
                "  db:",
                "    target: data",
                "    inputs:",
                "      port: 5432",
                "    actions:",
                "      run:",
                "        - run: echo db",
                "  api:",
                "    target: [web-2, prd]",
                "    wait-for: [dbb, queue]",
                "    inputs:",
                "      db_port: {link: db.prot}",
                "      token: {link: vault.token}",
                "    actions:",
                "      run:",
                "        - run: echo {{db_port}} {{tokn}}");

        LoadResult result = WorkspaceLoader.load(dir);

        assertThat(places(result)).containsExactly("res.yaml:10:14", "res.yaml:10:21", "res.yaml:11:16",
                "res.yaml:11:21", "res.yaml:13:23", "res.yaml:14:21", "res.yaml:17:16");
        assertThat(result.problems()).extracting(Problem::message).containsExactly(
                "target 'web-2' of resource 'api' is neither a host nor a tag of any host in the inventory;"
                        + " did you mean 'web-1'?",
                "target 'prd' of resource 'api' is neither a host nor a tag of any host in the inventory;"
                        + " did you mean 'prod'?",
                "'api' waits for 'dbb', which is not a resource or component of this workspace; did you mean 'db'?",
                "'api' waits for 'queue', which is not a resource or component of this workspace",
                "link 'db.prot' of input 'db_port' of resource 'api' names input 'prot', which resource 'db' does"
                        + " not have; did you mean 'port'? (its inputs: port)",
                "link 'vault.token' of input 'token' of resource 'api' names resource 'vault', which does not exist",
                "{{tokn}} is used but resource 'api' has no input 'tokn' (did you mean 'token'?); add it under 'inputs:'");
    }

    @Test
    void reuseFromMustNameAComponentThatBuilds() {
        inventory(dir);
        write(dir, "tool.yaml",
                "config-version: 0.1",
                "components:",
                "  api:",
                "    type: continuous",
                "    build:",
                "      repository: https://example.org/api.git",
                "  flower:",
                "    type: continuous",
                "    build:",
                "      reuse-from: apii",
                "  flower-2:",
                "    type: continuous",
                "    build:",
                "      reuse-from: flower-3",
                "  flower-3:",
                "    type: continuous",
                "    build:",
                "      reuse-from: api");

        LoadResult result = WorkspaceLoader.load(dir);

        assertThat(places(result)).containsExactly("tool.yaml:10:19", "tool.yaml:14:19");
        assertThat(result.problems().get(0).message()).isEqualTo("reuse-from of component 'flower' names 'apii',"
                + " which is not a component of this workspace; did you mean 'api'?");
        assertThat(result.problems().get(1).message()).isEqualTo("reuse-from of component 'flower-2' names"
                + " 'flower-3', which itself reuses 'api'; point it at the component that builds (reuse-from: api)");
    }

    @Test
    void unsupportedVerbsListTheSupportedOnes() {
        inventory(dir);
        write(dir, "play.yaml",
                "- jobs:",
                "  - RUN: echo one",
                "  - CMD: echo two",
                "  - RUNN: echo three");

        LoadResult result = WorkspaceLoader.load(dir);

        assertThat(places(result)).containsExactly("play.yaml:3:5", "play.yaml:4:5");
        assertThat(result.problems()).extracting(Problem::message).containsExactly(
                "unsupported verb 'CMD'; Orrery supports RUN, WORKDIR, ADD, COPY, ENV, ARG",
                "unsupported verb 'RUNN' (did you mean 'RUN'?); Orrery supports RUN, WORKDIR, ADD, COPY, ENV, ARG");
    }

    @Test
    void aCycleThroughWaitForAndLinksIsShownWhole() {
        inventory(dir);
        write(dir, "res.yaml",
                "resources:",
                "  a:",
                "    target: web",
                "    wait-for: [b]",
                "    actions: {run: [echo a]}",
                "  b:",
                "    target: web",
                "    inputs:",
                "      port: {link: c.port}",
                "    actions: {run: [echo b]}",
                "  c:",
                "    target: web",
                "    wait-for:",
                "      - a",
                "    inputs:",
                "      port: 80",
                "    actions: {run: [echo c]}");

        LoadResult result = WorkspaceLoader.load(dir);

        assertThat(places(result)).containsExactly("res.yaml:4:16");
        assertThat(result.problems().get(0).message()).isEqualTo("dependency cycle: a → b → c → a; remove or change"
                + " one of these wait-for entries or links so the order can be resolved");
    }

    @Test
    void componentCyclesAndSelfWaitsAreReported() {
        inventory(dir);
        write(dir, "tool.yaml",
                "config-version: 0.1",
                "components:",
                "  ingest:",
                "    type: continuous",
                "    build: {repository: https://example.org/i.git}",
                "    wait-for: [export]",
                "  export:",
                "    type: continuous",
                "    build: {repository: https://example.org/e.git}",
                "    wait-for: [ingest]",
                "  solo:",
                "    type: continuous",
                "    build: {repository: https://example.org/s.git}",
                "    wait-for: [solo]");

        LoadResult result = WorkspaceLoader.load(dir);

        assertThat(places(result)).containsExactly("tool.yaml:10:16", "tool.yaml:14:16");
        assertThat(result.problems()).extracting(Problem::message).allMatch(m -> m.startsWith("dependency cycle: "));
        assertThat(result.problems().get(0).message()).contains("export → ingest → export");
        assertThat(result.problems().get(1).message()).contains("solo → solo");
    }

    @Test
    void aFileOfNoKnownKindIsReportedWithASuggestion() {
        inventory(dir);
        write(dir, "notes.yaml",
                "resource:",
                "  api: {}");

        LoadResult result = WorkspaceLoader.load(dir);

        assertThat(places(result)).containsExactly("notes.yaml:1:1");
        assertThat(result.problems().get(0).message()).startsWith("this file is not recognised as an Orrery file:"
                + " did you mean 'resources' instead of 'resource'?");
    }

    @Test
    void resourcesNeedATargetAndARunAction() {
        inventory(dir);
        write(dir, "res.yaml",
                "resources:",
                "  a:",
                "    actions: {run: [echo a]}",
                "  b:",
                "    target: []",
                "    actions: {test: [echo b]}",
                "  c:",
                "    target: web");

        LoadResult result = WorkspaceLoader.load(dir);

        assertThat(places(result)).containsExactly("res.yaml:2:3", "res.yaml:5:5", "res.yaml:6:5", "res.yaml:7:3");
        assertThat(result.problems()).extracting(Problem::message).containsExactly(
                "resource 'a' has no 'target': add `target: [host or tag, ...]` to say where it runs",
                "'target' of resource 'b' is empty: name at least one host or tag",
                "resource 'b' has no 'run' action: add `run:` with the steps that create it (update falls back to"
                        + " run, remove is optional)",
                "resource 'c' has no 'actions': add at least a `run:` action with its steps");
    }

    @Test
    void otherYamlFilesAreLeftAlone() {
        inventory(dir);
        write(dir, "docker-compose.yml",
                "services:",
                "  web: {image: nginx}");

        LoadResult result = WorkspaceLoader.load(dir);

        assertThat(result.problems()).isEmpty();
        assertThat(result.workspace().orElseThrow().files()).containsOnlyKeys(dir.resolve("inventory.yaml"));
    }

    @Test
    void componentFieldsAreChecked() {
        inventory(dir);
        write(dir, "tool.yaml",
                "config-version: 0.2",
                "components:",
                "  reports:",
                "    descripton: nightly",
                "    type: schedueld",
                "    build:",
                "      repository: https://example.org/r.git",
                "  cron:",
                "    type: scheduled",
                "    build:",
                "      repository: https://example.org/c.git",
                "    run:",
                "      schedule: every hour");

        LoadResult result = WorkspaceLoader.load(dir);

        assertThat(places(result)).containsExactly("tool.yaml:1:17", "tool.yaml:4:5", "tool.yaml:5:11", "tool.yaml:13:17");
        assertThat(result.problems()).extracting(Problem::message).containsExactly(
                "config-version '0.2' is not supported; Orrery reads config-version 0.1",
                "unknown key 'descripton' in component 'reports'; did you mean 'description'? (known keys:"
                        + " description, type, build, run, wait-for)",
                "type 'schedueld' of component 'reports' is not known; did you mean 'scheduled'? (use continuous or"
                        + " scheduled)",
                "schedule 'every hour' of component 'cron' must be a cron expression of five fields, such as"
                        + " \"00 * * * *\"");
    }

    @Test
    void everyProblemOfEveryFileIsReportedAtOnceAndSorted() {
        LoadResult result = WorkspaceLoader.load(Path.of("samples/broken"));

        assertThat(result.workspace()).isEmpty();
        assertThat(result.problems()).extracting(p -> p.file().getFileName().toString()).containsOnly(
                "components.yaml", "inventory.yaml", "more-hosts.yaml", "more-resources.yaml", "notes.yaml",
                "orchestration.yaml", "resources.yaml", "syntax.yaml");
        assertThat(result.problems()).isSortedAccordingTo(Diagnostics.ORDER);
        assertThat(result.problems()).allMatch(p -> p.line() > 0 && p.column() > 0);
        assertThat(result.problems()).extracting(Problem::message).anyMatch(m -> m.startsWith("YAML syntax error"))
                .anyMatch(m -> m.startsWith("unknown key"))
                .anyMatch(m -> m.contains("must be a whole number"))
                .anyMatch(m -> m.contains("is already used at"))
                .anyMatch(m -> m.contains("is neither a host nor a tag"))
                .anyMatch(m -> m.contains("which is not a resource or component"))
                .anyMatch(m -> m.startsWith("link "))
                .anyMatch(m -> m.contains("has no input"))
                .anyMatch(m -> m.contains("which itself reuses"))
                .anyMatch(m -> m.startsWith("reuse-from") && m.contains("which is not a component"))
                .anyMatch(m -> m.startsWith("unsupported verb"))
                .anyMatch(m -> m.startsWith("dependency cycle: db → queue → worker → db"))
                .anyMatch(m -> m.startsWith("dependency cycle: export → ingest → export"));
    }
}
