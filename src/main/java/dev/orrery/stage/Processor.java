package dev.orrery.stage;

import dev.orrery.graph.HostPattern;
import dev.orrery.graph.PlanBuilder;
import dev.orrery.model.Action;
import dev.orrery.model.Change;
import dev.orrery.model.Parallel;
import dev.orrery.model.Plan;
import dev.orrery.model.Resource;
import dev.orrery.model.ResourceKind;
import dev.orrery.model.ResourceSnapshot;
import dev.orrery.model.SourceRef;
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
import java.util.TreeMap;
import java.util.UUID;

/**
 * {@code changes process}: turns the staged bucket into a stored plan. The plan is built by
 * {@link PlanBuilder} from the workspace, with three additions so every change has tasks to run:
 * a resource the files no longer define is rebuilt from its committed snapshot; a {@code remove} of a resource
 * without a {@code remove} action gets an empty one (it is simply forgotten when the plan runs); a job staged
 * because some targets have not run it yet runs on those targets only. The plan is saved with the desired
 * snapshot of every change that commits state (and of every job, for its fingerprint) and the fingerprint of
 * every touched resource's committed snapshot (the state it is built against, see {@link StalePlans}), and its
 * changes leave the staged bucket, in one transaction.
 */
public final class Processor {
    private Processor() {
    }

    /**
     * Processes the staged changes of {@code environment} (null or "" = the default one), only those carrying one
     * of {@code tags} when it is not empty.
     *
     * @throws StageException if nothing matching is staged
     * @throws dev.orrery.graph.CycleException if the changes' tasks make a cycle
     */
    public static Plan process(Workspace workspace, Store store, Set<String> tags, String environment) {
        return process(workspace, store, tags, environment, HostPattern.all());
    }

    /**
     * As {@link #process(Workspace, Store, Set, String)}, with tasks only on the hosts {@code limit} keeps: changes
     * without a host inside it stay staged, and a resource with hosts outside it is not committed when its tasks
     * succeed (see {@link Limits}).
     */
    public static Plan process(Workspace workspace, Store store, Set<String> tags, String environment,
                               HostPattern limit) {
        String env = environment == null ? "" : environment.strip();
        Set<String> wanted = tags == null ? Set.of() : tags;
        List<Change> staged = store.changes().stagedWithoutDiffs().stream()
                .filter(c -> c.environment().equals(env)).toList();
        List<Change> changes = wanted.isEmpty() ? staged : withLinkedChildren(staged, staged.stream()
                .filter(c -> c.tags().stream().anyMatch(wanted::contains)).toList());
        if (changes.isEmpty()) {
            throw new StageException("nothing is staged" + (env.isEmpty() ? "" : " for environment '" + env + "'")
                    + (wanted.isEmpty() ? "" : " with tag " + String.join(" or ", new java.util.TreeSet<>(wanted)))
                    + ": run `changes stage` first");
        }
        return process(workspace, store, changes, env, Map.of(), limit);
    }

