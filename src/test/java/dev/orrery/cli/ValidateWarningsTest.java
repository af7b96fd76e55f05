package dev.orrery.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** validate prints warnings as file:line:col: warning: lines; they never fail it. */
@Tag("slow")
class ValidateWarningsTest {
    @TempDir
    Path ws;

    private void files(String resources) throws Exception {
        Files.writeString(ws.resolve("inventory.yaml"), "hosts:\n  box-1:\n    sandbox: true\n");
        Files.writeString(ws.resolve("resources.yaml"), resources);
    }

    @Test
    void warningsArePrintedAndValidateStillSucceeds() throws Exception {
        files("resources:\n  app:\n    target: box-1\n    workdir: /srv/app\n    inputs:\n"
                + "      pin: {value: \"ab\", secret: true}\n    actions:\n      run:\n        - run: echo hi\n");

        CliRun run = CliRun.in(ws, "validate");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).isEqualTo("OK: 2 files, 1 hosts, 1 resources, 2 warnings\n");
        assertThat(run.err().lines()).hasSize(2);
        assertThat(run.err().lines().toList().get(0)).endsWith("resources.yaml:4:14: warning: workdir '/srv/app' is an"
                + " absolute path, but sandbox host 'box-1' is a folder of this machine (.orrery/sandbox/box-1/), not a"
                + " machine of its own: write the path relative to that folder");
        assertThat(run.err().lines().toList().get(1)).contains("resources.yaml:6:7: warning: secret input 'pin'");
    }

    @Test
    void withErrorsTheWarningsAreListedInPlaceAndCountedApart() throws Exception {
        files("resources:\n  app:\n    target: box-1\n    workdir: /srv/app\n    env: {1X: y}\n"
                + "    actions:\n      run:\n        - run: echo hi\n");

        CliRun run = CliRun.in(ws, "validate");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(run.err().lines().toList()).hasSize(3);
        assertThat(run.err().lines().toList().get(0)).contains("resources.yaml:4:14: warning: workdir");
        assertThat(run.err().lines().toList().get(1)).contains("resources.yaml:5:11: environment variable name '1X'");
        assertThat(run.err().lines().toList().get(2)).isEqualTo("1 problem, 1 warning in " + ws.toAbsolutePath().normalize());
    }
}
