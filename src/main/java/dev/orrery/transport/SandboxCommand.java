package dev.orrery.transport;

import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The server side of one exec request on a sandbox host, as sshd runs one: {@code sh -c command} in the sandbox
 * folder, in its own session and process group ({@link StepProcess}), with HOME set to the folder and the
 * channel's environment added. The channel's input is copied to the command's standard input and closed when
 * the client sends end of file or the channel closes, which is what stops a step script (its watchdog TERMs,
 * then KILLs the process group). Output is copied to the channel as it comes; the exit code is sent once both
 * streams are drained.
 */
final class SandboxCommand implements Command {
    private final String command;
    private final Path folder;
    private final ExecutorService threads;
    private InputStream in;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;
    private volatile Process process;

    SandboxCommand(String command, Path folder, ExecutorService threads) {
        this.command = command;
        this.folder = folder;
        this.threads = threads;
    }

    @Override
    public void setInputStream(InputStream in) {
        this.in = in;
    }

    @Override
    public void setOutputStream(OutputStream out) {
        this.out = out;
    }

    @Override
    public void setErrorStream(OutputStream err) {
        this.err = err;
    }

    @Override
    public void setExitCallback(ExitCallback callback) {
        this.exit = callback;
    }

    @Override
    public void start(ChannelSession channel, Environment env) throws IOException {
        // a step's fixed command line is run directly: one exec fewer per step than sh -c 'exec sh -s'
        ProcessBuilder builder = (Shell.STEP_RUNNER.equals(command) ? StepProcess.leading("sh", "-s")
                : StepProcess.leading("sh", "-c", command)).directory(folder.toFile());
        builder.environment().putAll(env.getEnv());
        builder.environment().put("HOME", folder.toString());
        builder.environment().put("PWD", folder.toString());
        Process p = builder.start();
        process = p;
        threads.submit(() -> forwardInput(p));
        Future<?> stdout = threads.submit(() -> copy(p.getInputStream(), out));
        Future<?> stderr = threads.submit(() -> copy(p.getErrorStream(), err));
        threads.submit(() -> {
            int code;
            try {
                code = p.waitFor();
                stdout.get();
                stderr.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                code = 130;
            } catch (java.util.concurrent.ExecutionException e) {
                code = p.exitValue();
            }
            exit.onExit(code);
        });
    }

    /** The channel's input to the command's; end of file (or a closed channel) closes the command's input. */
    private void forwardInput(Process p) {
        OutputStream to = p.getOutputStream();
        byte[] buffer = new byte[8192];
        try (InputStream from = in) {
            if (from != null) {
                int n;
                while ((n = from.read(buffer)) >= 0) {
                    to.write(buffer, 0, n);
                    to.flush();
                }
            }
        } catch (IOException e) {
            // the channel closed, or the command stopped reading: either way its input ends here
        } finally {
            StepProcess.closeQuietly(to);
        }
    }

    private static Void copy(InputStream from, OutputStream to) throws IOException {
        byte[] buffer = new byte[8192];
        try (from) {
            int n;
            while ((n = from.read(buffer)) >= 0) {
                to.write(buffer, 0, n);
                to.flush();
            }
        }
        return null;
    }

    /**
     * The channel closed (the step finished, was stopped or timed out, or its connection dropped): end the
     * command's input so a step script's watchdog stops what still runs; kill the tree as a last resort if the
     * shell is still there after the grace period.
     */
    @Override
    public void destroy(ChannelSession channel) {
        Process p = process;
        if (p != null && p.isAlive()) {
            StepProcess.closeQuietly(p.getOutputStream());
            try {
                threads.submit(() -> {
                    StepProcess.stop(p, p.getOutputStream());
                    return null;
                });
            } catch (java.util.concurrent.RejectedExecutionException closing) {
                // the sandbox host is shutting down; the closed input is enough for the watchdog
            }
        }
    }
}
