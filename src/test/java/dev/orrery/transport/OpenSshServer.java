package dev.orrery.transport;

import dev.orrery.model.Host;
import dev.orrery.model.SourceRef;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A real OpenSSH {@code sshd} for tests and benchmarks, started as {@code sshd -D -e -f <own config>} on a free
 * loopback port, with its own ed25519 host key (ssh-keygen), a generated client key as the only authorized
 * key, StrictModes and PAM off, internal-sftp, and an empty HOME for sessions. Everything lives in one folder; nothing global is touched
 * except creating {@code /run/sshd}, which sshd needs for privilege separation. {@link #close()} kills sshd
 * and its session processes.
 */
public final class OpenSshServer implements AutoCloseable {
    public static final Path SSHD = Path.of("/usr/sbin/sshd");
    public static final String NOT_INSTALLED = "OpenSSH sshd not installed: apt-get install openssh-server";

    private final Path dir;
    private final int port;
    private final Process process;

    private OpenSshServer(Path dir, int port, Process process) {
        this.dir = dir;
        this.port = port;
        this.process = process;
    }

    public static boolean installed() {
        return Files.isExecutable(SSHD) && Files.isExecutable(Path.of("/usr/bin/ssh-keygen"));
    }

    /** Starts sshd with everything under {@code dir}; waits (at most 15 s) until it greets. */
    public static OpenSshServer start(Path dir) throws IOException, InterruptedException {
        return start(dir, new String[0]);
    }

    /**
     * Starts sshd with {@code firstLines} at the top of its config: sshd takes the first value of a keyword, so
     * these override the defaults below (e.g. {@code LogLevel DEBUG1}).
     */
    public static OpenSshServer start(Path dir, String... firstLines) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path privsep = Path.of("/run/sshd");
        if (!Files.isDirectory(privsep)) {
            Files.createDirectories(privsep);
        }
        keygen(dir.resolve("host_ed25519"), "orrery-test-host");
        keygen(dir.resolve("client_ed25519"), "orrery-test-client");
        Files.copy(dir.resolve("client_ed25519.pub"), dir.resolve("authorized_keys"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        // Sessions get an empty HOME: the login shell (bash, even for `bash -c`) would otherwise source the
        // running user's ~/.bashrc, whose cost (on this machine ~550 ms of pyenv init) swamps every command.
        Path home = Files.createDirectories(dir.resolve("home"));
        int port = freePort();
        List<String> config = new java.util.ArrayList<>(List.of(firstLines));
        config.addAll(List.of(
                "Port " + port,
                "ListenAddress 127.0.0.1",
                "HostKey " + dir.resolve("host_ed25519"),
                "PidFile " + dir.resolve("sshd.pid"),
                "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                "StrictModes no",
                "UsePAM no",
                "PubkeyAuthentication yes",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PermitRootLogin prohibit-password",
                "MaxStartups 100",
                "MaxSessions 100",
                "LogLevel INFO",
                "Subsystem sftp internal-sftp",
                "SetEnv HOME=" + home,
                ""));
        Files.writeString(dir.resolve("sshd_config"), String.join("\n", config));
        Path log = dir.resolve("sshd.log");
        Process p = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", dir.resolve("sshd_config").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        OpenSshServer server = new OpenSshServer(dir, port, p);
        try {
            server.awaitGreeting(Duration.ofSeconds(15));
        } catch (IOException e) {
            server.close();
            throw e;
        }
        return server;
    }

    public int port() {
        return port;
    }

    public String user() {
        return System.getProperty("user.name");
    }

    public Path clientKey() {
        return dir.resolve("client_ed25519");
    }

    /** The server's public host key line ({@code ssh-ed25519 AAAA... comment}). */
    public String hostKeyLine() throws IOException {
        return Files.readString(dir.resolve("host_ed25519.pub")).trim();
    }

    /** A known_hosts file that trusts this server (written on first call). */
    public Path knownHostsFile() throws IOException {
        Path file = dir.resolve("known_hosts");
        if (!Files.exists(file)) {
            String[] parts = hostKeyLine().split(" ");
            Files.writeString(file, "[127.0.0.1]:" + port + " " + parts[0] + " " + parts[1] + "\n");
        }
        return file;
    }

    /** An inventory host pointing at this server, with its client key and known_hosts file. */
    public Host host(String name) throws IOException {
        return new Host(name, "127.0.0.1", port, user(), clientKey().toString(), knownHostsFile().toString(), Set.of(),
                false, false, SourceRef.NONE);
    }

    public String log() throws IOException {
        return Files.readString(dir.resolve("sshd.log"));
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Kills sshd and every session process, as a crashed or rebooted host would. */
    public void kill() {
        close();
    }

    private void awaitGreeting(Duration max) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("sshd exited with " + process.exitValue() + ": " + log());
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                socket.setSoTimeout(2000);
                InputStream in = socket.getInputStream();
                byte[] banner = in.readNBytes(4);
                if (new String(banner, StandardCharsets.US_ASCII).equals("SSH-")) {
                    return;
                }
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IOException("sshd did not answer on 127.0.0.1:" + port + " within " + max.toSeconds() + "s: " + log());
    }

    private static void keygen(Path file, String comment) throws IOException, InterruptedException {
        if (Files.exists(file)) {
            return;
        }
        Process p = new ProcessBuilder(List.of("/usr/bin/ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment,
                "-f", file.toString())).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("ssh-keygen failed for " + file + ": " + out);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
