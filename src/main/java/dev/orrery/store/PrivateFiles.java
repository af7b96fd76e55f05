package dev.orrery.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The workspace's {@code .orrery/} folder and the files in it hold history that may name hosts, commands and
 * sealed secrets: the folder is 0700 and its files 0600, whatever the umask, and folders or files left more
 * open by an older version are narrowed when they are opened. No-ops where the file system has no POSIX modes.
 */
public final class PrivateFiles {
    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {
    }

    /** Creates the folder (and missing parents) 0700, or narrows an existing one to 0700. */
    public static Path folder(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            restrict(folder, FOLDER);
            return folder;
        }
        Files.createDirectories(folder.getParent());
        try {
            Files.createDirectory(folder, attribute(folder, FOLDER));
        } catch (FileAlreadyExistsException raced) {
            // another process made it first
        }
        restrict(folder, FOLDER); // the umask may have taken bits away, never added them: set exactly
        return folder;
    }

    /** Creates an empty file 0600 if it does not exist, or narrows an existing one to 0600. */
    public static Path file(Path file) throws IOException {
        try {
            Files.createFile(file, attribute(file, FILE));
        } catch (FileAlreadyExistsException exists) {
            // keep its content
        }
        restrict(file, FILE);
        return file;
    }

    /** Narrows an existing file to 0600; nothing when it does not exist. */
    public static void restrictIfExists(Path file) throws IOException {
        if (Files.exists(file)) {
            restrict(file, FILE);
        }
    }

    private static FileAttribute<?>[] attribute(Path path, Set<PosixFilePermission> mode) {
        return posix(path) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(mode)} : new FileAttribute<?>[0];
    }

    private static void restrict(Path path, Set<PosixFilePermission> mode) throws IOException {
        if (posix(path) && !Files.getPosixFilePermissions(path).equals(mode)) {
            Files.setPosixFilePermissions(path, mode);
        }
    }

    private static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
