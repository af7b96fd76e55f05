package dev.orrery.transport;

import dev.orrery.model.Host;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@link Transports} of one workspace: SSH hosts share the process's one SSH client and get one session
 * each (opened on first use, reused by every task, reopened if it dropped between tasks); sandbox hosts get
 * an embedded SSH server each, started on demand and stopped by {@link #close()}; local hosts run processes.
 * Thread-safe: any number of runner threads may ask for transports and run steps at once.
 */
public final class TransportPool implements Transports {
    private final Path workspaceRoot;
    private final HostKeyPolicy hostKeyPolicy;
    private final TransportSettings settings;
    private final IdentityKeys identityKeys;
    private final SshTargets sshTargets;
    private final SandboxHosts sandboxes;
    private final Map<Host, Transport> transports = new LinkedHashMap<>();
    private boolean closed;

    private TransportPool(Path workspaceRoot, HostKeyPolicy hostKeyPolicy, PassphraseProvider passphrases,
                          TransportSettings settings) {
        this.workspaceRoot = workspaceRoot.toAbsolutePath().normalize();
        this.hostKeyPolicy = Objects.requireNonNull(hostKeyPolicy, "hostKeyPolicy");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.identityKeys = new IdentityKeys(Objects.requireNonNull(passphrases, "passphrases"));
        this.sshTargets = new SshTargets(this.workspaceRoot, settings);
        this.sandboxes = new SandboxHosts(this.workspaceRoot);
    }

    /** A pool reading the real {@code ~/.ssh} with default timeouts. */
    public static TransportPool create(Path workspaceRoot, HostKeyPolicy hostKeyPolicy, PassphraseProvider passphrases) {
        return create(workspaceRoot, hostKeyPolicy, passphrases, TransportSettings.defaults());
    }

    /** A pool with explicit settings (another home folder for ~/.ssh, other timeouts). */
    public static TransportPool create(Path workspaceRoot, HostKeyPolicy hostKeyPolicy, PassphraseProvider passphrases,
                                       TransportSettings settings) {
        return new TransportPool(workspaceRoot, hostKeyPolicy, passphrases, settings);
    }

    @Override
    public synchronized Transport forHost(Host host) {
        if (closed) {
            throw new IllegalStateException("transport pool is closed");
        }
        return transports.computeIfAbsent(host, this::newTransport);
    }

    private Transport newTransport(Host host) {
        if (host.local()) {
            return new LocalTransport(host.name(), settings.userHome());
        }
        if (host.sandbox()) {
            return new SshHostTransport(host.name(), "sandbox", () -> sandboxTarget(host), hostKeyPolicy, identityKeys,
                    settings, () -> sandboxes.folderOf(host.name()));
        }
        return new SshHostTransport(host.name(), "ssh", () -> sshTargets.resolve(host), hostKeyPolicy, identityKeys,
                settings, null);
    }

    private SshTarget sandboxTarget(Host host) throws TransportException {
        SandboxHosts.Endpoint endpoint = sandboxes.start(host.name());
        return new SshTarget(host.name(), "127.0.0.1", endpoint.port(), settings.localUser(),
                List.of(endpoint.clientKey()), endpoint.knownHosts(), endpoint.hostKeyAlias());
    }

    /** The sandbox servers of this pool (to find a sandbox host's folder, or stop one in a test). */
    public SandboxHosts sandboxes() {
        return sandboxes;
    }

    public Path workspaceRoot() {
        return workspaceRoot;
    }

    /**
     * How many SSH logins the host's transport has made so far: 1 after any number of steps when the session
     * was reused, more after reconnects; 0 for local hosts or before the first step.
     */
    public synchronized int connectCount(Host host) {
        Transport t = transports.get(host);
        return t instanceof SshHostTransport ssh ? ssh.connectCount() : 0;
    }

    /** SSH session of a host's transport, for {@link RawExecLoop}. */
    synchronized SshHostTransport sshTransport(Host host) {
        Transport t = forHost(host);
        if (!(t instanceof SshHostTransport ssh)) {
            throw new IllegalArgumentException(host.name() + " is a local host; it has no SSH session");
        }
        return ssh;
    }

    @Override
    public void close() {
        List<Transport> all;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            all = new ArrayList<>(transports.values());
            transports.clear();
        }
        for (Transport t : all) {
            if (t instanceof SshHostTransport ssh) {
                ssh.disconnect();
            }
        }
        sandboxes.close();
    }
}
