package dev.orrery.gui.workflow;

import javafx.scene.Node;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;

import java.util.function.Consumer;

/**
 * The right-click menu of a task, shared by the graph and the plan table. Entries that do not apply to the
 * task's state are disabled, not hidden.
 */
public final class TaskMenu {
    private final RunViewModel model;
    private final Consumer<String> showOutput;
    private final ContextMenu menu = new ContextMenu();

    /**
     * @param showOutput selects the task and brings the output tab forward
     */
    public TaskMenu(RunViewModel model, Consumer<String> showOutput) {
        this.model = model;
        this.showOutput = showOutput;
    }

    /** Shows the menu for {@code taskId} at a screen position. */
    public void show(Node anchor, String taskId, double screenX, double screenY) {
        menu.hide();
        menu.getItems().setAll(items(taskId));
        menu.show(anchor, screenX, screenY);
    }

    /** The entries for a task now (exposed so the graph can build its own menu from them). */
    public java.util.List<MenuItem> items(String taskId) {
        java.util.List<MenuItem> items = new java.util.ArrayList<>();
        for (TaskAction action : TaskAction.values()) {
            MenuItem item = new MenuItem(action.label());
            item.setId("task-menu-" + action.name().toLowerCase().replace('_', '-'));
            item.setDisable(!model.applies(action, taskId));
            item.setOnAction(e -> perform(action, taskId));
            items.add(item);
        }
        return items;
    }

    private void perform(TaskAction action, String taskId) {
        switch (action) {
            case SHOW_OUTPUT -> showOutput.accept(taskId);
            case COPY_COMMAND -> {
                ClipboardContent content = new ClipboardContent();
                content.putString(model.commandOf(taskId));
                Clipboard.getSystemClipboard().setContent(content);
            }
            case RETRY_WITH_CURRENT_FILES -> model.retryWithCurrentFiles();
            default -> model.controlTask(action, taskId);
        }
    }
}
