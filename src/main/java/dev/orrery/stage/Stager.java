package dev.orrery.stage;

import dev.orrery.graph.HostPattern;
import dev.orrery.model.Action;
import dev.orrery.model.Change;
import dev.orrery.model.FieldDiff;
import dev.orrery.model.Input;
import dev.orrery.model.Parallel;
import dev.orrery.model.Resource;
import dev.orrery.model.ResourceKind;
import dev.orrery.model.ResourceSnapshot;
import dev.orrery.model.Workspace;
import dev.orrery.store.Store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Computes staged changes: the diff of desired (the workspace) against committed (the store, per environment).
 * <ul>
 *   <li>new resource → {@code run}, changed → {@code update}, gone → {@code remove} (components:
 *       {@code deploy} for new and changed), each with its field diff;</li>
 *   <li>a resource with an input linked to an input that changes is staged as {@code update} too
 *       (reason "linked input of X"), transitively, also when {@code -t} / {@code -r} would leave it out:
 *       partial staging picks the changes, their linked children follow;</li>
 *   <li>orchestration jobs are staged where they have not yet succeeded with the same fingerprint
 *       (unless ignore-cache), or, with {@code restrict}, exactly the named fingerprints;</li>
 *   <li>{@code resource + action} stages that action alone, diff or not ({@code run} of a deployed resource
 *       becomes {@code update}; {@code remove} needs no {@code remove} action).</li>
 * </ul>
 * Tags are copied into each change when it is staged (Solar's workflow). Stateless; O(resources × fields).
 */
public final class Stager {
    public static final String NEW = "new";
    public static final String CHANGED = "changed";
    public static final String GONE = "gone";
    public static final String EXPLICIT = "explicit";
    /** Reason of {@code -a run} staged for a resource that is already deployed. */
    public static final String RUN_BECOMES_UPDATE = "already deployed: run becomes update";
    public static final String LINKED = "linked input of ";
    /** Reason of a job staged because some targets have not run it yet; the plan runs it on those only. */
    public static final String NOT_YET_SUCCEEDED = "not yet succeeded on ";
    public static final String IGNORE_CACHE = "ignore cache";
    public static final String RESTRICTED = "restricted to fingerprint ";
    /** The action components are staged with when new or changed. */
    public static final String DEPLOY = "deploy";

    private Stager() {
    }

    /** The changes {@link #stage} would store, without writing anything. */
    public static List<Change> preview(Workspace workspace, Store store, StageRequest request) {
        return new Diffing(RepositoryCommits.pinned(workspace), store, request, Instant.now()).changes();
    }

    /** As {@link #preview(Workspace, Store, StageRequest)}, only changes with a host inside {@code limit}. */
    public static List<Change> preview(Workspace workspace, Store store, StageRequest request, HostPattern limit) {
        List<Change> changes = preview(workspace, store, request);
        if (limit.isAll()) {
            return changes;
        }
        String env = request.environment();
        Limits.check(workspace, env, limit);
        return Limits.inside(changes, env, limit, Limits.resolver(workspace, store.committed().all(env)), workspace);
    }

    /** As {@link #stage(Workspace, Store, StageRequest)}, only changes with a host inside {@code limit} (see {@link Limits}). */
    public static List<Change> stage(Workspace workspace, Store store, StageRequest request, HostPattern limit) {
        List<Change> changes = preview(workspace, store, request, limit);
        if (request.fingerprintsOnly()) {
            return changes;
        }
        return store.changes().stageAll(changes);
    }

    /**
     * Stores the changes in the staged bucket (replacing an older staged change of the same resource, action and
     * environment) and returns them with their ids. With {@code fingerprintsOnly}, stores nothing.
     */
    public static List<Change> stage(Workspace workspace, Store store, StageRequest request) {
        List<Change> changes = preview(workspace, store, request);
        if (request.fingerprintsOnly()) {
            return changes;
        }
        return store.changes().stageAll(changes);
    }

    /** The action a new or changed resource is staged with. */
    static String deployAction(ResourceKind kind, boolean isNew) {
        if (kind == ResourceKind.COMPONENT) {
            return DEPLOY;
        }
        return isNew ? Action.RUN : Action.UPDATE;
    }

    /** True for environment {@code env} ("" = all hosts) when the resource has at least one host there. */
    static boolean inEnvironment(Workspace workspace, Resource resource, String env) {
        if (resource.kind() == ResourceKind.JOB) {
            return !Fingerprints.hostsOf(workspace, resource, env).isEmpty();
        }
        return !workspace.targetsOf(resource, env.isEmpty() ? null : env).isEmpty();
    }

    /** One staging computation. */
    private static final class Diffing {
        private final Workspace workspace;
        private final Store store;
        private final StageRequest request;
        private final Instant now;
        private final String env;

        Diffing(Workspace workspace, Store store, StageRequest request, Instant now) {
            this.workspace = workspace;
            this.store = store;
            this.request = request;
            this.now = now;
            this.env = request.environment();
        }

        List<Change> changes() {
            if (request.action() != null) {
                return List.of(explicit());
            }
            if (request.resource() != null && workspace.resource(request.resource()).isEmpty()
                    && !store.committed().all(env).containsKey(request.resource())) {
                resourceNamed(request.resource()); // neither defined nor committed: explain
            }
            List<Change> all = new ArrayList<>();
            if (request.restrict().isEmpty()) {
                all.addAll(diffed());
            }
            jobs().stream().filter(this::selected).forEach(all::add);
            return all;
        }

        /** Whether {@code -r} / {@code -t} pick the change (its linked children follow it whatever their tags). */
        private boolean selected(Change c) {
            return (request.resource() == null || c.resource().equals(request.resource()))
                    && (request.tags().isEmpty() || c.tags().stream().anyMatch(request.tags()::contains));
        }

        /**
         * An action asked for by name, with Solar's workflow meanings: {@code run} of a resource that is already
         * deployed is an {@code update}; {@code remove} forgets a deployed resource even when it has no
         * {@code remove} action (as deleting it from the files does), and works on a resource only the committed
         * state still has.
         */
        private Change explicit() {
            if (request.resource() == null) {
                throw new StageException("an action needs a resource: give -r RESOURCE with -a " + request.action());
            }
            String name = request.resource();
            ResourceSnapshot committed = store.committed().all(env).get(name);
            if (Action.REMOVE.equals(request.action())) {
                return explicitRemove(name, committed);
            }
            Resource r = resourceNamed(name);
            String action = request.action();
            String reason = EXPLICIT;
            if (Action.RUN.equals(action) && committed != null && r.kind() != ResourceKind.JOB) {
                action = Action.UPDATE;
                reason = RUN_BECOMES_UPDATE;
            }
            boolean known = r.actions().containsKey(action)
                    || (Action.UPDATE.equals(action) && r.actions().containsKey(Action.RUN));
            if (!known) {
                throw new StageException("resource '" + r.name() + "' has no action '" + action + "' (it has: "
                        + String.join(", ", r.actions().keySet()) + ")");
            }
            List<FieldDiff> diff = committed == null ? List.of() : Diffs.between(committed, Snapshots.of(r));
            return change(r.name(), r.kind(), action, r.tags(), diff, reason);
        }

        private Change explicitRemove(String name, ResourceSnapshot committed) {
            Resource r = workspace.resource(name).orElse(null);
            if (r == null && committed == null) {
                resourceNamed(name); // neither defined nor deployed: explain
            }
            if (committed == null && !r.actions().containsKey(Action.REMOVE)) {
                throw new StageException("resource '" + name + "' is not deployed"
                        + (env.isEmpty() ? "" : " in environment '" + env + "'") + " and has no remove action:"
                        + " there is nothing to remove");
            }
            if (committed == null) {
                return change(name, r.kind(), Action.REMOVE, r.tags(), List.of(), EXPLICIT);
            }
            return change(name, committed.kind(), Action.REMOVE, committed.tags(), Diffs.between(committed, null),
                    EXPLICIT);
        }

        private Resource resourceNamed(String name) {
            return workspace.resource(name).orElseThrow(() -> new StageException("the workspace has no resource '"
                    + name + "'" + nearest(name)));
        }

        private String nearest(String name) {
            return workspace.resources().stream().map(Resource::name)
                    .filter(n -> n.startsWith(name.substring(0, Math.min(2, name.length()))))
                    .findFirst().map(n -> "; did you mean '" + n + "'?").orElse("");
        }

        /** New, changed, gone and linked children, for native resources and components. */
        private List<Change> diffed() {
            Map<String, ResourceSnapshot> committed = store.committed().all(env);
            Map<String, Resource> desired = new LinkedHashMap<>();
            for (Resource r : workspace.resources()) {
                if (r.kind() != ResourceKind.JOB && inEnvironment(workspace, r, env)) {
                    desired.putIfAbsent(r.name(), r);
                }
            }
            Map<String, Change> staged = new LinkedHashMap<>();
            Map<String, Set<String>> changedInputs = new HashMap<>();
            // Snapshots and diffs are independent per resource: computed on every core, used in order.
            List<Resource> candidates = List.copyOf(desired.values());
            List<List<FieldDiff>> diffs = Parallel.map(candidates,
                    r -> Diffs.between(committed.get(r.name()), Snapshots.of(r)));
            for (int i = 0; i < candidates.size(); i++) {
                Resource r = candidates.get(i);
                ResourceSnapshot before = committed.get(r.name());
                List<FieldDiff> diff = diffs.get(i);
                if (before == null) {
                    staged.put(r.name(), change(r.name(), r.kind(), deployAction(r.kind(), true), r.tags(), diff, NEW));
                    changedInputs.put(r.name(), new HashSet<>(r.inputs().keySet()));
                } else if (!diff.isEmpty()) {
                    staged.put(r.name(), change(r.name(), r.kind(), deployAction(r.kind(), false), r.tags(), diff,
                            CHANGED));
                    changedInputs.put(r.name(), inputsIn(diff));
                }
            }
            // Partial staging: only the picked changes seed the linked children, which come whatever their tags
            staged.values().removeIf(c -> !selected(c));
            changedInputs.keySet().retainAll(staged.keySet());
            stageLinkedChildren(desired, committed, staged, changedInputs);
            List<Change> out = new ArrayList<>(staged.values());
            for (ResourceSnapshot gone : committed.values()) {
                if (!desired.containsKey(gone.name()) && gone.kind() != ResourceKind.JOB) {
                    Change removal = change(gone.name(), gone.kind(), Action.REMOVE, gone.tags(),
                            Diffs.between(gone, null), GONE);
                    if (selected(removal)) {
                        out.add(removal);
                    }
                }
            }
            return out;
        }

        /** Until nothing more changes: a resource whose linked input's source changed is updated too. */
        private void stageLinkedChildren(Map<String, Resource> desired, Map<String, ResourceSnapshot> committed,
                                         Map<String, Change> staged, Map<String, Set<String>> changedInputs) {
            boolean grew = true;
            while (grew) {
                grew = false;
                for (Resource r : desired.values()) {
                    for (Input input : r.inputs().values()) {
                        if (!input.isLink() || !changedInputs.getOrDefault(input.linkResource(), Set.of())
                                .contains(input.linkInput())) {
                            continue;
                        }
                        Change existing = staged.get(r.name());
                        String reason = LINKED + input.linkResource();
                        if (existing == null && !committed.containsKey(r.name())) {
                            continue; // not deployed (left out by -t/-r): nothing runs on the old value yet
                        }
                        if (existing == null) {
                            List<FieldDiff> diff = Diffs.between(committed.get(r.name()), Snapshots.of(r));
                            staged.put(r.name(), change(r.name(), r.kind(), deployAction(r.kind(), false), r.tags(),
                                    diff, reason));
                        } else if (CHANGED.equals(existing.reason()) && causedByLinks(existing.diff(), r, changedInputs)) {
                            staged.put(r.name(), change(r.name(), r.kind(), existing.action(), r.tags(),
                                    existing.diff(), reason));
                        }
                        grew |= changedInputs.computeIfAbsent(r.name(), k -> new HashSet<>()).add(input.name());
                    }
                }
            }
        }

        /** True when every changed input of the diff is a link to an input that changed, and nothing else but steps differ. */
        private static boolean causedByLinks(List<FieldDiff> diff, Resource r, Map<String, Set<String>> changedInputs) {
            for (FieldDiff d : diff) {
                String f = d.field();
                if (f.startsWith("actions.") || f.startsWith("env.") || f.equals(Snapshots.WORKDIR)) {
                    continue;
                }
                if (!f.startsWith("inputs.")) {
                    return false;
                }
                Input input = r.inputs().get(inputName(f));
                if (input == null || !input.isLink() || f.endsWith(Snapshots.LINK_SUFFIX)
                        || !changedInputs.getOrDefault(input.linkResource(), Set.of()).contains(input.linkInput())) {
                    return false;
                }
            }
            return true;
        }

        private static Set<String> inputsIn(List<FieldDiff> diff) {
            Set<String> names = new TreeSet<>();
            for (FieldDiff d : diff) {
                if (d.field().startsWith("inputs.")) {
                    names.add(inputName(d.field()));
                }
            }
            return names;
        }

        private static String inputName(String field) {
            String rest = field.substring("inputs.".length());
            for (String suffix : List.of(Snapshots.SECRET_SUFFIX, Snapshots.LINK_SUFFIX)) {
                if (rest.endsWith(suffix)) {
                    return rest.substring(0, rest.length() - suffix.length());
                }
            }
            return rest;
        }

        /** Orchestration jobs, by the job cache or the restricted fingerprints. */
        private List<Change> jobs() {
            List<Change> out = new ArrayList<>();
            Set<String> matched = new HashSet<>();
            for (Resource r : workspace.resources()) {
                if (r.kind() != ResourceKind.JOB) {
                    continue;
                }
                List<String> hosts = Fingerprints.hostsOf(workspace, r, env);
                if (hosts.isEmpty()) {
                    continue;
                }
                String fp = Fingerprints.of(r);
                String reason;
                if (!request.restrict().isEmpty()) {
                    if (!Fingerprints.matches(fp, request.restrict())) {
                        continue;
                    }
                    matched.addAll(request.restrict().stream().filter(w -> Fingerprints.matches(fp, Set.of(w))).toList());
                    reason = RESTRICTED + fp;
                } else if (request.ignoreCache()) {
                    reason = IGNORE_CACHE;
                } else {
                    List<String> missing = hosts.stream().filter(h -> !store.jobCache().succeeded(h, fp)).toList();
                    if (missing.isEmpty()) {
                        continue;
                    }
                    reason = NOT_YET_SUCCEEDED + String.join(", ", missing);
                }
                String action = r.actions().keySet().stream().findFirst()
                        .orElse(r.attributes().getOrDefault("verb", "run").toLowerCase(java.util.Locale.ROOT));
                out.add(change(r.name(), r.kind(), action, r.tags(), Diffs.between(null, Snapshots.of(r)), reason));
            }
            Set<String> unknown = new TreeSet<>(request.restrict());
            unknown.removeAll(matched);
            if (!unknown.isEmpty()) {
                throw new StageException("no job has fingerprint " + String.join(", ", unknown)
                        + " (list them with --finger-print)");
            }
            return out;
        }

        private Change change(String resource, ResourceKind kind, String action, Set<String> tags,
                              List<FieldDiff> diff, String reason) {
            return new Change(0, resource, kind, action, tags, diff, reason, env, now);
        }
    }
}
