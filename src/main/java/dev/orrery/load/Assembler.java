package dev.orrery.load;

import dev.orrery.load.Drafts.ComponentDraft;
import dev.orrery.load.Drafts.EntryDraft;
import dev.orrery.load.Drafts.FileDraft;
import dev.orrery.load.Drafts.ResourceDraft;
import dev.orrery.model.Host;
import dev.orrery.model.Parallel;
import dev.orrery.model.Resource;
import dev.orrery.model.SourceRef;
import dev.orrery.model.Workspace;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts the drafts of every file together: checks what can only be checked across files (duplicate names,
 * references to hosts, tags, resources and inputs, reuse-from, cycles) and builds the model.
 */
final class Assembler {
    private final Path root;
    private final Diagnostics diagnostics;
    private final List<FileDraft> files;
    private final List<Host> hosts = new ArrayList<>();
    private List<String> environments = List.of();
    private final Map<String, SourceRef> names = new LinkedHashMap<>();
    private final Set<String> hostNamesAndTags = new LinkedHashSet<>();
    private final CycleFinder cycles = new CycleFinder();

    Assembler(Path root, Diagnostics diagnostics, List<FileDraft> files) {
        this.root = root;
        this.diagnostics = diagnostics;
        this.files = files;
    }

    /** The resources, components and jobs in file order; hosts via {@link #hosts()}. */
    List<Resource> assemble() {
        collectHosts();
        collectEnvironments();
        collectNames();
        Map<String, ResourceDraft> natives = new LinkedHashMap<>();
        Map<String, ComponentDraft> components = new LinkedHashMap<>();
        for (FileDraft file : files) {
            file.resources().forEach(r -> natives.putIfAbsent(r.name(), r));
            file.components().forEach(c -> components.putIfAbsent(c.name(), c));
        }
        ComponentResources componentBuilder = new ComponentResources(root, diagnostics, hosts, components);
        SandboxPaths sandboxPaths = new SandboxPaths(root, diagnostics, hosts);
        Iterator<NativeResources.Built> built = buildNatives(natives).iterator();
        List<Resource> resources = new ArrayList<>();
        boolean needsHosts = false;
        for (FileDraft file : files) {
            for (ResourceDraft draft : file.resources()) {
                checkTargets(draft.targets(), "resource '" + draft.name() + "'");
                checkWaitFor(draft.name(), draft.waitFor());
                NativeResources.Built resource = built.next();
                resource.links().forEach(link -> cycles.edge(link.from(), link.to(), link.at()));
                diagnostics.addAll(resource.problems().all());
                resource.resource().ifPresent(resources::add);
                resource.resource().ifPresent(r -> {
                    sandboxPaths.check(draft, r.targets());
                    warnShortSecrets(r);
                });
            }
            for (ComponentDraft draft : file.components()) {
                needsHosts = true;
                checkWaitFor(draft.name(), draft.waitFor());
                componentBuilder.build(draft).ifPresent(resources::add);
            }
            int entryNumber = 0;
            for (EntryDraft entry : file.orchestration()) {
                entryNumber++;
                needsHosts = true;
                checkTargets(entry.targets(), "entry " + entryNumber + " of " + file.file().getFileName());
                List<String> targets = entry.targets().isEmpty()
                        ? hosts.stream().map(Host::name).toList()
                        : entry.targets().stream().map(Located::value).toList();
                for (Resource job : entry.jobs()) {
                    Resource targeted = new Resource(job.name(), job.kind(), targets, job.tags(), job.inputs(),
                            job.actions(), job.waitFor(), job.env(), job.workdir(), job.attributes(), job.source());
                    sandboxPaths.check(targeted);
                    resources.add(targeted);
                }
            }
            if (needsHosts && hosts.isEmpty() && (!file.components().isEmpty() || !file.orchestration().isEmpty())) {
                diagnostics.add(file.file(), new YamlNode.Mark(1, 1, 0), "this workspace has no hosts to run on: add an"
                        + " inventory file with `hosts:` (for example a host with `sandbox: true`)");
            }
        }
        for (CycleFinder.Cycle cycle : cycles.cycles()) {
            diagnostics.add(cycle.at(), "dependency cycle: " + cycle.text()
                    + "; remove or change one of these wait-for entries or links so the order can be resolved");
        }
        return resources;
    }

    /**
     * Every native draft built, in file order: on every core for a large workspace, since a draft is built on its
     * own; {@link #assemble} then takes the results in the same order a sequential build would.
     */
    private List<NativeResources.Built> buildNatives(Map<String, ResourceDraft> natives) {
        NativeResources builder = new NativeResources(root, natives);
        List<ResourceDraft> all = new ArrayList<>();
        files.forEach(file -> all.addAll(file.resources()));
        return Parallel.map(all, builder::build);
    }

