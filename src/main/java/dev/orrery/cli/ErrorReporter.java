package dev.orrery.cli;

import dev.orrery.api.InvalidWorkspaceException;
import dev.orrery.graph.CycleException;
import dev.orrery.stage.StageException;
import dev.orrery.store.UnknownPlanException;
import picocli.CommandLine;

import java.io.PrintWriter;

/**
 * Turns a failure into one clear line on stderr (the stack trace only with {@code --debug}) and an exit code:
 * {@link ExitCodes#INVALID} for bad input, {@link ExitCodes#ERROR} for everything else.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) {
        OrreryCommand root = (OrreryCommand) commandLine.getCommandSpec().root().userObject();
        PrintWriter err = commandLine.getErr();
        if (root.debug()) {
            ex.printStackTrace(err);
        }
        if (ex instanceof InvalidWorkspaceException invalid && !invalid.problems().isEmpty()) {
            invalid.problems().forEach(problem -> err.println(ValidateCommand.line(problem)));
        } else {
            java.nio.file.Path details = LibraryLog.written();
            err.println("error: " + oneLine(ex) + (details == null || root.debug() ? "" : " (details: " + details + ")"));
        }
        err.flush();
        return exitCodeOf(ex);
    }

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("error: " + oneLine(ex) + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
        err.flush();
        return ExitCodes.INVALID;
    }

    static int exitCodeOf(Throwable ex) {
        if (ex instanceof UsageException || ex instanceof UnknownPlanException || ex instanceof InvalidWorkspaceException
                || ex instanceof CycleException || ex instanceof StageException
                || ex instanceof IllegalArgumentException || ex instanceof CommandLine.ParameterException) {
            return ExitCodes.INVALID;
        }
        return ExitCodes.ERROR;
    }

    /** The message of {@code ex} (or of its first cause that has one) on a single line. */
    static String oneLine(Throwable ex) {
        Throwable t = ex;
        while (t != null && (t.getMessage() == null || t.getMessage().isBlank())) {
            t = t.getCause();
        }
        String message = t == null ? ex.getClass().getSimpleName() : t.getMessage();
        if (t != null && t.getMessage() != null && isBareJavaException(t)) {
            message = t.getClass().getSimpleName() + ": " + message;
        }
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    /** JDK exceptions whose message alone would not say what happened ("/x/y" for NoSuchFileException). */
    private static boolean isBareJavaException(Throwable t) {
        return t instanceof java.nio.file.FileSystemException || t instanceof NullPointerException;
    }
}
