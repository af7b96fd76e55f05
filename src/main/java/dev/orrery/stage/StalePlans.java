package dev.orrery.stage;

import dev.orrery.model.ExecutedChange;
import dev.orrery.model.Parallel;
import dev.orrery.model.Plan;
import dev.orrery.model.ResourceSnapshot;
import dev.orrery.model.Task;
import dev.orrery.model.TaskStatus;
import dev.orrery.store.Store;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;

/**
 * Refuses plans built against a deployed state that has moved on. {@link Processor} records with each plan the
 * fingerprint of every touched resource's committed snapshot (its base). Before a plan runs, each of those
 * resources must still be as the plan expects: as its base while the plan's own change of it has not executed,
 * as the plan's desired snapshot (or gone, for a removal) once it has. Anything else means another plan changed
 * it meanwhile, and running this one would silently put the older state back. A plan saved without a base
 * (before the base was recorded, or built by hand) is never stale. Stateless; reads the store only.
 */
public final class StalePlans {
    /** Which resources of the plan matter. */
    public enum Scope {
        /** Every resource the plan touches: the plan runs from the start ({@code run}, {@code restart}). */
        WHOLE_PLAN,
        /** Only resources with a task not yet SUCCESS or NOOP: what {@code resume} and {@code retry} run again. */
        UNFINISHED
    }

    private StalePlans() {
    }

    /** Why the plan is stale, or empty when it may run. */
    public static Optional<StalePlan> check(Store store, Plan plan, Scope scope) {
        Map<String, String> base = store.plans().base(plan.uid());
        if (base.isEmpty()) {
            return Optional.empty();
        }
        Set<String> relevant = new TreeSet<>(base.keySet());
        if (scope == Scope.UNFINISHED) {
            relevant.retainAll(unfinishedResources(store, plan));
        }
        if (relevant.isEmpty()) {
            return Optional.empty();
        }
        String env = Objects.requireNonNullElse(plan.environment(), "");
        Map<String, ResourceSnapshot> current = store.committed().all(env);
        Set<String> own = store.changes().executedResources(plan.uid(), Commits.COMMITTING);
        Map<String, ResourceSnapshot> desired = own.isEmpty() ? Map.of() : store.plans().desiredAll(plan.uid());
        List<String> names = List.copyOf(relevant);
        List<Boolean> moved = Parallel.map(names, r -> {
            String expected = own.contains(r) ? Snapshots.fingerprint(desired.get(r)) : base.get(r);
            return !expected.equals(Snapshots.fingerprint(current.get(r)));
        });
        List<String> changed = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            if (moved.get(i)) {
                changed.add(names.get(i));
            }
        }
        if (changed.isEmpty()) {
            return Optional.empty();
        }
        List<String> newer = newerPlans(store, plan, env, changed);
        OptionalLong release = newer.isEmpty() ? OptionalLong.empty() : store.releases().list(env).stream()
                .filter(r -> r.planUid().equals(newer.get(0))).mapToLong(dev.orrery.model.Release::id).findFirst();
        return Optional.of(new StalePlan(plan.uid(), changed, newer, release));
    }

    /** @throws StalePlanException when {@link #check} finds the plan stale */
    public static void requireCurrent(Store store, Plan plan, Scope scope) {
        check(store, plan, scope).ifPresent(stale -> {
            throw new StalePlanException(stale);
        });
    }

    private static Set<String> unfinishedResources(Store store, Plan plan) {
        Map<String, TaskStatus> statuses = store.tasks().statuses(plan.uid());
        Set<String> out = new TreeSet<>();
        for (Task task : plan.tasks()) {
            TaskStatus status = statuses.get(task.id());
            if (status == null || !status.state().letsChildrenStart()) {
                out.add(task.resource());
            }
        }
        return out;
    }

    /**
     * The other plans that last wrote the committed state of {@code resources} after {@code plan} was made,
     * newest first.
     */
    private static List<String> newerPlans(Store store, Plan plan, String env, List<String> resources) {
        Set<String> plans = new LinkedHashSet<>();
        Set<String> seen = new java.util.HashSet<>();
        for (ExecutedChange e : store.changes().executedOf(env, resources)) {
            if (Commits.commitsState(e.change()) && seen.add(e.change().resource())
                    && !e.planUid().equals(plan.uid()) && e.executedAt().isAfter(plan.created())) {
                plans.add(e.planUid());
            }
        }
        return List.copyOf(plans);
    }
}
