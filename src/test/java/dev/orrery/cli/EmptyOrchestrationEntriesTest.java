package dev.orrery.cli;

import dev.orrery.TestFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Directord orchestration entries with {@code targets: []} or {@code jobs: []} (orchestration sample, sandbox hosts). */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@Tag("slow")
class EmptyOrchestrationEntriesTest {
    @TempDir
    Path tmp;

    @Test
    void emptyEntriesAreAcceptedAndRunNothing() {
        Path ws = TestFiles.copySample("orchestration", tmp);
        Workspaces.write(ws.resolve("mixed.yaml"), """
                - targets: []
                  jobs:
                    - RUN: echo never > never.txt
                - targets: [client-1]
                  jobs: []
                - targets: [client-2]
                  jobs:
                    - RUN: echo once > once.txt
                """);
        Workspaces.write(ws.resolve("nothing.yaml"), """
                - targets: []
                  jobs:
                    - RUN: echo never > never.txt
                - jobs: []
                """);
        CliRun validate = CliRun.in(ws, "validate");
        assertThat(validate.exitCode()).as(validate.toString()).isZero();

        CliRun mixed = CliRun.in(ws, "orchestrate", "mixed.yaml");
        assertThat(mixed.exitCode()).as(mixed.toString()).isZero();
        assertThat(mixed.out()).contains("mixed.3.1.run@client-2", "1 of 1 jobs succeeded").doesNotContain("mixed.1.");
        assertThat(ws.resolve(".orrery/sandbox/client-2/once.txt")).exists();

        CliRun nothing = CliRun.in(ws, "orchestrate", "nothing.yaml");
        assertThat(nothing.exitCode()).as(nothing.toString()).isZero();
        assertThat(nothing.out()).isEqualTo("Nothing to run: nothing.yaml has no job with a target\n");
        for (String host : new String[] {"client-1", "client-2", "client-3"}) {
            assertThat(ws.resolve(".orrery/sandbox/" + host + "/never.txt")).doesNotExist();
        }
    }
}
