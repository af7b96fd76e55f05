package dev.orrery.transport;

import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.session.SessionContext;
import org.apache.sshd.common.util.security.SecurityUtils;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Loads private key files (OpenSSH or PEM; ed25519, ECDSA, RSA) for authentication. An encrypted key asks the
 * {@link PassphraseProvider} (up to three tries); the passphrase is wiped right after decoding and never
 * kept. Decoded keys stay in memory for the pool's lifetime (keyed by file and modification time) so a
 * reconnect does not ask again. Thread-safe.
 */
final class IdentityKeys {
    private static final int PASSPHRASE_TRIES = 3;

    /** One key file and what became of it, for "authentication failed ... with keys [..]". */
    record Loaded(Path file, List<KeyPair> keys, String description) {
    }

    private record CacheKey(Path file, FileTime modified) {
    }

    private final PassphraseProvider passphrases;
    private final Map<CacheKey, Loaded> cache = new ConcurrentHashMap<>();

    IdentityKeys(PassphraseProvider passphrases) {
        this.passphrases = passphrases;
    }

    List<Loaded> load(List<Path> files) {
        List<Loaded> loaded = new ArrayList<>();
        for (Path file : files) {
            loaded.add(load(file));
        }
        return loaded;
    }

    Loaded load(Path file) {
        if (!Files.isRegularFile(file)) {
            return new Loaded(file, List.of(), file + " (missing)");
        }
        CacheKey key;
        try {
            key = new CacheKey(file.toAbsolutePath().normalize(), Files.getLastModifiedTime(file));
        } catch (IOException e) {
            return new Loaded(file, List.of(), file + " (unreadable: " + e.getMessage() + ")");
        }
        Loaded cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        Loaded fresh = decode(file);
        if (!fresh.keys().isEmpty()) {
            cache.put(key, fresh);
        }
        return fresh;
    }

    private Loaded decode(Path file) {
        AskingPasswordProvider asking = new AskingPasswordProvider(file);
        try (InputStream in = Files.newInputStream(file)) {
            Iterable<KeyPair> pairs = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(file.toString()),
                    in, asking);
            List<KeyPair> keys = new ArrayList<>();
            if (pairs != null) {
                pairs.forEach(keys::add);
            }
            if (keys.isEmpty()) {
                return new Loaded(file, List.of(), file + " (no key found in it)");
            }
            KeyPair first = keys.get(0);
            return new Loaded(file, List.copyOf(keys), file + " (" + KnownHosts.displayType(first.getPublic()) + " "
                    + KeyUtils.getFingerPrint(first.getPublic()) + ")");
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            String why = asking.askedWithoutAnswer ? "encrypted, no passphrase given"
                    : asking.asked > 0 ? "encrypted, wrong passphrase" : "unreadable: " + e.getMessage();
            return new Loaded(file, List.of(), file + " (" + why + ")");
        }
    }

    /** Bridges MINA's password callback to the PassphraseProvider without keeping the answer. */
    private final class AskingPasswordProvider implements FilePasswordProvider {
        private final Path file;
        private int asked;
        private boolean askedWithoutAnswer;

        AskingPasswordProvider(Path file) {
            this.file = file;
        }

        @Override
        public String getPassword(SessionContext session, NamedResource resourceKey, int retryIndex) {
            asked++;
            Optional<char[]> answer = passphrases.passphraseFor(file.toString());
            if (answer.isEmpty()) {
                askedWithoutAnswer = true;
                return null;
            }
            char[] chars = answer.get();
            try {
                return new String(chars);
            } finally {
                Arrays.fill(chars, '\0');
            }
        }

        @Override
        public ResourceDecodeResult handleDecodeAttemptResult(SessionContext session, NamedResource resourceKey,
                                                              int retryIndex, String password, Exception err) {
            if (err == null) {
                return ResourceDecodeResult.TERMINATE;
            }
            return !askedWithoutAnswer && retryIndex + 1 < PASSPHRASE_TRIES
                    ? ResourceDecodeResult.RETRY : ResourceDecodeResult.TERMINATE;
        }
    }
}
