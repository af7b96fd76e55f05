package dev.orrery.model;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the files of a workspace folder describe, after validation.
 *
 * @param resources resources, components and jobs together, in file order
 * @param files     every YAML file that was read, with its detected kind
 * @param environments the inventory's {@code environments:} list (host tags), empty when it has none
 */
public record Workspace(Path root, List<Host> hosts, List<Resource> resources, Map<Path, FileKind> files,
                        List<String> environments) {
    public enum FileKind { INVENTORY, RESOURCES, COMPONENTS, ORCHESTRATION }

    public Workspace(Path root, List<Host> hosts, List<Resource> resources, Map<Path, FileKind> files) {
        this(root, hosts, resources, files, List.of());
    }

    public Workspace {
        environments = List.copyOf(environments);
        hosts = List.copyOf(hosts);
        resources = List.copyOf(resources);
        files = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(files));
    }

    public Optional<Resource> resource(String name) {
        return resources.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    public Optional<Host> host(String name) {
        return hosts.stream().filter(h -> h.name().equals(name)).findFirst();
    }

    /** Hosts a resource targets: a target matches a host by name or by tag. */
    public List<Host> targetsOf(Resource resource) {
        return targetsOf(resource, null);
    }

    /** As {@link #targetsOf(Resource)}, keeping only hosts tagged with {@code environment} when it is not null. */
    public List<Host> targetsOf(Resource resource, String environment) {
        // Loops rather than streams: staging and planning ask this for every resource.
        List<Host> out = new ArrayList<>();
        for (Host host : hosts) {
            if ((environment == null || host.tags().contains(environment)) && targets(resource.targets(), host)) {
                out.add(host);
            }
        }
        return List.copyOf(out);
    }

    private static boolean targets(List<String> targets, Host host) {
        for (String target : targets) {
            if (target.equals(host.name()) || host.tags().contains(target)) {
                return true;
            }
        }
        return false;
    }
}
