package dev.orrery.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.orrery.load.Fixtures.inventory;
import static dev.orrery.load.Fixtures.places;
import static dev.orrery.load.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

/** What would only fail at run time is an error of validate, at its line and column. */
class RunTimeProblemsTest {
    @TempDir
    Path dir;

    private LoadResult load() {
        return WorkspaceLoader.load(dir);
    }

    @Test
    void environmentVariableNamesAShellCannotSetAreErrors() {
        inventory(dir);
        write(dir, "res.yaml",
                "resources:",
                "  api:",
                "    target: web-1",
                "    env: {GOOD_1: a, 1BAD: b, with-dash: c, _ok: d}",
                "    actions:",
                "      run:",
                "        - run: echo hi");

        LoadResult result = load();

        assertThat(places(result)).containsExactly("res.yaml:4:22", "res.yaml:4:31");
        assertThat(result.problems().get(0).message()).isEqualTo("environment variable name '1BAD' of resource 'api'"
                + " may only hold letters, digits and '_', and must not start with a digit, or a shell cannot set it");
        assertThat(result.problems().get(1).message()).contains("'with-dash'");
    }

    @Test
    void malformedOwnersAndChownAreErrors() {
        inventory(dir);
        write(dir, "files/app.conf", "x");
        write(dir, "res.yaml",
                "resources:",
                "  api:",
                "    target: web-1",
                "    actions:",
                "      run:",
                "        - copy: {src: files/app.conf, dest: a/, owner: \"app user\"}",
                "        - copy: {src: files/app.conf, dest: b/, owner: \"app:grp:x\"}",
                "        - copy: {src: files/app.conf, dest: c/, owner: \"-app\"}",
                "        - copy: {src: files/app.conf, dest: d/, owner: \"app:staff\"}",
                "        - copy: {src: files/app.conf, dest: e/, owner: \"www-data\"}");
        write(dir, "orch.yaml",
                "- targets: [web-1]",
                "  jobs:",
                "    - ADD: --chown=app:grp:x files/app.conf x/",
                "    - COPY: --chown=a;b files/app.conf x/",
                "    - COPY: --chown=app:app files/app.conf y/");

        LoadResult result = load();

        assertThat(places(result)).containsExactly("orch.yaml:3:7", "orch.yaml:4:7",
                "res.yaml:6:56", "res.yaml:7:56", "res.yaml:8:56");
        assertThat(result.problems().get(0).message()).startsWith("ADD --chown='app:grp:x' must be user or user:group");
        assertThat(result.problems().get(2).message()).isEqualTo("owner 'app user' of a copy step of resource 'api'"
                + " must be user or user:group, each made of letters, digits, '.', '_' and '-' (not starting with '-')");
    }

    @Test
    void anAddressOrUserNoSshClientCanUseIsAnError() {
        write(dir, "inventory.yaml",
                "hosts:",
                "  web-1:",
                "    address: deploy@10.0.0.5",
                "    user: deploy user",
                "  web-2:",
                "    address: \"[::1]\"",
                "    user: deploy.bot-1");

        LoadResult result = load();

        assertThat(places(result)).containsExactly("inventory.yaml:3:14", "inventory.yaml:4:11");
        assertThat(result.problems().get(0).message()).isEqualTo("address 'deploy@10.0.0.5' of host 'web-1' must be"
                + " one host name or IP address, without spaces, '@' or '/' (the user goes under 'user:')");
        assertThat(result.problems().get(1).message()).startsWith("user 'deploy user' of host 'web-1' must be one login");
    }

    @Test
    void anEscapedNulInAValueIsAnErrorAtTheValue() {
        write(dir, "inventory.yaml",
                "hosts:",
                "  web-1:",
                "    address: \"10.0.0.5\\0evil\"",
                "    user: deploy");

        LoadResult result = load();

        assertThat(places(result)).containsExactly("inventory.yaml:3:14");
        assertThat(result.problems().get(0).message()).startsWith("this value holds a NUL character (\\0)");
    }

    @Test
    void aRawNulOrControlCharacterIsASyntaxErrorAtItsPlaceNotAt1_1() throws Exception {
        Files.writeString(dir.resolve("inventory.yaml"), "hosts:\n  web-1:\n    address: ab\0cd\n",
                StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("more.yaml"), "hosts:\n  web-2:\n    tags: [a, \u0007b]\n",
                StandardCharsets.UTF_8);

        LoadResult result = load();

        assertThat(places(result)).containsExactly("inventory.yaml:3:16", "more.yaml:3:15");
        assertThat(result.problems().get(0).message()).startsWith("YAML syntax error: a NUL character is not allowed");
        assertThat(result.problems().get(1).message()).startsWith("YAML syntax error: the control character U+0007");
    }

