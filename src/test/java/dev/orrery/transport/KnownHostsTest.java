package dev.orrery.transport;

import org.apache.sshd.client.config.hosts.KnownHostHashValue;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.SecureRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** known_hosts lines read as OpenSSH reads them: patterns, negations, hashes, markers and changed key types. */
@Tag("slow")
class KnownHostsTest {
    @TempDir
    Path dir;
    private Path file;
    private PublicKey ed25519;
    private PublicKey otherEd25519;
    private PublicKey ecdsa;

    @BeforeEach
    void keys() throws Exception {
        file = dir.resolve("known_hosts");
        ed25519 = TestSshServer.newKey().getPublic();
        otherEd25519 = TestSshServer.newKey().getPublic();
        ecdsa = KeyUtils.generateKeyPair("ecdsa-sha2-nistp256", 256).getPublic();
    }

    private KnownHosts.Verdict check(String host, int port, PublicKey key, String... lines) throws Exception {
        Files.writeString(file, String.join("\n", lines) + "\n");
        return new KnownHosts(file).check(host, port, key);
    }

    private static String k(PublicKey key) {
        return PublicKeyEntry.toString(key);
    }

    @Test
    void aPortWildcardMatchesEveryPortButTheDefaultOne() throws Exception {
        String line = "[127.0.0.1]:* " + k(ed25519);
        assertThat(check("127.0.0.1", 2222, ed25519, line)).isEqualTo(new KnownHosts.Known(1));
        assertThat(check("127.0.0.1", 40001, ed25519, line)).isEqualTo(new KnownHosts.Known(1));
        assertThat(check("127.0.0.1", 22, ed25519, line)).isInstanceOf(KnownHosts.Unknown.class);
        assertThat(check("127.0.0.2", 2222, ed25519, line)).isInstanceOf(KnownHosts.Unknown.class);
    }

    @Test
    void aBareNameStillVouchesForAKeyOnAnotherPortButCannotMakeItAChange() throws Exception {
        assertThat(check("web.example.com", 2222, ed25519, "web.example.com " + k(ed25519)))
                .isEqualTo(new KnownHosts.Known(1));
        assertThat(check("web.example.com", 2222, ed25519, "web.example.com " + k(otherEd25519)))
                .isInstanceOf(KnownHosts.Unknown.class);
        assertThat(check("web.example.com", 2222, ed25519, "web.example.com " + k(ecdsa)))
                .isInstanceOf(KnownHosts.Unknown.class);
        assertThat(check("web.example.com", 2222, ed25519, "@revoked web.example.com " + k(ed25519)))
                .isEqualTo(new KnownHosts.Revoked(1));
        // The bracketed entry decides first: a change there is a change whatever the bare name says.
        assertThat(check("web.example.com", 2222, ed25519, "web.example.com " + k(ed25519),
                "[web.example.com]:2222 " + k(otherEd25519))).isInstanceOf(KnownHosts.Changed.class);
    }

    @Test
    void globsCommaListsAndCaseAreHonoured() throws Exception {
        assertThat(check("web.example.com", 22, ed25519, "*.example.com " + k(ed25519))).isInstanceOf(KnownHosts.Known.class);
        assertThat(check("example.com", 22, ed25519, "*.example.com " + k(ed25519))).isInstanceOf(KnownHosts.Unknown.class);
        assertThat(check("web-7.example.com", 22, ed25519, "web-?.example.com " + k(ed25519))).isInstanceOf(KnownHosts.Known.class);
        assertThat(check("web-17.example.com", 22, ed25519, "web-?.example.com " + k(ed25519))).isInstanceOf(KnownHosts.Unknown.class);
        assertThat(check("db", 22, ed25519, "web,db,10.0.0.5 " + k(ed25519))).isInstanceOf(KnownHosts.Known.class);
        assertThat(check("Web.Example.COM", 22, ed25519, "WEB.example.com " + k(ed25519))).isInstanceOf(KnownHosts.Known.class);
    }

    @Test
    void aMatchingNegationRulesTheLineOutWhateverElseMatches() throws Exception {
        String line = "!bad.example.com,*.example.com " + k(ed25519);
        assertThat(check("good.example.com", 22, ed25519, line)).isInstanceOf(KnownHosts.Known.class);
        assertThat(check("bad.example.com", 22, ed25519, line)).isInstanceOf(KnownHosts.Unknown.class);
        // A negated line records nothing for the host, so another type offered later is new, not changed.
        assertThat(check("bad.example.com", 22, ecdsa, line)).isInstanceOf(KnownHosts.Unknown.class);
    }

