package dev.orrery.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One secret input routed through every field a task has (workdir, environment, copy destination and owner,
 * run command, output and error), staged, processed and run on a sandbox host: afterwards the secret is in no
 * column of any table of the history, in no byte of any file under {@code .orrery/} (the database, its
 * write-ahead log, the logs), and not on the console. The secret still reached the host: the steps used it.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
@Tag("slow")
class SecretsAtRestTest {
    private static final String SECRET = "Zq7s3cr3tKx9";

    @TempDir
    Path tmp;

    @Test
    void aSecretInEveryFieldIsNeverStoredOrShownInClear() throws Exception {
        Path ws = tmp.resolve("ws");
        Workspaces.write(ws.resolve("inventory.yaml"), """
                hosts:
                  box-1:
                    sandbox: true
                """);
        Workspaces.write(ws.resolve("files/a.txt"), "plain file\n");
        String succeeding = """
                resources:
                  vault:
                    target: [box-1]
                    inputs:
                      pw: {value: %s, secret: true}
                    actions:
                      run:
                        - run: echo stored > vault-{{pw}}.txt; mkdir -p w-{{pw}}
                  in-workdir:
                    target: [box-1]
                    workdir: w-{{pw}}
                    inputs:
                      pw: {link: vault.pw}
                    actions:
                      run:
                        - run: pwd; echo here > here.txt
                  in-env:
                    target: [box-1]
                    env: {TOKEN: 'token-{{pw}}'}
                    inputs:
                      pw: {link: vault.pw}
                    actions:
                      run:
                        - run: echo "$TOKEN" > env.txt; echo "$TOKEN"
                  in-copy-dest:
                    target: [box-1]
                    inputs:
                      pw: {link: vault.pw}
                    actions:
                      run:
                        - copy: {src: files/a.txt, dest: 'dest-{{pw}}.txt'}
                """.formatted(SECRET);
        String failing = """
                  in-owner:
                    target: [box-1]
                    inputs:
                      pw: {link: vault.pw}
                    actions:
                      run:
                        - copy: {src: files/a.txt, dest: owned.txt, owner: '{{pw}}'}
                  in-command:
                    target: [box-1]
                    inputs:
                      pw: {link: vault.pw}
                    actions:
                      run:
                        - run: echo out {{pw}}; echo err {{pw}} >&2; exit 3
                """;
        // first a run that succeeds (committed state, a release), then one whose steps fail (output, errors)
        Workspaces.write(ws.resolve("resources.yaml"), succeeding);
        List<CliRun> first = List.of(CliRun.in(ws, "changes", "stage"), CliRun.in(ws, "changes", "process"),
                CliRun.in(ws, "orch", "run-once", "last", "--output"));
        assertThat(first.get(2).exitCode()).as(first.get(2).toString()).isZero();
        Workspaces.write(ws.resolve("resources.yaml"), succeeding + failing);

        List<CliRun> runs = new ArrayList<>();
        runs.add(CliRun.in(ws, "changes", "stage"));
        runs.add(CliRun.in(ws, "changes", "staged"));
        runs.add(CliRun.in(ws, "changes", "process"));
        runs.add(CliRun.in(ws, "orch", "run-once", "last", "--output"));
        runs.add(CliRun.in(ws, "orch", "report", "last"));
        runs.add(CliRun.in(ws, "changes", "history"));
        runs.add(CliRun.in(ws, "releases"));
        runs.add(CliRun.in(ws, "--debug", "orch", "retry", "last", "--output"));
        assertThat(runs.get(2).exitCode()).as(runs.get(2).toString()).isZero();
        runs.addAll(first);
        String all = runs.stream().map(CliRun::toString).reduce("", String::concat);
        assertThat(runs.get(6).out()).as("a release was recorded").contains("4 tasks: 4 success");
        assertThat(all).doesNotContain(SECRET);

        // the steps did use the secret on the host
        Path box = ws.resolve(".orrery/sandbox/box-1");
        assertThat(box.resolve("vault-" + SECRET + ".txt")).exists();
        assertThat(box.resolve("w-" + SECRET + "/here.txt")).exists();
        assertThat(box.resolve("env.txt")).content().isEqualTo("token-" + SECRET + "\n");
        assertThat(box.resolve("dest-" + SECRET + ".txt")).exists();
        String report = runs.get(4).out();
        assertThat(report).containsPattern("in-command\\.run@box-1\\s+ERROR");
        assertThat(report).containsPattern("in-owner\\.run@box-1\\s+ERROR");

        Path history = ws.resolve(".orrery/history.db");
        List<String> leaks = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + history);
             Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            assertThat(tables).contains("plan_tasks", "output", "transitions", "changes", "runs");
            for (String table : tables) {
                try (ResultSet rs = s.executeQuery("SELECT * FROM \"" + table + "\"")) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            String value = rs.getString(i);
                            if (value != null && value.contains(SECRET)) {
                                leaks.add(table + "." + rs.getMetaData().getColumnName(i) + ": " + value);
                            }
                        }
                    }
                }
            }
            s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        }
        assertThat(leaks).isEmpty();
        if (Files.isExecutable(Path.of("/usr/bin/sqlite3"))) {
            Process dump = new ProcessBuilder("/usr/bin/sqlite3", history.toString(), ".dump")
                    .redirectErrorStream(true).start();
            String text = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(dump.waitFor()).isZero();
            assertThat(text).contains("CREATE TABLE plan_tasks").doesNotContain(SECRET);
        }
        // every byte of every file under .orrery/ but the sandbox hosts' own folders (where the steps put it)
        byte[] needle = SECRET.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(ws.resolve(".orrery"))) {
            for (Path file : files.filter(Files::isRegularFile)
                    .filter(f -> !f.startsWith(ws.resolve(".orrery/sandbox"))).toList()) {
                assertThat(indexOf(Files.readAllBytes(file), needle)).as("the secret in %s", file).isEqualTo(-1);
            }
        }
    }

    @Test
    void theHistoryFolderAndFilesArePrivateAfterCommands() throws Exception {
        Path ws = Workspaces.slowWorkspace(tmp.resolve("ws"), 0);
        assertThat(CliRun.in(ws, "changes", "stage").exitCode()).isZero();
        assertThat(CliRun.in(ws, "changes", "process").exitCode()).isZero();
        assertThat(CliRun.in(ws, "orch", "run-once", "last").exitCode()).isZero();
        Path folder = ws.resolve(".orrery");
        assertThat(mode(folder)).isEqualTo("rwx------");
        try (Stream<Path> files = Files.list(folder)) {
            List<Path> history = files.filter(f -> f.getFileName().toString().startsWith("history.")).toList();
            assertThat(history).isNotEmpty();
            for (Path file : history) {
                assertThat(mode(file)).as(file.toString()).isEqualTo("rw-------");
            }
        }
    }

    private static String mode(Path path) throws java.io.IOException {
        return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
