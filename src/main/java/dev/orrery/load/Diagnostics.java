package dev.orrery.load;

import dev.orrery.model.SourceRef;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects problems: one per file while files are read in parallel, then one for the load; not thread safe. */
final class Diagnostics {
    static final Comparator<Problem> ORDER = Problem.ORDER;

    private final List<Problem> problems = new ArrayList<>();

    void add(Path file, YamlNode.Mark at, String message) {
        problems.add(new Problem(file, at.line(), at.column(), message));
    }

    void add(SourceRef at, String message) {
        problems.add(new Problem(at.file(), at.line(), at.column(), message));
    }

    /** Something that will not fail the load but is probably not what the author meant. */
    void warn(SourceRef at, String message) {
        problems.add(new Problem(at.file(), at.line(), at.column(), message, Problem.Severity.WARNING));
    }

    void addAll(List<Problem> more) {
        problems.addAll(more);
    }

    /** As collected, unsorted. */
    List<Problem> all() {
        return List.copyOf(problems);
    }

    /** True when there is no error (warnings do not count). */
    boolean isEmpty() {
        return problems.stream().allMatch(Problem::isWarning);
    }

    /** The errors, sorted by file, line, column; the same problem found twice is listed once. */
    List<Problem> sorted() {
        return problems.stream().filter(p -> !p.isWarning()).distinct().sorted(ORDER).toList();
    }

    /** The warnings, sorted as {@link #sorted()}. */
    List<Problem> warnings() {
        return problems.stream().filter(Problem::isWarning).distinct().sorted(ORDER).toList();
    }
}
