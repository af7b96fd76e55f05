package dev.orrery.transport;

import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.OpenSshCertificate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Decides about the host key one connection presents: a key in known_hosts passes, a changed or revoked key
 * is always refused, an unknown key goes to the {@link HostKeyPolicy}. Remembers why it refused so the
 * connection attempt can report that instead of MINA's generic "key did not validate".
 */
final class HostKeyCheck {
    private static final Logger LOG = LoggerFactory.getLogger(HostKeyCheck.class);

    private final SshTarget target;
    private final KnownHosts knownHosts;
    private final HostKeyPolicy policy;
    private volatile String refusal;
    private volatile boolean asking;

    HostKeyCheck(SshTarget target, HostKeyPolicy policy) {
        this.target = target;
        this.knownHosts = new KnownHosts(target.knownHosts());
        this.policy = policy;
    }

    /** True while the policy is deciding (the GUI may be waiting for a person): login time stops counting. */
    boolean asking() {
        return asking;
    }

    /** Null when the key was accepted or not checked yet. */
    String refusal() {
        return refusal;
    }

    /**
     * Reorders the host key algorithms we offer so the types known_hosts already holds for this host come
     * first, as OpenSSH does; otherwise a server with several host keys could present one we have never seen
     * and be refused although its known key is right there.
     */
    String preferKnownTypes(String algorithms) {
        Set<String> known;
        boolean certified;
        try {
            known = knownHosts.knownTypes(target.keyLookupName(), target.keyLookupPort());
            certified = knownHosts.hasCertificateAuthority(target.keyLookupName(), target.keyLookupPort());
        } catch (IOException e) {
            return algorithms;
        }
        if (algorithms == null) {
            return null;
        }
        // With a trusted CA, host certificates first (as OpenSSH), then the plain types already recorded.
        // Without one, no certificates at all: MINA would refuse a certificate whose principals do not name the
        // address it connected to, where OpenSSH falls back to the plain key.
        List<String> certificates = new ArrayList<>();
        List<String> first = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (String algorithm : algorithms.split(",")) {
            String keyType = algorithm.startsWith("rsa-sha2-") ? "ssh-rsa" : algorithm;
            if (algorithm.contains("-cert-v01@openssh.com")) {
                if (certified) {
                    certificates.add(algorithm);
                }
            } else {
                (known.contains(keyType) ? first : rest).add(algorithm);
            }
        }
        certificates.addAll(first);
        certificates.addAll(rest);
        return String.join(",", certificates);
    }

    boolean verify(PublicKey key) {
        String name = target.keyLookupName();
        int port = target.keyLookupPort();
        String type = KnownHosts.displayType(key);
        String fingerprint = KeyUtils.getFingerPrint(key);
        KnownHosts.Verdict verdict;
        try {
            // MINA has checked a certificate's CA signature, type, validity and principals before it gets here
            verdict = key instanceof OpenSshCertificate certificate
                    ? knownHosts.checkCertificate(name, port, certificate) : knownHosts.check(name, port, key);
        } catch (IOException e) {
            return refuse("cannot read " + knownHosts.file() + " to check the host key of "
                    + target.nameAndWhere() + ": " + e.getMessage());
        }
        if (verdict instanceof KnownHosts.Known) {
            return true;
        }
        if (verdict instanceof KnownHosts.Certified certified) {
            LOG.debug("{} presented a host certificate signed by {} (CA at line {} of {})", target.name(),
                    fingerprint, certified.line(), knownHosts.file());
            return true;
        }
        if (verdict instanceof KnownHosts.Revoked revoked) {
            return refuse("the host key of " + target.nameAndWhere() + " (" + type + " " + fingerprint
                    + ") is marked @revoked at line " + revoked.line() + " of " + knownHosts.file()
                    + "; refusing to connect");
        }
        if (verdict instanceof KnownHosts.Changed changed) {
            return refuse(changedMessage(changed, name, port, type, fingerprint));
        }
        HostKeyPolicy.Decision decision;
        asking = true;
        try {
            decision = policy.unknownHost(target.name(), target.address(), target.port(), type, fingerprint);
        } catch (RuntimeException e) {
            LOG.warn("host key policy failed for {}", target.name(), e);
            decision = HostKeyPolicy.Decision.REFUSE;
        } finally {
            asking = false;
        }
        switch (decision == null ? HostKeyPolicy.Decision.REFUSE : decision) {
            case ACCEPT_ONCE:
                LOG.info("accepted {} host key {} of {} for this session only", type, fingerprint, target.name());
                return true;
            case ACCEPT_AND_REMEMBER:
                try {
                    knownHosts.append(name, port, key);
                    LOG.info("added {} host key {} of {} to {}", type, fingerprint, target.name(), knownHosts.file());
                    return true;
                } catch (IOException e) {
                    return refuse("could not record the host key of " + target.nameAndWhere() + " in "
                            + knownHosts.file() + ": " + e.getMessage());
                }
            default:
                return refuse("unknown host key for " + target.nameAndWhere() + ": " + type + " key "
                        + fingerprint + " is not in " + knownHosts.file() + ". Check this fingerprint "
                        + "with the host's administrator, then run again with --accept-new-host-keys to "
                        + "record it (or accept it when the GUI asks).");
        }
    }

    /**
     * A changed key is never the policy's to accept, so this message names the lines to remove and never
     * suggests {@code --accept-new-host-keys}. OpenSSH's accept-new refuses a key of a type the file does not
     * list for a host it lists other types for, the same way.
     */
    private String changedMessage(KnownHosts.Changed changed, String name, int port, String type, String fingerprint) {
        String lines = changed.lines().stream().map(String::valueOf).collect(Collectors.joining(", "));
        String records = changed.sameType()
                ? " line " + lines + " records " + String.join(", ", changed.recorded())
                : " line " + lines + " records only " + String.join(", ", changed.recorded())
                        + " for it, no " + type + " key,";
        return "HOST KEY CHANGED for " + target.nameAndWhere() + ": " + knownHosts.file() + records
                + " but the host now presents " + fingerprint + " (" + type + "). Someone may be intercepting "
                + "the connection (man-in-the-middle), or the host was reinstalled. Refusing to connect. If you "
                + "have verified the new key with the host's administrator, remove line " + lines + " of "
                + knownHosts.file() + " (ssh-keygen -R " + Shell.quote(pattern(name, port)) + " -f "
                + Shell.quote(knownHosts.file().toString()) + ") and connect again.";
    }

    private boolean refuse(String message) {
        refusal = message;
        LOG.warn(message);
        return false;
    }

    private static String pattern(String host, int port) {
        return port == 22 ? host : "[" + host + "]:" + port;
    }
}
