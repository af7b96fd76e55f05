package dev.orrery.load;

import java.nio.file.Path;

/** Local paths written in files are relative to their file's folder; steps carry them relative to the root. */
final class LocalPaths {
    private LocalPaths() {
    }

    /** {@code written} (relative to {@code dir}, or absolute) as a '/'-separated path relative to {@code root}. */
    static String relativeToRoot(Path root, Path dir, String written) {
        Path path = Path.of(written);
        if (path.isAbsolute()) {
            return written;
        }
        Path base = dir == null ? root : dir;
        Path relative = root.toAbsolutePath().normalize().relativize(base.toAbsolutePath().normalize().resolve(path).normalize());
        String text = relative.toString().replace('\\', '/');
        if (written.endsWith("/") && !text.endsWith("/")) {
            text = text + "/";
        }
        return text.isEmpty() ? "." : text;
    }

    static Path resolve(Path root, String relativeOrAbsolute) {
        Path path = Path.of(relativeOrAbsolute);
        return path.isAbsolute() ? path : root.resolve(path);
    }

    /** As the upload reads a source: {@code * ? [ {} in its last name make it a glob over that folder. */
    static boolean isGlob(String path) {
        return path.contains("*") || path.contains("?") || path.contains("[") || path.contains("{");
    }

    /**
     * Whether {@code relativeOrAbsolute} names nothing to upload: a missing file, or a glob (in its last name,
     * as the upload expands it) that matches no entry of its folder.
     */
    static boolean matchesNothing(Path root, String relativeOrAbsolute) {
        Path path = resolve(root, relativeOrAbsolute);
        String name = path.getFileName() == null ? "" : path.getFileName().toString();
        if (!isGlob(name)) {
            return !java.nio.file.Files.exists(path);
        }
        Path folder = path.getParent() == null ? Path.of(".") : path.getParent();
        java.nio.file.PathMatcher matcher;
        try {
            matcher = java.nio.file.FileSystems.getDefault().getPathMatcher("glob:" + name);
        } catch (IllegalArgumentException badGlob) {
            return true;
        }
        try (java.nio.file.DirectoryStream<Path> entries = java.nio.file.Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                if (matcher.matches(entry.getFileName())) {
                    return false;
                }
            }
            return true;
        } catch (java.io.IOException e) {
            return true;
        }
    }
}
