package dev.orrery.store;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Seals text that holds secret values (the steps of a task whose inputs are secret) before it is written to
 * the history file, so no secret is ever stored in clear. AES-256-GCM with a random key kept beside the
 * file in {@code .orrery/history.key} (mode 600), created on first use; every process of the workspace
 * shares it. Thread-safe.
 */
final class SecretBox {
    static final String PREFIX = "sealed:";
    private static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 12;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path keyFile;
    private volatile SecretKeySpec key;

    SecretBox(Path keyFile) {
        this.keyFile = keyFile;
    }

    static boolean isSealed(String text) {
        return text.startsWith(PREFIX);
    }

    String seal(String clear) {
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key(), new GCMParameterSpec(128, nonce));
            byte[] sealed = cipher.doFinal(clear.getBytes(StandardCharsets.UTF_8));
            byte[] all = new byte[nonce.length + sealed.length];
            System.arraycopy(nonce, 0, all, 0, nonce.length);
            System.arraycopy(sealed, 0, all, nonce.length, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(all);
        } catch (GeneralSecurityException e) {
            throw new StoreException("cannot seal secret task data: " + e.getMessage(), e);
        }
    }

    String open(String sealedText) {
        byte[] all = Base64.getDecoder().decode(sealedText.substring(PREFIX.length()));
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key(), new GCMParameterSpec(128, all, 0, NONCE_BYTES));
            return new String(cipher.doFinal(all, NONCE_BYTES, all.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new StoreException("cannot read secret task data: " + keyFile
                    + " is not the key this history was written with", e);
        }
    }

    private SecretKeySpec key() {
        SecretKeySpec k = key;
        if (k == null) {
            synchronized (this) {
                if (key == null) {
                    key = new SecretKeySpec(loadOrCreate(), "AES");
                }
                k = key;
            }
        }
        return k;
    }

    /** Reads the key, or creates it atomically (hard link of a complete temp file) if no process has yet. */
    private byte[] loadOrCreate() {
        try {
            if (!Files.exists(keyFile)) {
                byte[] fresh = new byte[KEY_BYTES];
                RANDOM.nextBytes(fresh);
                Path temp = Files.createTempFile(keyFile.getParent(), "history.key", ".tmp");
                try {
                    restrict(temp);
                    Files.write(temp, fresh);
                    Files.createLink(keyFile, temp);
                } catch (FileAlreadyExistsException raced) {
                    // another process created it first: use theirs
                } finally {
                    Files.deleteIfExists(temp);
                }
            }
            byte[] bytes = Files.readAllBytes(keyFile);
            if (bytes.length != KEY_BYTES) {
                throw new StoreException("secret key file " + keyFile + " is damaged (" + bytes.length + " bytes)");
            }
            return bytes;
        } catch (IOException e) {
            throw new StoreException("cannot read or create the secret key file " + keyFile + ": " + e.getMessage(), e);
        }
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the user's profile folder already restricts access
        }
    }
}
