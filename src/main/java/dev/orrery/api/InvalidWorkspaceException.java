package dev.orrery.api;

import dev.orrery.load.Problem;

import java.util.List;

/**
 * The workspace files have problems, so nothing was staged, planned or run. {@link #problems()} lists every
 * one with file, line and column; the message names the first and how many there are.
 */
public class InvalidWorkspaceException extends RuntimeException {
    private final transient List<Problem> problems;

    public InvalidWorkspaceException(List<Problem> problems) {
        super(summary(problems));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String summary(List<Problem> problems) {
        if (problems.isEmpty()) {
            return "the workspace is invalid";
        }
        return problems.get(0) + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more problems)" : "");
    }
}
