package dev.orrery.gui;

import dev.orrery.gui.graph.WaitForEditorFiles;
import dev.orrery.gui.graph.WaitForFiles;
import dev.orrery.load.LoadResult;
import dev.orrery.load.WaitForEditor;

import java.util.Objects;

/**
 * The window's {@link WaitForFiles}: graph edits go to a {@link WaitForEditorFiles} over the workspace as last
 * loaded, replaced after every reload (an edit by drag, or a file saved in an editor), so one edit session, with
 * its undo history, lives as long as the workspace is open. FX thread only.
 */
final class FollowingWaitForFiles implements WaitForFiles {
    private WaitForFiles current;

    /** The workspace was (re)loaded without problems: edits now start from these files. */
    void loaded(LoadResult result) {
        current = new WaitForEditorFiles(WaitForEditor.of(result));
    }

    private WaitForFiles current() {
        return Objects.requireNonNull(current, "no workspace loaded");
    }

    @Override
    public void add(String resource, String waitsFor) throws Exception {
        current().add(resource, waitsFor);
    }

    @Override
    public void remove(String resource, String waitsFor) throws Exception {
        current().remove(resource, waitsFor);
    }

    @Override
    public void move(String resource, String from, String to) throws Exception {
        current().move(resource, from, to);
    }

    @Override
    public void moveJob(String job, String anchor, boolean after) throws Exception {
        current().moveJob(job, anchor, after);
    }
}