    @Test
    void hashedEntriesMatchTheBracketedNameForOtherPorts() throws Exception {
        byte[] salt = new byte[20];
        new SecureRandom().nextBytes(salt);
        byte[] hash = KnownHostHashValue.calculateHashValue("10.0.0.5", 2222, KnownHostHashValue.DEFAULT_DIGEST, salt);
        String hashed = KnownHostHashValue.append(new StringBuilder(), KnownHostHashValue.DEFAULT_DIGEST, salt, hash)
                + " " + k(ed25519);
        assertThat(check("10.0.0.5", 2222, ed25519, hashed)).isEqualTo(new KnownHosts.Known(1));
        assertThat(check("10.0.0.5", 22, ed25519, hashed)).isInstanceOf(KnownHosts.Unknown.class);
        assertThat(check("10.0.0.6", 2222, ed25519, hashed)).isInstanceOf(KnownHosts.Unknown.class);
        assertThat(check("10.0.0.5", 2222, otherEd25519, hashed)).isInstanceOf(KnownHosts.Changed.class);
    }

    @Test
    void aKeyOfATypeNotListedForAHostWithOtherTypesIsAChange() throws Exception {
        KnownHosts.Verdict verdict = check("127.0.0.1", 2222, ecdsa,
                "other " + k(ecdsa), "[127.0.0.1]:2222 " + k(ed25519));
        assertThat(verdict).isInstanceOf(KnownHosts.Changed.class);
        KnownHosts.Changed changed = (KnownHosts.Changed) verdict;
        assertThat(changed.lines()).containsExactly(2);
        assertThat(changed.sameType()).isFalse();
        assertThat(changed.recorded()).containsExactly("ED25519 key " + KeyUtils.getFingerPrint(ed25519));
    }

    @Test
    void anotherKeyOfTheSameTypeIsAChangeOfThatType() throws Exception {
        KnownHosts.Changed changed = (KnownHosts.Changed) check("127.0.0.1", 2222, otherEd25519,
                "[127.0.0.1]:2222 " + k(ed25519));
        assertThat(changed.sameType()).isTrue();
        assertThat(changed.lines()).containsExactly(1);
    }

    @Test
    void aKnownKeyPassesWhateverOtherTypesAreListed() throws Exception {
        assertThat(check("127.0.0.1", 2222, ecdsa, "[127.0.0.1]:2222 " + k(ed25519), "[127.0.0.1]:2222 " + k(ecdsa)))
                .isEqualTo(new KnownHosts.Known(2));
    }

    @Test
    void aRevokedKeyIsRevokedEvenWhenAlsoListedAsKnown() throws Exception {
        assertThat(check("127.0.0.1", 2222, ed25519, "[127.0.0.1]:2222 " + k(ed25519), "@revoked * " + k(ed25519)))
                .isEqualTo(new KnownHosts.Revoked(2));
        // Revocation is per host pattern, and a revoked line records no key for the host.
        assertThat(check("127.0.0.1", 2222, ed25519, "@revoked *.example.com " + k(ed25519)))
                .isInstanceOf(KnownHosts.Unknown.class);
        assertThat(check("127.0.0.1", 2222, ecdsa, "@revoked * " + k(ed25519))).isInstanceOf(KnownHosts.Unknown.class);
    }

    @Test
    void aCertificateAuthorityIsNeverTakenForAHostKey() throws Exception {
        assertThat(check("127.0.0.1", 2222, ed25519, "@cert-authority * " + k(ed25519)))
                .isInstanceOf(KnownHosts.Unknown.class);
        assertThat(check("127.0.0.1", 2222, ed25519, "@cert-authority * " + k(ecdsa)))
                .isInstanceOf(KnownHosts.Unknown.class);
        assertThat(check("127.0.0.1", 2222, ed25519, "@unknown-marker * " + k(ed25519), "garbage line", "# c"))
                .isInstanceOf(KnownHosts.Unknown.class);
    }

    @Test
    void knownTypesFollowThePatternsAndSkipMarkedLines() throws Exception {
        Files.writeString(file, String.join("\n",
                "[127.0.0.1]:* " + k(ecdsa),
                "@revoked * " + k(otherEd25519),
                "@cert-authority * " + k(ed25519),
                "![127.0.0.1]:*,* " + k(ed25519)) + "\n");
        assertThat(new KnownHosts(file).knownTypes("127.0.0.1", 2222)).containsExactly("ecdsa-sha2-nistp256");
    }

    @Test
    void replaceRemovesThePlainLinesNamingTheHostAndKeepsTheRest() throws Exception {
        Files.writeString(file, String.join("\n",
                "[sandbox]:* " + k(ecdsa),
                "@revoked * " + k(otherEd25519),
                "other " + k(ecdsa)) + "\n");
        new KnownHosts(file).replace("sandbox", 2222, ed25519);
        assertThat(Files.readAllLines(file)).containsExactly(
                "@revoked * " + k(otherEd25519), "other " + k(ecdsa), "[sandbox]:2222 " + k(ed25519));
    }
}
