package dev.orrery.model;

import java.util.Optional;
import java.util.Set;

/**
 * A machine tasks run on, as the inventory describes it.
 *
 * @param name          the inventory name, used in task ids ({@code api.run@web-1})
 * @param address       host name or IP to connect to (may be resolved further through ~/.ssh/config)
 * @param port          SSH port; 0 means "default" (22, or what ~/.ssh/config says)
 * @param user          login user; null means "default" (~/.ssh/config or the local user)
 * @param identityFile  private key file named in the inventory; null means ~/.ssh/config or ~/.ssh/id_*
 * @param knownHostsFile known_hosts file named in the inventory; null means ~/.ssh/known_hosts
 * @param tags          tags such as the environment ({@code staging}, {@code prod})
 * @param sandbox       true: an embedded SSH server on loopback is started for this host
 * @param local         true: tasks run as local processes on this machine, without SSH
 * @param jump          jump hosts to go through, as OpenSSH's ProxyJump: {@code bastion} (an inventory host or
 *                      an ssh_config alias), {@code user@host:port}, or several separated by commas, first hop
 *                      first; null means "as ~/.ssh/config says" (its ProxyJump, else direct)
 */
public record Host(String name, String address, int port, String user, String identityFile,
                   String knownHostsFile, Set<String> tags, boolean sandbox, boolean local, SourceRef source,
                   String jump) {
    public Host {
        tags = Set.copyOf(tags);
    }

    /** A host reached directly, or as ~/.ssh/config says. */
    public Host(String name, String address, int port, String user, String identityFile, String knownHostsFile,
                Set<String> tags, boolean sandbox, boolean local, SourceRef source) {
        this(name, address, port, user, identityFile, knownHostsFile, tags, sandbox, local, source, null);
    }

    public Optional<String> userIfSet() {
        return Optional.ofNullable(user);
    }
}
