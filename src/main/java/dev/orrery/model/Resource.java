package dev.orrery.model;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Something Orrery deploys: a native resource, a component or an orchestration job, all in one shape.
 *
 * @param name     unique in the workspace
 * @param targets  host names or tags; a host matches if its name or one of its tags is listed
 * @param tags     tags used for partial staging ({@code -t})
 * @param inputs   by name, in file order
 * @param actions  by name, in file order
 * @param waitFor  names of resources whose tasks must finish first (reversed for {@code remove})
 * @param env      environment variables for every step
 * @param workdir  working folder on the host for every step, or null for the login folder
 * @param attributes kind-specific fields that take part in the diff (component type, schedule, job fingerprint...)
 */
public record Resource(String name, ResourceKind kind, List<String> targets, Set<String> tags,
                       Map<String, Input> inputs, Map<String, Action> actions, List<String> waitFor,
                       Map<String, String> env, String workdir, Map<String, String> attributes,
                       SourceRef source) {
    public Resource {
        targets = List.copyOf(targets);
        tags = Set.copyOf(tags);
        inputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(inputs));
        actions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(actions));
        waitFor = List.copyOf(waitFor);
        env = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(env));
        attributes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attributes));
    }

    /** The secret input values, for masking. */
    public List<String> secretValues() {
        return inputs.values().stream().filter(Input::secret).map(Input::value).toList();
    }
}
