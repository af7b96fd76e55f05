package dev.orrery.load;

import java.util.List;

/** An edit that was refused; nothing was written. The message is a sentence to show as it is. */
public final class WaitForEditException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why the edit was refused. */
    public enum Reason {
        /** The edit would close a dependency cycle; {@link #cycle()} holds it and the message is {@code a → b → a}. */
        CYCLE,
        /** The file changed on disk since the workspace was loaded: reload it and try again. */
        CHANGED_ON_DISK,
        /** A name is not a resource or component (or not a job, for reordering) of the workspace. */
        UNKNOWN_NAME,
        /** The edit makes no sense as asked (already waiting, not waiting, jobs of different entries...). */
        INVALID,
        /** The file is written in a shape this editor cannot change safely; edit it by hand. */
        NOT_EDITABLE,
        /** Reading or writing the file failed. */
        IO
    }

    private final Reason reason;
    private final List<String> cycle;

    WaitForEditException(Reason reason, String message) {
        this(reason, message, List.of(), null);
    }

    WaitForEditException(Reason reason, String message, List<String> cycle, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.cycle = List.copyOf(cycle);
    }

    /** A refusal because the edit would close {@code cycle} ({@code [a, b, ..., a]}), found by whoever checked. */
    public static WaitForEditException cycle(List<String> cycle) {
        return new WaitForEditException(Reason.CYCLE, String.join(" → ", cycle), cycle, null);
    }

    public Reason reason() {
        return reason;
    }

    /** The names of the cycle, first repeated last ({@code [a, b, a]}); empty unless {@link Reason#CYCLE}. */
    public List<String> cycle() {
        return cycle;
    }
}
