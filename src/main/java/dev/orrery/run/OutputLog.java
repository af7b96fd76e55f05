package dev.orrery.run;

import dev.orrery.model.OutputChunk;
import dev.orrery.store.TaskStateRepository;

import java.util.ArrayList;
import java.util.List;

/**
 * The way every task's output goes to the history and then, only then, to the listeners: a line that a
 * console or a window shows is already committed, so killing the runner loses no line anyone saw.
 *
 * <p>One writer thread commits whatever arrived while its previous commit ran, in one transaction (a group
 * commit): a chatty task costs one commit per burst of lines, not one per line, and a quiet one is recorded
 * within one commit's time. Consecutive lines of one task, step and stream are merged into one stored chunk
 * of at most {@link #CHUNK_CHARS}. Producers wait while {@link #MAX_QUEUED_CHARS} are queued.
 *
 * <p>If a commit fails (disk full, history file gone) nothing more is recorded or shown: {@link #failure()}
 * tells the scheduler, which stops the run. Thread-safe.
 */
final class OutputLog implements AutoCloseable {
    private static final int CHUNK_CHARS = 8 * 1024;
    private static final long MAX_QUEUED_CHARS = 4L * 1024 * 1024;

    /** A queued chunk and how many {@link #add} calls it holds. */
    private static final class Entry {
        OutputChunk chunk;
        final StringBuilder text;
        int adds;

        Entry(OutputChunk chunk) {
            this.chunk = chunk;
            this.text = new StringBuilder(chunk.text());
            this.adds = 1;
        }

        boolean accepts(OutputChunk next) {
            return chunk.stream() != OutputChunk.Stream.EXIT && next.stream() == chunk.stream()
                    && next.step() == chunk.step() && next.attempt() == chunk.attempt() && next.runId() == chunk.runId()
                    && next.taskId().equals(chunk.taskId()) && next.planUid().equals(chunk.planUid())
                    && text.length() + next.text().length() <= CHUNK_CHARS;
        }

        OutputChunk toChunk() {
            return new OutputChunk(chunk.planUid(), chunk.taskId(), chunk.attempt(), chunk.step(), chunk.stream(),
                    text.toString(), chunk.runId());
        }
    }

    private final TaskStateRepository tasks;
    private final ListenerHub listeners;
    private final Thread writer;
    private List<Entry> queue = new ArrayList<>();
    private long queuedChars;
    private long added;
    private long written;
    private RuntimeException failure;
    private boolean closed;

    OutputLog(TaskStateRepository tasks, ListenerHub listeners) {
        this.tasks = tasks;
        this.listeners = listeners;
        this.writer = new Thread(this::writeLoop, "orrery-output-writer");
        writer.setDaemon(true);
        writer.start();
    }

    /**
     * Queues a chunk (whole lines, or an EXIT code); waits while too much is queued.
     *
     * @return a ticket for {@link #awaitWritten}; 0 when nothing more can be recorded
     */
    synchronized long add(OutputChunk chunk) {
        while (queuedChars > MAX_QUEUED_CHARS && failure == null && !closed) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // queue it anyway: the line was produced
                break;
            }
        }
        if (failure != null || closed) {
            return 0;
        }
        Entry last = queue.isEmpty() ? null : queue.get(queue.size() - 1);
        if (last != null && last.accepts(chunk)) {
            last.text.append(chunk.text());
            last.adds++;
        } else {
            queue.add(new Entry(chunk));
        }
        queuedChars += chunk.text().length();
        notifyAll();
        return ++added;
    }

    /** Waits until the chunk with {@code ticket} (and every one before it) is committed, or the log failed. */
    synchronized void awaitWritten(long ticket) {
        boolean interrupted = false;
        while (written < ticket && failure == null && writer.isAlive()) {
            try {
                wait();
            } catch (InterruptedException e) {
                interrupted = true; // a stopped task still gets its last lines recorded
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Why output can no longer be recorded, or null. */
    synchronized RuntimeException failure() {
        return failure;
    }

    private void writeLoop() {
        while (true) {
            List<Entry> batch;
            synchronized (this) {
                while (queue.isEmpty() && !closed) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        closed = true;
                    }
                }
                if (queue.isEmpty()) {
                    return;
                }
                batch = queue;
                queue = new ArrayList<>();
            }
            List<OutputChunk> chunks = new ArrayList<>(batch.size());
            long chars = 0;
            int adds = 0;
            for (Entry e : batch) {
                OutputChunk chunk = e.toChunk();
                chunks.add(chunk);
                chars += chunk.text().length();
                adds += e.adds;
            }
            try {
                tasks.appendOutput(chunks);
            } catch (RuntimeException e) {
                synchronized (this) {
                    failure = e;
                    notifyAll();
                }
                return;
            }
            chunks.forEach(listeners::output);
            synchronized (this) {
                written += adds;
                queuedChars -= chars;
                notifyAll();
            }
        }
    }

    /** Commits and publishes what is queued, then stops the writer. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        boolean interrupted = false;
        while (writer.isAlive()) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                interrupted = true; // a stopped run still records what its tasks printed
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
