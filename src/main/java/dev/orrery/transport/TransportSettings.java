package dev.orrery.transport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where SSH configuration lives and how long to wait. {@link #defaults()} reads the real home folder;
 * tests pass a temporary one so the real {@code ~/.ssh} is never touched.
 *
 * @param userHome       the folder holding {@code .ssh/} (config, known_hosts, id_* keys)
 * @param localUser      login used when neither the inventory nor ~/.ssh/config names one
 * @param connectTimeout wait for the TCP connection and key exchange, and for a channel to open
 * @param authTimeout    wait for authentication
 * @param keepAlive      interval of SSH keep-alive requests on idle sessions (zero: none)
 * @param agentSocket    the ssh-agent's socket ({@code SSH_AUTH_SOCK}; null: no agent)
 */
public record TransportSettings(Path userHome, String localUser, Duration connectTimeout, Duration authTimeout,
                                Duration keepAlive, Path agentSocket) {
    public TransportSettings {
        Objects.requireNonNull(userHome, "userHome");
        Objects.requireNonNull(localUser, "localUser");
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(authTimeout, "authTimeout");
        Objects.requireNonNull(keepAlive, "keepAlive");
    }

    /** The real home folder, user and agent ({@code SSH_AUTH_SOCK}), 10 s to connect, 15 s to log in, keep-alive 15 s. */
    public static TransportSettings defaults() {
        String agent = System.getenv("SSH_AUTH_SOCK");
        return new TransportSettings(Path.of(System.getProperty("user.home")), System.getProperty("user.name"),
                Duration.ofSeconds(10), Duration.ofSeconds(15), Duration.ofSeconds(15),
                agent == null || agent.isBlank() ? null : Path.of(agent));
    }

    /** Another home folder for ~/.ssh; no agent, so that the caller's own keys never leak into the result. */
    public TransportSettings withUserHome(Path home) {
        return new TransportSettings(home, localUser, connectTimeout, authTimeout, keepAlive, null);
    }

    public TransportSettings withTimeouts(Duration connect, Duration auth) {
        return new TransportSettings(userHome, localUser, connect, auth, keepAlive, agentSocket);
    }

    public TransportSettings withAgent(Path socket) {
        return new TransportSettings(userHome, localUser, connectTimeout, authTimeout, keepAlive, socket);
    }

    public Path sshFolder() {
        return userHome.resolve(".ssh");
    }

    public Path sshConfig() {
        return sshFolder().resolve("config");
    }

    public Path knownHosts() {
        return sshFolder().resolve("known_hosts");
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration");
        }
    }
}
