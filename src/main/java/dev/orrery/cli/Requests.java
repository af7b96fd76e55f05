package dev.orrery.cli;

import dev.orrery.stage.StageRequest;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

/** The staging requests the verbs make, in one place. */
final class Requests {
    private Requests() {
    }

    /** Everything that differs ({@code environment} null: the default environment). */
    static StageRequest all(String environment) {
        return new StageRequest(new LinkedHashSet<>(), null, null, environment, new LinkedHashSet<>(), false);
    }

    /** {@code changes stage [-t TAG]... [-r RESOURCE -a ACTION] [--env ENV]}. */
    static StageRequest of(List<String> tags, String resource, String action, String environment) {
        return new StageRequest(new LinkedHashSet<>(tags), resource, action, environment, new LinkedHashSet<>(), false);
    }

    /** {@code orchestrate FILE [--restrict FP...] [--ignore-cache]}. */
    static StageRequest orchestration(Collection<String> restrict, boolean ignoreCache, String environment) {
        return new StageRequest(new LinkedHashSet<>(), null, null, environment, new LinkedHashSet<>(restrict), ignoreCache);
    }
}
