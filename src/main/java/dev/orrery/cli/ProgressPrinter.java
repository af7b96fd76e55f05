package dev.orrery.cli;

import dev.orrery.model.OutputChunk;
import dev.orrery.model.TaskState;
import dev.orrery.model.Transition;
import dev.orrery.run.RunListener;

import java.io.PrintWriter;

/**
 * Prints a run as it happens, one line per task transition ({@code 12:00:03  db.run@db-1  PENDING → RUNNING}),
 * and, when asked, each output line of the tasks. Thread-safe (listener events arrive on their own thread).
 */
final class ProgressPrinter implements RunListener {
    private final PrintWriter out;
    private final boolean showOutput;

    ProgressPrinter(PrintWriter out, boolean showOutput) {
        this.out = out;
        this.showOutput = showOutput;
    }

    @Override
    public void onTransition(Transition t) {
        String reason = t.reason() == null || t.reason().isBlank() ? "" : "  (" + t.reason() + ")";
        synchronized (out) {
            out.println(Formats.time(t.at()) + "  " + t.taskId() + "  " + t.from() + " → " + t.to() + reason);
            out.flush();
        }
    }

    @Override
    public void onOutput(OutputChunk chunk) {
        if (!showOutput || chunk.stream() == OutputChunk.Stream.EXIT) {
            return;
        }
        synchronized (out) {
            chunk.text().lines().forEach(line -> out.println("    " + chunk.taskId()
                    + (chunk.stream() == OutputChunk.Stream.STDERR ? " ! " : " | ") + line));
            out.flush();
        }
    }

    @Override
    public void onRunFinished(String planUid, TaskState result) {
        // the verb prints the summary once the run call returns
    }
}
