package dev.orrery.cli;

import dev.orrery.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 2's "done when": validate, stage -d, process, report, dg and run-once on every sample. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@Tag("slow")
class SamplesTest {
    @TempDir
    Path tmp;

    static List<String> samples() {
        return Workspaces.runnableSamples();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everySampleStagesPlansDrawsAndRunsToSuccess(String sample) {
        Path ws = TestFiles.copySample(sample, tmp);

        CliRun validate = CliRun.in(ws, "validate");
        assertThat(validate.exitCode()).as(validate.toString()).isZero();
        assertThat(validate.out()).startsWith("OK: ");

        CliRun stage = CliRun.in(ws, "changes", "stage", "-d");
        assertThat(stage.exitCode()).as(stage.toString()).isZero();
        assertThat(stage.out()).startsWith("Staged ");

        CliRun process = CliRun.in(ws, "changes", "process");
        assertThat(process.exitCode()).as(process.toString()).isZero();

        CliRun report = CliRun.in(ws, "orch", "report", "last");
        assertThat(report.exitCode()).as(report.toString()).isZero();
        assertThat(report.out()).startsWith("Plan " + process.out().strip()).contains("TASK", "STATE", "HOST");

        CliRun dg = CliRun.in(ws, "orch", "dg", "last", "-o", tmp.resolve("plan.dot").toString());
        assertThat(dg.exitCode()).as(dg.toString()).isZero();
        assertThat(tmp.resolve("plan.dot")).content().contains("digraph plan {");

        CliRun run = CliRun.in(ws, "orch", "run-once", "last");
        assertThat(run.exitCode()).as(run.toString()).isZero();

        CliRun done = CliRun.in(ws, "orch", "report", "last", "--wait");
        assertThat(done.exitCode()).as(done.toString()).isZero();
        assertThat(done.out().lines().skip(2)).allMatch(line -> line.contains(" SUCCESS "));
    }

    @Test
    void brokenSampleListsEveryProblemWithFileLineAndColumn() {
        Path ws = TestFiles.copySample("broken", tmp);
        CliRun validate = CliRun.in(ws, "validate");
        assertThat(validate.exitCode()).as(validate.toString()).isEqualTo(ExitCodes.INVALID);
        List<String> lines = validate.err().lines().toList();
        assertThat(lines.size()).isGreaterThan(5);
        assertThat(lines.subList(0, lines.size() - 1)).allMatch(l -> l.matches("[^:]+\\.ya?ml:\\d+:\\d+: .+"));
        assertThat(lines.get(lines.size() - 1)).endsWith("problems in " + ws);
        assertThat(validate.err()).contains(" → ");

        CliRun stage = CliRun.in(ws, "changes", "stage");
        assertThat(stage.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(stage.err().lines()).hasSize(lines.size() - 1);
        assertThat(ws.resolve(".orrery")).doesNotExist();
    }

    @Test
    void validateTakesTheFolderAsArgument() {
        Path ws = TestFiles.copySample("webstack", tmp);
        CliRun validate = CliRun.of("validate", ws.toString());
        assertThat(validate.exitCode()).as(validate.toString()).isZero();
        assertThat(validate.out()).matches("OK: \\d+ files, 3 hosts, 4 resources\\n");
    }
}
