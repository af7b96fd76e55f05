package dev.orrery.gui.workspace;

import dev.orrery.load.Problem;
import dev.orrery.model.Host;
import dev.orrery.model.Resource;
import dev.orrery.model.Workspace;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The left pane's content as plain data: one entry per file (in load order), under it the resources,
 * components, jobs or hosts it defines. {@link #filter} keeps the entries whose label contains the text and
 * the files that hold them. Immutable.
 */
public record WorkspaceTree(List<Entry> files) {

    /** What an entry stands for; the payload is a {@link Path}, {@link Resource} or {@link Host}. */
    public enum Kind { FILE, RESOURCE, COMPONENT, JOB, HOST }

    public record Entry(Kind kind, String label, String detail, Object payload, List<Entry> children) {
        public Entry {
            children = List.copyOf(children);
        }

        boolean matches(String needle) {
            return label.toLowerCase(Locale.ROOT).contains(needle)
                    || (detail != null && detail.toLowerCase(Locale.ROOT).contains(needle));
        }
    }

    public WorkspaceTree {
        files = List.copyOf(files);
    }

    public static WorkspaceTree empty() {
        return new WorkspaceTree(List.of());
    }

    /** Groups a loaded workspace by file. */
    public static WorkspaceTree of(Workspace ws) {
        Map<Path, List<Entry>> byFile = new LinkedHashMap<>();
        ws.files().keySet().forEach(f -> byFile.put(f, new ArrayList<>()));
        for (Host host : ws.hosts()) {
            String detail = String.join(", ", new java.util.TreeSet<>(host.tags()));
            byFile.computeIfAbsent(host.source().file(), f -> new ArrayList<>())
                    .add(new Entry(Kind.HOST, host.name(), detail, host, List.of()));
        }
        for (Resource r : ws.resources()) {
            Kind kind = switch (r.kind()) {
                case RESOURCE -> Kind.RESOURCE;
                case COMPONENT -> Kind.COMPONENT;
                case JOB -> Kind.JOB;
            };
            String detail = r.kind() == dev.orrery.model.ResourceKind.JOB
                    ? r.attributes().getOrDefault("verb", r.actions().keySet().stream().findFirst().orElse(""))
                    + " " + r.attributes().getOrDefault("value", "")
                    : String.join(", ", new java.util.TreeSet<>(r.tags()));
            byFile.computeIfAbsent(r.source().file(), f -> new ArrayList<>())
                    .add(new Entry(kind, r.name(), detail, r, List.of()));
        }
        List<Entry> files = new ArrayList<>();
        byFile.forEach((file, children) -> {
            Workspace.FileKind fileKind = ws.files().get(file);
            files.add(new Entry(Kind.FILE, relative(ws.root(), file),
                    fileKind == null ? null : fileKind.name().toLowerCase(Locale.ROOT), file, children));
        });
        return new WorkspaceTree(files);
    }

    /** When the workspace does not load: the files that have problems, so the person can open them. */
    public static WorkspaceTree ofProblems(List<Problem> problems) {
        LinkedHashSet<Path> files = new LinkedHashSet<>();
        problems.forEach(p -> files.add(p.file()));
        return new WorkspaceTree(files.stream()
                .map(f -> new Entry(Kind.FILE, f.getFileName() == null ? f.toString() : f.getFileName().toString(),
                        "problems", f, List.of()))
                .toList());
    }

    private static String relative(Path root, Path file) {
        try {
            return root.relativize(file).toString();
        } catch (IllegalArgumentException e) {
            return file.toString();
        }
    }

    /** The entries whose label or detail contains {@code text} (case-insensitive), with their files. */
    public WorkspaceTree filter(String text) {
        if (text == null || text.isBlank()) {
            return this;
        }
        String needle = text.strip().toLowerCase(Locale.ROOT);
        List<Entry> kept = new ArrayList<>();
        for (Entry file : files) {
            if (file.matches(needle)) {
                kept.add(file);
                continue;
            }
            List<Entry> children = file.children().stream().filter(c -> c.matches(needle)).toList();
            if (!children.isEmpty()) {
                kept.add(new Entry(file.kind(), file.label(), file.detail(), file.payload(), children));
            }
        }
        return new WorkspaceTree(kept);
    }

    /** Every entry below the files, in order. */
    public List<Entry> leaves() {
        return files.stream().flatMap(f -> f.children().stream()).toList();
    }

    public int size() {
        return files.size() + leaves().size();
    }
}
