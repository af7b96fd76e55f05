package dev.orrery.transport;

/** A step could not run or finish on its host; the message is readable ("host web-1 unreachable: ..."). */
public class TransportException extends Exception {
    public TransportException(String message) {
        super(message);
    }

    public TransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
