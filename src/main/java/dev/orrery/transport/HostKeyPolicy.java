package dev.orrery.transport;

/**
 * Decides about a host key that is not in known_hosts. A changed key never reaches this: it is always
 * refused. Implementations: refuse (the default), accept-new (CLI {@code --accept-new-host-keys}),
 * and the GUI's prompt.
 */
@FunctionalInterface
public interface HostKeyPolicy {
    enum Decision { ACCEPT_ONCE, ACCEPT_AND_REMEMBER, REFUSE }

    /**
     * @param fingerprint SHA256 fingerprint as OpenSSH prints it ({@code SHA256:...})
     */
    Decision unknownHost(String hostName, String address, int port, String keyType, String fingerprint);

    static HostKeyPolicy refuse() {
        return (h, a, p, t, f) -> Decision.REFUSE;
    }

    static HostKeyPolicy acceptNew() {
        return (h, a, p, t, f) -> Decision.ACCEPT_AND_REMEMBER;
    }
}
