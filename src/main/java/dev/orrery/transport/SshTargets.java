package dev.orrery.transport;

import dev.orrery.model.Host;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Combines an inventory {@link Host} with {@code ~/.ssh/config} (read as OpenSSH reads it, {@link SshConfig}) into
 * an {@link SshTarget}. The inventory wins where both say something, as options on {@code ssh}'s command line do;
 * keys named nowhere fall back to the default {@code ~/.ssh/id_ed25519}, {@code id_ecdsa}, {@code id_rsa}.
 */
final class SshTargets {
    static final List<String> DEFAULT_KEYS = List.of("id_ed25519", "id_ecdsa", "id_rsa");
    private static final Pattern TIME_PART = Pattern.compile("(\\d+)([smhdw]?)");

    private final Path workspaceRoot;
    private final TransportSettings settings;

    SshTargets(Path workspaceRoot, TransportSettings settings) {
        this.workspaceRoot = workspaceRoot;
        this.settings = settings;
    }

    SshTarget resolve(Host host) throws TransportException {
        String alias = host.address() != null && !host.address().isBlank() ? host.address() : host.name();
        SshConfig.Options config = new SshConfig(settings.sshConfig(), settings.userHome(), settings.localUser())
                .resolve(alias);
        String address = config.hostName();
        int port = host.port() > 0 ? host.port() : configPort(config);
        String user = host.user() != null ? host.user()
                : config.first("user") != null ? config.first("user") : settings.localUser();
        List<Path> identities = identities(host, config.all("identityfile"), address, port, user);
        String configKnownHosts = config.first("userknownhostsfile");
        Path knownHosts = host.knownHostsFile() != null ? workspacePath(host.knownHostsFile())
                : configKnownHosts != null ? expand(firstWord(configKnownHosts), address, port, user)
                : settings.knownHosts();
        String keyAlias = config.first("hostkeyalias");
        return new SshTarget(host.name(), address, port, user, identities, knownHosts,
                notBlank(keyAlias) ? keyAlias : null,
                seconds(config.first("connecttimeout"), "ConnectTimeout"),
                seconds(config.first("serveraliveinterval"), "ServerAliveInterval"),
                host.jump() != null ? null : proxyCommand(config.first("proxycommand"), address, port, user),
                agent(config.first("identityagent"), address, port, user),
                "yes".equalsIgnoreCase(config.first("identitiesonly")),
                config.all("certificatefile").stream().map(file -> expand(file, address, port, user)).toList());
    }

    /** The ProxyJump that applies to the host: the inventory's {@code jump}, else ssh_config's; null: direct. */
    String jumpOf(Host host) throws TransportException {
        String spec = host.jump();
        if (spec == null) {
            String alias = host.address() != null && !host.address().isBlank() ? host.address() : host.name();
            spec = new SshConfig(settings.sshConfig(), settings.userHome(), settings.localUser()).resolve(alias)
                    .first("proxyjump");
        }
        return spec == null || spec.isBlank() || spec.equalsIgnoreCase("none") ? null : spec.replace(" ", "");
    }

    /** ssh_config's {@code IdentityAgent}: {@code none}, {@code SSH_AUTH_SOCK}, a path; unset: the environment's. */
    private Path agent(String configured, String address, int port, String user) {
        if (configured == null || configured.equals("SSH_AUTH_SOCK")) {
            return settings.agentSocket();
        }
        if (configured.equalsIgnoreCase("none")) {
            return null;
        }
        if (configured.startsWith("$")) {
            String value = System.getenv(configured.substring(1));
            return value == null || value.isBlank() ? null : Path.of(value);
        }
        return expand(configured, address, port, user);
    }

    /** {@code ProxyCommand} with {@code %h %p %r %n %%} expanded; {@code none} means none. */
    private static String proxyCommand(String command, String address, int port, String user) {
        if (command == null || command.isBlank() || command.equalsIgnoreCase("none")) {
            return null;
        }
        return command.replace("%%", "\u0000").replace("%h", address).replace("%p", Integer.toString(port))
                .replace("%r", user).replace("\u0000", "%");
    }

    private int configPort(SshConfig.Options config) throws TransportException {
        String port = config.first("port");
        if (port == null) {
            return 22;
        }
        try {
            int value = Integer.parseInt(port.trim());
            if (value > 0 && value < 65536) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new TransportException(settings.sshConfig() + ": Port " + port + " is not a port number");
    }

    /** ssh_config times: {@code 30}, {@code 30s}, {@code 1m30s}, {@code 1h}; {@code none} is no value. */
    static Duration seconds(String value, String keyword) throws TransportException {
        if (value == null || value.equalsIgnoreCase("none")) {
            return null;
        }
        Matcher part = TIME_PART.matcher(value.trim().toLowerCase(Locale.ROOT));
        long total = 0;
        int end = 0;
        while (part.find() && part.start() == end) {
            long n = Long.parseLong(part.group(1));
            String unit = part.group(2);
            total += switch (unit) {
                case "", "s" -> n;
                case "m" -> n * 60;
                case "h" -> n * 3600;
                case "d" -> n * 86_400;
                default -> n * 604_800;
            };
            end = part.end();
        }
        if (end == 0 || end != value.trim().length()) {
            throw new TransportException("~/.ssh/config: " + keyword + " " + value + " is not a time (e.g. 30, 30s, 1m)");
        }
        return Duration.ofSeconds(total);
    }

    private List<Path> identities(Host host, List<String> configured, String address, int port, String user) {
        List<Path> keys = new ArrayList<>();
        if (host.identityFile() != null && !host.identityFile().isBlank()) {
            keys.add(workspacePath(host.identityFile()));
            return keys;
        }
        for (String file : configured) {
            Path path = expand(file, address, port, user);
            if (!keys.contains(path)) {
                keys.add(path);
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
