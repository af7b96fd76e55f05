package dev.orrery.bench;

import dev.orrery.model.Host;
import dev.orrery.model.Plan;
import dev.orrery.model.ResourceKind;
import dev.orrery.model.SourceRef;
import dev.orrery.model.Step;
import dev.orrery.model.Task;
import dev.orrery.model.TaskState;
import dev.orrery.run.RunOptions;
import dev.orrery.run.RunResult;
import dev.orrery.run.Runner;
import dev.orrery.store.SqliteStore;
import dev.orrery.store.TaskStateRepository.Move;
import dev.orrery.transport.HostKeyPolicy;
import dev.orrery.transport.OpenSshServer;
import dev.orrery.transport.PassphraseProvider;
import dev.orrery.transport.RawExecLoop;
import dev.orrery.transport.TransportPool;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Issue 3's execution benchmark (not a unit test; surefire skips {@code bench}). Run with
 * {@code mvn -B -o -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.orrery.bench.ExecutionBenchmark}.
 *
 * <p>Workload for every contender: 20 trivial tasks ({@code true}) on each of 10 hosts (10 inventory entries
 * pointing at one loopback OpenSSH sshd; 10 embedded sandbox servers when sshd is absent, said so),
 * parallelism 10. Contenders: Orrery's Runner (store, scheduler, output capture), the raw MINA exec loop over
 * the same sessions (the floor), and Ansible with pipelining when {@code ansible-playbook} is installed.
 * Then: recording 100,000 transitions in SQLite, against a raw JDBC batch insert. Prints figures and ratios;
 * asserts nothing. Arguments {@code execution} and/or {@code transitions} run only those parts.
 */
public final class ExecutionBenchmark {
    private static final int HOSTS = 10;
    private static final int TASKS_PER_HOST = 20;
    private static final int PARALLEL = 10;
    private static final int ROUNDS = 5;
    private static final int TRANSITIONS = 100_000;

