package dev.orrery.transport;

import dev.orrery.model.Host;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A stand-in for a runner, started by {@link RunnerCrashTest} in its own JVM so the test can kill it with
 * SIGKILL: runs one step on a sandbox or local host and waits for it. Arguments: workspace, home, host kind
 * ({@code SANDBOX} or {@code LOCAL}), command.
 */
public final class StepInChildJvm {
    private StepInChildJvm() {
    }

    public static void main(String[] args) throws Exception {
        Path workspace = Path.of(args[0]);
        Host host = StepHosts.valueOf(args[2]).host(null);
        try (TransportPool pool = TransportPool.create(workspace, HostKeyPolicy.refuse(), PassphraseProvider.none(),
                TransportSettings.defaults().withUserHome(Path.of(args[1])))) {
            int exit = pool.forHost(host).exec(args[3], Map.of(), null, (stderr, line) -> System.out.println(line),
                    Duration.ofMinutes(5));
            System.out.println("exit " + exit);
        }
        System.exit(0);
    }
}
