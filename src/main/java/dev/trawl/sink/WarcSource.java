package dev.trawl.sink;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trawl.fetch.FetchResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcMetadata;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.Warcinfo;

/**
 * Reads WARC files (trawl's, or any tool's WARC 1.0/1.1 with HTTP {@code response} records) back into
 * what a crawl saw: each response as the fetcher would have returned it (the body decoded from its
 * content and transfer codings, cut at the body cap), and each crawl record trawl stored beside them.
 * Not thread-safe: one reader per export.
 */
public final class WarcSource {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one WARC record gives back. */
    public sealed interface Item permits Info, Response, Stored {}

    /** A {@code warcinfo} record; {@code trawl} tells whether the file was written by trawl. */
    public record Info(boolean trawl) implements Item {}

    /** An HTTP response, as the fetcher would have returned it. */
    public record Response(FetchResult.Fetched fetched, boolean truncated) implements Item {}

    /** A crawl record trawl stored (a {@code metadata} record). */
    public record Stored(CrawlRecord record) implements Item {}

    /** What receives the items, in file order. */
    @FunctionalInterface
    public interface Visitor {
        void accept(Item item);
    }

    private WarcSource() {}

    /**
     * Reads {@code file} from start to end.
     *
     * @param maxBodyBytes decoded bodies are cut here, as the fetcher's body cap would have cut them
     * @throws UncheckedIOException naming the file if it cannot be read or is not a WARC file
     */
    public static void read(Path file, long maxBodyBytes, Visitor visitor) {
        try (WarcReader reader = new WarcReader(file)) {
            for (WarcRecord record : reader) {
                Optional<Item> item = item(record, maxBodyBytes);
                item.ifPresent(visitor::accept);
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof UncheckedIOException && e.getMessage().startsWith(file.toString())) {
                throw (UncheckedIOException) e;
            }
            throw new UncheckedIOException(file + ": not a readable WARC file: " + e.getMessage(),
                    e instanceof IOException io ? io : new IOException(e));
        }
    }

    private static Optional<Item> item(WarcRecord record, long maxBodyBytes) throws IOException {
        return switch (record) {
            case Warcinfo info -> Optional.of(new Info(info.fields().first("software")
                    .map(s -> s.toLowerCase(Locale.ROOT).startsWith("trawl")).orElse(false)));
            case WarcResponse response when response.contentType().base().equals(MediaType.HTTP) ->
                    Optional.of(response(response, maxBodyBytes));
            case WarcMetadata metadata when metadata.contentType().base().equals(
                    MediaType.parse(WarcFileWriter.RECORD_TYPE)) -> {
                byte[] json;
                try (InputStream in = metadata.body().stream()) {
                    json = in.readAllBytes();
                }
                yield Optional.of(new Stored(RecordCodec.read(JSON.readTree(json))));
            }
            default -> Optional.empty();
        };
    }

    private static Response response(WarcResponse warc, long maxBodyBytes) throws IOException {
        HttpResponse http = warc.http();
        Optional<String> contentType = http.headers().first("Content-Type")
                .map(v -> v.split(";", 2)[0].strip().toLowerCase(Locale.ROOT)).filter(v -> !v.isEmpty());
        Optional<String> charset = http.headers().first("Content-Type").flatMap(WarcSource::charset);
        Optional<String> location = http.status() / 100 == 3 ? http.headers().first("Location") : Optional.empty();
        long wireBytes = http.body().size();
        byte[] body;
        boolean overCap;
        try (InputStream in = http.bodyDecoded().stream()) {
            body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBodyBytes + 1));
        }
        overCap = body.length > maxBodyBytes;
        boolean htmlish = contentType.map(dev.trawl.fetch.ContentTypes::isHtmlish).orElse(true);
        boolean bodyRead = htmlish && location.isEmpty() && !overCap;
        FetchResult.Fetched fetched = new FetchResult.Fetched(warc.target(), warc.date(), Duration.ZERO,
                http.status(), contentType, charset, bodyRead ? body : new byte[0], bodyRead, location,
                Optional.empty(), wireBytes);
        return new Response(fetched, overCap || warc.truncated() != org.netpreserve.jwarc.WarcTruncationReason.NOT_TRUNCATED);
    }

    private static Optional<String> charset(String contentType) {
        for (String parameter : contentType.split(";")) {
            String[] pair = parameter.strip().split("=", 2);
            if (pair.length == 2 && pair[0].strip().equalsIgnoreCase("charset")) {
                String value = pair[1].strip().replace("\"", "");
                return value.isEmpty() ? Optional.empty() : Optional.of(value);
            }
        }
        return Optional.empty();
    }
}
