package dev.orrery.transport;

import org.apache.sshd.sftp.server.SftpFileSystemAccessor;
import org.apache.sshd.sftp.server.SftpSubsystemProxy;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * SFTP on a sandbox host: MINA's rooted file system maps {@code /x} to {@code <folder>/x} but follows symlinks
 * wherever they point, so a link a step made inside the folder could carry an upload out of it. Every path an
 * SFTP request names is checked here, its links resolved, and refused unless it stays inside the folder.
 */
final class SandboxFiles implements SftpFileSystemAccessor {
    private static final int MAX_LINKS = 40;

    private final Path folder;

    SandboxFiles(Path folder) {
        this.folder = folder;
    }

    @Override
    public Path resolveLocalFilePath(SftpSubsystemProxy subsystem, Path rootDir, String remotePath)
            throws IOException, InvalidPathException {
        Path path = SftpFileSystemAccessor.super.resolveLocalFilePath(subsystem, rootDir, remotePath);
        String virtual = path.toAbsolutePath().normalize().toString();
        String relative = virtual.replaceFirst("^/+", "");
        Path local = relative.isEmpty() ? folder : folder.resolve(relative).normalize();
        if (!local.startsWith(folder) || !staysInside(folder.toRealPath(), local, 0)) {
            throw new AccessDeniedException(remotePath, null, "leaves the sandbox host's folder through a symlink");
        }
        return path;
    }

    /** Whether {@code path}, with every symlink on it followed (dangling ones too), is inside {@code root}. */
    private static boolean staysInside(Path root, Path path, int links) throws IOException {
        Path existing = path;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return false;
        }
        if (Files.isSymbolicLink(existing)) {
            if (links >= MAX_LINKS) {
                return false;
            }
            Path target = existing.getParent().resolve(Files.readSymbolicLink(existing)).normalize();
            return staysInside(root, target.resolve(existing.relativize(path)).normalize(), links + 1);
        }
        return existing.toRealPath().startsWith(root);
    }
}
