package dev.orrery.load;

import dev.orrery.model.Input;
import dev.orrery.model.Resource;
import dev.orrery.model.ResourceKind;
import dev.orrery.model.Workspace;
import dev.orrery.model.Workspace.FileKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Edits wait-for lists (and the order of orchestration jobs) in the workspace files that define them, so an
 * operator can reorder a deployment by dragging instead of by editing YAML. Only the touched bytes change:
 * comments, key order, quoting, blank lines, flow and block lists and CRLF line endings stay as written, and
 * adding then removing the same edge gives back the original file.
 *
 * <p>Every edit is refused, with nothing written, when the file changed on disk since it was loaded (its
 * sha256 differs from {@link LoadResult#digests()}), when it would close a dependency cycle (message
 * {@code a → b → c → a}, through wait-for and links), or when the result would not read back as intended.
 * A successful edit writes the file atomically, reloads the workspace and returns the new load result.
 *
 * <p>Not thread safe: use one editor from one thread (the GUI's or the CLI's). Each edit costs one parse of
 * the file plus one workspace load.
 */
public final class WaitForEditor {
    private static final Logger LOG = LoggerFactory.getLogger(WaitForEditor.class);

    /** Where a moved job goes relative to its anchor. */
    public enum Placement { BEFORE, AFTER }

    /** A written edit: the file that changed and the workspace loaded again afterwards. */
    public record Edit(Path file, LoadResult reloaded) {
    }

    private LoadResult loaded;
    private Workspace workspace;

    private WaitForEditor(LoadResult loaded) {
        this.loaded = loaded;
        this.workspace = loaded.workspace().orElseThrow(() ->
                new IllegalArgumentException("a workspace with problems cannot be edited; fix them first"));
    }

    /** An editor over a successfully loaded workspace. */
    public static WaitForEditor of(LoadResult loaded) {
        return new WaitForEditor(loaded);
    }

    /** The workspace as of the last edit (or the load this editor was made from). */
    public Workspace workspace() {
        return workspace;
    }

    public LoadResult loaded() {
        return loaded;
    }

    /**
     * The cycle that {@code resource} waiting for {@code waitsFor} would close ({@code [a, b, c, a]}), if any.
     * Cheap enough to call while a drag hovers (O(V + E)); reads no file.
     */
    public Optional<List<String>> cycleIfAdded(String resource, String waitsFor) {
        return cycleIfAdded(resource, waitsFor, null);
    }

    /** {@code resource} waits for {@code waitsFor} from now on. */
    public Edit add(String resource, String waitsFor) throws WaitForEditException {
        Resource owner = editable(resource);
        known(waitsFor);
        if (owner.waitFor().contains(waitsFor)) {
            throw new WaitForEditException(WaitForEditException.Reason.INVALID,
                    "'" + resource + "' already waits for '" + waitsFor + "'");
        }
        refuseCycle(resource, waitsFor, null);
        List<String> expected = new ArrayList<>(owner.waitFor());
        expected.add(waitsFor);
        return editWaitFor(owner, expected, (text, kind) ->
                WaitForText.add(text, owner.source().file(), kind, resource, waitsFor));
    }

    /** {@code resource} no longer waits for {@code waitsFor}. */
    public Edit remove(String resource, String waitsFor) throws WaitForEditException {
        Resource owner = editable(resource);
        if (!owner.waitFor().contains(waitsFor)) {
            throw new WaitForEditException(WaitForEditException.Reason.INVALID,
                    "'" + resource + "' does not wait for '" + waitsFor + "'");
        }
        List<String> expected = new ArrayList<>(owner.waitFor());
        expected.remove(waitsFor);
        return editWaitFor(owner, expected, (text, kind) ->
                WaitForText.remove(text, owner.source().file(), kind, resource, waitsFor));
    }

    /** {@code resource} waits for {@code to} instead of {@code from}, in the same place of its list. */
    public Edit move(String resource, String from, String to) throws WaitForEditException {
        Resource owner = editable(resource);
        known(to);
        if (!owner.waitFor().contains(from)) {
            throw new WaitForEditException(WaitForEditException.Reason.INVALID,
                    "'" + resource + "' does not wait for '" + from + "'");
        }
        if (from.equals(to)) {
            throw new WaitForEditException(WaitForEditException.Reason.INVALID,
                    "'" + resource + "' already waits for '" + to + "'");
        }
        if (owner.waitFor().contains(to)) {
            return remove(resource, from);
        }
        refuseCycle(resource, to, from);
        List<String> expected = new ArrayList<>(owner.waitFor());
        expected.set(expected.indexOf(from), to);
        return editWaitFor(owner, expected, (text, kind) ->
                WaitForText.replace(text, owner.source().file(), kind, resource, from, to));
    }

    /** Moves orchestration job {@code job} just before or after {@code anchor}, a job of the same entry. */
    public Edit moveJob(String job, String anchor, Placement placement) throws WaitForEditException {
        Resource moved = job(job);
        Resource target = job(anchor);
        String entry = moved.attributes().get("entry");
        if (!moved.source().file().equals(target.source().file()) || !entry.equals(target.attributes().get("entry"))) {
            throw new WaitForEditException(WaitForEditException.Reason.INVALID, "'" + job + "' and '" + anchor
                    + "' are not jobs of the same entry; jobs can only be reordered within their entry");
        }
        if (job.equals(anchor)) {
            throw new WaitForEditException(WaitForEditException.Reason.INVALID, "a job cannot move next to itself");
        }
        List<Resource> jobs = workspace.resources().stream()
                .filter(r -> r.kind() == ResourceKind.JOB && r.source().file().equals(moved.source().file())
                        && entry.equals(r.attributes().get("entry")))
                .sorted(java.util.Comparator.comparingInt(r -> Integer.parseInt(r.attributes().get("index"))))
                .toList();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < jobs.size(); i++) {
            order.add(i);
        }
        int from = jobs.indexOf(moved);
        order.remove(Integer.valueOf(from));
        int at = order.indexOf(jobs.indexOf(target)) + (placement == Placement.AFTER ? 1 : 0);
        order.add(at, from);
        Path file = moved.source().file();
        int entryNumber = Integer.parseInt(entry);
        String original = readUnchanged(file);
        List<String> before = JobOrderText.read(original, file, entryNumber);
        List<String> expected = order.stream().map(before::get).toList();
        String edited;
        try {
            edited = JobOrderText.reorder(original, file, entryNumber, order);
            if (!JobOrderText.read(edited, file, entryNumber).equals(expected)) {
                throw new IllegalArgumentException("the reordered file does not read back as intended");
            }
        } catch (IllegalArgumentException e) {
            throw notEditable(file, e);
        }
        return write(file, edited);
    }

    @FunctionalInterface
    private interface TextEdit {
        String apply(String text, FileKind kind);
    }

    private Edit editWaitFor(Resource owner, List<String> expected, TextEdit edit) throws WaitForEditException {
        Path file = owner.source().file();
        FileKind kind = workspace.files().get(file);
        String original = readUnchanged(file);
        String edited;
        try {
            edited = edit.apply(original, kind);
            List<String> actual = WaitForText.read(edited, file, kind, owner.name());
            if (!actual.equals(expected)) {
                throw new IllegalArgumentException("the edited file reads back as " + actual + ", not " + expected);
            }
        } catch (IllegalArgumentException | IndexOutOfBoundsException | java.util.NoSuchElementException e) {
            throw notEditable(file, e);
        }
        return write(file, edited);
    }

    private WaitForEditException notEditable(Path file, RuntimeException e) {
        return new WaitForEditException(WaitForEditException.Reason.NOT_EDITABLE, "cannot change " + file
                + " safely (" + e.getMessage() + "); edit it by hand", List.of(), e);
    }

    private Resource editable(String name) throws WaitForEditException {
        Resource resource = known(name);
        if (resource.kind() == ResourceKind.JOB) {
            throw new WaitForEditException(WaitForEditException.Reason.INVALID, "'" + name + "' is an orchestration"
                    + " job: jobs have no wait-for, reorder them in their file instead");
        }
        return resource;
    }

    private Resource job(String name) throws WaitForEditException {
        Resource resource = known(name);
        if (resource.kind() != ResourceKind.JOB) {
            throw new WaitForEditException(WaitForEditException.Reason.INVALID, "'" + name + "' is not an"
                    + " orchestration job");
        }
        return resource;
    }

    private Resource known(String name) throws WaitForEditException {
        return workspace.resource(name).orElseThrow(() -> new WaitForEditException(
                WaitForEditException.Reason.UNKNOWN_NAME, "'" + name + "' is not a resource or component of this"
                + " workspace" + Suggestions.didYouMean(name, workspace.resources().stream().map(Resource::name).toList())));
    }

    private void refuseCycle(String resource, String waitsFor, String replaced) throws WaitForEditException {
        Optional<List<String>> cycle = cycleIfAdded(resource, waitsFor, replaced);
        if (cycle.isPresent()) {
            throw new WaitForEditException(WaitForEditException.Reason.CYCLE, String.join(" → ", cycle.get()),
                    cycle.get(), null);
        }
    }

    /** Breadth-first from {@code waitsFor} back to {@code resource} over wait-for and links. */
    private Optional<List<String>> cycleIfAdded(String resource, String waitsFor, String replaced) {
        if (resource.equals(waitsFor)) {
            return Optional.of(List.of(resource, resource));
        }
        Map<String, List<String>> edges = new HashMap<>();
        for (Resource r : workspace.resources()) {
            List<String> out = new ArrayList<>(r.waitFor());
            if (r.name().equals(resource) && replaced != null) {
                out.remove(replaced);
            }
            r.inputs().values().stream().filter(Input::isLink).map(Input::linkResource).forEach(out::add);
            edges.put(r.name(), out);
        }
        Map<String, String> previous = new LinkedHashMap<>();
        Deque<String> queue = new ArrayDeque<>(List.of(waitsFor));
        previous.put(waitsFor, null);
        while (!queue.isEmpty()) {
            String name = queue.poll();
            if (name.equals(resource)) {
                List<String> path = new ArrayList<>();
                for (String at = name; at != null; at = previous.get(at)) {
                    path.add(0, at);
                }
                List<String> cycle = new ArrayList<>();
                cycle.add(resource);
                cycle.addAll(path); // resource → waitsFor → ... → resource
                return Optional.of(cycle);
            }
            for (String next : edges.getOrDefault(name, List.of())) {
                if (!previous.containsKey(next)) {
                    previous.put(next, name);
                    queue.add(next);
                }
            }
        }
        return Optional.empty();
    }

    /** The file's text, if its bytes are still those that were loaded. */
    private String readUnchanged(Path file) throws WaitForEditException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new WaitForEditException(WaitForEditException.Reason.IO, "cannot read " + file + ": " + e.getMessage(),
                    List.of(), e);
        }
        String expected = loaded.digests().get(file);
        if (expected == null || !expected.equals(WorkspaceLoader.digest(bytes))) {
            throw new WaitForEditException(WaitForEditException.Reason.CHANGED_ON_DISK, file + " changed on disk"
                    + " since the workspace was loaded; nothing was written: reload the workspace and try again");
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Writes through a hidden temporary file and an atomic rename, keeping the file's permissions. */
    private Edit write(Path file, String text) throws WaitForEditException {
        Path temporary = file.resolveSibling("." + file.getFileName() + ".orrery-edit");
        try {
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            PosixFileAttributeView original = Files.getFileAttributeView(file, PosixFileAttributeView.class);
            if (original != null) {
                Files.setPosixFilePermissions(temporary, original.readAttributes().permissions());
            }
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // the write already failed; that is what the person needs to know
            }
            throw new WaitForEditException(WaitForEditException.Reason.IO, "cannot write " + file + ": "
                    + e.getMessage(), List.of(), e);
        }
        LOG.info("edited {}", file);
        LoadResult reloaded = WorkspaceLoader.load(workspace.root());
        loaded = reloaded;
        reloaded.workspace().ifPresent(w -> workspace = w);
        return new Edit(file, reloaded);
    }
}
