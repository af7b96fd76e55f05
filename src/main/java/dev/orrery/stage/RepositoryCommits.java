package dev.orrery.stage;

import dev.orrery.model.Action;
import dev.orrery.model.Resource;
import dev.orrery.model.ResourceKind;
import dev.orrery.model.Step;
import dev.orrery.model.Workspace;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Components built from a repository URL: the loader names their image {@code <name>:latest}, which would never
 * change when the repository moves on. When staging and planning, the image becomes
 * {@code <name>:<first 12 hex of the commit>} of the repository's {@code HEAD} ({@code git ls-remote}), in the
 * image attribute, the build's {@code IMAGE} file, the deploy descriptor and every component that reuses it;
 * the build checks it cloned that commit. So a new commit is a changed image: the component is staged and
 * built again, and the image tag says which commit runs. Asked once per staging or planning, never cached
 * across them (a commit pushed in between is seen). Stateless apart from the {@code git} processes.
 */
final class RepositoryCommits {
    static final String LATEST = ":latest";
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}");
    private static final long TIMEOUT_SECONDS = 30;

    private RepositoryCommits() {
    }

    /** {@code workspace} with the images of URL-built components pinned to their repositories' commits. */
    static Workspace pinned(Workspace workspace) {
        Map<String, String> images = new HashMap<>(); // "<name>:latest" → "<name>:<commit>"
        Map<String, String> commits = new HashMap<>(); // image → full commit, for the build's check
        for (Resource r : workspace.resources()) {
            String image = r.attributes().get("image");
            String repository = r.attributes().get("repository");
            if (r.kind() == ResourceKind.COMPONENT && repository != null && image != null
                    && image.equals(r.name() + LATEST)) {
                String commit = headOf(repository, r.name());
                images.put(image, r.name() + ":" + commit.substring(0, 12));
                commits.put(r.name(), commit);
            }
        }
        if (images.isEmpty()) {
            return workspace;
        }
        List<Resource> out = new ArrayList<>(workspace.resources().size());
        for (Resource r : workspace.resources()) {
            String image = r.attributes().get("image");
            out.add(r.kind() == ResourceKind.COMPONENT && image != null && images.containsKey(image)
                    ? pin(r, image, images.get(image), commits.get(r.name())) : r);
        }
        return new Workspace(workspace.root(), workspace.hosts(), out, workspace.files());
    }

    private static Resource pin(Resource r, String from, String to, String commit) {
        Map<String, String> attributes = new LinkedHashMap<>(r.attributes());
        attributes.put("image", to);
        if (commit != null) {
            attributes.put("commit", commit);
        }
        Map<String, Action> actions = new LinkedHashMap<>();
        for (Action a : r.actions().values()) {
            List<Step> steps = new ArrayList<>();
            for (Step step : a.steps()) {
                steps.add(step instanceof Step.Exec exec ? new Step.Exec(exec.command().replace(from, to)) : step);
            }
            if (commit != null && a.name().equals("build")) {
                String src = "builds/" + r.name() + "/src";
                steps.add(1, new Step.Exec("test \"$(git -C '" + src + "' rev-parse HEAD)\" = " + commit
                        + " || { echo \"the repository moved past " + commit.substring(0, 12)
                        + " since this plan was made: stage again\" >&2; exit 1; }"));
            }
            actions.put(a.name(), new Action(a.name(), steps, a.retries(), a.timeout(), a.source()));
        }
        return new Resource(r.name(), r.kind(), r.targets(), r.tags(), r.inputs(), actions, r.waitFor(), r.env(),
                r.workdir(), attributes, r.source());
    }

    /** The commit {@code HEAD} of {@code repository} names now. */
    private static String headOf(String repository, String component) {
        String what = "cannot read the current commit of repository " + repository + " (component " + component + ")";
        try {
            Process git = new ProcessBuilder("git", "ls-remote", "--", repository, "HEAD").start();
            git.getOutputStream().close();
            byte[] out;
            byte[] err;
            try (InputStream o = git.getInputStream(); InputStream e = git.getErrorStream()) {
                out = o.readAllBytes();
                err = e.readAllBytes();
            }
            if (!git.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                git.destroyForcibly();
                throw new StageException(what + ": git ls-remote took over " + TIMEOUT_SECONDS + " s");
            }
            String text = new String(out, StandardCharsets.UTF_8).strip();
            String sha = text.isEmpty() ? "" : text.split("\\s+")[0];
            if (git.exitValue() != 0 || !SHA.matcher(sha).matches()) {
                String reason = new String(err, StandardCharsets.UTF_8).strip().lines().reduce((a, b) -> b).orElse(
                        text.isEmpty() ? "no HEAD" : text);
                throw new StageException(what + ": " + reason);
            }
            return sha;
        } catch (IOException e) {
            throw new StageException(what + ": cannot start git (" + e.getMessage() + "); install git");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StageException(what + ": interrupted");
        }
    }
}
