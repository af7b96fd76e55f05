package dev.orrery.transport;

/** Receives output lines of a running step, in order per stream. */
@FunctionalInterface
public interface OutputSink {
    void line(boolean stderr, String line);
}
