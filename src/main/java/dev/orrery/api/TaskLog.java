package dev.orrery.api;

import dev.orrery.model.OutputChunk;
import dev.orrery.model.Plan;
import dev.orrery.model.RunSummary;
import dev.orrery.model.Secrets;
import dev.orrery.model.Task;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The recorded output of one attempt of one task in one run of a plan ({@code orch logs}).
 *
 * @param run     the run's number within its plan: 1 for the plan's first run, 2 after a restart or resume...
 *                Output recorded before runs were told apart belongs to run 1.
 * @param attempt the attempt within that run's count (a restart starts again at 1)
 * @param chunks  in recording order; masked when recorded, and masked again with the task's secrets here
 */
public record TaskLog(Task task, int run, long runId, int attempt, List<OutputChunk> chunks) {
    public TaskLog {
        chunks = chunks.stream().map(c -> new OutputChunk(c.planUid(), c.taskId(), c.attempt(), c.step(), c.stream(),
                Secrets.mask(c.text(), task.secrets()), c.runId())).toList();
    }

    /** {@code ── app.run@web-1 · run 2 · attempt 1 ──} */
    public String header() {
        return "── " + task.id() + " · run " + run + " · attempt " + attempt + " ──";
    }

    /**
     * The lines of the chunks: stdout as is, stderr marked {@code ! }, each step's exit code as {@code [step N exit C]}
     * with steps counted from 1 as the file lists them (stored step numbers count from 0).
     */
    public String text() {
        return body(chunks);
    }

    /** The one text form of captured output (the GUI's output panes and {@code orch logs} both show it). */
    public static String body(List<OutputChunk> chunks) {
        StringBuilder sb = new StringBuilder();
        for (OutputChunk c : chunks) {
            String text = c.text().endsWith("\n") ? c.text() : c.text() + "\n";
            switch (c.stream()) {
                case STDOUT -> sb.append(text);
                case STDERR -> text.lines().forEach(l -> sb.append("! ").append(l).append('\n'));
                case EXIT -> sb.append("[step ").append(c.step() + 1).append(" exit ").append(c.text().strip()).append("]\n");
            }
        }
        return sb.toString();
    }

    /**
     * Splits each task's output by run and attempt, tasks in plan order, runs and attempts in recording order.
     *
     * @param runs   the plan's runs (any order): their order by id gives the run numbers
     * @param output each task's chunks, in recording order
     */
    public static List<TaskLog> of(Plan plan, List<RunSummary> runs, Map<String, List<OutputChunk>> output) {
        List<Long> runIds = runs.stream().map(RunSummary::id).sorted(Comparator.naturalOrder()).toList();
        List<TaskLog> out = new ArrayList<>();
        for (Task task : plan.tasks()) {
            Map<List<Long>, List<OutputChunk>> groups = new LinkedHashMap<>();
            for (OutputChunk c : output.getOrDefault(task.id(), List.of())) {
                groups.computeIfAbsent(List.of(c.runId(), (long) c.attempt()), k -> new ArrayList<>()).add(c);
            }
            groups.forEach((key, chunks) -> {
                int index = runIds.indexOf(key.get(0));
                out.add(new TaskLog(task, index < 0 ? 1 : index + 1, key.get(0), key.get(1).intValue(), chunks));
            });
        }
        return out;
    }

    /** Those of {@code logs} that match: a null filter matches everything. */
    public static List<TaskLog> select(List<TaskLog> logs, String taskId, Integer run, Integer attempt) {
        return logs.stream().filter(l -> taskId == null || l.task().id().equals(taskId))
                .filter(l -> run == null || l.run() == run)
                .filter(l -> attempt == null || l.attempt() == attempt).toList();
    }
}
