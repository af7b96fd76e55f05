package dev.orrery.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Workspaces for the command-line tests: copies of the samples, and small ones written here. */
final class Workspaces {
    static final Path SAMPLES = Path.of("samples").toAbsolutePath();

    private Workspaces() {
    }

    /** Every runnable sample (all but {@code broken}). */
    static List<String> runnableSamples() {
        try (Stream<Path> dirs = Files.list(SAMPLES)) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(name -> !name.equals("broken")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One sandbox host and two resources: {@code slow} (sleeps {@code seconds} the first time it runs, and
     * returns at once when run again) and {@code after}, which waits for it.
     */
    static Path slowWorkspace(Path dir, int seconds) {
        write(dir.resolve("inventory.yaml"), """
                hosts:
                  box-1:
                    sandbox: true
                """);
        write(dir.resolve("resources.yaml"), """
                resources:
                  slow:
                    target: [box-1]
                    actions:
                      run:
                        - run: if [ -f slept ]; then echo again; else touch slept; sleep %d; fi
                  after:
                    target: [box-1]
                    wait-for: [slow]
                    actions:
                      run:
                        - run: echo done > after.txt
                """.formatted(seconds));
        return dir;
    }

    static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
