package dev.trawl.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Decides whether one seed is usable: an absolute {@code http} or {@code https} URL with a host and,
 * if given, a port from 1 to 65535. Parsing is {@link URI}'s (RFC 2396); normalization is left to the
 * frontier. Stateless and thread-safe.
 */
final class SeedUrls {

    private static final Pattern WHITESPACE = Pattern.compile("\\s");
    private static final Pattern ENDS_WITH_PORT = Pattern.compile(".*:[^\\]@]*");
    private static final int MAX_PORT = 65_535;

    private SeedUrls() {}

    /** Why {@code text} (already trimmed) is not a usable seed, or empty if it is one. */
    static Optional<String> problemWith(String text) {
        if (WHITESPACE.matcher(text).find()) {
            return Optional.of("contains whitespace (encode it as %20)");
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            return Optional.of("not a valid URL (" + e.getReason() + " at index " + e.getIndex() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("not an absolute http(s) URL");
        }
        if (uri.getHost() == null) {
            String authority = uri.getRawAuthority();
            boolean badPort = authority != null && ENDS_WITH_PORT.matcher(authority).matches();
            return Optional.of(badPort ? "bad port (must be 1 to 65535)" : "has no host");
        }
        if (uri.getPort() == 0 || uri.getPort() > MAX_PORT) {
            return Optional.of("bad port (must be 1 to 65535)");
        }
        return Optional.empty();
    }
}
