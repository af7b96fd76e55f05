package dev.orrery.gui;

import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;

/** Every keyboard shortcut of the main window, in one place, so tooltips and the scene agree. */
public final class Shortcuts {
    public static final KeyCombination OPEN = new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN);
    public static final KeyCombination RELOAD = new KeyCodeCombination(KeyCode.F5);
    public static final KeyCombination STAGE = new KeyCodeCombination(KeyCode.S, KeyCombination.SHORTCUT_DOWN);
    public static final KeyCombination PROCESS = new KeyCodeCombination(KeyCode.P, KeyCombination.SHORTCUT_DOWN);
    public static final KeyCombination RUN = new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN);
    public static final KeyCombination STOP = new KeyCodeCombination(KeyCode.PERIOD, KeyCombination.SHORTCUT_DOWN);
    public static final KeyCombination RESUME = new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN,
            KeyCombination.SHIFT_DOWN);
    public static final KeyCombination RESTART = new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN,
            KeyCombination.ALT_DOWN);
    public static final KeyCombination RETRY = new KeyCodeCombination(KeyCode.E, KeyCombination.SHORTCUT_DOWN,
            KeyCombination.SHIFT_DOWN);
    public static final KeyCombination FILTER_TREE = new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN);
    public static final KeyCombination SEARCH = new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN);
    public static final KeyCombination ZOOM_IN = new KeyCodeCombination(KeyCode.EQUALS, KeyCombination.SHORTCUT_DOWN);
    public static final KeyCombination ZOOM_IN_PLUS = new KeyCodeCombination(KeyCode.ADD, KeyCombination.SHORTCUT_DOWN);
    public static final KeyCombination ZOOM_OUT = new KeyCodeCombination(KeyCode.MINUS, KeyCombination.SHORTCUT_DOWN);
    public static final KeyCombination ZOOM_OUT_MINUS = new KeyCodeCombination(KeyCode.SUBTRACT, KeyCombination.SHORTCUT_DOWN);
    public static final KeyCombination FIT = new KeyCodeCombination(KeyCode.DIGIT0, KeyCombination.SHORTCUT_DOWN);
    public static final KeyCombination UNDO = new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN);
    public static final KeyCombination REDO = new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN,
            KeyCombination.SHIFT_DOWN);
    public static final KeyCombination SHOW_GRAPH = new KeyCodeCombination(KeyCode.DIGIT1, KeyCombination.ALT_DOWN);
    public static final KeyCombination SHOW_STAGE = new KeyCodeCombination(KeyCode.DIGIT2, KeyCombination.ALT_DOWN);
    public static final KeyCombination SHOW_HISTORY = new KeyCodeCombination(KeyCode.DIGIT3, KeyCombination.ALT_DOWN);

    private Shortcuts() {
    }

    /** "Run the plan (Ctrl+R)". */
    public static String tip(String text, KeyCombination key) {
        return text + " (" + key.getDisplayText() + ")";
    }
}
