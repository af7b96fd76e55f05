package dev.orrery.store;

import dev.orrery.model.Plan;
import dev.orrery.model.PlanSummary;
import dev.orrery.model.ResourceSnapshot;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Stored plans. Saving a plan also creates its tasks' states (all PENDING). */
public interface PlanRepository {
    /**
     * @param desired the snapshot of each resource (by name) as the plan will leave it; committed when its
     *                tasks succeed. A resource being removed has no entry.
     */
    void save(Plan plan, Map<String, ResourceSnapshot> desired);

    /**
     * {@link #save} and, in the same transaction, moves the plan's {@link Plan#changeIds() changes} from the staged
     * bucket into it ({@link ChangeRepository#markProcessed}). Saves nothing if one of them is no longer staged.
     */
    void saveProcessed(Plan plan, Map<String, ResourceSnapshot> desired);

    /**
     * {@link #saveProcessed(Plan, Map)}, recording the deployed state the plan was built against.
     *
     * @param base fingerprint of each touched resource's committed snapshot at processing time, by resource name
     *             ("" when the resource was not deployed)
     */
    void saveProcessed(Plan plan, Map<String, ResourceSnapshot> desired, Map<String, String> base);

    /** The {@code base} saved with the plan; empty for a plan saved without one. */
    Map<String, String> base(String uid);

    Optional<Plan> find(String uid);

    /**
     * Resolves a plan reference: a uid, a unique uid prefix, or {@code last} / {@code last1} (the newest),
     * {@code last2} (the one before), ... Throws {@link UnknownPlanException} with a clear message.
     */
    String resolve(String reference);

    /** Newest first; {@code limit < 0} means all. */
    List<PlanSummary> list(int limit);

    Optional<ResourceSnapshot> desired(String uid, String resource);

    /** Every desired snapshot saved with the plan, by resource name (sorted). */
    Map<String, ResourceSnapshot> desiredAll(String uid);
}
