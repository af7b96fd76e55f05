package dev.orrery.store;

import dev.orrery.model.OutputChunk;
import dev.orrery.model.TaskState;
import dev.orrery.model.TaskStatus;
import dev.orrery.model.Transition;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Task states of plans, every transition (with timestamp) and captured output. This is how processes
 * coordinate: a control verb in one process changes states here and the runner in another sees it.
 */
public interface TaskStateRepository {
    /** Current state of every task of the plan, by task id. */
    Map<String, TaskStatus> statuses(String planUid);

    /**
     * Moves one task from {@code from} to {@code to} if and only if it is in {@code from} now (compare and
     * set, atomic across processes) and records the transition. Entering RUNNING sets {@code started} and
     * increments {@code attempt} (and clears {@code finished}); entering SUCCESS/ERROR/NOOP/SKIPPED sets
     * {@code finished}; entering ERROR or ERROR_RETRY stores {@code reason} as the error; entering PENDING
     * clears the error and {@code finished}.
     *
     * @return true if the task was moved
     */
    boolean transition(String planUid, String taskId, TaskState from, TaskState to, String reason, Instant at);

    /**
     * Moves every listed task that is in one of {@code from} to {@code to} (one transaction, each move
     * recorded). {@code taskIds == null} means every task of the plan.
     *
     * @return the ids of the tasks that moved
     */
    List<String> transitionAll(String planUid, Collection<String> taskIds, Collection<TaskState> from,
                               TaskState to, String reason, Instant at);

    /**
     * One compare-and-set move of a {@link #transitionBatch batch}, with the same rules as {@link #transition}.
     */
    record Move(String taskId, TaskState from, TaskState to, String reason, Instant at) {
    }

    /**
     * Applies the moves in order in one transaction (a later move sees the earlier ones) and records each
     * that happened. The fast path for many transitions: 100,000 take well under 2 s.
     *
     * @return for each move, whether the task was moved
     */
    List<Boolean> transitionBatch(String planUid, List<Move> moves);

    /** The stored state of one task, if the plan has it. */
    java.util.Optional<TaskStatus> status(String planUid, String taskId);

    /** The seq of the newest transition of the plan (0 when none): where a watcher starts following. */
    long lastSeq(String planUid);

    /** Clears started/finished/attempt/error of every task (restart). */
    void resetTimes(String planUid);

    /** Transitions with {@code seq > afterSeq}, oldest first: how watchers follow a run from another process. */
    List<Transition> transitionsSince(String planUid, long afterSeq);

    /** All transitions of a plan, oldest first. */
    List<Transition> transitions(String planUid);

    /** Appends output (already masked and capped by the caller). */
    void appendOutput(OutputChunk chunk);

    /** Appends several chunks in order in one transaction: all of them are stored, or none. */
    void appendOutput(List<OutputChunk> chunks);

    /** A task's output, in order (all attempts). */
    List<OutputChunk> output(String planUid, String taskId);

    /** An output chunk with its position in the plan's output log. */
    record NumberedOutput(long seq, OutputChunk chunk) {
    }

    /** Output of every task of the plan with {@code seq > afterSeq}, oldest first: how watchers follow output. */
    List<NumberedOutput> outputSince(String planUid, long afterSeq);
}
