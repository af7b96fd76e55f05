package dev.orrery.load;

import dev.orrery.load.Drafts.ActionDraft;
import dev.orrery.load.Drafts.CopyDraft;
import dev.orrery.load.Drafts.InputDraft;
import dev.orrery.load.Drafts.ResourceDraft;
import dev.orrery.load.Drafts.RunDraft;
import dev.orrery.load.Drafts.StepDraft;
import dev.orrery.model.Action;
import dev.orrery.model.Input;
import dev.orrery.model.Resource;
import dev.orrery.model.ResourceKind;
import dev.orrery.model.SourceRef;
import dev.orrery.model.Step;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Turns native resource drafts into resources: resolves links (a linked input takes the linked value and its
 * secrecy), substitutes {@code {{input}}} placeholders (shell-quoted in commands, as written elsewhere),
 * checks every reference, and gives a resource without {@code update} the steps of its {@code run}.
 * Each draft is built on its own ({@link #build} only reads shared state), so a workspace's drafts can be built
 * on every core and their results merged in file order.
 */
final class NativeResources {
    private final Path root;
    private final Map<String, ResourceDraft> drafts;

    /** A link of an input, which orders its resource after the linked one: an edge for the cycle check. */
    record Link(String from, String to, SourceRef at) {
    }

    /** What building one draft gave: the resource (empty if it could not be built), its links, its problems. */
    record Built(Optional<Resource> resource, List<Link> links, Diagnostics problems) {
    }

    NativeResources(Path root, Map<String, ResourceDraft> drafts) {
        this.root = root;
        this.drafts = drafts;
    }

    /** Builds one draft; thread safe. */
    Built build(ResourceDraft draft) {
        Diagnostics diagnostics = new Diagnostics();
        List<Link> links = new ArrayList<>();
        Map<String, Input> inputs = new LinkedHashMap<>();
        for (InputDraft input : draft.inputs()) {
            if (input.link() == null) {
                inputs.put(input.name(), new Input(input.name(), input.value(), null, null, input.secret(), input.at()));
                continue;
            }
            String link = input.link().value();
            String resource = link.substring(0, link.lastIndexOf('.'));
            String linked = link.substring(link.lastIndexOf('.') + 1);
            if (!checkLink(diagnostics, draft, input, resource, linked)) {
                continue;
            }
            links.add(new Link(draft.name(), resource, input.link().at()));
            Resolved resolved = resolve(resource, linked, new HashSet<>());
            inputs.put(input.name(), new Input(input.name(), resolved.value(), resource, linked,
                    input.secret() || resolved.secret(), input.at()));
        }
        Map<String, String> values = new LinkedHashMap<>();
        inputs.values().forEach(i -> values.put(i.name(), i.value()));
        Map<String, Action> actions = new LinkedHashMap<>();
        for (ActionDraft action : draft.actions()) {
            List<Step> steps = new ArrayList<>();
            for (StepDraft step : action.steps()) {
                step(diagnostics, draft, step, values).ifPresent(steps::add);
            }
            actions.put(action.name(), new Action(action.name(), steps, action.retries(), action.timeout(), action.at()));
        }
        Action run = actions.get(Action.RUN);
        if (run != null && !actions.containsKey(Action.UPDATE)) {
            // update falls back to run, listed right after it
            Map<String, Action> withUpdate = new LinkedHashMap<>();
            actions.forEach((name, action) -> {
                withUpdate.put(name, action);
                if (name.equals(Action.RUN)) {
                    withUpdate.put(Action.UPDATE, new Action(Action.UPDATE, run.steps(), run.retries(), run.timeout(),
                            run.source()));
                }
            });
            actions = withUpdate;
        }
        Map<String, String> env = new LinkedHashMap<>();
        draft.env().forEach((name, value) -> env.put(name, raw(diagnostics, draft, value.value(), value.at(), values)));
        String workdir = draft.workdir() == null ? null
                : raw(diagnostics, draft, draft.workdir().value(), draft.workdir().at(), values);
        return new Built(Optional.of(new Resource(draft.name(), ResourceKind.RESOURCE,
                draft.targets().stream().map(Located::value).toList(),
                draft.tags(), inputs, actions, draft.waitFor().stream().map(Located::value).toList(), env, workdir,
                Map.of(), draft.at())), links, diagnostics);
    }

    private boolean checkLink(Diagnostics diagnostics, ResourceDraft draft, InputDraft input, String resource,
                              String linked) {
        ResourceDraft target = drafts.get(resource);
        String what = "link '" + input.link().value() + "' of input '" + input.name() + "' of resource '" + draft.name() + "'";
        if (target == null) {
            diagnostics.add(input.link().at(), what + " names resource '" + resource + "', which does not exist"
                    + Suggestions.didYouMean(resource, drafts.keySet()));
            return false;
        }
        List<String> names = target.inputs().stream().map(InputDraft::name).toList();
        if (!names.contains(linked)) {
            diagnostics.add(input.link().at(), what + " names input '" + linked + "', which resource '" + resource
                    + "' does not have" + Suggestions.didYouMean(linked, names)
                    + (names.isEmpty() ? "" : " (its inputs: " + String.join(", ", names) + ")"));
            return false;
        }
        return true;
    }

    private record Resolved(String value, boolean secret) {
    }

    /** Follows links until a literal value; a loop (reported as a cycle) resolves to "". */
    private Resolved resolve(String resource, String input, Set<String> visiting) {
        if (!visiting.add(resource + "." + input)) {
            return new Resolved("", false);
        }
        ResourceDraft draft = drafts.get(resource);
        InputDraft found = draft == null ? null
                : draft.inputs().stream().filter(i -> i.name().equals(input)).findFirst().orElse(null);
        if (found == null) {
            return new Resolved("", false);
        }
        if (found.link() == null) {
            return new Resolved(found.value(), found.secret());
        }
        String link = found.link().value();
        Resolved next = resolve(link.substring(0, link.lastIndexOf('.')), link.substring(link.lastIndexOf('.') + 1), visiting);
        return new Resolved(next.value(), next.secret() || found.secret());
    }

    private Optional<Step> step(Diagnostics diagnostics, ResourceDraft draft, StepDraft step, Map<String, String> values) {
        if (step instanceof RunDraft run) {
            checkPlaceholders(diagnostics, draft, run.command(), run.at(), values);
            warnQuotedPlaceholders(diagnostics, run);
            return Optional.of(new Step.Exec(Placeholders.substitute(run.command(), values, ShellQuote::quote)));
        }
        CopyDraft copy = (CopyDraft) step;
        String source = raw(diagnostics, draft, copy.source().value(), copy.source().at(), values);
        String local = LocalPaths.relativeToRoot(root, draft.dir(), source);
        if (LocalPaths.matchesNothing(root, local)) {
            diagnostics.add(copy.source().at(), "copy source '" + source + "' of resource '" + draft.name() + "' "
                    + (LocalPaths.isGlob(source) ? "matches no file" : "does not exist")
                    + " (relative paths start at the folder of this file)");
            return Optional.empty();
        }
        String destination = raw(diagnostics, draft, copy.destination().value(), copy.destination().at(), values);
        String owner = copy.owner() == null ? null
                : raw(diagnostics, draft, copy.owner().value(), copy.owner().at(), values);
        if (owner != null && !owner.contains("{{") && !Names.isValidOwner(owner)) {
            // the written form: the value may come from a secret input
            diagnostics.add(copy.owner().at(), "owner '" + copy.owner().value() + "' of a copy step of resource '"
                    + draft.name() + "' " + Names.OWNER_RULE);
            return Optional.empty();
        }
        String mode = copy.mode() == null ? null : copy.mode().value();
        return Optional.of(new Step.Transfer(local, destination, owner, mode));
    }

    /**
     * A placeholder inside quotes is a warning at its own column when the command is one line (a plain YAML
     * scalar starts at its first character), else at the step.
     */
    private static void warnQuotedPlaceholders(Diagnostics diagnostics, RunDraft run) {
        boolean oneLine = run.command().indexOf('\n') < 0;
        for (Placeholders.Quoted q : Placeholders.quoted(run.command())) {
            SourceRef at = oneLine ? new SourceRef(run.at().file(), run.at().line(), run.at().column() + q.offset())
                    : run.at();
            String placeholder = "{{" + q.name() + "}}";
            diagnostics.warn(at, q.quote() == '"'
                    ? placeholder + " is inside double quotes, where the value is not shell-quoted: the shell still"
                            + " expands $(...), `...` and $ in it, and Orrery's own quotes show up in the text;"
                            + " write " + placeholder + " outside the quotes (Orrery quotes every value)"
                    : placeholder + " is inside single quotes, where Orrery's quoting of the value is undone: the value"
                            + " is split into words and expanded by the shell; write " + placeholder + " outside the"
                            + " quotes (Orrery quotes every value)");
        }
    }

    /** Substitution without quoting, for values that are not shell text (paths, env values). */
    private String raw(Diagnostics diagnostics, ResourceDraft draft, String text, SourceRef at,
                       Map<String, String> values) {
        checkPlaceholders(diagnostics, draft, text, at, values);
        return Placeholders.substitute(text, values, UnaryOperator.identity());
    }

    private static void checkPlaceholders(Diagnostics diagnostics, ResourceDraft draft, String text, SourceRef at,
                                          Map<String, String> values) {
        List<String> used = Placeholders.names(text);
        if (used.isEmpty()) {
            return;
        }
        Set<String> reported = new HashSet<>();
        List<String> declared = draft.inputs().stream().map(InputDraft::name).toList();
        for (String name : used) {
            if (!declared.contains(name) && reported.add(name)) {
                diagnostics.add(at, "{{" + name + "}} is used but resource '" + draft.name() + "' has no input '"
                        + name + "'" + Suggestions.inParens(name, declared) + "; add it under 'inputs:'");
            }
        }
    }
}
