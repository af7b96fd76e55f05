package dev.orrery.cli;

import dev.orrery.Orrery;
import dev.orrery.api.PlanReport;
import dev.orrery.model.TaskState;
import dev.orrery.run.RunResult;
import dev.orrery.stage.StalePlanException;
import dev.orrery.stage.StalePlans;

import java.io.PrintWriter;

/** Runs a plan in this process with live progress lines, then prints the outcome; shared by the run verbs. */
final class Runs {
    private Runs() {
    }

    /** @return {@link ExitCodes#OK} when every task ended SUCCESS or NOOP, else {@link ExitCodes#ERROR} */
    static int runWithProgress(OrreryCommand root, String planRef, RunOptionsMixin runOptions) {
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
        return printOutcome(out, orrery, uid, result);
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
            if (report.tasks().stream().anyMatch(t -> t.blocked())) {
                out.println("  fix the cause and run 'orrery orch retry " + Formats.shortUid(uid)
                        + "' (the same steps) or 'orrery orch retry " + Formats.shortUid(uid)
                        + " --replan' (the current files)");
            }
            result.release().ifPresent(r -> out.println("Release " + r.id() + " recorded"
                    + (r.environment() == null || r.environment().isEmpty() ? "" : " for " + r.environment())));
            out.flush();
        }
        return result.result() == TaskState.SUCCESS ? ExitCodes.OK : ExitCodes.ERROR;
    }
}
