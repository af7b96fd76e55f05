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

    /**
     * One line for the table: a new or removed resource is summed up ("14 fields added"), a change lists its
     * fields ({@code ~ inputs.port: 8080 → 8081 · + inputs.tls: on}). The whole diff is in the details pane.
     */
    public String diffSummary() {
        if (change.diff().isEmpty()) {
            return "no field changed (" + change.reason() + ")";
        }
        boolean allAdded = change.diff().stream().allMatch(d -> d.kind() == FieldDiff.Kind.ADDED);
        boolean allRemoved = change.diff().stream().allMatch(d -> d.kind() == FieldDiff.Kind.REMOVED);
        if (allAdded || allRemoved) {
            return change.diff().size() + " field" + (change.diff().size() == 1 ? "" : "s")
                    + (allAdded ? " added" : " removed") + " (select the row for the whole diff)";
        }
        return change.diff().stream().map(FieldDiff::toString).collect(Collectors.joining("  ·  "));
    }

    public String tagsText() {
        return change.tags().stream().sorted().collect(Collectors.joining(", "));
    }
}
