package dev.orrery.gui;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * Where view models send long work (loading, staging, running, reading the store) and how results come back
 * to the user-interface thread. The application uses {@link FxUiExecutor}; tests use a same-thread executor so
 * view models can be tested with plain JUnit, without a JavaFX toolkit.
 *
 * <p>Implementations are thread-safe.
 */
public interface UiExecutor {

    /**
     * Runs {@code work} in the background, then {@code onSuccess} or {@code onFailure} on the UI thread.
     */
    <T> void submit(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure);

    /** Runs {@code action} on the UI thread (now if already there). */
    void onUi(Runnable action);

    /** Runs {@code action} in the background; failures are logged. */
    default void background(Runnable action) {
        submit(() -> {
            action.run();
            return null;
        }, ignored -> {
        }, failure -> org.slf4j.LoggerFactory.getLogger(UiExecutor.class).warn("background work failed", failure));
    }
}
