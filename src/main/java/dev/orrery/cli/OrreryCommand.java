package dev.orrery.cli;

import dev.orrery.Orrery;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The root of the command line: global options and the verbs. Every verb reaches the shared state
 * (workspace folder, output streams, the open workspace) through {@link #of(CommandSpec)}.
 */
@Command(name = "orrery", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, versionProvider = VersionProvider.class,
        sortOptions = false, usageHelpAutoWidth = true,
        subcommands = {ChangesCommand.class, OrchCommand.class, ValidateCommand.class, DeployCommand.class,
                OrchestrateCommand.class, ReleasesCommand.class, RollbackCommand.class, WaitForCommand.class,
                GuiCommand.class},
        description = "Orrery: stage changes of a workspace, plan them as a graph of tasks and run them over SSH.",
        footer = {"", "Plan references: a uid, a unique uid prefix, or last (= last1), last2, ... for the newest plans.",
                "Exit codes: 0 success, 1 error, 2 usage or invalid input."})
public final class OrreryCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Option(names = {"-w", "--workspace"}, paramLabel = "DIR", defaultValue = ".",
            description = "Workspace folder (default: the current folder).")
    Path workspace;

    @Option(names = "--debug", description = "Show stack traces and debug logging.")
    boolean debug;

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private Orrery orrery;

    /** The root command of the command line {@code spec} belongs to. */
    public static OrreryCommand of(CommandSpec spec) {
        return (OrreryCommand) spec.root().userObject();
    }

    @Override
    public void run() {
        spec.commandLine().usage(out());
    }

    public Path workspace() {
        return workspace.toAbsolutePath().normalize();
    }

    /**
     * The workspace of a verb that names one file ({@code deploy FILE}, {@code orchestrate FILE}): the
     * {@code -w} folder when given, else the file's folder.
     */
    public Path workspaceOf(Path file) {
        boolean explicit = spec.commandLine().getParseResult() != null
                && spec.commandLine().getParseResult().hasMatchedOption("--workspace");
        return explicit ? workspace() : fileOf(file).getParent();
    }

    /** A file named on the command line: as given when it exists from here, else inside the workspace. */
    public Path fileOf(Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        return file.isAbsolute() || java.nio.file.Files.exists(absolute) ? absolute
                : workspace().resolve(file).normalize();
    }

    public boolean debug() {
        return debug;
    }

    public PrintWriter out() {
        return spec.commandLine().getOut();
    }

    public PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** The workspace through the public facade, opened on first use and closed when the verb ends. */
    public Orrery orrery() {
        if (orrery == null) {
            orrery = closeLater(Orrery.open(workspace()));
        }
        return orrery;
    }

    /** Closes {@code resource} when the verb has finished. */
    public <T extends AutoCloseable> T closeLater(T resource) {
        toClose.add(resource);
        return resource;
    }

    void closeAll() {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            try {
                toClose.get(i).close();
            } catch (Exception e) {
                err().println("warning: " + ErrorReporter.oneLine(e));
            }
        }
        toClose.clear();
    }
}
