package dev.orrery.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * stderr carries one line per error: what the libraries print (MINA's WARNs, sqlite-jdbc's native-loader stack
 * traces) goes to {@code .orrery/logs/} and reaches the console only with {@code --debug}. Real processes, since
 * logging is set up once per JVM.
 */
@Timeout(120)
@Tag("slow")
class LibraryLogTest {
    @TempDir
    Path tmp;
    private ServerSocket fakeSsh;

    @AfterEach
    void stopFake() throws IOException {
        if (fakeSsh != null) {
            fakeSsh.close();
        }
    }

    private record Proc(int exitCode, String out, String err) {
    }

    private static Proc orrery(Path workspace, String... args) throws Exception {
        return orreryWith(List.of(), workspace, args);
    }

    private static Proc orreryWith(List<String> jvmOptions, Path workspace, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java" + (File.separatorChar == '\\' ? ".exe" : "")).toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName(), "-w", workspace.toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("orrery-out", ".txt");
        Path err = Files.createTempFile("orrery-err", ".txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
        Proc result = new Proc(p.exitValue(), Files.readString(out), Files.readString(err));
        Files.delete(out);
        Files.delete(err);
        return result;
    }

    /** An SSH server that greets and then sends garbage: MINA logs a WARN about the broken packet. */
    private int startFakeSsh() throws IOException {
        fakeSsh = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(() -> {
            while (!fakeSsh.isClosed()) {
                try (Socket socket = fakeSsh.accept()) {
                    OutputStream out = socket.getOutputStream();
                    out.write("SSH-2.0-fake\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.write(new byte[] {0, 0, 0, 12, 'g', 'a', 'r', 'b', 'a', 'g', 'e', 0, 0, 0, 0, 0});
                    out.flush();
                    socket.shutdownOutput();
                    socket.getInputStream().readAllBytes();
                } catch (IOException closed) {
                    return;
                }
            }
        }, "fake-ssh");
        thread.setDaemon(true);
        thread.start();
        return fakeSsh.getLocalPort();
    }

    private Path workspaceWithHostAt(int port) throws IOException {
        Path ws = Files.createDirectories(tmp.resolve("ws"));
        Files.writeString(ws.resolve("inventory.yaml"), "hosts:\n  web-1:\n    address: 127.0.0.1\n    port: " + port
                + "\n    user: nobody\n    known-hosts: known_hosts\n");
        Files.writeString(ws.resolve("resources.yaml"),
                "resources:\n  hello:\n    target: web-1\n    actions:\n      run:\n        - run: echo hi\n");
        return ws;
    }

    private static String logOf(Path ws) throws IOException {
        Path logs = ws.resolve(".orrery/logs");
        try (var files = Files.list(logs)) {
            StringBuilder all = new StringBuilder();
            for (Path f : files.toList()) {
                all.append(Files.readString(f));
            }
            return all.toString();
        }
    }

    @Test
    void anSshLibraryWarningGoesToTheWorkspaceLogNotTheConsole() throws Exception {
        Path ws = workspaceWithHostAt(startFakeSsh());
        assertThat(CliRun.in(ws, "changes", "stage").exitCode()).isZero();
        assertThat(CliRun.in(ws, "changes", "process").exitCode()).isZero();

        Proc run = orrery(ws, "orch", "run-once", "last");

        assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.out()).contains("hello.run@web-1: connection to web-1 (127.0.0.1:");
        assertThat(run.err()).as("stderr").doesNotContain("WARN").doesNotContain("\tat ");
        assertThat(run.err().lines().count()).as(run.err()).isLessThanOrEqualTo(1);
        String log = logOf(ws);
        assertThat(log).contains("[WARN] ClientSessionImpl - exceptionCaught");
        Path logFile = LibraryLog.logFile(ws);
        assertThat(Files.getPosixFilePermissions(logFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.getPosixFilePermissions(logFile.getParent())).isEqualTo(PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void withDebugTheLibraryLinesShowOnTheConsole() throws Exception {
        Path ws = workspaceWithHostAt(startFakeSsh());
        assertThat(CliRun.in(ws, "changes", "stage").exitCode()).isZero();
        assertThat(CliRun.in(ws, "changes", "process").exitCode()).isZero();

        Proc run = orrery(ws, "--debug", "orch", "run-once", "last");

        assertThat(run.err()).contains("ClientSessionImpl - "); // the SSH library's own lines, whatever their level
    }

    @Test
    void aNativeLoaderStackTraceStaysInTheLogAndTheErrorIsOneLine() throws Exception {
        Path ws = workspaceWithHostAt(22);
        Path missing = tmp.resolve("no-such-folder");

        Proc run = orreryWith(List.of("-Dorg.sqlite.tmpdir=" + missing), ws, "orch", "report", "last");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.ERROR);
        assertThat(run.err().lines()).as(run.err()).hasSize(1);
        assertThat(run.err()).startsWith("error: cannot open history file " + ws.resolve(".orrery/history.db"))
                .contains("(details: " + LibraryLog.logFile(ws) + ")");
        assertThat(logOf(ws)).contains("SQLiteJDBCLoader", "\tat org.sqlite.");
    }

    @Test
    void aRunThatLogsNothingWritesNoLogFile() throws Exception {
        Path ws = workspaceWithHostAt(22);

        Proc run = orrery(ws, "validate");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(ws.resolve(".orrery")).doesNotExist();
    }

    @Test
    void theLogFollowsTheWorkspaceTheVerbUses() throws Exception {
        Path file = Files.createDirectories(tmp.resolve("elsewhere")).resolve("deploy.yaml");
        Files.writeString(file, "x: 1\n");
        assertThat(LibraryLog.workspaceOf(new String[] {"-w", "/srv/ws", "validate"})).isEqualTo(Path.of("/srv/ws"));
        assertThat(LibraryLog.workspaceOf(new String[] {"--workspace=/srv/ws", "validate"})).isEqualTo(Path.of("/srv/ws"));
        assertThat(LibraryLog.workspaceOf(new String[] {"deploy", "--env", "prod", file.toString()}))
                .isEqualTo(file.getParent());
        assertThat(LibraryLog.workspaceOf(new String[] {"gui", tmp.toString()})).isEqualTo(tmp);
        assertThat(LibraryLog.workspaceOf(new String[] {"validate"})).isEqualTo(Path.of("").toAbsolutePath());
    }
}
