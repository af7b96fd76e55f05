package dev.orrery.load;

import dev.orrery.load.Drafts.ComponentDraft;
import dev.orrery.model.Action;
import dev.orrery.model.Host;
import dev.orrery.model.Resource;
import dev.orrery.model.ResourceKind;
import dev.orrery.model.Step;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Turns Toolforge components into resources with real steps. Builds run on the first host tagged
 * {@code build} (else the first host), deploys on the hosts tagged {@code components} (else every host).
 * <ul>
 *   <li>build: a local repository folder is uploaded (relative to the workspace) into {@code builds/<name>/},
 *   a URL is cloned with {@code git clone --depth 1} into {@code builds/<name>/src}; then
 *   {@code builds/<name>/IMAGE} holds the image name. A reuse-from component has no build action.</li>
 *   <li>deploy: writes {@code deployments/<name>.conf} (type, command, schedule, image).</li>
 *   <li>remove: deletes that descriptor.</li>
 * </ul>
 * The image of a local folder is {@code <name>:<hash of its files>}, so editing the code re-stages the deploy;
 * a URL gives {@code <name>:latest}, which staging pins to the repository's commit ({@code stage.RepositoryCommits}).
 * A reuse-from component deploys its source's image.
 */
final class ComponentResources {
    static final String BUILD_TAG = "build";
    static final String DEPLOY_TAG = "components";
    private static final Pattern URL = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://|[^/\\s]+@[^/\\s]+:).*");

    private final Path root;
    private final Diagnostics diagnostics;
    private final List<Host> hosts;
    private final Map<String, ComponentDraft> drafts;
    private final Map<String, String> images = new LinkedHashMap<>();

    ComponentResources(Path root, Diagnostics diagnostics, List<Host> hosts, Map<String, ComponentDraft> drafts) {
        this.root = root;
        this.diagnostics = diagnostics;
        this.hosts = hosts;
        this.drafts = drafts;
    }

    static boolean isUrl(String repository) {
        return URL.matcher(repository).matches();
    }

    Optional<Resource> build(ComponentDraft draft) {
        String name = draft.name();
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("type", draft.type() == null ? "" : draft.type());
        Map<String, Action> actions = new LinkedHashMap<>();
        Optional<String> image;
        if (draft.reuseFrom().isPresent()) {
            Located from = draft.reuseFrom().get();
            attributes.put("reuse-from", from.value());
            image = checkReuse(draft, from).flatMap(this::imageOf);
        } else if (draft.repository().isPresent()) {
            attributes.put("repository", draft.repository().get().value());
            image = imageOf(name);
            image.ifPresent(i -> actions.put("build", new Action("build", buildSteps(draft, i), 0, null, draft.at())));
        } else {
            image = Optional.empty();
        }
        if (draft.command() != null) {
            attributes.put("command", draft.command());
        }
        if (draft.schedule() != null) {
            attributes.put("schedule", draft.schedule());
        }
        image.ifPresent(i -> attributes.put("image", i));
        buildHost().ifPresent(h -> attributes.put("build-host", h));
        actions.put("deploy", new Action("deploy", List.of(deployStep(draft, image.orElse(""))), 0, null, draft.at()));
        actions.put("remove", new Action("remove", List.of(new Step.Exec("rm -f " + descriptor(name))), 0, null, draft.at()));
        List<String> targets = hosts.stream().anyMatch(h -> h.tags().contains(DEPLOY_TAG))
                ? List.of(DEPLOY_TAG) : hosts.stream().map(Host::name).toList();
        return Optional.of(new Resource(name, ResourceKind.COMPONENT, targets, Set.of(), Map.of(), actions,
                draft.waitFor().stream().map(Located::value).toList(), Map.of(), null, attributes, draft.at()));
    }

    /** The first host tagged {@code build}, else the first host. */
    Optional<String> buildHost() {
        return hosts.stream().filter(h -> h.tags().contains(BUILD_TAG)).findFirst()
                .or(() -> hosts.stream().findFirst()).map(Host::name);
    }

