package dev.orrery.load;

import dev.orrery.load.Drafts.ActionDraft;
import dev.orrery.load.Drafts.CopyDraft;
import dev.orrery.load.Drafts.InputDraft;
import dev.orrery.load.Drafts.ResourceDraft;
import dev.orrery.load.Drafts.RunDraft;
import dev.orrery.load.Drafts.StepDraft;
import dev.orrery.model.SourceRef;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads a native resources file ({@code resources:}); the format is docs/formats.md's. */
final class ResourcesReader {
    static final List<String> TOP_KEYS = List.of("resources");
    static final List<String> RESOURCE_KEYS = List.of("description", "target", "tags", "inputs", "actions",
            "wait-for", "env", "workdir");
    static final List<String> INPUT_KEYS = List.of("value", "link", "secret");
    static final List<String> ACTION_KEYS = List.of("steps", "retry", "timeout");
    static final List<String> STEP_KEYS = List.of("run", "copy");
    static final List<String> COPY_KEYS = List.of("src", "dest", "owner", "mode");

    private ResourcesReader() {
    }

    static List<ResourceDraft> read(Diagnostics diagnostics, Path file, YamlNode.Mapping root) {
        Fields top = new Fields(diagnostics, file, root, "this resources file", TOP_KEYS);
        List<ResourceDraft> resources = new ArrayList<>();
        top.mapping("resources").ifPresent(mapping -> {
            Set<String> seen = new LinkedHashSet<>();
            for (YamlNode.Entry entry : mapping.entries()) {
                if (!seen.add(entry.key())) {
                    diagnostics.add(file, entry.keyMark(), "resource '" + entry.key()
                            + "' is defined twice in this file; rename or remove one");
                    continue;
                }
                readResource(diagnostics, file, entry).ifPresent(resources::add);
            }
        });
        return resources;
    }

    private static Optional<ResourceDraft> readResource(Diagnostics diagnostics, Path file, YamlNode.Entry entry) {
        String name = entry.key();
        SourceRef at = Fields.ref(file, entry.keyMark());
        if (!Names.isValid(name)) {
            diagnostics.add(at, "resource name '" + name + "' " + Names.RULE);
        }
        if (!(entry.value() instanceof YamlNode.Mapping mapping)) {
            diagnostics.add(Fields.ref(file, entry.value().mark()), "resource '" + name + "' must be a mapping with"
                    + " at least 'target' and 'actions', not " + entry.value().describe());
            return Optional.empty();
        }
        String owner = "resource '" + name + "'";
        Fields fields = new Fields(diagnostics, file, mapping, owner, RESOURCE_KEYS);
        List<Located> targets = fields.list("target");
        if (targets.isEmpty() && !fields.has("target")) {
            diagnostics.add(at, owner + " has no 'target': add `target: [host or tag, ...]` to say where it runs");
        } else if (targets.isEmpty() && fields.node("target").filter(n -> n instanceof YamlNode.Mapping).isEmpty()) {
            diagnostics.add(fields.keyAt("target"), "'target' of " + owner + " is empty: name at least one host or tag");
        }
        Set<String> tags = new LinkedHashSet<>();
        fields.list("tags").forEach(t -> tags.add(t.value()));
        List<InputDraft> inputs = new ArrayList<>();
        fields.mapping("inputs").ifPresent(m -> readInputs(fields, m, inputs));
        List<ActionDraft> actions = new ArrayList<>();
        fields.mapping("actions").ifPresent(m -> readActions(fields, m, actions));
        if (!fields.has("actions")) {
            diagnostics.add(at, owner + " has no 'actions': add at least a `run:` action with its steps");
        } else {
            fields.mapping("actions").filter(m -> m.entry("run").isEmpty()).ifPresent(m -> diagnostics.add(
                    fields.keyAt("actions"), owner + " has no 'run' action: add `run:` with the steps that create it"
                            + " (update falls back to run, remove is optional)"));
        }
        fields.mapping("env").ifPresent(env -> env.entries().stream().filter(e -> !Names.isValidEnv(e.key()))
                .forEach(e -> diagnostics.add(file, e.keyMark(), "environment variable name '" + e.key() + "' of "
                        + owner + " " + Names.ENV_RULE + ", or a shell cannot set it")));
        List<Located> waitFor = fields.list("wait-for");
        return Optional.of(new ResourceDraft(name, at, file.getParent(), targets, tags, inputs, actions, waitFor,
                fields.textMap("env"), fields.text("workdir").orElse(null)));
    }

