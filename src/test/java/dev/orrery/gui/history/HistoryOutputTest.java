package dev.orrery.gui.history;

import dev.orrery.Orrery;
import dev.orrery.gui.SameThreadUiExecutor;
import dev.orrery.gui.workspace.CoreBackend;
import dev.orrery.model.RunSummary;
import dev.orrery.run.RunOptions;
import dev.orrery.stage.StageRequest;
import dev.orrery.transport.HostKeyPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The History view shows the lines of the run it opened, not those of every run of the plan. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@Tag("slow")
class HistoryOutputTest {
    @TempDir
    Path ws;

    @Test
    void eachOpenedRunShowsOnlyItsOwnOutput() throws IOException {
        Files.writeString(ws.resolve("inventory.yaml"), "hosts:\n  box-1:\n    sandbox: true\n");
        Files.writeString(ws.resolve("resources.yaml"), """
                resources:
                  counter:
                    target: [box-1]
                    actions:
                      run:
                        - run: n=$(cat count 2>/dev/null || echo 0); n=$((n+1)); echo $n > count; echo "pass $n"
                """);
        try (Orrery orrery = Orrery.open(ws)) {
            orrery.stage(StageRequest.all());
            String uid = orrery.process(Set.of(), null).uid();
            orrery.run(uid, RunOptions.defaults(), null);
            orrery.restart(uid);
            orrery.run(uid, RunOptions.defaults(), null);
        }
        HistoryViewModel history = new HistoryViewModel(new SameThreadUiExecutor());
        try (CoreBackend backend = CoreBackend.open(ws, HostKeyPolicy.refuse())) {
            history.setBackend(backend);
            List<RunSummary> runs = history.runs();
            assertThat(runs).hasSize(2);
            RunSummary first = runs.get(1);
            RunSummary second = runs.get(0);

            history.open(first);
            history.showOutput("counter.run@box-1");
            assertThat(history.taskOutputProperty().get()).contains("pass 1").doesNotContain("pass 2");

            history.open(second);
            history.showOutput("counter.run@box-1");
            assertThat(history.taskOutputProperty().get()).contains("pass 2").doesNotContain("pass 1");
        }
    }
}
