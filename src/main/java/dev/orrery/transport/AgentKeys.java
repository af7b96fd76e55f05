package dev.orrery.transport;

import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which keys a login offers, and in which order, as OpenSSH's ssh(1) does it: first the agent's keys that are also
 * named as identity files, in the order the files are named; then the agent's other keys (not with
 * {@code IdentitiesOnly yes}); then the named files the agent does not hold, which are read from disk (and may
 * ask for a passphrase). A file's public half is read from {@code FILE.pub}, so a key the agent holds never
 * asks for its passphrase.
 *
 * @param agent       the agent's socket (null: no agent)
 * @param agentOrder  the agent keys to offer, in order
 * @param filesToLoad identity files to read and offer after the agent's keys
 * @param note        what happened with the agent, for "authentication failed ... with keys [...]"
 */
record AgentKeys(Path agent, List<PublicKey> agentOrder, List<Path> filesToLoad, String note) {
    AgentKeys {
        agentOrder = List.copyOf(agentOrder);
        filesToLoad = List.copyOf(filesToLoad);
    }

    static AgentKeys plan(Path agent, List<Path> identityFiles, boolean identitiesOnly) {
        if (agent == null) {
            return new AgentKeys(null, List.of(), identityFiles, null);
        }
        List<PublicKey> held = new ArrayList<>();
        try (AgentSocket socket = AgentSocket.connect(agent, null)) {
            socket.allIdentities().stream().map(Map.Entry::getKey).forEach(held::add);
        } catch (IOException e) {
            return new AgentKeys(null, List.of(), identityFiles, "agent " + agent + " (not reachable: "
                    + e.getMessage() + ")");
        }
        List<PublicKey> order = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        for (Path file : identityFiles) {
            PublicKey pub = publicHalf(file);
            PublicKey inAgent = pub == null ? null : held.stream().filter(k -> same(k, pub)).findFirst().orElse(null);
            if (inAgent != null) {
                order.add(inAgent);
            } else {
                files.add(file);
            }
        }
        if (!identitiesOnly) {
            held.stream().filter(k -> order.stream().noneMatch(o -> same(o, k))).forEach(order::add);
        }
        return new AgentKeys(agent, order, files, "agent " + agent + " (" + held.size() + " keys, " + order.size()
                + " offered)");
    }

    static boolean same(PublicKey a, PublicKey b) {
        return KeyUtils.compareKeys(a, b);
    }

    /** The public key in {@code FILE.pub}, or null when there is none or it cannot be read. */
    static PublicKey publicHalf(Path privateKeyFile) {
        Path pub = privateKeyFile.resolveSibling(privateKeyFile.getFileName() + ".pub");
        if (!Files.isRegularFile(pub)) {
            return null;
        }
        try {
            List<AuthorizedKeyEntry> entries = AuthorizedKeyEntry.readAuthorizedKeys(pub);
            return entries.isEmpty() ? null
                    : entries.get(0).resolvePublicKey(null, null, PublicKeyEntryResolver.IGNORING);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return null;
        }
    }
}
