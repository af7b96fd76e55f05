package dev.orrery.load;

import dev.orrery.model.SourceRef;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects problems: one per file while files are read in parallel, then one for the load; not thread safe. */
final class Diagnostics {
    static final Comparator<Problem> ORDER = Comparator.comparing((Problem p) -> p.file().toString())
            .thenComparingInt(Problem::line).thenComparingInt(Problem::column).thenComparing(Problem::message);

    private final List<Problem> problems = new ArrayList<>();

    void add(Path file, YamlNode.Mark at, String message) {
        problems.add(new Problem(file, at.line(), at.column(), message));
    }

    void add(SourceRef at, String message) {
        problems.add(new Problem(at.file(), at.line(), at.column(), message));
    }

    void addAll(List<Problem> more) {
        problems.addAll(more);
    }

    /** As collected, unsorted. */
    List<Problem> all() {
        return List.copyOf(problems);
    }

    boolean isEmpty() {
        return problems.isEmpty();
    }

    /** Sorted by file, line, column; the same problem found twice is listed once. */
    List<Problem> sorted() {
        return problems.stream().distinct().sorted(ORDER).toList();
    }
}