    private Optional<String> checkReuse(ComponentDraft draft, Located from) {
        ComponentDraft source = drafts.get(from.value());
        if (source == null) {
            diagnostics.add(from.at(), "reuse-from of component '" + draft.name() + "' names '" + from.value()
                    + "', which is not a component of this workspace"
                    + Suggestions.didYouMean(from.value(), drafts.keySet().stream().filter(n -> !n.equals(draft.name())).toList()));
            return Optional.empty();
        }
        if (source.reuseFrom().isPresent()) {
            diagnostics.add(from.at(), "reuse-from of component '" + draft.name() + "' names '" + from.value()
                    + "', which itself reuses '" + source.reuseFrom().get().value() + "'; point it at the component"
                    + " that builds (reuse-from: " + source.reuseFrom().get().value() + ")");
            return Optional.empty();
        }
        return Optional.of(from.value());
    }

    /** The image a building component produces; empty when its repository is unusable (reported once). */
    private Optional<String> imageOf(String name) {
        if (images.containsKey(name)) {
            return Optional.ofNullable(images.get(name)).filter(s -> !s.isEmpty());
        }
        ComponentDraft draft = drafts.get(name);
        String image = "";
        if (draft != null && draft.repository().isPresent()) {
            Located repository = draft.repository().get();
            if (isUrl(repository.value())) {
                image = name + ":latest";
            } else {
                Path folder = draft.dir().resolve(repository.value()).normalize();
                if (Files.isDirectory(folder)) {
                    try {
                        image = name + ":" + contentHash(folder);
                    } catch (UncheckedIOException e) {
                        diagnostics.add(repository.at(), "cannot read repository folder '" + repository.value()
                                + "' of component '" + name + "': " + e.getCause().getMessage());
                    }
                } else {
                    diagnostics.add(repository.at(), "repository '" + repository.value() + "' of component '" + name
                            + "' is neither a URL nor an existing folder (relative paths start at the folder of this file)");
                }
            }
        }
        images.put(name, image);
        return Optional.of(image).filter(s -> !s.isEmpty());
    }

    private List<Step> buildSteps(ComponentDraft draft, String image) {
        String folder = "builds/" + draft.name();
        String repository = draft.repository().orElseThrow().value();
        List<Step> steps = new ArrayList<>();
        String fresh = "rm -rf " + ShellQuote.quote(folder) + " && mkdir -p " + ShellQuote.quote(folder);
        if (isUrl(repository)) {
            steps.add(new Step.Exec(fresh + " && git clone --depth 1 " + ShellQuote.quote(repository) + " "
                    + ShellQuote.quote(folder + "/src")));
        } else {
            steps.add(new Step.Exec(fresh));
            steps.add(new Step.Transfer(LocalPaths.relativeToRoot(root, draft.dir(), repository), folder + "/", null, null));
        }
        steps.add(new Step.Exec("printf '%s\\n' " + ShellQuote.quote(image) + " > " + ShellQuote.quote(folder + "/IMAGE")));
        return steps;
    }

    private static Step deployStep(ComponentDraft draft, String image) {
        List<String> lines = new ArrayList<>();
        lines.add("type=" + (draft.type() == null ? "" : draft.type()));
        if (draft.command() != null) {
            lines.add("command=" + draft.command());
        }
        if (draft.schedule() != null) {
            lines.add("schedule=" + draft.schedule());
        }
        lines.add("image=" + image);
        String target = descriptor(draft.name());
        StringBuilder command = new StringBuilder("mkdir -p deployments && printf '%s\\n'");
        lines.forEach(line -> command.append(' ').append(ShellQuote.quote(line)));
        command.append(" > ").append(target).append(".tmp && mv ").append(target).append(".tmp ").append(target);
        return new Step.Exec(command.toString());
    }

    private static String descriptor(String name) {
        return ShellQuote.quote("deployments/" + name + ".conf");
    }

    /** sha256 over the sorted relative paths and contents of the folder's files (.git left out), first 12 hex. */
    static String contentHash(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            List<Path> files = walk.filter(Files::isRegularFile)
                    .filter(p -> !folder.relativize(p).toString().replace('\\', '/').matches("(.*/)?\\.git/.*"))
                    .sorted().toList();
            for (Path file : files) {
                digest.update(folder.relativize(file).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                try (InputStream in = Files.newInputStream(file)) {
                    digest.update(in.readAllBytes());
                }
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
