package dev.trawl.extract;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code abs:} values resolved on earlier pages, by the base's directory and the value: the pages of a docs set
 * repeat their images and links across a directory (Boost's prev/up/home/next icons, the same relative paths on
 * every page of a library), and each resolution parses two {@code java.net.URL}s and the page's base a third.
 * On the real-site benchmark's pages about 70% of the values a page resolves were resolved before, against the
 * same directory.
 *
 * <p>Only a value whose resolution cannot depend on the part of the base after its last {@code /} is kept
 * ({@link #shareable}): for it, {@code jsoup}'s resolution ({@code new URL(base, value)}) reads the base's scheme,
 * authority and directory alone, which is the key ({@link #directoryOf}). A value that is empty, starts with
 * {@code ?}, {@code #} or anything up to a space (trimmed by {@code URL}), or has a scheme other than a
 * {@code http://} or {@code https://} prefix (Java reads {@code http:x} against a base of that scheme), or is a
 * network path without a host, or holds a control character, is resolved
 * on its page alone.
 *
 * <p>Bounded: past {@link #MAX_ENTRIES} it starts over (cleared at once: a crawl moves from one directory to the
 * next, and an LRU's bookkeeping on every read would cost more than the occasional miss). Thread-safe: one per
 * rule set, shared by every consumer thread.
 */
final class ResolvedUrlCache {
    /**
     * An entry holds its key's two strings, the URL and the map's node: ~400 bytes on real sites, at most ~2 KB with
     * both key strings capped below, so the bound is a few megabytes usually and ~16 MB at worst.
     */
    static final int MAX_ENTRIES = 8192;

    /** The longest value kept: links this long seldom repeat, and the cap keeps the bound's bytes bounded too. */
    static final int MAX_VALUE_CHARS = 512;

    /**
     * The longest directory kept, for the same reason: it comes from the page's own {@code <base href>}, which no
     * URL-length limit of the crawl's checks, so a hostile page could otherwise make every entry as long as it likes.
     */
    static final int MAX_DIRECTORY_CHARS = 512;

    /**
     * Its hash and equality written out: a record's generated ones go through method handles, which the launcher's
     * C1 compiler does not fold (most of a lookup's time in a profile).
     */
    private record Key(String directory, String value) {
        @Override
        public int hashCode() {
            return 31 * directory.hashCode() + value.hashCode();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && directory.equals(key.directory) && value.equals(key.value);
        }
    }

    private final ConcurrentHashMap<Key, String> resolved = new ConcurrentHashMap<>();

    /** {@code value} resolved against a base in {@code directory} ({@link #directoryOf}); null if not met yet. */
    String get(String directory, String value) {
        return resolved.get(new Key(directory, value));
    }

    /** Keeps what {@code value} resolved to against a base in {@code directory}. */
    void put(String directory, String value, String url) {
        if (resolved.size() >= MAX_ENTRIES) {
            resolved.clear();
        }
        resolved.put(new Key(directory, value), url);
    }

    /** How many resolutions are kept (for tests). */
    int size() {
        return resolved.size();
    }

    /**
     * The key of {@code base} for {@link #shareable} values: the base up to its path's last {@code /}, when it is an
     * {@code http://} or {@code https://} URL with a path and no control character, at most
     * {@link #MAX_DIRECTORY_CHARS} long; else empty (not shared).
     */
    static Optional<String> directoryOf(String base) {
        int authority;
        if (base.startsWith("https://")) {
            authority = 8;
        } else if (base.startsWith("http://")) {
            authority = 7;
        } else {
            return Optional.empty();
        }
        int pathEnd = base.length();
        int path = -1;
        for (int k = authority; k < base.length(); k++) {
            char c = base.charAt(k);
            if (c < 0x20) {
                return Optional.empty(); // stripped before the base is parsed: keyed by what is parsed, not shared
            }
            if (c == '?' || c == '#') {
                pathEnd = k;
                break;
            }
            if (c == '/' && path < 0) {
                path = k;
            }
        }
        if (path < 0) {
            return Optional.empty(); // no path: a relative value gets one, "/" (left to the page alone)
        }
        int directoryEnd = base.lastIndexOf('/', pathEnd - 1) + 1;
        return directoryEnd > MAX_DIRECTORY_CHARS ? Optional.empty() : Optional.of(base.substring(0, directoryEnd));
    }

    /**
     * Whether {@code value} resolves against a base's scheme, authority and directory alone: it has no scheme, or a
     * {@code http://} or {@code https://} one; it starts (after that scheme) with a character past a space that is
     * not {@code ?} or {@code #}; a network path ({@code //host}) names a host (Java keeps the base's whole path for
     * {@code //}, {@code //?q}, {@code //#f}); and it has no control character (stripped before it is resolved).
     * And it is at most {@link #MAX_VALUE_CHARS} long: the bound counts entries, so without a cap on their size a
     * hostile page's long unique links (a 100 KB query string each) would fill the heap before the bound came.
     */
    static boolean shareable(String value) {
        if (value.length() > MAX_VALUE_CHARS) {
            return false;
        }
        int start = value.startsWith("http://") ? 5 : value.startsWith("https://") ? 6 : 0;
        if (value.length() <= start) {
            return false;
        }
        char first = value.charAt(start);
        if (first <= ' ' || first == '?' || first == '#') {
            return false; // the base's whole path (and query) may count; URL trims a leading space
        }
        if (value.startsWith("//", start)
                && (value.length() == start + 2 || value.charAt(start + 2) <= ' ' || value.charAt(start + 2) == '?'
                    || value.charAt(start + 2) == '#')) {
            return false; // an empty authority (URL trims a trailing space): the base's path is kept
        }
        boolean pastScheme = start > 0;
        for (int k = start; k < value.length(); k++) {
            char c = value.charAt(k);
            if (c < 0x20) {
                return false;
            }
            if (!pastScheme && c == ':') {
                return false; // a scheme: http:x is relative in Java, others may not parse (kept as written)
            }
            pastScheme |= c == '/' || c == '?' || c == '#';
        }
        return true;
    }
}
