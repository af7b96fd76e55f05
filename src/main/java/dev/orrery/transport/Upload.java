package dev.orrery.transport;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What an upload copies where, independent of how bytes travel (SFTP or a local copy). Semantics, as
 * {@code cp -r}/Dockerfile COPY: a file goes to the destination path, or into it when the destination ends
 * with {@code /}; a folder becomes the destination (or a sub-folder of it with {@code /}); a glob in the last
 * path element ({@code *.conf}) copies every match into the destination folder. Relative destinations start
 * at {@code workdir} (or the login folder). After copying, {@code mode} is applied to every copied file and
 * {@code owner} recursively to what was created.
 */
final class Upload {
    private static final Pattern MODE = Pattern.compile("[0-7]{3,4}");
    private static final Pattern OWNER = Pattern.compile("[A-Za-z0-9._][A-Za-z0-9._-]*(:[A-Za-z0-9._][A-Za-z0-9._-]*)?");

    /** One thing to create on the remote side; {@code local} is null for a folder. */
    record Item(Path local, String remote) {
    }

    /** How bytes reach the host. */
    interface Destination {
        boolean isDirectory(String remote) throws IOException;

        void mkdir(String remote) throws IOException;

        void put(Path local, String remote) throws IOException;

        void chmod(String remote, int mode) throws IOException;
    }

    /** Runs {@code chown -R} on the host (through exec, since SFTP cannot name users). */
    interface Chown {
        void chown(String owner, List<String> remotePaths) throws TransportException, InterruptedException;
    }

    private final List<Item> items;
    private final List<String> roots;

    private Upload(List<Item> items, List<String> roots) {
        this.items = List.copyOf(items);
        this.roots = List.copyOf(roots);
    }

    List<Item> items() {
        return items;
    }

    /** Top-level remote paths created, for chown. */
    List<String> roots() {
        return roots;
    }

    static Upload plan(Path source, String destination, String workdir) throws TransportException {
        if (destination == null || destination.isBlank()) {
            throw new TransportException("upload of " + source + " has no destination");
        }
        String base = remotePath(destination, workdir);
        List<Path> sources = sources(source);
        boolean intoFolder = destination.endsWith("/") || isGlob(source.getFileName().toString());
        List<Item> items = new ArrayList<>();
        List<String> roots = new ArrayList<>();
        for (Path s : sources) {
            String target = intoFolder ? join(base, s.getFileName().toString()) : trimSlash(base);
            roots.add(target);
            if (Files.isDirectory(s)) {
                try (Stream<Path> walk = Files.walk(s)) {
                    for (Path p : (Iterable<Path>) walk.sorted()::iterator) {
                        String rel = s.relativize(p).toString().replace('\\', '/');
                        String remote = rel.isEmpty() ? target : join(target, rel);
                        items.add(new Item(Files.isDirectory(p) ? null : p, remote));
                    }
                } catch (IOException e) {
                    throw new TransportException("cannot read " + s + ": " + e.getMessage(), e);
                }
            } else {
                items.add(new Item(s, target));
            }
        }
        return new Upload(items, roots);
    }

    void copy(Destination files, String mode, Duration timeout) throws TransportException, InterruptedException {
        Integer perms = parseMode(mode);
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<String> folders = new HashSet<>();
        for (Item item : items) {
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            if (System.nanoTime() > deadline) {
                throw new TransportException("timed out after " + Durations.human(timeout) + " while uploading");
            }
            try {
                if (item.local() == null) {
                    mkdirs(files, item.remote(), folders);
                } else {
                    mkdirs(files, parent(item.remote()), folders);
                    files.put(item.local(), item.remote());
                    if (perms != null) {
                        files.chmod(item.remote(), perms);
                    }
                }
            } catch (IOException e) {
                throw new TransportException("upload of " + (item.local() != null ? item.local() : "folder")
                        + " to " + item.remote() + " failed: " + e.getMessage(), e);
            }
        }
    }

    static void checkOwner(String owner) throws TransportException {
        if (owner != null && !OWNER.matcher(owner).matches()) {
            throw new TransportException("invalid owner '" + owner + "': expected user or user:group");
        }
    }

    static Integer parseMode(String mode) throws TransportException {
        if (mode == null || mode.isBlank()) {
            return null;
        }
        if (!MODE.matcher(mode.trim()).matches()) {
            throw new TransportException("invalid mode '" + mode + "': expected octal such as 644 or 0755");
        }
        return Integer.parseInt(mode.trim(), 8);
    }

    private static void mkdirs(Destination files, String dir, Set<String> known) throws IOException {
        if (dir.isEmpty() || dir.equals("/") || dir.equals(".") || known.contains(dir)) {
            return;
        }
        mkdirs(files, parent(dir), known);
        if (!files.isDirectory(dir)) {
            files.mkdir(dir);
        }
        known.add(dir);
    }

    private static List<Path> sources(Path source) throws TransportException {
        String name = source.getFileName() == null ? "" : source.getFileName().toString();
        if (!isGlob(name)) {
            if (!Files.exists(source)) {
                throw new TransportException("nothing to upload: " + source + " does not exist");
            }
            return List.of(source);
        }
        Path folder = source.getParent() == null ? Path.of(".") : source.getParent();
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + name);
        List<Path> matches = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path p : entries) {
                if (matcher.matches(p.getFileName())) {
                    matches.add(p);
                }
            }
        } catch (IOException e) {
            throw new TransportException("cannot list " + folder + " for " + name + ": " + e.getMessage(), e);
        }
        if (matches.isEmpty()) {
            throw new TransportException("nothing to upload: no file matches " + source);
        }
        matches.sort(null);
        return matches;
    }

    private static boolean isGlob(String name) {
        return name.chars().anyMatch(c -> c == '*' || c == '?' || c == '[' || c == '{');
    }

    private static String remotePath(String destination, String workdir) {
        String dest = destination.startsWith("~/") ? destination.substring(2) : destination;
        if (dest.startsWith("/") || workdir == null || workdir.isBlank()) {
            return dest.isEmpty() ? "." : dest;
        }
        return join(workdir, dest);
    }

    static String join(String folder, String name) {
        return folder.endsWith("/") ? folder + name : folder + "/" + name;
    }

    private static String trimSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    static String parent(String remote) {
        String p = trimSlash(remote);
        int slash = p.lastIndexOf('/');
        return slash < 0 ? "" : slash == 0 ? "/" : p.substring(0, slash);
    }
}
