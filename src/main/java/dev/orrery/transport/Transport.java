package dev.orrery.transport;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A way to run steps on one host: SSH, a local process, or a sandbox host (embedded SSH server).
 * One instance per host, reused for every task on that host; safe to call from several threads
 * (each call opens its own channel).
 */
public interface Transport {
    /**
     * Runs {@code command} with {@code sh} in {@code workdir} (null: the login folder; on a sandbox host, inside
     * its folder) with {@code env} added and standard input empty, streaming each output line to {@code sink} as
     * it arrives. A workdir that cannot be entered fails the step (exit 1, "cannot enter workdir DIR" on stderr)
     * before any of the command runs. Waits at most {@code timeout}; a step that times out, or whose thread is
     * interrupted, is stopped on the host with its whole process group (TERM, then KILL after a grace period).
     *
     * @return the exit code
     * @throws TransportException with a sentence a person can act on (unreachable, auth, dropped, timed out)
     */
    int exec(String command, Map<String, String> env, String workdir, OutputSink sink, Duration timeout)
            throws TransportException, InterruptedException;

    /**
     * Copies a local file, folder (recursively) or glob to the host over SFTP; relative remote paths are
     * relative to {@code workdir}. Then applies {@code owner} ({@code user:group}, may be null) and
     * {@code mode} (octal, may be null).
     */
    void upload(Path localSource, String remoteDestination, String workdir, String owner, String mode,
                Duration timeout) throws TransportException, InterruptedException;

    /** For messages: {@code ssh deploy@10.0.0.5:22}, {@code local}, {@code sandbox 127.0.0.1:40123}. */
    String describe();
}
