package dev.orrery.run;

import dev.orrery.model.Plan;
import dev.orrery.model.ResourceKind;
import dev.orrery.model.TaskState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Concurrency is observed in the transitions log (RUNNING in, out), never by timing. */
@Tag("slow")
class LimitsTest {
    @TempDir
    Path root;
    RunFixture f;

    @BeforeEach
    void setUp() {
        f = new RunFixture(root, "h1", "h2", "h3", "h4");
    }

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void oneTaskAtATimePerHostByDefault() {
        PlanSketch s = new PlanSketch();
        for (int i = 0; i < 4; i++) {
            s.task("r" + i, "h1", "sleep 0.1");
            s.task("q" + i, "h2", "sleep 0.1");
        }
        Plan plan = s.save(f.store);

        RunResult result = f.run(plan);

        assertThat(result.result()).isEqualTo(TaskState.SUCCESS);
        assertThat(f.maxConcurrent(plan, id -> id.endsWith("@h1"))).isEqualTo(1);
        assertThat(f.maxConcurrent(plan, id -> id.endsWith("@h2"))).isEqualTo(1);
        assertThat(f.maxConcurrent(plan, id -> true)).isEqualTo(2);
    }

    @Test
    void globalParallelismAndRaisedPerHostLimit() {
        PlanSketch s = new PlanSketch();
        for (String host : List.of("h1", "h2", "h3", "h4")) {
            for (int i = 0; i < 3; i++) {
                s.task("r" + i, host, "sleep 0.1");
            }
        }
        Plan plan = s.save(f.store);

        f.runner(RunFixture.fast().withParallel(5).withPerHost(2)).run(plan.uid());

        // all twelve are ready at once: the first pass starts exactly five, at most two per host
        assertThat(f.maxConcurrent(plan, id -> true)).isEqualTo(5);
        for (String host : List.of("h1", "h2", "h3", "h4")) {
            assertThat(f.maxConcurrent(plan, id -> id.endsWith("@" + host))).isLessThanOrEqualTo(2);
        }
        assertThat(f.maxConcurrent(plan, id -> id.endsWith("@h1"))).isEqualTo(2);
    }

    @Test
    void perTypeLimitByActionAndByKind() {
        PlanSketch s = new PlanSketch();
        for (String host : List.of("h1", "h2", "h3", "h4")) {
            s.add("app", ResourceKind.COMPONENT, "build", host, 0, null, List.of(), "sleep 0.1");
            s.add("job", ResourceKind.JOB, "run", host, 0, null, List.of(), "sleep 0.1");
        }
        Plan plan = s.save(f.store);

        f.runner(RunFixture.fast().withPerHost(2).withTypeLimit("build", 1).withTypeLimit("JOB", 2)).run(plan.uid());

        assertThat(f.maxConcurrent(plan, id -> id.startsWith("app.build@"))).isEqualTo(1);
        assertThat(f.maxConcurrent(plan, id -> id.startsWith("job.run@"))).isEqualTo(2);
        assertThat(f.maxConcurrent(plan, id -> true)).isEqualTo(3);
    }
}
