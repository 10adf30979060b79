package dev.trawl.extract;

import java.net.MalformedURLException;
import java.net.URL;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Resolves a page's {@code abs:} values exactly as jsoup 1.21's {@code StringUtil.resolve(String, String)} does
 * (what {@code Element.absUrl} gives the DOM path), at a fraction of its cost: the page's base is parsed once,
 * not once per value, and the control characters jsoup strips with a regex (one that matches the empty string
 * at every position, so it rebuilds every string) are looked for first and stripped only where there are some.
 * A profile of ten rules on real pages put that regex and the base's parse at a quarter of the rules' own cost.
 * The DOM path keeps jsoup's own call, so the tests that compare the two paths compare this with it.
 * Not thread-safe: one per page (the cache it shares across pages is).
 */
@SuppressWarnings("deprecation") // java.net.URL's constructors: jsoup resolves with them, and this must equal it
final class AbsoluteUrls {
    /** jsoup's {@code extraDotSegmentsPattern}: {@code //example.com + ./foo} gives {@code /./foo}, which it drops. */
    private static final Pattern EXTRA_DOT_SEGMENTS = Pattern.compile("^/(?>(?>\\.\\.?/)+)");
    /** jsoup's {@code validUriScheme}: a URL Java cannot parse is kept when it has a scheme ({@code tel:}...). */
    private static final Pattern VALID_URI_SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+-.]*:");

    private final String baseUri;
    /**
     * The base, parsed at the first value resolved here ({@link #baseParsed}; never, when every value was resolved on
     * earlier pages); empty when it does not parse.
     */
    private Optional<URL> base = Optional.empty();
    private boolean baseParsed;
    /** What each value met on this page resolved to. */
    private final Map<String, String> resolved = new HashMap<>();
    /** Earlier pages' resolutions, shared by every page of the crawl. */
    private final ResolvedUrlCache shared;
    /** The base's key in {@link #shared}; empty: nothing of this page is shared. */
    private final Optional<String> directory;

    /** A page's resolver that reads and adds to {@code shared} where a value's resolution allows ({@link ResolvedUrlCache}). */
    AbsoluteUrls(String baseUri, ResolvedUrlCache shared) {
        this.baseUri = baseUri;
        this.shared = shared;
        this.directory = ResolvedUrlCache.directoryOf(baseUri);
    }

    /**
     * {@code relUrl} resolved against the base; "" when it does not resolve (as jsoup's). A value met before on the
     * page is not resolved again: a page repeats its links and images (a docs page's prev/up/next icons, top and
     * bottom), and each resolution parses two {@code java.net.URL}s; nor one met before against the same
     * directory, on another page, when its resolution reads no more of the base than that.
     */
    String resolve(String relUrl) {
        String known = resolved.get(relUrl);
        if (known == null) {
            boolean share = directory.isPresent() && ResolvedUrlCache.shareable(relUrl);
            known = share ? shared.get(directory.get(), relUrl) : null;
            if (known == null) {
                known = resolveOnce(relUrl);
                if (share) {
                    shared.put(directory.get(), relUrl, known);
                }
            }
            resolved.put(relUrl, known);
        }
        return known;
    }

    private Optional<URL> base() {
        if (!baseParsed) {
            baseParsed = true;
            try {
                base = Optional.of(new URL(stripControlChars(baseUri)));
            } catch (MalformedURLException e) {
                // base stays empty: every value resolves as jsoup's abs: does against no base
            }
        }
        return base;
    }

    private String resolveOnce(String relUrl) {
        String rel = stripControlChars(relUrl);
        try {
            Optional<URL> parsed = base();
            if (parsed.isEmpty()) {
                return new URL(rel).toExternalForm();
            }
            URL from = parsed.get();
            if (rel.startsWith("?")) {
                rel = from.getPath() + rel; // java resolves '//path/file' + '?foo' to '//path/?foo'
            }
            URL url = new URL(from, rel);
            String file = url.getFile();
            String fixedFile = file.startsWith("/.") ? EXTRA_DOT_SEGMENTS.matcher(file).replaceFirst("/") : file;
            if (url.getRef() != null) {
                fixedFile = fixedFile + "#" + url.getRef();
            }
            return new URL(url.getProtocol(), url.getHost(), url.getPort(), fixedFile).toExternalForm();
        } catch (MalformedURLException e) {
            return VALID_URI_SCHEME.matcher(rel).find() ? rel : "";
        }
    }

    /** jsoup's {@code stripControlChars}: every character from U+0000 to U+001F removed; the string itself when none. */
    static String stripControlChars(String input) {
        int first = 0;
        while (first < input.length() && input.charAt(first) >= 0x20) {
            first++;
        }
        if (first == input.length()) {
            return input;
        }
        StringBuilder kept = new StringBuilder(input.length()).append(input, 0, first);
        for (int k = first + 1; k < input.length(); k++) {
            char c = input.charAt(k);
            if (c >= 0x20) {
                kept.append(c);
            }
        }
        return kept.toString();
    }
}
