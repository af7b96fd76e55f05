package dev.orrery.transport;

import dev.orrery.model.Host;
import dev.orrery.model.SourceRef;

import java.util.Set;

/** Inventory hosts for transport tests. */
final class Hosts {
    private Hosts() {
    }

    static Host sandbox(String name) {
        return new Host(name, null, 0, null, null, null, Set.of(), true, false, SourceRef.NONE);
    }

    static Host local(String name) {
        return new Host(name, null, 0, null, null, null, Set.of(), false, true, SourceRef.NONE);
    }

    static Host ssh(String name, String address, int port, String user, String identityFile, String knownHosts) {
        return new Host(name, address, port, user, identityFile, knownHosts, Set.of(), false, false, SourceRef.NONE);
    }
}
