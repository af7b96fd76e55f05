package dev.orrery.run;

import dev.orrery.model.OutputChunk;
import dev.orrery.model.TaskState;
import dev.orrery.model.Transition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Delivers run events to listeners, each on its own single-thread executor: events reach a listener in the
 * order they were published (so in order per task), never on the publisher's thread, and a slow or
 * failing listener delays or hurts only itself. Thread-safe.
 */
final class ListenerHub implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ListenerHub.class);

    private record Subscription(RunListener listener, ExecutorService executor) {
    }

    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();

    void add(RunListener listener) {
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "orrery-listener-" + listener.getClass().getSimpleName());
            thread.setDaemon(true);
            return thread;
        });
        subscriptions.add(new Subscription(listener, executor));
    }

    boolean isEmpty() {
        return subscriptions.isEmpty();
    }

    void transition(Transition transition) {
        publish(l -> l.onTransition(transition));
    }

    void output(OutputChunk chunk) {
        publish(l -> l.onOutput(chunk));
    }

    void finished(String planUid, TaskState result) {
        publish(l -> l.onRunFinished(planUid, result));
    }

    private void publish(Consumer<RunListener> event) {
        for (Subscription s : subscriptions) {
            s.executor().execute(() -> {
                try {
                    event.accept(s.listener());
                } catch (RuntimeException e) {
                    LOG.warn("run listener {} failed: {}", s.listener(), e.toString());
                }
            });
        }
    }

    /** Delivers what was published (waiting up to 5 s), then stops the executors. */
    @Override
    public void close() {
        for (Subscription s : subscriptions) {
            s.executor().shutdown();
        }
        for (Subscription s : subscriptions) {
            try {
                if (!s.executor().awaitTermination(5, TimeUnit.SECONDS)) {
                    LOG.warn("run listener {} did not take its last events within 5 s", s.listener());
                    s.executor().shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                s.executor().shutdownNow();
            }
        }
        subscriptions.clear();
    }
}
