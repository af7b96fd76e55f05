package dev.orrery.cli;

import dev.orrery.Orrery;
import dev.orrery.api.PlanReport;
import dev.orrery.api.RunHandle;
import dev.orrery.api.TaskReport;
import dev.orrery.model.Change;
import dev.orrery.model.Plan;
import dev.orrery.model.Resource;
import dev.orrery.model.ResourceKind;
import dev.orrery.model.Task;
import dev.orrery.model.TaskState;
import dev.orrery.model.Workspace;
import dev.orrery.run.RunResult;
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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code orrery deploy FILE [--only-plan]}: the Toolforge component flow. Stages what differs in the component
 * file, plans it (builds, then deploys in wait-for order) and runs it, printing one line per component as
 * it finishes, in Toolforge's style.
 */
@Command(name = "deploy", description = {"Deploy a component file (the Toolforge components format) with one line per component.",
        "Builds images, then deploys the components in wait-for order; --only-plan shows the plan only."})
final class DeployCommand implements Callable<Integer> {
    static final String OK = "✅";
    static final String FAILED = "❌";
    private static final Duration POLL = Duration.ofMillis(100);

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The component file (relative to the workspace or absolute).")
    Path file;

    @Option(names = "--only-plan", description = "Print the deployment plan and stop (nothing is staged or run).")
    boolean onlyPlan;

    @Option(names = "--env", paramLabel = "ENV", description = "Deploy to the hosts tagged ENV.")
    String environment;

    @Mixin
    RunOptionsMixin runOptions;

    @Override
    public Integer call() throws Exception {
        OrreryCommand root = OrreryCommand.of(spec);
        Orrery orrery = root.closeLater(Orrery.open(root.workspaceOf(file), root.fileOf(file)))
                .hostKeyPolicy(runOptions.hostKeyPolicy());
        Workspace workspace = orrery.workspace();
        if (workspace.resources().stream().noneMatch(r -> r.kind() == ResourceKind.COMPONENT)) {
            throw new UsageException(file + " is not a component file (config-version + components)");
        }
        PrintWriter out = root.out();
        String tool = toolName(file);
        if (onlyPlan) {
            Plan plan = orrery.previewPlan(Requests.all(environment));
            out.println("Deployment plan for " + tool + ":");
            printPlan(out, workspace, plan);
            return ExitCodes.OK;
        }
        List<Change> staged = orrery.stage(Requests.all(environment));
        if (staged.isEmpty()) {
            out.println("Nothing to deploy for " + tool + ": every component is up to date");
            return ExitCodes.OK;
        }
        Plan plan = orrery.process(Set.of(), environment);
        out.println("Starting deploy for " + tool + "...");
        out.flush();
        RunResult result;
        try (RunHandle run = orrery.start(plan.uid(), runOptions.options(), null)) {
            result = follow(out, workspace, run);
        }
        return result.result() == TaskState.SUCCESS ? ExitCodes.OK : ExitCodes.ERROR;
    }

    /**
     * Prints each component once its build (then its deploy) settled: builds first, then deploys, each in the
     * plan's order, as Toolforge shows it.
     */
    private RunResult follow(PrintWriter out, Workspace workspace, RunHandle run) throws Exception {
        Sections sections = new Sections(workspace, run.poll());
        while (!run.isDone()) {
            sections.printSettled(out, run.poll(), false);
            Thread.sleep(POLL.toMillis());
        }
        RunResult result = run.await(Duration.ofMinutes(1));
        PlanReport last = run.poll();
        sections.printSettled(out, last, true);
        long deployed = sections.deployed();
        if (last.succeeded()) {
            out.println("All components deployed");
        } else {
            out.println("Deploy failed: " + deployed + " of " + sections.deployCount() + " components deployed");
        }
        out.flush();
        return result;
    }

    /** The plan in Toolforge's {@code [ ] name} style, builds then deploys, in plan order. */
    static void printPlan(PrintWriter out, Workspace workspace, Plan plan) {
        Map<String, List<Task>> builds = byComponent(plan, "build");
        Map<String, List<Task>> deploys = byComponent(plan, null);
        if (!builds.isEmpty()) {
            out.println("Building images:");
            builds.keySet().forEach(name -> out.println("[ ] " + name));
        }
        if (!deploys.isEmpty()) {
            out.println("Deploying components:");
            deploys.forEach((name, tasks) -> out.println("[ ] " + name + suffix(workspace, name, tasks.get(0).action())));
        }
        if (builds.isEmpty() && deploys.isEmpty()) {
            out.println("Nothing to do: every component is up to date");
        }
    }

