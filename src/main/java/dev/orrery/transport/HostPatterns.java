package dev.orrery.transport;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Locale;

/**
 * The host field of a known_hosts line, matched as OpenSSH's {@code match_hostname} and {@code host_hash} do:
 * the name looked up is {@code host} on port 22 and {@code [host]:port} otherwise, lower-cased; the field is a
 * comma list of {@code *}/{@code ?} globs (brackets are literal, so {@code [10.0.0.1]:*} means any port but 22),
 * where a matching {@code !pattern} rules the line out whatever else matches; or one hashed
 * {@code |1|salt|hmac-sha1} entry.
 */
final class HostPatterns {
    /** Outcome for one line: it names the host, it does not, or a negation excludes the host. */
    enum Match { YES, NO, NEGATED }

    private HostPatterns() {
    }

    /** The string OpenSSH looks up: {@code host} on port 22, {@code [host]:port} otherwise. */
    static String lookupName(String host, int port) {
        String lower = host.toLowerCase(Locale.ROOT);
        return port == 22 || port <= 0 ? lower : "[" + lower + "]:" + port;
    }

    static Match match(String lookupName, String hostField) {
        if (hostField.startsWith("|")) {
            return hashedMatches(lookupName, hostField) ? Match.YES : Match.NO;
        }
        boolean positive = false;
        for (String pattern : hostField.split(",", -1)) {
            boolean negated = pattern.startsWith("!");
            String glob = (negated ? pattern.substring(1) : pattern).toLowerCase(Locale.ROOT);
            if (glob.isEmpty() || !globMatches(lookupName, 0, glob, 0)) {
                continue;
            }
            if (negated) {
                return Match.NEGATED;
            }
            positive = true;
        }
        return positive ? Match.YES : Match.NO;
    }

    /** {@code *} any run of characters (also none), {@code ?} exactly one; everything else literal. */
    static boolean globMatches(String s, int si, String p, int pi) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            if (c == '*') {
                while (pi < p.length() && p.charAt(pi) == '*') {
                    pi++;
                }
                if (pi == p.length()) {
                    return true;
                }
                for (int k = si; k <= s.length(); k++) {
                    if (globMatches(s, k, p, pi)) {
                        return true;
                    }
                }
                return false;
            }
            if (si == s.length() || (c != '?' && c != s.charAt(si))) {
                return false;
            }
            si++;
            pi++;
        }
        return si == s.length();
    }

    /** {@code |1|base64(salt)|base64(HMAC-SHA1(salt, name))}; any other form never matches, as in OpenSSH. */
    private static boolean hashedMatches(String lookupName, String field) {
        String[] parts = field.split("\\|", -1);
        if (parts.length != 4 || !parts[0].isEmpty() || !parts[1].equals("1")) {
            return false;
        }
        try {
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(salt, "HmacSHA1"));
            return MessageDigest.isEqual(expected, mac.doFinal(lookupName.getBytes(StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false; // bad base64 or an empty salt: OpenSSH skips the line too
        }
    }
}
