package dev.trawl.frontier;

import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Resolves a link against its page and puts the result into the one form the seen-set compares, in a
 * single pass over the link: RFC 3986 resolution (section 5.2, with the WHATWG URL Standard's leniency
 * for what browsers accept: surrounding spaces and control characters stripped, tabs and newlines
 * removed, {@code \} read as {@code /}, {@code http:g} relative to an http page), then lower-case scheme
 * and host (IDN to ASCII), no default port, no fragment, dot segments resolved (also when written as
 * {@code %2e}), an empty path as {@code /}, percent-escapes upper-cased and unreserved characters
 * decoded ({@code %7E} → {@code ~}), and characters a browser would escape (spaces, non-ASCII as
 * UTF-8, a stray {@code %}) escaped. Optionally, {@link QueryRules} drop some query and path parameters
 * (session ids, tracking tags) and sort the query's.
 *
 * <p>A page has about a hundred links, so this is a crawler's hottest path after the HTML parser: no
 * regular expression, no {@code java.net.URI}/{@code URL}, no exception for a bad link (a link that is
 * not an http(s) URL with a host is simply empty). The page's side is parsed once ({@link #base}).
 * Stateless apart from its rules; thread-safe.
 */
public final class UrlNormalizer {

    /**
     * Query normalization beyond RFC 3986, from the crawl's configuration.
     *
     * @param stripParameters names of parameters to drop (session ids, tracking tags), compared ignoring
     *     case: from the query (a query left empty is dropped with its {@code ?}) and from the path, where
     *     servlet containers put theirs ({@code /a;jsessionid=1F?x=1} becomes {@code /a?x=1})
     * @param sortParameters whether to sort the remaining {@code name=value} pairs, so that the same
     *     page linked with its parameters in another order is seen once
     */
    public record QueryRules(Set<String> stripParameters, boolean sortParameters) {
        /** Leaves the query as RFC 3986 normalization leaves it. */
        public static final QueryRules NONE = new QueryRules(Set.of(), false);

        public QueryRules {
            stripParameters = stripParameters.stream().map(p -> p.toLowerCase(Locale.ROOT))
                    .collect(Collectors.toUnmodifiableSet());
        }

        boolean isNone() {
            return stripParameters.isEmpty() && !sortParameters;
        }
    }

    /**
     * A normalized absolute URL, split once so that the links of its page resolve against it cheaply.
     * Obtained from {@link #base}.
     */
    public static final class Base {
        private final String url;
        private final int pathStart;
        private final int queryStart;

        private Base(String url, int pathStart, int queryStart) {
            this.url = url;
            this.pathStart = pathStart;
            this.queryStart = queryStart;
        }

        /** The normalized URL. */
        public String url() {
            return url;
        }

        private boolean isHttps() {
            return url.charAt(4) == 's';
        }

        @Override
        public String toString() {
            return url;
        }
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();
    /** ASCII characters written as a percent-escape wherever they appear (controls, space, and these). */
    private static final boolean[] ESCAPED = new boolean[128];
    /** ASCII characters allowed in a host name as written (after lower-casing). */
    private static final boolean[] HOST = new boolean[128];

