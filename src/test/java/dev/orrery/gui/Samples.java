package dev.orrery.gui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** Copies a sample workspace into a test's temporary folder (never the .orrery history of the original). */
public final class Samples {
    private Samples() {
    }

    public static Path copy(String sample, Path into) {
        Path source = Path.of("samples", sample).toAbsolutePath();
        Path target = into.resolve(sample);
        try (Stream<Path> files = Files.walk(source)) {
            files.filter(p -> !source.relativize(p).toString().startsWith(".orrery")).forEach(p -> {
                try {
                    Path dest = target.resolve(source.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(dest);
                    } else {
                        Files.copy(p, dest);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }
}