    /** Component tasks of the plan by component name: builds ({@code action == "build"}) or the rest. */
    static Map<String, List<Task>> byComponent(Plan plan, String action) {
        Map<String, List<Task>> map = new LinkedHashMap<>();
        for (Task task : plan.tasks()) {
            if (task.kind() != ResourceKind.COMPONENT) {
                continue;
            }
            boolean isBuild = task.action().equals("build");
            if ((action != null) == isBuild) {
                map.computeIfAbsent(task.resource(), k -> new ArrayList<>()).add(task);
            }
        }
        return map;
    }

    /** {@code (waiting for a, b)} for a deploy, {@code removed} for a removal. */
    static String suffix(Workspace workspace, String component, String action) {
        if (action.equals("remove")) {
            return " removed";
        }
        List<String> waitFor = workspace.resource(component).map(Resource::waitFor).orElse(List.of());
        return waitFor.isEmpty() ? "" : " (waiting for " + String.join(", ", waitFor) + ")";
    }

    static String toolName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** Which components were printed in which section, so each line appears once and in the right place. */
    private static final class Sections {
        private final Workspace workspace;
        private final Map<String, List<String>> builds = new LinkedHashMap<>();
        private final Map<String, List<String>> deploys = new LinkedHashMap<>();
        private final Set<String> printedBuilds = new LinkedHashSet<>();
        private final Set<String> printedDeploys = new LinkedHashSet<>();
        private final Set<String> succeededDeploys = new LinkedHashSet<>();
        private boolean buildHeader;
        private boolean deployHeader;

        Sections(Workspace workspace, PlanReport start) {
            this.workspace = workspace;
            byComponent(start.plan(), "build").forEach((name, tasks) -> builds.put(name, ids(tasks)));
            byComponent(start.plan(), null).forEach((name, tasks) -> deploys.put(name, ids(tasks)));
        }

        private static List<String> ids(List<Task> tasks) {
            return tasks.stream().map(Task::id).toList();
        }

        void printSettled(PrintWriter out, PlanReport report, boolean end) {
            Map<String, TaskReport> rows = new LinkedHashMap<>();
            report.tasks().forEach(r -> rows.put(r.task().id(), r));
            if (!builds.isEmpty() && !buildHeader) {
                out.println("Building images:");
                buildHeader = true;
            }
            for (Map.Entry<String, List<String>> build : builds.entrySet()) {
                if (printedBuilds.contains(build.getKey())) {
                    continue;
                }
                Optional<Line> line = outcome(rows, build.getValue(), end);
                if (line.isEmpty()) {
                    break; // keep the plan's order: a later component waits for this one's line
                }
                printedBuilds.add(build.getKey());
                out.println(line.get().symbol + " " + build.getKey() + line.get().detail);
            }
            if (printedBuilds.size() < builds.size()) {
                out.flush();
                return;
            }
            if (!deploys.isEmpty() && !deployHeader) {
                out.println("Deploying components:");
                deployHeader = true;
            }
            for (Map.Entry<String, List<String>> deploy : deploys.entrySet()) {
                String name = deploy.getKey();
                if (printedDeploys.contains(name)) {
                    continue;
                }
                Optional<Line> line = outcome(rows, deploy.getValue(), end);
                if (line.isEmpty()) {
                    break;
                }
                printedDeploys.add(name);
                String action = rows.get(deploy.getValue().get(0)).task().action();
                out.println(line.get().symbol + " " + name
                        + (line.get().ok ? suffix(workspace, name, action) : line.get().detail));
                if (line.get().ok) {
                    succeededDeploys.add(name);
                }
            }
            out.flush();
        }

        long deployed() {
            return succeededDeploys.size();
        }

        int deployCount() {
            return deploys.size();
        }

        private record Line(String symbol, String detail, boolean ok) {
        }

        /** The line of a component once all its tasks settled; at the end, also for blocked or skipped ones. */
        private static Optional<Line> outcome(Map<String, TaskReport> rows, List<String> ids, boolean end) {
            List<TaskReport> tasks = ids.stream().map(rows::get).toList();
            Optional<TaskReport> failed = tasks.stream().filter(t -> t.state() == TaskState.ERROR).findFirst();
            if (failed.isPresent()) {
                return Optional.of(new Line("[" + FAILED + "]", ": " + failed.get().error().orElse("failed")
                        + (tasks.size() > 1 ? " (on " + failed.get().task().host() + ")" : ""), false));
            }
            if (tasks.stream().allMatch(t -> t.state().letsChildrenStart())) {
                return Optional.of(new Line("[" + OK + "]", "", true));
            }
            if (!end) {
                return Optional.empty();
            }
            boolean blocked = tasks.stream().anyMatch(TaskReport::blocked);
            return Optional.of(new Line("[" + FAILED + "]", blocked ? ": not deployed, waits for a failed task"
                    : ": not deployed (" + tasks.get(0).state() + ")", false));
        }
    }
}
