package dev.orrery.cli;

import dev.orrery.load.WaitForEditException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code orrery wait-for add|remove|move}: the graph's wait-for edits from the command line. Only the touched
 * wait-for list changes in the file; a refused edit (a cycle, an unknown name) writes nothing and exits 2.
 */
@Command(name = "wait-for", description = "Edit the wait-for lists in the workspace files (only those lines change).",
        subcommands = {WaitForCommand.Add.class, WaitForCommand.Remove.class, WaitForCommand.Move.class})
final class WaitForCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(OrreryCommand.of(spec).out());
    }

    @FunctionalInterface
    interface Edit {
        Path apply() throws WaitForEditException;
    }

    /** Runs one edit: prints the changed file, or turns a refusal into one line and its exit code. */
    static int edit(OrreryCommand root, String done, Edit edit) {
        try {
            Path file = edit.apply();
            root.out().println(done + " (" + ValidateCommand.relative(Path.of("").toAbsolutePath(), file) + ")");
            return ExitCodes.OK;
        } catch (WaitForEditException e) {
            root.err().println("error: " + ErrorReporter.oneLine(e));
            return switch (e.reason()) {
                case CYCLE, UNKNOWN_NAME, INVALID -> ExitCodes.INVALID;
                case CHANGED_ON_DISK, NOT_EDITABLE, IO -> ExitCodes.ERROR;
            };
        }
    }

    @Command(name = "add", description = "A now waits for B.")
    static final class Add implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "A", description = "The resource or component that waits.")
        String resource;

        @Parameters(index = "1", paramLabel = "B", description = "What it waits for.")
        String waitsFor;

        @Override
        public Integer call() {
            OrreryCommand root = OrreryCommand.of(spec);
            return edit(root, resource + " now waits for " + waitsFor, () -> root.orrery().addWaitFor(resource, waitsFor));
        }
    }

    @Command(name = "remove", description = "A no longer waits for B.")
    static final class Remove implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "A", description = "The resource or component that waits.")
        String resource;

        @Parameters(index = "1", paramLabel = "B", description = "What it should no longer wait for.")
        String waitsFor;

        @Override
        public Integer call() {
            OrreryCommand root = OrreryCommand.of(spec);
            return edit(root, resource + " no longer waits for " + waitsFor,
                    () -> root.orrery().removeWaitFor(resource, waitsFor));
        }
    }

    @Command(name = "move", description = "A waits for C instead of B.")
    static final class Move implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "A", description = "The resource or component that waits.")
        String resource;

        @Parameters(index = "1", paramLabel = "B", description = "What it waits for now.")
        String from;

        @Parameters(index = "2", paramLabel = "C", description = "What it should wait for instead.")
        String to;

        @Override
        public Integer call() {
            OrreryCommand root = OrreryCommand.of(spec);
            return edit(root, resource + " now waits for " + to + " instead of " + from,
                    () -> root.orrery().moveWaitFor(resource, from, to));
        }
    }
}
