package dev.orrery.gui.graph;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.Objects;

/**
 * The breadcrumb trail of graph views: a root (e.g. "Resources") and the views opened from it (e.g. a resource's
 * tasks). {@link #open} goes one level down, {@link #back} one up, {@link #goTo} to any crumb. The current model is
 * the last crumb. View model: plain JUnit-testable; use on the JavaFX thread once bound to controls.
 */
public final class Navigation {
    private final ObservableList<GraphModel> crumbs = FXCollections.observableArrayList();
    private final ObservableList<GraphModel> readOnly = FXCollections.unmodifiableObservableList(crumbs);
    private final ReadOnlyObjectWrapper<GraphModel> current = new ReadOnlyObjectWrapper<>(this, "current",
            GraphModel.EMPTY);
    private final ReadOnlyBooleanWrapper canGoBack = new ReadOnlyBooleanWrapper(this, "canGoBack");

    /** Starts a new trail at this model. */
    public void reset(GraphModel root) {
        crumbs.setAll(Objects.requireNonNull(root, "root"));
        changed();
    }

    /** Replaces the current crumb's model (e.g. the same view after a reload), keeping the trail. */
    public void replaceCurrent(GraphModel model) {
        if (crumbs.isEmpty()) {
            reset(model);
            return;
        }
        crumbs.set(crumbs.size() - 1, Objects.requireNonNull(model, "model"));
        changed();
    }

    /** Goes one level down. */
    public void open(GraphModel model) {
        crumbs.add(Objects.requireNonNull(model, "model"));
        changed();
    }

    /** Goes one level up; false at the root. */
    public boolean back() {
        if (crumbs.size() <= 1) {
            return false;
        }
        crumbs.remove(crumbs.size() - 1);
        changed();
        return true;
    }

    /** Goes to the crumb at this index (0 = root), dropping those after it. */
    public void goTo(int index) {
        if (index < 0 || index >= crumbs.size()) {
            throw new IndexOutOfBoundsException("no crumb " + index + " of " + crumbs.size());
        }
        crumbs.remove(index + 1, crumbs.size());
        changed();
    }

    public ObservableList<GraphModel> crumbs() {
        return readOnly;
    }

    public ReadOnlyObjectProperty<GraphModel> currentProperty() {
        return current.getReadOnlyProperty();
    }

    public GraphModel current() {
        return current.get();
    }

    public ReadOnlyBooleanProperty canGoBackProperty() {
        return canGoBack.getReadOnlyProperty();
    }

    private void changed() {
        current.set(crumbs.isEmpty() ? GraphModel.EMPTY : crumbs.get(crumbs.size() - 1));
        canGoBack.set(crumbs.size() > 1);
    }
}
