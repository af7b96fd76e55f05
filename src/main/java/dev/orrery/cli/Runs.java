package dev.orrery.cli;

import dev.orrery.Orrery;
import dev.orrery.api.PlanReport;
import dev.orrery.graph.HostPattern;
import dev.orrery.model.TaskState;
import dev.orrery.run.ControlResult;
import dev.orrery.run.RunResult;
import dev.orrery.stage.StalePlanException;
import dev.orrery.stage.StalePlans;

import java.io.PrintWriter;
import java.util.Set;

/** Runs a plan in this process with live progress lines, then prints the outcome; shared by the run verbs. */
final class Runs {
    private Runs() {
    }

    /** @return {@link ExitCodes#OK} when every task ended SUCCESS or NOOP, else {@link ExitCodes#ERROR} */
    static int runWithProgress(OrreryCommand root, String planRef, RunOptionsMixin runOptions) {
        return runWithProgress(root, planRef, runOptions, Set.of());
    }

    /**
     * As {@link #runWithProgress(OrreryCommand, String, RunOptionsMixin)}; the tasks {@code outsideLimit} were
     * left out on purpose ({@code --limit}), so the run succeeds when every other task ended SUCCESS or NOOP.
     */
    static int runWithProgress(OrreryCommand root, String planRef, RunOptionsMixin runOptions, Set<String> outsideLimit) {
        Orrery orrery = root.orrery().hostKeyPolicy(runOptions.hostKeyPolicy());
        PrintWriter out = root.out();
        String uid = orrery.resolve(planRef);
        // refused before the first line is printed: the operator sees only why
        orrery.staleness(uid, StalePlans.Scope.UNFINISHED).ifPresent(stale -> {
            throw new StalePlanException(stale);
        });
        int count = orrery.plan(uid).tasks().size();
        out.println("Running plan " + uid + " (" + OrchCommand.tasks(count) + ")");
        out.flush();
        RunResult result = orrery.run(uid, runOptions.options(), new ProgressPrinter(out, runOptions.showOutput));
        int code = printOutcome(out, orrery, uid, result);
        if (code != ExitCodes.OK && !outsideLimit.isEmpty() && orrery.report(uid).tasks().stream()
                .allMatch(t -> t.state().letsChildrenStart() || outsideLimit.contains(t.task().id()))) {
            return ExitCodes.OK;
        }
        return code;
    }

    /**
     * Applies {@code --limit} to a stored plan: PENDING tasks on other hosts become SKIPPED, and says so.
     *
     * @return the ids of the tasks the limit left out
     */
    static Set<String> limit(OrreryCommand root, String planRef, LimitOption limit) {
        HostPattern pattern = limit.pattern();
        if (pattern.isAll()) {
            return Set.of();
        }
        ControlResult result = root.orrery().limit(planRef, pattern);
        int n = result.moved().size();
        root.out().println("Limited to " + pattern + ": " + OrchCommand.tasks(n) + " on other hosts SKIPPED ("
                + HostPattern.OUTSIDE + ")" + (n == 0 ? "" : "; run them later with 'orrery orch resume "
                + Formats.shortUid(result.planUid()) + "'"));
        return Set.copyOf(result.moved());
    }

    static int printOutcome(PrintWriter out, Orrery orrery, String uid, RunResult result) {
        PlanReport report = orrery.report(uid);
        synchronized (out) {
            out.println(ReportPrinter.header(report));
            report.tasks().stream().filter(t -> t.state() == TaskState.ERROR)
                    .forEach(t -> out.println("  " + t.task().id() + ": " + t.error().orElse("failed")));
            if (!result.reason().isEmpty()) {
                out.println("  " + result.reason());
            }
            boolean failed = report.tasks().stream().anyMatch(t -> t.state() == TaskState.ERROR);
            if (report.tasks().stream().anyMatch(t -> t.blocked()) && failed) {
                out.println("  fix the cause and run 'orrery orch retry " + Formats.shortUid(uid)
                        + "' (the same steps) or 'orrery orch retry " + Formats.shortUid(uid)
                        + " --replan' (the current files)");
            } else if (report.tasks().stream().anyMatch(t -> t.blocked())) {
                // blocked only behind SKIPPED tasks (stop, --limit, filter): resume runs them
                out.println("  run 'orrery orch resume " + Formats.shortUid(uid) + "' to run the skipped tasks");
            }
            result.release().ifPresent(r -> out.println("Release " + r.id() + " recorded"
                    + (r.environment() == null || r.environment().isEmpty() ? "" : " for " + r.environment())));
            out.flush();
        }
        return result.result() == TaskState.SUCCESS ? ExitCodes.OK : ExitCodes.ERROR;
    }
}
