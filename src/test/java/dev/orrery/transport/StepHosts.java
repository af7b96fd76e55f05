package dev.orrery.transport;

import dev.orrery.model.Host;
import dev.orrery.model.SourceRef;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The kinds of host a step can run on, for tests that must hold on all of them: a sandbox host, a local host,
 * a real OpenSSH sshd logged in as the user running the tests (root in CI), and the same sshd logged in as an
 * unprivileged user (created with useradd; only possible when the tests run as root).
 */
enum StepHosts {
    SANDBOX, LOCAL, OPENSSH, OPENSSH_UNPRIVILEGED;

    static final String UNPRIVILEGED_USER = "orrery-step";

    /** The inventory host of this kind; {@code sshd} is null for sandbox and local hosts. */
    Host host(OpenSshServer sshd) throws IOException {
        return switch (this) {
            case SANDBOX -> Hosts.sandbox("box");
            case LOCAL -> Hosts.local("here");
            case OPENSSH -> sshd.host("real");
            case OPENSSH_UNPRIVILEGED -> new Host("real-user", "127.0.0.1", sshd.port(), UNPRIVILEGED_USER,
                    sshd.clientKey().toString(), sshd.knownHostsFile().toString(), Set.of(), false, false,
                    SourceRef.NONE);
        };
    }

    boolean openSsh() {
        return this == OPENSSH || this == OPENSSH_UNPRIVILEGED;
    }

    /** Why the unprivileged user cannot exist here, or null when it does (created on first call). */
    static synchronized String unprivilegedUserMissing() throws IOException, InterruptedException {
        if (!"root".equals(System.getProperty("user.name"))) {
            return "an unprivileged SSH login needs a user created with useradd, which needs root";
        }
        if (run(List.of("id", "-u", UNPRIVILEGED_USER)) == 0) {
            return null;
        }
        // '*' rather than useradd's locked '!': sshd without PAM refuses accounts whose password is locked
        int created = run(List.of("useradd", "-m", "-s", "/bin/sh", "-p", "*", UNPRIVILEGED_USER));
        return created == 0 ? null : "useradd " + UNPRIVILEGED_USER + " failed (exit " + created + ")";
    }

    /** A folder any user may write to, for steps of the unprivileged login. */
    static Path shared(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        return dir;
    }

    /** {@code ps -eo args} of the whole machine. */
    static String processList() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("ps", "-eo", "args").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(10, TimeUnit.SECONDS);
        return out;
    }

    private static int run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
    }
}
