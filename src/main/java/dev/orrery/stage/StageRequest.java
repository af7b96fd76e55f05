package dev.orrery.stage;

import java.util.Set;

/**
 * What to stage (the options of {@code changes stage} and {@code orchestrate}).
 *
 * @param tags             stage only what carries one of these tags (empty: everything)
 * @param resource         only this resource (null: every resource)
 * @param action           with {@code resource}: stage this action even without a diff ({@code restart},
 *                         {@code test}, ...); null: the action the diff calls for
 * @param environment      the environment (host tag) whose committed state is compared; null or "" for none
 * @param ignoreCache      stage orchestration jobs even where they already succeeded with the same fingerprint
 * @param restrict         only the orchestration jobs with these fingerprints (or unique prefixes), replayed
 *                         even where cached; nothing else is staged (empty: no restriction)
 * @param fingerprintsOnly list the jobs and fingerprints that would be staged, store nothing
 */
public record StageRequest(Set<String> tags, String resource, String action, String environment,
                           boolean ignoreCache, Set<String> restrict, boolean fingerprintsOnly) {
    public StageRequest {
        tags = tags == null ? Set.of() : Set.copyOf(tags);
        restrict = restrict == null ? Set.of() : Set.copyOf(restrict);
        environment = environment == null ? "" : environment.strip();
    }

    /** Everything that differs, default environment. */
    public static StageRequest all() {
        return new StageRequest(Set.of(), null, null, "", false, Set.of(), false);
    }

    public StageRequest withTags(Set<String> newTags) {
        return new StageRequest(newTags, resource, action, environment, ignoreCache, restrict, fingerprintsOnly);
    }

    public StageRequest withResource(String newResource, String newAction) {
        return new StageRequest(tags, newResource, newAction, environment, ignoreCache, restrict, fingerprintsOnly);
    }

    public StageRequest withEnvironment(String newEnvironment) {
        return new StageRequest(tags, resource, action, newEnvironment, ignoreCache, restrict, fingerprintsOnly);
    }

    public StageRequest withIgnoreCache(boolean ignore) {
        return new StageRequest(tags, resource, action, environment, ignore, restrict, fingerprintsOnly);
    }

    public StageRequest withRestrict(Set<String> fingerprints) {
        return new StageRequest(tags, resource, action, environment, ignoreCache, fingerprints, fingerprintsOnly);
    }

    public StageRequest withFingerprintsOnly(boolean only) {
        return new StageRequest(tags, resource, action, environment, ignoreCache, restrict, only);
    }
}
