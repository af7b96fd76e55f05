package dev.orrery.model;

import java.util.Collection;

/** Masks secret values in text before it is shown, logged or stored. */
public final class Secrets {
    public static final String MASK = "******";

    private Secrets() {
    }

    /** Replaces every occurrence of each secret (longest first, so overlapping secrets mask fully). */
    public static String mask(String text, Collection<String> secrets) {
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        String masked = text;
        for (String secret : secrets.stream().filter(s -> s != null && !s.isEmpty())
                .sorted((a, b) -> b.length() - a.length()).toList()) {
            masked = masked.replace(secret, MASK);
        }
        return masked;
    }
}
