package dev.orrery.gui.workspace;

import dev.orrery.graph.Environments;
import dev.orrery.graph.HostPattern;
import dev.orrery.gui.UiExecutor;
import dev.orrery.load.LoadResult;
import dev.orrery.load.Problem;
import dev.orrery.model.Host;
import dev.orrery.model.Workspace;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The open workspace: its backend, the loaded model, every validation problem, and the environments its
 * inventory offers. Loading happens through the {@link UiExecutor}; properties change on the UI thread only.
 */
public final class WorkspaceViewModel {
    /** The chooser's entry for "no environment" (every host). */
    public static final String ALL_HOSTS = "";

    private final UiExecutor executor;
    private final Function<Path, OrreryBackend> backends;
    private final ReadOnlyObjectWrapper<OrreryBackend> backend = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Workspace> workspace = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<LoadResult> loaded = new ReadOnlyObjectWrapper<>();
    private final ObservableList<Problem> problems = FXCollections.observableArrayList();
    /** One read-only view, kept: a fresh wrapper per call would drop listeners once collected. */
    private final ObservableList<Problem> problemsView = FXCollections.unmodifiableObservableList(problems);
    private final ObservableList<String> environments = FXCollections.observableArrayList(ALL_HOSTS);
    /** One read-only view, kept: a fresh wrapper per call would drop listeners once collected. */
    private final ObservableList<String> environmentsView = FXCollections.unmodifiableObservableList(environments);
    private final ObjectProperty<String> environment = new SimpleObjectProperty<>(ALL_HOSTS);
    private final StringProperty limit = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper limitStatus = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper limitValid = new ReadOnlyBooleanWrapper(true);
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("No workspace open");
    private final ReadOnlyObjectWrapper<WorkspaceTree> tree = new ReadOnlyObjectWrapper<>(WorkspaceTree.empty());

    public WorkspaceViewModel(UiExecutor executor, Function<Path, OrreryBackend> backends) {
        this.executor = Objects.requireNonNull(executor);
        this.backends = Objects.requireNonNull(backends);
        limit.addListener((o, a, b) -> checkLimit());
        environment.addListener((o, a, b) -> checkLimit());
    }

    /** Validates the limit against the chosen environment's hosts: "2 of 3 hosts: db-1, app-1" or the error. */
    private void checkLimit() {
        String text = limit.get();
        Workspace ws = workspace.get();
        if (text == null || text.isBlank()) {
            limitValid.set(true);
            limitStatus.set(ws == null ? "" : "all " + Environments.hostsOf(ws, environmentOrNull()).size() + " hosts");
            return;
        }
        try {
            HostPattern pattern = HostPattern.parse(text);
            if (ws == null) {
                limitValid.set(true);
                limitStatus.set("");
                return;
            }
            List<Host> inEnvironment = Environments.hostsOf(ws, environmentOrNull());
            var problem = pattern.problem(ws.hosts()).or(() -> pattern.problem(inEnvironment));
            if (problem.isPresent()) {
                limitValid.set(false);
                limitStatus.set(problem.get());
                return;
            }
            List<Host> selected = pattern.select(inEnvironment);
            limitValid.set(true);
            limitStatus.set(selected.size() + " of " + inEnvironment.size() + " hosts: "
                    + String.join(", ", selected.stream().map(Host::name).toList()));
        } catch (IllegalArgumentException e) {
            limitValid.set(false);
            limitStatus.set(e.getMessage());
        }
    }

    /**
     * The limit to plan with: every host when the field is empty.
     *
     * @throws IllegalArgumentException when the pattern is wrong (never "every host" by mistake)
     */
    public HostPattern limitOrAll() {
        if (!limitValid.get()) {
            throw new IllegalArgumentException(limitStatus.get());
        }
        return HostPattern.parseOrAll(limit.get());
    }

    /** The {@code --limit} pattern typed in the toolbar; writable. */
    public StringProperty limitProperty() {
        return limit;
    }

    /** "2 of 3 hosts: db-1, app-1", or why the pattern is wrong. */
    public ReadOnlyStringProperty limitStatusProperty() {
        return limitStatus.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty limitValidProperty() {
        return limitValid.getReadOnlyProperty();
    }

    /** Closes the current workspace (if any) and opens {@code root}; loading runs in the background. */
    public void open(Path root) {
        Path normalized = root.toAbsolutePath().normalize();
        loading.set(true);
        status.set("Opening " + normalized + " …");
        executor.submit(() -> {
            OrreryBackend opened = backends.apply(normalized);
            return new Opened(opened, opened.load());
        }, opened -> {
            OrreryBackend previous = backend.get();
            backend.set(opened.backend());
            apply(opened.result());
            if (previous != null) {
                executor.background(previous::close);
            }
        }, this::failed);
    }

    /** Reads the files again (after an edit on disk). */
    public void reload() {
        OrreryBackend current = backend.get();
        if (current == null) {
            return;
        }
        loading.set(true);
        executor.submit(current::load, this::apply, this::failed);
    }

    private void apply(LoadResult result) {
        loading.set(false);
        loaded.set(result);
        problems.setAll(result.problems());
        result.workspace().ifPresent(ws -> {
            workspace.set(ws);
            tree.set(WorkspaceTree.of(ws));
            String chosen = environment.get();
            environments.setAll(ALL_HOSTS);
            environments.addAll(Environments.of(ws));
            environment.set(environments.contains(chosen) ? chosen : ALL_HOSTS);
            checkLimit();
        });
        if (result.workspace().isEmpty()) {
            tree.set(WorkspaceTree.ofProblems(result.problems()));
        }
        Path root = backend.get() == null ? null : backend.get().root();
        status.set(result.ok()
                ? "Loaded " + root + ": " + describe(result)
                : problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + " in " + root);
    }

    private static String describe(LoadResult result) {
        Workspace ws = result.workspace().orElseThrow();
        return ws.files().size() + " files, " + ws.resources().size() + " resources, " + ws.hosts().size() + " hosts";
    }

    private void failed(Throwable error) {
        loading.set(false);
        status.set("Could not open the workspace: " + error.getMessage());
    }

    /** The environment to stage, process and show, or null for every host. */
    public String environmentOrNull() {
        String env = environment.get();
        return env == null || env.isEmpty() ? null : env;
    }

    public ReadOnlyObjectProperty<OrreryBackend> backendProperty() {
        return backend.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Workspace> workspaceProperty() {
        return workspace.getReadOnlyProperty();
    }

    /** The last load, problems and all (set before {@link #workspaceProperty()} changes). */
    public ReadOnlyObjectProperty<LoadResult> loadResultProperty() {
        return loaded.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<WorkspaceTree> treeProperty() {
        return tree.getReadOnlyProperty();
    }

    /** Every validation problem of the last load, sorted by file, line, column. */
    public ObservableList<Problem> problems() {
        return problemsView;
    }

    /** The environments ({@link Environments}: the inventory's list, else the tags nothing targets) after {@link #ALL_HOSTS}. */
    public ObservableList<String> environments() {
        return environmentsView;
    }

    /** The chosen environment; writable: the toolbar's chooser sets it. */
    public ObjectProperty<String> environmentProperty() {
        return environment;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Closes the backend (store, SSH sessions, sandbox servers). */
    public void close() {
        OrreryBackend current = backend.get();
        if (current != null) {
            current.close();
        }
    }

    private record Opened(OrreryBackend backend, LoadResult result) {
    }

    /** For tests and the file list: the problems of one file. */
    public List<Problem> problemsOf(Path file) {
        return problems.stream().filter(p -> p.file().equals(file)).toList();
    }
}
