package dev.orrery.cli;

import dev.orrery.api.PlanReport;
import dev.orrery.api.TaskReport;
import dev.orrery.model.Plan;
import dev.orrery.model.TaskState;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code orch report}: a header line, then every task in topological order with state, host, duration, error. */
final class ReportPrinter {
    private ReportPrinter() {
    }

    static void print(PrintWriter out, PlanReport report) {
        out.println(header(report));
        Formats.Table table = new Formats.Table("TASK", "STATE", "HOST", "DURATION", "ERROR");
        Instant now = Instant.now();
        for (TaskReport row : report.tasks()) {
            String state = row.blocked() ? "PENDING (blocked)" : row.state().name();
            table.row(row.task().id(), state, row.task().host(),
                    row.duration(now).map(Formats::duration).orElse(""), row.error().orElse(""));
        }
        table.print(out);
    }

    /** {@code Plan 3f2a1b9c (env staging, created 2024-05-01 12:00:03): SUCCESS, 8 tasks: 8 SUCCESS}. */
    static String header(PlanReport report) {
        Plan plan = report.plan();
        String env = plan.environment() == null || plan.environment().isEmpty() ? "" : "env " + plan.environment() + ", ";
        String runner = report.runner().map(h -> " — running in pid " + h.pid() + " on " + h.hostname()).orElse("");
        return "Plan " + plan.uid() + " (" + env + "created " + Formats.dateTime(plan.created()) + "): "
                + report.overall() + ", " + counts(report.counts(), plan.tasks().size()) + runner;
    }

    /** {@code 8 tasks: 6 SUCCESS, 1 ERROR, 1 PENDING}. */
    static String counts(Map<TaskState, Integer> counts, int total) {
        List<String> parts = new ArrayList<>();
        for (TaskState state : TaskState.values()) {
            int n = counts.getOrDefault(state, 0);
            if (n > 0) {
                parts.add(n + " " + state);
            }
        }
        return total + (total == 1 ? " task" : " tasks") + (parts.isEmpty() ? "" : ": " + String.join(", ", parts));
    }
}