    /**
     * A secret is masked by replacing its text wherever it appears; a short one also appears inside other words
     * and gives itself away there (masking {@code ab} turns "about" into "******out"). Warned where it is written.
     */
    private void warnShortSecrets(Resource resource) {
        for (dev.orrery.model.Input input : resource.inputs().values()) {
            int length = input.value() == null ? 0 : input.value().codePointCount(0, input.value().length());
            if (input.secret() && !input.isLink() && length > 0 && length < MIN_SECRET_LENGTH) {
                diagnostics.warn(input.source(), "secret input '" + input.name() + "' of resource '" + resource.name()
                        + "' is only " + length + (length == 1 ? " character" : " characters") + " long: masking it"
                        + " in output would also mask it inside other words and give it away; use at least "
                        + MIN_SECRET_LENGTH + " characters");
            }
        }
    }

    /** Secrets shorter than this are warned about (docs/formats.md). */
    static final int MIN_SECRET_LENGTH = 6;

    List<Host> hosts() {
        return hosts;
    }

    private void collectHosts() {
        Map<String, Host> byName = new LinkedHashMap<>();
        for (FileDraft file : files) {
            for (Host host : file.hosts()) {
                Host first = byName.putIfAbsent(host.name(), host);
                if (first != null) {
                    if (!first.source().file().equals(host.source().file())) {
                        diagnostics.add(host.source(), "host '" + host.name() + "' is already defined at "
                                + place(first.source()) + "; rename or remove one of them");
                    }
                    continue;
                }
                hosts.add(host);
                hostNamesAndTags.add(host.name());
                hostNamesAndTags.addAll(host.tags());
            }
        }
    }

    private void collectNames() {
        for (FileDraft file : files) {
            file.resources().forEach(r -> claim(r.name(), "resource", r.at()));
            file.components().forEach(c -> claim(c.name(), "component", c.at()));
            file.orchestration().forEach(e -> e.jobs().forEach(j -> claim(j.name(), "job", j.source())));
        }
        names.keySet().forEach(cycles::node);
    }

    private void claim(String name, String kind, SourceRef at) {
        SourceRef first = names.putIfAbsent(name, at);
        if (first != null && !first.file().equals(at.file())) {
            diagnostics.add(at, kind + " name '" + name + "' is already used at " + place(first)
                    + "; names are unique across the workspace, rename one of them");
        }
    }

    /** A place as the workspace-relative path a person reads ({@code db/hosts.yaml:3:5}). */
    private String place(SourceRef at) {
        Path absoluteRoot = root.toAbsolutePath().normalize();
        Path file = at.file().toAbsolutePath().normalize();
        String shown = file.startsWith(absoluteRoot) ? absoluteRoot.relativize(file).toString() : at.file().toString();
        return shown.replace('\\', '/') + ":" + at.line() + ":" + at.column();
    }

    private void checkTargets(List<Located> targets, String owner) {
        for (Located target : targets) {
            if (!hostNamesAndTags.contains(target.value())) {
                diagnostics.add(target.at(), "target '" + target.value() + "' of " + owner + " is neither a host nor"
                        + " a tag of any host in the inventory" + Suggestions.didYouMean(target.value(), hostNamesAndTags)
                        + (hosts.isEmpty() ? " (no inventory file with `hosts:` was found)" : ""));
            }
        }
    }

    private void checkWaitFor(String owner, List<Located> waitFor) {
        for (Located name : waitFor) {
            if (!names.containsKey(name.value())) {
                diagnostics.add(name.at(), "'" + owner + "' waits for '" + name.value() + "', which is not a resource or"
                        + " component of this workspace" + Suggestions.didYouMean(name.value(), names.keySet()));
            } else {
                cycles.edge(owner, name.value(), name.at());
            }
        }
    }

    Workspace workspace(List<Resource> resources, Map<Path, Workspace.FileKind> kinds) {
        return new Workspace(root, hosts, resources, kinds, environments);
    }

    /** The inventories' {@code environments:} lists, each name a tag of some host. */
    private void collectEnvironments() {
        java.util.Set<String> tags = new java.util.TreeSet<>();
        hosts.forEach(h -> tags.addAll(h.tags()));
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        for (FileDraft file : files) {
            for (Located env : file.environments()) {
                if (!tags.contains(env.value())) {
                    diagnostics.add(env.at(), "environment '" + env.value() + "' is not a tag of any host; tag the"
                            + " hosts of that environment with it" + Suggestions.didYouMean(env.value(), tags));
                }
                out.add(env.value());
            }
        }
        environments = List.copyOf(out);
    }
}
