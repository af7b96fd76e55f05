package dev.orrery.cli;

import dev.orrery.Orrery;
import dev.orrery.api.PlanReport;
import dev.orrery.graph.GraphvizRenderer;
import dev.orrery.model.Transition;
import dev.orrery.run.ControlResult;
import dev.orrery.stage.StalePlans;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code orrery orch ...}: everything done to a stored plan (Solar's workflow). */
@Command(name = "orch", description = "Report, draw, run and control a stored plan.",
        subcommands = {OrchCommand.Report.class, OrchCommand.Dg.class, OrchCommand.Filter.class, OrchCommand.RunOnce.class,
                OrchCommand.Stop.class, OrchCommand.Resume.class, OrchCommand.Restart.class, OrchCommand.Retry.class,
                OrchCommand.Noop.class, LogsCommand.class})
final class OrchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(OrreryCommand.of(spec).out());
    }

    @Command(name = "report", description = "Every task in topological order with state, host, duration and error.")
    static final class Report implements Callable<Integer> {
        private static final Duration POLL = Duration.ofMillis(200);

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "PLAN", description = "Plan uid (or prefix), last, last2, ...")
        String plan;

        @Option(names = {"-w", "--wait"}, description = {"Follow the run (one line per transition) until it settles, then report;",
                "exit 1 unless every task ended SUCCESS or NOOP."})
        boolean waitForRun;

        @Override
        public Integer call() throws Exception {
            OrreryCommand root = OrreryCommand.of(spec);
            Orrery orrery = root.orrery();
            String uid = orrery.resolve(plan);
            PlanReport report = orrery.report(uid);
            if (waitForRun && !report.settled()) {
                report = follow(root, orrery, uid);
            }
            synchronized (root.out()) {
                ReportPrinter.print(root.out(), report);
                orrery.supersededBy(uid).ifPresent(next -> root.out().println("Re-planned from the current files as plan "
                        + next + " (retry --replan): its unfinished tasks run there"));
                // what run-once, resume and retry would refuse, said where the operator looks first
                orrery.staleness(uid, StalePlans.Scope.UNFINISHED)
                        .ifPresent(stale -> root.out().println("Stale: " + stale.reason()));
            }
            return waitForRun && !report.succeeded() ? ExitCodes.ERROR : ExitCodes.OK;
        }

        /** Prints each new transition from the store until the run settles; the last look comes after settling. */
        private static PlanReport follow(OrreryCommand root, Orrery orrery, String uid) throws InterruptedException {
            ProgressPrinter printer = new ProgressPrinter(root.out(), false);
            List<Transition> seen = orrery.transitions(uid, 0);
            long lastSeq = seen.isEmpty() ? 0 : seen.get(seen.size() - 1).seq();
            while (true) {
                PlanReport report = orrery.report(uid);
                for (Transition t : orrery.transitions(uid, lastSeq)) {
                    printer.onTransition(t);
                    lastSeq = t.seq();
                }
                if (report.settled()) {
                    return report;
                }
                Thread.sleep(POLL.toMillis());
            }
        }
    }

    @Command(name = "dg", description = {"The plan's dependency graph in Graphviz DOT (transitively reduced, coloured by state).",
            "-o FILE.dot writes DOT; FILE.svg / FILE.png are drawn with Graphviz 'dot' when installed."})
    static final class Dg implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "PLAN", description = "Plan uid (or prefix), last, last2, ...")
        String plan;

        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of the standard output.")
        Path output;

        @Override
        public Integer call() throws Exception {
            OrreryCommand root = OrreryCommand.of(spec);
            String dot = root.orrery().dot(plan);
            if (output == null) {
                root.out().print(dot.endsWith("\n") ? dot : dot + "\n");
                return ExitCodes.OK;
            }
            new GraphvizRenderer().render(dot, output);
            root.out().println("Wrote " + output.toAbsolutePath().normalize());
            return ExitCodes.OK;
        }
    }

    @Command(name = "filter", description = "Keep only the tasks between the start and end tasks; the others become SKIPPED.")
    static final class Filter implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "PLAN", description = "Plan uid (or prefix), last, last2, ...")
        String plan;

        @Option(names = {"-s", "--start"}, paramLabel = "TASK", arity = "1..*", description = "Start tasks (they and what follows them).")
        List<String> starts = new ArrayList<>();

        @Option(names = {"-e", "--end"}, paramLabel = "TASK", arity = "1..*", description = "End tasks (they and what precedes them).")
        List<String> ends = new ArrayList<>();

        @Override
        public Integer call() {
            if (starts.isEmpty() && ends.isEmpty()) {
                throw new UsageException("give start tasks (-s) and/or end tasks (-e)");
            }
            OrreryCommand root = OrreryCommand.of(spec);
            ControlResult result = root.orrery().filter(plan, starts, ends);
            PlanReport report = root.orrery().report(result.planUid());
            long kept = report.tasks().stream().filter(t -> t.state() != dev.orrery.model.TaskState.SKIPPED).count();
            root.out().println("Filtered plan " + result.planUid() + ": " + kept + " of " + report.tasks().size()
                    + " tasks kept, " + result.moved().size() + " changed state");
            warnAboutSkippedParents(root, report);
            return ExitCodes.OK;
        }

        /** A kept task behind a filtered-out one cannot start (children need SUCCESS or NOOP parents): say so. */
        private static void warnAboutSkippedParents(OrreryCommand root, PlanReport report) {
            java.util.Map<String, dev.orrery.model.TaskState> states = new java.util.HashMap<>();
            report.tasks().forEach(t -> states.put(t.task().id(), t.state()));
            dev.orrery.graph.TaskGraph.Blockage blockage = dev.orrery.graph.TaskGraph.of(report.plan()).blockage(states);
            if (!blockage.isEmpty()) {
                root.out().println("Note: " + String.join(", ", blockage.tasks()) + " wait"
                        + (blockage.tasks().size() == 1 ? "s" : "") + " for filtered-out "
                        + String.join(", ", blockage.blockers()) + "; mark those done with 'orrery orch noop "
                        + report.plan().uid().substring(0, 8) + " -t TASK' if they need not run");
            }
        }
    }

    @Command(name = "run-once", description = "Run the plan on its hosts until nothing more can run, printing each transition.")
    static final class RunOnce implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "PLAN", description = "Plan uid (or prefix), last, last2, ...")
        String plan;

        @Mixin
        RunOptionsMixin runOptions;

        @Mixin
        LimitOption limit;

        @Override
        public Integer call() {
            Set<String> outside = Runs.limit(OrreryCommand.of(spec), plan, limit);
            return Runs.runWithProgress(OrreryCommand.of(spec), plan, runOptions, outside);
        }
    }

    @Command(name = "stop", description = "Gracefully stop: PENDING tasks become SKIPPED, running tasks finish.")
    static final class Stop implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "PLAN", description = "Plan uid (or prefix), last, last2, ...")
        String plan;

        @Override
        public Integer call() {
            OrreryCommand root = OrreryCommand.of(spec);
            ControlResult result = root.orrery().stop(plan);
            root.out().println("Stopped plan " + result.planUid() + ": " + tasks(result.moved().size()) + " SKIPPED"
                    + result.runner().map(h -> "; the running tasks finish in pid " + h.pid()).orElse(""));
            return ExitCodes.OK;
        }
    }

    /** resume, restart and retry change states, then continue the run here unless another process runs it. */
    abstract static class Continuing implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "PLAN", description = "Plan uid (or prefix), last, last2, ...")
        String plan;

        @Option(names = "--no-run", description = "Only change the task states; do not continue the run here.")
        boolean noRun;

        @Mixin
        RunOptionsMixin runOptions;

        @Mixin
        LimitOption limit;

        abstract ControlResult apply(Orrery orrery);

        abstract String done(ControlResult result);

        /** True for verbs that run the stored steps of unfinished tasks: they say which ones the files changed. */
        boolean reportsDrift() {
            return false;
        }

        @Override
        public Integer call() {
            OrreryCommand root = OrreryCommand.of(spec);
            PrintWriter out = root.out();
            ControlResult result = apply(root.orrery());
            out.println(done(result));
            if (reportsDrift()) {
                printDrift(root, out);
            }
            Set<String> outside = Runs.limit(root, result.planUid(), limit);
            if (result.runner().isPresent()) {
                out.println("pid " + result.runner().get().pid() + " on " + result.runner().get().hostname()
                        + " is running the plan and continues with it");
                return ExitCodes.OK;
            }
            if (!result.runnerNeeded()) {
                return root.orrery().report(result.planUid()).succeeded() ? ExitCodes.OK : ExitCodes.ERROR;
            }
            if (noRun) {
                out.println("Continue with: orrery orch run-once " + result.planUid());
                return ExitCodes.OK;
            }
            return Runs.runWithProgress(root, result.planUid(), runOptions, outside);
        }

        /** One line per unfinished task whose files changed since the plan was made; silent if the files are invalid. */
        private void printDrift(OrreryCommand root, PrintWriter out) {
            java.util.List<dev.orrery.stage.PlanDrift.Drift> drift;
            try {
                drift = root.orrery().drift(plan);
            } catch (dev.orrery.api.InvalidWorkspaceException e) {
                out.println("Note: the workspace files do not load, so this plan's steps cannot be compared with them");
                return;
            }
            drift.forEach(d -> out.println(d.line()));
        }
    }

    @Command(name = "resume", description = "SKIPPED tasks become PENDING and the run continues.")
    static final class Resume extends Continuing {
        @Override
        boolean reportsDrift() {
            return true;
        }

        @Override
        ControlResult apply(Orrery orrery) {
            return orrery.resume(plan);
        }

        @Override
        String done(ControlResult result) {
            return "Resumed plan " + result.planUid() + ": " + tasks(result.moved().size()) + " PENDING again";
        }
    }

    @Command(name = "restart", description = "Every task becomes PENDING (times reset) and the plan runs again.")
    static final class Restart extends Continuing {
        @Override
        ControlResult apply(Orrery orrery) {
            return orrery.restart(plan);
        }

        @Override
        String done(ControlResult result) {
            return "Restarted plan " + result.planUid() + ": " + tasks(result.moved().size()) + " PENDING again";
        }
    }

    @Command(name = "retry", description = {"ERROR tasks become PENDING and the run continues (the same steps).",
            "With -t, only that task and its blocked descendants.",
            "With --replan, the unfinished part is staged and planned again from the current files as a new plan",
            "(what succeeded is kept), and that plan runs."})
    static final class Retry extends Continuing {
        @Option(names = {"-t", "--task"}, paramLabel = "TASK", description = "Retry only this task (and what it blocks).")
        String task;

        @Option(names = "--replan", description = "Re-stage and re-plan the unfinished tasks from the current files, then run.")
        boolean replan;

        @Override
        boolean reportsDrift() {
            return !replan;
        }

        @Override
        public Integer call() {
            if (!replan) {
                return super.call();
            }
            if (task != null) {
                throw new UsageException("--replan re-plans every unfinished task; leave out -t");
            }
            OrreryCommand root = OrreryCommand.of(spec);
            PrintWriter out = root.out();
            String old = root.orrery().resolve(plan);
            dev.orrery.stage.Replan.Result result = root.orrery().retryWithCurrentFiles(old);
            String uid = result.successor().uid();
            result.dropped().forEach(line -> out.println("Dropped: " + line));
            out.println("Re-planned the unfinished part of plan " + Formats.shortUid(old) + " from the current files as plan "
                    + uid + ": " + tasks(result.successor().tasks().size()) + ", " + result.kept().size()
                    + " already done (kept); plan " + Formats.shortUid(old) + " is superseded");
            if (noRun) {
                out.println("Continue with: orrery orch run-once " + uid);
                return ExitCodes.OK;
            }
            return Runs.runWithProgress(root, uid, runOptions);
        }

        @Override
        ControlResult apply(Orrery orrery) {
            return task == null ? orrery.retry(plan) : orrery.retryTask(plan, task);
        }

        @Override
        String done(ControlResult result) {
            return "Retrying plan " + result.planUid() + ": " + tasks(result.moved().size()) + " PENDING again";
        }
    }

    @Command(name = "noop", description = "Mark a task done by hand (NOOP counts as success: its children may start).")
    static final class Noop implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "PLAN", description = "Plan uid (or prefix), last, last2, ...")
        String plan;

        @Option(names = {"-t", "--task"}, paramLabel = "TASK", required = true, description = "The task to mark done.")
        String task;

        @Override
        public Integer call() {
            OrreryCommand root = OrreryCommand.of(spec);
            ControlResult result = root.orrery().noop(plan, task);
            root.out().println(result.moved().isEmpty() ? "Task " + task + " was already done"
                    : "Marked " + task + " NOOP in plan " + result.planUid());
            if (result.runnerNeeded()) {
                root.out().println("Continue with: orrery orch run-once " + result.planUid());
            }
            return ExitCodes.OK;
        }
    }

    static String tasks(int n) {
        return n + (n == 1 ? " task" : " tasks");
    }
}
