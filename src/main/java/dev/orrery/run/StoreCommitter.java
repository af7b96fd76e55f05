package dev.orrery.run;

import dev.orrery.model.Action;
import dev.orrery.model.Change;
import dev.orrery.model.Plan;
import dev.orrery.model.ResourceKind;
import dev.orrery.model.ResourceSnapshot;
import dev.orrery.model.Task;
import dev.orrery.store.Store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The default {@link ChangeCommitter}: writes through the store what the plan said the change leaves
 * behind. The desired snapshot saved with the plan becomes the committed state of the plan's environment
 * (a {@code remove} without one deletes it), the change goes to history, and each succeeded job task is
 * cached under its host and fingerprint. Thread-safe as the store is.
 */
public final class StoreCommitter implements ChangeCommitter {
    /** The snapshot field or resource attribute that holds an orchestration job's fingerprint. */
    public static final String FINGERPRINT = "fingerprint";

    private final Store store;

    public StoreCommitter(Store store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public void commit(Plan plan, Change change, List<Task> tasks, Instant at) {
        String environment = Objects.requireNonNullElse(plan.environment(), "");
        Optional<ResourceSnapshot> desired = store.plans().desired(plan.uid(), change.resource());
        if (desired.isPresent()) {
            store.committed().put(environment, desired.get());
        } else if (Action.REMOVE.equals(change.action())) {
            store.committed().remove(environment, change.resource());
        }
        store.changes().markExecuted(plan.uid(), change.id(), at);
        if (change.kind() == ResourceKind.JOB) {
            desired.flatMap(StoreCommitter::fingerprintOf).ifPresent(fingerprint -> tasks.forEach(
                    task -> store.jobCache().recordSuccess(task.host(), fingerprint, plan.uid(), at)));
        }
    }

    /** A job's fingerprint from its snapshot: the field {@code fingerprint} or one ending in {@code .fingerprint}. */
    static Optional<String> fingerprintOf(ResourceSnapshot snapshot) {
        for (Map.Entry<String, String> field : snapshot.fields().entrySet()) {
            if (field.getKey().equals(FINGERPRINT) || field.getKey().endsWith("." + FINGERPRINT)) {
                return Optional.ofNullable(field.getValue());
            }
        }
        return Optional.empty();
    }
}
