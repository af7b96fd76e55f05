package dev.orrery.run;

import dev.orrery.model.Host;
import dev.orrery.model.Plan;
import dev.orrery.model.SourceRef;
import dev.orrery.model.TaskState;
import dev.orrery.model.TaskStatus;
import dev.orrery.model.Transition;
import dev.orrery.store.SqliteStore;
import dev.orrery.transport.HostKeyPolicy;
import dev.orrery.transport.PassphraseProvider;
import dev.orrery.transport.TransportPool;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.fail;

/** A temp workspace with a real SQLite store and sandbox hosts (embedded SSH servers) for runner tests. */
final class RunFixture implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(30);

    final Path root;
    final SqliteStore store;
    final TransportPool transports;
    final List<Host> hosts = new ArrayList<>();
    private final ExecutorService background = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-runner");
        t.setDaemon(true);
        return t;
    });

    RunFixture(Path root, String... sandboxHosts) {
        this.root = root;
        this.store = SqliteStore.open(root);
        this.transports = TransportPool.create(root, HostKeyPolicy.refuse(), PassphraseProvider.none());
        for (String name : sandboxHosts) {
            hosts.add(sandbox(name));
        }
    }

    static Host sandbox(String name) {
        return new Host(name, null, 0, null, null, null, Set.of(), true, false, SourceRef.NONE);
    }

    static RunOptions fast() {
        return RunOptions.defaults().withBackoff(Duration.ofMillis(30), Duration.ofMillis(120))
                .withPollInterval(Duration.ofMillis(20));
    }

    Runner runner(RunOptions options) {
        return new Runner(store, transports, root, hosts, options);
    }

    RunResult run(Plan plan) {
        return runner(fast()).run(plan.uid());
    }

    Future<RunResult> runInBackground(Runner runner, String uid) {
        return background.submit(() -> runner.run(uid));
    }

    /** The sandbox host's working folder, where its commands run. */
    Path folder(String host) {
        return root.resolve(".orrery").resolve("sandbox").resolve(host);
    }

    Map<String, TaskStatus> statuses(Plan plan) {
        return store.tasks().statuses(plan.uid());
    }

    TaskState state(Plan plan, String taskId) {
        return statuses(plan).get(taskId).state();
    }

    void awaitState(Plan plan, String taskId, TaskState state) {
        await(() -> state(plan, taskId) == state, taskId + " to be " + state);
    }

    static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("waited " + WAIT.toSeconds() + " s for " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted while waiting for " + what);
            }
        }
    }

    /** The states a task went through, from the transitions log. */
    List<TaskState> journey(Plan plan, String taskId) {
        List<TaskState> states = new ArrayList<>();
        for (Transition t : store.tasks().transitions(plan.uid())) {
            if (t.taskId().equals(taskId)) {
                if (states.isEmpty()) {
                    states.add(t.from());
                }
                states.add(t.to());
            }
        }
        return states;
    }

    /** Most tasks RUNNING at once among those matching, replaying the transitions log. */
    int maxConcurrent(Plan plan, Predicate<String> taskIds) {
        int now = 0;
        int max = 0;
        Map<String, Boolean> running = new HashMap<>();
        for (Transition t : store.tasks().transitions(plan.uid())) {
            if (!taskIds.test(t.taskId())) {
                continue;
            }
            if (t.to() == TaskState.RUNNING) {
                running.put(t.taskId(), true);
                max = Math.max(max, ++now);
            } else if (t.from() == TaskState.RUNNING && running.remove(t.taskId()) != null) {
                now--;
            }
        }
        return max;
    }

    /** A shell-quoted absolute path for commands (sandbox hosts run on this machine). */
    static String q(Path path) {
        return "'" + path.toAbsolutePath().toString().replace("'", "'\\''") + "'";
    }

    /** A command that waits (up to 30 s) until the gate file exists. */
    static String waitFor(Path gate) {
        return "i=0; while [ ! -f " + q(gate) + " ] && [ $i -lt 600 ]; do sleep 0.05; i=$((i+1)); done; test -f " + q(gate);
    }

    @Override
    public void close() {
        background.shutdownNow();
        transports.close();
        store.close();
    }
}
