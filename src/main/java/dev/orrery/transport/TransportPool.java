package dev.orrery.transport;

import dev.orrery.model.Host;
import dev.orrery.model.SourceRef;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

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
    private final Map<String, Host> inventory = new LinkedHashMap<>();
    /** Jump hosts by the chain that reaches them ({@code a}, {@code a,b}): one session each, shared. */
    private final Map<String, SshHostTransport> jumpHosts = new LinkedHashMap<>();
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

    /**
     * Makes the inventory's hosts known as jump hosts: {@code jump: bastion} then reaches {@code bastion} with its
     * inventory settings (address, user, key, known-hosts and its own jump).
     */
    public synchronized TransportPool withInventory(Collection<Host> hosts) {
        hosts.forEach(h -> inventory.put(h.name(), h));
        return this;
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
        return new SshHostTransport(host.name(), "ssh", () -> sshTargets.resolve(host), () -> jumpFor(host, 0),
                hostKeyPolicy, identityKeys, settings, null);
    }

    private static final int MAX_JUMP_DEPTH = 8;

    /** The last hop of the host's jump chain (null: direct). Each hop's own jump applies, as with ssh -J. */
    private synchronized SshHostTransport jumpFor(Host host, int depth) throws TransportException {
        String chain = sshTargets.jumpOf(host);
        if (chain == null) {
            return null;
        }
        if (depth >= MAX_JUMP_DEPTH) {
            throw new TransportException("jump hosts of " + host.name() + " nest more than " + MAX_JUMP_DEPTH
                    + " deep; is there a loop in jump / ProxyJump?");
        }
        SshHostTransport previous = null;
        String key = "";
        for (String hop : chain.split(",")) {
            key = key.isEmpty() ? hop : key + "," + hop;
            SshHostTransport existing = jumpHosts.get(key);
            if (existing == null) {
                Host hopHost = hopHost(hop);
                SshHostTransport via = previous != null ? previous : jumpFor(hopHost, depth + 1);
                existing = new SshHostTransport(hopHost.name(), "jump", () -> sshTargets.resolve(hopHost),
                        () -> via, hostKeyPolicy, identityKeys, settings, null);
                jumpHosts.put(key, existing);
            }
            previous = existing;
        }
        return previous;
    }

    /** {@code bastion} (an inventory host, else an ssh_config alias) or {@code user@host:port}. */
    private Host hopHost(String hop) throws TransportException {
        Host known = inventory.get(hop);
        if (known != null) {
            return known;
        }
        String user = null;
        String rest = hop;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            user = rest.substring(0, at);
            rest = rest.substring(at + 1);
        }
        int port = 0;
        int colon = rest.lastIndexOf(':');
        if (colon > 0 && !rest.endsWith("]")) {
            try {
                port = Integer.parseInt(rest.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new TransportException("jump host '" + hop + "' has no valid port after ':'", e);
            }
            rest = rest.substring(0, colon);
        }
        String address = rest.startsWith("[") && rest.endsWith("]") ? rest.substring(1, rest.length() - 1) : rest;
        return new Host(hop, address, port, user, null, null, Set.of(), false, false, SourceRef.NONE);
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

    /** SSH session of a host's transport, for the benchmark's raw exec loop (test sources). */
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
        List<SshHostTransport> hops;
        synchronized (this) {
            hops = new ArrayList<>(jumpHosts.values());
            jumpHosts.clear();
        }
        hops.forEach(SshHostTransport::disconnect);
        sandboxes.close();
    }
}