    private static void readInputs(Fields owner, YamlNode.Mapping inputs, List<InputDraft> into) {
        Diagnostics diagnostics = owner.diagnostics();
        Path file = owner.file();
        Set<String> seen = new LinkedHashSet<>();
        for (YamlNode.Entry entry : inputs.entries()) {
            SourceRef at = Fields.ref(file, entry.keyMark());
            String what = "input '" + entry.key() + "' of " + owner.owner();
            if (!seen.add(entry.key())) {
                diagnostics.add(at, what + " is defined twice; keep only one");
                continue;
            }
            if (!Names.isValidInput(entry.key())) {
                diagnostics.add(at, "input name '" + entry.key() + "' may only hold letters, digits, '_' and '-',"
                        + " and must start with a letter or '_'");
            }
            YamlNode value = entry.value();
            if (value instanceof YamlNode.Scalar scalar) {
                into.add(new InputDraft(entry.key(), at, scalar.isNull() ? "" : scalar.text(), null, false));
            } else if (value instanceof YamlNode.Mapping mapping) {
                Fields fields = new Fields(diagnostics, file, mapping, what, INPUT_KEYS);
                Optional<Located> link = fields.text("link");
                Optional<Located> literal = fields.text("value");
                boolean secret = fields.bool("secret");
                if (link.isPresent() && fields.has("value")) {
                    diagnostics.add(fields.keyAt("value"), what + " has both 'value' and 'link'; keep one");
                } else if (link.isEmpty() && !fields.has("value")) {
                    diagnostics.add(at, what + " needs 'value' (or 'link: resource.input')");
                }
                if (link.isPresent() && !link.get().value().matches(".+\\.[^.]+")) {
                    diagnostics.add(link.get().at(), "link '" + link.get().value() + "' of " + what
                            + " must name a resource and one of its inputs, as `database.port`");
                    link = Optional.empty();
                }
                into.add(new InputDraft(entry.key(), at, literal.map(Located::value).orElse(""), link.orElse(null), secret));
            } else {
                owner.wrongType(value, what, "a value, {value: x, secret: true} or {link: resource.input}");
            }
        }
    }

    private static void readActions(Fields owner, YamlNode.Mapping actions, List<ActionDraft> into) {
        Diagnostics diagnostics = owner.diagnostics();
        Path file = owner.file();
        Set<String> seen = new LinkedHashSet<>();
        for (YamlNode.Entry entry : actions.entries()) {
            SourceRef at = Fields.ref(file, entry.keyMark());
            String what = "action '" + entry.key() + "' of " + owner.owner();
            if (!seen.add(entry.key())) {
                diagnostics.add(at, what + " is defined twice; keep only one");
                continue;
            }
            if (!Names.isValidInput(entry.key())) {
                diagnostics.add(at, "action name '" + entry.key() + "' may only hold letters, digits, '_' and '-'");
            }
            int retries = 0;
            Duration timeout = null;
            YamlNode steps = entry.value();
            if (entry.value() instanceof YamlNode.Mapping mapping) {
                Fields fields = new Fields(diagnostics, file, mapping, what, ACTION_KEYS);
                retries = fields.integer("retry", 0, 100).orElse(0);
                timeout = fields.duration("timeout").orElse(null);
                steps = fields.node("steps").orElse(null);
                if (steps == null) {
                    diagnostics.add(at, what + " needs 'steps:' (a list of `- run: command` or `- copy: {...}`)");
                    continue;
                }
            }
            into.add(new ActionDraft(entry.key(), at, readSteps(owner, steps, what), retries, timeout));
        }
    }

    private static List<StepDraft> readSteps(Fields owner, YamlNode node, String what) {
        List<StepDraft> steps = new ArrayList<>();
        if (node instanceof YamlNode.Scalar scalar && scalar.isNull()) {
            return steps;
        }
        if (!(node instanceof YamlNode.Sequence sequence)) {
            owner.wrongType(node, "the steps of " + what, "a list of `- run: command` or `- copy: {src, dest}` items");
            return steps;
        }
        for (YamlNode item : sequence.items()) {
            readStep(owner, item, what).ifPresent(steps::add);
        }
        return steps;
    }

    private static Optional<StepDraft> readStep(Fields owner, YamlNode item, String what) {
        SourceRef at = owner.at(item);
        if (item instanceof YamlNode.Scalar scalar && !scalar.isNull()) {
            return Optional.of(new RunDraft(scalar.text(), at));
        }
        if (!(item instanceof YamlNode.Mapping mapping)) {
            owner.wrongType(item, "a step of " + what, "`run: command` or `copy: {src, dest}`");
            return Optional.empty();
        }
        Fields fields = new Fields(owner.diagnostics(), owner.file(), mapping, "a step of " + what, STEP_KEYS);
        if (fields.has("run") && fields.has("copy") || mapping.entries().isEmpty()) {
            owner.diagnostics().add(at, "a step of " + what + " must hold exactly one of 'run' or 'copy'");
            return Optional.empty();
        }
        if (!fields.has("run") && !fields.has("copy")) {
            return Optional.empty(); // its unknown key is already reported
        }
        if (fields.has("run")) {
            return fields.requiredText("run", ": the shell command to run").map(c -> new RunDraft(c.value(), c.at()));
        }
        return fields.mapping("copy").flatMap(copy -> {
            Fields c = new Fields(owner.diagnostics(), owner.file(), copy, "the copy step of " + what, COPY_KEYS);
            Optional<Located> src = c.requiredText("src", ": the local file, relative to this file's folder");
            Optional<Located> dest = c.requiredText("dest", ": the path on the host (end with / for a folder)");
            Optional<Located> mode = c.text("mode");
            if (mode.isPresent() && !mode.get().value().matches("0?[0-7]{3}")) {
                owner.diagnostics().add(mode.get().at(), "mode '" + mode.get().value() + "' of the copy step of " + what
                        + " must be octal such as \"0640\" (quote it so YAML keeps the leading 0)");
                mode = Optional.empty();
            }
            if (src.isEmpty() || dest.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new CopyDraft(src.get(), dest.get(), c.text("owner").orElse(null), mode.orElse(null),
                    c.mappingAt()));
        });
    }
}
