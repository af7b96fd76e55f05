package dev.orrery.store;

import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One SQLite connection shared by the repositories of a store, used by one thread at a time.
 * Every unit of work is one transaction: writes start with {@code BEGIN IMMEDIATE} so two processes never
 * deadlock upgrading a read lock, and wait up to {@link #BUSY_TIMEOUT_MS} for each other.
 * Thread-safe: a fair lock serialises this process's threads; other processes are serialised by SQLite.
 *
 * <p>Storage faults are named: a full disk (SQLITE_FULL) says "disk full" and the file. A history file that is
 * deleted or replaced while it is open would go on taking commits into an unlinked file, so every write checks
 * first and after its commit that the path still names the file this connection opened (its file key: device
 * and inode), and fails otherwise: nothing is reported as recorded that is not in the file at the path.
 */
final class Db implements AutoCloseable {
    /** How long a writer waits for another process's transaction before failing. */
    static final int BUSY_TIMEOUT_MS = 15_000;

    private final Path file;
    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private final Checkpointer checkpointer;
    private final boolean readOnly;
    private Object identity;
    private boolean closed;

    /** Work done inside a transaction. */
    @FunctionalInterface
    interface Work<T> {
        T run(Db db) throws SQLException;
    }

    Db(Path file) {
        this.file = file;
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.enforceForeignKeys(true);
        Connection opened;
        boolean readOnly = false;
        try {
            opened = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
            try (Statement s = opened.createStatement()) {
                s.execute("PRAGMA wal_autocheckpoint = " + Checkpointer.INLINE_LIMIT_PAGES);
            }
        } catch (SQLException e) {
            opened = readOnlyOnFullDisk(file, e);
            readOnly = true;
        }
        connection = opened;
        this.readOnly = readOnly;
        identity = identityOf(file);
        checkpointer = new Checkpointer(file);
    }

    /**
     * A disk so full that SQLite cannot even make the shared-memory index of the log still lets the history be
     * read: when no log is pending (no other process has the file open), the database file alone is the whole
     * history, and SQLite reads it as an immutable file without that index. Writes then fail as "disk full".
     */
    private static Connection readOnlyOnFullDisk(Path file, SQLException openFailure) {
        Path wal = file.resolveSibling(file.getFileName() + "-wal");
        boolean noPendingLog;
        try {
            noPendingLog = !Files.exists(wal) || Files.size(wal) == 0;
        } catch (IOException e) {
            noPendingLog = false;
        }
        String message = String.valueOf(openFailure.getMessage());
        if (!noPendingLog || !(isDiskFull(openFailure) || message.contains("SQLITE_IOERR_SHMSIZE")
                || message.contains("SQLITE_IOERR_WRITE") || message.contains("SQLITE_IOERR_TRUNCATE"))) {
            throw new StoreException("cannot open history file " + file + ": " + message, openFailure);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setOpenMode(org.sqlite.SQLiteOpenMode.OPEN_URI);
        try {
            return config.createConnection("jdbc:sqlite:" + file.toAbsolutePath().toUri() + "?immutable=1");
        } catch (SQLException e) {
            StoreException failure = new StoreException("disk full: cannot open history file " + file + " ("
                    + message + ")", openFailure);
            failure.addSuppressed(e);
            throw failure;
        }
    }

    /** True when the disk was too full to open the file for writing: it is read as it is, and writes fail. */
    boolean readOnly() {
        return readOnly;
    }

    Path file() {
        return file;
    }

    /** Runs {@code work} in a write transaction (BEGIN IMMEDIATE ... COMMIT), rolled back on failure. */
    <T> T write(String what, Work<T> work) {
        if (readOnly) {
            throw new StoreException("disk full: cannot " + what + " in history file " + file
                    + "; free some space, then retry");
        }
        T result = inTransaction("BEGIN IMMEDIATE", what, work);
        checkpointer.afterCommit();
        return result;
    }

    /** Waits for a background checkpoint of the log (see {@link Checkpointer}) to finish. */
    void awaitCheckpoint() {
        checkpointer.awaitIdle();
    }

    /** Runs {@code work} in a read transaction, so every query in it sees one consistent snapshot. */
    <T> T read(String what, Work<T> work) {
        return inTransaction("BEGIN DEFERRED", what, work);
    }

    private <T> T inTransaction(String begin, String what, Work<T> work) {
        lock.lock();
        try {
            if (closed) {
                throw new StoreException("history file " + file + " is closed; cannot " + what);
            }
            boolean writing = begin.equals("BEGIN IMMEDIATE");
            if (writing) {
                checkIdentity(what);
            }
            prepare(begin).execute();
            boolean committed = false;
            try {
                T result = work.run(this);
                prepare("COMMIT").execute();
                committed = true;
                if (writing) {
                    checkIdentity(what);
                }
                return result;
            } finally {
                if (!committed) {
                    rollbackQuietly();
                }
            }
        } catch (SQLException e) {
            forgetStatements();
            throw failure(what, e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * After an error (SQLITE_FULL above all) sqlite-jdbc may have finalised a cached statement, and every later
     * use of it would fail with "statement is not executing": prepare afresh instead.
     */
    private void forgetStatements() {
        for (PreparedStatement ps : statements.values()) {
            try {
                ps.close();
            } catch (SQLException ignored) {
                // it is being dropped
            }
        }
        statements.clear();
    }

    private StoreException failure(String what, SQLException e) {
        if (isDiskFull(e)) {
            return new StoreException("disk full: cannot " + what + " in history file " + file
                    + "; free some space, then retry", e);
        }
        return new StoreException("cannot " + what + " in " + file + ": " + e.getMessage(), e);
    }

    /** SQLITE_FULL (13, also for {@code max_page_count}); sqlite-jdbc sometimes only keeps it in the text. */
    static boolean isDiskFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException s && s.getResultCode() == SQLiteErrorCode.SQLITE_FULL) {
                return true;
            }
            if (t instanceof SQLException s && (s.getErrorCode() & 0xff) == SQLiteErrorCode.SQLITE_FULL.code) {
                return true;
            }
            String message = t.getMessage();
            if (message != null && (message.contains("SQLITE_FULL") || message.contains("database or disk is full"))) {
                return true;
            }
        }
        return false;
    }

    /** The file's key (device and inode on Unix); null where the file system has none. */
    private static Object identityOf(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    private void checkIdentity(String what) {
        if (identity == null) {
            identity = identityOf(file);
            return;
        }
        Object now;
        try {
            now = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (NoSuchFileException e) {
            throw new StoreException("history file " + file + " was deleted during the run; stopping (cannot "
                    + what + ")");
        } catch (IOException e) {
            throw new StoreException("cannot check history file " + file + ": " + e.getMessage() + " (cannot "
                    + what + ")", e);
        }
        if (!identity.equals(now)) {
            throw new StoreException("history file " + file + " was replaced during the run; stopping (cannot "
                    + what + ")");
        }
    }

    private void rollbackQuietly() {
        try (Statement s = connection.createStatement()) {
            s.execute("ROLLBACK");
        } catch (SQLException ignored) {
            // Nothing was committed, and SQLite already rolled back if the transaction was aborted.
        }
    }

    /** A prepared statement cached for the life of the connection; only call inside {@link #write}/{@link #read}. */
    PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement ps = statements.get(sql);
        if (ps == null) {
            ps = connection.prepareStatement(sql);
            statements.put(sql, ps);
        }
        ps.clearParameters();
        return ps;
    }

    /** Binds {@code values} as text at {@code first}, {@code first + 1}, ... (values encoded ahead of a batch). */
    static void bind(PreparedStatement ps, int first, String[] values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            ps.setString(first + i, values[i]);
        }
    }

    /** Executes a statement that is not worth caching (DDL, migrations). */
    void execute(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    /** The rowid the last INSERT produced on this connection. */
    long lastId() throws SQLException {
        try (var rs = prepare("SELECT last_insert_rowid()").executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            checkpointer.close();
            for (PreparedStatement ps : statements.values()) {
                try {
                    ps.close();
                } catch (SQLException ignored) {
                    // closing anyway
                }
            }
            connection.close();
        } catch (SQLException e) {
            throw new StoreException("cannot close history file " + file + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }
}
