package dev.trawl.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.trawl.audit.AuditEvent;
import dev.trawl.audit.AuditInputException;
import dev.trawl.audit.AuditLines;
import dev.trawl.frontier.UrlNormalizer;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The requests a crawl's JSON Lines output shows, as politeness facts for {@code trawl audit --jsonl}: each
 * record with {@code attempts} above 0 was a request that started at {@code fetched_at} and ended
 * {@code elapsed_ms} later. Records come in the order they were written, not sent, so the facts are sorted in
 * memory (some 100 bytes a record). What a record does not show cannot be checked: robots.txt and sitemap
 * requests, the earlier attempts of a retried URL, Crawl-delay, Retry-After.
 */
final class JsonlRequests {
    private static final ObjectMapper JSON = new ObjectMapper();

    private JsonlRequests() {}

    /** What a replay read. */
    record Replayed(long records, long requests) {}

    /** A request seen in a record. */
    private record Request(String host, String url, long start, long end) {}

    /**
     * Reads {@code path} and gives {@code to} each request's start and end, in time order (an end before a
     * start at the same moment: the slot was free).
     *
     * @throws AuditInputException naming the file and line of a record that cannot be read
     */
    static Replayed replay(Path path, Consumer<AuditEvent> to) {
        List<Request> requests = new ArrayList<>();
        long records = 0;
        try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            long number = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                records++;
                read(path, number, line).ifPresent(requests::add);
            }
        } catch (NoSuchFileException e) {
            throw new AuditInputException("no such JSONL file: " + path);
        } catch (IOException e) {
            throw new AuditInputException("cannot read " + path + ": " + e.getMessage());
        }
        record Fact(long at, int order, AuditEvent event) {}
        List<Fact> facts = new ArrayList<>(requests.size() * 2);
        for (Request r : requests) {
            facts.add(new Fact(r.start(), 1, new AuditEvent.Sent(r.start(), r.start(), r.host(), r.url(), AuditEvent.Kind.PAGE)));
            facts.add(new Fact(r.end(), 0, new AuditEvent.Ended(r.end(), r.host(), r.url(), Optional.empty())));
        }
        facts.sort(Comparator.comparingLong(Fact::at).thenComparingInt(Fact::order));
        facts.forEach(f -> to.accept(f.event()));
        return new Replayed(records, requests.size());
    }

    private static Optional<Request> read(Path path, long number, String line) {
        String where = path + ":" + number + ": ";
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (IOException e) {
            throw new AuditInputException(where + "not a JSON record: " + String.valueOf(e.getMessage()).lines().findFirst().orElse(""));
        }
        if (node == null || !node.isObject() || !node.path("url").isTextual() || !node.path("fetched_at").isTextual()) {
            throw new AuditInputException(where + "not a trawl record (it needs url and fetched_at)");
        }
        if (node.path("attempts").asInt(1) < 1) {
            return Optional.empty(); // no request was made (robots.txt, a trap, an address refused)
        }
        long start;
        try {
            start = AuditLines.epochNanos(Instant.parse(node.get("fetched_at").asText()));
        } catch (DateTimeParseException e) {
            throw new AuditInputException(where + "fetched_at is not an ISO-8601 instant: '"
                    + node.get("fetched_at").asText() + "'");
        }
        long elapsed = Math.max(0, node.path("elapsed_ms").asLong(0));
        String url = node.get("url").asText();
        // at least a nanosecond long, so that a request of 0 ms (a refused connect) ends after it starts
        return Optional.of(new Request(UrlNormalizer.hostKey(url), url, start,
                start + Math.max(1, elapsed * 1_000_000L)));
    }
}
