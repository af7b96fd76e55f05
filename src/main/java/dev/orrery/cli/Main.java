package dev.orrery.cli;

import picocli.CommandLine;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * {@code orrery}: the command line. {@link #main} exits with the verb's code; {@link #run} does the same
 * in-process with given output streams (what the tests and other programs use).
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        LibraryLog.configure(args);
        PrintWriter out = utf8(FileDescriptor.out);
        PrintWriter err = utf8(FileDescriptor.err);
        int code = run(out, err, args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Runs one command line, writing to {@code out} and {@code err}; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine commandLine = commandLine(out, err);
        try {
            return commandLine.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** The configured command line, for callers that want picocli's own API (completion, help...). */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        OrreryCommand root = new OrreryCommand();
        CommandLine commandLine = new CommandLine(root);
        ErrorReporter errors = new ErrorReporter();
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExecutionExceptionHandler(errors);
        commandLine.setParameterExceptionHandler(errors);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionStrategy(parseResult -> {
            try {
                return new CommandLine.RunLast().execute(parseResult);
            } finally {
                root.closeAll();
            }
        });
        return commandLine;
    }

    private static PrintWriter utf8(FileDescriptor fd) {
        return new PrintWriter(new OutputStreamWriter(new FileOutputStream(fd), StandardCharsets.UTF_8), true);
    }
}
