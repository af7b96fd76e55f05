package dev.orrery.load;

import dev.orrery.model.Workspace;

import java.util.List;
import java.util.Optional;

/** A loaded workspace, or every problem found (sorted by file, line, column). Never both partially. */
public record LoadResult(Optional<Workspace> workspace, List<Problem> problems) {
    public LoadResult {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }
}
