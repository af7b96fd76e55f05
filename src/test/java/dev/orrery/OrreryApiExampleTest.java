package dev.orrery;

import dev.orrery.api.PlanReport;
import dev.orrery.api.RunHandle;
import dev.orrery.model.Change;
import dev.orrery.model.Plan;
import dev.orrery.model.TaskState;
import dev.orrery.model.Transition;
import dev.orrery.run.RunOptions;
import dev.orrery.run.RunResult;
import dev.orrery.stage.StageRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's library example, compiled and run on a copy of the web stack sample (sandbox hosts). */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@Tag("slow")
class OrreryApiExampleTest {
    @TempDir
    Path tmp;

    @Test
    void readmeExampleRunsTheWebStack() throws Exception {
        Path workspace = TestFiles.copyTree(Path.of("samples/webstack"), tmp.resolve("webstack"));
        List<String> seen = new CopyOnWriteArrayList<>();

        // --- README example starts here
        try (Orrery orrery = Orrery.open(workspace)) {
            List<Change> changes = orrery.stage(StageRequest.all());      // orrery changes stage
            Plan plan = orrery.process(Set.of(), null);                   // orrery changes process
            RunResult result = orrery.run(plan.uid(), RunOptions.defaults(), // orrery orch run-once <uid>
                    (Transition t) -> seen.add(t.taskId() + " " + t.to()));
            PlanReport report = orrery.report(plan.uid());                // orrery orch report <uid>
            report.tasks().forEach(task -> System.out.println(task.task().id() + " " + task.state()));
            // --- README example ends here

            assertThat(changes).hasSize(4);
            assertThat(result.result()).isEqualTo(TaskState.SUCCESS);
            assertThat(report.succeeded()).isTrue();
            assertThat(report.tasks()).hasSize(plan.tasks().size());
        }
        assertThat(seen).contains("database.run@db-1 RUNNING", "database.run@db-1 SUCCESS",
                "load-balancer.run@edge-1 SUCCESS");
    }

    @Test
    void startRunsInTheBackgroundAndPartialProcessLeavesTheRestStaged() throws Exception {
        Path workspace = TestFiles.copyTree(Path.of("samples/webstack"), tmp.resolve("webstack"));
        try (Orrery orrery = Orrery.open(workspace)) {
            orrery.stage(StageRequest.all());
            Plan plan = orrery.process(Set.of("backend"), null);
            try (RunHandle run = orrery.start(plan.uid(), RunOptions.defaults(), null)) {
                RunResult result = run.await(Duration.ofSeconds(60));
                assertThat(result.result()).isEqualTo(TaskState.SUCCESS);
                assertThat(run.isDone()).isTrue();
                assertThat(run.poll().succeeded()).isTrue();
            }
            assertThat(orrery.staged()).extracting(Change::resource).containsExactlyInAnyOrder("app", "load-balancer");
            assertThat(orrery.history(-1)).extracting(e -> e.change().resource())
                    .containsExactlyInAnyOrder("database", "cache");
        }
    }
}
