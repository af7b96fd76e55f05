package dev.orrery.model;

import java.util.List;
import java.util.function.Function;

/**
 * Maps a list on every core when it is long enough to pay for sharing the work out, keeping its order. Loading,
 * staging and storing a plan use it for their per-resource work (snapshots, diffs, builds, row encodings).
 */
public final class Parallel {
    /** Below this many items one thread is quicker (measured on the planning benchmark's workspaces). */
    public static final int FROM = 500;

    private Parallel() {
    }

    /** {@code items} mapped by {@code f}, in order; {@code f} must touch nothing shared. */
    public static <T, R> List<R> map(List<T> items, Function<? super T, ? extends R> f) {
        return (items.size() >= FROM ? items.parallelStream() : items.stream()).<R>map(f).toList();
    }
}
