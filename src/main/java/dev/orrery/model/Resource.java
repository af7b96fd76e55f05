package dev.orrery.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
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
        inputs = ordered(inputs);
        actions = ordered(actions);
        waitFor = List.copyOf(waitFor);
        env = ordered(env);
        attributes = ordered(attributes);
    }

    /** An unmodifiable copy in the same order; most resources have no env or attributes, which then cost nothing. */
    private static <K, V> Map<K, V> ordered(Map<K, V> map) {
        return map.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /** The secret input values, for masking. */
    public List<String> secretValues() {
        List<String> secrets = null; // a loop: snapshots, diffs and tasks ask this of every resource
        for (Input input : inputs.values()) {
            if (input.secret()) {
                if (secrets == null) {
                    secrets = new ArrayList<>();
                }
                secrets.add(input.value());
            }
        }
        return secrets == null ? List.of() : Collections.unmodifiableList(secrets);
    }
}
