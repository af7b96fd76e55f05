package dev.orrery.model;

/** One field of a change: added, changed (old → new) or removed. Secret values arrive masked. */
public record FieldDiff(String field, Kind kind, String oldValue, String newValue) {
    public enum Kind { ADDED, CHANGED, REMOVED }

    @Override
    public String toString() {
        return switch (kind) {
            case ADDED -> "+ " + field + ": " + newValue;
            case REMOVED -> "- " + field + ": " + oldValue;
            case CHANGED -> "~ " + field + ": " + oldValue + " → " + newValue;
        };
    }
}
