package dev.orrery.stage;

import dev.orrery.graph.HostPattern;
import dev.orrery.graph.HostSelection;
import dev.orrery.model.Change;
import dev.orrery.model.Host;
import dev.orrery.model.Resource;
import dev.orrery.model.ResourceSnapshot;
import dev.orrery.model.Workspace;
import dev.orrery.store.Store;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code --limit} for staging and processing. Committed state is kept per environment and resource, not per
 * host: it means "every host of this resource in this environment runs this version". So a limited plan keeps
 * the changes that have at least one host inside the limit (the others stay staged), and commits a resource only
 * when the limit covers all of its hosts; a change run on part of its hosts is recorded as executed, the
 * committed state stays as it was, and the next {@code changes stage} finds the resource changed again.
 */
final class Limits {
    private Limits() {
    }

    /** The hosts of the environment ("" = all), after checking that the limit names real hosts and tags there. */
    static List<Host> check(Workspace workspace, String env, HostPattern limit) {
        List<Host> hosts = workspace.hosts().stream().filter(h -> env.isEmpty() || h.tags().contains(env)).toList();
        if (!limit.isAll()) {
            limit.problem(workspace.hosts()).or(() -> limit.problem(hosts)
                    .map(p -> p + (env.isEmpty() ? "" : " in environment '" + env + "'")))
                    .ifPresent(p -> {
                        throw new StageException(p);
                    });
        }
        return hosts;
    }

    /** The changes with at least one task on a host inside the limit. */
    static List<Change> inside(List<Change> changes, String env, HostPattern limit,
                               Function<String, Resource> resources, Workspace workspace) {
        if (limit.isAll()) {
            return changes;
        }
        HostSelection limited = new HostSelection(workspace, env.isEmpty() ? null : env, limit);
        return changes.stream().filter(c -> {
            Resource r = resources.apply(c.resource());
            return r == null || !limited.hostsFor(r, c.action()).isEmpty();
        }).toList();
    }

    /** True when the limit leaves out some host of the change (its resource is then not committed). */
    static boolean partial(Change change, Resource resource, String env, HostPattern limit, Workspace workspace) {
        if (limit.isAll()) {
            return false;
        }
        String e = env.isEmpty() ? null : env;
        int all = new HostSelection(workspace, e, HostPattern.all()).hostsFor(resource, change.action()).size();
        return new HostSelection(workspace, e, limit).hostsFor(resource, change.action()).size() < all;
    }

    /** A resource named by a change: the files' definition, else rebuilt from the committed snapshot. */
    static Function<String, Resource> resolver(Workspace workspace, Map<String, ResourceSnapshot> committed) {
        Set<String> existing = new HashSet<>();
        workspace.resources().forEach(r -> existing.add(r.name()));
        existing.addAll(committed.keySet());
        return name -> workspace.resource(name).orElseGet(() -> {
            ResourceSnapshot s = committed.get(name);
            return s == null ? null : Rebuilt.resource(s, existing);
        });
    }
}
