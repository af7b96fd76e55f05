package dev.orrery.gui.graph;

import dev.orrery.graph.CycleException;
import dev.orrery.graph.ResourceGraph;
import dev.orrery.model.Resource;
import dev.orrery.model.ResourceKind;
import dev.orrery.model.Workspace;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The view model of graph editing: checks an edit against the current graph (cycles are refused with
 * the cycle they would make), writes it through {@link WaitForFiles}, records it for undo/redo, and then calls the
 * {@code afterChange} callback, whose job is to reload the workspace and hand the new graph back with
 * {@link #setWorkspace} and {@link #setModel} (and to the view). Cycle checks are
 * {@link ResourceGraph#cycleIfWaitFor}. Edits are by resource name; in a task view the gestures map a task to its
 * resource, so an edit shows on every task of that resource.
 *
 * <p>Not thread-safe: JavaFX thread. Plain JUnit-testable (JavaFX properties need no toolkit).
 */
public final class EditSession {
    private static final Logger LOG = LoggerFactory.getLogger(EditSession.class);

    /** What happened to an edit: applied, or refused with the reason a person reads. */
    public record Outcome(boolean applied, String message) {
        static Outcome done(String message) {
            return new Outcome(true, message);
        }

        static Outcome refused(String message) {
            return new Outcome(false, message);
        }
    }

    private final WaitForFiles files;
    private final Runnable afterChange;
    private final EditHistory history = new EditHistory();
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(this, "canUndo");
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper(this, "canRedo");
    private GraphModel model = GraphModel.EMPTY;
    private Workspace workspace;
    private ResourceGraph graph;

    /**
     * @param files       writes the edits
     * @param afterChange called after every applied edit, undo and redo (reload the workspace, then
     *                    {@link #setModel} and {@code GraphView.setGraph})
     */
    public EditSession(WaitForFiles files, Runnable afterChange) {
        this.files = Objects.requireNonNull(files, "files");
        this.afterChange = Objects.requireNonNull(afterChange, "afterChange");
    }

    /** The graph shown (which nodes belong to which resource, the job entries). */
    public void setModel(GraphModel model) {
        this.model = Objects.requireNonNull(model, "model");
    }

    /**
     * The workspace edits are checked against (cycles through {@link ResourceGraph}); call after every reload.
     * Null, or a workspace whose dependencies already go round, turns editing off.
     */
    public void setWorkspace(Workspace workspace) {
        this.workspace = workspace;
        this.graph = null;
        if (workspace != null) {
            try {
                this.graph = ResourceGraph.of(workspace);
            } catch (CycleException e) {
                LOG.warn("workspace has a cycle, editing is off: {}", e.getMessage());
            }
        }
    }

    public GraphModel model() {
        return model;
    }

    /**
     * The cycle that "{@code resource} waits for {@code waitsFor}" would make, read as waits-for
     * ({@code a → b → c → a}: a waits for b, b for c, c for a), or empty when the edge is allowed.
     */
    public Optional<String> cycleIfAdded(String resource, String waitsFor) {
        return cycleIn(graph, resource, waitsFor);
    }

    /** The cycle moving {@code resource}'s wait-for from {@code from} to {@code to} would make. */
    public Optional<String> cycleIfMoved(String resource, String from, String to) {
        return cycleIn(without(resource, from), resource, to);
    }

    private static Optional<String> cycleIn(ResourceGraph g, String resource, String waitsFor) {
        if (g == null) {
            return Optional.empty();
        }
        return g.cycleIfWaitFor(resource, waitsFor).map(c -> String.join(" → ", c));
    }

    /** The workspace's graph with one wait-for taken out (what a move or a re-target starts from). */
    private ResourceGraph without(String resource, String waitsFor) {
        if (workspace == null) {
            return null;
        }
        List<Resource> changed = workspace.resources().stream().map(r -> !r.name().equals(resource) ? r
                : new Resource(r.name(), r.kind(), r.targets(), r.tags(), r.inputs(), r.actions(),
                r.waitFor().stream().filter(w -> !w.equals(waitsFor)).toList(), r.env(), r.workdir(),
                r.attributes(), r.source())).toList();
        return ResourceGraph.of(new Workspace(workspace.root(), workspace.hosts(), changed, workspace.files()));
    }

    /** True when the workspace file of {@code resource} lists {@code waitsFor} under wait-for. */
    public boolean declaresWaitFor(String resource, String waitsFor) {
        return workspace != null && workspace.resource(resource).map(r -> r.waitFor().contains(waitsFor))
                .orElse(false);
    }

    /** {@code resource} waits for {@code waitsFor} from now on. */
    public Outcome addWaitFor(String resource, String waitsFor) {
        Optional<String> refusal = editable(resource).or(() -> editable(waitsFor).filter(m -> !isJob(waitsFor)))
                .or(() -> declaresWaitFor(resource, waitsFor)
                        ? Optional.of(resource + " already waits for " + waitsFor) : Optional.empty())
                .or(() -> cycleIfAdded(resource, waitsFor)
                .map(c -> "Refused: " + resource + " waiting for " + waitsFor + " would make a cycle: " + c));
        if (refusal.isPresent()) {
            return Outcome.refused(refusal.get());
        }
        return perform(command(resource + " waits for " + waitsFor,
                () -> files.add(resource, waitsFor), () -> files.remove(resource, waitsFor)));
    }

    /** {@code resource} no longer waits for {@code waitsFor}. */
    public Outcome removeWaitFor(String resource, String waitsFor) {
        if (!declaresWaitFor(resource, waitsFor)) {
            return Outcome.refused(resource + " has no wait-for " + waitsFor
                    + " in its file (this order comes from a link, a build or the job order)");
        }
        return perform(command(resource + " no longer waits for " + waitsFor,
                () -> files.remove(resource, waitsFor), () -> files.add(resource, waitsFor)));
    }

    /** {@code resource} waits for {@code to} instead of {@code from}. */
    public Outcome moveWaitFor(String resource, String from, String to) {
        if (!declaresWaitFor(resource, from)) {
            return Outcome.refused(resource + " has no wait-for " + from + " in its file");
        }
        if (declaresWaitFor(resource, to)) {
            return Outcome.refused(resource + " already waits for " + to);
        }
        Optional<String> cycle = cycleIfMoved(resource, from, to);
        if (cycle.isPresent()) {
            return Outcome.refused("Refused: " + resource + " waiting for " + to + " would make a cycle: "
                    + cycle.get());
        }
        return perform(command(resource + " waits for " + to + " instead of " + from,
                () -> files.move(resource, from, to), () -> files.move(resource, to, from)));
    }

    /** The wait-for "{@code oldWaiter} waits for {@code parent}" becomes "{@code newWaiter} waits for it". */
    public Outcome moveWaiter(String parent, String oldWaiter, String newWaiter) {
        if (!declaresWaitFor(oldWaiter, parent)) {
            return Outcome.refused(oldWaiter + " has no wait-for " + parent + " in its file");
        }
        if (declaresWaitFor(newWaiter, parent)) {
            return Outcome.refused(newWaiter + " already waits for " + parent);
        }
        Optional<String> refusal = editable(newWaiter).or(() -> cycleIn(without(oldWaiter, parent), newWaiter, parent)
                .map(c -> "Refused: " + newWaiter + " waiting for " + parent + " would make a cycle: " + c));
        if (refusal.isPresent()) {
            return Outcome.refused(refusal.get());
        }
        return perform(command(newWaiter + " waits for " + parent + " instead of " + oldWaiter,
                () -> {
                    files.remove(oldWaiter, parent);
                    addOrRestore(newWaiter, parent, oldWaiter);
                },
                () -> {
                    files.remove(newWaiter, parent);
                    files.add(oldWaiter, parent);
                }));
    }

    private void addOrRestore(String resource, String waitsFor, String restoreTo) throws Exception {
        try {
            files.add(resource, waitsFor);
        } catch (Exception e) {
            files.add(restoreTo, waitsFor);
            throw e;
        }
    }

    /**
     * Moves an orchestration job before or after another job of the same entry (jobs have no wait-for: their
     * order is their place in the file).
     */
    public Outcome moveJob(String job, String anchor, boolean after) {
        List<String> entry = entryOf(job);
        if (!entry.contains(anchor) || job.equals(anchor)) {
            return Outcome.refused("A job can only be moved before or after another job of the same entry");
        }
        int from = entry.indexOf(job);
        List<String> order = new ArrayList<>(entry);
        order.remove(job);
        int to = order.indexOf(anchor) + (after ? 1 : 0);
        order.add(to, job);
        if (order.equals(entry)) {
            return Outcome.refused(job + " is already there");
        }
        String movedName = entry.get(to);
        // undo: move the job (now named by its new place) back to its old index
        String undoAnchor = entry.get(from);
        boolean undoAfter = from > to;
        return perform(command("move " + job + (after ? " after " : " before ") + anchor,
                () -> files.moveJob(job, anchor, after),
                () -> files.moveJob(movedName, undoAnchor, undoAfter)));
    }

    private boolean isJob(String name) {
        return workspace != null && workspace.resource(name).map(r -> r.kind() == ResourceKind.JOB).orElse(false);
    }

    /** The jobs of the job's orchestration entry, in order (names are {@code <stem>.<entry>.<job>}). */
    private List<String> entryOf(String job) {
        int cut = job.lastIndexOf('.');
        if (cut < 0 || workspace == null) {
            return List.of();
        }
        String prefix = job.substring(0, cut + 1);
        return workspace.resources().stream()
                .filter(r -> r.kind() == ResourceKind.JOB && r.name().startsWith(prefix)
                        && r.name().indexOf('.', prefix.length()) < 0)
                .map(Resource::name)
                .sorted(java.util.Comparator.comparingInt(n -> jobNumber(n, prefix)))
                .toList();
    }

    private static int jobNumber(String name, String prefix) {
        try {
            return Integer.parseInt(name.substring(prefix.length()));
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    private Optional<String> editable(String resource) {
        if (graph == null) {
            return Optional.of("No valid workspace is open: nothing can be edited");
        }
        Optional<Resource> r = workspace.resource(resource);
        if (r.isEmpty()) {
            return Optional.of("No resource, component or job named " + resource);
        }
        if (r.get().kind() == ResourceKind.JOB) {
            return Optional.of("Orchestration jobs have no wait-for: drag a job before or after another to reorder");
        }
        return Optional.empty();
    }

    public Outcome undo() {
        return step(true);
    }

    public Outcome redo() {
        return step(false);
    }

    private Outcome step(boolean back) {
        try {
            Optional<EditHistory.Command> c = back ? history.undo() : history.redo();
            if (c.isEmpty()) {
                return Outcome.refused(back ? "Nothing to undo" : "Nothing to redo");
            }
            changed();
            return Outcome.done((back ? "Undone: " : "Redone: ") + c.get().description());
        } catch (Exception e) {
            LOG.warn("{} failed", back ? "undo" : "redo", e);
            changed();
            return Outcome.refused((back ? "Undo" : "Redo") + " failed: " + e.getMessage());
        }
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canRedoProperty() {
        return canRedo.getReadOnlyProperty();
    }

    /** Descriptions of the edits that can be undone, most recent first. */
    public List<String> undoDescriptions() {
        return history.undoDescriptions();
    }

    private Outcome perform(EditHistory.Command command) {
        try {
            history.perform(command);
            changed();
            return Outcome.done(command.description());
        } catch (Exception e) {
            LOG.warn("edit '{}' refused by the files", command.description(), e);
            changed();
            return Outcome.refused("Not saved: " + e.getMessage());
        }
    }

    private void changed() {
        canUndo.set(history.canUndo());
        canRedo.set(history.canRedo());
        afterChange.run();
    }

    private interface Step {
        void run() throws Exception;
    }

    private static EditHistory.Command command(String description, Step apply, Step revert) {
        return new EditHistory.Command() {
            @Override
            public String description() {
                return description;
            }

            @Override
            public void apply() throws Exception {
                apply.run();
            }

            @Override
            public void revert() throws Exception {
                revert.run();
            }
        };
    }
}
