package dev.orrery.load;

import dev.orrery.model.Workspace;

import java.util.List;
import java.util.Map;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A loaded workspace, or every problem found (sorted by file, line, column). Never both partially.
 *
 * @param digests sha256 (hex) of the bytes of every file that was read, by the same paths as
 *                {@link Workspace#files()}; the wait-for editor uses them to refuse overwriting a file that
 *                changed on disk since it was loaded
 */
public record LoadResult(Optional<Workspace> workspace, List<Problem> problems, Map<Path, String> digests) {
    public LoadResult {
        problems = List.copyOf(problems);
        digests = Map.copyOf(digests);
    }

    /** A result without file digests (an editor built on it treats every file as changed). */
    public LoadResult(Optional<Workspace> workspace, List<Problem> problems) {
        this(workspace, problems, Map.of());
    }

    public boolean ok() {
        return problems.isEmpty();
    }
}
