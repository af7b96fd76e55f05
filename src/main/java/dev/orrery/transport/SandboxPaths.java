package dev.orrery.transport;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * How a sandbox host's paths map to its folder, the same for every kind of step: {@code /x/y} is
 * {@code <folder>/x/y}, a relative path starts at the folder, and a path that climbs out of the folder with
 * {@code ..} is refused. SFTP (uploads) already sees the folder as {@code /}; workdirs are mapped here so that
 * what an upload wrote is where the next command looks.
 */
final class SandboxPaths {
    private SandboxPaths() {
    }

    /** The folder a step with this workdir runs in (null or blank: the sandbox folder itself). */
    static String workdir(Path folder, String workdir) throws TransportException {
        if (workdir == null || workdir.isBlank()) {
            return folder.toString();
        }
        String inside = inside(workdir, "workdir");
        return inside.isEmpty() ? folder.toString() : folder.resolve(inside).toString();
    }

    /**
     * The path relative to the sandbox folder; {@code what} names it in the refusal ("workdir", "upload
     * destination").
     */
    static String inside(String path, String what) throws TransportException {
        Deque<String> parts = new ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    throw new TransportException(what + " " + path + " leaves the sandbox host's folder");
                }
                parts.removeLast();
            } else {
                parts.addLast(part);
            }
        }
        return String.join("/", parts);
    }
}
