package dev.orrery.model;

import java.util.Map;
import java.util.Set;

/**
 * The state of a resource as a flat map of fields ({@code inputs.port}, {@code actions.run.1},
 * {@code wait-for}, {@code targets}, ...), compared field by field to find what changed.
 * Secret inputs are stored as {@code sha256:<hex>} digests, never in clear.
 */
public record ResourceSnapshot(String name, ResourceKind kind, Map<String, String> fields, Set<String> tags) {
    public ResourceSnapshot {
        fields = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(fields));
        tags = Set.copyOf(tags);
    }
}
