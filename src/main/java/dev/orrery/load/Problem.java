package dev.orrery.load;

import java.nio.file.Path;

/** One thing wrong with a workspace file, at a 1-based line and column, in a sentence a person can act on. */
public record Problem(Path file, int line, int column, String message) {
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + message;
    }
}
