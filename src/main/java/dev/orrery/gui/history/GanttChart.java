package dev.orrery.gui.history;

import dev.orrery.gui.Styles;
import dev.orrery.gui.workspace.DetailsBuilder;
import javafx.geometry.VPos;
import javafx.scene.Group;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Draws a {@link GanttModel}: one row per host, one bar per task coloured by its state (pseudo-classes),
 * bars on the critical path outlined, a time axis on top. Click a bar to select its task.
 */
public final class GanttChart extends ScrollPane {
    public static final String ID = "gantt-chart";
    private static final double LABEL_WIDTH = 110;
    private static final double ROW_HEIGHT = 30;
    private static final double AXIS_HEIGHT = 22;
    private static final double MIN_WIDTH = 360;
    private final Pane canvas = new Pane();
    private final Consumer<String> onSelect;

    public GanttChart(Consumer<String> onSelect) {
        this.onSelect = onSelect;
        setId(ID);
        setContent(canvas);
        setFitToHeight(false);
        canvas.setMinHeight(AXIS_HEIGHT);
        viewportBoundsProperty().addListener((o, a, b) -> {
            if (a.getWidth() != b.getWidth()) {
                redraw();
            }
        });
    }

    private GanttModel model = GanttModel.EMPTY;

    public void show(GanttModel gantt) {
        model = gantt == null ? GanttModel.EMPTY : gantt;
        redraw();
    }

    private void redraw() {
        canvas.getChildren().clear();
        if (model.bars().isEmpty()) {
            Text none = new Text(12, 24, "No task of this run has started yet.");
            none.getStyleClass().add(Styles.GANTT_AXIS_LABEL);
            canvas.getChildren().add(none);
            return;
        }
        double width = Math.max(MIN_WIDTH, getViewportBounds().getWidth() - 2);
        double plotWidth = width - LABEL_WIDTH - 10;
        double scale = plotWidth / Math.max(1, model.totalMillis());
        Group axis = new Group();
        int ticks = 6;
        for (int i = 0; i <= ticks; i++) {
            double x = LABEL_WIDTH + plotWidth * i / ticks;
            Line l = new Line(x, AXIS_HEIGHT - 4, x, AXIS_HEIGHT + model.hosts().size() * ROW_HEIGHT);
            l.getStyleClass().add(Styles.GANTT_AXIS);
            Text t = new Text(x + 2, 12, DetailsBuilder.humanDuration(Duration.ofMillis(model.totalMillis() * i / ticks)));
            t.getStyleClass().add(Styles.GANTT_AXIS_LABEL);
            axis.getChildren().addAll(l, t);
        }
        for (int row = 0; row < model.hosts().size(); row++) {
            double y = AXIS_HEIGHT + row * ROW_HEIGHT;
            if (row % 2 == 0) {
                Rectangle band = new Rectangle(0, y, width, ROW_HEIGHT);
                band.getStyleClass().add(Styles.GANTT_ROW_BAND);
                canvas.getChildren().add(band);
            }
            Text label = new Text(8, y + ROW_HEIGHT / 2, model.hosts().get(row));
            label.setTextOrigin(VPos.CENTER);
            label.getStyleClass().add(Styles.GANTT_ROW_LABEL);
            canvas.getChildren().add(label);
        }
        canvas.getChildren().add(axis);
        for (GanttModel.Bar bar : model.bars()) {
            double x = LABEL_WIDTH + bar.startMillis() * scale;
            double w = Math.max(3, bar.durationMillis() * scale);
            double y = AXIS_HEIGHT + bar.row() * ROW_HEIGHT + 5;
            Rectangle r = new Rectangle(x, y, w, ROW_HEIGHT - 10);
            r.getStyleClass().add(Styles.GANTT_BAR);
            Styles.applyState(r, bar.state(), false);
            r.pseudoClassStateChanged(Styles.CRITICAL, bar.critical());
            Tooltip.install(r, new Tooltip(bar.taskId() + "\n" + bar.state() + " · "
                    + DetailsBuilder.humanDuration(Duration.ofMillis(bar.durationMillis()))
                    + (bar.critical() ? "\non the critical path" : "")));
            r.setOnMouseClicked(e -> onSelect.accept(bar.taskId()));
            canvas.getChildren().add(r);
            String name = bar.taskId().substring(0, bar.taskId().indexOf('@') < 0 ? bar.taskId().length() : bar.taskId().indexOf('@'));
            if (w > name.length() * 6.2 + 8) {
                Text t = new Text(x + 5, y + (ROW_HEIGHT - 10) / 2, name);
                t.setTextOrigin(VPos.CENTER);
                t.getStyleClass().add(Styles.GANTT_BAR_LABEL);
                t.setMouseTransparent(true);
                canvas.getChildren().add(t);
            }
        }
        canvas.setPrefSize(width, AXIS_HEIGHT + model.hosts().size() * ROW_HEIGHT + 8);
    }
}
