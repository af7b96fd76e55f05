package dev.orrery.gui.workflow;

import dev.orrery.model.Change;
import dev.orrery.model.FieldDiff;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;

import java.util.stream.Collectors;

/** One row of the stage panel: a change `changes stage` would find, and whether the person ticked it. */
public final class ChangeRow {
    private final Change change;
    private final BooleanProperty selected = new SimpleBooleanProperty(true);

    public ChangeRow(Change change) {
        this.change = change;
    }

    public Change change() {
        return change;
    }

    public BooleanProperty selectedProperty() {
        return selected;
    }

    public boolean isSelected() {
        return selected.get();
    }

    /** The field diff as text, one field per line ({@code ~ inputs.port: 8080 → 8081}). */
    public String diffText() {
        return change.diff().stream().map(FieldDiff::toString).collect(Collectors.joining("\n"));
    }

    public String tagsText() {
        return change.tags().stream().sorted().collect(Collectors.joining(", "));
    }
}
