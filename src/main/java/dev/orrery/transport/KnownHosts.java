package dev.orrery.transport;

import org.apache.sshd.client.config.hosts.KnownHostHashValue;
import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One OpenSSH known_hosts file, read the way OpenSSH reads it: host fields are matched by {@link HostPatterns}
 * (plain names, {@code [host]:port}, {@code *}/{@code ?} globs, {@code !negations}, comma lists, hashed
 * {@code |1|} entries); {@code @revoked} keys are refused for every host the line names; {@code @cert-authority}
 * lines are certificate authorities, never host keys, so they are skipped. Reads the file on every check so
 * edits made meanwhile count. Thread-safe: appends to one file are serialised in this process.
 */
final class KnownHosts {
    private static final Map<Path, Object> FILE_LOCKS = new ConcurrentHashMap<>();

    /** What the file says about a presented key. */
    sealed interface Verdict permits Known, Certified, Unknown, Changed, Revoked {
    }

    record Known(int line) implements Verdict {
    }

    /** A host certificate (already checked by MINA) whose CA a {@code @cert-authority} line trusts for the host. */
    record Certified(int line) implements Verdict {
    }

    /** Nothing is recorded for the host (lines for other hosts, negated or revoked lines do not count). */
    record Unknown() implements Verdict {
    }

    /**
     * The host has recorded keys and the presented one is none of them. As in OpenSSH, this covers a different
     * key of the same type and a key of a type the file does not list for a host it lists other types for.
     *
     * @param lines    line numbers (1-based) holding the keys recorded for the host
     * @param recorded {@code ED25519 key SHA256:...} for each of those lines
     * @param sameType whether a recorded key has the presented key's type
     */
    record Changed(List<Integer> lines, List<String> recorded, boolean sameType) implements Verdict {
    }

    record Revoked(int line) implements Verdict {
    }

    /** One usable line: its number, marker ({@code null}, {@code revoked} or {@code cert-authority}), hosts, key. */
    private record Entry(int line, String marker, String hosts, PublicKey key) {
        boolean names(String lookupName) {
            return HostPatterns.match(lookupName, hosts) == HostPatterns.Match.YES;
        }
    }

    private final Path file;

    KnownHosts(Path file) {
        this.file = file.toAbsolutePath().normalize();
    }

    Path file() {
        return file;
    }

    /**
     * Like OpenSSH, a host on another port than 22 is looked up as {@code [host]:port}; when that finds nothing,
     * a key recorded for the bare {@code host} still counts (OpenSSH's "checking without port identifier"). Only
     * a known or revoked key counts there: a different key under the bare name leaves the host unknown, as in
     * OpenSSH. Unlike OpenSSH, which only warns about a key revoked under the bare name, that key is refused.
     */
    Verdict check(String host, int port, PublicKey presented) throws IOException {
        List<Entry> entries = entries();
        Verdict verdict = check(entries, HostPatterns.lookupName(host, port), presented);
        if (verdict instanceof Revoked || HostPatterns.lookupName(host, port).equals(HostPatterns.lookupName(host, 22))) {
            return verdict;
        }
        Verdict withoutPort = check(entries, HostPatterns.lookupName(host, 22), presented);
        if (withoutPort instanceof Revoked || (verdict instanceof Unknown && withoutPort instanceof Known)) {
            return withoutPort;
        }
        return verdict;
    }

    private static Verdict check(List<Entry> entries, String name, PublicKey presented) {
        String presentedType = KeyUtils.getKeyType(presented);
        Integer knownLine = null;
        List<Integer> lines = new ArrayList<>();
        List<String> recorded = new ArrayList<>();
        boolean sameType = false;
        for (Entry entry : entries) {
            if (!entry.names(name)) {
                continue;
            }
            boolean same = KeyUtils.compareKeys(entry.key(), presented);
            if ("revoked".equals(entry.marker())) {
                if (same) {
                    return new Revoked(entry.line()); // wins over a plain line for the same key, as in OpenSSH
                }
                continue;
            }
            if (entry.marker() != null) {
                continue; // @cert-authority: signs host certificates, is not itself a host key
            }
            if (same) {
                knownLine = knownLine == null ? entry.line() : knownLine;
                continue;
            }
            lines.add(entry.line());
            recorded.add(displayType(entry.key()) + " key " + KeyUtils.getFingerPrint(entry.key()));
            sameType |= KeyUtils.getKeyType(entry.key()).equals(presentedType);
        }
        if (knownLine != null) {
            return new Known(knownLine);
        }
        if (!lines.isEmpty()) {
            return new Changed(List.copyOf(lines), List.copyOf(recorded), sameType);
        }
        return new Unknown();
    }

