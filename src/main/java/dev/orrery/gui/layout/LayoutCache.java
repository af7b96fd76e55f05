package dev.orrery.gui.layout;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers the last few layouts by {@link LayoutRequest#signature()}, so that showing a graph again (another
 * view and back, a new plan of the same shape, a state change) costs no layout. Least recently used entries go
 * first. Thread-safe (synchronized; lookups are O(signature length)).
 */
public final class LayoutCache {
    private final Map<String, LayoutResult> entries;

    public LayoutCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, LayoutResult> eldest) {
                return size() > capacity;
            }
        };
    }

    public synchronized LayoutResult get(String signature) {
        return entries.get(signature);
    }

    public synchronized void put(String signature, LayoutResult result) {
        entries.put(signature, result);
    }

    public synchronized int size() {
        return entries.size();
    }
}
