package dev.orrery.cli;

/** A command line that parses but asks for something impossible; reported as one line, exit code 2. */
public class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
