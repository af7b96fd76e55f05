package dev.orrery.gui.workspace;

import java.util.Set;

/**
 * What to stage, as the stage panel asks for it (the GUI's side of {@code changes stage -t TAG --env E}).
 *
 * @param tags        only resources carrying one of these tags; empty means every resource
 * @param resources   only these resources (the rows the person ticked); empty means every resource
 * @param environment the environment (a host tag) or null for the default environment
 * @param ignoreCache stage orchestration jobs even when their fingerprint already succeeded
 */
public record StageSelection(Set<String> tags, Set<String> resources, String environment, boolean ignoreCache) {
    public StageSelection {
        tags = Set.copyOf(tags);
        resources = Set.copyOf(resources);
    }

    public static StageSelection everything(String environment) {
        return new StageSelection(Set.of(), Set.of(), environment, false);
    }

    public StageSelection onlyResources(Set<String> names) {
        return new StageSelection(tags, names, environment, ignoreCache);
    }
}
