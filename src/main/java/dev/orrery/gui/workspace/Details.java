package dev.orrery.gui.workspace;

import dev.orrery.model.TaskState;

import java.util.List;

/**
 * What the right pane shows for the selection: a title, an optional state, and titled sections of rows.
 * Secret values are already masked. Immutable.
 */
public record Details(String title, String subtitle, TaskState state, List<Section> sections) {
    public Details {
        sections = List.copyOf(sections);
    }

    public static final Details NOTHING = new Details("Nothing selected",
            "Select a file, resource, task or host to see its details.", null, List.of());

    public record Section(String title, List<Row> rows) {
        public Section {
            rows = List.copyOf(rows);
        }
    }

    /** One line of a section; {@code monospace} for commands and diffs. */
    public record Row(String key, String value, boolean monospace) {
        public static Row of(String key, String value) {
            return new Row(key, value, false);
        }

        public static Row code(String key, String value) {
            return new Row(key, value, true);
        }
    }

    public java.util.Optional<Section> section(String title) {
        return sections.stream().filter(s -> s.title().equals(title)).findFirst();
    }
}
