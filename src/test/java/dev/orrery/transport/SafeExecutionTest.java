package dev.orrery.transport;

import dev.orrery.model.Host;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A step runs in its workdir or not at all, stops when it is stopped or times out (its whole process tree, on
 * the host), and keeps its command and environment out of the host's process list: on sandbox, local and
 * OpenSSH hosts (root and unprivileged logins).
 */
@Timeout(120)
@Tag("slow")
class SafeExecutionTest {
    private static final Duration T = Duration.ofSeconds(20);
    private static Path serverDir;
    private static OpenSshServer sshd;

    private Path workspace;
    private Path home;
    /** Where steps leave their marks; writable by the unprivileged login too. */
    private Path marks;
    private TransportPool pool;
    private final ExecutorService background = Executors.newCachedThreadPool();

    @BeforeAll
    static void startSshd() throws Exception {
        if (OpenSshServer.installed()) {
            serverDir = StepHosts.shared(Files.createTempDirectory("orrery-sshd"));
            sshd = OpenSshServer.start(serverDir);
        }
    }

    @AfterAll
    static void stopSshd() throws Exception {
        if (sshd != null) {
            sshd.close();
        }
        deleteTree(serverDir);
    }

    @BeforeEach
    void open() throws IOException {
        workspace = Files.createTempDirectory("orrery-ws");
        home = Files.createTempDirectory("orrery-home");
        marks = StepHosts.shared(Files.createTempDirectory("orrery-marks"));
        pool = TransportPool.create(workspace, HostKeyPolicy.refuse(), PassphraseProvider.none(),
                TransportSettings.defaults().withUserHome(home));
    }

    @AfterEach
    void close() throws IOException {
        background.shutdownNow();
        pool.close();
        deleteTree(workspace);
        deleteTree(home);
        deleteTree(marks);
    }

    private Host host(StepHosts kind) throws Exception {
        if (kind.openSsh()) {
            assumeTrue(sshd != null, OpenSshServer.NOT_INSTALLED);
        }
        if (kind == StepHosts.OPENSSH_UNPRIVILEGED) {
            String missing = StepHosts.unprivilegedUserMissing();
            assumeTrue(missing == null, missing);
        }
        return kind.host(sshd);
    }

    /** Where a step with no workdir starts (the steps below only touch it on sandbox and local hosts). */
    private Path loginFolder(StepHosts kind) throws Exception {
        return switch (kind) {
            case SANDBOX -> pool.sandboxes().folderOf("box");
            case LOCAL -> home;
            default -> null;
        };
    }

