package dev.orrery.graph;

import dev.orrery.model.Host;
import dev.orrery.model.Resource;
import dev.orrery.model.Workspace;

import java.util.List;

/**
 * Which hosts a task of a resource runs on, for one environment.
 * <ul>
 *   <li>native resources: {@link Workspace#targetsOf(Resource, String)};</li>
 *   <li>components (Toolforge component files name no hosts): {@code build} on the first inventory host tagged
 *       {@code build}, every other action on the hosts tagged {@code components}; when no host carries that
 *       tag, on all hosts (and builds, without a {@code build} host, on the first of them);</li>
 *   <li>orchestration jobs: their targets, or every host when they name none (the Directord orchestration format).</li>
 * </ul>
 * The environment keeps only hosts tagged with it, except for the shared {@code build} host; a {@link HostPattern}
 * limit ({@code --limit}) then keeps only the hosts it matches, again except for the build host.
 */
public final class HostSelection {
    static final String BUILD_TAG = "build";
    static final String COMPONENTS_TAG = "components";

    private final Workspace workspace;
    private final String environment;
    private final List<Host> environmentHosts;
    private final List<Host> componentHosts;
    private final List<Host> buildHosts;
    private final HostPattern limit;

    HostSelection(Workspace workspace, String environment) {
        this(workspace, environment, HostPattern.all());
    }

    /** @param environment null for every host */
    public HostSelection(Workspace workspace, String environment, HostPattern limit) {
        this.workspace = workspace;
        this.environment = environment;
        this.limit = limit;
        this.environmentHosts = workspace.hosts().stream()
                .filter(h -> environment == null || h.tags().contains(environment)).toList();
        boolean anyTagged = workspace.hosts().stream().anyMatch(h -> h.tags().contains(COMPONENTS_TAG));
        this.componentHosts = anyTagged
                ? environmentHosts.stream().filter(h -> h.tags().contains(COMPONENTS_TAG)).toList()
                : environmentHosts;
        List<Host> tagged = workspace.hosts().stream().filter(h -> h.tags().contains(BUILD_TAG)).limit(1).toList();
        this.buildHosts = !tagged.isEmpty() ? tagged : componentHosts.stream().limit(1).toList();
    }

    /** The hosts the tasks of this action of the resource run on. */
    public List<Host> hostsFor(Resource resource, String action) {
        if (resource.kind() == dev.orrery.model.ResourceKind.COMPONENT && Dependencies.BUILD.equals(action)) {
            return buildHosts;
        }
        List<Host> hosts = switch (resource.kind()) {
            case RESOURCE -> workspace.targetsOf(resource, environment);
            case COMPONENT -> componentHosts;
            case JOB -> resource.targets().isEmpty() ? environmentHosts : workspace.targetsOf(resource, environment);
        };
        return limit.select(hosts);
    }
}
