package dev.orrery.transport;

import java.util.ArrayList;
import java.util.List;

/** An OutputSink that keeps what it got, thread-safe. */
final class Output implements OutputSink {
    private final List<String> out = new ArrayList<>();
    private final List<String> err = new ArrayList<>();

    @Override
    public synchronized void line(boolean stderr, String line) {
        (stderr ? err : out).add(line);
    }

    synchronized List<String> out() {
        return List.copyOf(out);
    }

    synchronized List<String> err() {
        return List.copyOf(err);
    }
}
