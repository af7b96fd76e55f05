package dev.orrery.run;

import dev.orrery.store.LocalHost;

/** This process as a plan lock names it: pid and host name (the store's notion, so it can tell who died). */
final class ProcessIdentity {
    private ProcessIdentity() {
    }

    static long pid() {
        return ProcessHandle.current().pid();
    }

    static String hostname() {
        return LocalHost.name();
    }
}
