package dev.orrery.gui;

import dev.orrery.model.TaskState;
import javafx.css.PseudoClass;
import javafx.scene.Node;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Style-class names and state pseudo-classes of the app shell ({@code orrery.css}); views use these
 * constants instead of string literals or inline styles.
 */
public final class Styles {
    public static final String STYLESHEET = "/dev/orrery/gui/orrery.css";

    public static final String TOOLBAR = "orrery-toolbar";
    public static final String WORKFLOW_STEP = "workflow-step";
    public static final String WORKFLOW_ARROW = "workflow-arrow";
    public static final String RUN_BUTTON = "run-button";
    public static final String STOP_BUTTON = "stop-button";
    public static final String TOOLBAR_LABEL = "toolbar-label";
    public static final String APP_TITLE = "app-title";
    public static final String WORKSPACE_PATH = "workspace-path";
    public static final String PANE_HEADER = "pane-header";
    public static final String SIDE_PANE = "side-pane";
    public static final String FILTER_BOX = "filter-box";
    public static final String TREE_ENTRY_DETAIL = "tree-entry-detail";
    public static final String TREE_ENTRY_KIND = "tree-entry-kind";
    public static final String DETAILS_TITLE = "details-title";
    public static final String DETAILS_SUBTITLE = "details-subtitle";
    public static final String DETAILS_SECTION_TITLE = "details-section-title";
    public static final String DETAILS_KEY = "details-key";
    public static final String DETAILS_CODE = "details-code";
    public static final String DETAILS_EMPTY = "details-empty";
    public static final String STATE_CHIP = "state-chip";
    public static final String RUN_PROGRESS = "run-progress";
    public static final String RUN_ELAPSED = "run-elapsed";
    public static final String RUN_SUMMARY = "run-summary";
    public static final String OUTPUT_LOG = "output-log";
    public static final String PROBLEM_LOCATION = "problem-location";
    public static final String FILE_VIEWER = "file-viewer";
    public static final String FILE_VIEWER_LINE = "file-viewer-line";
    public static final String STATUS_BAR = "status-bar";
    public static final String STAGE_PANEL = "stage-panel";
    public static final String DIFF_TEXT = "diff-text";
    public static final String HINT = "hint";
    public static final String STALE_BANNER = "stale-banner";
    public static final String GANTT_ROW_LABEL = "gantt-row-label";
    public static final String GANTT_ROW_BAND = "gantt-row-band";
    public static final String GANTT_BAR = "gantt-bar";
    public static final String GANTT_BAR_LABEL = "gantt-bar-label";
    public static final String GANTT_AXIS = "gantt-axis";
    public static final String GANTT_AXIS_LABEL = "gantt-axis-label";
    public static final String HOST_KEY_FINGERPRINT = "host-key-fingerprint";

    public static final PseudoClass BLOCKED = PseudoClass.getPseudoClass("blocked");
    public static final PseudoClass CRITICAL = PseudoClass.getPseudoClass("critical");
    public static final PseudoClass HIGHLIGHTED = PseudoClass.getPseudoClass("highlighted");
    public static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");
    /** A text field whose content is rejected (the --limit field). */
    public static final PseudoClass INVALID = PseudoClass.getPseudoClass("invalid");

    private static final Map<TaskState, PseudoClass> STATES = new EnumMap<>(TaskState.class);

    static {
        for (TaskState s : TaskState.values()) {
            STATES.put(s, PseudoClass.getPseudoClass(s.name().toLowerCase(Locale.ROOT).replace('_', '-')));
        }
    }

    private Styles() {
    }

    /** {@code :pending}, {@code :running}, {@code :error-retry}, ... */
    public static PseudoClass pseudoClassOf(TaskState state) {
        return STATES.get(state);
    }

    /** Sets exactly one state pseudo-class on {@code node} (none for null), and {@code :blocked} if asked. */
    public static void applyState(Node node, TaskState state, boolean blocked) {
        STATES.forEach((s, pc) -> node.pseudoClassStateChanged(pc, s == state));
        node.pseudoClassStateChanged(BLOCKED, blocked);
    }
}
