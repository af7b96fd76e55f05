package dev.orrery.transport;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Runs steps as local processes for inventory hosts marked {@code local: true}: the step script of
 * {@link Shell#stepScript} on the standard input of {@code sh -s}, started through {@link StepProcess} in its own
 * process group. The login folder is the user's home; uploads are file copies. Thread-safe: each call owns its
 * process.
 */
final class LocalTransport implements Transport {
    private final String hostName;
    private final Path home;

    LocalTransport(String hostName, Path home) {
        this.hostName = hostName;
        this.home = home;
    }

    @Override
    public int exec(String command, Map<String, String> env, String workdir, OutputSink sink, Duration timeout)
            throws TransportException, InterruptedException {
        String script;
        try {
            script = Shell.stepScript(command, env, workdir);
        } catch (IllegalArgumentException e) {
            throw new TransportException(e.getMessage(), e);
        }
        // the step script on stdin, as over SSH: same workdir guard, same watchdog, nothing in ps
        ProcessBuilder builder = StepProcess.leading("sh", "-s").directory(home.toFile());
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new TransportException("could not start sh on " + hostName + ": " + e.getMessage(), e);
        }
        OutputStream input = process.getOutputStream();
        Thread out = pump(process.getInputStream(), sink, false);
        Thread err = pump(process.getErrorStream(), sink, true);
        try {
            input.write(script.getBytes(StandardCharsets.UTF_8));
            input.flush();
        } catch (IOException e) {
            // the shell ended before reading its script; its exit code and stderr say why
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                StepProcess.stop(process, input);
                throw new TransportException("timed out after " + Durations.human(timeout));
            }
            StepProcess.closeQuietly(input);
            out.join(Duration.ofSeconds(5).toMillis());
            err.join(Duration.ofSeconds(5).toMillis());
            return process.exitValue();
        } catch (InterruptedException e) {
            StepProcess.stop(process, input);
            throw e;
        }
    }

    private Thread pump(InputStream stream, OutputSink sink, boolean stderr) {
        Thread t = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    sink.line(stderr, line);
                }
            } catch (IOException e) {
                // the process was killed; its remaining output is lost
            }
        }, "local-" + hostName + (stderr ? "-err" : "-out"));
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Override
    public void upload(Path localSource, String remoteDestination, String workdir, String owner, String mode,
                       Duration timeout) throws TransportException, InterruptedException {
        Upload.checkOwner(owner);
        Upload plan = Upload.plan(localSource, remoteDestination, workdir);
        plan.copy(new LocalDestination(), mode, timeout);
        if (owner != null && !owner.isBlank()) {
            String paths = plan.roots().stream().map(p -> Shell.quote(resolve(p).toString()))
                    .collect(Collectors.joining(" "));
            List<String> errors = new ArrayList<>();
            int exit = exec("chown -R " + Shell.quote(owner) + " " + paths, Map.of(), null,
                    (stderr, line) -> errors.add(line), timeout);
            if (exit != 0) {
                throw new TransportException("chown " + owner + " failed on " + hostName + " (exit " + exit + "): "
                        + String.join(" / ", errors));
            }
        }
    }

    private Path resolve(String path) {
        if (path == null || path.isBlank()) {
            return home;
        }
        return home.resolve(path).normalize();
    }

    @Override
    public String describe() {
        return "local";
    }

    private final class LocalDestination implements Upload.Destination {
        @Override
        public boolean isDirectory(String remote) {
            return Files.isDirectory(resolve(remote));
        }

        @Override
        public void mkdir(String remote) throws IOException {
            Files.createDirectory(resolve(remote));
        }

        @Override
        public void put(Path local, String remote) throws IOException {
            Files.copy(local, resolve(remote), StandardCopyOption.REPLACE_EXISTING);
        }

        @Override
        public void chmod(String remote, int mode) throws IOException {
            Files.setPosixFilePermissions(resolve(remote), permissions(mode));
        }
    }

    static Set<PosixFilePermission> permissions(int mode) {
        PosixFilePermission[] order = {
                PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
                PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
                PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                perms.add(order[bit]);
            }
        }
        return perms;
    }
}
