package dev.orrery.load;

import java.nio.file.Path;
import java.util.Comparator;

/**
 * One thing wrong with a workspace file, at a 1-based line and column, in a sentence a person can act on. An
 * {@link Severity#ERROR} stops the load; a {@link Severity#WARNING} is shown but the workspace still loads.
 */
public record Problem(Path file, int line, int column, String message, Severity severity) {
    public enum Severity { ERROR, WARNING }

    /** By file, line, column, then message: the order every list of problems is shown in. */
    public static final Comparator<Problem> ORDER = Comparator.comparing((Problem p) -> p.file().toString())
            .thenComparingInt(Problem::line).thenComparingInt(Problem::column).thenComparing(Problem::message);

    /** An error. */
    public Problem(Path file, int line, int column, String message) {
        this(file, line, column, message, Severity.ERROR);
    }

    public boolean isWarning() {
        return severity == Severity.WARNING;
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + (isWarning() ? "warning: " : "") + message;
    }
}
