package dev.orrery.store;

import dev.orrery.model.Change;
import dev.orrery.model.LockHolder;
import dev.orrery.model.OutputChunk;
import dev.orrery.model.Plan;
import dev.orrery.model.PlanSummary;
import dev.orrery.model.Release;
import dev.orrery.model.ResourceSnapshot;
import dev.orrery.model.RunSummary;
import dev.orrery.model.TaskState;
import dev.orrery.model.TaskStatus;
import dev.orrery.model.Transition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static dev.orrery.store.Fixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag("slow")
class SqliteStoreTest {
    @TempDir
    Path root;

    @Test
    void migratesAnEmptyFolderToTheLatestSchemaInWalMode() throws Exception {
        try (SqliteStore store = SqliteStore.open(root)) {
            assertThat(store.file()).isEqualTo(root.resolve(".orrery/history.db"));
            assertThat(store.schemaVersion()).isEqualTo(Migrations.latest());
        }
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + root.resolve(".orrery/history.db"));
             var rs = c.createStatement().executeQuery("PRAGMA journal_mode")) {
            rs.next();
            assertThat(rs.getString(1)).isEqualToIgnoringCase("wal");
        }
    }

    @Test
    void aSchemaOneFileIsUpgradedKeepingItsPlansAndTransitions() throws Exception {
        Path file = root.resolve(".orrery/history.db");
        Files.createDirectories(file.getParent());
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
            for (String sql : Migrations.statements("001-initial.sql")) {
                c.createStatement().execute(sql);
            }
            c.createStatement().execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
            c.createStatement().execute("INSERT INTO schema_version VALUES (1, 'then')");
            c.createStatement().execute("INSERT INTO plans (id, uid, created, environment) VALUES (1, 'old-plan', '"
                    + T0 + "', '')");
            c.createStatement().execute("INSERT INTO plan_tasks VALUES (1, 0, 'a.run@h', 'a', 'RESOURCE', 'run', 'h', "
                    + "NULL, 0, NULL, 0, '{\"steps\":[{\"exec\":\"true\"}],\"env\":{},\"secrets\":[]}')");
            c.createStatement().execute("INSERT INTO task_states (plan_id, task_id, ord, state) VALUES (1, 'a.run@h', 0, 'RUNNING')");
            c.createStatement().execute("INSERT INTO transitions (plan_id, task_id, from_state, to_state, at) "
                    + "VALUES (1, 'a.run@h', 'PENDING', 'RUNNING', '" + T0 + "')");
        }
        try (SqliteStore store = SqliteStore.open(root)) {
            assertThat(store.schemaVersion()).isEqualTo(Migrations.latest());
            assertThat(store.plans().find("old-plan").orElseThrow().tasks()).extracting(t -> t.id())
                    .containsExactly("a.run@h");
            assertThat(store.tasks().transition("old-plan", "a.run@h", TaskState.RUNNING, TaskState.SUCCESS, null,
                    T0.plusSeconds(1))).isTrue();
            assertThat(store.tasks().transitions("old-plan")).extracting(Transition::from, Transition::to)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(TaskState.PENDING, TaskState.RUNNING),
                            org.assertj.core.groups.Tuple.tuple(TaskState.RUNNING, TaskState.SUCCESS));
        }
    }

    @Test
    void reopeningKeepsDataAndDoesNotMigrateAgain() {
        try (Store store = SqliteStore.open(root)) {
            store.changes().stage(Fixtures.change("db", "update"));
            store.committed().put("prod", Fixtures.snapshot("db", "5432"));
        }
        try (SqliteStore store = SqliteStore.open(root)) {
            assertThat(store.changes().staged()).extracting(Change::resource).containsExactly("db");
            assertThat(store.committed().all("prod")).containsKey("db");
            assertThat(store.schemaVersion()).isEqualTo(Migrations.latest());
        }
    }

    @Test
    void refusesAFileWrittenByANewerSchema() throws Exception {
        SqliteStore.open(root).close();
        try (var c = DriverManager.getConnection("jdbc:sqlite:" + root.resolve(".orrery/history.db"))) {
            c.createStatement().execute("INSERT INTO schema_version VALUES (99, 'x')");
        }
        assertThatThrownBy(() -> SqliteStore.open(root)).isInstanceOf(StoreException.class)
                .hasMessageContaining("schema version 99");
    }

    @Test
    void twoStoresOnOneFileSeeEachOthersWrites() {
        try (Store gui = SqliteStore.open(root); Store cli = SqliteStore.open(root)) {
            Change staged = cli.changes().stage(Fixtures.change("db", "update"));
            assertThat(gui.changes().staged()).containsExactly(staged);
            String uid = Fixtures.newUid();
            gui.plans().save(Fixtures.plan(uid), Map.of());
            assertThat(cli.plans().resolve("last")).isEqualTo(uid);
            assertThat(cli.tasks().transition(uid, "db.update@db-1", TaskState.PENDING, TaskState.RUNNING, null, T0))
                    .isTrue();
            assertThat(gui.tasks().statuses(uid).get("db.update@db-1").state()).isEqualTo(TaskState.RUNNING);
            // a control verb from the GUI process is seen by the runner process
            gui.tasks().transitionAll(uid, null, Set.of(TaskState.PENDING), TaskState.SKIPPED, "stopped", T0);
            assertThat(cli.tasks().statuses(uid).values()).extracting(TaskStatus::state)
                    .containsExactly(TaskState.RUNNING, TaskState.SKIPPED, TaskState.SKIPPED);
        }
    }

    @Test
    void stagingTheSameResourceAndActionTwiceKeepsTheNewest() {
        try (Store store = SqliteStore.open(root)) {
            store.changes().stage(Fixtures.change("db", "update"));
            Change second = store.changes().stage(Fixtures.change("db", "update"));
            store.changes().stage(Fixtures.change("db", "restart"));
            assertThat(store.changes().staged()).extracting(Change::id, Change::action)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(second.id(), "update"),
                            org.assertj.core.groups.Tuple.tuple(second.id() + 1, "restart"));
        }
    }

    @Test
    void changesRoundTripAndMoveFromStagedToProcessedToHistory() {
        try (Store store = SqliteStore.open(root)) {
            Change a = store.changes().stage(Fixtures.change("db", "update"));
            Change b = store.changes().stage(Fixtures.change("app", "run"));
            Change c = store.changes().stage(Fixtures.change("cache", "remove"));
            assertThat(a.id()).isPositive();
            assertThat(store.changes().staged()).containsExactly(a, b, c);
            assertThat(store.changes().discard(List.of(c.id(), 12345L))).isEqualTo(1);

            String uid = Fixtures.newUid();
            store.plans().save(Fixtures.plan(uid), Map.of());
            store.changes().markProcessed(List.of(a.id(), b.id()), uid);
            assertThat(store.changes().staged()).isEmpty();
            assertThat(store.changes().ofPlan(uid)).containsExactly(a, b);
            assertThatThrownBy(() -> store.changes().markProcessed(List.of(a.id()), uid))
                    .hasMessageContaining("not staged");

            store.changes().markExecuted(uid, b.id(), T0.plusSeconds(5));
            store.changes().markExecuted(uid, a.id(), T0.plusSeconds(9));
            store.changes().markExecuted(uid, a.id(), T0.plusSeconds(99));
            assertThat(store.changes().history(-1)).extracting(e -> e.change().resource(), e -> e.executedAt())
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("db", T0.plusSeconds(9)),
                            org.assertj.core.groups.Tuple.tuple("app", T0.plusSeconds(5)));
            assertThat(store.changes().history(1)).hasSize(1);
            assertThat(store.changes().history(1).get(0).planUid()).isEqualTo(uid);
        }
    }

    @Test
    void planReadsBackExactlyAndSecretsAreSealedInTheFile() throws Exception {
        String uid = Fixtures.newUid();
        Plan plan = Fixtures.plan(uid);
        ResourceSnapshot desired = Fixtures.snapshot("db", "5433");
        try (Store store = SqliteStore.open(root)) {
            store.plans().save(plan, Map.of("db", desired));
        }
        try (Store store = SqliteStore.open(root)) {
            assertThat(store.plans().find(uid)).contains(plan);
            assertThat(store.plans().desired(uid, "db")).contains(desired);
            assertThat(store.plans().desired(uid, "app")).isEmpty();
            assertThat(store.plans().desiredAll(uid)).containsExactly(Map.entry("db", desired));
            assertThat(store.plans().find("nope")).isEmpty();
            assertThat(store.tasks().statuses(uid).values()).extracting(TaskStatus::state)
                    .containsOnly(TaskState.PENDING);
        }
        assertThat(fileText()).doesNotContain("hunter2-secret").contains("systemctl restart app");
    }

    @Test
    void resolvesLastLastNUidsAndUniquePrefixes() {
        try (Store store = SqliteStore.open(root)) {
            assertThatThrownBy(() -> store.plans().resolve("last")).isInstanceOf(UnknownPlanException.class)
                    .hasMessageContaining("no plan yet");
            String first = "aaaa1111-0000-0000-0000-000000000000";
            String second = "aaaa2222-0000-0000-0000-000000000000";
            String third = "bbbb3333-0000-0000-0000-000000000000";
            for (String uid : List.of(first, second, third)) {
                store.plans().save(Fixtures.plan(uid), Map.of());
            }
            assertThat(store.plans().resolve("last")).isEqualTo(third);
            assertThat(store.plans().resolve("last1")).isEqualTo(third);
            assertThat(store.plans().resolve("last2")).isEqualTo(second);
            assertThat(store.plans().resolve("last3")).isEqualTo(first);
            assertThatThrownBy(() -> store.plans().resolve("last4")).hasMessageContaining("only 3 plans");
            assertThat(store.plans().resolve(first)).isEqualTo(first);
            assertThat(store.plans().resolve("bb")).isEqualTo(third);
            assertThat(store.plans().resolve("aaaa2")).isEqualTo(second);
            assertThatThrownBy(() -> store.plans().resolve("aaaa")).isInstanceOf(UnknownPlanException.class)
                    .hasMessageContaining("ambiguous").hasMessageContaining(first).hasMessageContaining(second);
            assertThatThrownBy(() -> store.plans().resolve("cc")).hasMessageContaining("no plan uid starts with 'cc'");
            assertThat(store.plans().list(2)).extracting(PlanSummary::uid).containsExactly(third, second);
            PlanSummary summary = store.plans().list(-1).get(2);
            assertThat(summary.taskCount()).isEqualTo(3);
            assertThat(summary.counts()).containsExactly(Map.entry(TaskState.PENDING, 3));
        }
    }

    @Test
    void transitionsAreCompareAndSetAndLogged() {
        try (Store store = SqliteStore.open(root)) {
            String uid = Fixtures.newUid();
            store.plans().save(Fixtures.plan(uid), Map.of());
            TaskStateRepository tasks = store.tasks();
            String db = "db.update@db-1";
            assertThat(tasks.transition(uid, db, TaskState.PENDING, TaskState.RUNNING, null, T0)).isTrue();
            assertThat(tasks.transition(uid, db, TaskState.PENDING, TaskState.RUNNING, null, T0)).isFalse();
            assertThat(tasks.transition(uid, db, TaskState.RUNNING, TaskState.ERROR, "exit 3", T0.plusSeconds(2)))
                    .isTrue();
            TaskStatus failed = tasks.status(uid, db).orElseThrow();
            assertThat(failed).isEqualTo(new TaskStatus(uid, db, TaskState.ERROR, 1, T0, T0.plusSeconds(2), "exit 3"));
            assertThat(tasks.transition(uid, db, TaskState.ERROR, TaskState.PENDING, "retry", T0.plusSeconds(3)))
                    .isTrue();
            assertThat(tasks.status(uid, db).orElseThrow().error()).isNull();
            assertThat(tasks.transition(uid, db, TaskState.PENDING, TaskState.RUNNING, null, T0.plusSeconds(4)))
                    .isTrue();
            assertThat(tasks.status(uid, db).orElseThrow().attempt()).isEqualTo(2);
            assertThat(tasks.status(uid, db).orElseThrow().finished()).isNull();

            List<Transition> log = tasks.transitions(uid);
            assertThat(log).extracting(Transition::to).containsExactly(TaskState.RUNNING, TaskState.ERROR,
                    TaskState.PENDING, TaskState.RUNNING);
            assertThat(log.get(1).reason()).isEqualTo("exit 3");
            assertThat(tasks.transitionsSince(uid, log.get(1).seq())).hasSize(2);
            assertThat(tasks.lastSeq(uid)).isEqualTo(log.get(3).seq());

            List<String> moved = tasks.transitionAll(uid, List.of("app.update@web-1", db),
                    EnumSet.of(TaskState.PENDING), TaskState.NOOP, "by hand", T0);
            assertThat(moved).containsExactly("app.update@web-1");
            tasks.resetTimes(uid);
            assertThat(tasks.status(uid, db).orElseThrow().attempt()).isZero();
            assertThat(tasks.status(uid, db).orElseThrow().started()).isNull();
            assertThatThrownBy(() -> tasks.statuses("no-such-plan")).isInstanceOf(UnknownPlanException.class);
        }
    }

    @Test
    void batchAppliesMovesInOrderWithCompareAndSet() {
        try (Store store = SqliteStore.open(root)) {
            String uid = Fixtures.newUid();
            store.plans().save(Fixtures.plan(uid), Map.of());
            String t = "app.update@web-2";
            List<Boolean> result = store.tasks().transitionBatch(uid, List.of(
                    new TaskStateRepository.Move(t, TaskState.PENDING, TaskState.RUNNING, null, T0),
                    new TaskStateRepository.Move(t, TaskState.PENDING, TaskState.RUNNING, null, T0),
                    new TaskStateRepository.Move(t, TaskState.RUNNING, TaskState.SUCCESS, null, T0)));
            assertThat(result).containsExactly(true, false, true);
            assertThat(store.tasks().transitions(uid)).hasSize(2);
        }
    }

    @Test
    void recordsManyTransitionsInOneBatch() {
        try (Store store = SqliteStore.open(root)) {
            String uid = Fixtures.newUid();
            store.plans().save(Fixtures.plan(uid), Map.of());
            List<TaskStateRepository.Move> moves = new ArrayList<>();
            String t = "app.update@web-2";
            for (int i = 0; i < 2_000; i++) {
                moves.add(new TaskStateRepository.Move(t, TaskState.PENDING, TaskState.RUNNING, null, T0));
                moves.add(new TaskStateRepository.Move(t, TaskState.RUNNING, TaskState.PENDING, null, T0));
            }
            assertThat(store.tasks().transitionBatch(uid, moves)).containsOnly(true);
            assertThat(store.tasks().transitions(uid)).hasSize(4_000);
            assertThat(store.tasks().status(uid, t).orElseThrow().attempt()).isEqualTo(2_000);
        }
    }

    @Test
    void outputIsKeptInOrderAndFollowable() {
        try (Store store = SqliteStore.open(root)) {
            String uid = Fixtures.newUid();
            store.plans().save(Fixtures.plan(uid), Map.of());
            OutputChunk a = new OutputChunk(uid, "db.update@db-1", 1, 1, OutputChunk.Stream.STDOUT, "hello\n");
            OutputChunk b = new OutputChunk(uid, "app.update@web-1", 1, 1, OutputChunk.Stream.STDERR, "oops\n");
            OutputChunk c = new OutputChunk(uid, "db.update@db-1", 1, 1, OutputChunk.Stream.EXIT, "0");
            store.tasks().appendOutput(a);
            store.tasks().appendOutput(b);
            store.tasks().appendOutput(c);
            assertThat(store.tasks().output(uid, "db.update@db-1")).containsExactly(a, c);
            var all = store.tasks().outputSince(uid, 0);
            assertThat(all).extracting(TaskStateRepository.NumberedOutput::chunk).containsExactly(a, b, c);
            assertThat(store.tasks().outputSince(uid, all.get(0).seq())).hasSize(2);
        }
    }

    @Test
    void runsRecordCountsWhenTheyFinish() {
        try (Store store = SqliteStore.open(root)) {
            String uid = Fixtures.newUid();
            store.plans().save(Fixtures.plan(uid), Map.of());
            long run = store.runs().start(uid, "prod", T0);
            assertThat(store.runs().find(run).orElseThrow().finished()).isNull();
            store.tasks().transition(uid, "db.update@db-1", TaskState.PENDING, TaskState.NOOP, null, T0);
            store.runs().finish(run, TaskState.ERROR, T0.plusSeconds(1));
            RunSummary summary = store.runs().find(run).orElseThrow();
            assertThat(summary).isEqualTo(new RunSummary(run, uid, "prod", T0, T0.plusSeconds(1), TaskState.ERROR,
                    Map.of(TaskState.NOOP, 1, TaskState.PENDING, 2)));
            assertThat(store.runs().ofPlan(uid)).containsExactly(summary);
            assertThat(store.runs().list(-1)).containsExactly(summary);
        }
    }

    @Test
    void oneLockPerPlanAndADeadHolderIsTakenOver() throws Exception {
        Process exited = new ProcessBuilder("true").start();
        assertThat(exited.waitFor(10, TimeUnit.SECONDS)).isTrue();
        long deadPid = exited.pid();
        long me = ProcessHandle.current().pid();
        String host = LocalHost.name();
        try (Store store = SqliteStore.open(root); Store other = SqliteStore.open(root)) {
            String uid = Fixtures.newUid();
            store.plans().save(Fixtures.plan(uid), Map.of());

            var first = store.locks().tryLock(uid, deadPid, host, T0);
            assertThat(first.acquired()).isTrue();
            assertThat(store.locks().holder(uid)).isEmpty(); // a dead holder is no holder

            var takeover = other.locks().tryLock(uid, me, host, T0.plusSeconds(1));
            assertThat(takeover.acquired()).isTrue();
            assertThat(takeover.staleHolder()).contains(new LockHolder(uid, deadPid, host, T0));
            assertThat(store.locks().holder(uid)).contains(new LockHolder(uid, me, host, T0.plusSeconds(1)));

            // a live holder (this test process) keeps it against anyone else
            var refused = store.locks().tryLock(uid, deadPid, host, T0.plusSeconds(2));
            assertThat(refused.acquired()).isFalse();
            assertThat(refused.current().pid()).isEqualTo(me);
            // a holder on another machine cannot be checked, so it is trusted
            store.locks().unlock(uid, me);
            assertThat(store.locks().tryLock(uid, deadPid, "elsewhere", T0).acquired()).isTrue();
            assertThat(other.locks().tryLock(uid, me, host, T0).acquired()).isFalse();
        }
    }

    @Test
    void releasesKeepACopyOfTheCommittedState() {
        try (Store store = SqliteStore.open(root)) {
            store.committed().put("prod", Fixtures.snapshot("db", "5432"));
            store.committed().put("prod", Fixtures.snapshot("app", "80"));
            store.committed().put("staging", Fixtures.snapshot("db", "1"));
            Release r1 = store.releases().record("prod", "uid-1", "abc123", "2 tasks", T0);
            store.committed().put("prod", Fixtures.snapshot("db", "6000"));
            store.committed().remove("prod", "app");
            Release r2 = store.releases().record("prod", "uid-2", "def456", "1 task", T0.plusSeconds(60));
            store.releases().record("staging", "uid-3", "", "", T0);

            assertThat(store.committed().atRelease(r1.id())).containsOnlyKeys("app", "db");
            assertThat(store.committed().atRelease(r1.id()).get("db").fields()).containsEntry("inputs.port", "5432");
            assertThat(store.committed().atRelease(r2.id())).containsOnlyKeys("db");
            assertThat(store.releases().list("prod")).containsExactly(r2, r1);
            assertThat(store.releases().list(null)).hasSize(3);
            assertThat(store.releases().find(r1.id())).contains(r1);
            assertThatThrownBy(() -> store.committed().atRelease(999)).hasMessageContaining("no release 999");
        }
    }

    @Test
    void jobCacheRemembersSuccessesPerHostAndFingerprint() {
        try (Store store = SqliteStore.open(root)) {
            assertThat(store.jobCache().succeeded("web-1", "abc123def456")).isFalse();
            store.jobCache().recordSuccess("web-1", "abc123def456", "uid", T0);
            assertThat(store.jobCache().succeeded("web-1", "abc123def456")).isTrue();
            assertThat(store.jobCache().succeeded("web-2", "abc123def456")).isFalse();
        }
    }

    @Test
    void isSafeToUseFromManyThreads() throws Exception {
        try (Store store = SqliteStore.open(root)) {
            String uid = Fixtures.newUid();
            store.plans().save(Fixtures.plan(uid), Map.of());
            List<Thread> threads = new ArrayList<>();
            List<Boolean> wins = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int i = 0; i < 8; i++) {
                Thread t = new Thread(() -> wins.add(store.tasks()
                        .transition(uid, "db.update@db-1", TaskState.PENDING, TaskState.RUNNING, null, Instant.now())));
                t.start();
                threads.add(t);
            }
            for (Thread t : threads) {
                t.join(10_000);
            }
            assertThat(wins).hasSize(8).containsOnlyOnce(true);
        }
    }

    @Test
    void twoStoresWritingAtOnceWaitForEachOtherInsteadOfFailing() throws Exception {
        try (Store a = SqliteStore.open(root); Store b = SqliteStore.open(root)) {
            List<Thread> threads = new ArrayList<>();
            List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int i = 0; i < 4; i++) {
                Store store = i % 2 == 0 ? a : b;
                String prefix = "r" + i + "-";
                Thread t = new Thread(() -> {
                    try {
                        for (int n = 0; n < 40; n++) {
                            store.changes().stage(Fixtures.change(prefix + n, "run"));
                            store.changes().staged();
                        }
                    } catch (Throwable e) {
                        failures.add(e);
                    }
                });
                t.start();
                threads.add(t);
            }
            for (Thread t : threads) {
                t.join(120_000);
            }
            assertThat(failures).isEmpty();
            assertThat(a.changes().staged()).hasSize(160);
        }
    }

    private String fileText() throws Exception {
        StringBuilder all = new StringBuilder();
        for (Path p : Files.list(root.resolve(".orrery")).toList()) {
            all.append(new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
        }
        return all.toString();
    }
}
