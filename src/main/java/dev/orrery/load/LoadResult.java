package dev.orrery.load;

import dev.orrery.model.Workspace;

import java.util.List;
import java.util.Map;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A loaded workspace, or every problem found (sorted by file, line, column). Never both partially. Warnings
 * come with either: they never stop a load.
 *
 * @param digests sha256 (hex) of the bytes of every file that was read, by the same paths as
 *                {@link Workspace#files()}; the wait-for editor uses them to refuse overwriting a file that
 *                changed on disk since it was loaded
 * @param warnings things that load but are probably not meant (sorted as problems); never in {@code problems}
 */
public record LoadResult(Optional<Workspace> workspace, List<Problem> problems, Map<Path, String> digests,
                         List<Problem> warnings) {
    public LoadResult {
        problems = List.copyOf(problems);
        digests = Map.copyOf(digests);
        warnings = List.copyOf(warnings);
    }

    public LoadResult(Optional<Workspace> workspace, List<Problem> problems, Map<Path, String> digests) {
        this(workspace, problems, digests, List.of());
    }

    /** A result without file digests (an editor built on it treats every file as changed). */
    public LoadResult(Optional<Workspace> workspace, List<Problem> problems) {
        this(workspace, problems, Map.of());
    }

    public boolean ok() {
        return problems.isEmpty();
    }
}
