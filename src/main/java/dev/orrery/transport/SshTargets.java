package dev.orrery.transport;

import dev.orrery.model.Host;
import org.apache.sshd.client.config.hosts.ConfigFileHostEntryResolver;
import org.apache.sshd.client.config.hosts.HostConfigEntry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Combines an inventory {@link Host} with {@code ~/.ssh/config} (Host, HostName, Port, User, IdentityFile,
 * UserKnownHostsFile) into an {@link SshTarget}. The inventory wins where both say something; keys named
 * nowhere fall back to the default {@code ~/.ssh/id_ed25519}, {@code id_ecdsa}, {@code id_rsa}, as OpenSSH does.
 */
final class SshTargets {
    static final List<String> DEFAULT_KEYS = List.of("id_ed25519", "id_ecdsa", "id_rsa");

    private final Path workspaceRoot;
    private final TransportSettings settings;

    SshTargets(Path workspaceRoot, TransportSettings settings) {
        this.workspaceRoot = workspaceRoot;
        this.settings = settings;
    }

    SshTarget resolve(Host host) throws TransportException {
        String alias = host.address() != null && !host.address().isBlank() ? host.address() : host.name();
        HostConfigEntry entry = configEntry(alias, host);
        List<HostConfigEntry> rawEntries = rawEntries(alias);
        String address = entry != null && notBlank(entry.getHostName()) ? entry.getHostName() : alias;
        int port = host.port() > 0 ? host.port() : entry != null && entry.getPort() > 0 ? entry.getPort() : 22;
        String user = host.user() != null ? host.user()
                : entry != null && notBlank(entry.getUsername()) ? entry.getUsername() : settings.localUser();
        List<Path> identities = identities(host, rawEntries, address, port, user);
        String configKnownHosts = rawProperty(rawEntries, "UserKnownHostsFile");
        Path knownHosts = host.knownHostsFile() != null ? workspacePath(host.knownHostsFile())
                : configKnownHosts != null ? expand(firstWord(configKnownHosts), address, port, user)
                : settings.knownHosts();
        String keyAlias = entry != null ? entry.getProperty("HostKeyAlias") : null;
        return new SshTarget(host.name(), address, port, user, identities, knownHosts,
                notBlank(keyAlias) ? keyAlias : null);
    }

    private HostConfigEntry configEntry(String alias, Host host) throws TransportException {
        Path config = settings.sshConfig();
        if (!Files.isRegularFile(config)) {
            return null;
        }
        try {
            return new ConfigFileHostEntryResolver(config)
                    .resolveEffectiveHost(alias, host.port(), null, host.user(), null, null);
        } catch (IOException | RuntimeException e) {
            throw new TransportException("cannot read " + config + " for host " + host.name() + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * The matching Host blocks as written: MINA's effective entry expands {@code ~} with the JVM's home folder,
     * so paths are taken from here and expanded against the (injectable) home instead.
     */
    private List<HostConfigEntry> rawEntries(String alias) throws TransportException {
        Path config = settings.sshConfig();
        if (!Files.isRegularFile(config)) {
            return List.of();
        }
        try {
            return HostConfigEntry.findMatchingEntries(alias, HostConfigEntry.readHostConfigEntries(config));
        } catch (IOException | RuntimeException e) {
            throw new TransportException("cannot read " + config + ": " + e.getMessage(), e);
        }
    }

    private static String rawProperty(List<HostConfigEntry> entries, String name) {
        for (HostConfigEntry e : entries) {
            String value = e.getProperty(name);
            if (notBlank(value)) {
                return value; // first obtained value wins, as in OpenSSH
            }
        }
        return null;
    }

    private List<Path> identities(Host host, List<HostConfigEntry> entries, String address, int port, String user) {
        List<Path> keys = new ArrayList<>();
        if (host.identityFile() != null && !host.identityFile().isBlank()) {
            keys.add(workspacePath(host.identityFile()));
            return keys;
        }
        for (HostConfigEntry entry : entries) {
            Collection<String> named = entry.getIdentities() == null ? List.of() : entry.getIdentities();
            for (String file : named) {
                Path path = expand(file, address, port, user);
                if (!keys.contains(path)) {
                    keys.add(path);
                }
            }
        }
        if (keys.isEmpty()) {
            for (String name : DEFAULT_KEYS) {
                Path candidate = settings.sshFolder().resolve(name);
                if (Files.isRegularFile(candidate)) {
                    keys.add(candidate);
                }
            }
        }
        return keys;
    }

    /** Inventory paths: {@code ~} is the (injectable) home folder, relative paths start at the workspace. */
    private Path workspacePath(String file) {
        if (file.equals("~") || file.startsWith("~/")) {
            return settings.userHome().resolve(file.substring(Math.min(2, file.length()))).normalize();
        }
        return workspaceRoot.resolve(file).normalize();
    }

    /** ssh_config paths: {@code ~}, {@code %d} home, {@code %u} local user, {@code %h} host, {@code %p}, {@code %r}. */
    private Path expand(String file, String address, int port, String user) {
        String home = settings.userHome().toString();
        String value = file;
        if (value.equals("~") || value.startsWith("~/")) {
            value = home + value.substring(1);
        }
        value = value.replace("%d", home).replace("%u", settings.localUser()).replace("%h", address)
                .replace("%p", Integer.toString(port)).replace("%r", user).replace("%%", "%");
        Path path = Path.of(value);
        return path.isAbsolute() ? path : settings.sshFolder().resolve(path).normalize();
    }

    private static String firstWord(String value) {
        String trimmed = value.trim();
        int space = trimmed.indexOf(' ');
        return space < 0 ? trimmed : trimmed.substring(0, space);
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
