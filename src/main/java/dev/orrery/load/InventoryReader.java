package dev.orrery.load;

import dev.orrery.model.Host;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads an inventory file: {@code hosts:} mapping host names to how to reach them, and optionally
 * {@code environments: [staging, prod]}, the tags that are environments (what the GUI's chooser offers).
 * <pre>
 * hosts:
 *   web-1:
 *     address: 10.0.0.5      # default: the host name (resolved through ~/.ssh/config)
 *     port: 2222             # default: 22 or ~/.ssh/config
 *     user: deploy
 *     key: ~/.ssh/deploy_ed25519
 *     known-hosts: ~/.ssh/known_hosts
 *     tags: [prod, web]
 *   box-1:
 *     sandbox: true          # embedded SSH server on 127.0.0.1
 * </pre>
 */
final class InventoryReader {
    private static final Pattern JUMP_HOP =
            Pattern.compile("([A-Za-z0-9._-]+@)?([A-Za-z0-9._-]+|\\[[0-9A-Fa-f:.]+])(:[0-9]{1,5})?");
    static final List<String> TOP_KEYS = List.of("hosts", "environments");

    /** What one inventory file declares: its hosts and, optionally, which tags are environments. */
    record Inventory(List<Host> hosts, List<Located> environments) {
    }

    static final List<String> HOST_KEYS = List.of("address", "port", "user", "key", "known-hosts", "tags",
            "sandbox", "local", "jump");

    private InventoryReader() {
    }

    static Inventory read(Diagnostics diagnostics, Path file, YamlNode.Mapping root) {
        Fields top = new Fields(diagnostics, file, root, "this inventory file", TOP_KEYS);
        List<Located> environments = top.list("environments");
        return new Inventory(hosts(diagnostics, file, top), environments);
    }

    private static List<Host> hosts(Diagnostics diagnostics, Path file, Fields top) {
        List<Host> hosts = new ArrayList<>();
        if (top.node("hosts").orElse(null) instanceof YamlNode.Scalar s && s.isNull()) {
            return hosts;
        }
        top.mapping("hosts").ifPresent(mapping -> {
            Set<String> seen = new LinkedHashSet<>();
            for (YamlNode.Entry entry : mapping.entries()) {
                if (!seen.add(entry.key())) {
                    // Duplicates across files are reported by the assembler; within a file, here.
                    diagnostics.add(file, entry.keyMark(), "host '" + entry.key()
                            + "' is defined twice in this file; rename or remove one");
                    continue;
                }
                readHost(diagnostics, file, entry).ifPresent(hosts::add);
            }
        });
        return hosts;
    }

    private static java.util.Optional<Host> readHost(Diagnostics diagnostics, Path file, YamlNode.Entry entry) {
        String name = entry.key();
        var at = Fields.ref(file, entry.keyMark());
        if (!Names.isValid(name)) {
            diagnostics.add(at, "host name '" + name + "' " + Names.RULE);
        }
        if (entry.value() instanceof YamlNode.Scalar s && s.isNull()) {
            return java.util.Optional.of(new Host(name, name, 0, null, null, null, Set.of(), false, false, at));
        }
        if (!(entry.value() instanceof YamlNode.Mapping mapping)) {
            diagnostics.add(Fields.ref(file, entry.value().mark()), "host '" + name + "' must be a mapping of its"
                    + " settings (address, port, user, key, known-hosts, tags, sandbox, local, jump), not "
                    + entry.value().describe());
            return java.util.Optional.empty();
        }
        Fields fields = new Fields(diagnostics, file, mapping, "host '" + name + "'", HOST_KEYS);
        boolean sandbox = fields.bool("sandbox");
        boolean local = fields.bool("local");
        if (sandbox && local) {
            diagnostics.add(fields.keyAt("local"), "host '" + name + "' cannot be both sandbox and local; keep one");
        }
        String defaultAddress = sandbox || local ? "127.0.0.1" : name;
        fields.text("address").filter(a -> !a.value().matches("[^\\s@/]+")).ifPresent(a -> diagnostics.add(a.at(),
                "address '" + a.value() + "' of host '" + name + "' must be one host name or IP address, without"
                        + " spaces, '@' or '/' (the user goes under 'user:')"));
        fields.text("user").filter(u -> !u.value().matches("[^\\s@:/]+")).ifPresent(u -> diagnostics.add(u.at(),
                "user '" + u.value() + "' of host '" + name + "' must be one login name, without spaces, '@', ':'"
                        + " or '/'"));
        String address = fields.text("address").map(Located::value).orElse(defaultAddress);
        int port = fields.integer("port", 1, 65535).orElse(0);
        String user = fields.text("user").map(Located::value).orElse(null);
        String key = fields.text("key").map(Located::value).orElse(null);
        String knownHosts = fields.text("known-hosts").map(Located::value).orElse(null);
        Set<String> tags = new LinkedHashSet<>();
        for (Located tag : fields.list("tags")) {
            if (!Names.isValid(tag.value())) {
                diagnostics.add(tag.at(), "tag '" + tag.value() + "' " + Names.RULE);
            }
            tags.add(tag.value());
        }
        String jump = fields.text("jump").map(hops -> checkedJump(diagnostics, hops, name, sandbox || local))
                .orElse(null);
        return java.util.Optional.of(new Host(name, address, port, user, key, knownHosts, tags, sandbox, local, at,
                jump));
    }

    /** {@code bastion}, {@code user@host:port}, or a comma-separated chain of them, as OpenSSH's ProxyJump. */
    private static String checkedJump(Diagnostics diagnostics, Located hops, String host, boolean notSsh) {
        if (notSsh) {
            diagnostics.add(hops.at(), "host '" + host + "' is a sandbox or local host; only SSH hosts go through a"
                    + " jump host");
            return null;
        }
        if (hops.value().equalsIgnoreCase("none")) {
            return "none";
        }
        for (String hop : hops.value().split(",", -1)) {
            if (!JUMP_HOP.matcher(hop.trim()).matches()) {
                diagnostics.add(hops.at(), "jump '" + hop.trim() + "' of host '" + host + "' is not a host: write"
                        + " bastion, user@bastion or user@bastion:2222, several separated by commas");
                return null;
            }
            if (hop.trim().equals(host)) {
                diagnostics.add(hops.at(), "host '" + host + "' cannot be its own jump host");
                return null;
            }
        }
        return hops.value().replace(" ", "");
    }
}
