package dev.orrery.cli;

import dev.orrery.store.LocalHost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real full disk: the workspace on a 2 MiB tmpfs. A run that fills it stops with "disk full" and the history
 * file's path (not "statement is not executing", not SUCCESS); then, with the disk full to the last byte and a
 * dead runner's lock on the plan, the read-only verbs still answer. Needs root (mount); skipped otherwise.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
@Tag("slow")
class FullDiskTest {
    @TempDir
    Path tmp;
    Path disk;

    @BeforeEach
    void mountTinyDisk() throws Exception {
        disk = tmp.resolve("disk");
        Files.createDirectories(disk);
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", disk.toString())
                .redirectErrorStream(true).start();
        String said = new String(mount.getInputStream().readAllBytes());
        Assumptions.assumeTrue(mount.waitFor() == 0,
                "skipped: cannot mount a 2 MiB tmpfs here (needs root and mount rights): " + said.strip());
    }

    @AfterEach
    void unmount() throws Exception {
        if (disk != null) {
            new ProcessBuilder("umount", "-l", disk.toString()).inheritIO().start().waitFor();
        }
    }

    @Test
    void aRunThatFillsTheDiskStopsSayingSoAndReadOnlyVerbsStillWork() throws Exception {
        Path ws = disk.resolve("ws");
        Workspaces.write(ws.resolve("inventory.yaml"), """
                hosts:
                  box-1:
                    sandbox: true
                """);
        Workspaces.write(ws.resolve("resources.yaml"), """
                resources:
                  chatty:
                    target: [box-1]
                    actions:
                      run:
                        - run: i=0; while [ $i -lt 100000 ]; do i=$((i+1)); echo "line-$i padded to take some room on the disk"; done
                  after:
                    target: [box-1]
                    wait-for: [chatty]
                    actions:
                      run:
                        - run: echo done > after.txt
                """);
        assertThat(CliRun.in(ws, "changes", "stage").exitCode()).isZero();
        assertThat(CliRun.in(ws, "changes", "process").exitCode()).isZero();
        Path history = ws.resolve(".orrery/history.db");
        Path filler = disk.resolve("filler");
        fill(filler, Files.getFileStore(disk).getUsableSpace() - 96 * 1024);

        CliRun run = CliRun.in(ws, "orch", "run-once", "last");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err()).as(run.toString()).contains("disk full", history.toString())
                .doesNotContain("statement is not executing");
        assertThat(run.err().strip().lines()).as("one line per error").hasSize(1);
        assertThat(run.out()).doesNotContain("SUCCESS, 2 tasks");
        assertThat(ws.resolve(".orrery/sandbox/box-1/after.txt")).doesNotExist();

        // room again, for a dead runner's lock on the plan (pid of a finished process); then full to the last byte
        Files.delete(filler);
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + history); Statement s = c.createStatement()) {
            s.executeUpdate("DELETE FROM locks");
            s.executeUpdate("INSERT INTO locks (plan_id, pid, hostname, since) VALUES (1, " + gone.pid() + ", '"
                    + LocalHost.name() + "', '" + Instant.now() + "')");
            s.executeUpdate("UPDATE task_states SET state = 'RUNNING' WHERE task_id = 'chatty.run@box-1'");
        }
        fill(filler, Long.MAX_VALUE);
        assertThat(Files.getFileStore(disk).getUsableSpace()).isZero();

        for (String[] verb : new String[][] {{"orch", "report", "last"}, {"releases"}, {"changes", "history"},
                {"changes", "staged"}}) {
            CliRun ro = CliRun.in(ws, verb);
            assertThat(ro.exitCode()).as(ro.toString()).isZero();
            assertThat(ro.err()).as(ro.toString()).isEmpty();
        }
        CliRun report = CliRun.in(ws, "orch", "report", "last");
        assertThat(report.out()).contains("chatty.run@box-1", "after.run@box-1");
        CliRun write = CliRun.in(ws, "orch", "retry", "last");
        assertThat(write.exitCode()).isNotZero();
        assertThat(write.err()).contains("disk full", history.toString());
    }

    /** Writes zeros to {@code file} until it holds {@code bytes} or the disk refuses more. */
    private static void fill(Path file, long bytes) throws IOException {
        byte[] block = new byte[4096];
        long written = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            while (written < bytes) {
                int n = (int) Math.min(block.length, bytes - written);
                out.write(block, 0, n);
                written += n;
            }
        } catch (IOException full) {
            if (bytes != Long.MAX_VALUE) {
                throw full;
            }
        }
    }
}
