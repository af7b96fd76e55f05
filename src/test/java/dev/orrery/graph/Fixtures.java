package dev.orrery.graph;

import dev.orrery.model.Action;
import dev.orrery.model.Change;
import dev.orrery.model.Host;
import dev.orrery.model.Input;
import dev.orrery.model.Resource;
import dev.orrery.model.ResourceKind;
import dev.orrery.model.SourceRef;
import dev.orrery.model.Step;
import dev.orrery.model.Workspace;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/** Small workspaces built from model records, as the loader would produce them. */
final class Fixtures {
    static final Instant CREATED = Instant.parse("2024-05-01T10:00:00Z");
    private static final AtomicLong IDS = new AtomicLong();

    private Fixtures() {
    }

    static Host host(String name, String... tags) {
        return new Host(name, "127.0.0.1", 0, null, null, null, Set.of(tags), true, false, SourceRef.NONE);
    }

    static Action action(String resource, String name) {
        return new Action(name, List.of(new Step.Exec("echo " + resource + " " + name)), 0, null, SourceRef.NONE);
    }

    static Map<String, Action> actions(String resource, String... names) {
        Map<String, Action> actions = new LinkedHashMap<>();
        for (String name : names) {
            actions.put(name, action(resource, name));
        }
        return actions;
    }

    /** A native resource with actions run, update, remove. */
    static Resource resource(String name, List<String> targets, String... waitFor) {
        return new Resource(name, ResourceKind.RESOURCE, targets, Set.of(), Map.of(),
                actions(name, "run", "update", "remove"), List.of(waitFor), Map.of(), null, Map.of(), SourceRef.NONE);
    }

    /** A native resource whose input {@code input} is linked to {@code other.input}. */
    static Resource linked(String name, List<String> targets, String other) {
        Map<String, Input> inputs = Map.of("input", new Input("input", "v", other, "input", false, SourceRef.NONE));
        return new Resource(name, ResourceKind.RESOURCE, targets, Set.of(), inputs,
                actions(name, "run", "update", "remove"), List.of(), Map.of(), null, Map.of(), SourceRef.NONE);
    }

    static Resource component(String name, String reuseFrom, String... waitFor) {
        Map<String, String> attributes = reuseFrom == null ? Map.of("type", "continuous")
                : Map.of("type", "continuous", Dependencies.REUSE_FROM, reuseFrom);
        return new Resource(name, ResourceKind.COMPONENT, List.of(), Set.of(), Map.of(),
                actions(name, "build", "deploy", "remove"), List.of(waitFor), Map.of(), null, attributes,
                SourceRef.NONE);
    }

    static Resource job(String file, int entry, int index, String verb, boolean async, String... targets) {
        String name = file + "." + entry + "." + index;
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("verb", verb.toUpperCase());
        attributes.put("value", "echo " + name);
        attributes.put(Dependencies.ENTRY, Integer.toString(entry));
        attributes.put(Dependencies.INDEX, Integer.toString(index));
        if (async) {
            attributes.put(Dependencies.ASYNC, "true");
        }
        return new Resource(name, ResourceKind.JOB, Arrays.asList(targets), Set.of(), Map.of(),
                actions(name, verb), List.of(), Map.of(), null, attributes, SourceRef.NONE);
    }

    static Workspace workspace(List<Host> hosts, Resource... resources) {
        return new Workspace(Path.of("/ws"), hosts, List.of(resources), Map.of());
    }

    static Change change(String resource, String action) {
        return new Change(IDS.incrementAndGet(), resource, ResourceKind.RESOURCE, action, Set.of(), List.of(), "new",
                "", CREATED);
    }

    static List<Change> run(String... resources) {
        return Arrays.stream(resources).map(r -> change(r, "run")).toList();
    }
}
