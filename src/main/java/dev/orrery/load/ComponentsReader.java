package dev.orrery.load;

import dev.orrery.load.Drafts.ComponentDraft;
import dev.orrery.model.SourceRef;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a Toolforge components file, indented or printed flat as Toolforge's documentation prints it (see {@link FlatComponents}).
 * <pre>
 * config-version: 0.1
 * components:
 *   toolhunt-api:
 *     description: a python-flask api
 *     type: continuous
 *     build:
 *       repository: https://github.com/wikimedia/toolhunt
 * </pre>
 */
final class ComponentsReader {
    static final List<String> TOP_KEYS = List.of("config-version", "components");
    static final List<String> COMPONENT_KEYS = List.of("description", "type", "build", "run", "wait-for");
    static final List<String> BUILD_KEYS = List.of("repository", "reuse-from");
    static final List<String> RUN_KEYS = List.of("command", "schedule");
    static final List<String> TYPES = List.of("continuous", "scheduled");
    static final List<String> VERSIONS = List.of("0.1");

    private ComponentsReader() {
    }

    static List<ComponentDraft> read(Diagnostics diagnostics, Path file, YamlNode.Mapping root) {
        YamlNode.Mapping nested = FlatComponents.isFlat(root) ? FlatComponents.nest(root) : root;
        Fields top = new Fields(diagnostics, file, nested, "this component file", TOP_KEYS);
        Optional<Located> version = top.text("config-version");
        if (version.isEmpty()) {
            diagnostics.add(top.mappingAt(), "this component file needs `config-version: 0.1` on its first line");
        } else if (!VERSIONS.contains(version.get().value())) {
            diagnostics.add(version.get().at(), "config-version '" + version.get().value()
                    + "' is not supported; Orrery reads config-version 0.1");
        }
        List<ComponentDraft> components = new ArrayList<>();
        top.mapping("components").ifPresent(mapping -> {
            Set<String> seen = new LinkedHashSet<>();
            for (YamlNode.Entry entry : mapping.entries()) {
                if (!seen.add(entry.key())) {
                    diagnostics.add(file, entry.keyMark(), "component '" + entry.key()
                            + "' is defined twice in this file; rename or remove one");
                    continue;
                }
                readComponent(diagnostics, file, entry).ifPresent(components::add);
            }
        });
        return components;
    }

    private static Optional<ComponentDraft> readComponent(Diagnostics diagnostics, Path file, YamlNode.Entry entry) {
        String name = entry.key();
        SourceRef at = Fields.ref(file, entry.keyMark());
        String owner = "component '" + name + "'";
        if (!Names.isValid(name)) {
            diagnostics.add(at, "component name '" + name + "' " + Names.RULE);
        }
        if (!(entry.value() instanceof YamlNode.Mapping mapping)) {
            diagnostics.add(at, owner + " needs at least 'type' and 'build' under it");
            return Optional.empty();
        }
        Fields fields = new Fields(diagnostics, file, mapping, owner, COMPONENT_KEYS);
        String type = fields.requiredText("type", ": continuous or scheduled").map(t -> {
            if (!TYPES.contains(t.value())) {
                diagnostics.add(t.at(), "type '" + t.value() + "' of " + owner + " is not known"
                        + Suggestions.didYouMean(t.value(), TYPES) + " (use continuous or scheduled)");
            }
            return t.value();
        }).orElse(null);
        Optional<Located> repository = Optional.empty();
        Optional<Located> reuseFrom = Optional.empty();
        if (!fields.has("build")) {
            diagnostics.add(at, owner + " needs 'build:' with 'repository: URL or folder' or 'reuse-from: component'");
        }
        Optional<YamlNode.Mapping> build = fields.mapping("build");
        if (build.isPresent()) {
            Fields b = new Fields(diagnostics, file, build.get(), "'build' of " + owner, BUILD_KEYS);
            repository = b.text("repository");
            reuseFrom = b.text("reuse-from");
            if (repository.isPresent() == reuseFrom.isPresent()) {
                diagnostics.add(fields.keyAt("build"), "'build' of " + owner
                        + " needs exactly one of 'repository' (URL or folder) or 'reuse-from' (a component)");
            }
        } else if (fields.has("build") && fields.node("build").get() instanceof YamlNode.Scalar s && s.isNull()) {
            diagnostics.add(fields.keyAt("build"), "'build' of " + owner
                    + " is empty: add 'repository: URL or folder' or 'reuse-from: component' under it");
        }
        String command = null;
        String schedule = null;
        Optional<YamlNode.Mapping> run = fields.mapping("run");
        if (run.isPresent()) {
            Fields r = new Fields(diagnostics, file, run.get(), "'run' of " + owner, RUN_KEYS);
            command = r.text("command").map(Located::value).orElse(null);
            Optional<Located> scheduleValue = r.text("schedule");
            if (scheduleValue.isPresent() && scheduleValue.get().value().strip().split("\\s+").length != 5) {
                diagnostics.add(scheduleValue.get().at(), "schedule '" + scheduleValue.get().value() + "' of " + owner
                        + " must be a cron expression of five fields, such as \"00 * * * *\"");
            }
            schedule = scheduleValue.map(Located::value).orElse(null);
        }
        if ("scheduled".equals(type) && schedule == null) {
            diagnostics.add(at, owner + " is scheduled but has no 'run: schedule:'; add a cron expression such as"
                    + " \"00 * * * *\"");
        }
        if ("continuous".equals(type) && schedule != null) {
            diagnostics.add(fields.keyAt("run"), owner + " is continuous, so 'schedule' has no meaning: remove it or"
                    + " make the type scheduled");
        }
        String description = fields.text("description").map(Located::value).orElse(null);
        return Optional.of(new ComponentDraft(name, at, file.getParent(), type, description, repository, reuseFrom,
                command, schedule, fields.list("wait-for")));
    }
}
