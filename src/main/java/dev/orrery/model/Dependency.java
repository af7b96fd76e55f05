package dev.orrery.model;

/** {@code child} starts only after {@code parent} is SUCCESS or NOOP. Both are task ids. */
public record Dependency(String parent, String child) {
}
