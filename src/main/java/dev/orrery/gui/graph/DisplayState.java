package dev.orrery.gui.graph;

import dev.orrery.model.TaskState;
import javafx.css.PseudoClass;

/**
 * What a node shows: a {@link TaskState}, or BLOCKED for a PENDING task behind an ERROR. Each has the CSS
 * pseudo-class of the same name in lower case with dashes ({@code :error-retry}), styled in orrery.css.
 */
public enum DisplayState {
    PENDING, RUNNING, SUCCESS, ERROR, ERROR_RETRY, SKIPPED, NOOP, BLOCKED;

    private final PseudoClass pseudoClass = PseudoClass.getPseudoClass(cssName());

    /** {@code error-retry} for ERROR_RETRY. */
    public String cssName() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    public PseudoClass pseudoClass() {
        return pseudoClass;
    }

    /** The label a legend shows. */
    public String label() {
        String s = name().replace('_', ' ').toLowerCase(java.util.Locale.ROOT);
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    public static DisplayState of(TaskState state) {
        return DisplayState.valueOf(state.name());
    }
}
