package dev.orrery.run;

import dev.orrery.model.OutputChunk;
import dev.orrery.model.RunSummary;
import dev.orrery.model.TaskState;
import dev.orrery.model.TaskStatus;
import dev.orrery.model.Transition;
import dev.orrery.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Follows a plan through the store and feeds a {@link RunListener}, whichever process runs it: this is how
 * a GUI sees a run started from the command line, and the reverse. Every {@code interval} it reads the
 * transitions written since its last look, the new output of running tasks (as stored: batches of whole
 * lines) and the runs that finished.
 *
 * <p>Events arrive on the watcher's own thread, in store order, and for each task in order (a task's
 * output comes before the transition that ends its attempt). Cost per look: one query for transitions, one
 * for runs, one per running task for output. Thread-safe; {@link #close()} stops it.
 */
public final class PlanWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PlanWatcher.class);
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(100);

    private final Store store;
    private final String uid;
    private final RunListener listener;
    private final Duration interval;
    private final Thread thread;
    private final Set<String> running = new LinkedHashSet<>();
    private final Map<String, Integer> outputSeen = new HashMap<>();
    private final Set<Long> finishedRuns = new HashSet<>();
    private long lastSeq;
    private volatile boolean closed;

    private PlanWatcher(Store store, String uid, RunListener listener, Duration interval, boolean replay) {
        this.store = store;
        this.uid = uid;
        this.listener = listener;
        this.interval = interval;
        if (!replay) {
            List<Transition> history = store.tasks().transitions(uid);
            lastSeq = history.isEmpty() ? 0 : history.get(history.size() - 1).seq();
            for (TaskStatus status : store.tasks().statuses(uid).values()) {
                if (status.state() == TaskState.RUNNING) {
                    running.add(status.taskId());
                    outputSeen.put(status.taskId(), store.tasks().output(uid, status.taskId()).size());
                }
            }
            store.runs().ofPlan(uid).stream().filter(r -> r.finished() != null).forEach(r -> finishedRuns.add(r.id()));
        }
        this.thread = new Thread(this::watch, "orrery-watch-" + uid.substring(0, Math.min(8, uid.length())));
        thread.setDaemon(true);
    }

    /** Follows a plan from now on, looking every {@link #DEFAULT_INTERVAL}. */
    public static PlanWatcher follow(Store store, String planRef, RunListener listener) {
        return follow(store, planRef, listener, DEFAULT_INTERVAL, false);
    }

    /**
     * @param replay true: first deliver the plan's whole recorded history (transitions, output, finished runs)
     */
    public static PlanWatcher follow(Store store, String planRef, RunListener listener, Duration interval,
                                     boolean replay) {
        Objects.requireNonNull(listener, "listener");
        String uid = store.plans().resolve(planRef);
        PlanWatcher watcher = new PlanWatcher(store, uid, listener, interval, replay);
        watcher.thread.start();
        return watcher;
    }

    public String planUid() {
        return uid;
    }

    private void watch() {
        while (!closed) {
            try {
                look();
            } catch (RuntimeException e) {
                LOG.warn("watching plan {}: {}", uid, e.getMessage());
            }
            try {
                Thread.sleep(interval.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One look at the store; package-private so tests can drive it step by step. */
    void look() {
        for (Transition t : store.tasks().transitionsSince(uid, lastSeq)) {
            lastSeq = Math.max(lastSeq, t.seq());
            if (t.from() == TaskState.RUNNING) {
                deliverOutput(t.taskId());
                running.remove(t.taskId());
            }
            safely(() -> listener.onTransition(t));
            if (t.to() == TaskState.RUNNING) {
                running.add(t.taskId());
            }
        }
        for (String taskId : List.copyOf(running)) {
            deliverOutput(taskId);
        }
        for (RunSummary run : store.runs().ofPlan(uid)) {
            if (run.finished() != null && finishedRuns.add(run.id())) {
                safely(() -> listener.onRunFinished(uid, run.result()));
            }
        }
    }

    private void deliverOutput(String taskId) {
        List<OutputChunk> chunks = store.tasks().output(uid, taskId);
        int seen = outputSeen.getOrDefault(taskId, 0);
        for (int i = seen; i < chunks.size(); i++) {
            OutputChunk chunk = chunks.get(i);
            safely(() -> listener.onOutput(chunk));
        }
        outputSeen.put(taskId, Math.max(seen, chunks.size()));
    }

    private void safely(Runnable delivery) {
        try {
            delivery.run();
        } catch (RuntimeException e) {
            LOG.warn("listener of plan {} failed: {}", uid, e.toString());
        }
    }

    /** Stops following; returns after the watcher thread has ended (at most one look later). */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