    /** Key types ({@code ssh-ed25519}, {@code ssh-rsa}, ...) recorded for the host, in file order. */
    Set<String> knownTypes(String host, int port) throws IOException {
        String name = HostPatterns.lookupName(host, port);
        Set<String> types = new LinkedHashSet<>();
        for (Entry entry : entries()) {
            if (entry.marker() == null && entry.names(name)) {
                types.add(KeyUtils.getKeyType(entry.key()));
            }
        }
        return types;
    }

    /**
     * A host certificate: trusted when a {@code @cert-authority} line for the host holds its CA's key, refused
     * when the CA or the certified key is {@code @revoked}, unknown otherwise.
     */
    Verdict checkCertificate(String host, int port, OpenSshCertificate certificate) throws IOException {
        String name = HostPatterns.lookupName(host, port);
        String bare = HostPatterns.lookupName(host, 22);
        Integer trusted = null;
        for (Entry entry : entries()) {
            boolean names = entry.names(name) || entry.names(bare);
            if ("revoked".equals(entry.marker()) && names && (KeyUtils.compareKeys(entry.key(), certificate.getCaPubKey())
                    || KeyUtils.compareKeys(entry.key(), certificate.getCertPubKey()))) {
                return new Revoked(entry.line());
            }
            if ("cert-authority".equals(entry.marker()) && names && trusted == null
                    && KeyUtils.compareKeys(entry.key(), certificate.getCaPubKey())) {
                trusted = entry.line();
            }
        }
        return trusted != null ? new Certified(trusted) : new Unknown();
    }

    /** Whether a {@code @cert-authority} line names the host: then its host certificates are worth asking for. */
    boolean hasCertificateAuthority(String host, int port) throws IOException {
        String name = HostPatterns.lookupName(host, port);
        String bare = HostPatterns.lookupName(host, 22);
        for (Entry entry : entries()) {
            if ("cert-authority".equals(entry.marker()) && (entry.names(name) || entry.names(bare))) {
                return true;
            }
        }
        return false;
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

    /** Removes every plain line that names {@code host}, then appends {@code key}. */
    void replace(String host, int port, PublicKey key) throws IOException {
        synchronized (FILE_LOCKS.computeIfAbsent(file, f -> new Object())) {
            if (Files.isRegularFile(file)) {
                List<String> kept = new ArrayList<>();
                String name = HostPatterns.lookupName(host, port);
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    Entry entry = parse(0, line);
                    if (entry == null || entry.marker() != null || !entry.names(name)) {
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

    private List<Entry> entries() throws IOException {
        List<Entry> entries = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return entries;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            Entry entry = parse(i + 1, lines.get(i));
            if (entry != null) {
                entries.add(entry);
            }
        }
        return entries;
    }

    /** {@code [@marker] hosts keytype base64 [comment]}; null for comments and lines OpenSSH would skip too. */
    private static Entry parse(int number, String line) {
        String rest = line.strip();
        if (rest.isEmpty() || rest.startsWith("#")) {
            return null;
        }
        String marker = null;
        if (rest.startsWith("@")) {
            String[] split = rest.split("\\s+", 2);
            marker = split[0].substring(1);
            if (split.length < 2 || !(marker.equals("revoked") || marker.equals("cert-authority"))) {
                return null; // an unknown marker: OpenSSH ignores the line
            }
            rest = split[1];
        }
        String[] split = rest.split("\\s+", 2);
        if (split.length < 2) {
            return null;
        }
        PublicKey key = keyOf(split[1]);
        return key == null ? null : new Entry(number, marker, split[0], key);
    }

    private static PublicKey keyOf(String keyText) {
        try {
            AuthorizedKeyEntry entry = AuthorizedKeyEntry.parseAuthorizedKeyEntry(keyText);
            return entry == null ? null : entry.resolvePublicKey(null, Map.of(), PublicKeyEntryResolver.IGNORING);
        } catch (IOException | java.security.GeneralSecurityException | RuntimeException e) {
            return null;
        }
    }
}
