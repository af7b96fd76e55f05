package dev.orrery.run;

import dev.orrery.model.OutputChunk;
import dev.orrery.model.OutputChunk.Stream;
import dev.orrery.model.Secrets;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Captures the output of one attempt of one task: masks secrets before anything else sees a line, keeps
 * at most {@code cap} bytes (then one visible {@code [output truncated after N bytes]} marker) and hands
 * each line to the run's {@link OutputLog}, which commits it to the history before any listener sees it.
 * {@link #exit} returns once the step's output and exit code are committed, so a task's outcome is never
 * recorded ahead of its output.
 *
 * <p>Stored and published chunk texts are whole lines, each ending in {@code '\n'}; an EXIT chunk's text is
 * the exit code. Thread-safe: stdout and stderr lines may arrive on different threads.
 */
final class OutputRecorder {
    private final OutputLog log;
    private final String planUid;
    private final String taskId;
    private final long runId;
    private final int attempt;
    private final List<String> secrets;
    private final long cap;

    private long bytesKept;
    private boolean truncated;
    private long lastTicket;
    private String lastStderrLine;
    private int lastStderrStep = -1;

    OutputRecorder(OutputLog log, String planUid, String taskId, long runId, int attempt, List<String> secrets,
                   long cap) {
        this.log = log;
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
        keep(log.add(new OutputChunk(planUid, taskId, attempt, step, stream, text, runId)));
    }

    /** The exit code of step {@code step}; returns once it and every earlier line are committed. */
    void exit(int step, int code) {
        synchronized (this) {
            keep(log.add(new OutputChunk(planUid, taskId, attempt, step, Stream.EXIT, Integer.toString(code), runId)));
        }
        flush();
    }

    /** The last non-blank stderr line of step {@code step} (masked), for the error reason; null if none. */
    synchronized String lastStderrLine(int step) {
        return lastStderrStep == step ? lastStderrLine : null;
    }

    /** Waits until every line handed in so far is committed (or can no longer be). */
    void flush() {
        long ticket;
        synchronized (this) {
            ticket = lastTicket;
        }
        log.awaitWritten(ticket);
    }

    private void keep(long ticket) {
        if (ticket > 0) {
            lastTicket = ticket;
        }
    }
}
