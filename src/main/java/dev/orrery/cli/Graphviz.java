package dev.orrery.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Draws DOT with Graphviz's {@code dot} program, when it is installed. */
final class Graphviz {
    private static final long TIMEOUT_SECONDS = 60;

    private Graphviz() {
    }

    /** Writes {@code dot} drawn as {@code format} (svg, png, pdf) to {@code output}. */
    static void render(String dot, String format, Path output) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder("dot", "-T" + format, "-o", output.toAbsolutePath().toString())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("Graphviz 'dot' is not installed (apt-get install graphviz); "
                    + "write a .dot file instead: -o plan.dot", e);
        }
        try (OutputStream in = process.getOutputStream()) {
            in.write(dot.getBytes(StandardCharsets.UTF_8));
        }
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("Graphviz 'dot' did not finish within " + TIMEOUT_SECONDS + " s");
        }
        String messages = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (process.exitValue() != 0) {
            throw new IOException("Graphviz 'dot' failed (exit " + process.exitValue() + "): " + messages);
        }
    }
}
