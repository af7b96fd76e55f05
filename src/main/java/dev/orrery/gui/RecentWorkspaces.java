package dev.orrery.gui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.prefs.Preferences;

/** The last workspaces opened, newest first, kept in {@link Preferences} (at most {@value #MAX}). */
public final class RecentWorkspaces {
    static final int MAX = 8;
    private static final String KEY = "recent.";
    private final Preferences prefs;

    public RecentWorkspaces(Preferences prefs) {
        this.prefs = prefs;
    }

    public static RecentWorkspaces forUser() {
        return new RecentWorkspaces(Preferences.userNodeForPackage(RecentWorkspaces.class));
    }

    public List<Path> list() {
        List<Path> paths = new ArrayList<>();
        for (int i = 0; i < MAX; i++) {
            String p = prefs.get(KEY + i, null);
            if (p != null) {
                paths.add(Path.of(p));
            }
        }
        return paths;
    }

    /** Moves {@code root} to the front. */
    public void add(Path root) {
        Path normalized = root.toAbsolutePath().normalize();
        List<Path> paths = new ArrayList<>(list());
        paths.remove(normalized);
        paths.add(0, normalized);
        for (int i = 0; i < MAX; i++) {
            if (i < paths.size()) {
                prefs.put(KEY + i, paths.get(i).toString());
            } else {
                prefs.remove(KEY + i);
            }
        }
    }
}
