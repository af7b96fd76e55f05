package dev.orrery.graph;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Draws DOT text as SVG or PNG with Graphviz's {@code dot}, found on the {@code PATH}. Without Graphviz the
 * caller gets a clear {@link GraphvizException} and can still write the {@code .dot} file itself.
 *
 * <p>Thread safety: immutable; each call starts its own process.
 */
public final class GraphvizRenderer {
    /** What a file name ending asks for. */
    public enum Format {
        SVG, PNG, DOT;

        /** From the file name's extension ({@code .svg}, {@code .png}, {@code .dot}/{@code .gv}). */
        public static Format of(Path file) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".svg")) {
                return SVG;
            }
            if (name.endsWith(".png")) {
                return PNG;
            }
            if (name.endsWith(".dot") || name.endsWith(".gv")) {
                return DOT;
            }
            throw new IllegalArgumentException("cannot tell the picture format of '" + file.getFileName()
                    + "': use .svg, .png or .dot");
        }
    }

    static final String NOT_FOUND = "Graphviz 'dot' not found; install graphviz or write .dot";

    private final String searchPath;
    private final Duration timeout;

    /** Looks for {@code dot} on this process's {@code PATH}; gives it 60 seconds per picture. */
    public GraphvizRenderer() {
        this(Objects.requireNonNullElse(System.getenv("PATH"), ""), Duration.ofSeconds(60));
    }

    /**
     * @param searchPath folders to look for {@code dot} in, separated as on {@code PATH}
     * @param timeout    how long one drawing may take before the process is killed
     */
    public GraphvizRenderer(String searchPath, Duration timeout) {
        this.searchPath = Objects.requireNonNull(searchPath, "searchPath");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    /** The {@code dot} executable, if the search path has one. */
    public Optional<Path> dotExecutable() {
        for (String folder : searchPath.split(File.pathSeparator)) {
            if (folder.isBlank()) {
                continue;
            }
            for (String name : new String[] {"dot", "dot.exe"}) {
                Path candidate = Path.of(folder, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    public boolean isAvailable() {
        return dotExecutable().isPresent();
    }

    /**
     * Writes {@code dot} to {@code output} in the format its name asks for; {@code .dot} needs no Graphviz.
     *
     * @throws GraphvizException        if {@code dot} is missing, fails (its error is in the message) or times out
     * @throws IllegalArgumentException if the file name's extension is not .svg, .png or .dot
     */
    public void render(String dot, Path output) {
        Objects.requireNonNull(dot, "dot");
        Format format = Format.of(output);
        try {
            if (format == Format.DOT) {
                Files.writeString(output, dot, StandardCharsets.UTF_8);
                return;
            }
            Path executable = dotExecutable().orElseThrow(() -> new GraphvizException(NOT_FOUND));
            run(executable, dot, format, output);
        } catch (IOException e) {
            throw new GraphvizException("cannot write " + output + ": " + e.getMessage(), e);
        }
    }

    private void run(Path executable, String dot, Format format, Path output) throws IOException {
        Path errors = Files.createTempFile("orrery-dot", ".err");
        try {
            Process process = new ProcessBuilder(executable.toString(), "-T" + format.name().toLowerCase(Locale.ROOT),
                    "-o", output.toAbsolutePath().toString())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(errors.toFile())
                    .start();
            try (OutputStream in = process.getOutputStream()) {
                in.write(dot.getBytes(StandardCharsets.UTF_8));
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new GraphvizException("Graphviz 'dot' did not finish within " + timeout.toSeconds() + " s");
            }
            if (process.exitValue() != 0) {
                throw new GraphvizException("Graphviz 'dot' failed (exit " + process.exitValue() + "): "
                        + Files.readString(errors, StandardCharsets.UTF_8).strip());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GraphvizException("interrupted while Graphviz 'dot' was drawing", e);
        } finally {
            Files.deleteIfExists(errors);
        }
    }
}