    @ParameterizedTest
    @EnumSource(StepHosts.class)
    void aMissingWorkdirFailsTheStepBeforeAnyOfItsCommandRunsWhateverItsSyntax(StepHosts kind) throws Exception {
        Transport t = pool.forHost(host(kind));
        String missing = marks.resolve("no such folder").toString();
        List<String> commands = List.of(
                "echo clearing; touch " + mark("semicolon"),
                "true && touch " + mark("and"),
                "false || touch " + mark("or"),
                "echo x | touch " + mark("pipe"),
                "echo one\ntouch " + mark("lines"),
                "(touch " + mark("subshell") + ")",
                "{ touch " + mark("group") + "; }",
                "touch " + mark("background") + " &");

        for (String command : commands) {
            Output out = new Output();
            int exit = t.exec(command, Map.of(), missing, out, T);
            assertThat(exit).as(command).isNotZero();
            assertThat(out.out()).as(command).isEmpty();
            assertThat(out.err()).as(command).containsExactly("cannot enter workdir " + missing);
        }
        try (var left = Files.list(marks)) {
            assertThat(left).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(value = StepHosts.class, names = {"SANDBOX", "LOCAL"})
    void clearingAMissingWorkdirDeletesNothingInTheLoginFolder(StepHosts kind) throws Exception {
        Transport t = pool.forHost(host(kind));
        t.exec("true", Map.of(), null, new Output(), T); // the sandbox folder exists once its host started
        Path keep = Files.writeString(loginFolder(kind).resolve("a.keep"), "precious");

        Output out = new Output();
        int exit = t.exec("echo clearing; rm -f ./*.keep", Map.of(), "gone", out, T);

        assertThat(exit).isNotZero();
        assertThat(out.err()).containsExactly("cannot enter workdir gone");
        assertThat(keep).hasContent("precious");
    }

    @ParameterizedTest
    @EnumSource(StepHosts.class)
    void aStepReadingItsInputGetsEndOfFileNotTheScript(StepHosts kind) throws Exception {
        Transport t = pool.forHost(host(kind));
        Output out = new Output();

        int exit = t.exec("cat; echo \"[$?]\"; read line; echo \"read $? [$line]\"", Map.of("V", "1"),
                workdir(kind), out, T);

        assertThat(exit).isZero();
        assertThat(out.out()).containsExactly("[0]", "read 1 []");
    }

    @ParameterizedTest
    @EnumSource(StepHosts.class)
    void theCommandAndEnvironmentValuesNeverShowInTheProcessListAndAStoppedStepEnds(StepHosts kind)
            throws Exception {
        Transport t = pool.forHost(host(kind));
        String secret = "env-" + UUID.randomUUID();
        String inCommand = "cmd-" + UUID.randomUUID();
        String sleep = uniqueSleep(30);
        Future<Integer> step = background.submit(() -> t.exec(": " + inCommand + "; " + sleep + "; touch "
                + mark("done"), Map.of("SECRET_VALUE", secret), workdir(kind), new Output(), T));

        String running = awaitInProcessList(sleep);
        step.cancel(true); // how the runner stops a task: interrupt its thread

        assertThat(running).doesNotContain(secret).doesNotContain(inCommand);
        awaitGone(sleep);
        assertThat(marks.resolve("done")).doesNotExist();
    }

    @ParameterizedTest
    @EnumSource(StepHosts.class)
    void theSideEffectOfATimedOutStepNeverHappens(StepHosts kind) throws Exception {
        Transport t = pool.forHost(host(kind));
        String sleep = uniqueSleep(3);
        long start = System.nanoTime();

        assertThatThrownBy(() -> t.exec(sleep + "; touch " + mark("done"), Map.of(), workdir(kind),
                new Output(), Duration.ofSeconds(1)))
                .isInstanceOf(TransportException.class).hasMessage("timed out after 1s");

        awaitGone(sleep);
        waitUntil(start, Duration.ofMillis(3_000 + Shell.STOP_GRACE.toMillis() + 500));
        assertThat(marks.resolve("done")).doesNotExist();
    }

    @ParameterizedTest
    @EnumSource(StepHosts.class)
    void aStepThatIgnoresTermIsKilledAfterTheGracePeriod(StepHosts kind) throws Exception {
        Transport t = pool.forHost(host(kind));
        String sleep = uniqueSleep(4);
        long start = System.nanoTime();

        assertThatThrownBy(() -> t.exec("trap '' TERM; " + sleep + "; touch " + mark("done"), Map.of(),
                workdir(kind), new Output(), Duration.ofSeconds(1)))
                .isInstanceOf(TransportException.class).hasMessage("timed out after 1s");

        awaitGone(sleep);
        waitUntil(start, Duration.ofMillis(4_500));
        assertThat(marks.resolve("done")).doesNotExist();
    }

    @ParameterizedTest
    @EnumSource(value = StepHosts.class, names = {"OPENSSH", "OPENSSH_UNPRIVILEGED"})
    void aStepOnAnOpenSshHostDiesWhenItsConnectionDrops(StepHosts kind) throws Exception {
        Host host = host(kind);
        Transport t = pool.forHost(host);
        String sleep = uniqueSleep(3);
        Path started = marks.resolve("started");
        long start = System.nanoTime();
        Future<Integer> step = background.submit(() -> t.exec("touch " + Shell.quote(started.toString()) + "; "
                + sleep + "; touch " + mark("done"), Map.of(), marks.toString(), new Output(), T));
        awaitFile(started);

        pool.sshTransport(host).disconnect();

        assertThatThrownBy(() -> step.get(20, TimeUnit.SECONDS)).rootCause().isInstanceOf(TransportException.class);
        awaitGone(sleep);
        waitUntil(start, Duration.ofMillis(3_500));
        assertThat(marks.resolve("done")).doesNotExist();
    }

    /**
     * A workdir in which steps of this kind run: the marks folder, except on sandbox hosts, where an absolute
     * workdir is inside the host's folder (the commands still write the marks by their absolute paths).
     */
    private String workdir(StepHosts kind) {
        return kind == StepHosts.SANDBOX ? null : marks.toString();
    }

    private String mark(String name) {
        return Shell.quote(marks.resolve(name).toString());
    }

    /** {@code sleep S.xxxxxx}: a command line no other process on the machine has, to find it in ps. */
    static String uniqueSleep(int seconds) {
        return String.format("sleep %d.%06d", seconds, ThreadLocalRandom.current().nextInt(1, 1_000_000));
    }

    static String awaitInProcessList(String token) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            String ps = StepHosts.processList();
            if (ps.contains(token)) {
                return ps;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(token + " never started");
    }

    static void awaitGone(String token) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (StepHosts.processList().contains(token)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(token + " still runs on the host:\n" + StepHosts.processList());
            }
            Thread.sleep(50);
        }
    }

    static void awaitFile(Path file) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!Files.exists(file)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(file + " never appeared");
            }
            Thread.sleep(20);
        }
    }

    /** Waits until {@code after} has passed since {@code start}: long enough for a side effect that would happen. */
    static void waitUntil(long start, Duration after) throws InterruptedException {
        long left = start + after.toNanos() - System.nanoTime();
        if (left > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
