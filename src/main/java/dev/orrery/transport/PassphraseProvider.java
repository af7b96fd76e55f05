package dev.orrery.transport;

import java.util.Optional;

/** Asks for the passphrase of an encrypted key. Answers are used once and never stored. */
@FunctionalInterface
public interface PassphraseProvider {
    Optional<char[]> passphraseFor(String keyFile);

    static PassphraseProvider none() {
        return keyFile -> Optional.empty();
    }
}
