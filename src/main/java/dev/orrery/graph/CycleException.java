package dev.orrery.graph;

import java.util.List;

/**
 * Dependencies that go round in a circle. The message is the whole cycle, read as "waits for":
 * {@code a → b → c → a} means a waits for b, b for c and c for a. The first name is repeated at the end.
 */
public final class CycleException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final List<String> cycle;

    /**
     * @param cycle the names on the cycle in "waits for" order, first name repeated at the end
     * @throws IllegalArgumentException if the list does not close on its first element
     */
    public CycleException(List<String> cycle) {
        super(String.join(" → ", requireClosed(cycle)));
        this.cycle = List.copyOf(cycle);
    }

    /** The names on the cycle in "waits for" order; the first is repeated at the end. */
    public List<String> cycle() {
        return cycle;
    }

    private static List<String> requireClosed(List<String> cycle) {
        if (cycle.size() < 2 || !cycle.get(0).equals(cycle.get(cycle.size() - 1))) {
            throw new IllegalArgumentException("a cycle must end on its first element: " + cycle);
        }
        return cycle;
    }
}
