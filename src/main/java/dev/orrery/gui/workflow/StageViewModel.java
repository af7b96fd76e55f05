package dev.orrery.gui.workflow;

import dev.orrery.gui.UiExecutor;
import dev.orrery.gui.workspace.OrreryBackend;
import dev.orrery.gui.workspace.StageSelection;
import dev.orrery.model.Change;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * The stage panel: what {@code changes stage} would find (a preview, nothing stored), a tick per change,
 * a tag filter, staging the ticked subset or an explicit action, and the staged bucket with discard.
 * Properties change on the UI thread only.
 */
public final class StageViewModel {
    /** The tag filter's entry for "every tag". */
    public static final String ALL_TAGS = "";
    private static final Logger LOG = LoggerFactory.getLogger(StageViewModel.class);

    private final UiExecutor executor;
    private final Supplier<String> environment;
    private OrreryBackend backend;

    private final ObservableList<ChangeRow> rows = FXCollections.observableArrayList();
    private final FilteredList<ChangeRow> visible = new FilteredList<>(rows);
    private final ObservableList<String> tags = FXCollections.observableArrayList(ALL_TAGS);
    /** One read-only view, kept: a fresh wrapper per call would drop listeners once collected. */
    private final ObservableList<String> tagsView = FXCollections.unmodifiableObservableList(tags);
    private final StringProperty tagFilter = new SimpleStringProperty(ALL_TAGS);
    private final ObservableList<Change> staged = FXCollections.observableArrayList();
    /** One read-only view, kept: a fresh wrapper per call would drop listeners once collected. */
    private final ObservableList<Change> stagedView = FXCollections.unmodifiableObservableList(staged);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");

    /**
     * @param environment the environment chosen in the toolbar (null: every host), read at each action
     */
    public StageViewModel(UiExecutor executor, Supplier<String> environment) {
        this.executor = Objects.requireNonNull(executor);
        this.environment = Objects.requireNonNull(environment);
        tagFilter.addListener((obs, old, now) -> visible.setPredicate(row ->
                now == null || now.isEmpty() || row.change().tags().contains(now)));
    }

    public void setBackend(OrreryBackend newBackend) {
        backend = newBackend;
        rows.clear();
        staged.clear();
        if (newBackend != null) {
            refresh();
        }
    }

    /** Previews the changes again and re-reads the staged bucket (after a reload or an environment switch). */
    public void refresh() {
        OrreryBackend b = backend;
        if (b == null) {
            return;
        }
        String env = environment.get();
        executor.submit(() -> new Preview(b.preview(StageSelection.everything(env)), b.staged()), preview -> {
            Set<String> unticked = new LinkedHashSet<>();
            rows.stream().filter(r -> !r.isSelected()).map(r -> key(r.change())).forEach(unticked::add);
            rows.setAll(preview.changes().stream().map(ChangeRow::new).toList());
            rows.forEach(r -> r.selectedProperty().set(!unticked.contains(key(r.change()))));
            TreeSet<String> all = new TreeSet<>();
            preview.changes().forEach(c -> all.addAll(c.tags()));
            String chosen = tagFilter.get();
            tags.setAll(ALL_TAGS);
            tags.addAll(all);
            tagFilter.set(tags.contains(chosen) ? chosen : ALL_TAGS);
            staged.setAll(preview.staged());
            message.set(preview.changes().isEmpty()
                    ? "Nothing to stage: the files match what was last deployed" + envSuffix(env) + "."
                    : preview.changes().size() + " change" + (preview.changes().size() == 1 ? "" : "s")
                    + " found" + envSuffix(env) + ".");
        }, this::failed);
    }

    /** Stages the ticked rows that the tag filter shows. */
    public void stageSelected() {
        OrreryBackend b = backend;
        Set<String> names = new LinkedHashSet<>();
        visible.stream().filter(ChangeRow::isSelected).forEach(r -> names.add(r.change().resource()));
        if (b == null || names.isEmpty()) {
            message.set("Tick at least one change to stage.");
            return;
        }
        String tag = tagFilter.get();
        StageSelection selection = new StageSelection(tag == null || tag.isEmpty() ? Set.of() : Set.of(tag),
                names, environment.get(), false);
        executor.submit(() -> b.stage(selection), stagedNow -> {
            message.set("Staged " + stagedNow.size() + " change" + (stagedNow.size() == 1 ? "" : "s")
                    + ". Press Process to turn them into a plan.");
            refresh();
        }, this::failed);
    }

    /** Stages a custom action (restart, test, ...) of each named resource. */
    public void stageAction(List<String> resources, String action) {
        OrreryBackend b = backend;
        if (b == null || resources.isEmpty() || action == null || action.isBlank()) {
            return;
        }
        String env = environment.get();
        executor.submit(() -> resources.stream().map(r -> b.stageAction(r, action.strip(), env)).toList(), done -> {
            message.set("Staged " + action.strip() + " of " + String.join(", ", resources) + ".");
            refresh();
        }, this::failed);
    }

    /** Empties the staged bucket. */
    public void discardAll() {
        OrreryBackend b = backend;
        if (b == null) {
            return;
        }
        executor.submit(b::discardAll, n -> {
            message.set("Discarded " + n + " staged change" + (n == 1 ? "" : "s") + ".");
            refresh();
        }, this::failed);
    }

    /** Takes the given changes out of the staged bucket. */
    public void discard(List<Change> changes) {
        OrreryBackend b = backend;
        if (b == null || changes.isEmpty()) {
            return;
        }
        List<Long> ids = changes.stream().map(Change::id).toList();
        executor.submit(() -> b.discard(ids), n -> {
            message.set("Discarded " + n + " staged change" + (n == 1 ? "" : "s") + ".");
            refresh();
        }, this::failed);
    }

    /** Ticks or unticks every visible row. */
    public void selectAll(boolean selected) {
        visible.forEach(r -> r.selectedProperty().set(selected));
    }

    private void failed(Throwable error) {
        LOG.warn("staging failed", error);
        message.set(error.getMessage() == null ? error.toString() : error.getMessage());
    }

    private static String key(Change c) {
        return c.resource() + "." + c.action();
    }

    private static String envSuffix(String env) {
        return env == null ? "" : " for " + env;
    }

    /** The rows the tag filter shows. */
    public ObservableList<ChangeRow> rows() {
        return visible;
    }

    /** Tags of the previewed changes, after {@link #ALL_TAGS}. */
    public ObservableList<String> tags() {
        return tagsView;
    }

    /** Writable: the tag chooser sets it. */
    public StringProperty tagFilterProperty() {
        return tagFilter;
    }

    /** The staged bucket: what Process would turn into a plan. */
    public ObservableList<Change> staged() {
        return stagedView;
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    private record Preview(List<Change> changes, List<Change> staged) {
    }
}