    @Test
    void nestingTooDeepIsReportedWhereItGoesTooDeep() {
        write(dir, "inventory.yaml",
                "hosts:",
                "  web-1:",
                "    tags: " + "[".repeat(1200) + "]".repeat(1200));

        LoadResult result = load();

        // root, hosts and web-1 are three levels: the 998th bracket opens level 1001, at column 11 + 997
        assertThat(places(result)).containsExactly("inventory.yaml:3:1008");
        assertThat(result.problems().get(0).message()).startsWith("YAML nesting error: this value is nested more than"
                + " 1000 levels deep");
    }

    @Test
    void aFileOfTenThousandResourcesAbove3MiBLoads() throws Exception {
        inventory(dir);
        StringBuilder text = new StringBuilder("resources:\n");
        for (int i = 0; i < 10_000; i++) {
            text.append("  r").append(i).append(":\n    target: web-1\n    actions:\n      run:\n")
                    .append("        - run: echo resource number ").append(i)
                    .append(" with a longer command line to make this file bigger than three mebibytes\n")
                    .append("    description: ").append("padding ".repeat(20)).append('\n');
        }
        Files.writeString(dir.resolve("big.yaml"), text);
        assertThat(Files.size(dir.resolve("big.yaml"))).isGreaterThan(3L * 1024 * 1024);

        LoadResult result = load();

        assertThat(result.problems()).isEmpty();
        assertThat(result.workspace().orElseThrow().resources()).hasSize(10_000);
    }

    @Test
    void aFileOverTheLimitIsRefusedWithItsSizeAndTheLimit() throws Exception {
        inventory(dir);
        Path big = dir.resolve("big.yaml");
        try (var out = Files.newOutputStream(big)) {
            out.write("resources: {}\n# ".getBytes(StandardCharsets.UTF_8));
            byte[] filler = "x".repeat(1 << 20).getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < 65; i++) {
                out.write(filler);
            }
        }

        LoadResult result = load();

        assertThat(places(result)).containsExactly("big.yaml:1:1");
        assertThat(result.problems().get(0).message()).isEqualTo("this file is 65 MiB; Orrery reads YAML files of up"
                + " to 64 MiB: split it into several files (every YAML file of the workspace folder is read)");
    }

    @Test
    void aSymlinkedYamlFileIsReadAndALoopIsReported() throws Exception {
        inventory(dir);
        Path shared = write(dir.resolve("shared"), "web.yaml",
                "resources:",
                "  web:",
                "    target: web-1",
                "    actions:",
                "      run:",
                "        - run: echo hi");
        Path linked = Files.createDirectories(dir.resolve("app"));
        Files.move(shared, dir.resolve("elsewhere.txt"));
        Files.createSymbolicLink(linked.resolve("web.yaml"), dir.resolve("elsewhere.txt"));

        LoadResult ok = load();
        assertThat(ok.problems()).isEmpty();
        assertThat(ok.workspace().orElseThrow().resources()).extracting(r -> r.name()).containsExactly("web");

        Files.createSymbolicLink(linked.resolve("loop"), dir);
        Files.createSymbolicLink(dir.resolve("gone.yaml"), dir.resolve("no-such-file.yaml"));
        Files.createSymbolicLink(dir.resolve("a.yaml"), dir.resolve("b.yaml"));
        Files.createSymbolicLink(dir.resolve("b.yaml"), dir.resolve("a.yaml"));

        LoadResult result = load();

        assertThat(places(result)).containsExactly("a.yaml:1:1", "loop:1:1", "b.yaml:1:1", "gone.yaml:1:1");
        assertThat(result.problems().get(0).message()).startsWith("this symbolic link makes a loop (it points to '"
                + dir.resolve("b.yaml") + "'");
        assertThat(result.problems().get(1).message()).startsWith("this symbolic link makes a loop: it points to '"
                + dir + "'");
        assertThat(result.problems().get(3).message()).isEqualTo("this symbolic link points to '"
                + dir.resolve("no-such-file.yaml") + "', which does not exist; fix or remove the link");
    }

    @Test
    void aCopyOrAddGlobThatMatchesNoFileIsAnError() {
        inventory(dir);
        write(dir, "files/app.conf", "x");
        write(dir, "res.yaml",
                "resources:",
                "  api:",
                "    target: web-1",
                "    actions:",
                "      run:",
                "        - copy: {src: \"files/*.conf\", dest: conf/}",
                "        - copy: {src: \"files/*.yml\", dest: conf/}",
                "        - copy: {src: \"files/{a,b}.ini\", dest: conf/}");
        write(dir, "orch.yaml",
                "- targets: [web-1]",
                "  jobs:",
                "    - ADD: files/*.conf x/",
                "    - COPY: files/*.none x/",
                "    - ADD: nowhere/*.conf x/");

        LoadResult result = load();

        assertThat(places(result)).containsExactly("orch.yaml:4:7", "orch.yaml:5:7", "res.yaml:7:23", "res.yaml:8:23");
        assertThat(result.problems().get(0).message()).isEqualTo("COPY source 'files/*.none' matches no file"
                + " (relative paths start at the folder of this file)");
        assertThat(result.problems().get(2).message()).isEqualTo("copy source 'files/*.yml' of resource 'api' matches"
                + " no file (relative paths start at the folder of this file)");
    }
}
