package dev.orrery.gui;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * The test {@link UiExecutor}: work runs on the calling thread; results are handed over under one lock, so
 * callbacks from watcher threads never interleave with each other (the lock stands in for the single UI thread).
 */
public final class SameThreadUiExecutor implements UiExecutor {
    private final Object uiThread = new Object();

    @Override
    public <T> void submit(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
        T result;
        try {
            result = work.call();
        } catch (Exception | Error e) {
            synchronized (uiThread) {
                onFailure.accept(e);
            }
            return;
        }
        synchronized (uiThread) {
            onSuccess.accept(result);
        }
    }

    @Override
    public void onUi(Runnable action) {
        synchronized (uiThread) {
            action.run();
        }
    }
}
