package dev.orrery.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Copies the write-ahead log back into the history file beside the work instead of inside it. SQLite's own
 * auto-checkpoint runs in the commit that crosses its page limit, so whichever command wrote a large plan or
 * bucket paid ~30 ms more for it. Here a commit only asks (when the log has grown past {@link #WAL_LIMIT_BYTES}),
 * and a daemon thread with its own connection runs a PASSIVE checkpoint, which never blocks the readers and
 * writers of this process or another. Requests made while one is queued fold into it. SQLite's auto-checkpoint
 * stays on with a higher limit ({@link #INLINE_LIMIT_PAGES}) as a backstop. Thread-safe.
 */
final class Checkpointer implements AutoCloseable {
    /** Log size that asks for a checkpoint: SQLite's default limit, 1,000 pages of 4 KiB. */
    static final long WAL_LIMIT_BYTES = 4L << 20;
    /** Log pages at which SQLite checkpoints inside the commit anyway (only if this thread cannot keep up). */
    static final int INLINE_LIMIT_PAGES = 16_000;
    private static final Logger LOG = LoggerFactory.getLogger(Checkpointer.class);

    private final Path file;
    private final Path wal;
    private final ExecutorService thread;
    private final AtomicBoolean queued = new AtomicBoolean();
    private Connection connection; // used on the checkpoint thread only

    Checkpointer(Path file) {
        this.file = file;
        this.wal = file.resolveSibling(file.getFileName() + "-wal");
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "orrery-history-checkpoint");
            t.setDaemon(true);
            return t;
        });
    }

    /** Called after each write transaction: queues a checkpoint when the log is large. Cheap otherwise (a stat). */
    void afterCommit() {
        if (walBytes() >= WAL_LIMIT_BYTES && queued.compareAndSet(false, true)) {
            try {
                thread.execute(this::checkpoint);
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                queued.set(false); // closing: the last connection's close checkpoints
            }
        }
    }

    /** Waits until no checkpoint is queued or running (tests, and {@link #close}). */
    void awaitIdle() {
        try {
            thread.submit(() -> { }).get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // nothing runs any more
        } catch (Exception e) {
            throw new StoreException("the history checkpoint did not finish: " + e.getMessage(), e);
        }
    }

    private long walBytes() {
        try {
            return Files.size(wal);
        } catch (IOException noLogYet) {
            return 0;
        }
    }

    private void checkpoint() {
        queued.set(false);
        try {
            if (connection == null) {
                SQLiteConfig config = new SQLiteConfig();
                config.setBusyTimeout(Db.BUSY_TIMEOUT_MS);
                connection = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
            }
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA wal_checkpoint(PASSIVE)");
            }
        } catch (SQLException e) {
            // Nothing is lost: the log keeps every commit, and the next request or the last close copies it.
            LOG.debug("background checkpoint of {} did not run: {}", file, e.getMessage());
        }
    }

    @Override
    public void close() {
        thread.shutdown();
        try {
            if (!thread.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("the checkpoint of {} is still running; closing anyway", file);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
    }
}
