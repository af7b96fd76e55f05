package dev.orrery.run;

import dev.orrery.graph.TaskGraph;
import dev.orrery.model.Change;
import dev.orrery.model.Host;
import dev.orrery.model.LockHolder;
import dev.orrery.model.Plan;
import dev.orrery.model.Release;
import dev.orrery.model.Secrets;
import dev.orrery.model.Task;
import dev.orrery.model.TaskState;
import dev.orrery.model.TaskStatus;
import dev.orrery.model.Transition;
import dev.orrery.store.LockRepository.LockResult;
import dev.orrery.store.Store;
import dev.orrery.store.StoreException;
import dev.orrery.store.TaskStateRepository;
import dev.orrery.transport.Transport;
import dev.orrery.transport.Transports;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One drive of a plan by a {@link Runner}: lock, recovery, the scheduling loop, the end of the run.
 *
 * <p>All task-state writes and all scheduling decisions happen on the thread that calls {@link #drive()}
 * (the scheduler thread); worker threads only run steps and write output. The scheduler's picture of the
 * plan is the store's: task states read once, then kept current by replaying the transition log
 * ({@code transitionsSince}), which also carries other processes' control verbs. A compare-and-set on every
 * move makes a stale picture harmless.
 */
final class PlanRun implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PlanRun.class);
    /** How long past its timeout a task may hang in a transport that ignores the timeout before it is cut off. */
    private static final Duration HANG_GRACE = Duration.ofSeconds(5);
    private static final AtomicInteger THREADS = new AtomicInteger();
    /** Plans driven in this process: the store's lock is per process, this keeps two runners of one JVM apart. */
    private static final Map<String, LockHolder> DRIVEN_HERE = new java.util.concurrent.ConcurrentHashMap<>();

    private record Running(Task task, int attempt, Future<?> future, OutputRecorder output, long deadlineNanos) {
    }

    private record Done(Running running, TaskExecution.Outcome outcome) {
    }

    private final Store store;
    private final TaskStateRepository tasks;
    private final Transports transports;
    private final Path workspaceRoot;
    private final Map<String, Host> hosts;
    private final RunOptions options;
    private final PlanShape shape;
    private final Plan plan;
    private final String uid;
    private final ListenerHub listeners = new ListenerHub();
    private final ChangeCommitter committer;

    private final Readiness readiness;
    private final Map<String, Integer> attempts = new HashMap<>();
    private final Map<String, Integer> failures = new HashMap<>();
    private final Map<String, Long> retryAtNanos = new LinkedHashMap<>();
    private final Map<String, Running> inFlight = new LinkedHashMap<>();
    private final LinkedBlockingQueue<Done> completions = new LinkedBlockingQueue<>();
    private final List<Change> uncommitted = new ArrayList<>();
    private final Map<String, List<Task>> tasksOfResource = new HashMap<>();
    private final Map<String, String> resourceOfTask = new HashMap<>();
    /** Resources with a task that settled well (SUCCESS/NOOP) since their changes were last checked. */
    private final Set<String> settledResources = new HashSet<>();
    private final Slots slots;
    private ExecutorService workers;
    private OutputLog output;
    private long lastSeq;
    /** The run this drive records (runs.id): output lines carry it, so each run keeps its own lines. */
    private long runId;
    private boolean attemptsStale;
    private boolean stopping;

    PlanRun(Store store, Transports transports, Path workspaceRoot, Map<String, Host> hosts, RunOptions options,
            PlanShape shape, List<RunListener> listenerList, ChangeCommitter committer) {
        this.store = store;
        this.tasks = store.tasks();
        this.transports = transports;
        this.workspaceRoot = workspaceRoot;
        this.hosts = hosts;
        this.options = options;
        this.shape = shape;
        this.plan = shape.plan();
        this.uid = plan.uid();
        this.committer = committer;
        this.readiness = new Readiness(shape);
        this.slots = new Slots(options);
        listenerList.forEach(listeners::add);
        for (Task task : plan.tasks()) {
            tasksOfResource.computeIfAbsent(task.resource(), r -> new ArrayList<>()).add(task);
            resourceOfTask.put(task.id(), task.resource());
        }
    }

    /** Tasks that could start now: PENDING with every parent SUCCESS/NOOP, in start priority. */
    static List<Task> readyTasks(PlanShape shape, Map<String, TaskStatus> statuses) {
        List<Task> ready = new ArrayList<>();
        for (Task task : shape.byPriority()) {
            TaskStatus status = statuses.get(task.id());
            if (status != null && status.state() == TaskState.PENDING && shape.parentsOf(task.id()).stream()
                    .allMatch(p -> statuses.containsKey(p) && statuses.get(p).state().letsChildrenStart())) {
                ready.add(task);
            }
        }
        return ready;
    }

    RunResult drive() {
        long pid = ProcessIdentity.pid();
        LockHolder me = new LockHolder(uid, pid, ProcessIdentity.hostname(), Instant.now());
        LockHolder other = DRIVEN_HERE.putIfAbsent(uid, me);
        if (other != null) {
            listeners.close();
            throw new PlanLockedException(other);
        }
        LockResult lock;
        try {
            lock = store.locks().tryLock(uid, pid, me.hostname(), me.since());
        } catch (RuntimeException e) {
            DRIVEN_HERE.remove(uid, me);
            listeners.close();
            throw e;
        }
        if (!lock.acquired()) {
            DRIVEN_HERE.remove(uid, me);
            listeners.close();
            throw new PlanLockedException(lock.current());
        }
        try {
            lastSeq = tasks.lastSeq(uid);
            Recovery.afterTakeover(store, uid, lock);
            output = new OutputLog(tasks, listeners);
            runId = store.runs().start(uid, plan.environment(), Instant.now());
            LOG.info("running plan {} ({} tasks), run {}", uid, plan.tasks().size(), runId);
            refreshStatuses();
            uncommitted.addAll(store.changes().ofPlan(uid));
            uncommitted.forEach(change -> settledResources.add(change.resource())); // all checked once at first
            workers = Executors.newFixedThreadPool(options.parallel(), r -> {
                Thread thread = new Thread(r, "orrery-task-" + THREADS.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
            loop();
            return finish(runId);
        } finally {
            close();
            try {
                store.locks().unlock(uid, pid);
            } catch (RuntimeException e) {
                // the run already failed on the store (disk full, file gone): keep that error; our pid's lock is
                // stale once this process ends
                LOG.warn("plan {}: could not release the plan's lock: {}", uid, e.getMessage());
            } finally {
                DRIVEN_HERE.remove(uid, me);
            }
            if (stopping) {
                Thread.currentThread().interrupt(); // the caller asked to stop: keep telling it
            }
        }
    }

    private void refreshStatuses() {
        for (TaskStatus status : tasks.statuses(uid).values()) {
            setState(status.taskId(), status.state());
            attempts.put(status.taskId(), status.attempt());
        }
        attemptsStale = false;
    }

    private void loop() {
        while (true) {
            if (Thread.currentThread().isInterrupted() && !stopping) {
                LOG.info("plan {}: interrupted, waiting for {} running task(s)", uid, inFlight.size());
                stopping = true;
            }
            drainCompletions();
            replayLog();
            retryDue();
            cutOffHungTasks();
            commitFinishedChanges();
            stopIfOutputCannotBeRecorded();
            int started = stopping ? 0 : startReadyTasks();
            if (started == 0 && inFlight.isEmpty() && retryAtNanos.isEmpty()) {
                replayLog();
                if (stopping || !hasStartable()) {
                    commitFinishedChanges();
                    return;
                }
                continue;
            }
            awaitCompletion();
        }
    }

    private void awaitCompletion() {
        long waitNanos = options.pollInterval().toNanos();
        long now = System.nanoTime();
        for (long at : retryAtNanos.values()) {
            waitNanos = Math.min(waitNanos, Math.max(0, at - now));
        }
        try {
            Done done = completions.poll(waitNanos, TimeUnit.NANOSECONDS);
            if (done != null) {
                handle(done);
            }
        } catch (InterruptedException e) {
            stopping = true;
        }
    }

    private void drainCompletions() {
        Done done;
        while ((done = completions.poll()) != null) {
            handle(done);
        }
    }

    private void handle(Done done) {
        Running running = done.running();
        Task task = running.task();
        if (inFlight.get(task.id()) != running) {
            return; // already cut off as hung
        }
        inFlight.remove(task.id());
        slots.release(task);
        TaskExecution.Outcome outcome = done.outcome();
        Instant now = Instant.now();
        if (outcome.success()) {
            move(task.id(), TaskState.RUNNING, TaskState.SUCCESS, null, now);
            return;
        }
        int failed = failures.merge(task.id(), 1, Integer::sum);
        if (failed <= task.retries() && !stopping) {
            Duration pause = options.backoffBefore(failed);
            if (move(task.id(), TaskState.RUNNING, TaskState.ERROR_RETRY, outcome.reason()
                    + " (retry " + failed + " of " + task.retries() + " in " + Durations.human(pause) + ")", now)) {
                retryAtNanos.put(task.id(), System.nanoTime() + pause.toNanos());
            }
        } else {
            move(task.id(), TaskState.RUNNING, TaskState.ERROR, outcome.reason(), now);
        }
    }

    /** Compare-and-set in the store, then in the local picture; false when someone else moved the task. */
    private boolean move(String taskId, TaskState from, TaskState to, String reason, Instant at) {
        boolean moved = tasks.transition(uid, taskId, from, to, reason, at);
        if (moved) {
            setState(taskId, to);
        } else {
            LOG.debug("plan {}: {} was not {} any more, left as it is", uid, taskId, from);
        }
        return moved;
    }

    /** Applies the transitions written since the last look (ours and other processes') and publishes them. */
    private void replayLog() {
        for (Transition t : tasks.transitionsSince(uid, lastSeq)) {
            lastSeq = Math.max(lastSeq, t.seq());
            setState(t.taskId(), t.to());
            if (t.to() == TaskState.PENDING && t.from() != TaskState.ERROR_RETRY) {
                failures.remove(t.taskId()); // a control verb gave it a fresh set of retries
                attemptsStale = true;
            }
            if (t.to() != TaskState.ERROR_RETRY) {
                retryAtNanos.remove(t.taskId());
            }
            listeners.transition(t);
        }
    }

    private void retryDue() {
        long now = System.nanoTime();
        var due = retryAtNanos.entrySet().stream().filter(e -> e.getValue() <= now).map(Map.Entry::getKey).toList();
        for (String taskId : due) {
            retryAtNanos.remove(taskId);
            move(taskId, TaskState.ERROR_RETRY, TaskState.PENDING, null, Instant.now());
        }
    }

    /** A transport should honour the timeout it is given; a task hanging well past it is cut off here. */
    private void cutOffHungTasks() {
        long now = System.nanoTime();
        for (Running running : List.copyOf(inFlight.values())) {
            if (now - running.deadlineNanos() > HANG_GRACE.toNanos()) {
                running.future().cancel(true);
                Duration timeout = options.timeoutOf(running.task());
                handle(new Done(running, TaskExecution.Outcome.failed(running.task().id(),
                        "timed out after " + Durations.human(timeout))));
            }
        }
    }

    /** A run whose output cannot be recorded any more must not go on as if it were (nor report success). */
    private void stopIfOutputCannotBeRecorded() {
        RuntimeException failure = output.failure();
        if (failure != null) {
            throw failure;
        }
    }

    /** The local picture of a task's state; remembers resources whose changes may now be complete. */
    private void setState(String taskId, TaskState state) {
        readiness.set(taskId, state);
        String resource = resourceOfTask.get(taskId);
        if (state.letsChildrenStart() && resource != null) {
            settledResources.add(resource);
        }
    }

    /** Commits the changes whose tasks are all SUCCESS/NOOP; looks only at resources where a task settled. */
    private void commitFinishedChanges() {
        if (settledResources.isEmpty()) {
            return;
        }
        for (var it = uncommitted.iterator(); it.hasNext(); ) {
            Change change = it.next();
            if (!settledResources.contains(change.resource())) {
                continue;
            }
            List<Task> ofResource = tasksOfResource.getOrDefault(change.resource(), List.of());
            boolean done = ofResource.stream().allMatch(t -> {
                TaskState state = readiness.state(t.id());
                return state != null && state.letsChildrenStart();
            });
            if (done) {
                it.remove();
                try {
                    committer.commit(plan, change, ofResource, Instant.now());
                } catch (StoreException e) {
                    throw e; // the history cannot take it (disk full, file gone): the run must not end as done
                } catch (RuntimeException e) {
                    LOG.error("plan {}: could not commit change {} ({} {}): {}", uid, change.id(), change.action(),
                            change.resource(), e.getMessage());
                }
            }
        }
        settledResources.clear();
    }

    private boolean hasStartable() {
        return readiness.startable().stream().anyMatch(task -> !inFlight.containsKey(task.id()));
    }

    private int startReadyTasks() {
        if (slots.full()) {
            return 0;
        }
        if (attemptsStale) {
            refreshStatuses();
        }
        List<Task> chosen = new ArrayList<>();
        for (Task task : readiness.startable()) {
            if (slots.full()) {
                break;
            }
            if (!inFlight.containsKey(task.id()) && slots.fits(task)) {
                slots.take(task);
                chosen.add(task);
            }
        }
        if (chosen.isEmpty()) {
            return 0;
        }
        Instant now = Instant.now();
        List<TaskStateRepository.Move> moves = chosen.stream()
                .map(t -> new TaskStateRepository.Move(t.id(), TaskState.PENDING, TaskState.RUNNING, null, now)).toList();
        List<Boolean> moved = tasks.transitionBatch(uid, moves);
        List<Running> started = new ArrayList<>();
        for (int i = 0; i < chosen.size(); i++) {
            Task task = chosen.get(i);
            if (!moved.get(i)) {
                slots.release(task); // someone else moved it (stop, skip...): leave it
                continue;
            }
            setState(task.id(), TaskState.RUNNING);
            int attempt = attempts.merge(task.id(), 1, Integer::sum);
            OutputRecorder recorder = new OutputRecorder(output, uid, task.id(), runId, attempt, task.secrets(),
                    options.outputCap());
            started.add(new Running(task, attempt, null, recorder, 0));
        }
        if (started.isEmpty()) {
            return 0;
        }
        replayLog(); // listeners see RUNNING before the task's first output line
        for (Running pending : started) {
            submit(pending);
        }
        return started.size();
    }

    private void submit(Running pending) {
        Task task = pending.task();
        Duration timeout = options.timeoutOf(task);
        long deadline = System.nanoTime() + timeout.toNanos();
        Host host = hosts.get(task.host());
        java.util.concurrent.Callable<TaskExecution.Outcome> work;
        if (host == null) {
            work = () -> TaskExecution.Outcome.failed(task.id(), "host " + task.host() + " is not in the inventory");
        } else {
            Transport transport = transports.forHost(host);
            work = new TaskExecution(task, transport, workspaceRoot, timeout, pending.output());
        }
        var holder = new java.util.concurrent.CompletableFuture<Running>();
        Future<?> future = workers.submit(() -> {
            TaskExecution.Outcome outcome;
            try {
                outcome = work.call();
            } catch (Exception e) {
                outcome = TaskExecution.Outcome.failed(task.id(), Secrets.mask(task.host() + ": " + e, task.secrets()));
            }
            completions.add(new Done(holder.join(), outcome));
        });
        Running running = new Running(task, pending.attempt(), future, pending.output(), deadline);
        inFlight.put(task.id(), running);
        holder.complete(running);
    }

    private RunResult finish(long runId) {
        Map<TaskState, Integer> counts = new EnumMap<>(TaskState.class);
        for (Task task : plan.tasks()) {
            counts.merge(java.util.Objects.requireNonNullElse(readiness.state(task.id()), TaskState.PENDING), 1,
                    Integer::sum);
        }
        TaskState result = resultOf(counts);
        Instant now = Instant.now();
        store.runs().finish(runId, result, now);
        Optional<Release> release = Optional.empty();
        if (result == TaskState.SUCCESS) {
            try {
                release = new ReleaseRecorder(store).recordIfComplete(plan, now);
            } catch (StoreException e) {
                throw e; // a release that was not recorded is not reported as one
            } catch (RuntimeException e) {
                LOG.error("plan {}: completed, but the release could not be recorded: {}", uid, e.getMessage());
            }
        }
        String reason = result == TaskState.SUCCESS ? "" : endReason(shape, states(), stopping);
        LOG.info("plan {}: run {} ended {} {}{}", uid, runId, result, counts, reason.isEmpty() ? "" : ": " + reason);
        listeners.finished(uid, result);
        return new RunResult(uid, runId, result, counts, release, reason);
    }

    private Map<String, TaskState> states() {
        Map<String, TaskState> states = new HashMap<>();
        for (Task task : plan.tasks()) {
            states.put(task.id(), java.util.Objects.requireNonNullElse(readiness.state(task.id()), TaskState.PENDING));
        }
        return states;
    }

    /**
     * Why a run ended without completing: the tasks that block the rest (ERROR, SKIPPED), else what was left
     * unfinished. Blocked tasks are {@link PlanShape#blockage}'s, the same the reports and the GUI show.
     */
    static String endReason(PlanShape shape, Map<String, TaskState> states, boolean stopped) {
        TaskGraph.Blockage blockage = shape.blockage(states);
        if (!blockage.isEmpty()) {
            List<String> blockers = blockage.blockers().stream().map(id -> id + " (" + states.get(id) + ")").toList();
            int n = blockage.tasks().size();
            return "cannot progress: " + n + (n == 1 ? " task waits" : " tasks wait") + " for "
                    + String.join(", ", blockers);
        }
        List<String> failed = shape.plan().tasks().stream().map(Task::id)
                .filter(id -> states.get(id) == TaskState.ERROR).toList();
        if (!failed.isEmpty()) {
            return failed.size() + (failed.size() == 1 ? " task" : " tasks") + " failed: " + listed(failed);
        }
        List<String> unfinished = shape.plan().tasks().stream().map(Task::id)
                .filter(id -> !states.get(id).letsChildrenStart()).toList();
        return (stopped ? "stopped" : "ended") + " with " + unfinished.size()
                + (unfinished.size() == 1 ? " task" : " tasks") + " not done: " + listed(unfinished);
    }

    private static String listed(List<String> ids) {
        return String.join(", ", ids.subList(0, Math.min(5, ids.size())))
                + (ids.size() > 5 ? " and " + (ids.size() - 5) + " more" : "");
    }

    static TaskState resultOf(Map<TaskState, Integer> counts) {
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        int done = counts.getOrDefault(TaskState.SUCCESS, 0) + counts.getOrDefault(TaskState.NOOP, 0);
        if (done == total) {
            return TaskState.SUCCESS;
        }
        if (counts.getOrDefault(TaskState.ERROR, 0) > 0) {
            return TaskState.ERROR;
        }
        return TaskState.SKIPPED;
    }

    /** Stops the workers (interrupting tasks still running, which only happens when the run is abandoned). */
    @Override
    public void close() {
        if (workers != null) {
            workers.shutdownNow();
            workers = null;
        }
        if (output != null) {
            output.close();
            output = null;
        }
        listeners.close();
    }
}
