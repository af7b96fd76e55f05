package dev.orrery.transport;

import dev.orrery.model.Host;

/**
 * Hands out one {@link Transport} per host and owns what they share: one SSH client per process, one
 * session per host, sandbox servers started on demand. Close it to disconnect everything and stop
 * sandbox servers. Create with {@code TransportPool.create(workspaceRoot, hostKeyPolicy, passphrases)}.
 */
public interface Transports extends AutoCloseable {
    /** The transport for a host; connecting happens lazily on first use, so this does not block. */
    Transport forHost(Host host);

    @Override
    void close();
}
