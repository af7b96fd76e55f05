package dev.orrery.gui.workspace;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Watches a workspace folder (and its sub-folders, except {@code .orrery} and hidden ones) on its own daemon
 * thread and calls {@code onChange} once per burst of edits, {@code debounce} after the last one — an editor's
 * save is several events. Only YAML files count. Thread-safe; close it to stop.
 */
public final class WorkspaceWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WorkspaceWatcher.class);
    private final WatchService service;
    private final Thread thread;

    private WorkspaceWatcher(Path root, Duration debounce, Runnable onChange) throws IOException {
        service = FileSystems.getDefault().newWatchService();
        register(root);
        thread = new Thread(() -> loop(debounce, onChange), "orrery-workspace-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    /** Starts watching {@code root}. */
    public static WorkspaceWatcher start(Path root, Duration debounce, Runnable onChange) throws IOException {
        return new WorkspaceWatcher(root, debounce, onChange);
    }

    private void register(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(root) && dir.getFileName().toString().startsWith(".")) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                dir.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                        StandardWatchEventKinds.ENTRY_DELETE);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private void loop(Duration debounce, Runnable onChange) {
        try {
            while (true) {
                WatchKey key = service.take();
                boolean relevant = drain(key);
                // Wait for the burst to end: keep draining until quiet for the debounce period.
                WatchKey next;
                while ((next = service.poll(debounce.toMillis(), TimeUnit.MILLISECONDS)) != null) {
                    relevant |= drain(next);
                }
                if (relevant) {
                    onChange.run();
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            LOG.debug("workspace watcher stopped");
        }
    }

    private static boolean drain(WatchKey key) {
        boolean relevant = false;
        for (var event : key.pollEvents()) {
            Object ctx = event.context();
            if (ctx instanceof Path p) {
                String name = p.getFileName().toString();
                relevant |= name.endsWith(".yaml") || name.endsWith(".yml") || !name.contains(".");
            } else {
                relevant = true;
            }
        }
        key.reset();
        return relevant;
    }

    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException e) {
            LOG.debug("closing the watch service failed", e);
        }
        thread.interrupt();
    }
}
