package dev.orrery.load;

import dev.orrery.load.Drafts.CopyDraft;
import dev.orrery.load.Drafts.ResourceDraft;
import dev.orrery.load.Drafts.RunDraft;
import dev.orrery.load.Drafts.StepDraft;
import dev.orrery.model.Host;
import dev.orrery.model.Resource;
import dev.orrery.model.SourceRef;
import dev.orrery.model.Step;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Warns when a step for a sandbox host names an absolute path outside the host's folder
 * ({@code .orrery/sandbox/HOST/}): a sandbox host is a folder on this machine, not a machine of its own, so
 * such a path is either taken inside the folder (workdir, WORKDIR, copy and ADD/COPY destinations) or, in a
 * command, is this machine's own file. Not warned: {@code /dev/null} and the other standard devices, and
 * programs under {@code /bin}, {@code /sbin}, {@code /usr/bin}, {@code /usr/sbin}, {@code /usr/local/bin}
 * (running them is what commands do). {@code /tmp} is warned: it is shared with every other sandbox host.
 */
final class SandboxPaths {
    /** An absolute path starting a shell word, or after {@code =}, a redirection or an opening quote. */
    private static final Pattern ABSOLUTE = Pattern.compile("(?:^|(?<=[\\s=<>'\"(;|&]))(/[^\\s'\"();|&<>`]*)");
    private static final Set<String> DEVICES = Set.of("/dev/null", "/dev/zero", "/dev/stdin", "/dev/stdout",
            "/dev/stderr", "/dev/random", "/dev/urandom", "/dev/tty");
    private static final List<String> PROGRAM_FOLDERS = List.of("/bin/", "/sbin/", "/usr/bin/", "/usr/sbin/",
            "/usr/local/bin/");

    private final Path root;
    private final Diagnostics diagnostics;
    private final List<Host> sandboxes;

    SandboxPaths(Path root, Diagnostics diagnostics, List<Host> hosts) {
        this.root = root.toAbsolutePath().normalize();
        this.diagnostics = diagnostics;
        this.sandboxes = hosts.stream().filter(Host::sandbox).toList();
    }

    /** A native resource: its workdir, copy destinations and the paths in its run commands, each at its place. */
    void check(ResourceDraft draft, List<String> targets) {
        Host sandbox = sandboxOf(targets);
        if (sandbox == null) {
            return;
        }
        if (draft.workdir() != null) {
            folderPath("workdir", draft.workdir().value(), draft.workdir().at(), sandbox);
        }
        for (Drafts.ActionDraft action : draft.actions()) {
            for (StepDraft step : action.steps()) {
                if (step instanceof CopyDraft copy) {
                    folderPath("copy destination", copy.destination().value(), copy.destination().at(), sandbox);
                } else if (step instanceof RunDraft run) {
                    commandPaths(run.command(), run.at(), run.command().indexOf('\n') < 0, sandbox);
                }
            }
        }
    }

    /** A job of an orchestration file: WORKDIR, ADD/COPY destinations and RUN commands, at the job. */
    void check(Resource job) {
        Host sandbox = sandboxOf(job.targets());
        if (sandbox == null) {
            return;
        }
        String verb = job.attributes().getOrDefault("verb", "");
        for (var action : job.actions().values()) {
            for (Step step : action.steps()) {
                if (step instanceof Step.Transfer transfer) {
                    folderPath(verb + " destination", transfer.destination(), job.source(), sandbox);
                } else if (verb.equals("RUN") && step instanceof Step.Exec exec) {
                    commandPaths(exec.command(), job.source(), false, sandbox);
                }
            }
        }
        if (verb.equals("WORKDIR")) {
            folderPath("WORKDIR", job.attributes().get("value"), job.source(), sandbox);
        }
    }

    private Host sandboxOf(List<String> targets) {
        for (Host host : sandboxes) {
            if (targets.contains(host.name()) || host.tags().stream().anyMatch(targets::contains)) {
                return host;
            }
        }
        return null;
    }

    private void folderPath(String what, String path, SourceRef at, Host sandbox) {
        if (path != null && path.startsWith("/") && !inside(path, sandbox)) {
            diagnostics.warn(at, what + " '" + path + "' is an absolute path, but sandbox host '" + sandbox.name()
                    + "' is a folder of this machine (" + folder(sandbox) + "), not a machine of its own: write the"
                    + " path relative to that folder");
        }
    }

    /** @param oneLine the command is one line of a plain scalar starting at {@code at}: point at each path */
    private void commandPaths(String command, SourceRef at, boolean oneLine, Host sandbox) {
        Set<String> seen = new LinkedHashSet<>();
        Matcher m = ABSOLUTE.matcher(command);
        while (m.find()) {
            String path = m.group(1);
            if (path.length() > 1 && !harmless(path) && !inside(path, sandbox) && seen.add(path)) {
                SourceRef where = oneLine ? new SourceRef(at.file(), at.line(), at.column() + m.start(1)) : at;
                diagnostics.warn(where, "the command names '" + path + "', outside the folder of sandbox host '"
                        + sandbox.name() + "' (" + folder(sandbox) + "): commands of a sandbox host run on this"
                        + " machine, so this is this machine's own path; write it relative to the folder");
            }
        }
    }

    private static boolean harmless(String path) {
        return DEVICES.contains(path) || path.startsWith("/dev/fd/")
                || PROGRAM_FOLDERS.stream().anyMatch(folder -> path.startsWith(folder) && path.length() > folder.length()
                        && path.indexOf('/', folder.length()) < 0);
    }

    private boolean inside(String path, Host sandbox) {
        return Path.of(path).normalize().startsWith(root.resolve(".orrery").resolve("sandbox").resolve(sandbox.name()));
    }

    private static String folder(Host sandbox) {
        return ".orrery/sandbox/" + sandbox.name() + "/";
    }
}