    private ExecutionBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Set<String> parts = args.length == 0 ? Set.of("execution", "transitions") : Set.of(args);
        Path dir = Files.createTempDirectory("orrery-exec-bench");
        try {
            if (parts.contains("execution")) {
                execution(dir);
            }
            if (parts.contains("transitions")) {
                transitions(dir.resolve("transitions"));
            }
        } finally {
            deleteTree(dir);
        }
        System.exit(0);
    }

    private static void execution(Path dir) throws Exception {
        Path workspace = Files.createDirectories(dir.resolve("workspace"));
        OpenSshServer sshd = null;
        List<Host> hosts = new ArrayList<>();
        if (OpenSshServer.installed()) {
            sshd = OpenSshServer.start(dir.resolve("sshd"));
            for (int i = 1; i <= HOSTS; i++) {
                hosts.add(sshd.host(String.format("h%02d", i)));
            }
            System.out.printf("server: OpenSSH sshd on 127.0.0.1:%d, %d inventory entries pointing at it%n",
                    sshd.port(), HOSTS);
        } else {
            for (int i = 1; i <= HOSTS; i++) {
                hosts.add(new Host(String.format("h%02d", i), null, 0, null, null, null, Set.of(), true, false,
                        SourceRef.NONE));
            }
            System.out.println("server: " + OpenSshServer.NOT_INSTALLED + " -- falling back to " + HOSTS
                    + " embedded MINA sandbox servers (Ansible cannot be compared then)");
        }
        System.out.printf("workload: %d x `true` on each of %d hosts = %d tasks, parallelism %d, %d rounds (median)%n",
                TASKS_PER_HOST, HOSTS, TASKS_PER_HOST * HOSTS, PARALLEL, ROUNDS);
        try (SqliteStore store = SqliteStore.open(workspace);
             TransportPool pool = TransportPool.create(workspace, HostKeyPolicy.refuse(), PassphraseProvider.none())) {
            RawExecLoop.run(pool, hosts, 2, "true", PARALLEL, Duration.ofSeconds(30)); // sessions up, JIT warm
            Runner runner = new Runner(store, pool, workspace, hosts, RunOptions.defaults().withParallel(PARALLEL));
            runner.run(plan(store, hosts, 2).uid());
            List<Double> orrery = new ArrayList<>();
            List<Double> raw = new ArrayList<>();
            for (int round = 0; round < ROUNDS; round++) {
                RawExecLoop.Result loop = RawExecLoop.run(pool, hosts, TASKS_PER_HOST, "true", PARALLEL,
                        Duration.ofSeconds(30));
                if (loop.failures() > 0) {
                    throw new IllegalStateException("raw loop: " + loop.failures() + " failed channels");
                }
                raw.add(loop.wall().toNanos() / 1e9);
                Plan plan = plan(store, hosts, TASKS_PER_HOST);
                long start = System.nanoTime();
                RunResult result = runner.run(plan.uid());
                orrery.add((System.nanoTime() - start) / 1e9);
                if (result.result() != TaskState.SUCCESS) {
                    throw new IllegalStateException("orrery run ended " + result.result() + " " + result.counts());
                }
            }
            double o = median(orrery);
            double r = median(raw);
            System.out.printf(Locale.ROOT, "orrery runner:      %7.3f s  (rounds %s)%n", o, fmt(orrery));
            System.out.printf(Locale.ROOT, "raw MINA exec loop: %7.3f s  (rounds %s)%n", r, fmt(raw));
            System.out.printf(Locale.ROOT, "orrery / raw loop:  %7.2fx  (target: within 2x)%n", o / r);
            if (sshd != null) {
                ansible(dir, sshd, hosts, o);
            }
        } finally {
            if (sshd != null) {
                sshd.close();
            }
        }
    }

    private static Plan plan(SqliteStore store, List<Host> hosts, int perHost) {
        List<Task> tasks = new ArrayList<>();
        for (Host host : hosts) {
            for (int i = 1; i <= perHost; i++) {
                String resource = "t" + i;
                tasks.add(new Task(Task.idOf(resource, "run", host.name()), resource, ResourceKind.RESOURCE, "run",
                        host.name(), List.of(new Step.Exec("true")), Map.of(), null, 0, null, List.of(), 0));
            }
        }
        Plan plan = new Plan(UUID.randomUUID().toString(), Instant.now(), "", tasks, List.of(), List.of(), List.of());
        store.plans().save(plan, Map.of());
        return plan;
    }

    private static void ansible(Path dir, OpenSshServer sshd, List<Host> hosts, double orrery) throws Exception {
        if (!onPath("ansible-playbook")) {
            System.out.println("ansible: ansible-playbook not installed (apt-get install ansible-core) -- skipped");
            return;
        }
        Path a = Files.createDirectories(dir.resolve("ansible"));
        StringBuilder inventory = new StringBuilder("[bench]\n");
        for (Host h : hosts) {
            inventory.append(h.name()).append(" ansible_host=127.0.0.1 ansible_port=").append(sshd.port())
                    .append(" ansible_user=").append(sshd.user())
                    .append(" ansible_ssh_private_key_file=").append(sshd.clientKey())
                    .append(" ansible_python_interpreter=/usr/bin/python3\n");
        }
        Files.writeString(a.resolve("inventory.ini"), inventory);
        Files.writeString(a.resolve("ansible.cfg"), String.join("\n",
                "[defaults]", "forks = " + PARALLEL, "host_key_checking = True", "gathering = explicit",
                "interpreter_python = /usr/bin/python3", "",
                "[ssh_connection]", "pipelining = True",
                "ssh_args = -o ControlMaster=auto -o ControlPersist=60s -o UserKnownHostsFile=" + sshd.knownHostsFile()
                        + " -o StrictHostKeyChecking=yes", ""));
        StringBuilder play = new StringBuilder("- hosts: bench\n  gather_facts: false\n  tasks:\n");
        for (int i = 1; i <= TASKS_PER_HOST; i++) {
            play.append("    - name: t").append(i).append("\n      command: \"true\"\n");
        }
        Files.writeString(a.resolve("play.yml"), play);
        ProcessBuilder pb = new ProcessBuilder("ansible-playbook", "-i", "inventory.ini", "play.yml")
                .directory(a.toFile()).redirectErrorStream(true);
        pb.environment().put("ANSIBLE_CONFIG", a.resolve("ansible.cfg").toString());
        runAnsible(pb, "warm-up");
        long start = System.nanoTime();
        String out = runAnsible(pb, "timed");
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "ansible (pipelining, forks %d): %7.3f s%n", PARALLEL, seconds);
        System.out.printf(Locale.ROOT, "ansible / orrery:   %7.1fx  (target: at least 25x)%n", seconds / orrery);
        String recap = out.lines().filter(l -> l.contains("ok=")).findFirst().orElse("");
        System.out.println("ansible recap (first host): " + recap.strip());
    }

    private static String runAnsible(ProcessBuilder pb, String what) throws Exception {
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new IllegalStateException("ansible-playbook (" + what + ") failed:\n" + out);
        }
        return out;
    }

    /** 100,000 transitions through the store (the runner's path), against one raw JDBC batch insert. */
    private static void transitions(Path dir) throws Exception {
        Files.createDirectories(dir);
        int tasksCount = 2_000;
        int movesPerTask = TRANSITIONS / tasksCount;
        try (SqliteStore store = SqliteStore.open(dir)) {
            List<Task> tasks = new ArrayList<>();
            for (int i = 0; i < tasksCount; i++) {
                tasks.add(new Task(Task.idOf("r" + i, "run", "h"), "r" + i, ResourceKind.RESOURCE, "run", "h",
                        List.of(new Step.Exec("true")), Map.of(), null, 0, null, List.of(), 0));
            }
            Plan plan = new Plan(UUID.randomUUID().toString(), Instant.now(), "", tasks, List.of(), List.of(), List.of());
            store.plans().save(plan, Map.of());
            TaskState[] cycle = {TaskState.PENDING, TaskState.RUNNING, TaskState.ERROR_RETRY};
            List<Move> moves = new ArrayList<>(TRANSITIONS);
            Instant at = Instant.now();
            for (int m = 0; m < movesPerTask; m++) {
                for (Task t : tasks) {
                    moves.add(new Move(t.id(), cycle[m % 3], cycle[(m + 1) % 3], m % 3 == 1 ? "exit 1" : null, at));
                }
            }
            long start = System.nanoTime();
            for (int i = 0; i < moves.size(); i += 5_000) {
                List<Boolean> done = store.tasks().transitionBatch(plan.uid(), moves.subList(i, Math.min(moves.size(), i + 5_000)));
                if (done.contains(false)) {
                    throw new IllegalStateException("a compare-and-set move failed in the batch benchmark");
                }
            }
            double batched = (System.nanoTime() - start) / 1e9;
            int single = 5_000;
            long startSingle = System.nanoTime();
            for (int i = 0; i < single; i++) {
                Task t = tasks.get(i % tasksCount);
                TaskState from = store.tasks().status(plan.uid(), t.id()).orElseThrow().state();
                TaskState to = from == TaskState.PENDING ? TaskState.RUNNING
                        : from == TaskState.RUNNING ? TaskState.ERROR_RETRY : TaskState.PENDING;
                store.tasks().transition(plan.uid(), t.id(), from, to, null, at);
            }
            double perMove = (System.nanoTime() - startSingle) / 1e9 / single;
            double jdbc = rawJdbc(dir.resolve("raw.db"));
            System.out.printf(Locale.ROOT, "transitions: %,d recorded (CAS + log) in batches of 5,000: %6.3f s  (target < 2 s)%n",
                    TRANSITIONS, batched);
            System.out.printf(Locale.ROOT, "raw JDBC batch insert of %,d log rows:           %6.3f s  (store / raw: %.1fx)%n",
                    TRANSITIONS, jdbc, batched / jdbc);
            System.out.printf(Locale.ROOT, "one transition per transaction (read + CAS + log): %.3f ms each (%,d measured)%n",
                    perMove * 1000, single);
        }
    }

    private static double rawJdbc(Path file) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=NORMAL");
                s.execute("CREATE TABLE transitions (seq INTEGER PRIMARY KEY, plan_id INTEGER, task_id TEXT, "
                        + "from_state TEXT, to_state TEXT, at TEXT, reason TEXT)");
            }
            c.setAutoCommit(false);
            long start = System.nanoTime();
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO transitions (plan_id, task_id, from_state, to_state, at, reason) VALUES (?, ?, ?, ?, ?, ?)")) {
                String at = Instant.now().toString();
                for (int i = 0; i < TRANSITIONS; i++) {
                    ps.setLong(1, 1);
                    ps.setString(2, "r" + (i % 2000) + ".run@h");
                    ps.setString(3, "PENDING");
                    ps.setString(4, "RUNNING");
                    ps.setString(5, at);
                    ps.setString(6, null);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            c.commit();
            return (System.nanoTime() - start) / 1e9;
        }
    }

    private static boolean onPath(String command) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String d : path.split(":")) {
            if (Files.isExecutable(Path.of(d, command))) {
                return true;
            }
        }
        return false;
    }

    private static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private static String fmt(List<Double> values) {
        return String.join(", ", values.stream().map(v -> String.format(Locale.ROOT, "%.3f", v)).toList());
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
