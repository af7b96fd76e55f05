package dev.orrery.stage;

import dev.orrery.model.Host;
import dev.orrery.model.Resource;
import dev.orrery.model.ResourceKind;
import dev.orrery.model.Workspace;
import dev.orrery.store.JobCacheRepository;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Orchestration jobs and their fingerprints (Directord's {@code --finger-print}), with the targets where each
 * already succeeded (the job cache). Thread-safe if the store is.
 */
public final class Fingerprints {
    public static final String ATTRIBUTE = "fingerprint";

    /**
     * @param job         the job resource name ({@code <file stem>.<entry#>.<job#>})
     * @param hosts       its target hosts in the environment
     * @param cachedHosts those of {@code hosts} where it already succeeded with this fingerprint
     */
    public record JobFingerprint(String job, String verb, String value, String fingerprint, List<String> hosts,
                                 List<String> cachedHosts) {
        public boolean cachedEverywhere() {
            return cachedHosts.size() == hosts.size();
        }
    }

    private Fingerprints() {
    }

    /** The job's fingerprint attribute. */
    public static String of(Resource job) {
        return job.attributes().getOrDefault(ATTRIBUTE, "");
    }

    /** Every job of the workspace with targets in {@code environment} ("" for all hosts), in file order. */
    public static List<JobFingerprint> list(Workspace workspace, JobCacheRepository cache, String environment) {
        List<JobFingerprint> out = new ArrayList<>();
        for (Resource r : workspace.resources()) {
            if (r.kind() != ResourceKind.JOB) {
                continue;
            }
            List<String> hosts = hostsOf(workspace, r, environment);
            if (hosts.isEmpty()) {
                continue;
            }
            String fp = of(r);
            List<String> cached = hosts.stream().filter(h -> cache.succeeded(h, fp)).toList();
            out.add(new JobFingerprint(r.name(), r.attributes().getOrDefault("verb", ""),
                    r.attributes().getOrDefault("value", ""), fp, hosts, cached));
        }
        return out;
    }

    /** True when {@code fingerprint} equals one of {@code wanted} or starts with one (a prefix of 4+ characters). */
    static boolean matches(String fingerprint, Set<String> wanted) {
        return wanted.stream().anyMatch(w -> fingerprint.equals(w) || (w.length() >= 4 && fingerprint.startsWith(w)));
    }

    static List<String> hostsOf(Workspace workspace, Resource job, String environment) {
        String env = environment == null || environment.isBlank() ? null : environment;
        List<Host> hosts = job.targets().isEmpty()
                ? workspace.hosts().stream().filter(h -> env == null || h.tags().contains(env)).toList()
                : workspace.targetsOf(job, env);
        return hosts.stream().map(Host::name).toList();
    }
}
