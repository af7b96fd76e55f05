package dev.orrery.cli;

import dev.orrery.api.TaskLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code orrery orch logs PLAN [-t TASK] [--run N] [--attempt N]}: recorded output, per run and attempt. */
@Command(name = "logs", description = {"Print the recorded output of a plan's tasks (secrets masked), each run and attempt",
        "under a header line naming the task, the run (1 = the plan's first run) and the attempt."})
final class LogsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PLAN", description = "Plan uid (or prefix), last, last2, ...")
    String plan;

    @Option(names = {"-t", "--task"}, paramLabel = "TASK", description = "Only this task (default: every task, in plan order).")
    String task;

    @Option(names = "--run", paramLabel = "N", description = "Only the plan's N-th run (1 = first; restart, resume and retry each start one).")
    Integer run;

    @Option(names = "--attempt", paramLabel = "N", description = "Only attempt N within the run (automatic retries are attempts 2, 3...).")
    Integer attempt;

    @Override
    public Integer call() {
        if ((run != null && run < 1) || (attempt != null && attempt < 1)) {
            throw new UsageException("--run and --attempt count from 1");
        }
        OrreryCommand root = OrreryCommand.of(spec);
        String uid = root.orrery().resolve(plan);
        List<TaskLog> logs = root.orrery().logs(uid, task, run, attempt);
        PrintWriter out = root.out();
        if (logs.isEmpty()) {
            out.println("No output recorded for " + (task == null ? "plan " + Formats.shortUid(uid) : task)
                    + (run == null ? "" : " in run " + run) + (attempt == null ? "" : " at attempt " + attempt));
            return ExitCodes.OK;
        }
        for (TaskLog log : logs) {
            out.println(log.header());
            out.print(log.text());
        }
        out.flush();
        return ExitCodes.OK;
    }
}
