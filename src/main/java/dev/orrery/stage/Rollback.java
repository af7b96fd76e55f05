package dev.orrery.stage;

import dev.orrery.model.Action;
import dev.orrery.model.Change;
import dev.orrery.model.FieldDiff;
import dev.orrery.model.Plan;
import dev.orrery.model.Input;
import dev.orrery.model.Release;
import dev.orrery.model.Resource;
import dev.orrery.model.ResourceKind;
import dev.orrery.model.ResourceSnapshot;
import dev.orrery.model.Secrets;
import dev.orrery.model.SourceRef;
import dev.orrery.model.Workspace;
import dev.orrery.store.Store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code rollback [release] [-t TAG] [-r RESOURCE]}: stages the diff from the environment's committed state now back to the
 * state recorded with the release, and processes it into a plan. A resource committed now but absent at the
 * release is removed; one that differs is updated (components: deployed) with the release's snapshot as the
 * desired state, so running the plan commits the release's state again; one the release had and that is gone
 * now is run again. The update/run tasks run the RELEASE's version of each resource: it is rebuilt from the
 * release's snapshot (whatever the files say now), so the hosts get the release's values back. Snapshots keep
 * secrets only as digests: a secret input whose digest at the release equals the digest of the files' current
 * value gets that value back (and the masked steps are filled in with it); otherwise the rollback is refused
 * until the files hold that secret again. Removals run the current definition (the files', or the committed
 * snapshot's). Only these changes go into the plan; other staged changes stay staged. Without a release id, the
 * newest release that differs from what is deployed ({@link #previous}); with tags or a resource, only that part.
 */
public final class Rollback {
    public static final String REASON = "rollback to release ";

    private Rollback() {
    }

    /**
     * @param environment null: the release's environment; otherwise it must be the release's environment
     * @throws StageException if the release does not exist, is for another environment, or nothing differs
     */
    public static Plan plan(Workspace workspace, Store store, long releaseId, String environment) {
        return plan(workspace, store, releaseId, environment, Set.of(), null);
    }

    /**
     * Rolls back only part of the deployed state, like Solar's {@code master.rollback} of one module: only the
     * resources carrying one of {@code tags} (in the release's or the current state; empty: every tag) and, when
     * {@code resource} is not null, only that resource, plus the resources linking to their inputs. The others
     * stay as they are deployed now.
     *
     * @throws StageException as {@link #plan(Workspace, Store, long, String)}, and when the selection names
     *                        nothing that differs
     */
    public static Plan plan(Workspace workspace, Store store, long releaseId, String environment, Set<String> tags,
                            String resource) {
        Release release = store.releases().find(releaseId).orElseThrow(() -> new StageException(
                "no release " + releaseId + ": list them with `releases`"));
        String env = environment == null ? release.environment() : environment.strip();
        if (!env.equals(release.environment())) {
            throw new StageException("release " + releaseId + " is for environment '" + release.environment()
                    + "', not '" + env + "'");
        }
        Map<String, ResourceSnapshot> target = store.committed().atRelease(releaseId);
        Map<String, ResourceSnapshot> current = store.committed().all(env);
        if (resource != null && !target.containsKey(resource) && !current.containsKey(resource)) {
            throw new StageException("neither release " + releaseId + " nor what is deployed now has resource '"
                    + resource + "'");
        }
        List<Change> changes = selected(changesBack(target, current, env, REASON + releaseId), tags, resource,
                target, current);
        if (changes.isEmpty()) {
            throw new StageException("nothing to roll back: the committed state of "
                    + (env.isEmpty() ? "the default environment" : "environment '" + env + "'")
                    + (tags.isEmpty() && resource == null ? "" : " (" + selection(tags, resource) + ")")
                    + " already equals release " + releaseId);
        }
        Workspace released = withReleasedResources(workspace, changes, target, releaseId);
        return Processor.process(released, store, store.changes().stageAll(changes), env, target);
    }

    /**
     * The release {@code rollback} without an id goes back to: the newest release of {@code environment} whose
     * recorded state differs (in the selected part) from what is deployed now. After a release is deployed that
     * is the one before it; after a run that failed half-way, the last release that completed.
     *
     * @throws StageException when no release of the environment differs
     */
    public static long previous(Store store, String environment, Set<String> tags, String resource) {
        String env = environment == null ? "" : environment.strip();
        Map<String, ResourceSnapshot> current = store.committed().all(env);
        for (Release release : store.releases().list(env)) {
            Map<String, ResourceSnapshot> target = store.committed().atRelease(release.id());
            if (!selected(changesBack(target, current, env, "", Instant.EPOCH), tags, resource, target, current)
                    .isEmpty()) {
                return release.id();
            }
        }
        throw new StageException("no earlier release of " + (env.isEmpty() ? "the default environment"
                : "environment '" + env + "'") + " differs from what is deployed now"
                + (tags.isEmpty() && resource == null ? "" : " (" + selection(tags, resource) + ")")
                + ": nothing to roll back to (see `releases`)");
    }

    private static List<Change> changesBack(Map<String, ResourceSnapshot> target, Map<String, ResourceSnapshot> current,
                                            String env, String reason) {
        return changesBack(target, current, env, reason, Instant.now());
    }

    /** The changes that take {@code current} back to {@code target}: removals, then updates and runs again. */
    private static List<Change> changesBack(Map<String, ResourceSnapshot> target, Map<String, ResourceSnapshot> current,
                                            String env, String reason, Instant now) {
        List<Change> changes = new ArrayList<>();
        for (ResourceSnapshot nowState : current.values()) {
            if (!target.containsKey(nowState.name())) {
                changes.add(new Change(0, nowState.name(), nowState.kind(), Action.REMOVE, nowState.tags(),
                        Diffs.between(nowState, null), reason, env, now));
            }
        }
        for (ResourceSnapshot then : target.values()) {
            ResourceSnapshot nowState = current.get(then.name());
            List<FieldDiff> diff = Diffs.between(nowState, then);
            if (nowState == null || !diff.isEmpty()) {
                Set<String> tags = new HashSet<>(then.tags());
                if (nowState != null) {
                    tags.addAll(nowState.tags());
                }
                changes.add(new Change(0, then.name(), then.kind(), Stager.deployAction(then.kind(), nowState == null),
                        tags, diff, reason, env, now));
            }
        }
        changes.removeIf(c -> c.kind() == ResourceKind.JOB);
        return changes;
    }

    /**
     * The changes of the selected part, and of the resources that link to an input the rollback changes (whatever
     * their tags, transitively), as staging does: rolling back {@code app} alone must not leave
     * {@code load-balancer} pointing at the port {@code app} no longer listens on.
     */
    private static List<Change> selected(List<Change> changes, Set<String> tags, String resource,
                                         Map<String, ResourceSnapshot> target, Map<String, ResourceSnapshot> current) {
        if (tags.isEmpty() && resource == null) {
            return changes;
        }
        Set<String> changedInputs = new HashSet<>(); // "resource.input" of the selected changes
        Set<String> names = new HashSet<>();
        changes.stream()
                .filter(c -> resource == null || c.resource().equals(resource))
                .filter(c -> tags.isEmpty() || c.tags().stream().anyMatch(tags::contains))
                .forEach(c -> select(c, names, changedInputs));
        boolean grew = !names.isEmpty();
        while (grew) {
            grew = false;
            for (Change c : changes) {
                if (!names.contains(c.resource()) && (linksTo(target.get(c.resource()), changedInputs)
                        || linksTo(current.get(c.resource()), changedInputs))) {
                    select(c, names, changedInputs);
                    grew = true;
                }
            }
        }
        return changes.stream().filter(c -> names.contains(c.resource())).toList();
    }

    private static void select(Change change, Set<String> names, Set<String> changedInputs) {
        names.add(change.resource());
        for (FieldDiff d : change.diff()) {
            String field = d.field();
            if (field.startsWith("inputs.")) {
                String input = field.substring("inputs.".length());
                for (String suffix : List.of(Snapshots.SECRET_SUFFIX, Snapshots.LINK_SUFFIX)) {
                    if (input.endsWith(suffix)) {
                        input = input.substring(0, input.length() - suffix.length());
                    }
                }
                changedInputs.add(change.resource() + "." + input);
            }
        }
    }

    /** True when one of the snapshot's inputs links to one of {@code inputs} ("resource.input"). */
    private static boolean linksTo(ResourceSnapshot snapshot, Set<String> inputs) {
        if (snapshot == null) {
            return false;
        }
        for (Map.Entry<String, String> field : snapshot.fields().entrySet()) {
            if (field.getKey().startsWith("inputs.") && field.getKey().endsWith(Snapshots.LINK_SUFFIX)
                    && inputs.contains(field.getValue())) {
                return true;
            }
        }
        return false;
    }

    private static String selection(Set<String> tags, String resource) {
        List<String> parts = new ArrayList<>();
        if (!tags.isEmpty()) {
            parts.add("tag " + String.join(" or ", new java.util.TreeSet<>(tags)));
        }
        if (resource != null) {
            parts.add("resource " + resource);
        }
        return String.join(", ", parts);
    }

    /** {@code workspace} with every resource to update or run again replaced by its release version. */
    private static Workspace withReleasedResources(Workspace workspace, List<Change> changes,
                                                   Map<String, ResourceSnapshot> target, long releaseId) {
        Map<String, Resource> current = new LinkedHashMap<>();
        workspace.resources().forEach(r -> current.putIfAbsent(r.name(), r));
        Set<String> existing = new HashSet<>(current.keySet());
        changes.forEach(c -> existing.add(c.resource()));
        Map<String, Resource> released = new LinkedHashMap<>();
        for (Change change : changes) {
            if (!Action.REMOVE.equals(change.action())) {
                released.put(change.resource(), fromRelease(target.get(change.resource()),
                        current.get(change.resource()), releaseId, existing));
            }
        }
        List<Resource> resources = new ArrayList<>();
        for (Resource r : workspace.resources()) {
            resources.add(released.getOrDefault(r.name(), r));
        }
        released.forEach((name, r) -> {
            if (!current.containsKey(name)) {
                resources.add(r);
            }
        });
        return new Workspace(workspace.root(), workspace.hosts(), resources, workspace.files());
    }

    /**
     * The release's version of a resource, rebuilt from its snapshot, with its secrets taken from the files'
     * {@code current} version when their digests match.
     */
    static Resource fromRelease(ResourceSnapshot then, Resource current, long releaseId, Set<String> existing) {
        Map<String, Input> secrets = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : then.fields().entrySet()) {
            String key = e.getKey();
            if (key.startsWith("inputs.") && !key.endsWith(Snapshots.SECRET_SUFFIX)
                    && !key.endsWith(Snapshots.LINK_SUFFIX) && Snapshots.isSecret(key, then)) {
                String name = key.substring("inputs.".length());
                Input now = current == null ? null : current.inputs().get(name);
                if (now == null || !now.secret() || !Snapshots.digest(now.value()).equals(e.getValue())) {
                    throw new StageException("secret input " + name + " of " + then.name()
                            + " changed since release " + releaseId + "; restore it in the files first");
                }
                secrets.put(name, now);
            }
        }
        if (secrets.isEmpty()) {
            return Rebuilt.resource(then, existing);
        }
        Map<String, String> fields = unmasked(then, current, secrets, releaseId);
        Resource rebuilt = Rebuilt.resource(new ResourceSnapshot(then.name(), then.kind(), fields, then.tags()),
                existing);
        Map<String, Input> inputs = new LinkedHashMap<>();
        rebuilt.inputs().forEach((name, in) -> {
            Input secret = secrets.get(name);
            inputs.put(name, secret == null ? in : new Input(name, secret.value(), in.linkResource(), in.linkInput(),
                    true, SourceRef.NONE));
        });
        return new Resource(rebuilt.name(), rebuilt.kind(), rebuilt.targets(), rebuilt.tags(), inputs,
                rebuilt.actions(), rebuilt.waitFor(), rebuilt.env(), rebuilt.workdir(), rebuilt.attributes(),
                SourceRef.NONE);
    }

    /**
     * The snapshot's fields with the secret masks filled in: a masked field the files still have as it was takes
     * the files' value; otherwise, with a single secret value, the mask is replaced by it (shell-escaped in
     * steps). With several secret values a changed masked field is ambiguous and the rollback is refused.
     */
    private static Map<String, String> unmasked(ResourceSnapshot then, Resource current, Map<String, Input> secrets,
                                                long releaseId) {
        Map<String, String> nowMasked = Snapshots.of(current).fields();
        Map<String, String> nowRaw = Snapshots.of(withoutSecrets(current)).fields();
        List<String> values = secrets.values().stream().map(Input::value)
                .filter(v -> v != null && !v.isEmpty()).distinct().toList();
        Map<String, String> fields = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : then.fields().entrySet()) {
            String key = e.getKey();
            String value = e.getValue();
            if (key.startsWith("inputs.") || !value.contains(Secrets.MASK)) {
                fields.put(key, value);
            } else if (value.equals(nowMasked.get(key)) && nowRaw.containsKey(key)) {
                fields.put(key, nowRaw.get(key));
            } else if (values.size() == 1) {
                String secret = values.get(0);
                fields.put(key, value.replace(Secrets.MASK,
                        key.startsWith("actions.") ? secret.replace("'", "'\\''") : secret));
            } else {
                throw new StageException(key + " of " + then.name() + " uses secrets and changed since release "
                        + releaseId + "; restore it in the files first");
            }
        }
        return fields;
    }

    private static Resource withoutSecrets(Resource r) {
        Map<String, Input> inputs = new LinkedHashMap<>();
        r.inputs().forEach((name, in) -> inputs.put(name, new Input(name, in.value(), in.linkResource(),
                in.linkInput(), false, in.source())));
        return new Resource(r.name(), r.kind(), r.targets(), r.tags(), inputs, r.actions(), r.waitFor(), r.env(),
                r.workdir(), r.attributes(), r.source());
    }
}
