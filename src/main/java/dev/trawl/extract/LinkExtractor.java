package dev.trawl.extract;

import dev.trawl.frontier.UrlNormalizer;
import dev.trawl.frontier.UrlNormalizer.Base;
import dev.trawl.parse.Outline;
import java.util.Optional;

/**
 * Whether a tag is a followable link, as a normalized absolute URL resolved against the page's base
 * (which honours {@code <base href>}): {@code a} and {@code area} hrefs, {@code frame} and {@code iframe}
 * sources. Links marked {@code rel=nofollow}, {@code download} links and non-http(s) schemes are left out.
 * Resolution and normalization are one pass of {@link UrlNormalizer#resolve}: jsoup's {@code absUrl}
 * would run a regular expression and {@code java.net.URL} per link, the hottest path after parsing.
 * Stateless and thread-safe.
 */
final class LinkExtractor {
    private final UrlNormalizer normalizer;

    LinkExtractor(UrlNormalizer normalizer) {
        this.normalizer = normalizer;
    }

    /** The followable link of one tag, if it is one. */
    Optional<String> link(Outline.Tag element, Base base) {
        String attribute = switch (element.name()) {
            case "a", "area" -> "href";
            case "frame", "iframe" -> "src";
            default -> null;
        };
        if (attribute == null || !element.hasAttr(attribute) || element.hasAttr("download")
                || hasToken(element.attr("rel"), "nofollow")) {
            return Optional.empty();
        }
        return normalizer.resolve(base, element.attr(attribute));
    }

    /** Whether the space-separated list {@code tokens} holds {@code token}, ignoring ASCII case. */
    static boolean hasToken(String tokens, String token) {
        int i = 0;
        int n = tokens.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(tokens.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(tokens.charAt(i))) {
                i++;
            }
            if (i - start == token.length() && tokens.regionMatches(true, start, token, 0, token.length())) {
                return true;
            }
        }
        return false;
    }
}
