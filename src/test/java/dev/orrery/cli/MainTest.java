package dev.orrery.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("slow")
class MainTest {

    @Test
    void versionComesFromTheBuild() {
        CliRun run = CliRun.of("--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("orrery " + VersionProvider.version());
        assertThat(VersionProvider.version()).matches("\\d+\\.\\d+\\.\\d+.*");
    }

    @Test
    void helpListsTheVerbsAndExitCodes() {
        CliRun run = CliRun.of("--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--workspace", "gui", "Exit codes");
    }

    @Test
    void everyVerbHasHelp() {
        for (String[] verb : new String[][] {{"changes", "stage"}, {"orch", "report"}, {"orch", "run-once"},
                {"deploy"}, {"orchestrate"}, {"wait-for", "move"}, {"validate"}, {"releases"}, {"rollback"}, {"gui"}}) {
            String[] args = java.util.Arrays.copyOf(verb, verb.length + 1);
            args[verb.length] = "--help";
            CliRun run = CliRun.of(args);
            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.out()).startsWith("Usage: orrery " + String.join(" ", verb));
        }
        assertThat(CliRun.of("--help").out()).contains("wait-for", "orchestrate", "rollback");
    }

    @Test
    void unknownOptionIsOneLineAndExitTwo() {
        CliRun run = CliRun.of("--no-such-option");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(run.err().lines()).hasSize(1);
        assertThat(run.err()).startsWith("error: Unknown option: '--no-such-option'");
    }

    @Test
    void missingGuiClassIsAClearError() {
        assertThatThrownBy(() -> GuiCommand.launchMethod("dev.orrery.gui.NoSuchApp"))
                .hasMessageContaining("not part of this build");
    }

    @Test
    void guiEntryPointIsFoundByNameAndGetsTheFolder() throws Exception {
        GuiCommand.launchMethod(GuiLaunchProbe.class.getName()).invoke(null, (Object) new String[] {"/tmp/ws"});
        assertThat(GuiLaunchProbe.lastArgs).containsExactly("/tmp/ws");
    }

    @Test
    void guiRefusesAMissingFolder() {
        CliRun run = CliRun.of("gui", "/no/such/folder");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.INVALID);
        assertThat(run.err()).isEqualTo("error: workspace folder not found: /no/such/folder\n");
    }
}
