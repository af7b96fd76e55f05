package dev.orrery.graph;

import dev.orrery.model.Input;
import dev.orrery.model.Resource;
import dev.orrery.model.ResourceKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The resource-level rules shared by {@link PlanBuilder} and {@link ResourceGraph}. */
final class Dependencies {
    /** Component attribute naming the component whose build image a component reuses. */
    static final String REUSE_FROM = "reuse-from";
    /** Job attributes (Directord): entry and job number, 1-based, and whether the entry is async. */
    static final String ENTRY = "entry";
    static final String INDEX = "index";
    static final String ASYNC = "async";
    static final String BUILD = "build";
    static final String DEPLOY = "deploy";

    private Dependencies() {
    }

    /**
     * What a resource waits for: its {@code wait-for} names, then the resources its inputs link to, without
     * duplicates and without names the workspace does not know (a resource rebuilt from history for its
     * removal may name resources that are gone).
     */
    static List<String> waitsFor(Resource resource, Map<String, Resource> byName) {
        // A list with a contains check, not a set: a resource waits for a handful of others, and every plan
        // asks this of every resource.
        List<String> names = new ArrayList<>(resource.waitFor().size());
        for (String name : resource.waitFor()) {
            if (byName.containsKey(name) && !names.contains(name)) {
                names.add(name);
            }
        }
        for (Input input : resource.inputs().values()) {
            if (input.isLink() && byName.containsKey(input.linkResource()) && !names.contains(input.linkResource())) {
                names.add(input.linkResource());
            }
        }
        return names;
    }

    /** The component whose build a component reuses, if it names one the workspace knows. */
    static Optional<String> reuseFrom(Resource resource, Map<String, Resource> byName) {
        if (resource.kind() != ResourceKind.COMPONENT) {
            return Optional.empty();
        }
        String source = resource.attributes().get(REUSE_FROM);
        return source == null || source.isBlank() || !byName.containsKey(source) ? Optional.empty()
                : Optional.of(source);
    }

    static boolean reusesBuild(Resource resource) {
        String source = resource.attributes().get(REUSE_FROM);
        return source != null && !source.isBlank();
    }

    /** Where a job sits in its orchestration file. */
    record JobPosition(String file, int entry, int index, boolean async) {
    }

    /**
     * Reads a job's position from its attributes ({@code entry}, {@code index}, {@code async}), falling back to
     * its name {@code <file stem>.<entry#>.<job#>}.
     */
    static JobPosition jobPosition(Resource job) {
        String name = job.name();
        int last = name.lastIndexOf('.');
        int before = last > 0 ? name.lastIndexOf('.', last - 1) : -1;
        if (before <= 0) {
            throw new IllegalArgumentException("job '" + name + "' is not named <file stem>.<entry#>.<job#>");
        }
        String file = name.substring(0, before);
        int entry = number(job, ENTRY, name.substring(before + 1, last));
        int index = number(job, INDEX, name.substring(last + 1));
        boolean async = Boolean.parseBoolean(job.attributes().getOrDefault(ASYNC, "false"));
        return new JobPosition(file, entry, index, async);
    }

    private static int number(Resource job, String attribute, String fromName) {
        String text = job.attributes().getOrDefault(attribute, fromName);
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("job '" + job.name() + "' has no numeric " + attribute + ": " + text, e);
        }
    }
}
