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

    static boolean isGlob(String path) {
        return path.contains("*") || path.contains("?") || path.contains("[");
    }
}
