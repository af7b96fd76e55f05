package dev.orrery.model;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A staged change (Solar's StagedResources): one action for one resource, with the tags copied at
 * staging time and the field diff that caused it. {@code id} is 0 until stored.
 *
 * @param reason why it was staged: "new", "changed", "gone", "explicit", "linked input of X", "rollback to R"
 */
public record Change(long id, String resource, ResourceKind kind, String action, Set<String> tags,
                     List<FieldDiff> diff, String reason, String environment, Instant stagedAt) {
    public Change {
        tags = Set.copyOf(tags);
        diff = List.copyOf(diff);
    }

    public Change withId(long newId) {
        return new Change(newId, resource, kind, action, tags, diff, reason, environment, stagedAt);
    }
}