    static {
        for (int c = 0; c <= 0x20; c++) {
            ESCAPED[c] = true;
        }
        ESCAPED[0x7f] = true;
        for (char c : "\"<>\\^`{|}".toCharArray()) {
            ESCAPED[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            HOST[c] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            HOST[c] = true;
        }
        HOST['-'] = true;
        HOST['.'] = true;
        HOST['_'] = true;
    }

    private final QueryRules queryRules;

    /** A crawl's normalizer: session parameters stripped and the query sorted as {@code traps.*} says. */
    public static UrlNormalizer forCrawl(dev.trawl.config.CrawlConfig.Traps traps) {
        return new UrlNormalizer(new QueryRules(java.util.Set.copyOf(traps.sessionParams()), traps.sortQuery()));
    }

    /** A normalizer with no query rules. */
    public UrlNormalizer() {
        this(QueryRules.NONE);
    }

    public UrlNormalizer(QueryRules queryRules) {
        this.queryRules = queryRules;
    }

    /** Normalizes {@code url}, or empty if it is not an absolute http(s) URL with a host. */
    public Optional<String> normalize(String url) {
        return Optional.ofNullable(url == null ? null : resolveOrNull(null, url));
    }

    /** {@code url} normalized and split, to resolve links against; empty as for {@link #normalize}. */
    public Optional<Base> base(String url) {
        return normalize(url).map(UrlNormalizer::split);
    }

    /**
     * The normalized absolute URL that {@code reference} (an {@code href} as written) points to from
     * {@code base}, or empty if it is not an http(s) URL with a host ({@code mailto:}, {@code
     * javascript:}, a malformed host or port).
     */
    public Optional<String> resolve(Base base, String reference) {
        return Optional.ofNullable(resolveOrNull(base, reference));
    }

    /** Splits an already normalized URL (no fragment; the path starts at the first {@code /} after "://"). */
    private static Base split(String normalized) {
        int pathStart = pathStart(normalized);
        int query = normalized.indexOf('?', pathStart);
        return new Base(normalized, pathStart, query < 0 ? normalized.length() : query);
    }

    /** The resolution proper; null (never thrown) for a reference that yields no http(s) URL. */
    private String resolveOrNull(Base base, CharSequence reference) {
        CharSequence s = reference;
        int start = 0;
        int end = s.length();
        while (start < end && s.charAt(start) <= ' ') {
            start++;
        }
        while (end > start && s.charAt(end - 1) <= ' ') {
            end--;
        }
        for (int i = start; i < end; i++) {
            char c = s.charAt(i);
            if (c == '\t' || c == '\n' || c == '\r') {
                s = withoutTabsAndNewlines(s, start, end);
                start = 0;
                end = s.length();
                break;
            }
        }
        int hash = indexOf(s, '#', start, end);
        if (hash >= 0) {
            end = hash;
        }
        int colon = schemeEnd(s, start, end);
        boolean https;
        int p = start;
        if (colon >= 0) {
            if (colon - start == 4 && regionMatchesLower(s, start, "http")) {
                https = false;
            } else if (colon - start == 5 && regionMatchesLower(s, start, "https")) {
                https = true;
            } else {
                return null;
            }
            p = colon + 1;
            if (!startsWithTwoSlashes(s, p, end)) {
                // "http:page.html" on an http page is relative, as browsers (and java.net.URL) read it.
                if (base == null || base.isHttps() != https) {
                    return null;
                }
                return relative(base, s, p, end);
            }
        } else if (base == null) {
            return null;
        } else if (startsWithTwoSlashes(s, p, end)) {
            https = base.isHttps();
        } else {
            return relative(base, s, p, end);
        }
        StringBuilder out = new StringBuilder(end - start + 8);
        out.append(https ? "https://" : "http://");
        int pathAt = authority(out, s, p + 2, end, https);
        if (pathAt < 0) {
            return null;
        }
        return pathAndQuery(out, out.length(), s, pathAt, end, true);
    }

    /** A reference without scheme or authority, from {@code p}: a path, a query, or nothing. */
    private String relative(Base base, CharSequence s, int p, int end) {
        StringBuilder out = new StringBuilder(base.url.length() + end - p + 8);
        if (p == end) {
            return out.append(base.url).toString();
        }
        out.append(base.url, 0, base.pathStart);
        char first = s.charAt(p);
        if (first == '?') {
            out.append(base.url, base.pathStart, base.queryStart);
            return pathAndQuery(out, base.pathStart, s, p, end, false);
        }
        if (first != '/' && first != '\\') {
            // Merge: the base path up to its last '/' (exclusive), then the reference's segments.
            int lastSlash = base.url.lastIndexOf('/', base.queryStart - 1);
            out.append(base.url, base.pathStart, lastSlash);
        }
        return pathAndQuery(out, base.pathStart, s, p, end, true);
    }

    /**
     * Appends the normalized authority that starts at {@code from}; returns where its path starts, or
     * -1 if it has no valid host or port.
     */
    private static int authority(StringBuilder out, CharSequence s, int from, int end, boolean https) {
        int authEnd = from;
        int at = -1;
        while (authEnd < end) {
            char c = s.charAt(authEnd);
            if (c == '/' || c == '\\' || c == '?') {
                break;
            }
            if (c == '@') {
                at = authEnd;
            }
            authEnd++;
        }
        int hostStart = from;
        if (at >= 0) {
            appendEscaped(out, s, from, at);
            out.append('@');
            hostStart = at + 1;
        }
        int hostEnd = authEnd;
        int portStart = -1;
        if (hostStart < authEnd && s.charAt(hostStart) == '[') {
            int close = indexOf(s, ']', hostStart, authEnd);
            if (close < 0 || !ipv6(out, s, hostStart + 1, close)) {
                return -1;
            }
            if (close + 1 < authEnd) {
                if (s.charAt(close + 1) != ':') {
                    return -1;
                }
                portStart = close + 2;
            }
        } else {
            for (int i = authEnd - 1; i >= hostStart; i--) {
                char c = s.charAt(i);
                if (c == ':') {
                    hostEnd = i;
                    portStart = i + 1;
                    break;
                }
                if (c < '0' || c > '9') {
                    break;
                }
            }
            if (!host(out, s, hostStart, hostEnd)) {
                return -1;
            }
        }
        if (portStart >= 0) {
            int port = port(s, portStart, authEnd);
            if (port < -1) {
                return -1;
            }
            if (port >= 0 && port != (https ? 443 : 80)) {
                out.append(':').append(port);
            }
        }
        return authEnd;
    }

    /** Appends a host name lower-cased (IDN as punycode, no trailing dot); false if it is not one. */
    private static boolean host(StringBuilder out, CharSequence s, int from, int to) {
        int mark = out.length();
        boolean ascii = true;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            char lower = c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
            if (lower >= 0x80) {
                ascii = false;
            } else if (!HOST[lower]) {
                return false;
            }
            out.append(lower);
        }
        if (!ascii) {
            String unicode = out.substring(mark);
            out.setLength(mark);
            String punycode;
            try {
                punycode = IDN.toASCII(unicode, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
            } catch (IllegalArgumentException e) {
                return false; // the one exception on this path: only for non-ASCII host names, which are rare
            }
            for (int i = 0; i < punycode.length(); i++) {
                char c = punycode.charAt(i);
                if (c >= 0x80 || !HOST[c]) {
                    return false;
                }
            }
            out.append(punycode);
        }
        if (out.length() > mark && out.charAt(out.length() - 1) == '.') {
            out.setLength(out.length() - 1);
        }
        return out.length() > mark && labelsFit(out, mark);
    }

    /** DNS limits: no empty label and none over 63 characters (IDN.toASCII's checks for ASCII names). */
    private static boolean labelsFit(StringBuilder host, int from) {
        int labelStart = from;
        for (int i = from; i <= host.length(); i++) {
            if (i == host.length() || host.charAt(i) == '.') {
                int length = i - labelStart;
                if (length == 0 || length > 63) {
                    return false;
                }
                labelStart = i + 1;
            }
        }
        return true;
    }

    /** Appends {@code [address]} lower-cased; false unless it is made of hex digits, ':' and '.'. */
    private static boolean ipv6(StringBuilder out, CharSequence s, int from, int to) {
        if (from == to) {
            return false;
        }
        out.append('[');
        for (int i = from; i < to; i++) {
            char c = Character.toLowerCase(s.charAt(i));
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || c == ':' || c == '.')) {
                return false;
            }
            out.append(c);
        }
        out.append(']');
        return true;
    }

