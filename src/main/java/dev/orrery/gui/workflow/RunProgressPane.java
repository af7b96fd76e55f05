package dev.orrery.gui.workflow;

import dev.orrery.gui.Styles;
import dev.orrery.model.TaskState;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.EnumMap;
import java.util.Map;

/** The Run progress tab: a progress bar, a chip with the count of each state, and the elapsed time. */
public final class RunProgressPane extends VBox {
    public static final String BAR_ID = "run-progress-bar";
    public static final String SUMMARY_ID = "run-summary";
    private final Map<TaskState, Label> chips = new EnumMap<>(TaskState.class);

    public RunProgressPane(RunViewModel model) {
        super(10);
        getStyleClass().add(Styles.RUN_PROGRESS);
        setPadding(new Insets(12));
        ProgressBar bar = new ProgressBar(0);
        bar.setId(BAR_ID);
        bar.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(bar, Priority.ALWAYS);
        Label elapsed = new Label();
        elapsed.getStyleClass().add(Styles.RUN_ELAPSED);
        elapsed.textProperty().bind(model.elapsedProperty());
        HBox top = new HBox(12, bar, elapsed);
        top.setAlignment(Pos.CENTER_LEFT);

        HBox chipRow = new HBox(6);
        chipRow.setAlignment(Pos.CENTER_LEFT);
        for (TaskState s : TaskState.values()) {
            Label chip = new Label();
            chip.getStyleClass().add(Styles.STATE_CHIP);
            Styles.applyState(chip, s, false);
            chips.put(s, chip);
            chipRow.getChildren().add(chip);
        }
        Label blocked = new Label();
        blocked.getStyleClass().add(Styles.STATE_CHIP);
        Styles.applyState(blocked, TaskState.PENDING, true);
        chipRow.getChildren().add(blocked);

        Label summary = new Label();
        summary.setId(SUMMARY_ID);
        summary.getStyleClass().add(Styles.RUN_SUMMARY);
        Label message = new Label();
        message.getStyleClass().add(Styles.HINT);
        message.textProperty().bind(model.messageProperty());
        getChildren().addAll(top, chipRow, summary, message);

        model.progressProperty().addListener((obs, old, p) -> {
            bar.setProgress(p.total() == 0 ? 0 : p.fraction());
            bar.pseudoClassStateChanged(Styles.FAILED, p.count(TaskState.ERROR) > 0);
            chips.forEach((s, chip) -> {
                chip.setText(s.name().toLowerCase().replace('_', ' ') + "  " + p.count(s));
                chip.setOpacity(p.count(s) == 0 ? 0.45 : 1);
            });
            blocked.setText("blocked  " + p.blocked().size());
            blocked.setOpacity(p.blocked().isEmpty() ? 0.45 : 1);
            summary.setText(p.total() == 0 ? "No plan yet: stage changes, then Process." : p.summary());
        });
        chips.forEach((s, chip) -> {
            chip.setText(s.name().toLowerCase().replace('_', ' ') + "  0");
            chip.setOpacity(0.45);
        });
        blocked.setText("blocked  0");
        blocked.setOpacity(0.45);
        summary.setText("No plan yet: stage changes, then Process.");
    }
}
