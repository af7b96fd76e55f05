package dev.orrery.load;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static dev.orrery.load.Fixtures.write;
import static org.assertj.core.api.Assertions.assertThat;

/** Warnings: shown with their place, never an error, never a reason not to load. */
class ValidationWarningsTest {
    @TempDir
    Path dir;

    private static List<String> warningPlaces(LoadResult result) {
        return result.warnings().stream().map(p -> p.file().getFileName() + ":" + p.line() + ":" + p.column()).toList();
    }

    private void hosts() {
        write(dir, "inventory.yaml",
                "hosts:",
                "  box-1:",
                "    sandbox: true",
                "    tags: [staging]",
                "  web-1:",
                "    address: 10.0.0.5");
    }

    @Test
    void aPlaceholderInsideQuotesIsAWarningAtItsColumn() {
        hosts();
        write(dir, "res.yaml",
                "resources:",
                "  api:",
                "    target: web-1",
                "    inputs: {name: shop, port: 80}",
                "    actions:",
                "      run:",
                "        - run: echo \"name={{name}}\" {{port}} 'port={{ port }}' \\\"{{name}}\\\"",
                "        - run: echo {{name}} \"a\\\"b\" {{port}}");

        LoadResult result = WorkspaceLoader.load(dir);

        assertThat(result.ok()).isTrue();
        assertThat(result.workspace()).isPresent();
        assertThat(warningPlaces(result)).containsExactly("res.yaml:7:27", "res.yaml:7:52");
        assertThat(result.warnings()).allMatch(Problem::isWarning);
        assertThat(result.warnings().get(0).message()).startsWith("{{name}} is inside double quotes, where the value is"
                + " not shell-quoted");
        assertThat(result.warnings().get(1).message()).startsWith("{{port}} is inside single quotes");
    }

    @Test
    void absolutePathsOutsideASandboxFolderAreWarnings() {
        hosts();
        write(dir, "res.yaml",
                "resources:",
                "  app:",
                "    target: staging",
                "    workdir: /srv/app",
                "    actions:",
                "      run:",
                "        - run: cp conf /etc/app.conf 2>/dev/null && /usr/bin/env true > /tmp/out",
                "        - copy: {src: res.yaml, dest: /opt/app/}",
                "        - copy: {src: res.yaml, dest: opt/app/}",
                "        - run: ls " + dir.resolve(".orrery/sandbox/box-1/x"),
                "  real:",
                "    target: web-1",
                "    workdir: /srv/app",
                "    actions:",
                "      run:",
                "        - run: cat /etc/hosts");
        write(dir, "orch.yaml",
                "- targets: [box-1]",
                "  jobs:",
                "    - WORKDIR: /srv/web",
                "    - COPY: res.yaml /etc/",
                "    - RUN: rm -f /var/tmp/x; ls /");

        LoadResult result = WorkspaceLoader.load(dir);

        assertThat(result.problems()).isEmpty();
        assertThat(warningPlaces(result)).containsExactly("orch.yaml:3:7", "orch.yaml:4:7", "orch.yaml:5:7",
                "res.yaml:4:14", "res.yaml:7:24", "res.yaml:7:73", "res.yaml:8:39");
        assertThat(result.warnings().get(3).message()).isEqualTo("workdir '/srv/app' is an absolute path, but sandbox"
                + " host 'box-1' is a folder of this machine (.orrery/sandbox/box-1/), not a machine of its own: write"
                + " the path relative to that folder");
        assertThat(result.warnings().get(4).message()).startsWith("the command names '/etc/app.conf', outside the"
                + " folder of sandbox host 'box-1'");
        assertThat(result.warnings().get(2).message()).contains("'/var/tmp/x'");
    }

    @Test
    void aSecretTooShortToMaskIsAWarningAtTheInput() {
        hosts();
        write(dir, "res.yaml",
                "resources:",
                "  app:",
                "    target: web-1",
                "    inputs:",
                "      pin: {value: \"ab\", secret: true}",
                "      token: {value: \"abcdef\", secret: true}",
                "      mode: ab",
                "    actions:",
                "      run:",
                "        - run: echo {{mode}}");

        LoadResult result = WorkspaceLoader.load(dir);

        assertThat(result.ok()).isTrue();
        assertThat(warningPlaces(result)).containsExactly("res.yaml:5:7");
        assertThat(result.warnings().get(0).message()).isEqualTo("secret input 'pin' of resource 'app' is only 2"
                + " characters long: masking it in output would also mask it inside other words and give it away;"
                + " use at least 6 characters");
    }

    @Test
    void warningsComeWithErrorsTooWithoutBeingCountedAsErrors() {
        hosts();
        write(dir, "res.yaml",
                "resources:",
                "  app:",
                "    target: box-1",
                "    workdir: /srv",
                "    actions:",
                "      run:",
                "        - run: echo {{missing}}");

        LoadResult result = WorkspaceLoader.load(dir);

        assertThat(result.problems()).hasSize(1).noneMatch(Problem::isWarning);
        assertThat(result.warnings()).hasSize(1);
        assertThat(result.warnings().get(0).toString()).contains(":4:14: warning: workdir '/srv'");
    }
}
