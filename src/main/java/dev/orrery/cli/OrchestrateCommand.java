package dev.orrery.cli;

import dev.orrery.Orrery;
import dev.orrery.api.PlanReport;
import dev.orrery.api.TaskReport;
import dev.orrery.model.Change;
import dev.orrery.model.Plan;
import dev.orrery.model.Resource;
import dev.orrery.model.ResourceKind;
import dev.orrery.model.TaskState;
import dev.orrery.model.Workspace;
import dev.orrery.run.RunResult;
import dev.orrery.stage.Fingerprints;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * {@code orrery orchestrate FILE}: the Directord orchestration flow in one go: stage the jobs whose fingerprint
 * has not succeeded on a target yet, process them into a plan, run it, and print each job id (one per job
 * and target) with its outcome.
 */
@Command(name = "orchestrate", description = {"Run an orchestration file (the Directord orchestration format): stage, plan and run its jobs.",
        "Prints one id per job and target, then each outcome; cached jobs are skipped."})
final class OrchestrateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The orchestration file (relative to the workspace or absolute).")
    Path file;

    @Option(names = "--restrict", paramLabel = "FP", arity = "1..*", description = "Replay only the jobs with these fingerprints.")
    List<String> restrict = new ArrayList<>();

    @Option(names = "--ignore-cache", description = "Run jobs again even if they already succeeded with the same fingerprint.")
    boolean ignoreCache;

    @Option(names = "--finger-print", description = "List the jobs with their fingerprints; stage and run nothing.")
    boolean fingerPrint;

    @Option(names = "--env", paramLabel = "ENV", description = "Only targets tagged ENV.")
    String environment;

    @Mixin
    RunOptionsMixin runOptions;

    @Override
    public Integer call() {
        OrreryCommand root = OrreryCommand.of(spec);
        Orrery orrery = root.closeLater(Orrery.open(root.workspaceOf(file), root.fileOf(file)))
                .hostKeyPolicy(runOptions.hostKeyPolicy());
        Workspace workspace = orrery.workspace();
        List<Resource> jobs = workspace.resources().stream().filter(r -> r.kind() == ResourceKind.JOB).toList();
        if (jobs.isEmpty()) {
            if (!workspace.files().containsValue(Workspace.FileKind.ORCHESTRATION)) {
                throw new UsageException(file + " is not an orchestration file (a list of targets + jobs)");
            }
            // entries with `targets: []` or `jobs: []` do nothing
            root.out().println("Nothing to run: " + file + " has no job with a target");
            return ExitCodes.OK;
        }
        PrintWriter out = root.out();
        if (fingerPrint) {
            printFingerprints(out, orrery.fingerprints(environment));
            return ExitCodes.OK;
        }
        List<Change> staged = orrery.stage(Requests.orchestration(restrict, ignoreCache, environment));
        if (staged.isEmpty()) {
            out.println("Nothing to run: every job already succeeded with the same fingerprint"
                    + " (--ignore-cache runs them again)");
            return ExitCodes.OK;
        }
        Plan plan = orrery.process(Set.of(), environment);
        out.println("Orchestration " + DeployCommand.toolName(file) + ": plan " + plan.uid() + ", "
                + plan.tasks().size() + " jobs");
        Map<String, Resource> byName = jobs.stream().collect(Collectors.toMap(Resource::name, r -> r));
        for (var task : plan.tasks()) {
            out.println("  " + task.id() + "  " + describe(byName.get(task.resource())));
        }
        out.flush();
        RunResult result = orrery.run(plan.uid(), runOptions.options(), new ProgressPrinter(out, runOptions.showOutput));
        PlanReport report = orrery.report(plan.uid());
        synchronized (out) {
            out.println("Outcome:");
            Instant now = Instant.now();
            for (TaskReport row : report.tasks()) {
                String symbol = row.state().letsChildrenStart() ? DeployCommand.OK
                        : row.state() == TaskState.ERROR ? DeployCommand.FAILED : " ";
                out.println("[" + symbol + "] " + row.task().id() + "  " + (row.blocked() ? "PENDING (blocked)" : row.state())
                        + row.duration(now).map(d -> "  " + Formats.duration(d)).orElse("")
                        + row.error().map(e -> "  " + e).orElse(""));
            }
            long ok = report.tasks().stream().filter(t -> t.state().letsChildrenStart()).count();
            out.println(ok + " of " + report.tasks().size() + " jobs succeeded");
        }
        return result.result() == TaskState.SUCCESS ? ExitCodes.OK : ExitCodes.ERROR;
    }

    private static void printFingerprints(PrintWriter out, List<Fingerprints.JobFingerprint> jobs) {
        Formats.Table table = new Formats.Table("FINGERPRINT", "JOB", "COMMAND", "TARGETS", "CACHED ON");
        for (Fingerprints.JobFingerprint job : jobs) {
            table.row(job.fingerprint(), job.job(), job.verb() + " " + job.value(), String.join(",", job.hosts()),
                    job.cachedHosts().isEmpty() ? "-" : String.join(",", job.cachedHosts()));
        }
        table.print(out);
    }

    /** {@code RUN echo hello} as the file says it. */
    static String describe(Resource job) {
        if (job == null) {
            return "";
        }
        return job.attributes().getOrDefault("verb", job.actions().keySet().stream().findFirst().orElse("").toUpperCase())
                + " " + job.attributes().getOrDefault("value", "");
    }
}
