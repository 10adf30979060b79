package dev.trawl.extract;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What a page's robots directives say to this crawler: from {@code <meta name="robots">} (or the crawler's
 * own name) and the {@code X-Robots-Tag} response header. A header value may name a user agent first
 * ({@code X-Robots-Tag: trawl: nofollow}); then it applies to that crawler only. Directives add up: any
 * {@code noindex} (or {@code none}) wins over {@code all}.
 *
 * @param noindex the page should not be indexed (recorded; the page is still crawled)
 * @param nofollow its links should not be followed
 */
public record RobotsDirectives(boolean noindex, boolean nofollow) {
    public static final RobotsDirectives NONE = new RobotsDirectives(false, false);

    /**
     * Directives that contain a colon of their own, so that {@code unavailable_after: …} is not mistaken for
     * a user agent named "unavailable_after".
     */
    private static final Set<String> COLON_DIRECTIVES = Set.of("unavailable_after", "max-snippet",
            "max-image-preview", "max-video-preview");

    /** Both sets of directives. */
    public RobotsDirectives and(RobotsDirectives other) {
        return new RobotsDirectives(noindex || other.noindex, nofollow || other.nofollow);
    }

    /** The directives of a comma-separated list such as a meta robots {@code content}. */
    public static RobotsDirectives of(String directives) {
        boolean noindex = false;
        boolean nofollow = false;
        for (String token : directives.toLowerCase(Locale.ROOT).split(",")) {
            switch (token.strip()) {
                case "noindex" -> noindex = true;
                case "nofollow" -> nofollow = true;
                case "none" -> {
                    noindex = true;
                    nofollow = true;
                }
                default -> { }
            }
        }
        return new RobotsDirectives(noindex, nofollow);
    }

    /**
     * The directives of every {@code X-Robots-Tag} header value that applies to {@code robotName}: those
     * naming no user agent, and those naming it.
     */
    public static RobotsDirectives fromHeaders(List<String> values, String robotName) {
        RobotsDirectives out = NONE;
        String robot = robotName.toLowerCase(Locale.ROOT);
        for (String value : values) {
            String text = value.strip();
            int colon = text.indexOf(':');
            if (colon > 0) {
                String agent = text.substring(0, colon).strip().toLowerCase(Locale.ROOT);
                boolean namesAnAgent = !agent.contains(",") && !COLON_DIRECTIVES.contains(agent);
                if (namesAnAgent) {
                    if (!agent.equals(robot)) {
                        continue;
                    }
                    text = text.substring(colon + 1);
                }
            }
            out = out.and(of(text));
        }
        return out;
    }
}
