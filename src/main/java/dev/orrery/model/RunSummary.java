package dev.orrery.model;

import java.time.Instant;
import java.util.Map;

/**
 * One run of a plan (run-once, resume, retry... each is a run). {@code finished} is null while it goes on.
 *
 * @param result SUCCESS when every task ended SUCCESS/NOOP, ERROR when something failed, SKIPPED when stopped
 */
public record RunSummary(long id, String planUid, String environment, Instant started, Instant finished,
                         TaskState result, Map<TaskState, Integer> counts) {
}
