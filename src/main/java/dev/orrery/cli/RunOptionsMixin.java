package dev.orrery.cli;

import dev.orrery.run.RunOptions;
import dev.orrery.transport.HostKeyPolicy;
import picocli.CommandLine.Option;

/** Options of every verb that runs tasks: limits, host keys, output. */
final class RunOptionsMixin {
    @Option(names = "--parallel", paramLabel = "N", description = "Run at most N tasks at once (default ${DEFAULT-VALUE}).",
            defaultValue = "" + RunOptions.DEFAULT_PARALLEL)
    int parallel;

    @Option(names = "--per-host", paramLabel = "N", description = "Run at most N tasks at once on one host (default ${DEFAULT-VALUE}).",
            defaultValue = "1")
    int perHost;

    @Option(names = "--accept-new-host-keys", description = {"Accept and remember the key of a host not in known_hosts",
            "(as OpenSSH's accept-new); a changed key is always refused."})
    boolean acceptNewHostKeys;

    @Option(names = "--output", description = "Also print the output lines of the tasks as they come.")
    boolean showOutput;

    RunOptions options() {
        if (parallel < 1 || perHost < 1) {
            throw new UsageException("--parallel and --per-host must be at least 1");
        }
        return RunOptions.defaults().withParallel(parallel).withPerHost(perHost);
    }

    HostKeyPolicy hostKeyPolicy() {
        return acceptNewHostKeys ? HostKeyPolicy.acceptNew() : HostKeyPolicy.refuse();
    }
}
