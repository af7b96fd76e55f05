package dev.orrery.run;

import dev.orrery.model.Secrets;
import dev.orrery.model.Step;
import dev.orrery.model.Task;
import dev.orrery.transport.Transport;
import dev.orrery.transport.TransportException;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Runs the steps of one task attempt on its host, in order, within the task's timeout; the first failing
 * step fails the task. Returns a readable {@link Outcome} rather than throwing: {@code exit 127: sh: foo:
 * not found}, the transport's sentence, or {@code timed out after 30s}. Reasons are masked.
 */
final class TaskExecution implements Callable<TaskExecution.Outcome> {

    /** How an attempt ended; {@code reason} is null on success. */
    record Outcome(String taskId, boolean success, String reason) {
        static Outcome ok(String taskId) {
            return new Outcome(taskId, true, null);
        }

        static Outcome failed(String taskId, String reason) {
            return new Outcome(taskId, false, reason);
        }
    }

    private final Task task;
    private final Transport transport;
    private final Path workspaceRoot;
    private final Duration timeout;
    private final OutputRecorder output;

    TaskExecution(Task task, Transport transport, Path workspaceRoot, Duration timeout, OutputRecorder output) {
        this.task = task;
        this.transport = transport;
        this.workspaceRoot = workspaceRoot;
        this.timeout = timeout;
        this.output = output;
    }

    @Override
    public Outcome call() {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            for (int i = 0; i < task.steps().size(); i++) {
                Duration remaining = Duration.ofNanos(deadline - System.nanoTime());
                if (remaining.isNegative() || remaining.isZero()) {
                    return timedOut();
                }
                String failure = runStep(i, task.steps().get(i), remaining);
                if (failure != null) {
                    return Outcome.failed(task.id(), failure);
                }
            }
            return Outcome.ok(task.id());
        } catch (TransportException e) {
            return System.nanoTime() >= deadline ? timedOut() : Outcome.failed(task.id(), masked(e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return System.nanoTime() >= deadline ? timedOut()
                    : Outcome.failed(task.id(), "interrupted (the runner was stopped)");
        } catch (RuntimeException e) {
            return Outcome.failed(task.id(), masked(task.host() + ": " + e));
        } finally {
            output.flush();
        }
    }

    /** Runs one step; returns the failure reason or null. */
    private String runStep(int index, Step step, Duration remaining) throws TransportException, InterruptedException {
        if (step instanceof Step.Exec exec) {
            int code = transport.exec(exec.command(), task.env(), task.workdir(),
                    (stderr, line) -> output.line(index, stderr, line), remaining);
            output.exit(index, code);
            if (code == 0) {
                return null;
            }
            String lastError = output.lastStderrLine(index);
            return "exit " + code + (lastError == null ? "" : ": " + lastError);
        }
        Step.Transfer transfer = (Step.Transfer) step;
        transport.upload(workspaceRoot.resolve(transfer.source()), transfer.destination(), task.workdir(),
                transfer.owner(), transfer.mode(), remaining);
        output.exit(index, 0);
        return null;
    }

    private Outcome timedOut() {
        return Outcome.failed(task.id(), "timed out after " + Durations.human(timeout));
    }

    private String masked(String text) {
        return Secrets.mask(text == null ? "failed" : text, task.secrets());
    }
}
