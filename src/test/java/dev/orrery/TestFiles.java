package dev.orrery;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** Copies sample workspaces into a test's temporary folder, never the {@code .orrery} history of the original. */
public final class TestFiles {
    private TestFiles() {
    }

    /** Copies {@code samples/<name>} into {@code into/<name>} and returns that folder. */
    public static Path copySample(String name, Path into) {
        return copyTree(Path.of("samples", name), into.resolve(name));
    }

    /** Copies the tree at {@code from} to {@code to} (replacing files already there), leaving out {@code .orrery}. */
    public static Path copyTree(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(f -> !from.relativize(f).toString().startsWith(".orrery")).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return to;
    }
}
