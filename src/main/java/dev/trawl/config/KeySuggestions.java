package dev.trawl.config;

import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * "Did you mean" for misspelt config keys: the known key nearest by edit distance, counting a swap of
 * two neighbouring letters as one edit ({@code dealy} → {@code delay}), or the same key under another
 * section ({@code politeness.user-agent} → {@code fetch.user-agent}). Stateless and thread-safe.
 */
final class KeySuggestions {

    private KeySuggestions() {}

    /** The known key {@code unknown} most likely meant, if any is close enough to be worth suggesting. */
    static Optional<String> closest(String unknown, Collection<String> known) {
        String leaf = unknown.substring(unknown.lastIndexOf('.') + 1);
        Optional<String> movedKey = known.stream()
                .filter(k -> k.contains(".") && k.substring(k.lastIndexOf('.') + 1).equals(leaf))
                .findFirst();
        if (movedKey.isPresent()) {
            return movedKey;
        }
        int allowed = Math.max(1, Math.min(3, leaf.length() / 3));
        return known.stream()
                .filter(k -> distance(unknown, k) <= allowed)
                .min(Comparator.comparingInt(k -> distance(unknown, k)));
    }

    /** Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent swaps. */
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
