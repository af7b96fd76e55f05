package dev.orrery.gui.workspace;

import dev.orrery.model.Action;
import dev.orrery.model.Change;
import dev.orrery.model.Dependency;
import dev.orrery.model.FieldDiff;
import dev.orrery.model.Host;
import dev.orrery.model.Input;
import dev.orrery.model.Plan;
import dev.orrery.model.Resource;
import dev.orrery.model.Secrets;
import dev.orrery.model.Step;
import dev.orrery.model.Task;
import dev.orrery.model.TaskStatus;
import dev.orrery.model.Workspace;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Builds {@link Details} for resources, tasks, hosts and changes. Pure functions of their arguments, so
 * they are tested without a window. Every value that may hold a secret goes through {@link Secrets#mask}.
 */
public final class DetailsBuilder {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private DetailsBuilder() {
    }

    public static Details resource(Workspace ws, Resource r, String environment) {
        List<String> secrets = r.secretValues();
        List<Details.Section> sections = new ArrayList<>();
        sections.add(new Details.Section("Overview", List.of(
                Details.Row.of("Kind", r.kind().name().toLowerCase()),
                Details.Row.of("Defined in", where(ws.root(), r.source())),
                Details.Row.of("Tags", join(r.tags())),
                Details.Row.of("Targets", String.join(", ", r.targets())))));
        sections.add(new Details.Section("Target hosts", ws.targetsOf(r, environment).stream()
                .map(h -> Details.Row.of(h.name(), hostLine(h))).toList()));
        sections.add(new Details.Section("Inputs", r.inputs().values().stream().map(DetailsBuilder::inputRow).toList()));
        sections.add(new Details.Section("Wait for", r.waitFor().stream().map(w -> Details.Row.of("", w)).toList()));
        for (Action action : r.actions().values()) {
            sections.add(new Details.Section("Action " + action.name(), stepRows(action.steps(), secrets)));
        }
        if (!r.attributes().isEmpty()) {
            sections.add(new Details.Section("Attributes", r.attributes().entrySet().stream()
                    .map(e -> Details.Row.of(e.getKey(), Secrets.mask(e.getValue(), secrets))).toList()));
        }
        return new Details(r.name(), r.kind().name().toLowerCase() + " · " + r.source().file().getFileName(),
                null, sections);
    }

    /**
     * @param ws      the loaded workspace, for the resource's inputs (may be null for a past plan)
     * @param status  the task's stored state, or null before the plan is stored
     * @param changes the changes of the plan (the diff that staged this task is picked from them)
     */
    public static Details task(Workspace ws, Plan plan, Task task, TaskStatus status, List<Change> changes) {
        List<Details.Section> sections = new ArrayList<>();
        List<Details.Row> overview = new ArrayList<>();
        overview.add(Details.Row.of("Resource", task.resource()));
        overview.add(Details.Row.of("Action", task.action()));
        overview.add(Details.Row.of("Host", task.host()));
        if (ws != null) {
            ws.host(task.host()).ifPresent(h -> overview.add(Details.Row.of("Address", hostLine(h))));
        }
        if (task.workdir() != null) {
            overview.add(Details.Row.of("Working folder", task.workdir()));
        }
        overview.add(Details.Row.of("Retries", String.valueOf(task.retries())));
        if (task.timeout() != null) {
            overview.add(Details.Row.of("Timeout", humanDuration(task.timeout())));
        }
        sections.add(new Details.Section("Overview", overview));
        if (status != null) {
            List<Details.Row> timing = new ArrayList<>();
            timing.add(Details.Row.of("State", status.state().name()));
            timing.add(Details.Row.of("Attempt", String.valueOf(status.attempt())));
            timing.add(Details.Row.of("Started", time(status.started())));
            timing.add(Details.Row.of("Finished", time(status.finished())));
            if (status.started() != null) {
                Instant end = status.finished() != null ? status.finished() : Instant.now();
                timing.add(Details.Row.of("Duration", humanDuration(Duration.between(status.started(), end))));
            }
            if (status.error() != null) {
                timing.add(Details.Row.code("Error", Secrets.mask(status.error(), task.secrets())));
            }
            sections.add(new Details.Section("State and timings", timing));
        }
        if (ws != null) {
            ws.resource(task.resource()).ifPresent(r -> sections.add(new Details.Section("Inputs",
                    r.inputs().values().stream().map(DetailsBuilder::inputRow).toList())));
        }
        sections.add(new Details.Section("Steps", stepRows(task.steps(), task.secrets())));
        if (!task.env().isEmpty()) {
            sections.add(new Details.Section("Environment", task.env().entrySet().stream()
                    .map(e -> Details.Row.code(e.getKey(), Secrets.mask(e.getValue(), task.secrets()))).toList()));
        }
        sections.add(new Details.Section("Wait for", plan.edges().stream()
                .filter(d -> d.child().equals(task.id())).map(Dependency::parent)
                .map(p -> Details.Row.of("", p)).toList()));
        changes.stream().filter(c -> c.resource().equals(task.resource())).findFirst()
                .ifPresent(c -> sections.add(diffSection(c)));
        return new Details(task.id(), task.action() + " of " + task.resource() + " on " + task.host(),
                status == null ? null : status.state(), sections);
    }

    public static Details host(Workspace ws, Host h) {
        List<Details.Section> sections = new ArrayList<>();
        sections.add(new Details.Section("Connection", List.of(
                Details.Row.of("Address", hostLine(h)),
                Details.Row.of("User", h.user() == null ? "(default)" : h.user()),
                Details.Row.of("Key", h.identityFile() == null ? "(default)" : h.identityFile()),
                Details.Row.of("Kind", h.sandbox() ? "sandbox (embedded SSH on loopback)" : h.local() ? "local" : "ssh"),
                Details.Row.of("Tags", join(h.tags())),
                Details.Row.of("Defined in", where(ws.root(), h.source())))));
        sections.add(new Details.Section("Resources here", ws.resources().stream()
                .filter(r -> ws.targetsOf(r).contains(h)).map(r -> Details.Row.of("", r.name())).toList()));
        return new Details(h.name(), "host · " + (h.sandbox() ? "sandbox" : h.address()), null, sections);
    }

    public static Details change(Change c) {
        List<Details.Section> sections = new ArrayList<>();
        sections.add(new Details.Section("Change", List.of(
                Details.Row.of("Action", c.action()),
                Details.Row.of("Reason", c.reason()),
                Details.Row.of("Tags", join(c.tags())),
                Details.Row.of("Environment", c.environment() == null || c.environment().isEmpty() ? "(all hosts)" : c.environment()),
                Details.Row.of("Staged", time(c.stagedAt())))));
        sections.add(diffSection(c));
        return new Details(c.resource() + " · " + c.action(), c.kind().name().toLowerCase() + " change", null, sections);
    }

    public static Details file(java.nio.file.Path file, Workspace.FileKind kind, int problems) {
        return new Details(String.valueOf(file.getFileName()), kind == null ? "file" : kind.name().toLowerCase() + " file",
                null, List.of(new Details.Section("File", List.of(
                Details.Row.of("Path", file.toString()),
                Details.Row.of("Problems", String.valueOf(problems))))));
    }

    /** {@code resources.yaml:5:3}, relative to the workspace. */
    private static String where(java.nio.file.Path root, dev.orrery.model.SourceRef ref) {
        java.nio.file.Path file = ref.file();
        if (file.isAbsolute() && file.startsWith(root)) {
            file = root.relativize(file);
        }
        return file + ":" + ref.line() + ":" + ref.column();
    }

    private static Details.Section diffSection(Change c) {
        return new Details.Section("Diff that staged it (" + c.reason() + ")",
                c.diff().stream().map(d -> Details.Row.code(symbol(d), d.field() + ": " + diffText(d))).toList());
    }

    private static String symbol(FieldDiff d) {
        return switch (d.kind()) {
            case ADDED -> "+";
            case REMOVED -> "−";
            case CHANGED -> "~";
        };
    }

    private static String diffText(FieldDiff d) {
        return switch (d.kind()) {
            case ADDED -> d.newValue();
            case REMOVED -> d.oldValue();
            case CHANGED -> d.oldValue() + " → " + d.newValue();
        };
    }

    private static Details.Row inputRow(Input in) {
        String value = in.displayValue();
        if (in.isLink()) {
            value = value + "   ← " + in.linkResource() + "." + in.linkInput();
        }
        return Details.Row.code(in.name() + (in.secret() ? " (secret)" : ""), value);
    }

    private static List<Details.Row> stepRows(List<Step> steps, List<String> secrets) {
        List<Details.Row> rows = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            rows.add(Details.Row.code(String.valueOf(i + 1), Secrets.mask(steps.get(i).summary(), secrets)));
        }
        return rows;
    }

    static String hostLine(Host h) {
        if (h.local()) {
            return "local";
        }
        String addr = (h.user() == null ? "" : h.user() + "@") + h.address();
        return h.sandbox() ? "sandbox " + addr : addr + (h.port() > 0 ? ":" + h.port() : "");
    }

    private static String join(java.util.Collection<String> values) {
        return values.isEmpty() ? "—" : new TreeSet<>(values).stream().collect(Collectors.joining(", "));
    }

    private static final DateTimeFormatter SHORT_TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    /** {@code 11-22 03:04:05} for narrow table columns, or a dash. */
    public static String shortTime(Instant at) {
        return at == null ? "—" : SHORT_TIME.format(at);
    }

    /** {@code 2026-11-22 03:04:05} in the local zone, or a dash. */
    public static String time(Instant at) {
        return at == null ? "—" : TIME.format(at);
    }

    /** {@code 850 ms}, {@code 12.4 s}, {@code 3 min 05 s}. */
    public static String humanDuration(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format("%.1f s", ms / 1000.0);
        }
        long s = d.toSeconds();
        return s / 3600 > 0
                ? String.format("%d h %02d min", s / 3600, (s % 3600) / 60)
                : String.format("%d min %02d s", s / 60, s % 60);
    }
}
