package dev.orrery.stage;

/** A staging, processing or rollback request that cannot be done; the message says why and what to do. */
public class StageException extends RuntimeException {
    public StageException(String message) {
        super(message);
    }
}
