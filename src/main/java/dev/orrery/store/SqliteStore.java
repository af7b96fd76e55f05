package dev.orrery.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The SQLite history of a workspace: {@code <workspace>/.orrery/history.db} (WAL, busy timeout, foreign keys,
 * numbered migrations). Several processes may open the same file at once; every repository method is one
 * short transaction, so each process sees the others' committed writes on its next call.
 * Thread-safe: the threads of one process share one connection, one transaction at a time.
 * Open it only when a command needs history ({@code validate} never does): opening creates the folder.
 */
public final class SqliteStore implements Store {
    /** Folder inside the workspace that holds the history and the sandbox hosts. */
    public static final String FOLDER = ".orrery";
    public static final String FILE = "history.db";

    private final Db db;
    private final SecretBox secrets;
    private final Map<String, Long> planIds = new ConcurrentHashMap<>();
    private final ChangeRepository changes;
    private final CommittedStateRepository committed;
    private final PlanRepository plans;
    private final TaskStateRepository tasks;
    private final RunRepository runs;
    private final LockRepository locks;
    private final ReleaseRepository releases;
    private final JobCacheRepository jobCache;

    private SqliteStore(Path file) {
        this.db = new Db(file);
        try {
            Migrations.apply(db);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
        this.secrets = new SecretBox(file.resolveSibling("history.key"));
        this.changes = new SqlChangeRepository(db);
        this.committed = new SqlCommittedStateRepository(db);
        this.plans = new SqlPlanRepository(this);
        this.tasks = new SqlTaskStateRepository(this);
        this.runs = new SqlRunRepository(this);
        this.locks = new SqlLockRepository(this);
        this.releases = new SqlReleaseRepository(db);
        this.jobCache = new SqlJobCacheRepository(db);
    }

    /** Opens (creating if needed) the history of the workspace at {@code workspaceRoot}. */
    public static SqliteStore open(Path workspaceRoot) {
        Path folder = workspaceRoot.resolve(FOLDER);
        Path file = folder.resolve(FILE);
        try {
            PrivateFiles.folder(folder);
            // SQLite gives the -wal and -shm files the mode of the database file: create it private first
            PrivateFiles.file(file);
            for (String suffix : List.of("-wal", "-shm")) {
                PrivateFiles.restrictIfExists(file.resolveSibling(FILE + suffix));
            }
        } catch (IOException e) {
            throw new StoreException("cannot create " + folder + " for the history file: " + e.getMessage(), e);
        }
        return new SqliteStore(file);
    }

    /** The history file. */
    public Path file() {
        return db.file();
    }

    /** The schema version of the file (the number of the last migration applied). */
    public int schemaVersion() {
        return db.read("read the schema version", Migrations::current);
    }

    Db db() {
        return db;
    }

    SecretBox secrets() {
        return secrets;
    }

    /** The internal id of a plan; plans are never renumbered, so ids are cached. Call inside a transaction. */
    long planId(Db d, String uid) throws SQLException {
        Long cached = planIds.get(uid);
        if (cached != null) {
            return cached;
        }
        var ps = d.prepare("SELECT id FROM plans WHERE uid = ?");
        ps.setString(1, uid);
        try (ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new UnknownPlanException("no plan with uid " + uid + " in " + db.file());
            }
            long id = rs.getLong(1);
            planIds.put(uid, id);
            return id;
        }
    }

    @Override
    public ChangeRepository changes() {
        return changes;
    }

    @Override
    public CommittedStateRepository committed() {
        return committed;
    }

    @Override
    public PlanRepository plans() {
        return plans;
    }

    @Override
    public TaskStateRepository tasks() {
        return tasks;
    }

    @Override
    public RunRepository runs() {
        return runs;
    }

    @Override
    public LockRepository locks() {
        return locks;
    }

    @Override
    public ReleaseRepository releases() {
        return releases;
    }

    @Override
    public JobCacheRepository jobCache() {
        return jobCache;
    }

    @Override
    public void close() {
        db.close();
    }
}
