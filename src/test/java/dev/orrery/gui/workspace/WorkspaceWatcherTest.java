package dev.orrery.gui.workspace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
@Tag("slow")
class WorkspaceWatcherTest {
    @TempDir
    Path root;

    @Test
    void aBurstOfYamlEditsIsOneReloadAndHistoryWritesAreNone() throws Exception {
        Path file = Files.writeString(root.resolve("resources.yaml"), "resources: {}\n");
        Files.createDirectories(root.resolve(".orrery"));
        AtomicInteger calls = new AtomicInteger();
        Semaphore called = new Semaphore(0);
        try (WorkspaceWatcher ignored = WorkspaceWatcher.start(root, Duration.ofMillis(300), () -> {
            calls.incrementAndGet();
            called.release();
        })) {
            Files.writeString(root.resolve(".orrery/history.db"), "not yaml, and hidden");
            for (int i = 0; i < 5; i++) {
                Files.writeString(file, "resources: {}\n# edit " + i + "\n");
            }
            assertThat(called.tryAcquire(20, TimeUnit.SECONDS)).isTrue();
            // Nothing else happens: a second call within a few debounce periods would mean the burst was split.
            assertThat(called.tryAcquire(1500, TimeUnit.MILLISECONDS)).isFalse();
            assertThat(calls).hasValue(1);

            Files.writeString(root.resolve("notes.txt"), "not a workspace file");
            assertThat(called.tryAcquire(1500, TimeUnit.MILLISECONDS)).isFalse();
        }
    }
}
