package dev.orrery.transport;

import dev.orrery.model.Host;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.session.ClientSession;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The floor for the execution benchmark: runs {@code command} {@code perHost} times on each host with bare
 * MINA exec channels over the pool's own sessions (no scheduler, no store, no output handling), one loop per
 * host, {@code parallelism} hosts at a time. Sessions are opened before the clock starts, as a runner that
 * already ran a task would have them.
 */
public final class RawExecLoop {
    /** @param wall time from the first channel to the last close; @param channels exec channels completed */
    public record Result(Duration wall, int channels, int failures) {
    }

    private RawExecLoop() {
    }

    public static Result run(TransportPool pool, List<Host> hosts, int perHost, String command, int parallelism,
                             Duration timeout) throws TransportException, InterruptedException {
        List<ClientSession> sessions = new ArrayList<>();
        for (Host host : hosts) {
            sessions.add(pool.sshTransport(host).session());
        }
        ExecutorService workers = Executors.newFixedThreadPool(Math.max(1, parallelism));
        try {
            long start = System.nanoTime();
            List<Future<Integer>> loops = new ArrayList<>();
            for (ClientSession session : sessions) {
                loops.add(workers.submit(() -> loop(session, perHost, command, timeout)));
            }
            int failures = 0;
            for (Future<Integer> loop : loops) {
                try {
                    failures += loop.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new TransportException("raw exec loop failed: " + e.getCause().getMessage(), e.getCause());
                }
            }
            return new Result(Duration.ofNanos(System.nanoTime() - start), sessions.size() * perHost, failures);
        } finally {
            workers.shutdownNow();
        }
    }

    private static int loop(ClientSession session, int times, String command, Duration timeout) throws IOException {
        int failures = 0;
        for (int i = 0; i < times; i++) {
            try (ChannelExec channel = session.createExecChannel(command)) {
                channel.setOut(OutputStream.nullOutputStream());
                channel.setErr(OutputStream.nullOutputStream());
                channel.open().verify(timeout);
                channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), timeout);
                Integer status = channel.getExitStatus();
                if (status == null || status != 0) {
                    failures++;
                }
            }
        }
        return failures;
    }
}
