package dev.orrery;

import dev.orrery.api.PlanReport;
import dev.orrery.api.RunHandle;
import dev.orrery.run.RunListener;
import dev.orrery.run.RunResult;
import dev.orrery.run.Runner;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** {@link Orrery#start}'s handle: the runner on its own thread, followed through the store. */
final class BackgroundRun implements RunHandle {
    private final Orrery orrery;
    private final String planUid;
    private final CompletableFuture<RunResult> completion = new CompletableFuture<>();
    private final List<AutoCloseable> subscriptions = new CopyOnWriteArrayList<>();
    private final Thread thread;

    BackgroundRun(Orrery orrery, String planUid, Runner runner) {
        this.orrery = orrery;
        this.planUid = planUid;
        this.thread = new Thread(() -> {
            try {
                completion.complete(runner.run(planUid));
            } catch (Throwable t) {
                completion.completeExceptionally(t);
            }
        }, "orrery-run-" + planUid);
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public String planUid() {
        return planUid;
    }

    @Override
    public PlanReport poll() {
        return orrery.report(planUid);
    }

    @Override
    public void subscribe(RunListener listener) {
        subscriptions.add(orrery.subscribe(planUid, listener));
    }

    @Override
    public boolean isDone() {
        return completion.isDone();
    }

    @Override
    public Optional<RunResult> result() {
        return completion.isDone() && !completion.isCompletedExceptionally()
                ? Optional.of(completion.join()) : Optional.empty();
    }

    @Override
    public CompletableFuture<RunResult> completion() {
        return completion.copy();
    }

    @Override
    public RunResult await(Duration timeout) throws InterruptedException, TimeoutException {
        try {
            return completion.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void stop() {
        orrery.stop(planUid);
    }

    @Override
    public void close() {
        try {
            completion.handle((r, t) -> r).join();
        } finally {
            for (AutoCloseable subscription : subscriptions) {
                try {
                    subscription.close();
                } catch (Exception e) {
                    // following ends with the run; a failing close leaves nothing behind to clean
                }
            }
            orrery.forget(this);
        }
    }
}
