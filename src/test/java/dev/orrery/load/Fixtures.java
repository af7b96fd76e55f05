package dev.orrery.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes workspace files for tests: lines joined with '\n', UTF-8. */
final class Fixtures {
    static final String INVENTORY = String.join("\n",
            "hosts:",
            "  web-1:",
            "    sandbox: true",
            "    tags: [prod, web]",
            "  db-1:",
            "    sandbox: true",
            "    tags: [prod, data]",
            "");

    private Fixtures() {
    }

    static Path write(Path dir, String name, String... lines) {
        try {
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path inventory(Path dir) {
        return write(dir, "inventory.yaml", INVENTORY);
    }

    /** "file:line:col" of each problem, for exact location checks. */
    static List<String> places(LoadResult result) {
        return result.problems().stream()
                .map(p -> p.file().getFileName() + ":" + p.line() + ":" + p.column()).toList();
    }
}
