package dev.orrery.run;

import dev.orrery.model.Plan;
import dev.orrery.model.Release;
import dev.orrery.model.Task;
import dev.orrery.model.TaskState;
import dev.orrery.model.TaskStatus;
import dev.orrery.stage.Commits;
import dev.orrery.store.Store;

import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Records a release when a plan that changes deployed state has completed with every task SUCCESS or NOOP:
 * environment, plan uid, the fingerprint of what the plan deployed ({@link Commits#deployedFingerprint}) and a
 * summary such as {@code 12 tasks: 10 success, 2 noop; resources: db, app}. A plan of custom actions only
 * (restart, test) or orchestration jobs only is a run in the history, not a release. At most one release per
 * plan. Thread-safe as the store is.
 */
public final class ReleaseRecorder {
    private final Store store;

    public ReleaseRecorder(Store store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * Records the plan's release if every task is SUCCESS/NOOP, the plan changes deployed state and no release
     * was recorded for it yet.
     *
     * @return the new release, or empty when the plan is not complete, is empty, changes no deployed state, or
     *         already has one
     */
    public Optional<Release> recordIfComplete(Plan plan, Instant at) {
        Map<String, TaskStatus> statuses = store.tasks().statuses(plan.uid());
        if (plan.tasks().isEmpty()
                || !statuses.values().stream().allMatch(s -> s.state().letsChildrenStart())
                || statuses.size() < plan.tasks().size()) {
            return Optional.empty();
        }
        String environment = Objects.requireNonNullElse(plan.environment(), "");
        boolean recorded = store.releases().list(environment).stream().anyMatch(r -> r.planUid().equals(plan.uid()));
        if (recorded) {
            return Optional.empty();
        }
        Optional<String> deployed = Commits.deployedFingerprint(store, plan);
        if (deployed.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(store.releases().record(environment, plan.uid(), deployed.get(), summary(plan, statuses),
                at));
    }

    static final int NAMED_RESOURCES = 20;

    /**
     * {@code 12 tasks: 10 success, 2 noop; resources: a, b} (resources in plan order; after the first
     * {@value #NAMED_RESOURCES}, only how many more: a release of a large workspace stays one readable line).
     */
    static String summary(Plan plan, Map<String, TaskStatus> statuses) {
        Map<TaskState, Integer> counts = new EnumMap<>(TaskState.class);
        statuses.values().forEach(s -> counts.merge(s.state(), 1, Integer::sum));
        StringJoiner states = new StringJoiner(", ");
        counts.forEach((state, n) -> states.add(n + " " + state.name().toLowerCase(Locale.ROOT)));
        Set<String> resources = new LinkedHashSet<>();
        plan.tasks().stream().map(Task::resource).forEach(resources::add);
        int n = plan.tasks().size();
        List<String> named = resources.stream().limit(NAMED_RESOURCES).toList();
        String more = resources.size() > named.size()
                ? String.format(Locale.ROOT, " and %,d more", resources.size() - named.size()) : "";
        return n + (n == 1 ? " task: " : " tasks: ") + states + "; resources: " + String.join(", ", named) + more;
    }
}
