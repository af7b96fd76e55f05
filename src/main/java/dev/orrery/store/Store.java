package dev.orrery.store;

/**
 * The workspace's history: one SQLite file ({@code <workspace>/.orrery/history.db}, WAL, versioned schema).
 * Several processes may open the same store at once (a GUI and a CLI run); every method is one short
 * transaction, so each sees the others' writes. Implementations are thread-safe.
 * Open it with {@code SqliteStore.open(workspaceRoot)}.
 */
public interface Store extends AutoCloseable {
    ChangeRepository changes();

    CommittedStateRepository committed();

    PlanRepository plans();

    TaskStateRepository tasks();

    RunRepository runs();

    LockRepository locks();

    ReleaseRepository releases();

    JobCacheRepository jobCache();

    @Override
    void close();
}