    /** The port written in [from, to): -1 if empty, -2 if not a number from 0 to 65535. */
    private static int port(CharSequence s, int from, int to) {
        if (from == to) {
            return -1;
        }
        int port = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -2;
            }
            port = port * 10 + (c - '0');
            if (port > 65535) {
                return -2;
            }
        }
        return port;
    }

    /**
     * Appends the path of [from, end) (up to a '?') resolved onto what {@code out} holds after
     * {@code pathStart}, then the query. {@code hasPath} is false when the reference is only a query.
     */
    private String pathAndQuery(StringBuilder out, int pathStart, CharSequence s, int from, int end,
            boolean hasPath) {
        int question = indexOf(s, '?', from, end);
        int pathEnd = question < 0 ? end : question;
        if (hasPath) {
            int i = from;
            if (i < pathEnd && (s.charAt(i) == '/' || s.charAt(i) == '\\')) {
                out.setLength(pathStart); // an absolute path replaces the base's
                i++;
            }
            // RFC 3986 5.2.4 as the WHATWG standard words it: each segment pushes, "." is dropped, ".."
            // pops one; a trailing "." or ".." leaves the path ending in '/'.
            while (i <= pathEnd) {
                int segmentEnd = i;
                while (segmentEnd < pathEnd && s.charAt(segmentEnd) != '/' && s.charAt(segmentEnd) != '\\') {
                    segmentEnd++;
                }
                boolean last = segmentEnd == pathEnd;
                int dots = dots(s, i, segmentEnd);
                if (dots == 2) {
                    int slash = out.lastIndexOf("/");
                    out.setLength(Math.max(slash, pathStart));
                }
                if (dots == 0) {
                    out.append('/');
                    appendEscaped(out, s, i, segmentEnd);
                } else if (last) {
                    out.append('/');
                }
                i = segmentEnd + 1;
            }
        }
        if (hasPath && !queryRules.stripParameters().isEmpty()) {
            int semicolon = out.indexOf(";", pathStart);
            if (semicolon >= 0) {
                stripPathParameters(out, semicolon);
            }
        }
        if (out.length() == pathStart) {
            out.append('/');
        }
        if (question >= 0) {
            int queryStart = out.length();
            out.append('?');
            appendEscaped(out, s, question + 1, end);
            if (!queryRules.isNone()) {
                applyQueryRules(out, queryStart);
            }
        }
        return out.toString();
    }

    /** 1 for a "." segment, 2 for "..", also written with %2e; 0 for any other. */
    private static int dots(CharSequence s, int from, int to) {
        int dots = 0;
        int i = from;
        while (i < to) {
            if (s.charAt(i) == '.') {
                i++;
            } else if (i + 3 <= to && s.charAt(i) == '%' && s.charAt(i + 1) == '2' && (s.charAt(i + 2) | 0x20) == 'e') {
                i += 3;
            } else {
                return 0;
            }
            if (++dots > 2) {
                return 0;
            }
        }
        return dots;
    }

    /**
     * Appends [from, to) with escapes normalized: hex upper-cased, unreserved characters decoded, a '%'
     * that starts no escape escaped, and controls, space, {@code "<>\^`{|}} and non-ASCII escaped (UTF-8).
     */
    private static void appendEscaped(StringBuilder out, CharSequence s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c == '%') {
                int high = i + 2 < to ? hexValue(s.charAt(i + 1)) : -1;
                int low = high >= 0 ? hexValue(s.charAt(i + 2)) : -1;
                if (low < 0) {
                    out.append("%25");
                    continue;
                }
                int value = high * 16 + low;
                if (isUnreserved(value)) {
                    out.append((char) value);
                } else {
                    appendEscape(out, value);
                }
                i += 2;
            } else if (c < 0x80) {
                if (ESCAPED[c]) {
                    appendEscape(out, c);
                } else {
                    out.append(c);
                }
            } else {
                int codePoint = c;
                if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(s.charAt(i + 1))) {
                    codePoint = Character.toCodePoint(c, s.charAt(++i));
                } else if (Character.isSurrogate(c)) {
                    codePoint = 0xFFFD; // a lone surrogate is not text; browsers send U+FFFD
                }
                for (byte b : new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8)) {
                    appendEscape(out, b & 0xFF);
                }
            }
        }
    }

    /**
     * Drops the configured names from the path parameters of the path that ends {@code out}, from its first
     * ';' at {@code from} on: {@code /a;jsessionid=1F/b;v=2} becomes {@code /a/b;v=2}. A parameter runs from
     * its ';' to the next ';' or '/'; its name is what comes before an '='. Only links that have a ';' in
     * their path come here, so the rest pay one scan of the path.
     */
    private void stripPathParameters(StringBuilder out, int from) {
        String tail = out.substring(from);
        out.setLength(from);
        int i = 0;
        while (i < tail.length()) {
            int next = i + 1;
            while (next < tail.length() && tail.charAt(next) != ';' && tail.charAt(next) != '/') {
                next++;
            }
            if (tail.charAt(i) == ';') {
                int equals = indexOf(tail, '=', i + 1, next);
                String name = tail.substring(i + 1, equals < 0 ? next : equals).toLowerCase(Locale.ROOT);
                if (!queryRules.stripParameters().contains(name)) {
                    out.append(tail, i, next);
                }
            } else {
                out.append(tail, i, next); // a '/' and the segment's name up to its first parameter
            }
            i = next;
        }
    }

    /** Drops the configured parameters from the query that starts ('?') at {@code queryStart}, and sorts. */
    private void applyQueryRules(StringBuilder out, int queryStart) {
        List<String> kept = new ArrayList<>();
        for (String parameter : out.substring(queryStart + 1).split("&", -1)) {
            int equals = parameter.indexOf('=');
            String name = (equals < 0 ? parameter : parameter.substring(0, equals)).toLowerCase(Locale.ROOT);
            if (!parameter.isEmpty() && !queryRules.stripParameters().contains(name)) {
                kept.add(parameter);
            }
        }
        if (queryRules.sortParameters()) {
            String[] sorted = kept.toArray(String[]::new);
            Arrays.sort(sorted);
            kept = List.of(sorted);
        }
        out.setLength(queryStart);
        if (!kept.isEmpty()) {
            out.append('?').append(String.join("&", kept));
        }
    }

    /** The index of the ':' ending a scheme at {@code from} (ALPHA *( ALPHA / DIGIT / "+" / "-" / "." )), or -1. */
    private static int schemeEnd(CharSequence s, int from, int end) {
        for (int i = from; i < end; i++) {
            char c = s.charAt(i);
            if (c == ':') {
                return i > from ? i : -1;
            }
            boolean alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            if (!(alpha || (i > from && ((c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.')))) {
                return -1;
            }
        }
        return -1;
    }

    private static boolean startsWithTwoSlashes(CharSequence s, int p, int end) {
        return p + 1 < end && (s.charAt(p) == '/' || s.charAt(p) == '\\')
                && (s.charAt(p + 1) == '/' || s.charAt(p + 1) == '\\');
    }

    private static boolean regionMatchesLower(CharSequence s, int from, String lower) {
        for (int i = 0; i < lower.length(); i++) {
            if ((s.charAt(from + i) | 0x20) != lower.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(CharSequence s, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) == c) {
                return i;
            }
        }
        return -1;
    }

    private static CharSequence withoutTabsAndNewlines(CharSequence s, int from, int to) {
        StringBuilder out = new StringBuilder(to - from);
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c != '\t' && c != '\n' && c != '\r') {
                out.append(c);
            }
        }
        return out;
    }

    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        char lower = (char) (c | 0x20);
        return lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    private static void appendEscape(StringBuilder out, int b) {
        out.append('%').append(HEX[(b >> 4) & 0xF]).append(HEX[b & 0xF]);
    }

    /**
     * Seeds, normalized: those that normalize, in order, and those that do not (to be reported).
     *
     * @param normalized the URLs that normalize, normalized
     * @param rejected the URLs as given that do not
     */
    public record Split(List<String> normalized, List<String> rejected) {
        public Split {
            normalized = List.copyOf(normalized);
            rejected = List.copyOf(rejected);
        }
    }

    /** Normalizes each of {@code urls}, keeping apart those that do not normalize. */
    public Split split(List<String> urls) {
        List<String> normalized = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        for (String url : urls) {
            normalize(url).ifPresentOrElse(normalized::add, () -> rejected.add(url));
        }
        return new Split(normalized, rejected);
    }

    /** Where a normalized URL's path starts (its first {@code /} after "://"); -1 if it has none. */
    static int pathStart(String normalizedUrl) {
        return normalizedUrl.indexOf('/', normalizedUrl.indexOf("://") + 3);
    }

    /** A normalized URL's origin: its scheme and authority, without the path ({@code http://h:8080}). */
    static String origin(String normalizedUrl) {
        int pathStart = pathStart(normalizedUrl);
        return pathStart < 0 ? normalizedUrl : normalizedUrl.substring(0, pathStart);
    }

    /** The politeness key of a normalized URL: host, plus the port when it is not the default. */
    public static String hostKey(String normalizedUrl) {
        int start = normalizedUrl.indexOf("://") + 3;
        int at = normalizedUrl.indexOf('@', start);
        int end = pathStart(normalizedUrl);
        if (end < 0) {
            end = normalizedUrl.length();
        }
        if (at >= 0 && at < end) {
            start = at + 1;
        }
        return normalizedUrl.substring(start, end);
    }
}
