package dev.orrery.transport;

import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.config.hosts.KnownHostHashValue;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One OpenSSH known_hosts file: looks a host up (plain, {@code [host]:port}, patterns and hashed
 * {@code |1|salt|hash} entries, {@code @revoked} markers) and appends accepted keys. Reads the file on every
 * check so edits made meanwhile count. Thread-safe: appends to one file are serialised in this process.
 */
final class KnownHosts {
    private static final Map<Path, Object> FILE_LOCKS = new ConcurrentHashMap<>();

    /** What the file says about a presented key. */
    sealed interface Verdict permits Known, Unknown, Changed, Revoked {
    }

    record Known(int line) implements Verdict {
    }

    /** @param otherTypes keys of other types recorded for the host, e.g. {@code ECDSA at line 4} */
    record Unknown(List<String> otherTypes) implements Verdict {
    }

    /** @param lines line numbers (1-based) holding a different key of the same type for the host */
    record Changed(List<Integer> lines, String recordedFingerprint) implements Verdict {
    }

    record Revoked(int line) implements Verdict {
    }

    private final Path file;

    KnownHosts(Path file) {
        this.file = file.toAbsolutePath().normalize();
    }

    Path file() {
        return file;
    }

    Verdict check(String host, int port, PublicKey presented) throws IOException {
        if (!Files.isRegularFile(file)) {
            return new Unknown(List.of());
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String presentedType = KeyUtils.getKeyType(presented);
        Integer knownLine = null;
        List<Integer> changed = new ArrayList<>();
        String recordedFingerprint = null;
        List<String> otherTypes = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            KnownHostEntry entry = parse(lines.get(i));
            if (entry == null || !entry.isHostMatch(host, port)) {
                continue;
            }
            PublicKey recorded = keyOf(entry.getKeyEntry());
            if (recorded == null) {
                continue;
            }
            boolean same = KeyUtils.compareKeys(recorded, presented);
            String marker = entry.getMarker();
            if ("revoked".equals(marker)) {
                if (same) {
                    return new Revoked(i + 1);
                }
                continue;
            }
            if (marker != null) {
                continue; // @cert-authority: certificates are not used here
            }
            if (same) {
                knownLine = knownLine == null ? i + 1 : knownLine;
            } else if (KeyUtils.getKeyType(recorded).equals(presentedType)) {
                changed.add(i + 1);
                recordedFingerprint = KeyUtils.getFingerPrint(recorded);
            } else {
                otherTypes.add(displayType(recorded) + " at line " + (i + 1));
            }
        }
        if (knownLine != null) {
            return new Known(knownLine);
        }
        if (!changed.isEmpty()) {
            return new Changed(Collections.unmodifiableList(changed), recordedFingerprint);
        }
        return new Unknown(List.copyOf(otherTypes));
    }

    /** Key types ({@code ssh-ed25519}, {@code ssh-rsa}, ...) recorded for the host, in file order. */
    java.util.Set<String> knownTypes(String host, int port) throws IOException {
        java.util.Set<String> types = new java.util.LinkedHashSet<>();
        if (!Files.isRegularFile(file)) {
            return types;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            KnownHostEntry entry = parse(line);
            if (entry != null && entry.getMarker() == null && entry.isHostMatch(host, port)) {
                PublicKey key = keyOf(entry.getKeyEntry());
                if (key != null) {
                    types.add(KeyUtils.getKeyType(key));
                }
            }
        }
        return types;
    }

    /** Appends {@code host key} ({@code [host]:port key} when the port is not 22), creating the file. */
    void append(String host, int port, PublicKey key) throws IOException {
        String line = KnownHostHashValue.createHostPattern(host, port) + " " + PublicKeyEntry.toString(key);
        synchronized (FILE_LOCKS.computeIfAbsent(file, f -> new Object())) {
            List<String> lines = Files.isRegularFile(file)
                    ? new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8)) : new ArrayList<>();
            lines.add(line);
            writeAtomically(lines);
        }
    }

    /** Removes every line recorded for {@code host} (exact pattern), then appends {@code key}. */
    void replace(String host, int port, PublicKey key) throws IOException {
        synchronized (FILE_LOCKS.computeIfAbsent(file, f -> new Object())) {
            if (Files.isRegularFile(file)) {
                List<String> kept = new ArrayList<>();
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    KnownHostEntry entry = parse(line);
                    if (entry == null || !entry.isHostMatch(host, port)) {
                        kept.add(line);
                    }
                }
                writeAtomically(kept);
            }
            append(host, port, key);
        }
    }

    /**
     * Writes the whole file through a temporary file and an atomic rename: {@link #check} runs without the
     * lock (other hosts connect while a sandbox records its key), so it must never see a half-written file.
     */
    private void writeAtomically(List<String> lines) throws IOException {
        Files.createDirectories(file.getParent());
        Path temporary = Files.createTempFile(file.getParent(), ".known_hosts", ".tmp");
        try {
            Files.write(temporary, lines, StandardCharsets.UTF_8);
            Files.move(temporary, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** {@code ED25519}, {@code ECDSA}, {@code RSA}: the way OpenSSH names key types in its messages. */
    static String displayType(PublicKey key) {
        String type = KeyUtils.getKeyType(key);
        if (type == null) {
            return key.getAlgorithm();
        }
        if (type.contains("ed25519")) {
            return "ED25519";
        }
        if (type.startsWith("ecdsa")) {
            return "ECDSA";
        }
        if (type.contains("rsa")) {
            return "RSA";
        }
        return type;
    }

    private static KnownHostEntry parse(String line) {
        String trimmed = line.trim();
        if (trimmed.isEmpty() || trimmed.startsWith("#")) {
            return null;
        }
        try {
            return KnownHostEntry.parseKnownHostEntry(trimmed);
        } catch (RuntimeException e) {
            return null; // a line OpenSSH would also skip
        }
    }

    private static PublicKey keyOf(AuthorizedKeyEntry entry) {
        if (entry == null) {
            return null;
        }
        try {
            return entry.resolvePublicKey(null, Map.of(), PublicKeyEntryResolver.IGNORING);
        } catch (IOException | java.security.GeneralSecurityException | RuntimeException e) {
            return null;
        }
    }
}
