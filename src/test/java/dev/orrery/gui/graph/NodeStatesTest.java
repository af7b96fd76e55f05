package dev.orrery.gui.graph;

import dev.orrery.model.Plan;
import dev.orrery.model.TaskState;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class NodeStatesTest {
    private final Plan plan = SamplePlans.deployment();

    @Test
    void unknownTasksArePendingAndKnownOnesShowTheirState() {
        Map<String, DisplayState> s = new NodeStates(GraphModels.tasks(plan, null))
                .compute(Map.of("firewall.run@db-1", TaskState.RUNNING, "redis.run@cache-1", TaskState.NOOP));

        assertThat(s.get("firewall.run@db-1")).isEqualTo(DisplayState.RUNNING);
        assertThat(s.get("redis.run@cache-1")).isEqualTo(DisplayState.NOOP);
        assertThat(s.get("postgres.update@db-1")).isEqualTo(DisplayState.PENDING);
    }

    @Test
    void pendingTasksBelowAnErrorAreBlockedEvenThroughFinishedOnes() {
        Map<String, DisplayState> s = new NodeStates(GraphModels.tasks(plan, null)).compute(Map.of(
                "postgres.update@db-1", TaskState.ERROR,
                "api.deploy@web-1", TaskState.SKIPPED));

        assertThat(s.get("api.deploy@web-2")).isEqualTo(DisplayState.BLOCKED);
        assertThat(s.get("frontend.update@web-1")).isEqualTo(DisplayState.BLOCKED);
        assertThat(s.get("api.deploy@web-1")).isEqualTo(DisplayState.SKIPPED);
        assertThat(s.get("redis.run@cache-1")).isEqualTo(DisplayState.PENDING);
        assertThat(s.get("firewall.run@db-1")).isEqualTo(DisplayState.PENDING);
    }

    @Test
    void aResourceShowsItsMostTellingTaskState() {
        NodeStates states = new NodeStates(GraphModels.resources(plan, null));

        Map<String, DisplayState> s = states.compute(Map.of(
                "api.build@build-1", TaskState.SUCCESS,
                "api.deploy@web-1", TaskState.RUNNING,
                "api.deploy@web-2", TaskState.ERROR_RETRY,
                "firewall.run@db-1", TaskState.SUCCESS,
                "frontend.update@web-1", TaskState.SUCCESS,
                "frontend.update@web-2", TaskState.NOOP));

        assertThat(s.get("api")).isEqualTo(DisplayState.ERROR_RETRY);
        assertThat(s.get("firewall")).isEqualTo(DisplayState.SUCCESS);
        assertThat(s.get("frontend")).isEqualTo(DisplayState.SUCCESS);
        assertThat(s.get("postgres")).isEqualTo(DisplayState.PENDING);

        Map<String, DisplayState> failed = states.compute(Map.of("api.deploy@web-2", TaskState.ERROR));
        assertThat(failed.get("api")).isEqualTo(DisplayState.ERROR);
        assertThat(failed.get("worker")).isEqualTo(DisplayState.BLOCKED);
        assertThat(failed.get("frontend")).isEqualTo(DisplayState.BLOCKED);
    }

    @Test
    void pseudoClassNamesFollowTheStylesheet() {
        assertThat(DisplayState.ERROR_RETRY.cssName()).isEqualTo("error-retry");
        assertThat(DisplayState.BLOCKED.pseudoClass().getPseudoClassName()).isEqualTo("blocked");
        assertThat(DisplayState.of(TaskState.NOOP)).isEqualTo(DisplayState.NOOP);
    }
}
