package dev.orrery.model;

import java.time.Instant;
import java.util.Map;

/**
 * One run of a plan (run-once, resume, retry... each is a run). {@code finished} is null while it goes on.
 *
 * @param result  SUCCESS when every task ended SUCCESS/NOOP, ERROR when something failed, SKIPPED when stopped
 * @param outcome null when the run ended by itself; {@code interrupted (runner pid N on H died)} when its runner
 *                died and a later process closed it
 */
public record RunSummary(long id, String planUid, String environment, Instant started, Instant finished,
                         TaskState result, Map<TaskState, Integer> counts, String outcome) {
    public RunSummary(long id, String planUid, String environment, Instant started, Instant finished,
                      TaskState result, Map<TaskState, Integer> counts) {
        this(id, planUid, environment, started, finished, result, counts, null);
    }
}
