package dev.orrery.gui.graph;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * An undo/redo stack of {@link Command}s. Doing a new command clears the redo side. A command that fails to undo or
 * redo stays where it was, so the stacks always match the files. Not thread-safe (JavaFX thread).
 */
public final class EditHistory {
    /** One reversible edit. {@code apply} and {@code revert} throw when the files refuse; then nothing changed. */
    public interface Command {
        String description();

        void apply() throws Exception;

        void revert() throws Exception;
    }

    private final Deque<Command> undo = new ArrayDeque<>();
    private final Deque<Command> redo = new ArrayDeque<>();

    /** Applies the command and records it. @throws Exception from the command (then nothing is recorded) */
    public void perform(Command command) throws Exception {
        command.apply();
        undo.push(command);
        redo.clear();
    }

    /** Reverts the last command; empty when there is nothing to undo. */
    public Optional<Command> undo() throws Exception {
        if (undo.isEmpty()) {
            return Optional.empty();
        }
        Command c = undo.peek();
        c.revert();
        undo.pop();
        redo.push(c);
        return Optional.of(c);
    }

    /** Applies again the last undone command; empty when there is nothing to redo. */
    public Optional<Command> redo() throws Exception {
        if (redo.isEmpty()) {
            return Optional.empty();
        }
        Command c = redo.peek();
        c.apply();
        redo.pop();
        undo.push(c);
        return Optional.of(c);
    }

    public boolean canUndo() {
        return !undo.isEmpty();
    }

    public boolean canRedo() {
        return !redo.isEmpty();
    }

    /** Descriptions, most recent first. */
    public List<String> undoDescriptions() {
        return undo.stream().map(Command::description).toList();
    }
}
