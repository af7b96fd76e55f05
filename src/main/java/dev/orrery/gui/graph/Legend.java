package dev.orrery.gui.graph;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.shape.Rectangle;

/**
 * The colour key of the graph: one swatch per {@link DisplayState}, styled by the same pseudo-classes as the nodes,
 * so it always matches the stylesheet. Each entry has the id {@code legend-<state>}.
 */
public final class Legend extends FlowPane {
    public Legend() {
        super(14, 4);
        getStyleClass().add(GraphStyles.LEGEND);
        setAlignment(Pos.CENTER_LEFT);
        for (DisplayState s : DisplayState.values()) {
            Rectangle swatch = new Rectangle(14, 14);
            swatch.setArcWidth(5);
            swatch.setArcHeight(5);
            swatch.getStyleClass().add(GraphStyles.LEGEND_SWATCH);
            swatch.pseudoClassStateChanged(s.pseudoClass(), true);
            Label label = new Label(s.label());
            HBox entry = new HBox(5, swatch, label);
            entry.setAlignment(Pos.CENTER_LEFT);
            entry.setId("legend-" + s.cssName());
            getChildren().add(entry);
        }
    }
}
