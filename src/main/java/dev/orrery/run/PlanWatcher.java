package dev.orrery.run;

import dev.orrery.model.OutputChunk;
import dev.orrery.model.RunSummary;
import dev.orrery.model.TaskState;
import dev.orrery.model.TaskStatus;
import dev.orrery.model.Transition;
import dev.orrery.store.Store;
import dev.orrery.store.TaskStateRepository.NumberedOutput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Follows a plan through the store and feeds a {@link RunListener}, whichever process runs it: this is how
 * a GUI sees a run started from the command line, and the reverse. Every {@code interval} it reads the
 * transitions written since its last look, then the output written since (as stored: batches of whole
 * lines), then the runs that finished.
 *
 * <p>Events arrive on the watcher's own thread, in store order, and for each task in order: an attempt's
 * output comes after the transition that started it and before the one that ended it (output is written
 * before the ending transition; output of an attempt whose start is not seen yet waits for it). Cost per
 * look: three indexed queries. Thread-safe; {@link #close()} stops it.
 */
public final class PlanWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PlanWatcher.class);
    public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(100);
    /** Output held back this many looks (its attempt's start never seen, e.g. counters reset) goes out anyway. */
    private static final int MAX_HOLD_LOOKS = 20;

    private record Held(OutputChunk chunk, int looks) {
    }

    private final Store store;
    private final String uid;
    private final RunListener listener;
    private final Duration interval;
    private final Thread thread;
    private final Map<String, Integer> attemptStarted = new HashMap<>();
    private final List<Held> held = new ArrayList<>();
    private final Set<Long> finishedRuns = new HashSet<>();
    private long lastSeq;
    private long lastOutputSeq;
    private volatile boolean closed;

    private PlanWatcher(Store store, String uid, RunListener listener, Duration interval, boolean replay) {
        this.store = store;
        this.uid = uid;
        this.listener = listener;
        this.interval = interval;
        if (!replay) {
            lastSeq = store.tasks().lastSeq(uid);
            List<NumberedOutput> output = store.tasks().outputSince(uid, 0);
            lastOutputSeq = output.isEmpty() ? 0 : output.get(output.size() - 1).seq();
            for (TaskStatus status : store.tasks().statuses(uid).values()) {
                attemptStarted.put(status.taskId(), status.attempt());
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

    private void look() {
        List<Transition> transitions = store.tasks().transitionsSince(uid, lastSeq);
        for (NumberedOutput numbered : store.tasks().outputSince(uid, lastOutputSeq)) {
            lastOutputSeq = Math.max(lastOutputSeq, numbered.seq());
            held.add(new Held(numbered.chunk(), 0));
        }
        for (Transition t : transitions) {
            lastSeq = Math.max(lastSeq, t.seq());
            if (t.from() == TaskState.RUNNING) {
                release(t.taskId(), false);
            }
            if (t.to() == TaskState.PENDING && Control.RESTARTED.equals(t.reason())) {
                attemptStarted.put(t.taskId(), 0);
            }
            if (t.to() == TaskState.RUNNING) {
                attemptStarted.merge(t.taskId(), 1, Integer::sum);
            }
            safely(() -> listener.onTransition(t));
        }
        release(null, true);
        for (RunSummary run : store.runs().ofPlan(uid)) {
            if (run.finished() != null && finishedRuns.add(run.id())) {
                safely(() -> listener.onRunFinished(uid, run.result()));
            }
        }
    }

    /** Delivers held output whose attempt has started (of one task, or of all when {@code taskId} is null). */
    private void release(String taskId, boolean endOfLook) {
        List<Held> kept = new ArrayList<>();
        for (Iterator<Held> it = held.iterator(); it.hasNext(); ) {
            Held h = it.next();
            OutputChunk chunk = h.chunk();
            boolean mine = taskId == null || chunk.taskId().equals(taskId);
            boolean started = chunk.attempt() <= attemptStarted.getOrDefault(chunk.taskId(), 0);
            if (mine && (started || (endOfLook && h.looks() >= MAX_HOLD_LOOKS))) {
                safely(() -> listener.onOutput(chunk));
            } else {
                kept.add(endOfLook ? new Held(chunk, h.looks() + 1) : h);
            }
            it.remove();
        }
        held.addAll(kept);
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
