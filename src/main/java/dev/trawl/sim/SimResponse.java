package dev.trawl.sim;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What the sim answers to one request, before latency and transport. Immutable; the body array is
 * shared with the page cache and must not be modified.
 *
 * @param status      HTTP status
 * @param contentType value of {@code Content-Type}, empty for bodiless redirects
 * @param location    value of {@code Location} for redirects
 * @param body        the bytes to send, already gzipped when {@code gzipped}
 * @param gzipped     whether {@code Content-Encoding: gzip} applies
 */
record SimResponse(int status, Optional<String> contentType, Optional<String> location, byte[] body, boolean gzipped) {

    static final String HTML = "text/html; charset=utf-8";
    static final String TEXT = "text/plain; charset=utf-8";

    static SimResponse methodNotAllowed() {
        byte[] body = "405 Method Not Allowed: use GET or HEAD\n".getBytes(StandardCharsets.UTF_8);
        return new SimResponse(405, Optional.of(TEXT), Optional.empty(), body, false);
    }

    static SimResponse redirect(int status, String location) {
        return new SimResponse(status, Optional.empty(), Optional.of(location), new byte[0], false);
    }
}
