package dev.orrery.cli;

import dev.orrery.Orrery;
import dev.orrery.load.LoadResult;
import dev.orrery.load.Problem;
import dev.orrery.model.Workspace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code orrery validate [DIR]}: every problem of the workspace files as {@code file:line:col: message}. */
@Command(name = "validate", description = {"Check the workspace files; print every problem as file:line:col.",
        "Each problem is one 'file:line:col: message' line; exit 2 when there is any. Warnings",
        "('file:line:col: warning: message') are printed too but do not fail. Never writes anything."})
final class ValidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "DIR", description = "Workspace folder (default: the -w folder).")
    Path folder;

    @Override
    public Integer call() {
        OrreryCommand root = OrreryCommand.of(spec);
        Path dir = folder != null ? folder.toAbsolutePath().normalize() : root.workspace();
        LoadResult result;
        try (Orrery orrery = Orrery.open(dir)) {
            result = orrery.validate();
        }
        String warnings = result.warnings().isEmpty() ? ""
                : ", " + result.warnings().size() + (result.warnings().size() == 1 ? " warning" : " warnings");
        if (!result.ok()) {
            java.util.List<Problem> all = new java.util.ArrayList<>(result.problems());
            all.addAll(result.warnings());
            all.sort(Problem.ORDER);
            all.forEach(problem -> root.err().println(line(problem)));
            root.err().println(result.problems().size() + (result.problems().size() == 1 ? " problem" : " problems")
                    + warnings + " in " + dir);
            return ExitCodes.INVALID;
        }
        result.warnings().forEach(warning -> root.err().println(line(warning)));
        Workspace ws = result.workspace().orElseThrow();
        root.out().println("OK: " + ws.files().size() + " files, " + ws.hosts().size() + " hosts, "
                + ws.resources().size() + " resources" + warnings);
        return ExitCodes.OK;
    }

    /** {@code samples/broken/web.yaml:3:5: unknown key 'tagz', did you mean 'tags'?} */
    static String line(Problem problem) {
        return relative(Path.of("").toAbsolutePath(), problem.file()) + ":" + problem.line() + ":" + problem.column()
                + ": " + (problem.isWarning() ? "warning: " : "") + problem.message();
    }

    /** Paths under the current folder are shown relative to it, as compilers do. */
    static String relative(Path base, Path file) {
        Path absolute = file.toAbsolutePath().normalize();
        return absolute.startsWith(base) ? base.relativize(absolute).toString() : absolute.toString();
    }
}
