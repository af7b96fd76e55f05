package dev.orrery.run;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** This process as a plan lock names it: pid and host name. */
final class ProcessIdentity {
    private static final String HOSTNAME = lookUpHostname();

    private ProcessIdentity() {
    }

    static long pid() {
        return ProcessHandle.current().pid();
    }

    static String hostname() {
        return HOSTNAME;
    }

    private static String lookUpHostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            String env = System.getenv("HOSTNAME");
            return env == null || env.isBlank() ? "localhost" : env;
        }
    }
}
