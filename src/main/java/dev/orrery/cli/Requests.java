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
        return StageRequest.all().withEnvironment(environment);
    }

    /** {@code changes stage [-t TAG]... [-r RESOURCE -a ACTION] [--env ENV]}. */
    static StageRequest of(List<String> tags, String resource, String action, String environment) {
        return all(environment).withTags(new LinkedHashSet<>(tags)).withResource(resource, action);
    }

    /** {@code orchestrate FILE [--restrict FP...] [--ignore-cache]}. */
    static StageRequest orchestration(Collection<String> restrict, boolean ignoreCache, String environment) {
        return all(environment).withRestrict(new LinkedHashSet<>(restrict)).withIgnoreCache(ignoreCache);
    }
}
