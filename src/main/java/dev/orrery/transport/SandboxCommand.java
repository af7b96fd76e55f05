package dev.orrery.transport;

import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The server side of one exec request on a sandbox host: {@code sh -c command} in the sandbox folder, with
 * HOME set to it and the channel's environment added; stdin is empty. Output is copied to the channel as it
 * comes; the exit code is sent once both streams are drained. Closing the channel kills the process tree.
 */
final class SandboxCommand implements Command {
    private static final File DEV_NULL = new File("/dev/null");

    private final String command;
    private final Path folder;
    private final ExecutorService threads;
    private OutputStream out;
    private OutputStream err;
    private ExitCallback exit;
    private volatile Process process;
    private Future<?> waiter;

    SandboxCommand(String command, Path folder, ExecutorService threads) {
        this.command = command;
        this.folder = folder;
        this.threads = threads;
    }

    @Override
    public void setInputStream(InputStream in) {
        // commands get /dev/null as stdin, like a non-interactive job
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
        ProcessBuilder builder = new ProcessBuilder("sh", "-c", command).directory(folder.toFile())
                .redirectInput(DEV_NULL);
        builder.environment().putAll(env.getEnv());
        builder.environment().put("HOME", folder.toString());
        builder.environment().put("PWD", folder.toString());
        Process p = builder.start();
        process = p;
        Future<?> stdout = threads.submit(() -> copy(p.getInputStream(), out));
        Future<?> stderr = threads.submit(() -> copy(p.getErrorStream(), err));
        waiter = threads.submit(() -> {
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

    @Override
    public void destroy(ChannelSession channel) {
        Process p = process;
        if (p != null && p.isAlive()) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        if (waiter != null) {
            waiter.cancel(true);
        }
    }
}
