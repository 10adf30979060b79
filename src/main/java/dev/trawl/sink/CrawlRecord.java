package dev.trawl.sink;

import dev.trawl.fetch.FailureKind;
import dev.trawl.fetch.FetchResult;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One line of output: what happened to one URL the crawl fetched or tried. Failures and skips are
 * records too, with {@code error} saying what went wrong. Built with {@link #builder}; serialized by
 * {@link RecordCodec} (the JSONL file and the processes-mode pipe both).
 *
 * @param url the normalized URL that was requested
 * @param finalUrl where it led: the redirect target of a 3xx, else the URL itself
 * @param status the HTTP status, absent when no response arrived
 * @param contentType the media type of the response
 * @param depth link hops from a seed
 * @param fetchedAt when the request started
 * @param elapsedMillis request time, start to end of body
 * @param bytes decompressed body bytes
 * @param title the page title
 * @param description the meta description
 * @param language the {@code <html lang>} attribute
 * @param canonical the {@code rel=canonical} URL, absolute
 * @param charset the charset the page was decoded with
 * @param outlinks links found on the page (before scope filtering)
 * @param noindex whether meta robots says noindex
 * @param nofollow whether meta robots says nofollow (then no links were followed)
 * @param attempts how many requests it took (retries included)
 * @param error what went wrong, if anything
 * @param fields the values of the config's extraction rules ({@code extract.fields}), in rule order; every
 *     rule has an entry when there are rules (null or [] where nothing matched or nothing was parsed)
 * @param links the page's outlinks, normalized, in page order (for SQLite's {@code links} table)
 */
public record CrawlRecord(
        String url,
        String finalUrl,
        OptionalInt status,
        Optional<String> contentType,
        int depth,
        Instant fetchedAt,
        long elapsedMillis,
        long bytes,
        Optional<String> title,
        Optional<String> description,
        Optional<String> language,
        Optional<String> canonical,
        Optional<String> charset,
        int outlinks,
        boolean noindex,
        boolean nofollow,
        int attempts,
        Optional<Problem> error,
        Map<String, FieldValue> fields,
        List<String> links) {

    public CrawlRecord {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(finalUrl, "finalUrl");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(fetchedAt, "fetchedAt");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(canonical, "canonical");
        Objects.requireNonNull(charset, "charset");
        Objects.requireNonNull(error, "error");
        fields = FieldMap.copyOf(fields); // the extractor's map as it is; any other, copied
        links = List.copyOf(links);
        if (depth < 0) {
            throw new IllegalArgumentException("depth must not be negative: " + depth);
        }
    }

    /**
     * What went wrong with a URL.
     *
     * @param kind the kind, written in lower case
     * @param message a human explanation
     */
    public record Problem(FailureKind kind, String message) {
        public Problem {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(message, "message");
        }
    }

    /** A record of {@code url}, reached at {@code depth}; everything else starts empty, zero or false. */
    public static Builder builder(String url, int depth) {
        return new Builder(url, depth);
    }

    /** A builder holding this record's values, to change some of them. */
    public Builder toBuilder() {
        Builder b = new Builder(url, depth);
        b.finalUrl = finalUrl;
        b.status = status;
        b.contentType = contentType;
        b.fetchedAt = fetchedAt;
        b.elapsedMillis = elapsedMillis;
        b.bytes = bytes;
        b.title = title;
        b.description = description;
        b.language = language;
        b.canonical = canonical;
        b.charset = charset;
        b.outlinks = outlinks;
        b.noindex = noindex;
        b.nofollow = nofollow;
        b.attempts = attempts;
        b.error = error;
        b.fields = fields;
        b.links = links;
        return b;
    }

    /** This record with an error attached (e.g. a redirect whose target was refused). */
    public CrawlRecord withError(FailureKind kind, String message) {
        return toBuilder().error(kind, message).build();
    }

    /** Builds a {@link CrawlRecord}; not thread-safe. */
    public static final class Builder {
        private final String url;
        private final int depth;
        private String finalUrl;
        private OptionalInt status = OptionalInt.empty();
        private Optional<String> contentType = Optional.empty();
        private Instant fetchedAt = Instant.EPOCH;
        private long elapsedMillis;
        private long bytes;
        private Optional<String> title = Optional.empty();
        private Optional<String> description = Optional.empty();
        private Optional<String> language = Optional.empty();
        private Optional<String> canonical = Optional.empty();
        private Optional<String> charset = Optional.empty();
        private int outlinks;
        private boolean noindex;
        private boolean nofollow;
        private int attempts;
        private Optional<Problem> error = Optional.empty();
        private Map<String, FieldValue> fields = Map.of();
        private List<String> links = List.of();

        private Builder(String url, int depth) {
            this.url = Objects.requireNonNull(url, "url");
            this.depth = depth;
            this.finalUrl = url;
        }

        /** Status, content type, start, duration and body size of {@code response}. */
        public Builder response(FetchResult.Fetched response) {
            return status(response.status()).contentType(response.contentType()).fetchedAt(response.startedAt())
                    .elapsedMillis(response.elapsed().toMillis()).bytes(response.body().length);
        }

        /** Start, duration and error of a request that got no usable response. */
        public Builder failure(FetchResult.Failed failed) {
            return fetchedAt(failed.startedAt()).elapsedMillis(failed.elapsed().toMillis())
                    .error(failed.kind(), failed.message());
        }

        public Builder finalUrl(String value) {
            finalUrl = value;
            return this;
        }

        public Builder status(int value) {
            status = OptionalInt.of(value);
            return this;
        }

        public Builder status(OptionalInt value) {
            status = value;
            return this;
        }

        public Builder contentType(Optional<String> value) {
            contentType = value;
            return this;
        }

        public Builder fetchedAt(Instant value) {
            fetchedAt = value;
            return this;
        }

        public Builder elapsedMillis(long value) {
            elapsedMillis = value;
            return this;
        }

        public Builder bytes(long value) {
            bytes = value;
            return this;
        }

        public Builder title(Optional<String> value) {
            title = value;
            return this;
        }

        public Builder description(Optional<String> value) {
            description = value;
            return this;
        }

        public Builder language(Optional<String> value) {
            language = value;
            return this;
        }

        public Builder canonical(Optional<String> value) {
            canonical = value;
            return this;
        }

        public Builder charset(Optional<String> value) {
            charset = value;
            return this;
        }

        public Builder outlinks(int value) {
            outlinks = value;
            return this;
        }

        public Builder noindex(boolean value) {
            noindex = value;
            return this;
        }

        public Builder nofollow(boolean value) {
            nofollow = value;
            return this;
        }

        public Builder attempts(int value) {
            attempts = value;
            return this;
        }

        public Builder error(FailureKind kind, String message) {
            error = Optional.of(new Problem(kind, message));
            return this;
        }

        public Builder error(Optional<Problem> value) {
            error = value;
            return this;
        }

        /** The extraction fields' values, in rule order; empty when there are no rules. */
        public Builder fields(Map<String, FieldValue> value) {
            fields = value;
            return this;
        }

        /** The page's outlinks, normalized, in page order (none under meta robots nofollow). */
        public Builder links(List<String> value) {
            links = value;
            return this;
        }

        public CrawlRecord build() {
            return new CrawlRecord(url, finalUrl, status, contentType, depth, fetchedAt, elapsedMillis, bytes, title,
                    description, language, canonical, charset, outlinks, noindex, nofollow, attempts, error, fields,
                    links);
        }
    }
}
