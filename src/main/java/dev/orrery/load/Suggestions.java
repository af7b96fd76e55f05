package dev.orrery.load;

import java.util.Collection;
import java.util.Optional;

/** "Did you mean ...?" by edit distance (typos and swapped letters). O(n·m) per candidate; stateless. */
final class Suggestions {
    private Suggestions() {
    }

    /** The closest candidate, if it is close enough to be a plausible typo (case ignored). */
    static Optional<String> nearest(String word, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = distance(word.toLowerCase(), candidate.toLowerCase());
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        int shorter = Math.min(word.length(), best.length());
        int allowed = shorter <= 4 ? 1 : Math.max(2, shorter / 3);
        boolean prefix = best.toLowerCase().startsWith(word.toLowerCase()) || word.toLowerCase().startsWith(best.toLowerCase());
        return bestDistance <= allowed || (prefix && word.length() >= 3) ? Optional.of(best) : Optional.empty();
    }

    /** "; did you mean 'x'?" or "". */
    static String didYouMean(String word, Collection<String> candidates) {
        return nearest(word, candidates).map(s -> "; did you mean '" + s + "'?").orElse("");
    }

    /** " (did you mean 'x'?)" or "", for the middle of a sentence. */
    static String inParens(String word, Collection<String> candidates) {
        return nearest(word, candidates).map(s -> " (did you mean '" + s + "'?)").orElse("");
    }

    /** Levenshtein distance where swapping two neighbours counts as one edit (optimal string alignment). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
