package dev.orrery.graph;

import dev.orrery.model.Host;
import dev.orrery.model.Resource;
import dev.orrery.model.Workspace;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which host tags are environments (what {@code --env} and the GUI's chooser offer):
 * <ul>
 *   <li>the inventory's {@code environments:} list, when it has one, in its order;</li>
 *   <li>otherwise every host tag that nothing targets — a tag a resource or job names in {@code target:} is a
 *       role ({@code web}, {@code db}), not an environment — except the component tags {@code build} and
 *       {@code components}; sorted.</li>
 * </ul>
 * {@code --env} itself accepts any tag; this only decides what is offered.
 */
public final class Environments {
    private Environments() {
    }

    public static List<String> of(Workspace workspace) {
        if (!workspace.environments().isEmpty()) {
            return workspace.environments();
        }
        Set<String> targeted = new HashSet<>();
        for (Resource r : workspace.resources()) {
            targeted.addAll(r.targets());
        }
        TreeSet<String> out = new TreeSet<>();
        for (Host h : workspace.hosts()) {
            out.addAll(h.tags());
        }
        out.removeAll(targeted);
        out.remove(HostSelection.BUILD_TAG);
        out.remove(HostSelection.COMPONENTS_TAG);
        return List.copyOf(out);
    }

    /** The hosts of an environment (null or "": every host). */
    public static List<Host> hostsOf(Workspace workspace, String environment) {
        return workspace.hosts().stream()
                .filter(h -> environment == null || environment.isEmpty() || h.tags().contains(environment)).toList();
    }
}
