package dev.orrery.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Names the workspace a release was made from: the git commit ({@code git rev-parse HEAD}, plus
 * {@code -dirty} when the workspace folder has uncommitted changes, Orrery's own {@code .orrery} folder
 * aside) if the workspace is inside a git repository with a commit; otherwise {@code sha256:} of its YAML
 * files (relative paths and contents, in path order). Stateless and thread-safe.
 */
public final class WorkspaceFingerprint {
    private static final long GIT_TIMEOUT_SECONDS = 10;

    private WorkspaceFingerprint() {
    }

    public static String of(Path workspaceRoot) {
        Path root = workspaceRoot.toAbsolutePath().normalize();
        String commit = git(root, "rev-parse", "--verify", "HEAD");
        if (commit != null && !commit.isBlank()) {
            String status = git(root, "status", "--porcelain", "--", ".", ":(exclude).orrery");
            return commit.strip() + (status != null && !status.isBlank() ? "-dirty" : "");
        }
        return "sha256:" + yamlDigest(root);
    }

    /** Output of a git command in {@code dir}, or null when git is missing, fails or is not in a repository. */
    private static String git(Path dir, String... args) {
        var command = new java.util.ArrayList<>(List.of("git", "-C", dir.toString()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(GIT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return null;
            }
            return process.exitValue() == 0 ? new String(out, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String yamlDigest(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            List<Path> yaml = files.filter(Files::isRegularFile)
                    .filter(p -> !root.relativize(p).startsWith(".orrery"))
                    .filter(p -> p.getFileName().toString().matches("(?i).*\\.ya?ml"))
                    .sorted().toList();
            for (Path file : yaml) {
                digest.update(root.relativize(file).toString().replace('\\', '/').getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(Files.readAllBytes(file));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the workspace files under " + root + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
