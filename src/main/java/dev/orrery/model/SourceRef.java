package dev.orrery.model;

import java.nio.file.Path;

/** Where something was defined: a file and a 1-based line and column. */
public record SourceRef(Path file, int line, int column) {
    public static final SourceRef NONE = new SourceRef(Path.of(""), 0, 0);

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
