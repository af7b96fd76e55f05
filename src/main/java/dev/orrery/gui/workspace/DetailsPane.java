package dev.orrery.gui.workspace;

import dev.orrery.gui.Styles;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The right pane: renders {@link Details} as titled sections of key/value rows. A thin view. */
public final class DetailsPane extends VBox {
    public static final String ID = "details-pane";
    private final VBox content = new VBox(2);

    public DetailsPane(ObservableValue<Details> details) {
        setId(ID);
        getStyleClass().add(Styles.SIDE_PANE);
        Label header = new Label("DETAILS");
        header.getStyleClass().add(Styles.PANE_HEADER);
        header.setMaxWidth(Double.MAX_VALUE);
        content.setPadding(new Insets(10));
        ScrollPane scroll = new ScrollPane(content);
        scroll.setFitToWidth(true);
        VBox.setVgrow(scroll, Priority.ALWAYS);
        getChildren().addAll(header, scroll);
        details.addListener((obs, old, now) -> render(now));
        render(details.getValue());
    }

    private void render(Details d) {
        content.getChildren().clear();
        if (d == null) {
            return;
        }
        Label title = new Label(d.title());
        title.setId("details-title");
        title.getStyleClass().add(Styles.DETAILS_TITLE);
        title.setWrapText(true);
        HBox titleRow = new HBox(8, title);
        titleRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        if (d.state() != null) {
            Label chip = new Label(d.state().name());
            chip.getStyleClass().add(Styles.STATE_CHIP);
            Styles.applyState(chip, d.state(), false);
            titleRow.getChildren().add(chip);
        }
        Label subtitle = new Label(d.subtitle());
        subtitle.getStyleClass().add(Styles.DETAILS_SUBTITLE);
        subtitle.setWrapText(true);
        content.getChildren().addAll(titleRow, subtitle);
        for (Details.Section section : d.sections()) {
            Label st = new Label(section.title().toUpperCase());
            st.getStyleClass().add(Styles.DETAILS_SECTION_TITLE);
            st.setMaxWidth(Double.MAX_VALUE);
            content.getChildren().add(st);
            if (section.rows().isEmpty()) {
                Label none = new Label("none");
                none.getStyleClass().add(Styles.DETAILS_EMPTY);
                content.getChildren().add(none);
                continue;
            }
            GridPane grid = new GridPane();
            grid.setHgap(8);
            grid.setVgap(3);
            ColumnConstraints keys = new ColumnConstraints();
            keys.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            ColumnConstraints values = new ColumnConstraints();
            values.setHgrow(Priority.ALWAYS);
            grid.getColumnConstraints().addAll(keys, values);
            int row = 0;
            for (Details.Row r : section.rows()) {
                Label key = new Label(r.key());
                key.getStyleClass().add(Styles.DETAILS_KEY);
                Label value = new Label(r.value());
                value.setWrapText(true);
                if (r.monospace()) {
                    value.getStyleClass().add(Styles.DETAILS_CODE);
                }
                grid.add(key, 0, row);
                grid.add(value, 1, row);
                row++;
            }
            content.getChildren().add(grid);
        }
    }
}
