package dev.orrery.run;

import dev.orrery.model.Plan;
import dev.orrery.model.TaskState;
import dev.orrery.model.TaskStatus;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReleaseSummaryTest {
    @Test
    void namesTheFirstResourcesAndCountsTheRest() {
        PlanSketch sketch = new PlanSketch();
        for (int i = 1; i <= 1_250; i++) {
            sketch.task(String.format("r%04d", i), "h" + (i % 3));
        }
        Plan plan = sketch.build();
        Map<String, TaskStatus> statuses = new LinkedHashMap<>();
        plan.tasks().forEach(t -> statuses.put(t.id(), new TaskStatus(plan.uid(), t.id(),
                t.resource().equals("r0007") ? TaskState.NOOP : TaskState.SUCCESS, 1, null, null, null)));

        String summary = ReleaseRecorder.summary(plan, statuses);

        assertThat(summary).startsWith("1250 tasks: 1249 success, 1 noop; resources: r0001, r0002, ")
                .endsWith("r0019, r0020 and 1,230 more")
                .doesNotContain("r0021");
    }
}
