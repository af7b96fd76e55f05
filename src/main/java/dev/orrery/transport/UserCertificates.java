package dev.orrery.transport;

import org.apache.sshd.common.config.keys.AuthorizedKeyEntry;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;

/**
 * OpenSSH user certificates ({@code ssh-keygen -s CA}) for the keys a login offers: {@code FILE-cert.pub} beside
 * a key file and ssh_config's {@code CertificateFile}. A certificate is offered just before its plain key, as
 * ssh(1) tries certificates first; servers that trust the CA ({@code TrustedUserCAKeys}) accept it with no
 * authorized_keys entry.
 */
final class UserCertificates {
    private static final Logger LOG = LoggerFactory.getLogger(UserCertificates.class);

    private UserCertificates() {
    }

    /** {@code keys} of {@code keyFile}, each preceded by the certificates found for it. */
    static List<KeyPair> withCertificates(List<KeyPair> keys, Path keyFile, List<Path> certificateFiles) {
        List<Path> candidates = new ArrayList<>(certificateFiles);
        candidates.add(keyFile.resolveSibling(keyFile.getFileName() + "-cert.pub"));
        List<OpenSshCertificate> certificates = new ArrayList<>();
        for (Path candidate : candidates) {
            OpenSshCertificate certificate = read(candidate);
            if (certificate != null) {
                certificates.add(certificate);
            }
        }
        List<KeyPair> offered = new ArrayList<>();
        for (KeyPair key : keys) {
            for (OpenSshCertificate certificate : certificates) {
                if (KeyUtils.compareKeys(certificate.getCertPubKey(), key.getPublic())) {
                    offered.add(new KeyPair(certificate, key.getPrivate()));
                }
            }
            offered.add(key);
        }
        return offered;
    }

    private static OpenSshCertificate read(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            List<AuthorizedKeyEntry> entries = AuthorizedKeyEntry.readAuthorizedKeys(file);
            PublicKey key = entries.isEmpty() ? null
                    : entries.get(0).resolvePublicKey(null, null, PublicKeyEntryResolver.IGNORING);
            if (key instanceof OpenSshCertificate certificate
                    && certificate.getType() == OpenSshCertificate.Type.USER) {
                return certificate;
            }
            LOG.debug("{} holds no user certificate", file);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            LOG.debug("cannot read certificate {}: {}", file, e.getMessage());
        }
        return null;
    }
}
