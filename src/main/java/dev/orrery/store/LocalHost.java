package dev.orrery.store;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** This machine's host name, as recorded in plan locks. */
public final class LocalHost {
    private static final String NAME = resolve();

    private LocalHost() {
    }

    /** The host name (falls back to $HOSTNAME, then "localhost"); constant for the life of the process. */
    public static String name() {
        return NAME;
    }

    private static String resolve() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String env = System.getenv("HOSTNAME");
            return env == null || env.isBlank() ? "localhost" : env;
        }
    }
}
