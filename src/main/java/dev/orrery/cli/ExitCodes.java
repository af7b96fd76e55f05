package dev.orrery.cli;

/** The process exit codes of every verb. */
public final class ExitCodes {
    /** The verb did what was asked. */
    public static final int OK = 0;
    /** Something went wrong while doing it (a failed run, an unreachable host, an unreadable file). */
    public static final int ERROR = 1;
    /** The command line or the workspace is invalid; also {@code changes stage --detailed-exitcode} with changes. */
    public static final int INVALID = 2;

    private ExitCodes() {
    }
}
