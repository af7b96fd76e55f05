package dev.orrery.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Keeps the libraries' own output off the console: SLF4J lines (MINA's WARNs, sqlite-jdbc's native loader),
 * java.util.logging (JavaFX) and stack traces they print all go to {@code System.err}, which a command line
 * points at {@code WORKSPACE/.orrery/logs/orrery-DATE.log} instead. Orrery's own messages keep the real stderr
 * through {@link Main}'s writer, so stderr carries one line per error. With {@code --debug} everything stays on
 * the console, at debug level.
 *
 * <p>The file is opened on the first byte written, so a run that logs nothing writes nothing (validate only
 * reads). The folder is 0700 and the file 0600: log lines name hosts and paths.
 */
final class LibraryLog {
    static final String LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";
    private static final List<String> FILE_VERBS = List.of("deploy", "orchestrate");
    private static volatile Path written;

    private LibraryLog() {
    }

    /** Must run before the first logger is created: SLF4J and java.util.logging read their settings once. */
    static void configure(String[] args) {
        boolean debug = List.of(args).contains("--debug");
        if (System.getProperty(LEVEL) == null) {
            System.setProperty(LEVEL, debug ? "debug" : "info");
        }
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        if (!debug) {
            PrintStream console = System.err;
            System.setErr(new PrintStream(new LazyFile(logFile(workspaceOf(args)), console), true,
                    StandardCharsets.UTF_8));
        }
    }

    /** The log file this process wrote to, or null: an error line can point at the details. */
    static Path written() {
        return written;
    }

    static Path logFile(Path workspace) {
        return workspace.resolve(".orrery").resolve("logs").resolve("orrery-" + LocalDate.now() + ".log");
    }

    /**
     * The workspace the verb will use, found without parsing the command line for real: {@code -w DIR}; for
     * {@code deploy FILE} and {@code orchestrate FILE} the folder of the first existing file named; for
     * {@code gui DIR} that folder; else the current folder.
     */
    static Path workspaceOf(String[] args) {
        String verb = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if ((arg.equals("-w") || arg.equals("--workspace")) && i + 1 < args.length) {
                return Path.of(args[i + 1]).toAbsolutePath().normalize();
            }
            if (arg.startsWith("--workspace=")) {
                return Path.of(arg.substring("--workspace=".length())).toAbsolutePath().normalize();
            }
            if (arg.startsWith("-w") && arg.length() > 2) {
                return Path.of(arg.substring(2)).toAbsolutePath().normalize();
            }
        }
        for (String arg : args) {
            if (verb == null) {
                verb = arg.startsWith("-") ? null : arg;
                continue;
            }
            Path path = Path.of(arg).toAbsolutePath().normalize();
            if (FILE_VERBS.contains(verb) && Files.isRegularFile(path)) {
                return path.getParent();
            }
            if (verb.equals("gui") && Files.isDirectory(path)) {
                return path;
            }
        }
        return Path.of("").toAbsolutePath();
    }

    /** Appends to the log file, opened on first use; the console stays the fallback when it cannot be. */
    private static final class LazyFile extends OutputStream {
        private final Path file;
        private final OutputStream fallback;
        private OutputStream out;

        LazyFile(Path file, OutputStream fallback) {
            this.file = file;
            this.fallback = fallback;
        }

        @Override
        public synchronized void write(int b) throws IOException {
            target().write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) throws IOException {
            target().write(b, off, len);
        }

        @Override
        public synchronized void flush() throws IOException {
            if (out != null) {
                out.flush();
            }
        }

        private OutputStream target() {
            if (out == null) {
                out = open();
            }
            return out;
        }

        private OutputStream open() {
            try {
                Path folder = file.getParent();
                if (!Files.isDirectory(folder)) {
                    Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rwx------")));
                }
                if (!Files.exists(file)) {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(
                            PosixFilePermissions.fromString("rw-------")));
                }
                OutputStream stream = Files.newOutputStream(file, StandardOpenOption.APPEND);
                stream.write(("--- orrery pid " + ProcessHandle.current().pid() + " at " + Instant.now() + "\n")
                        .getBytes(StandardCharsets.UTF_8));
                written = file;
                return stream;
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                return fallback;
            }
        }
    }
}
