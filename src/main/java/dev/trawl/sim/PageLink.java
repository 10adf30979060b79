package dev.trawl.sim;

import java.util.List;

/**
 * One link on a generated page: where it leads, and how its {@code href} is spelled. The spellings
 * differ on purpose (absolute, root-relative, relative, with {@code ./}, with a fragment) so that a
 * crawler must resolve and normalize URLs to recognise that they lead to the same place. Immutable.
 *
 * @param host     index of the host the link leads to
 * @param target   path on that host
 * @param form     how the href is spelled; links to another host are always {@link Form#ABSOLUTE}
 * @param fragment fragment without {@code #}, or empty for none
 */
record PageLink(int host, SitePath target, Form form, String fragment) {

    /** How an href is spelled. */
    enum Form {
        /** {@code http://127.0.0.1:PORT/p/7.html} */
        ABSOLUTE,
        /** {@code /p/7.html} */
        ROOT_RELATIVE,
        /** {@code 7.html}, {@code p/7.html} or {@code ../missing/3.html}, relative to the page's directory */
        RELATIVE,
        /** As {@link #RELATIVE}, but starting with {@code ./} where the path does not climb */
        DOT_RELATIVE
    }

    /**
     * The href as written on a page.
     *
     * @param fromPath    path of the page the link is on
     * @param baseUrls    {@code http://127.0.0.1:PORT} of each host, in host order
     */
    String href(String fromPath, List<String> baseUrls) {
        String to = target.path();
        String spelled = switch (form) {
            case ABSOLUTE -> baseUrls.get(host) + to;
            case ROOT_RELATIVE -> to;
            case RELATIVE -> relative(fromPath, to);
            case DOT_RELATIVE -> {
                String relative = relative(fromPath, to);
                yield relative.startsWith(".") ? relative : "./" + relative;
            }
        };
        return fragment.isEmpty() ? spelled : spelled + "#" + fragment;
    }

    /** Paths in the scheme are at most one directory deep, which keeps this simple. */
    private static String relative(String fromPath, String to) {
        String fromDir = fromPath.substring(0, fromPath.lastIndexOf('/') + 1);
        if (to.startsWith(fromDir)) {
            String rest = to.substring(fromDir.length());
            return rest.isEmpty() ? "./" : rest;
        }
        return "../" + to.substring(1);
    }
}
