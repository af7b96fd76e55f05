package dev.orrery.gui.graph;

import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;

/**
 * A Back button and the trail of a {@link Navigation}: every crumb but the last is a link that goes back to it.
 * The Back button has the id {@code graph-back}; crumb {@code i} has the id {@code crumb-i}.
 */
public final class Breadcrumbs extends HBox {
    private final Navigation navigation;
    private final Button back = new Button("◀ Back");

    public Breadcrumbs(Navigation navigation) {
        super(4);
        this.navigation = navigation;
        getStyleClass().add(GraphStyles.BREADCRUMBS);
        setAlignment(Pos.CENTER_LEFT);
        back.setId("graph-back");
        back.disableProperty().bind(navigation.canGoBackProperty().not());
        back.setOnAction(e -> navigation.back());
        navigation.crumbs().addListener((ListChangeListener<GraphModel>) c -> rebuild());
        rebuild();
    }

    private void rebuild() {
        getChildren().setAll(back);
        int size = navigation.crumbs().size();
        for (int i = 0; i < size; i++) {
            String title = navigation.crumbs().get(i).title();
            if (i > 0) {
                Label sep = new Label("›");
                sep.getStyleClass().add("graph-breadcrumb-separator");
                getChildren().add(sep);
            }
            if (i < size - 1) {
                int index = i;
                Hyperlink link = new Hyperlink(title);
                link.setId("crumb-" + i);
                link.getStyleClass().add(GraphStyles.BREADCRUMB);
                link.setOnAction(e -> navigation.goTo(index));
                getChildren().add(link);
            } else {
                Label here = new Label(title);
                here.setId("crumb-" + i);
                here.getStyleClass().addAll(GraphStyles.BREADCRUMB, "current");
                getChildren().add(here);
            }
        }
    }
}
