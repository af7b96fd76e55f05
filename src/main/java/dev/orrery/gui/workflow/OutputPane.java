package dev.orrery.gui.workflow;

import dev.orrery.gui.Styles;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.BorderPane;

/** The Output log tab: the selected task's output, streaming while it runs. */
public final class OutputPane extends BorderPane {
    public static final String TEXT_ID = "output-log";

    public OutputPane(RunViewModel model) {
        TextArea text = new TextArea();
        text.setId(TEXT_ID);
        text.setEditable(false);
        text.getStyleClass().add(Styles.OUTPUT_LOG);
        model.outputProperty().addListener((obs, old, now) -> {
            boolean atEnd = text.getCaretPosition() >= text.getLength() - 1 || text.getLength() == 0;
            text.setText(now);
            if (atEnd) {
                text.positionCaret(now.length());
                text.setScrollTop(Double.MAX_VALUE);
            }
        });
        Label title = new Label();
        title.getStyleClass().add(Styles.PANE_HEADER);
        title.setMaxWidth(Double.MAX_VALUE);
        title.textProperty().bind(Bindings.createStringBinding(() -> model.selectedTaskProperty().get() == null
                ? "Select a task in the graph or the plan table to follow its output"
                : "Output of " + model.selectedTaskProperty().get(), model.selectedTaskProperty()));
        setTop(title);
        setCenter(text);
    }
}
