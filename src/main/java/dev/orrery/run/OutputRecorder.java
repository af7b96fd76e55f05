package dev.orrery.run;

import dev.orrery.model.OutputChunk;
import dev.orrery.model.OutputChunk.Stream;
import dev.orrery.model.Secrets;
import dev.orrery.store.TaskStateRepository;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Captures the output of one attempt of one task: masks secrets before anything else sees a line, keeps
 * at most {@code cap} bytes (then one visible {@code [output truncated after N bytes]} marker), hands each
 * line to the listeners at once and writes lines to the store in batches (a batch ends when the stream or
 * step changes, at 8 KiB, or when the scheduler finds it older than {@link #STALE_MILLIS}).
 *
 * <p>Stored and published chunk texts are whole lines, each ending in {@code '\n'}; an EXIT chunk's text is
 * the exit code. Thread-safe: stdout and stderr lines may arrive on different threads.
 */
final class OutputRecorder {
    static final long STALE_MILLIS = 200;
    private static final int BATCH_BYTES = 8 * 1024;

    private final TaskStateRepository tasks;
    private final ListenerHub listeners;
    private final String planUid;
    private final String taskId;
    private final long runId;
    private final int attempt;
    private final List<String> secrets;
    private final long cap;

    private final StringBuilder batch = new StringBuilder();
    private int batchStep = -1;
    private Stream batchStream;
    private long batchSince;
    private long bytesKept;
    private boolean truncated;
    private String lastStderrLine;
    private int lastStderrStep = -1;

    OutputRecorder(TaskStateRepository tasks, ListenerHub listeners, String planUid, String taskId, long runId,
                   int attempt, List<String> secrets, long cap) {
        this.tasks = tasks;
        this.listeners = listeners;
        this.planUid = planUid;
        this.taskId = taskId;
        this.runId = runId;
        this.attempt = attempt;
        this.secrets = secrets;
        this.cap = cap;
    }

    /** One line of output of step {@code step} (0-based), without its line terminator. */
    synchronized void line(int step, boolean stderr, String rawLine) {
        String line = Secrets.mask(rawLine, secrets);
        Stream stream = stderr ? Stream.STDERR : Stream.STDOUT;
        if (stderr && !line.isBlank()) {
            lastStderrLine = line;
            lastStderrStep = step;
        }
        if (truncated) {
            return;
        }
        String text = line + "\n";
        long size = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytesKept + size > cap) {
            truncated = true;
            text = "[output truncated after " + bytesKept + " bytes]\n";
        } else {
            bytesKept += size;
        }
        append(step, stream, text);
        listeners.output(new OutputChunk(planUid, taskId, attempt, step, stream, text, runId));
    }

    /** The exit code of step {@code step}; flushes what is pending first. */
    synchronized void exit(int step, int code) {
        flush();
        OutputChunk chunk = new OutputChunk(planUid, taskId, attempt, step, Stream.EXIT, Integer.toString(code), runId);
        tasks.appendOutput(chunk);
        listeners.output(chunk);
    }

    /** The last non-blank stderr line of step {@code step} (masked), for the error reason; null if none. */
    synchronized String lastStderrLine(int step) {
        return lastStderrStep == step ? lastStderrLine : null;
    }

    /** Writes the pending batch if it has waited longer than {@link #STALE_MILLIS}. */
    synchronized void flushIfStale(long nowMillis) {
        if (batch.length() > 0 && nowMillis - batchSince >= STALE_MILLIS) {
            flush();
        }
    }

    synchronized void flush() {
        if (batch.length() == 0) {
            return;
        }
        tasks.appendOutput(new OutputChunk(planUid, taskId, attempt, batchStep, batchStream, batch.toString(), runId));
        batch.setLength(0);
    }

    private void append(int step, Stream stream, String text) {
        if (batch.length() > 0 && (step != batchStep || stream != batchStream)) {
            flush();
        }
        if (batch.length() == 0) {
            batchStep = step;
            batchStream = stream;
            batchSince = System.currentTimeMillis();
        }
        batch.append(text);
        if (batch.length() >= BATCH_BYTES) {
            flush();
        }
    }
}
