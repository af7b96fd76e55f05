package dev.orrery.run;

import dev.orrery.model.OutputChunk;
import dev.orrery.model.Plan;
import dev.orrery.model.ResourceKind;
import dev.orrery.model.TaskState;
import dev.orrery.model.Transition;
import dev.orrery.store.SqliteStore;
import dev.orrery.store.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A watcher on another Store instance (as a GUI in another process) sees the run as it goes. */
@Tag("slow")
class PlanWatcherTest {
    @TempDir
    Path root;
    RunFixture f;
    Store other;

    @BeforeEach
    void setUp() {
        f = new RunFixture(root, "h1", "h2");
        other = SqliteStore.open(root);
    }

    @AfterEach
    void tearDown() {
        other.close();
        f.close();
    }

    @Test
    void followsTransitionsAndOutputInOrderPerTaskAndTheEndOfTheRun() {
        PlanSketch s = new PlanSketch();
        String a = s.add("a", ResourceKind.RESOURCE, "run", "h1", 1, null, List.of("pw123"),
                "test -f tried && echo second try pw123 || { touch tried; echo first try >&2; exit 1; }");
        String b = s.task("b", "h2", "echo from b");
        Plan plan = s.edge(a, b).save(f.store);
        Recorder events = new Recorder();

        try (PlanWatcher watcher = PlanWatcher.follow(other, plan.uid(), events, Duration.ofMillis(30), false)) {
            assertThat(watcher.planUid()).isEqualTo(plan.uid());
            f.run(plan);
            RunFixture.await(() -> events.finished.contains(TaskState.SUCCESS), "the watcher to see the run finish");
        }

        assertThat(events.of(a)).containsExactly("PENDING→RUNNING", "STDERR first try\n", "EXIT 1",
                "RUNNING→ERROR_RETRY", "ERROR_RETRY→PENDING", "PENDING→RUNNING", "STDOUT second try ******\n",
                "EXIT 0", "RUNNING→SUCCESS");
        assertThat(events.of(b)).containsExactly("PENDING→RUNNING", "STDOUT from b\n", "EXIT 0", "RUNNING→SUCCESS");
    }

    @Test
    void replayDeliversTheRecordedHistory() {
        PlanSketch s = new PlanSketch();
        String a = s.task("a", "h1", "echo done");
        Plan plan = s.save(f.store);
        f.run(plan);
        Recorder events = new Recorder();

        try (PlanWatcher ignored = PlanWatcher.follow(other, "last", events, Duration.ofMillis(30), true)) {
            RunFixture.await(() -> !events.finished.isEmpty(), "the replayed end of the run");
        }

        assertThat(events.of(a)).containsExactly("PENDING→RUNNING", "STDOUT done\n", "EXIT 0", "RUNNING→SUCCESS");
        assertThat(events.finished).containsExactly(TaskState.SUCCESS);
    }

    /** Records what it hears, per task, as short strings. */
    static final class Recorder implements RunListener {
        final List<String[]> events = Collections.synchronizedList(new ArrayList<>());
        final List<TaskState> finished = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void onTransition(Transition t) {
            events.add(new String[]{t.taskId(), t.from() + "→" + t.to()});
        }

        @Override
        public void onOutput(OutputChunk chunk) {
            events.add(new String[]{chunk.taskId(), chunk.stream() + " " + chunk.text()});
        }

        @Override
        public void onRunFinished(String planUid, TaskState result) {
            finished.add(result);
        }

        List<String> of(String taskId) {
            synchronized (events) {
                return events.stream().filter(e -> e[0].equals(taskId)).map(e -> e[1]).toList();
            }
        }
    }
}
