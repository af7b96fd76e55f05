package dev.orrery.transport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything needed to reach one host over SSH, after the inventory and ~/.ssh/config were combined.
 *
 * @param name           inventory name, for messages
 * @param address        host name or IP actually connected to
 * @param identities     private key files to offer, in order
 * @param knownHosts     the known_hosts file the host key is checked against (and appended to)
 * @param hostKeyAlias   name the host key is recorded under instead of {@code [address]:port} (null: none);
 *                       sandbox hosts use it because their port changes on every start
 * @param connectTimeout ssh_config's {@code ConnectTimeout} (null: the settings' default)
 * @param keepAlive      ssh_config's {@code ServerAliveInterval} (null: the settings' default; zero: none)
 * @param proxyCommand   ssh_config's {@code ProxyCommand} with its tokens expanded (null: connect directly)
 * @param identityAgent  the ssh-agent socket to ask for keys (null: none)
 * @param identitiesOnly ssh_config's {@code IdentitiesOnly}: offer only the agent keys named as identities
 * @param certificates   ssh_config's {@code CertificateFile}s (besides each key's own {@code -cert.pub})
 */
record SshTarget(String name, String address, int port, String user, List<Path> identities, Path knownHosts,
                 String hostKeyAlias, Duration connectTimeout, Duration keepAlive, String proxyCommand,
                 Path identityAgent, boolean identitiesOnly, List<Path> certificates) {
    SshTarget {
        identities = List.copyOf(identities);
        certificates = List.copyOf(certificates);
    }

    /** A target that takes every timeout from the settings. */
    SshTarget(String name, String address, int port, String user, List<Path> identities, Path knownHosts,
              String hostKeyAlias) {
        this(name, address, port, user, identities, knownHosts, hostKeyAlias, null, null, null, null, false, List.of());
    }

    /** {@code 10.0.0.5:22} */
    String where() {
        return address + ":" + port;
    }

    /** {@code web-1 (10.0.0.5:22)} */
    String nameAndWhere() {
        return name + " (" + where() + ")";
    }

    /** The name looked up in known_hosts. */
    String keyLookupName() {
        return hostKeyAlias != null ? hostKeyAlias : address;
    }

    int keyLookupPort() {
        return hostKeyAlias != null ? 22 : port;
    }
}
