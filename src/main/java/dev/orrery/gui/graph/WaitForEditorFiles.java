package dev.orrery.gui.graph;

import dev.orrery.load.WaitForEditor;
import dev.orrery.model.Workspace;

import java.util.Objects;

/**
 * {@link WaitForFiles} over the load package's {@link WaitForEditor}: every edit rewrites only the touched
 * {@code wait-for} lines (or job order) of the defining file and reloads the workspace; a refused edit
 * ({@code WaitForEditException}: cycle, file changed on disk, shape it cannot edit) writes nothing and its message
 * is shown as it is. After each edit {@link #workspace()} is the reloaded workspace.
 *
 * <p>Typical wiring: {@code files = new WaitForEditorFiles(WaitForEditor.of(loadResult));
 * explorer.enableEditing(files, () -> explorer.show(files.workspace(), plan))}. Not thread-safe (FX thread).
 */
public final class WaitForEditorFiles implements WaitForFiles {
    private final WaitForEditor editor;

    public WaitForEditorFiles(WaitForEditor editor) {
        this.editor = Objects.requireNonNull(editor, "editor");
    }

    /** The workspace as of the last edit. */
    public Workspace workspace() {
        return editor.workspace();
    }

    @Override
    public void add(String resource, String waitsFor) throws Exception {
        editor.add(resource, waitsFor);
    }

    @Override
    public void remove(String resource, String waitsFor) throws Exception {
        editor.remove(resource, waitsFor);
    }

    @Override
    public void move(String resource, String from, String to) throws Exception {
        editor.move(resource, from, to);
    }

    @Override
    public void moveJob(String job, String anchor, boolean after) throws Exception {
        editor.moveJob(job, anchor, after ? WaitForEditor.Placement.AFTER : WaitForEditor.Placement.BEFORE);
    }
}
