package dev.orrery.api;

import dev.orrery.run.RunListener;
import dev.orrery.run.RunResult;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

/**
 * A plan being run in the background by {@code Orrery.start(...)}. Thread-safe. Closing the handle waits for
 * the run to end (tasks already running finish; nothing new starts once {@link #stop()} was called).
 */
public interface RunHandle extends AutoCloseable {

    String planUid();

    /** The states of every task now, read from the store. */
    PlanReport poll();

    /** Adds a listener for the events from now on (delivered on the listener's own thread, in order per task). */
    void subscribe(RunListener listener);

    /** True once the runner has stopped driving the plan. */
    boolean isDone();

    /** The outcome when the run is over, empty while it goes on. */
    Optional<RunResult> result();

    /** Completes with the outcome (or the failure that ended the run). */
    CompletableFuture<RunResult> completion();

    /**
     * Waits for the end of the run.
     *
     * @throws TimeoutException when it has not ended within {@code timeout}
     */
    RunResult await(Duration timeout) throws InterruptedException, TimeoutException;

    /** Gracefully stops the plan (PENDING → SKIPPED, running tasks finish), as {@code orch stop} does. */
    void stop();

    /** Waits for the run to end; the plan stays stored and can be resumed later. */
    @Override
    void close();
}
