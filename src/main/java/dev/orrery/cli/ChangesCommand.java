package dev.orrery.cli;

import dev.orrery.Orrery;
import dev.orrery.model.Change;
import dev.orrery.model.ExecutedChange;
import dev.orrery.model.FieldDiff;
import dev.orrery.model.Plan;
import dev.orrery.stage.StageRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/** {@code orrery changes ...}: the staged bucket (Solar's workflow) and the history of executed changes (Solar's workflow). */
@Command(name = "changes", description = "Stage changes, list and discard them, see their history, process them into a plan.",
        subcommands = {ChangesCommand.Stage.class, ChangesCommand.Staged.class, ChangesCommand.Discard.class,
                ChangesCommand.History.class, ChangesCommand.Process.class})
final class ChangesCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(OrreryCommand.of(spec).out());
    }

    @Command(name = "stage", description = {"Stage what differs between the workspace files and what was deployed.",
            "New resources → run, changed → update, gone → remove; children of changed linked inputs → update."})
    static final class Stage implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = {"-t", "--tag"}, paramLabel = "TAG", description = "Stage only what carries this tag (repeatable).")
        List<String> tags = new ArrayList<>();

        @Option(names = {"-r", "--resource"}, paramLabel = "RESOURCE", description = "Stage an action of this resource, even without a diff (with -a).")
        String resource;

        @Option(names = {"-a", "--action"}, paramLabel = "ACTION", description = "The action to stage for -r (run, update, remove, restart, test...).")
        String action;

        @Option(names = {"-d", "--detailed"}, description = "Show the field-by-field diff of each change.")
        boolean detailed;

        @Option(names = "--env", paramLabel = "ENV", description = "Diff against what was deployed to this environment (hosts tagged ENV).")
        String environment;

        @Option(names = "--detailed-exitcode", description = "Exit 0 when nothing changed, 2 when changes were staged (as terraform plan).")
        boolean detailedExitCode;

        @Mixin
        LimitOption limit;

        @Override
        public Integer call() {
            if ((resource == null) != (action == null)) {
                throw new UsageException("-r RESOURCE and -a ACTION go together");
            }
            OrreryCommand root = OrreryCommand.of(spec);
            Orrery orrery = root.orrery();
            List<Change> staged = orrery.stage(Requests.of(tags, resource, action, environment), limit.pattern());
            printChanges(root.out(), staged, detailed, "Staged");
            if (detailedExitCode && !staged.isEmpty()) {
                return ExitCodes.INVALID;
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "staged", description = "List the staged changes (not yet processed into a plan).")
    static final class Staged implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = {"-d", "--detailed"}, description = "Show the field-by-field diff of each change.")
        boolean detailed;

        @Override
        public Integer call() {
            OrreryCommand root = OrreryCommand.of(spec);
            List<Change> staged = root.orrery().staged();
            if (staged.isEmpty()) {
                root.out().println("Nothing staged.");
                return ExitCodes.OK;
            }
            printChanges(root.out(), staged, detailed, "Staged");
            return ExitCodes.OK;
        }
    }

    @Command(name = "discard", description = "Take changes out of the staged bucket.")
    static final class Discard implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ID", arity = "0..*", description = "Ids of staged changes (see 'orrery changes staged').")
        List<Long> ids = new ArrayList<>();

        @Option(names = "--all", description = "Discard every staged change.")
        boolean all;

        @Override
        public Integer call() {
            if (all == !ids.isEmpty()) {
                throw new UsageException("give the ids of the changes to discard, or --all");
            }
            OrreryCommand root = OrreryCommand.of(spec);
            Orrery orrery = root.orrery();
            int discarded;
            if (all) {
                discarded = orrery.discardAll();
            } else {
                Set<Long> known = new TreeSet<>();
                orrery.staged().forEach(c -> known.add(c.id()));
                List<Long> unknown = ids.stream().filter(id -> !known.contains(id)).toList();
                if (!unknown.isEmpty()) {
                    throw new UsageException("no staged change with id " + unknown.get(0)
                            + " (see 'orrery changes staged'); nothing was discarded");
                }
                discarded = orrery.discard(new LinkedHashSet<>(ids));
            }
            root.out().println("Discarded " + discarded + (discarded == 1 ? " staged change." : " staged changes."));
            return ExitCodes.OK;
        }
    }

    @Command(name = "history", description = "Executed changes, newest first.")
    static final class History implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = {"-n", "--number"}, paramLabel = "N", defaultValue = "-1",
                description = "Show at most N changes (-1, the default: all).")
        int limit;

        @Option(names = {"-d", "--detailed"}, description = "Show the field-by-field diff of each change.")
        boolean detailed;

        @Override
        public Integer call() {
            OrreryCommand root = OrreryCommand.of(spec);
            List<ExecutedChange> history = root.orrery().history(limit);
            PrintWriter out = root.out();
            if (history.isEmpty()) {
                out.println("No executed changes yet.");
                return ExitCodes.OK;
            }
            for (ExecutedChange executed : history) {
                Change c = executed.change();
                out.println(Formats.dateTime(executed.executedAt()) + "  " + pad(c.action(), 8) + pad(c.resource(), 20)
                        + " plan " + Formats.shortUid(executed.planUid()) + envSuffix(c.environment())
                        + "  (" + c.reason() + ")");
                if (detailed) {
                    c.diff().forEach(d -> out.println("      " + d));
                }
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "process", description = "Turn the staged changes into a plan (a graph of tasks); prints its uid.")
    static final class Process implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = {"-t", "--tag"}, paramLabel = "TAG", description = "Process only staged changes carrying this tag (repeatable).")
        List<String> tags = new ArrayList<>();

        @Option(names = "--env", paramLabel = "ENV", description = "Plan for this environment: only hosts tagged ENV.")
        String environment;

        @Mixin
        LimitOption limit;

        @Override
        public Integer call() {
            OrreryCommand root = OrreryCommand.of(spec);
            Plan plan = root.orrery().process(new LinkedHashSet<>(tags), environment, limit.pattern());
            root.out().println(plan.uid());
            return ExitCodes.OK;
        }
    }

    /** {@code #3  update  app  (changed)  [tags: web]} and, with details, one line per field. */
    static void printChanges(PrintWriter out, List<Change> changes, boolean detailed, String verb) {
        if (changes.isEmpty()) {
            out.println("No changes.");
            return;
        }
        out.println(verb + " " + changes.size() + (changes.size() == 1 ? " change:" : " changes:"));
        Formats.Table table = new Formats.Table("ID", "ACTION", "RESOURCE", "KIND", "REASON", "TAGS");
        List<List<FieldDiff>> diffs = new ArrayList<>();
        for (Change c : changes) {
            table.row("#" + c.id(), c.action(), c.resource(), c.kind().name().toLowerCase(java.util.Locale.ROOT),
                    c.reason() + envSuffix(c.environment()), String.join(",", new TreeSet<>(c.tags())));
            diffs.add(c.diff());
        }
        List<String> lines = table.lines();
        out.println("  " + lines.get(0));
        for (int i = 1; i < lines.size(); i++) {
            out.println("  " + lines.get(i));
            if (detailed) {
                diffs.get(i - 1).forEach(d -> out.println("        " + d));
            }
        }
    }

    private static String envSuffix(String environment) {
        return environment == null || environment.isEmpty() ? "" : " [env " + environment + "]";
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
    }
}