    /**
     * {@code picked} and, transitively, the staged changes made because a picked one changed a linked input
     * ("linked input of X"): {@code process -t backend} must not leave {@code app} on the cache's old port.
     */
    private static List<Change> withLinkedChildren(List<Change> staged, List<Change> picked) {
        Set<String> resources = new HashSet<>();
        picked.forEach(c -> resources.add(c.resource()));
        Set<Change> out = new java.util.LinkedHashSet<>(picked);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Change c : staged) {
                if (!out.contains(c) && c.reason().startsWith(Stager.LINKED)
                        && resources.contains(c.reason().substring(Stager.LINKED.length()))) {
                    out.add(c);
                    resources.add(c.resource());
                    grew = true;
                }
            }
        }
        return staged.stream().filter(out::contains).toList(); // staging order
    }

    /**
     * Builds, stores and returns the plan of already staged {@code changes}.
     *
     * @param desiredOverride desired snapshots that replace the workspace's (rollback: the release's state)
     */
    static Plan process(Workspace files, Store store, List<Change> changes, String env,
                        Map<String, ResourceSnapshot> desiredOverride) {
        return process(files, store, changes, env, desiredOverride, HostPattern.all());
    }

    private static Plan process(Workspace files, Store store, List<Change> staged, String env,
                                Map<String, ResourceSnapshot> desiredOverride, HostPattern limit) {
        Workspace workspace = RepositoryCommits.pinned(files);
        Map<String, ResourceSnapshot> committed = store.committed().all(env);
        Limits.check(workspace, env, limit);
        Workspace planned = planWorkspace(workspace, store, staged, committed, desiredOverride, env);
        Map<String, Resource> byName = new HashMap<>();
        planned.resources().forEach(r -> byName.putIfAbsent(r.name(), r));
        List<Change> changes = Limits.inside(staged, env, limit, byName::get, planned);
        if (changes.isEmpty()) {
            throw new StageException("no staged change has a host inside --limit '" + limit + "'"
                    + (env.isEmpty() ? "" : " in environment '" + env + "'"));
        }
        Plan plan = PlanBuilder.build(withoutNeedlessBuilds(planned, changes, committed), changes, env, limit,
                UUID.randomUUID().toString(), Instant.now());
        // jobs: stored so a committer can read the fingerprint; Commits never writes them to committed state.
        // A change the limit runs on part of its hosts stores no desired state: Commits then commits nothing.
        List<Change> stored = changes.stream()
                .filter(c -> c.kind() == ResourceKind.JOB || (Commits.commitsState(c)
                        && !Limits.partial(c, byName.get(c.resource()), env, limit, planned))).toList();
        List<ResourceSnapshot> snapshots = Parallel.map(stored, c -> {
            ResourceSnapshot snapshot = desiredOverride.get(c.resource());
            return snapshot != null ? snapshot : Snapshots.of(byName.get(c.resource()));
        });
        Map<String, ResourceSnapshot> desired = new TreeMap<>();
        for (int i = 0; i < stored.size(); i++) {
            desired.put(stored.get(i).resource(), snapshots.get(i));
        }
        store.plans().saveProcessed(plan, desired, base(changes, committed));
        return plan;
    }

    /**
     * The plan {@code changes} would make from {@code workspace}, built as {@link #process} builds it (resources
     * left in the committed state only, empty removals, components whose image is already built) but not stored.
     */
    public static Plan preview(Workspace workspace, Store store, List<Change> changes, String environment) {
        String env = environment == null ? "" : environment.strip();
        Map<String, ResourceSnapshot> committed = store.committed().all(env);
        Workspace planned = planWorkspace(RepositoryCommits.pinned(workspace), store, changes, committed, Map.of(), env);
        return PlanBuilder.build(withoutNeedlessBuilds(planned, changes, committed), changes, env, "preview",
                Instant.now());
    }

    /**
     * A deployed component whose image and build steps are as committed needs no build: a change of
     * {@code run.schedule} or {@code run.command} only rewrites the deploy descriptor. Its build action is left
     * out of the workspace the plan is built from (the snapshots saved with the plan keep it).
     */
    private static Workspace withoutNeedlessBuilds(Workspace planned, List<Change> changes,
                                                   Map<String, ResourceSnapshot> committed) {
        Set<String> skip = new HashSet<>();
        for (Change change : changes) {
            ResourceSnapshot before = committed.get(change.resource());
            if (change.kind() != ResourceKind.COMPONENT || before == null) {
                continue;
            }
            planned.resource(change.resource()).filter(r -> r.actions().containsKey(BUILD))
                    .filter(r -> sameBuild(before, Snapshots.of(r))).ifPresent(r -> skip.add(r.name()));
        }
        if (skip.isEmpty()) {
            return planned;
        }
        List<Resource> out = new ArrayList<>();
        for (Resource r : planned.resources()) {
            if (skip.contains(r.name())) {
                Map<String, Action> actions = new LinkedHashMap<>(r.actions());
                actions.remove(BUILD);
                r = new Resource(r.name(), r.kind(), r.targets(), r.tags(), r.inputs(), actions, r.waitFor(), r.env(),
                        r.workdir(), r.attributes(), r.source());
            }
            out.add(r);
        }
        return new Workspace(planned.root(), planned.hosts(), out, planned.files());
    }

    private static final String BUILD = "build";

    /** Same image, same commit, same build steps and build host. */
    private static boolean sameBuild(ResourceSnapshot before, ResourceSnapshot now) {
        Set<String> fields = new HashSet<>(before.fields().keySet());
        fields.addAll(now.fields().keySet());
        for (String field : fields) {
            boolean buildField = field.startsWith("actions." + BUILD + ".") || field.equals("attributes.image")
                    || field.equals("attributes.commit") || field.equals("attributes.repository")
                    || field.equals("attributes.build-host");
            if (buildField && !java.util.Objects.equals(before.fields().get(field), now.fields().get(field))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The deployed state the plan is built against ({@link StalePlans}): the fingerprint of the committed snapshot
     * of every resource it touches ("" when not deployed). Orchestration jobs have no deployed state.
     */
    private static Map<String, String> base(List<Change> changes, Map<String, ResourceSnapshot> committed) {
        List<String> touched = changes.stream().filter(c -> c.kind() != ResourceKind.JOB).map(Change::resource)
                .distinct().toList();
        List<String> fingerprints = Parallel.map(touched, r -> Snapshots.fingerprint(committed.get(r)));
        Map<String, String> base = new TreeMap<>();
        for (int i = 0; i < touched.size(); i++) {
            base.put(touched.get(i), fingerprints.get(i));
        }
        return base;
    }

    /** The workspace the plan is built from (see the class comment). */
    private static Workspace planWorkspace(Workspace workspace, Store store, List<Change> changes,
                                           Map<String, ResourceSnapshot> committed,
                                           Map<String, ResourceSnapshot> desiredOverride, String env) {
        Map<String, Resource> byName = new LinkedHashMap<>();
        workspace.resources().forEach(r -> byName.putIfAbsent(r.name(), r));
        Set<String> existing = new HashSet<>(byName.keySet());
        changes.forEach(c -> existing.add(c.resource()));
        for (Change change : changes) {
            if (!byName.containsKey(change.resource())) {
                ResourceSnapshot from = desiredOverride.getOrDefault(change.resource(), committed.get(change.resource()));
                if (from == null) {
                    throw new StageException("change " + change.id() + " names resource '" + change.resource()
                            + "', which is neither in the files nor in the committed state; discard it");
                }
                byName.put(change.resource(), Rebuilt.resource(from, existing));
            }
        }
        for (Change change : changes) {
            Resource r = byName.get(change.resource());
            if (Action.REMOVE.equals(change.action()) && !r.actions().containsKey(Action.REMOVE)) {
                byName.put(r.name(), withAction(r, new Action(Action.REMOVE, List.of(), 0, null, SourceRef.NONE)));
            }
            if (r.kind() == ResourceKind.JOB && change.reason().startsWith(Stager.NOT_YET_SUCCEEDED)) {
                String fp = Fingerprints.of(r);
                List<String> missing = Fingerprints.hostsOf(workspace, r, env).stream()
                        .filter(h -> !store.jobCache().succeeded(h, fp)).toList();
                if (!missing.isEmpty()) { // all cached meanwhile: keep every target rather than none
                    byName.put(r.name(), withTargets(byName.get(r.name()), missing));
                }
            }
        }
        return new Workspace(workspace.root(), workspace.hosts(), new ArrayList<>(byName.values()), workspace.files());
    }

    private static Resource withAction(Resource r, Action action) {
        Map<String, Action> actions = new LinkedHashMap<>(r.actions());
        actions.put(action.name(), action);
        return new Resource(r.name(), r.kind(), r.targets(), r.tags(), r.inputs(), actions, r.waitFor(), r.env(),
                r.workdir(), r.attributes(), r.source());
    }

    private static Resource withTargets(Resource r, List<String> targets) {
        return new Resource(r.name(), r.kind(), targets, r.tags(), r.inputs(), r.actions(), r.waitFor(), r.env(),
                r.workdir(), r.attributes(), r.source());
    }
}
