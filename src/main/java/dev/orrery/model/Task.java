package dev.orrery.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One action of one resource on one host: {@code api.update@web-1}. Everything needed to run it is here,
 * already resolved, so a stored plan runs the same even if the workspace files change afterwards.
 *
 * @param secrets values to mask in output and history (never shown)
 * @param weight  number of descendants in the plan; heavier tasks start first
 */
public record Task(String id, String resource, ResourceKind kind, String action, String host,
                   List<Step> steps, Map<String, String> env, String workdir, int retries, Duration timeout,
                   List<String> secrets, int weight) {
    public Task {
        steps = List.copyOf(steps);
        env = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(env));
        secrets = List.copyOf(secrets);
    }

    public static String idOf(String resource, String action, String host) {
        return resource + "." + action + "@" + host;
    }

    public Task withWeight(int newWeight) {
        return new Task(id, resource, kind, action, host, steps, env, workdir, retries, timeout, secrets, newWeight);
    }
}
