package dev.orrery.transport;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starting and stopping the shells of local and sandbox steps, as sshd does for SSH steps: each in its own
 * session and process group ({@code setsid}, when the runner's system has it), with a pipe from this JVM as
 * standard input. Closing that pipe stops the step (the step script's watchdog TERMs, then KILLs its process
 * group); it also closes by itself when this JVM dies, so steps never outlive the runner.
 */
final class StepProcess {
    /** How long to wait after closing a step's input for the watchdog to finish before killing what is left. */
    static final long STOP_WAIT_MS = Shell.STOP_GRACE.toMillis() + 1_000;
    private static final String SETSID = findSetsid();

    private StepProcess() {
    }

    /** {@code setsid program args...} (just {@code program args...} where there is no setsid). */
    static ProcessBuilder leading(String... command) {
        List<String> args = new ArrayList<>();
        if (SETSID != null) {
            args.add(SETSID);
        }
        args.addAll(List.of(command));
        return new ProcessBuilder(args);
    }

    /**
     * Stops a step: closes its input (the watchdog TERMs the group, then KILLs it after the grace period) and
     * waits for the shell to end; if it is still there after the grace period, kills its whole tree from here.
     */
    static void stop(Process process, OutputStream input) throws InterruptedException {
        closeQuietly(input);
        boolean ended = process.waitFor(STOP_WAIT_MS, TimeUnit.MILLISECONDS);
        if (!ended) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    static void closeQuietly(OutputStream input) {
        try {
            input.close();
        } catch (IOException e) {
            // the shell already ended: its input is gone with it
        }
    }

    private static String findSetsid() {
        String path = System.getenv("PATH");
        List<String> folders = new ArrayList<>(List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin"));
        if (path != null) {
            folders.addAll(0, List.of(path.split(File.pathSeparator)));
        }
        for (String folder : folders) {
            if (folder.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(folder, "setsid");
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return null;
    }
}
