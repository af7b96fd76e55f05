package dev.orrery.run;

import dev.orrery.model.Task;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * How a {@link Runner} drives a plan. Immutable; start from {@link #defaults()} and change with the
 * {@code with...} methods.
 *
 * @param parallel       how many tasks run at once in the whole plan (CLI {@code --parallel N})
 * @param perHost        how many tasks run at once on one host
 * @param perType        limits per task type: a key is a {@link dev.orrery.model.ResourceKind} name
 *                       ({@code component}, {@code job}, case-insensitive) or an action name ({@code build});
 *                       every key that matches a task limits it
 * @param defaultTimeout for tasks whose action sets none
 * @param backoff        pause before the first automatic retry; doubled for each further retry
 * @param maxBackoff     the doubling stops here
 * @param outputCap      bytes of (masked) output kept per task attempt; the rest is replaced by a
 *                       {@code [output truncated after N bytes]} marker
 * @param pollInterval   how often the runner reads the store for control verbs from other processes
 */
public record RunOptions(int parallel, int perHost, Map<String, Integer> perType, Duration defaultTimeout,
                         Duration backoff, Duration maxBackoff, int outputCap, Duration pollInterval) {
    public static final int DEFAULT_PARALLEL = 10;
    public static final int DEFAULT_OUTPUT_CAP = 256 * 1024;

    public RunOptions {
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel must be at least 1, got " + parallel);
        }
        if (perHost < 1) {
            throw new IllegalArgumentException("perHost must be at least 1, got " + perHost);
        }
        if (outputCap < 0) {
            throw new IllegalArgumentException("outputCap must not be negative, got " + outputCap);
        }
        Objects.requireNonNull(defaultTimeout, "defaultTimeout");
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        Objects.requireNonNull(pollInterval, "pollInterval");
        var normalised = new java.util.LinkedHashMap<String, Integer>();
        perType.forEach((type, limit) -> {
            if (limit < 1) {
                throw new IllegalArgumentException("limit for type " + type + " must be at least 1, got " + limit);
            }
            normalised.put(type.toLowerCase(Locale.ROOT), limit);
        });
        perType = java.util.Collections.unmodifiableMap(normalised);
    }

    /** Parallel 10, one task per host, no type limits, 10 min timeout, 1 s back-off (max 30 s), 256 KiB output. */
    public static RunOptions defaults() {
        return new RunOptions(DEFAULT_PARALLEL, 1, Map.of(), Duration.ofMinutes(10), Duration.ofSeconds(1),
                Duration.ofSeconds(30), DEFAULT_OUTPUT_CAP, Duration.ofMillis(50));
    }

    public RunOptions withParallel(int n) {
        return new RunOptions(n, perHost, perType, defaultTimeout, backoff, maxBackoff, outputCap, pollInterval);
    }

    public RunOptions withPerHost(int n) {
        return new RunOptions(parallel, n, perType, defaultTimeout, backoff, maxBackoff, outputCap, pollInterval);
    }

    public RunOptions withTypeLimit(String type, int limit) {
        var types = new java.util.LinkedHashMap<>(perType);
        types.put(type.toLowerCase(Locale.ROOT), limit);
        return new RunOptions(parallel, perHost, types, defaultTimeout, backoff, maxBackoff, outputCap, pollInterval);
    }

    public RunOptions withDefaultTimeout(Duration timeout) {
        return new RunOptions(parallel, perHost, perType, timeout, backoff, maxBackoff, outputCap, pollInterval);
    }

    public RunOptions withBackoff(Duration first, Duration max) {
        return new RunOptions(parallel, perHost, perType, defaultTimeout, first, max, outputCap, pollInterval);
    }

    public RunOptions withOutputCap(int bytes) {
        return new RunOptions(parallel, perHost, perType, defaultTimeout, backoff, maxBackoff, bytes, pollInterval);
    }

    public RunOptions withPollInterval(Duration interval) {
        return new RunOptions(parallel, perHost, perType, defaultTimeout, backoff, maxBackoff, outputCap, interval);
    }

    /** The timeout of a task: its action's, else {@link #defaultTimeout}. */
    public Duration timeoutOf(Task task) {
        return task.timeout() != null ? task.timeout() : defaultTimeout;
    }

    /** Pause before automatic retry number {@code retry} (1-based): back-off doubled per retry, capped. */
    public Duration backoffBefore(int retry) {
        Duration pause = backoff;
        for (int i = 1; i < retry && pause.compareTo(maxBackoff) < 0; i++) {
            pause = pause.multipliedBy(2);
        }
        return pause.compareTo(maxBackoff) > 0 ? maxBackoff : pause;
    }

    /** The per-type limit keys that apply to a task: its kind and its action, lower-case. */
    static java.util.List<String> typeKeysOf(Task task) {
        return java.util.List.of(task.kind().name().toLowerCase(Locale.ROOT), task.action().toLowerCase(Locale.ROOT));
    }
}
