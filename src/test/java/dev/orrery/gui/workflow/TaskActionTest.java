package dev.orrery.gui.workflow;

import dev.orrery.model.TaskState;
import dev.orrery.model.TaskStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class TaskActionTest {
    private static Set<TaskAction> applicable(TaskState state, boolean started) {
        TaskStatus st = new TaskStatus("p", "t", state, started ? 1 : 0, started ? Instant.EPOCH : null, null, null);
        Set<TaskAction> set = EnumSet.noneOf(TaskAction.class);
        for (TaskAction a : TaskAction.values()) {
            if (a.appliesTo(st)) {
                set.add(a);
            }
        }
        return set;
    }

    @Test
    void aFailedTaskCanBeRetriedSkippedMarkedDoneAndItsOutputShown() {
        assertThat(applicable(TaskState.ERROR, true)).containsExactlyInAnyOrder(TaskAction.RETRY,
                TaskAction.RETRY_WITH_CURRENT_FILES, TaskAction.SKIP,
                TaskAction.MARK_DONE, TaskAction.SHOW_OUTPUT, TaskAction.COPY_COMMAND);
    }

    @Test
    void aRunningTaskOnlyShowsOutputAndCopiesItsCommand() {
        assertThat(applicable(TaskState.RUNNING, true)).containsExactlyInAnyOrder(TaskAction.SHOW_OUTPUT,
                TaskAction.COPY_COMMAND);
    }

    @Test
    void aSkippedTaskResumes() {
        assertThat(applicable(TaskState.SKIPPED, false)).containsExactlyInAnyOrder(TaskAction.RESUME,
                TaskAction.RETRY_WITH_CURRENT_FILES,
                TaskAction.MARK_DONE, TaskAction.COPY_COMMAND);
    }

    @Test
    void aSucceededTaskChangesNoMore() {
        assertThat(applicable(TaskState.SUCCESS, true)).containsExactlyInAnyOrder(TaskAction.SHOW_OUTPUT,
                TaskAction.COPY_COMMAND);
        assertThat(applicable(TaskState.NOOP, false)).containsExactly(TaskAction.COPY_COMMAND);
    }

    @Test
    void aPendingTaskCanBeSkippedOrMarkedDone() {
        assertThat(applicable(TaskState.PENDING, false)).containsExactlyInAnyOrder(TaskAction.SKIP,
                TaskAction.RETRY_WITH_CURRENT_FILES,
                TaskAction.MARK_DONE, TaskAction.COPY_COMMAND);
    }

    @Test
    void aTaskNotYetStoredOffersOnlyCopyCommand() {
        assertThat(TaskAction.RETRY.appliesTo(null)).isFalse();
        assertThat(TaskAction.COPY_COMMAND.appliesTo(null)).isTrue();
    }
}
