package dev.orrery.gui.workflow;

import dev.orrery.gui.Styles;
import dev.orrery.model.TaskState;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.Button;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.EnumMap;
import java.util.Map;

/**
 * The Run progress tab: a bar with one segment per kind of task (done, running, error, skipped, blocked,
 * pending; green only for SUCCESS and NOOP), a chip with the count of each state, the elapsed time, and a banner
 * when unfinished tasks' files changed since the plan was made ("Retry with current files").
 */
public final class RunProgressPane extends VBox {
    public static final String BAR_ID = "run-progress-bar";
    public static final String SUMMARY_ID = "run-summary";
    public static final String DRIFT_ID = "run-drift-banner";
    public static final String REPLAN_BUTTON_ID = "run-retry-with-current-files";
    private static final String SEGMENT = "progress-segment";
    private static final javafx.css.PseudoClass COMPLETE = javafx.css.PseudoClass.getPseudoClass("complete");
    private final Map<TaskState, Label> chips = new EnumMap<>(TaskState.class);

    public RunProgressPane(RunViewModel model) {
        super(10);
        getStyleClass().add(Styles.RUN_PROGRESS);
        setPadding(new Insets(12));
        HBox bar = new HBox();
        bar.setId(BAR_ID);
        bar.getStyleClass().add("progress-segments");
        bar.setMaxWidth(Double.MAX_VALUE);
        bar.setMinHeight(14);
        HBox.setHgrow(bar, Priority.ALWAYS);
        Map<RunProgress.Segment, Region> segments = new EnumMap<>(RunProgress.Segment.class);
        for (RunProgress.Segment segment : RunProgress.Segment.values()) {
            Region part = new Region();
            part.getStyleClass().addAll(SEGMENT, SEGMENT + "-" + segment.name().toLowerCase(java.util.Locale.ROOT));
            part.setMinWidth(0);
            part.setUserData(segment);
            segments.put(segment, part);
            bar.getChildren().add(part);
        }
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
        Label driftText = new Label();
        driftText.setWrapText(true);
        driftText.textProperty().bind(model.driftProperty());
        Button replan = new Button("Retry with current files");
        replan.setId(REPLAN_BUTTON_ID);
        replan.setOnAction(e -> model.retryWithCurrentFiles());
        HBox banner = new HBox(10, driftText, replan);
        banner.setId(DRIFT_ID);
        banner.getStyleClass().add("drift-banner");
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.visibleProperty().bind(model.driftProperty().isNotEmpty());
        banner.managedProperty().bind(banner.visibleProperty());
        getChildren().addAll(top, banner, chipRow, summary, message);

        model.progressProperty().addListener((obs, old, p) -> {
            Map<RunProgress.Segment, Integer> counts = p.segments();
            segments.forEach((segment, part) -> {
                int n = p.total() == 0 ? 0 : counts.get(segment);
                part.setVisible(n > 0);
                part.setManaged(n > 0);
                part.prefWidthProperty().bind(bar.widthProperty().subtract(4).multiply(p.total() == 0 ? 0 : n / (double) p.total()));
            });
            bar.pseudoClassStateChanged(Styles.FAILED, p.count(TaskState.ERROR) > 0);
            bar.pseudoClassStateChanged(COMPLETE, p.complete());
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
